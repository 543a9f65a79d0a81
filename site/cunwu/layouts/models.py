"""Layouts a town editor starts a page from (page types with their own starting blocks), and content kept once
per town and shown on many pages.

Each layout is a page type rather than a blueprint of blocks: Wagtail's "add page" screen already asks which type
to add, with a name and a description, so the editor picks a layout where they pick any page; each type has its
own template, which places the title and introduction where the layout wants them (a special topic's title on its
banner); and its body's default is the layout's starting blocks, which the editor sees in the new page's form.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cunwu.pages.fields import BodyStreamField
from cunwu.pages.models import TownPage

from . import starts
from .fields import ReusableBodyField

# Layout pages live under a town's sections (and a village's page), never outside a town's tree.
UNDER_SECTIONS = ["cunwu_pages.HomePage", "cunwu_pages.SectionPage"]


class LayoutPage(TownPage):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = TownPage.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True


class TopicPage(LayoutPage):
    """A landing page for a campaign or a special topic: a banner with the title on it, then the blocks."""

    banner_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("banner picture"),
    )
    body = BodyStreamField(blank=True, default=starts.topic_start, verbose_name=_("content"))

    parent_page_types = UNDER_SECTIONS
    subpage_types = ["cunwu_pages.ArticlePage", "cunwu_layouts.NoticePage"]
    template = "cunwu_layouts/pages/topic_page.html"
    page_description = _("A campaign or theme on one page: a large picture with the title on it, then text, questions and contacts.")
    content_panels = Page.content_panels + [FieldPanel("banner_image"), FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("special topic page")
        verbose_name_plural = _("special topic pages")


class NoticePage(LayoutPage):
    """A notice of the town or a village: who issues it and when, then its text."""

    date = models.DateField(_("date"), null=True, blank=True, help_text=_("Empty: the day it is first published."))
    issuer = models.CharField(_("issued by"), max_length=100, blank=True, help_text=_("e.g. the town government's office"))
    body = BodyStreamField(blank=True, default=starts.notice_start, verbose_name=_("content"))

    parent_page_types = UNDER_SECTIONS + ["cunwu_pages.VillagePage", "cunwu_layouts.TopicPage"]
    template = "cunwu_layouts/pages/notice_page.html"
    page_description = _("A dated announcement with the office that issues it, e.g. a meeting or a deadline for villagers.")
    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("issuer"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = LayoutPage.search_fields + [index.SearchField("issuer")]

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")


class VillageIntroPage(LayoutPage):
    """What a village is: its overview, history, industries and committee."""

    body = BodyStreamField(blank=True, default=starts.village_intro_start, verbose_name=_("content"))

    parent_page_types = UNDER_SECTIONS + ["cunwu_pages.VillagePage"]
    template = "cunwu_layouts/pages/village_intro_page.html"
    page_description = _("Overview, history, industries and committee members of a village, with its contact.")

    class Meta:
        verbose_name = _("village introduction")
        verbose_name_plural = _("village introductions")


class ServiceGuidePage(LayoutPage):
    """How to get one thing done: conditions, papers to bring, steps, time limit, where to go."""

    body = BodyStreamField(blank=True, default=starts.service_guide_start, verbose_name=_("content"))

    parent_page_types = UNDER_SECTIONS + ["cunwu_pages.VillagePage"]
    template = "cunwu_layouts/pages/service_guide_page.html"
    page_description = _("Who may apply, which papers to bring, the steps, the time limit and where to go.")

    class Meta:
        verbose_name = _("service guide")
        verbose_name_plural = _("service guides")


class ReusableContent(models.Model):
    """A piece of content kept once per town (a contact card, a "how to appeal" box) and shown on many pages:
    pages choose it in a "reusable content" block, so editing it here changes every page that shows it."""

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="reusable_contents", verbose_name=_("town"))
    title = models.CharField(_("title"), max_length=100, help_text=_("For finding it in the list; not shown on pages."))
    body = ReusableBodyField(blank=True, verbose_name=_("content"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("reusable content")
        verbose_name_plural = _("reusable contents")
        ordering = ["town", "title"]

    def __str__(self):
        return self.title
