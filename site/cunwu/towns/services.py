"""Creating a town: its Site, pages from a blueprint, villages, media collection, groups and page review. Idempotent."""

import json
from pathlib import Path

from anyascii import anyascii
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Collection, Page, Site

from cunwu.plugins.signals import town_created

from .moderation import ensure_moderation
from .models import Town, Village
from .permissions import ensure_groups

BLUEPRINTS = Path(__file__).parent / "blueprints"


class TownError(ValueError):
    pass


def ascii_slug(text, fallback="town"):
    return slugify(anyascii(text)) or fallback


def load_blueprint(name="default"):
    path = BLUEPRINTS / f"{name}.json"
    if not path.is_file():
        raise TownError(f"unknown blueprint {name!r}")
    return json.loads(path.read_text(encoding="utf-8"))


def _resolve(value, town_name, pages):
    """Fill {town} into strings and turn "@key" page references into page ids."""
    if isinstance(value, dict):
        return {key: _resolve(item, town_name, pages) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item, town_name, pages) for item in value]
    if isinstance(value, str):
        if value.startswith("@"):
            page = pages.get(value[1:])
            return page.pk if page else None
        return value.replace("{town}", town_name)
    return value


def _stream(blocks, town_name, pages):
    return json.dumps(_resolve(blocks, town_name, pages), ensure_ascii=False)


def enable_plugins(town, labels=None):
    """Switch plugins on for a new town (each seeds its defaults in installed() and fills its sections)."""
    from cunwu.plugins.registry import get_plugin, plugin_configs
    from cunwu.plugins.switch import set_plugin_enabled

    if labels is None:
        labels = [config.label for config in plugin_configs() if config.is_available(town)]
    for label in labels:
        if get_plugin(label) is None:
            raise TownError(f"unknown plugin {label!r}")
        set_plugin_enabled(town, label, True)


def add_village(town, name, code=None, sort_order=0):
    from cunwu.pages.models import VillageIndexPage, VillagePage

    code = code or ascii_slug(name, "village")
    village, _created = Village.objects.get_or_create(
        town=town, code=code, defaults={"name": name, "sort_order": sort_order}
    )
    index = VillageIndexPage.objects.descendant_of(town.root_page).first()
    if index is not None and not VillagePage.objects.filter(village=village).exists():
        index.add_child(instance=VillagePage(title=name, slug=code, village=village))
    return village


def _free_hostname(hostname, port):
    """Wagtail's install leaves a placeholder site on localhost:80; a town may take its place."""
    site = Site.objects.filter(hostname=hostname, port=port).select_related("root_page").first()
    if site is None:
        return
    if Town.objects.filter(site=site).exists() or site.root_page.specific_class is not Page:
        raise TownError(f"the host name {hostname}:{port} is used by another site")
    placeholder = site.root_page
    site.delete()
    if placeholder.depth == 2 and not placeholder.get_children().exists():
        placeholder.delete()


@transaction.atomic
def create_town(
    name, hostname, theme="default", villages=(), port=80, slug=None, is_default=False, blueprint="default", plugins=None
):
    """Make the town ready to use. `plugins`: labels to switch on; None means every installed plugin."""
    from cunwu.pages.models import HomePage, SectionPage, VillageIndexPage
    from cunwu.themes.registry import available_themes

    if theme not in available_themes():
        raise TownError(f"unknown theme {theme!r}; available: {', '.join(available_themes())}")
    hostname = hostname.strip().lower()
    if not hostname:
        raise TownError("a host name is required")
    existing = Town.objects.filter(site__hostname=hostname, site__port=port).select_related("site").first()
    if existing is not None:
        for order, village_name in enumerate(villages):
            add_village(existing, village_name, sort_order=order)
        ensure_groups(existing)
        ensure_moderation(existing)
        return existing, False

    _free_hostname(hostname, port)
    slug = slug or ascii_slug(name)
    if Town.objects.filter(slug=slug).exists():
        raise TownError(f"a town with the short name {slug!r} exists already")
    plan = load_blueprint(blueprint)

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=name, slug=slug))
    if is_default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    site = Site.objects.create(
        hostname=hostname, port=port, site_name=name, root_page=home, is_default_site=is_default
    )
    collection = Collection.get_first_root_node().add_child(name=name)
    town = Town.objects.create(site=site, name=name, slug=slug, theme=theme, collection=collection)

    pages = {}
    for section in plan["sections"]:
        pages[section["key"]] = home.add_child(
            instance=SectionPage(
                title=section["title"],
                slug=section["slug"],
                intro=section.get("intro", ""),
                section_key=section["key"],
                show_in_menus=True,
            )
        )
    index_plan = plan["villages"]
    pages["villages"] = home.add_child(instance=VillageIndexPage(title=index_plan["title"], slug=index_plan["slug"], show_in_menus=True))
    for section in plan["sections"]:
        if section.get("body"):
            page = pages[section["key"]]
            page.body = _stream(section["body"], name, pages)
            page.save_revision().publish()
    home.body = _stream(plan["home"]["body"], name, pages)
    home.save_revision().publish()

    for order, village_name in enumerate(villages):
        add_village(town, village_name, sort_order=order)
    ensure_groups(town)
    ensure_moderation(town)
    enable_plugins(town, plugins)
    transaction.on_commit(lambda: town_created.send(sender=Town, town=town))
    return town, True
