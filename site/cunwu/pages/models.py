from django.db import models
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from .fields import BodyStreamField
from .forms import TownPageForm


class TownPage(Page):
    """Base of every core page: a body of blocks, and a form that knows the page's town."""

    body = BodyStreamField(blank=True, verbose_name=_("content"))

    base_form_class = TownPageForm
    search_fields = Page.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("body")]

    class Meta:
        abstract = True


class HomePage(TownPage):
    parent_page_types = ["wagtailcore.Page"]
    template = "cunwu/pages/home_page.html"
    # The home page prints no title of its own: its banner's title is the page's one h1. On every other page
    # the page title is the h1 and a banner block's title an h2 (one h1 per page, for screen readers).
    hero_is_main_heading = True

    class Meta:
        verbose_name = _("town home page")
        verbose_name_plural = _("town home pages")


class SectionPage(TownPage):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    # Which standard section this is ("disclosure", "service", ...), so plugins fill it whatever its title or
    # address became. Empty for sections editors add themselves.
    section_key = models.SlugField(_("standard section"), max_length=40, blank=True, editable=False)

    parent_page_types = ["cunwu_pages.HomePage", "cunwu_pages.SectionPage"]
    template = "cunwu/pages/section_page.html"
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = TownPage.search_fields + [index.SearchField("intro")]
    page_description = _("A part of the site such as village affairs or the service guide: an introduction and blocks, "
                         "then the pages put under it, newest first.")

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .blocks.notices import newest_first

        context["children"] = newest_first(self.get_children().live().public(), getattr(request, "town", None))[:50]
        return context


class ArticlePage(TownPage):
    date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=300)

    parent_page_types = ["cunwu_pages.HomePage", "cunwu_pages.SectionPage", "cunwu_pages.VillagePage"]
    subpage_types = []
    template = "cunwu/pages/article_page.html"
    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]
    search_fields = TownPage.search_fields + [index.SearchField("summary")]
    page_description = _("News, a report or an announcement with its date and a short summary; its section lists it "
                         "with the newest first.")

    class Meta:
        verbose_name = _("article or notice")
        verbose_name_plural = _("articles and notices")


class VillageIndexPage(RoutablePageMixin, TownPage):
    parent_page_types = ["cunwu_pages.HomePage"]
    subpage_types = ["cunwu_pages.VillagePage"]
    template = "cunwu/pages/village_index_page.html"
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("village list")
        verbose_name_plural = _("village lists")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["villages"] = VillagePage.objects.child_of(self).live().select_related("village")
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("signs/")
    def signs(self, request):
        """Every village's A4 sign in one document, a page each, so an editor prints them all at once."""
        villages = VillagePage.objects.child_of(self).live().public().select_related("village__town")
        villages = villages.order_by("village__sort_order", "village__name")
        title = _("Signs of all villages")
        return render(request, "cunwu/pages/village_sign.html", {"page": self, "village_pages": villages, "title": title})


class VillagePage(RoutablePageMixin, TownPage):
    """One village's page, with its own QR code and printable sign ("one village, one code")."""

    village = models.OneToOneField(
        "towns.Village", on_delete=models.PROTECT, related_name="village_page", verbose_name=_("village")
    )

    parent_page_types = ["cunwu_pages.VillageIndexPage"]
    template = "cunwu/pages/village_page.html"
    content_panels = Page.content_panels + [FieldPanel("village"), FieldPanel("body")]

    class Meta:
        verbose_name = _("village page")
        verbose_name_plural = _("village pages")

    def get_context(self, request, *args, **kwargs):
        from cunwu.plugins.registry import hub_panels

        context = super().get_context(request, *args, **kwargs)
        context["hub_panels"] = hub_panels(request, self.village)
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("sign/")
    def sign(self, request):
        """A print-ready A4 sign with the village's QR code, for the village committee's wall."""
        context = {"page": self, "village_pages": [self], "title": self.village.name}
        return render(request, "cunwu/pages/village_sign.html", context)

    @path("qr/")
    def qr_code(self, request):
        return self.qr_download(request, "svg")

    @path("qr/png/")
    def qr_code_png(self, request):
        return self.qr_download(request, "png")

    def qr_download(self, request, kind):
        """The village's code as a file: a standalone SVG (with its XML namespace, so it opens as an image) or a PNG."""
        import io

        import segno

        from cunwu.towns.links import town_url

        qr = segno.make(town_url(self.village.town, self), error="m")  # the address a phone opens, port and scheme included
        out = io.BytesIO()
        if kind == "svg":
            qr.save(out, kind="svg", scale=10, border=2, title=self.village.name)
        else:
            qr.save(out, kind="png", scale=10, border=2)
        response = HttpResponse(out.getvalue(), content_type=QR_CONTENT_TYPES[kind])
        response["Content-Disposition"] = f'attachment; filename="{self.village.code}-qr.{kind}"'
        return response


QR_CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
