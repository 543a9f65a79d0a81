"""Pages and what is built on them: visits, the search index, body block migrations, pickers for plugin blocks.

Part of the plugin API: plugins import these from `cunwu.plugins.api`, never from here."""

def page_visits(town, page):
    """Visits of one page as the core counts them (stored plus still buffered)."""
    from cunwu.visits.counter import page_visits as visits

    return visits(town, page)


def pages_visits(town, pages):
    """{page id: visits} for many pages at once (one query, one Redis call)."""
    from cunwu.visits.counter import pages_visits as visits

    return visits(town, pages)


def town_visits(town):
    from cunwu.visits.counter import town_visits as visits

    return visits(town)


def reindex_search(town, label):
    """Replace the town's search entries of plugin `label` with what its `search` provider yields now.

    Call it (e.g. in transaction.on_commit) after publishing, correcting or withdrawing a searchable record.
    """
    from cunwu.search.index import reindex_plugin

    return reindex_plugin(town, label)


def migrate_body_blocks(operations_and_block_paths, revisions_from=None):
    """A migration operation that rewrites your blocks in every page body, live pages and revisions alike:
    Wagtail's MigrateStreamData run for each page model with a body. See "When a block changes" in docs/plugins.md.

    operations = [migrate_body_blocks([(RenameStructChildrenOperation("title", "heading"), "fieldvisit_latest")])]
    """
    from cunwu.pages.block_migrations import MigrateBodyBlocks

    return MigrateBodyBlocks(operations_and_block_paths, revisions_from=revisions_from)


# Pickers for plugin blocks (issue 16): an editor picks a village, a matter or a broadcast of the town of the page
# they edit; they never type its code.


def editing_town(request):
    """The town of the page an admin request works on: a chooser opened from a page's edit or add screen
    (its Referer) belongs to that page's town, if the user may work there; otherwise `admin_town(request)`."""
    from ..pickers import editing_town as town

    return town(request)


def town_chooser_viewset(name, model, rows, *, label=str, icon="snippet", choose_one_text=None,
                         choose_another_text=None, search_fields=(), ordering=None, code_field=None):
    """A Wagtail ChooserViewSet (register it with the "register_admin_viewset" hook) whose modal lists, searches
    and accepts only `rows(request, town)`, town being `editing_town(request)`; its block class is
    `viewset.get_block_class()`, a chooser block that keeps working with the codes pages stored before it
    (to_python returns them as str; a deleted item comes back as `PickedGone`). `code_field` names the model's
    field those codes are in (default: its "code" field, if it has one); the page editor then shows a stored code
    as the editing town's item, and saving keeps it as its pk."""
    from ..pickers import town_chooser_viewset as build

    return build(name, model, rows, label=label, icon=icon, choose_one_text=choose_one_text,
                 choose_another_text=choose_another_text, search_fields=search_fields, ordering=ordering,
                 code_field=code_field)


def village_chooser_viewset(name):
    """`town_chooser_viewset` of the villages of the edited page's town the editor works for (`user_villages`)."""
    from ..pickers import village_chooser_viewset as build

    return build(name)
