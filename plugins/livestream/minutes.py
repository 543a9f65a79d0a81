"""Published minutes are a record: a later change is kept as a new version and shown as a correction, with what changed."""

from difflib import SequenceMatcher
import re
from html import unescape

from django.utils import timezone
from django.utils.html import strip_tags

from . import state

# Unchanged text between two changes is shortened to this many characters on each side.
CONTEXT = 12
TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[A-Za-z]+|\s+|.", re.S)


def plain(html):
    return " ".join(unescape(strip_tags((html or "").replace("</p>", "</p> "))).split())


def record_published(page, now=None):
    """Called on every publish: a new version only when the minutes text differs from the last one published."""
    from .models import MinutesVersion

    last = page.minutes_versions.order_by("-published_at", "-pk").first()
    if (last.minutes if last else "") == (page.minutes or ""):
        return None
    return MinutesVersion.objects.create(broadcast=page, minutes=page.minutes or "", published_at=now or timezone.now())


def tokens(text):
    # Numbers and Latin words change as a whole ("98" -> "9.8" reads as a replaced figure); Chinese by character.
    return TOKEN.findall(text)


def changes(old, new):
    """[(kind, text)] with kind "same", "removed" or "added"; long unchanged stretches are cut to their ends."""
    old, new = tokens(plain(old)), tokens(plain(new))
    parts = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            text = "".join(old[a1:a2])
            if len(text) > 2 * CONTEXT + 1:
                head = text[:CONTEXT] if parts else ""
                tail = text[-CONTEXT:] if a2 < len(old) else ""
                text = f"{head}…{tail}"
            parts.append(("same", text))
            continue
        if a2 > a1:
            parts.append(("removed", "".join(old[a1:a2])))
        if b2 > b1:
            parts.append(("added", "".join(new[b1:b2])))
    return parts


def corrections(page):
    """Versions that replaced minutes villagers could already read (after the broadcast ended), newest first."""
    versions = list(page.minutes_versions.order_by("published_at", "pk"))
    visible_from = state.ended_moment(page)
    history = []
    for previous, version in zip(versions, versions[1:]):
        if version.published_at > visible_from and previous.minutes:
            history.append({"at": version.published_at, "changes": changes(previous.minutes, version.minutes)})
    history.reverse()
    return history
