from wagtail import hooks

from .counter import record_visit


@hooks.register("before_serve_page")
def count_visit(page, request, serve_args, serve_kwargs):
    town = getattr(request, "town", None)
    if town is not None and request.method == "GET" and not getattr(request, "is_preview", False):
        record_visit(town, page)
