"""A block that fails stays inside itself: the page answers, the block shows nothing public.

Every body block (core or plugin) is rendered through `render_child`, whether by the `render_body` tag of the page
templates or by the body StreamBlock's own rendering (`{% include_block page.body %}`). A failure is logged without
its message (a database error's text carries the query's values, which may be a villager's), counted in the
context's failure list when the admin asks (the check after an editor saves), and shown as a Chinese notice in the
editor's preview only.
"""

import logging
import traceback

from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext

logger = logging.getLogger("cunwu.blocks")

# A list in the render context; each failing block's label is appended to it (see wagtail_hooks.warn_failing_blocks).
FAILURES = "cunwu_block_failures"


def _where(exc):
    """The innermost frame of our own code (else the innermost frame): enough to find the bug, no data."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [frame for frame in frames if "site-packages" not in frame.filename]
    frame = (ours or frames or [None])[-1]
    return f"{frame.filename}:{frame.lineno}" if frame else "?"


def block_label(block, block_type=""):
    return str(getattr(block, "label", "") or block_type or getattr(block, "name", "") or "?")


def note_failure(context, block, block_type, block_id, exc, stage="render"):
    page = (context or {}).get("page")
    logger.error(
        "block %s (%s) on page %s failed to %s: %s at %s",
        block_type, block_id or "-", getattr(page, "pk", None), stage, type(exc).__name__, _where(exc),
    )
    failures = (context or {}).get(FAILURES)
    if isinstance(failures, list):
        failures.append(block_label(block, block_type))


def is_preview(context):
    return bool(getattr((context or {}).get("request"), "is_preview", False))


def failure_notice(context, block, block_type=""):
    """What stands in for a failed block: nothing for visitors, a notice naming the block in the editor's preview."""
    if not is_preview(context):
        return ""
    return format_html(
        '<div class="block-failed" role="alert"><strong>{}</strong> {}</div>',
        gettext("This block could not be shown; visitors do not see it."),
        gettext("Block: %(block)s. Check its settings, or ask the site's administrator.")
        % {"block": block_label(block, block_type)},
    )


class BodyGuard:
    """One savepoint for a whole body, taken again after each failure.

    On PostgreSQL a bad query inside a transaction (a test, ATOMIC_REQUESTS, the admin's check after a save) aborts
    it: every later query of the request would fail too. Rolling back to the savepoint taken before the body lets
    the rest of the page query again. In autocommit (how pages are served) no transaction is open and nothing is
    needed. One savepoint per body, not per block, so the queries of a page do not grow with its blocks."""

    def __init__(self, using=None):
        self.connection = transaction.get_connection(using)
        self.sid = None

    def __enter__(self):
        if self.connection.in_atomic_block:
            self.sid = transaction.savepoint()
        return self

    def recover(self):
        if self.sid is not None:
            transaction.savepoint_rollback(self.sid)
            self.sid = transaction.savepoint()

    def __exit__(self, exc_type, exc, tb):
        if self.sid is not None:
            if exc_type is None:
                transaction.savepoint_commit(self.sid)
            else:
                transaction.savepoint_rollback(self.sid)
        return False


def render_child(child, context, guard):
    """(html, ok) of one body block; on failure the html is the preview notice or nothing."""
    try:
        return child.block.render(child.value, context=context), True
    except Exception as exc:  # noqa: BLE001 - any bug of any block (plugin blocks too) must stay inside it
        guard.recover()
        note_failure(context, child.block, child.block_type, child.id, exc)
        return failure_notice(context, child.block, child.block_type), False
