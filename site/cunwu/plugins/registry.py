"""What the installed plugins contribute, and which town has switched which plugin on."""

from dataclasses import dataclass
from functools import lru_cache

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .config import PluginConfig


@dataclass(frozen=True)
class Figure:
    """A number a plugin shows in the statistics block."""

    label: str
    value: int | float | str
    unit: str = ""


@dataclass(frozen=True)
class HubPanel:
    """One panel a plugin adds to a village's page (the village hub): a heading and HTML the plugin rendered.

    `key` names the panel (its CSS class is hub-panel--<key>); lower `order` comes first.
    """

    key: str
    title: str
    html: str
    order: int = 50


@dataclass(frozen=True)
class SearchDoc:
    """One public record of a plugin, as the town's search finds it.

    `key` is unique within the plugin (e.g. "matter:12"); `url` is the record's path on the town's host;
    `kind` is the short label shown beside the result (e.g. "权力清单"); `date` orders equal matches.
    """

    key: str
    title: str
    text: str
    url: str
    kind: str
    date: object = None


@dataclass(frozen=True)
class MessageEvent:
    """A text message a plugin sends through the `sms` service.

    `code` is unique across plugins (prefix it with your label); `description` says who gets it and when
    (translated); `params` names the placeholders the plugin fills; `default_text` is the wording until the
    town maps the event to its own, with {placeholders} from `params`. `urgent=False` lets the message wait
    out the town's quiet hours (a reminder); urgent ones (receipts, escalations) go at any hour.
    """

    code: str
    description: str
    params: tuple = ()
    default_text: str = ""
    urgent: bool = True


def plugin_configs():
    return [config for config in apps.get_app_configs() if isinstance(config, PluginConfig)]


def get_plugin(label):
    config = apps.app_configs.get(label)
    return config if isinstance(config, PluginConfig) else None


def plugin_for_module(module_name):
    """The plugin a Python module belongs to, or None for core and third-party library code."""
    config = apps.get_containing_app_config(module_name)
    return config if isinstance(config, PluginConfig) else None


def plugin_for_model(model):
    return get_plugin(model._meta.app_label)


def _import_optional(path):
    return import_string(path) if path else None


def is_enabled(town, label):
    if town is None:
        return False
    config = get_plugin(label)
    return bool(config) and label in town.enabled_plugin_labels and config.is_available(town)


def enabled_plugins(town):
    return [config for config in plugin_configs() if is_enabled(town, config.label)]


@lru_cache(maxsize=1)
def plugin_blocks():
    """(block name, block, plugin label) for every plugin block; names must be unique across plugins."""
    found, owners = [], {}
    for config in plugin_configs():
        declared = _import_optional(config.blocks)
        # A list, or a callable returning one (so a plugin can build its blocks lazily).
        for name, block in (declared() if callable(declared) else declared) or []:
            if name in owners:
                raise ImproperlyConfigured(
                    f"Block name {name!r} is offered by both {owners[name]!r} and {config.label!r}"
                )
            owners[name] = config.label
            found.append((name, block, config.label))
    return found


@lru_cache(maxsize=1)
def _block_owners():
    return {name: label for name, _block, label in plugin_blocks()}


def block_owner(block_name):
    """The plugin label that contributed a block type, or None for a core block (looked up per rendered block)."""
    return _block_owners().get(block_name)


def get_service(name, town=None):
    """The object a plugin offers under `name`, or None when no installed (or, given a town, enabled) plugin offers it."""
    for config in plugin_configs():
        path = config.services.get(name)
        if path and (town is None or is_enabled(town, config.label)):
            return import_string(path)
    return None


def statistics_for(town):
    figures = []
    for config in enabled_plugins(town):
        provider = _import_optional(config.statistics)
        if provider:
            figures.extend(provider(town))
    return figures


def settings_form_class(config):
    return _import_optional(config.settings_form)


def periodic_schedule():
    schedule = {}
    for config in plugin_configs():
        for entry, spec in config.periodic_tasks.items():
            schedule[f"{config.label}:{entry}"] = dict(spec)
    return schedule


def hub_panels(request, village):
    """The village-hub panels of the plugins the village's town enabled; a failing plugin is logged and left out."""
    import logging

    panels = []
    for config in enabled_plugins(village.town):
        provider = _import_optional(config.village_hub)
        if provider is None:
            continue
        try:
            panels.extend(provider(request, village) or [])
        except Exception:  # noqa: BLE001 - one plugin's panel must never take the village page down
            logging.getLogger("cunwu.plugins").exception("village hub of %s failed for village %s", config.label, village.pk)
    return sorted(panels, key=lambda panel: (panel.order, panel.key))


def search_provider(config):
    return _import_optional(config.search)


def section_specs(config):
    declared = _import_optional(config.sections)
    return list((declared() if callable(declared) else declared) or [])


def message_events(town=None):
    """{event code: (MessageEvent, plugin label)} of the installed (or, given a town, enabled) plugins."""
    events = {}
    for config in enabled_plugins(town) if town is not None else plugin_configs():
        declared = _import_optional(config.sms_events)
        for event in (declared() if callable(declared) else declared) or []:
            if event.code in events:
                raise ImproperlyConfigured(
                    f"SMS event {event.code!r} is declared by both {events[event.code][1]!r} and {config.label!r}"
                )
            events[event.code] = (event, config.label)
    return events


def public_page_types(town=None):
    """Public page types of the installed (or, given a town, that town's enabled) plugins."""
    configs = enabled_plugins(town) if town is not None else plugin_configs()
    return {name: config.label for config in configs for name in config.public_page_types}


def retention_rules(config):
    """The plugin's `RetentionRule`s (its `retention`: a list, or a callable returning one)."""
    declared = _import_optional(config.retention)
    return list((declared() if callable(declared) else declared) or [])
