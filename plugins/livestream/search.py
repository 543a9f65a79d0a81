"""Search documents: the town's published broadcasts (title, kind, agenda, minutes); never viewers or askers."""

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cunwu.plugins import api

from .schedule import public_broadcasts


def documents(town):
    for page in public_broadcasts(town).order_by("-starts_at"):
        parts = page.get_url_parts()
        if parts is None:  # not routable on any site
            continue
        path = parts[2]
        text = " ".join(part for part in (page.get_kind_display(), strip_tags(page.agenda), strip_tags(page.minutes)) if part)
        yield api.SearchDoc(key=f"broadcast:{page.pk}", title=page.title, text=text, url=path, kind=_("Broadcast"),
                            date=page.starts_at)


def reindex_after_commit(page):
    """The town's broadcast entries follow a publish, withdrawal or end once it is committed."""
    town = api.town_for_page(page)
    if town is not None:
        transaction.on_commit(lambda: api.reindex_search(town, "livestream"))
