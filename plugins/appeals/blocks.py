"""Blocks the appeals plugin offers to page bodies; the 我要办 section is made of them (see sections.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def _town(parent_context):
    request = (parent_context or {}).get("request")
    return getattr(request, "town", None)


def _guarded(name, form, parent_context):
    """The form with the guard's honeypot (and the challenge when due) of the view it posts to."""
    from .guards import guard

    request = (parent_context or {}).get("request")
    return guard(request, name).protect(form) if request is not None else form


class AppealFormBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default=_("Tell us your matter"))

    class Meta:
        template = "appeals/blocks/appeals_form.html"
        icon = "form"
        label = _("Appeal form")
        description = _("The whole appeal form on the page: kind, village, category, details and contact.")
        help_text = _("Nothing else to fill in: villagers choose their village and the kind of matter in the form itself.")
        preview_value = {"heading": _("Tell us your matter")}

    def get_context(self, value, parent_context=None):
        from .forms import AppealForm

        context = super().get_context(value, parent_context)
        town = _town(parent_context)
        context["form"] = _guarded("submit", AppealForm(town), parent_context) if town is not None else None
        return context


class AppealKindsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default=_("What do you need?"))

    class Meta:
        template = "appeals/blocks/appeals_kinds.html"
        icon = "list-ul"
        label = _("Kinds of request")
        description = _("Three big links to the appeal form, for an application, a question or a report, "
                        "each with its kind already chosen.")
        help_text = _("Nothing else to fill in: the three links open the town's appeal form.")
        preview_value = {"heading": _("What do you need?")}

    def get_context(self, value, parent_context=None):
        from .models import Kind

        context = super().get_context(value, parent_context)
        context["kinds"] = [
            (Kind.APPLICATION, _("Apply for a service, subsidy or approval")),
            (Kind.QUESTION, _("Ask about a policy or how something is done")),
            (Kind.REPORT, _("Report a problem or misconduct, anonymously if you wish")),
        ]
        return context


class AppealLookupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default=_("Check progress"))

    class Meta:
        template = "appeals/blocks/appeals_lookup.html"
        icon = "search"
        label = _("Appeal lookup")
        description = _("Villagers check their matter with its tracking number and the last 4 digits of their mobile.")
        help_text = _("Nothing else to fill in: villagers type the tracking number they received by text message.")
        preview_value = {"heading": _("Check progress")}

    def get_context(self, value, parent_context=None):
        from .forms import LookupForm

        context = super().get_context(value, parent_context)
        context["form"] = _guarded("lookup", LookupForm(), parent_context) if _town(parent_context) is not None else None
        return context


class AppealWallBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default=_("Case wall"))
    count = blocks.IntegerBlock(label=_("Number of cases shown"), default=5, min_value=1, max_value=20)

    class Meta:
        template = "appeals/blocks/appeals_wall.html"
        icon = "doc-full"
        label = _("Case wall")
        description = _("The latest resolved cases published on the case wall (never the villager), "
                        "with a link to the whole wall.")
        help_text = _("Only cases the town chose to publish on the case wall are shown, without the villager's name.")
        preview_value = {"heading": _("Case wall"), "count": 3}

    def get_context(self, value, parent_context=None):
        from .wall import entries, wall_cases

        context = super().get_context(value, parent_context)
        town = _town(parent_context)
        context["items"] = entries(wall_cases(town)[: value.get("count") or 5]) if town is not None else []
        return context


PLUGIN_BLOCKS = [
    ("appeals_form", AppealFormBlock()),
    ("appeals_kinds", AppealKindsBlock()),
    ("appeals_lookup", AppealLookupBlock()),
    ("appeals_wall", AppealWallBlock()),
]
