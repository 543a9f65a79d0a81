from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class AppealFormBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default=_("Tell us your matter"))

    class Meta:
        template = "appeals/blocks/appeals_form.html"
        icon = "form"
        label = _("Appeal form")

    def get_context(self, value, parent_context=None):
        from .forms import AppealForm

        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        town = getattr(request, "town", None)
        context["form"] = AppealForm(town) if town is not None else None
        return context


class AppealLookupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default=_("Check progress"))

    class Meta:
        template = "appeals/blocks/appeals_lookup.html"
        icon = "search"
        label = _("Appeal lookup")


PLUGIN_BLOCKS = [("appeals_form", AppealFormBlock()), ("appeals_lookup", AppealLookupBlock())]
