"""The broadcast page and the town's schedule page; both live in the town's page tree."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cunwu.plugins import api
from cunwu.plugins.api import PluginPage, town_for_page

from . import minutes as minutes_history
from . import sources, state


class Kind(models.TextChoices):
    VILLAGE_MEETING = "meeting", _("Village meeting")
    SUNSHINE_REPORT = "sunshine", _("Sunshine report meeting")
    SUPERVISION_DAY = "supervision", _("Village affairs supervision day")
    POLICY = "policy", _("Policy broadcast")
    LOUDSPEAKER = "loudspeaker", _("Loudspeaker audio broadcast")


class SourceKind(models.TextChoices):
    HLS = sources.HLS, _("HLS video stream (.m3u8)")
    AUDIO = sources.AUDIO, _("Audio stream")
    EMBED = sources.EMBED, _("Embedded player from an allowed host")


class BroadcastPageForm(WagtailAdminPageForm):
    """Villages offered are the page's town's; stream addresses are checked against the town's allow-list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anchor = self.parent_page if self.instance.pk is None else self.instance
        self.town = town_for_page(anchor) if anchor is not None and anchor.path else None
        if "villages" in self.fields and self.town is not None:
            self.fields["villages"].queryset = self.town.villages.all()

    def clean(self):
        cleaned = super().clean()
        try:
            sources.check_source(cleaned.get("source_kind"), cleaned.get("source_url"), self.town)
        except ValidationError as error:
            self.add_error("source_url", error)
        try:
            sources.check_replay_url(cleaned.get("replay_url"), self.town)
        except ValidationError as error:
            self.add_error("replay_url", error)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned


class BroadcastIndexPage(PluginPage, Page):
    """The town's broadcast schedule: live now, coming up, and past broadcasts with their replays."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    parent_page_types = ["cunwu_pages.HomePage", "cunwu_pages.SectionPage"]
    subpage_types = ["livestream.BroadcastPage"]
    template = "livestream/broadcast_index_page.html"
    content_panels = Page.content_panels + [FieldPanel("intro")]
    page_description = _("The town's broadcasts of village meetings in one place: live now, coming up, and past ones "
                         "with their replays. Add each broadcast under it.")

    class Meta:
        verbose_name = _("broadcast schedule")
        verbose_name_plural = _("broadcast schedules")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        groups = {state.LIVE: [], state.UPCOMING: [], "past": []}
        broadcasts = BroadcastPage.objects.child_of(self).live().public().order_by("starts_at")
        for broadcast in broadcasts.select_related("poster", "replay_document"):
            current = broadcast.state_at(now)
            groups[current if current in (state.LIVE, state.UPCOMING) else "past"].append(broadcast)
        groups["past"].reverse()
        context.update(live=groups[state.LIVE], upcoming=groups[state.UPCOMING], past=groups["past"], now=now)
        return context


class BroadcastPage(PluginPage, Page):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VILLAGE_MEETING)
    villages = ParentalManyToManyField("towns.Village", blank=True, verbose_name=_("villages concerned"))
    starts_at = models.DateTimeField(_("scheduled start"))
    ends_at = models.DateTimeField(_("scheduled end"), null=True, blank=True)
    poster = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("poster")
    )
    agenda = RichTextField(_("agenda"), blank=True, features=["bold", "ol", "ul", "link"])
    source_kind = models.CharField(_("source type"), max_length=10, choices=SourceKind.choices, default=SourceKind.HLS)
    # Text, not URLField: a path on the town's own site ("/static/...", "/media/...") is accepted as well;
    # sources.check_source validates either form.
    source_url = models.CharField(
        _("stream address"), blank=True, max_length=500,
        help_text=_("HLS: an address ending in .m3u8. Embed: the player address from a host on the town's allow-list."),
    )
    ended_at = models.DateTimeField(
        _("ended at"), null=True, blank=True,
        help_text=_("Set when the broadcast has ended; until then it shows as live (at most two hours past the scheduled end)."),
    )
    replay_document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("replay file"), help_text=_("An uploaded video or audio recording."),
    )
    replay_url = models.CharField(
        _("replay address"), blank=True, max_length=500,
        help_text=_("A video or audio file or HLS (.m3u8) address, a path on this site, or a player from an allowed host."),
    )
    minutes = RichTextField(_("minutes"), blank=True)
    attendee_count = models.PositiveIntegerField(_("attendees"), null=True, blank=True)
    related_items = models.TextField(
        _("matters discussed"), blank=True,
        help_text=_("One per line: finance months, power-list matters, appeal numbers; add an address after a | to link it."),
    )

    parent_page_types = ["livestream.BroadcastIndexPage"]
    subpage_types = []
    template = "livestream/broadcast_page.html"
    base_form_class = BroadcastPageForm
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("villages"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("poster"),
        FieldPanel("agenda"),
        MultiFieldPanel([FieldPanel("source_kind"), FieldPanel("source_url")], heading=_("Live source")),
        MultiFieldPanel(
            [
                FieldPanel("ended_at"),
                FieldPanel("replay_document"),
                FieldPanel("replay_url"),
                FieldPanel("minutes"),
                FieldPanel("attendee_count"),
                FieldPanel("related_items"),
            ],
            heading=_("After the broadcast"),
        ),
    ]

    class Meta:
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")

    @property
    def has_replay(self):
        return bool(self.replay_document_id or self.replay_url)

    def state_at(self, now=None):
        return state.state_of(self, now or timezone.now())

    @property
    def opens_at(self):
        return state.opens_at(self)

    @cached_property
    def related_links(self):
        links = []
        for line in self.related_items.splitlines():
            text, _sep, url = (part.strip() for part in line.partition("|"))
            if text:
                links.append({"text": text, "url": url if url.startswith(("https://", "http://", "/")) else ""})
        return links

    @property
    def live_media_kind(self):
        if self.source_kind == SourceKind.EMBED:
            return sources.EMBED
        if self.source_kind == SourceKind.AUDIO:
            return sources.media_kind(self.source_url) if self.source_url.lower().endswith(".m3u8") else sources.AUDIO
        return sources.HLS

    @property
    def replay_source(self):
        if self.replay_document_id:
            url = self.replay_document.url
            kind = sources.AUDIO if "." + self.replay_document.file_extension.lower() in sources.AUDIO_EXTENSIONS else "video"
            return {"url": url, "kind": kind}
        if self.replay_url:
            return {"url": self.replay_url, "kind": sources.media_kind(self.replay_url)}
        return None

    def get_context(self, request, *args, **kwargs):
        from .forms import QuestionForm, SubscribeForm
        from .guards import ASK, REMIND, guard
        from .services import meetings_of

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            now=now,
            poll_seconds=api.plugin_settings(getattr(request, "town", None) or town_for_page(self), "livestream").get("poll_seconds") or 5,
            state=self.state_at(now),
            state_label=state.LABELS[self.state_at(now)],
            # Shown with the honeypot and, for an address that is due for it, the challenge (guards.py).
            subscribe_form=kwargs.get("subscribe_form") or guard(request, REMIND).protect(SubscribeForm()),
            question_form=kwargs.get("question_form") or guard(request, ASK).protect(QuestionForm()),
            updates=self.updates.order_by("posted_at", "pk").select_related("photo", "corrects"),
            corrected_ids=set(self.updates.filter(corrects__isnull=False).values_list("corrects_id", flat=True)),
            questions=self.questions.filter(status="approved").order_by("submitted_at", "pk"),
            minutes_corrections=minutes_history.corrections(self) if self.minutes else [],
            # the supervision meetings this broadcast carried, from the disclosure plugin when the town runs it
            supervision_meetings=meetings_of(getattr(request, "town", None) or town_for_page(self), self),
        )
        return context
