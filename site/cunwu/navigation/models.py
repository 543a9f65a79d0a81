"""A town's own menu and footer. Until an editor saves a menu, the menu is the town's sections (as before)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class TownNavigation(ClusterableModel):
    town = models.OneToOneField("towns.Town", on_delete=models.CASCADE, related_name="navigation", verbose_name=_("town"))
    hotline = models.CharField(
        _("supervision hotline"), max_length=40, blank=True, help_text=_("Shown in the footer of every page, e.g. 0571-12345678.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        InlinePanel("menu_items", heading=_("Menu"), label=_("menu item"),
                    help_text=_("Drag to reorder. Leave the label empty to use the page's title.")),
        MultiFieldPanel([FieldPanel("hotline"), InlinePanel("footer_lines", label=_("footer line"))], heading=_("Footer")),
    ]

    class Meta:
        verbose_name = _("menu and footer")
        verbose_name_plural = _("menus and footers")

    def __str__(self):
        return str(self.town)


class _Link(models.Model):
    """A page of the town or an address elsewhere; a page link follows the page when it moves or is renamed."""

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    url = models.URLField(_("other website"), blank=True, help_text=_("Only for a link outside this town's site."))

    class Meta:
        abstract = True

    def _check_link(self, required):
        # That a chosen page is of the town is checked by the edit screen, which knows the town.
        if self.page_id and self.url:
            raise ValidationError(_("Choose a page or enter an address, not both."))
        if required and not (self.page_id or self.url):
            raise ValidationError(_("Choose a page of this town or enter an address."))


class MenuItem(Orderable, _Link):
    navigation = ParentalKey(TownNavigation, on_delete=models.CASCADE, related_name="menu_items")
    label = models.CharField(_("label"), max_length=40, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False, help_text=_("Kept here but not shown in the menu."))

    panels = [FieldPanel("page"), FieldPanel("url"), FieldPanel("label"), FieldPanel("hidden")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")

    def clean(self):
        self._check_link(required=True)
        if self.url and not self.label:
            raise ValidationError({"label": _("A link to another website needs a label.")})


class FooterLine(Orderable, _Link):
    navigation = ParentalKey(TownNavigation, on_delete=models.CASCADE, related_name="footer_lines")
    text = models.CharField(_("text"), max_length=200, help_text=_("e.g. the address, the office hours or a phone number."))
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("page"),
        help_text=_("Optional: the line links to this page."),
    )

    panels = [FieldPanel("text"), FieldPanel("page"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer line")
        verbose_name_plural = _("footer lines")

    def clean(self):
        self._check_link(required=False)
