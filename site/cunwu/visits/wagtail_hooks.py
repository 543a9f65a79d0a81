from wagtail import hooks

from .counter import record_visit


def _reaches_the_page(page, request):
    """Whether the visitor gets the page itself: a private page (password, login or groups) answers a visitor
    who has not passed its restriction with a form or a redirect, which is not a visit of the page. Wagtail's
    own restriction check runs after this hook, so the same test (accept_request) is asked here first."""
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


@hooks.register("before_serve_page")
def count_visit(page, request, serve_args, serve_kwargs):
    town = getattr(request, "town", None)
    if town is None or request.method != "GET" or getattr(request, "is_preview", False):
        return
    if _reaches_the_page(page, request):
        record_visit(town, page)
