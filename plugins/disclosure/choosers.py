"""The pickers of the disclosure blocks: a village, a matter of the power list, both of the edited page's town."""

from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api


def _published_matters(request, town):
    from .power_models import Matter, MatterStatus

    return Matter.objects.filter(town=town, status=MatterStatus.PUBLISHED, live=True).order_by("category", "sort_order", "code")


def _matter_label(matter):
    # The name first: a civil servant knows the matter by its title; the code tells two alike apart.
    return f"{matter.title}（{matter.code}）"


villages = api.village_chooser_viewset("disclosure_villages")

matters = api.town_chooser_viewset(
    "disclosure_matters", "disclosure.Matter", _published_matters, label=_matter_label, icon="list-ol",
    choose_one_text=_("Choose a matter"), choose_another_text=_("Choose another matter"),
    search_fields=("title", "code"),
)

VillageChooserBlock = villages.get_block_class("VillageChooserBlock", "disclosure.choosers")
MatterChooserBlock = matters.get_block_class("MatterChooserBlock", "disclosure.choosers")
