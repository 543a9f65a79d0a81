from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Page

MAX_QUERY = 100


def search(request):
    """Search within the town of the request's host only."""
    town = getattr(request, "town", None)
    if town is None:
        raise Http404
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().descendant_of(town.root_page, inclusive=True).specific().search(query)
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1) if paginator.count else None
    return TemplateResponse(request, "cunwu/search.html", {"query": query, "results": page})
