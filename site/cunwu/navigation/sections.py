"""Sections that belong to a plugin the town has switched off: their pages answer 404 and nothing links to them.

A section belongs to the plugins whose `sections` declare its key (直播 is livestream's "live"). Once the town
switches them off it is hidden while none of them is on, and back the moment one is switched on again: nothing
is unpublished or deleted, so the editors' work on the section survives the switch. Sections without a plugin's
key (the editors' own, 联系我们) are never hidden.
"""

from cunwu.plugins.registry import is_enabled, plugin_configs, section_specs


def section_owners():
    """{section key: {plugin label, ...}} over the installed plugins."""
    owners = {}
    for config in plugin_configs():
        for spec in section_specs(config):
            owners.setdefault(spec["key"], set()).add(config.label)
    return owners


def hidden_keys(town):
    """Keys of the sections whose plugins the town switched off (and none of whose plugins is on).

    Only a switch turned off hides a section: a town that never had the plugin keeps the section its blueprint
    made, as its editors left it (an intro, their own notices), exactly as before plugins could be switched.
    """
    switched_off = town.switched_off_plugin_labels  # read with the town's enabled plugins, cached with the town
    if not switched_off:
        return set()
    return {
        key for key, labels in section_owners().items()
        if labels & switched_off and not any(is_enabled(town, label) for label in labels)
    }


def hidden_paths(town, request=None):
    """Tree paths of the town's sections hidden now (a page is hidden if its path starts with one).

    Kept on the request: menus, links and the 404 guard ask several times while one page renders."""
    if town is None:
        return ()
    cache = getattr(request, "_cunwu_hidden_sections", None) if request is not None else None
    if cache is not None and cache[0] == (town.pk, town.enabled_plugin_labels):
        return cache[1]
    from cunwu.pages.models import SectionPage

    keys = hidden_keys(town)
    paths = ()
    if keys:
        paths = tuple(
            SectionPage.objects.child_of(town.root_page).filter(section_key__in=keys).values_list("path", flat=True)
        )
    if request is not None:
        request._cunwu_hidden_sections = ((town.pk, town.enabled_plugin_labels), paths)
    return paths


def is_hidden(page, town, request=None):
    path = getattr(page, "path", None)
    return bool(path) and any(path.startswith(hidden) for hidden in hidden_paths(town, request))
