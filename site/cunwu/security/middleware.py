"""Malformed input gets a 4xx page in the visitor's language here, before a view or the ORM sees it.

PostgreSQL refuses NUL bytes in text and integers beyond 64 bits: without this, every view that filters on a
parameter was a 500. The middleware sits after TownMiddleware (settings/base.py) so the page speaks the
visitor's language and wears the town's look; `bad_request` is Django's handler400 for what is found later
(too many fields, a body over the limit, a bad Host header).
"""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.db import DataError
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

MAX_QUERY_VALUE = 2000  # characters of one query value: far beyond any search box or filter
MAX_QUERY = 8 * 1024  # bytes of the whole query string
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class BadInput(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


def refuse(request, message, status=400):
    """The error page; plain text if even that cannot be drawn (say the database is down for the menu)."""
    try:
        html = render_to_string("cunwu/security/bad_input.html", {"message": message, "status": status}, request)
        return HttpResponse(html, status=status)
    except Exception:  # noqa: BLE001  (an error page must not itself become a 500)
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _not_allowed():
    return BadInput(_("The address contains characters that are not allowed."))


def _too_long():
    return BadInput(_("What you sent is too long. Please shorten it and try again."))


def _too_big():
    return BadInput(_("What you sent is too large. Please send a smaller file or less text."), status=413)


def _too_many_fields():
    return BadInput(_("The form has too many fields. Please reload the page and try again."))


def _check_text(text, bad=_not_allowed):
    if "\x00" in text:
        raise bad()


def _form_not_allowed():
    return BadInput(_("The form contains characters that are not allowed. Please check what you typed."))


def _check_path(request):
    # PATH_INFO holds the raw bytes as latin-1 (WSGI servers unquote it; Django's test client does not), and
    # Django would quietly re-percent broken UTF-8: decode whatever percent-escapes are left, then check.
    raw = unquote_to_bytes(request.META.get("PATH_INFO", "").encode("iso-8859-1", "replace"))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _not_allowed() from None
    _check_text(request.path)


def _check_query(request):
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY:
        raise _too_long()
    pairs = [pair for chunk in query.split("&") for pair in chunk.split(";") if pair]
    if len(pairs) > (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or len(pairs)):
        raise _too_many_fields()
    for pair in pairs:
        for part in pair.split("=", 1):
            try:
                text = unquote_to_bytes(part.replace("+", " ").encode("iso-8859-1", "replace")).decode("utf-8")
            except UnicodeDecodeError:
                raise _not_allowed() from None
            if len(text) > MAX_QUERY_VALUE:
                raise _too_long()
            _check_text(text)


def _check_body(request):
    # Form fields only: parsed here once (views get the same QueryDict); file contents are the upload checks'
    # business, and JSON bodies their endpoint's (which answers in JSON).
    if request.method == "POST" and request.content_type in FORM_TYPES:
        for key, values in request.POST.lists():
            _check_text(key, _form_not_allowed)
            for value in values:
                _check_text(value, _form_not_allowed)


def problem(request):
    """The BadInput of the request, or None. Django's own limits (fields, size) are answered here too."""
    try:
        _check_path(request)
        _check_query(request)
        _check_body(request)
    except BadInput as bad:
        return bad
    except RequestDataTooBig:
        return _too_big()
    except TooManyFieldsSent:
        return _too_many_fields()
    except (MultiPartParserError, SuspiciousOperation, UnicodeDecodeError):
        return BadInput(_("The form could not be read. Please reload the page and try again."))
    return None


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = problem(request)
        if bad is not None:
            return refuse(request, bad.message, bad.status)
        return self.get_response(request)

    def process_exception(self, request, exception):
        # An out-of-range number or over-long value that reached the database: the input's fault, not the site's.
        if isinstance(exception, DataError):
            return refuse(request, _("A value you sent is not valid here. Please check it and try again."))
        return None


def bad_request(request, exception=None):
    """Django's handler400 (cunwu/urls.py): SuspiciousOperation and BadRequest raised anywhere, in Chinese."""
    if isinstance(exception, RequestDataTooBig):
        bad = _too_big()
    elif isinstance(exception, TooManyFieldsSent):
        bad = _too_many_fields()
    else:
        bad = BadInput(_("The request could not be understood. Please go back and try again."))
    return refuse(request, bad.message, bad.status)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a form sent from a page left open past its session, or by a browser that keeps
    no cookies (some phones' in-app browsers), is told what to do in the visitor's language, not Django's English."""
    return refuse(request, _("This page was open too long, or your browser did not keep its cookie. "
                             "Please reload the page and send the form again."), status=403)
