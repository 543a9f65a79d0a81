from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from .models import SearchEntry
from .query import CANDIDATES, ranked_ids
from .text import InvalidQuery, clean_query, highlight, query_terms, snippet

PER_PAGE = 10


@dataclass
class Result:
    url: str
    title: str
    snippet: str
    kind: str
    date: object


def _results(ids, terms):
    entries = SearchEntry.objects.select_related("page").in_bulk(ids)
    return [
        Result(entry.url, highlight(entry.title, terms), snippet(entry.text, terms), entry.kind_label, entry.date)
        for entry in (entries[pk] for pk in ids if pk in entries)
    ]


def search(request):
    """Search within the town of the request's host only: its pages and its enabled plugins' records."""
    town = getattr(request, "town", None)
    if town is None:
        raise Http404
    try:
        query = clean_query(request.GET.get("q", ""))
    except InvalidQuery as error:
        return TemplateResponse(request, "cunwu/search.html", {"query": "", "error": error.message}, status=400)
    context = {"query": query, "results": None, "items": [], "capped": False}
    if query:
        terms = query_terms(query)
        ids = ranked_ids(town, query, terms)
        page = Paginator(ids, PER_PAGE).get_page(request.GET.get("page"))
        context.update(results=page, items=_results(list(page.object_list), terms), capped=len(ids) >= CANDIDATES)
    return TemplateResponse(request, "cunwu/search.html", context)
