"""Text handling of the town search: normalising, cutting a query into terms, highlighting and snippets.

Documents are matched by substring on a normalised copy of their text (see `SearchEntry`), so only the query is
segmented; a query word therefore always finds the same characters in a document, whatever a segmenter would have
made of the document's sentence.
"""

import unicodedata

import rjieba
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

MAX_QUERY = 100
MAX_TERMS = 8
SNIPPET_BEFORE, SNIPPET_LENGTH = 30, 120
# Whitespace a pasted query may carry; every other control character is refused.
ALLOWED_CONTROL = "\t\n\r"


class InvalidQuery(ValueError):
    message = _("The search words contain characters that cannot be searched. Please type them again.")


def _normal_char(char):
    return unicodedata.normalize("NFKC", char).lower()


def normalize_with_map(text):
    """The normalised text (NFKC, lower case, whitespace runs as one space) and, for each of its characters,
    the index of the original character it came from: matches found in the normalised text are highlighted in
    the original."""
    out, origin, space = [], [], False
    for index, char in enumerate(text or ""):
        if char.isspace():
            if not space and out:
                out.append(" ")
                origin.append(index)
            space = True
            continue
        space = False
        for piece in _normal_char(char):
            out.append(piece)
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


def normalize(text):
    return normalize_with_map(text)[0]


def clean_query(raw):
    """The query as typed, stripped and capped; InvalidQuery for NUL and other control characters."""
    raw = raw or ""
    if any(unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROL for char in raw):
        raise InvalidQuery
    return " ".join(raw.split())[:MAX_QUERY]


def query_terms(query):
    """The words to look for: rjieba's search cut of the normalised query, punctuation dropped.

    cut_for_search yields both the pieces and the compounds ("财务", "公开", "财务公开"); a compound holding another
    term is left out, so 北沟村财务公开 also finds "北沟村财务收支公开". (rjieba keeps one dictionary per process,
    loaded at its first use.)
    """
    words = []
    for word in rjieba.cut_for_search(normalize(query)):
        word = word.strip()
        if word and any(char.isalnum() for char in word) and word not in words:
            words.append(word)
    terms = [word for word in words if not any(other != word and other in word for other in words)]
    return terms[:MAX_TERMS]


def _spans(normal, origin, terms):
    """Merged (start, end) spans of the original text where any term occurs."""
    spans = []
    for term in terms:
        start = normal.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((origin[start], origin[end - 1] + 1))
            start = normal.find(term, end)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    if any(len(term) > 1 for term in terms):
        # A one-character term (村 of 北沟村) is marked beside the rest of the query, not wherever it occurs.
        merged = [(start, end) for start, end in merged if end - start > 1]
    return merged


def highlight(text, terms):
    """The text, HTML-escaped, with every occurrence of a term in <mark>."""
    text = text or ""
    normal, origin = normalize_with_map(text)
    parts, position = [], 0
    for start, end in _spans(normal, origin, terms):
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def snippet(text, terms):
    """About SNIPPET_LENGTH characters of the text around its first match, highlighted; the start when none."""
    text = " ".join((text or "").split())
    normal, origin = normalize_with_map(text)
    words = [term for term in terms if len(term) > 1] or terms
    found = [position for position in (normal.find(term) for term in words) if position != -1]
    first = origin[min(found)] if found else 0
    start = max(0, first - SNIPPET_BEFORE)
    end = min(len(text), start + SNIPPET_LENGTH)
    body = highlight(text[start:end], terms)
    return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))
