from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Site


class Role(models.TextChoices):
    TOWN_ADMIN = "town_admin", _("Town administrator")
    TOWN_EDITOR = "town_editor", _("Town editor")
    VILLAGE_EDITOR = "village_editor", _("Village editor")
    VILLAGE_STAFF = "village_staff", _("Village staff")
    SUPERVISOR = "supervisor", _("Discipline supervisor")
    # The village supervision committee (村务监督委员会) and the county commission read; they change nothing.
    VILLAGE_SUPERVISOR = "village_supervisor", _("Village supervision committee member")
    VILLAGE_SUPERVISOR_DIRECTOR = "village_supervisor_director", _("Village supervision committee director")
    COUNTY_SUPERVISOR = "county_supervisor", _("County discipline supervisor")


# Roles that only read what they supervise: they receive the view rights the town's discipline supervisor
# is granted, and never a right to add, change or delete.
READ_ONLY_ROLES = (Role.VILLAGE_SUPERVISOR, Role.VILLAGE_SUPERVISOR_DIRECTOR, Role.COUNTY_SUPERVISOR)
COMMITTEE_ROLES = (Role.VILLAGE_SUPERVISOR, Role.VILLAGE_SUPERVISOR_DIRECTOR)


# A short list: the zones a Chinese town may be in, plus UTC for testing installs. Every deadline,
# working calendar, monthly figure and reminder of a town is computed in its own zone, never the
# signed-in user's.
TIME_ZONE_CHOICES = [
    ("Asia/Shanghai", _("Beijing time (Asia/Shanghai)")),
    ("Asia/Urumqi", _("Xinjiang time (Asia/Urumqi)")),
    ("Asia/Hong_Kong", _("Hong Kong time (Asia/Hong_Kong)")),
    ("Asia/Macau", _("Macau time (Asia/Macau)")),
    ("Asia/Taipei", _("Taipei time (Asia/Taipei)")),
    ("UTC", _("Coordinated Universal Time (UTC)")),
]


def default_time_zone():
    return settings.TIME_ZONE


class Moderation(models.TextChoices):
    """Who reviews pages that village editors submit (town editors publish their own)."""

    TOWN_EDITORS = "town_editors", _("Town editors and the town administrator")
    TOWN_ADMIN = "town_admin", _("The town administrator only")


class Town(models.Model):
    """A town (镇) is one Wagtail Site with its own host name, theme, villages, staff and plugins."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="town")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name"), max_length=60, unique=True, allow_unicode=False)
    theme = models.CharField(_("theme"), max_length=60, default="default")
    elder_mode_default = models.BooleanField(
        _("elder mode by default"), default=False, help_text=_("Large text and high contrast unless a visitor turns it off.")
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=200, blank=True)
    embed_hosts = models.TextField(
        _("video hosts allowed"),
        blank=True,
        help_text=_("One host per line; empty means the platform's list. Only these hosts can be embedded."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TIME_ZONE_CHOICES,
        default=default_time_zone,
        help_text=_("Deadlines, monthly figures and reminders of this town are counted in this zone."),
    )
    moderation = models.CharField(
        _("page review"),
        max_length=20,
        choices=Moderation.choices,
        default=Moderation.TOWN_EDITORS,
        help_text=_("Who approves the pages that village editors submit."),
    )
    collection = models.ForeignKey(
        Collection, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("media collection")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("town")
        verbose_name_plural = _("towns")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def for_request(cls, request):
        """The town of the request's host: cached on the request, and in the shared cache between requests."""
        if not hasattr(request, "_cunwu_town"):
            from .cache import cached_town_for_host

            request._cunwu_town = cached_town_for_host(request, lambda: cls._lookup(request))
        return request._cunwu_town

    @classmethod
    def _lookup(cls, request):
        site = Site.find_for_request(request)
        town = cls.objects.filter(site=site).select_related("site").first() if site else None
        if town is not None:
            town.enabled_plugin_labels  # noqa: B018  (computed now, so it is cached with the town)
        return town

    @classmethod
    def for_page(cls, page):
        """The town whose tree holds the page: one query over the page's ancestor paths, deepest root first."""
        step = page.steplen
        ancestors = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
        return (
            cls.objects.filter(site__root_page__path__in=ancestors)
            .select_related("site__root_page")
            .order_by("-site__root_page__depth")
            .first()
        )

    @property
    def root_page(self):
        return self.site.root_page

    @cached_property
    def enabled_plugin_labels(self):
        # One query for both: the plugins on, and those the town switched off (whose sections it hides).
        switches = dict(self.plugin_activations.values_list("plugin", "enabled"))
        self._switched_off_plugin_labels = frozenset(label for label, on in switches.items() if not on)
        return frozenset(label for label, on in switches.items() if on)

    @property
    def switched_off_plugin_labels(self):
        """Plugins the town switched off (never had is not off). Read and cached with `enabled_plugin_labels`, so
        popping that one after a switch refreshes both."""
        if "_switched_off_plugin_labels" not in self.__dict__:  # e.g. a town cached before this attribute existed
            self.__dict__.pop("enabled_plugin_labels", None)
        self.enabled_plugin_labels  # noqa: B018  (reads the rows if a switch popped them)
        return self._switched_off_plugin_labels

    def group_for(self, role):
        membership = self.groups.filter(role=role, village=None).select_related("group").first()
        return membership.group if membership else None

    def members(self, *roles):
        from django.contrib.auth import get_user_model

        groups = self.groups.all() if not roles else self.groups.filter(role__in=roles)
        return get_user_model().objects.filter(groups__town_role__in=groups, is_active=True).distinct()

    def allowed_embed_hosts(self):
        own = {line.strip().lower() for line in self.embed_hosts.splitlines() if line.strip()}
        platform = {host.lower() for host in settings.CUNWU_EMBED_HOSTS}
        return sorted(own & platform) if own else sorted(platform)


class TownGroup(models.Model):
    """Ties a Django group to a town and a role, so permissions stop at the town.

    `village` is set on the groups that carry one village's page rights (kept in step with
    `Village.staff`); the town's role groups have it empty.
    """

    town = models.ForeignKey(Town, on_delete=models.CASCADE, related_name="groups")
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="town_role")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    village = models.ForeignKey(
        "Village", null=True, blank=True, on_delete=models.CASCADE, related_name="groups", verbose_name=_("village")
    )

    class Meta:
        verbose_name = _("town group")
        verbose_name_plural = _("town groups")
        constraints = [
            models.UniqueConstraint(
                fields=["town", "role"], condition=models.Q(village=None), name="one_group_per_role_per_town"
            ),
            models.UniqueConstraint(fields=["village", "role"], name="one_group_per_role_per_village"),
        ]

    def __str__(self):
        return f"{self.town} · {self.get_role_display()}"


class Village(models.Model):
    """A village (村) of a town. Plugins attach ledgers, cases and broadcasts to it."""

    town = models.ForeignKey(Town, on_delete=models.CASCADE, related_name="villages", verbose_name=_("town"))
    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=60, help_text=_("Used in addresses, e.g. beigoucun."))
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    intro = models.TextField(_("introduction"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="villages",
        verbose_name=_("village staff"),
        help_text=_("Staff and editors who work for this village."),
    )

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["town", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["town", "code"], name="unique_village_code_per_town")]

    def __str__(self):
        return self.name

    @property
    def page(self):
        return getattr(self, "village_page", None)
