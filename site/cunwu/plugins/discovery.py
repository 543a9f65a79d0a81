"""Find plugins through the `cunwu.plugins` entry-point group, before Django starts.

Imported by the settings module, so it must not touch Django.
"""

import importlib.util
import logging
import os
from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "cunwu.plugins"

logger = logging.getLogger(__name__)


def discover_plugin_apps(group=ENTRY_POINT_GROUP):
    """The dotted module paths of every installed plugin, in a stable order.

    `CUNWU_EXCLUDE_PLUGINS` (comma separated entry-point names) leaves some out of this install
    altogether; switching a plugin off for one town is done per town in the admin instead.
    """
    excluded = {name.strip() for name in os.environ.get("CUNWU_EXCLUDE_PLUGINS", "").split(",") if name.strip()}
    apps = []
    for entry_point in sorted(entry_points(group=group), key=lambda ep: ep.name):
        module = entry_point.value.split(":")[0]
        if entry_point.name in excluded or module in apps:
            continue
        # Metadata can outlive a package removed by hand; a missing module must not stop the site.
        if importlib.util.find_spec(module.split(".")[0]) is None:
            logger.warning("plugin %s is declared but its module %s cannot be imported", entry_point.name, module)
            continue
        apps.append(module)
    return apps
