"""`manage.py plugins`: what is installed, in which version, whether it fits this cunwu, and which towns use it."""

from importlib.metadata import entry_points

from django.core.management.base import BaseCommand
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from cunwu import __version__
from cunwu.plugins.discovery import ENTRY_POINT_GROUP
from cunwu.plugins.models import PluginActivation
from cunwu.plugins.registry import plugin_configs


def compatible(spec):
    try:
        return Version(__version__) in SpecifierSet(spec)
    except InvalidSpecifier:
        return False


class Command(BaseCommand):
    help = "List installed plugins with their versions, compatibility and the towns that enabled them."

    def handle(self, **options):
        towns_of = {}
        for activation in PluginActivation.objects.filter(enabled=True).select_related("town").order_by("town__name"):
            towns_of.setdefault(activation.plugin, []).append(activation.town.name)
        configs = sorted(plugin_configs(), key=lambda config: config.label)
        self.stdout.write(f"cunwu {__version__}: {len(configs)} plugin(s) installed")
        for config in configs:
            meta = config.meta
            verdict = "ok" if compatible(meta.compatibility) else "INCOMPATIBLE"
            towns = "、".join(towns_of.get(config.label, [])) or "-"
            self.stdout.write(
                f"{config.label:<16} {meta.name or config.verbose_name} ({meta.name_en or config.label}) "
                f"{meta.version}  needs cunwu {meta.compatibility}: {verdict}  towns: {towns}"
            )
        loaded = {config.name for config in configs}
        for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
            if entry_point.value.split(":")[0] not in loaded:
                self.stdout.write(
                    self.style.WARNING(f"{entry_point.name:<16} declared but not loaded (excluded or not importable)")
                )
        for label in sorted(set(towns_of) - {config.label for config in configs}):
            self.stdout.write(
                self.style.WARNING(f"{label:<16} not installed, yet enabled by: {'、'.join(towns_of[label])}")
            )
