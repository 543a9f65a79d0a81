"""The request being answered, for code that is not handed it.

A block definition is one object for every request, so when it builds its editor form or cleans it (a picker
limited to the edited page's town, cunwu.plugins.pickers) it asks here which request, and so which town, it
works for. Django has no such thing and Wagtail passes blocks no request; a context variable, set and reset by
`CurrentRequestMiddleware` around each request, is safe under threads and async alike.
"""

import contextvars

_current_request = contextvars.ContextVar("cunwu_current_request", default=None)


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request():
    """The request being answered, or None (a shell, a task, a test without a request)."""
    return _current_request.get()
