"""Malformed input gets a Chinese 400 here, before a view or the ORM sees it (PostgreSQL refuses NUL bytes in
text, which would otherwise be a 500 in every view that filters on a parameter)."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = self.problem(request)
        if problem:
            return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    def problem(self, request):
        raw = request.META.get("QUERY_STRING", "") + request.path
        if "\x00" in raw or "%00" in raw.lower():
            return _("The address contains characters that are not allowed.")
        return None
