"""The base AppConfig of every plugin: its manifest (metadata and contribution points)."""

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

CATEGORIES = {
    "disclosure": _("Disclosure"),
    "service": _("Services for villagers"),
    "supervision": _("Supervision"),
    "media": _("Media"),
    "other": _("Other"),
}


class PluginConfig(AppConfig):
    """Subclass this in your plugin's apps.py and fill in `CunwuPluginMeta`.

    Contribution points are dotted paths, imported only when the core needs them:
    - `blocks`: a list of (name, block) pairs offered to page bodies of towns that enabled the plugin;
    - `settings_form`: a Django form whose fields are this plugin's settings for one town;
    - `urls`: a URLconf mounted at /p/<label>/ that answers 404 on towns that did not enable the plugin;
    - `demo_loader`: callable(town, villages) that adds demo content, idempotently;
    - `statistics`: callable(town) returning a list of `Figure` for the statistics block;
    - `services`: {service name: dotted path of the object other plugins get through `get_service`};
    - `periodic_tasks`: {entry name: {"task": task name, "schedule": seconds}} for Celery beat;
    - `sections`: a list (or a callable returning one) of section specs the plugin fills, each
      {"key", "title", "slug", "intro", "body": [blocks as stream JSON]}; when a town switches the plugin on
      (or is created with it), the core makes the section under the town's home page if it is missing and
      appends each block whose type the section does not hold yet (see `cunwu.plugins.sections`);
    - `village_hub`: callable(request, village) returning a list of `HubPanel` shown on the village's page;
    - `search`: callable(town) yielding `SearchDoc` for the town's public records (see `reindex_search`);
    - `sms_events`: a list (or a callable returning one) of `MessageEvent`: the text messages the plugin
      sends through the `sms` service, so a town admin can map each to the provider's approved template;
    - `retention`: a list (or a callable returning one) of `RetentionRule`: personal data the plugin keeps and
      how to anonymise it after the town's retention period (the core's retention sweep runs them);
    - `public_page_types`: names (e.g. "disclosure.ledger") of the plugin's public page types; each page's
      <body data-page-type> carries its type, and the link crawler of the tests must reach every one.
    """

    default_auto_field = "django.db.models.BigAutoField"
    # Django picks the one AppConfig subclass of a plugin's apps.py; `from cunwu.plugins.api import PluginConfig`
    # puts this base class there too, so the base is never a default and every subclass is.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    class CunwuPluginMeta:
        name = ""
        name_en = ""
        version = "0.0.0"
        author = ""
        description = ""
        category = "other"
        compatibility = ">=0.1"

    blocks = None
    settings_form = None
    urls = None
    demo_loader = None
    statistics = None
    services = {}
    periodic_tasks = {}
    sections = None
    village_hub = None
    search = None
    sms_events = None
    retention = None
    public_page_types = ()

    @property
    def meta(self):
        return self.CunwuPluginMeta

    @property
    def display_name(self):
        return self.meta.name or self.verbose_name

    def ready(self):
        self.check_compatibility()
        super().ready()

    def check_compatibility(self):
        from cunwu import __version__

        try:
            spec = SpecifierSet(self.meta.compatibility)
        except InvalidSpecifier as exc:
            raise ImproperlyConfigured(
                f"Plugin {self.label!r} declares an invalid compatibility {self.meta.compatibility!r}: {exc}"
            ) from exc
        if Version(__version__) not in spec:
            raise ImproperlyConfigured(
                f"Plugin {self.label!r} {self.meta.version} needs cunwu {self.meta.compatibility}, "
                f"but this is cunwu {__version__}. Install a matching version of the plugin "
                f"or leave it out with CUNWU_EXCLUDE_PLUGINS={self.label}."
            )

    # Hooks a plugin may override.
    def is_available(self, town):
        """Whether this town may enable the plugin at all (e.g. a licence or a missing setting)."""
        return True

    def installed(self, town):
        """Called once each time a town switches the plugin on."""

    def uninstalled(self, town):
        """Called each time a town switches the plugin off. Never delete the town's data here."""

    def upgrade(self, town):
        """Called after every `migrate` for each town that has the plugin on: grant permissions on models a
        new version added, so towns that enabled an older version get them too. Must be idempotent."""
