"""Sections a plugin fills: made under a town's home page when missing, blocks appended when absent. Idempotent.

A section is found by its `section_key` (the blueprint's and the plugins' "key"), so an editor may rename it or
change its address freely. A block type the section already holds is never added twice; blocks an editor put
there are never touched.
"""

import json

from django.db import transaction

from .registry import section_specs


def _resolve(value, town, pages):
    from cunwu.towns.services import _resolve as resolve

    return resolve(value, town.name, pages)


def standard_sections(town):
    """{section key: SectionPage} of the town's sections that carry a key."""
    from cunwu.pages.models import SectionPage

    return {page.section_key: page for page in SectionPage.objects.child_of(town.root_page).exclude(section_key="")}


@transaction.atomic
def apply_sections(town, config):
    """Make and fill the sections `config` declares for `town`. Returns the section pages it changed."""
    from cunwu.pages.models import SectionPage

    specs = section_specs(config)
    if not specs:
        return []
    home = town.root_page.specific
    pages = standard_sections(town)
    changed = []
    for spec in specs:
        page = pages.get(spec["key"])
        if page is None:
            page = home.add_child(
                instance=SectionPage(
                    title=spec["title"],
                    slug=_free_slug(home, spec["slug"]),
                    intro=spec.get("intro", ""),
                    section_key=spec["key"],
                    show_in_menus=True,
                )
            )
            pages[spec["key"]] = page
        page = page.specific
        held = {child.block_type for child in page.body}
        wanted = [block for block in _resolve(spec.get("body", []), town, pages) if block["type"] not in held]
        if not wanted and page.live:
            continue
        raw = list(page.body.raw_data) + wanted
        page.body = json.dumps(raw, ensure_ascii=False, default=str)
        page.save_revision().publish()
        changed.append(page)
    return changed


def _free_slug(parent, slug):
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
