"""An Open311 GeoReport v2-compatible JSON API for one town (the request's host).

GET answers never carry personal data: no name, mobile, free-text description or staff notes, only the
category, village, state and times. Nor do they carry the tracking number: `service_request_id` is the case's
random public id (models.new_public_id), which the status lookup does not take, so the list cannot be used to
pick cases to guess digits for. POST takes the Open311 fields and runs the same checks as the public form, within
the limits of guards.OPEN311; its answer gives the submitter the tracking number and the private status link.
Bad input of any kind is a 4xx with a Chinese description, never a 500.
"""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.http.multipartparser import MultiPartParserError
from django_ratelimit.core import is_ratelimited

from cunwu.plugins import api

from . import guards
from .forms import AppealForm
from .limits import OPEN_STATES
from .models import Case, Category, Kind, State
from .workflow import submit

SCHEMA = Path(__file__).parent / "data" / "open311.openapi.json"
MAX_RESULTS = 200
BODY_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "application/json")


def error(status, description):
    """Open311's error format: a list of {code, description}."""
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False,
                        json_dumps_params={"ensure_ascii": False})


def answer(data, status=200):
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def limited(request, group, rate):
    # key="ip" is the client's own address behind the town's trusted proxies (RATELIMIT_IP_META_KEY = api.client_ip).
    return is_ratelimited(request, group=f"appeals-open311-{group}", key="ip", rate=rate, increment=True)


def methods(*allowed):
    """Like require_http_methods, with Open311's error body (Chinese) instead of an empty 405."""

    def decorator(view):
        def wrapped(request, *args, **kwargs):
            if request.method not in allowed:
                response = error(405, _("This address does not take %(method)s requests.") % {"method": request.method[:10]})
                response["Allow"] = ", ".join(allowed)
                return response
            return view(request, *args, **kwargs)

        wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
        return wrapped

    return decorator


def _code(value):
    """A service code as the database can hold it, or None (a code of 30 digits is not a code, not a 500)."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def _service(category):
    return {
        "service_code": str(category.pk), "service_name": category.name, "description": category.department or "",
        "metadata": True, "type": "realtime", "keywords": category.kinds, "group": category.department or "",
    }


@methods("GET")
def services(request):
    if limited(request, "read", "60/m"):
        return error(429, _("Too many requests. Please wait a minute and try again."))
    return answer([_service(category) for category in Category.objects.filter(town=request.town)])


@methods("GET")
def service_definition(request, code):
    category = Category.objects.filter(town=request.town, pk=_code(code) or 0).first()
    if category is None:
        return error(404, _("There is no service with this code."))
    kinds = [value for value in category.kinds.split(",") if value in Kind.values]
    return answer({"service_code": str(category.pk), "attributes": [
        {"variable": True, "code": "kind", "datatype": "singlevaluelist", "required": True, "order": 1,
         "description": _("What do you need?"), "values": [{"key": k, "name": str(Kind(k).label)} for k in kinds]},
        {"variable": True, "code": "village", "datatype": "singlevaluelist", "required": True, "order": 2,
         "description": _("Village"), "values": [{"key": str(v.pk), "name": v.name} for v in request.town.villages.all()]},
        {"variable": True, "code": "anonymous", "datatype": "string", "required": False, "order": 3,
         "description": _("Report anonymously"), "values": []},
    ]})


def _status(case):
    return "open" if case.state in OPEN_STATES else "closed"


def _public(case):
    """Only what the public may see: never names, mobiles, the villager's text or staff notes."""
    updated = getattr(case, "updated", None) or case.created_at
    return {
        "service_request_id": case.public_id,
        "status": _status(case),
        "status_notes": str(State(case.state).label),
        "service_name": case.category.name,
        "service_code": str(case.category_id),
        "agency_responsible": case.category.department or case.village.name,
        "requested_datetime": case.created_at.isoformat(),
        "updated_datetime": updated.isoformat(),
        "expected_datetime": case.due_at.isoformat() if case.due_at and _status(case) == "open" else None,
        "address": case.village.name,
    }


def _cases(town):
    return Case.objects.filter(town=town).select_related("category", "village").annotate(updated=Max("transitions__at"))


def _date(town, value, name):
    """A moment given without an offset is read in the town's zone; ValueError (in Chinese) if it is none."""
    if not value:
        return None
    try:
        parsed = parse_datetime(value) or datetime.fromisoformat(value)
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed, api.town_zone(town))
        parsed.astimezone(UTC)  # year 9999 with a negative offset does not fit the database
    except (ValueError, OverflowError):
        raise ValueError(_("“%(name)s” must be a date and time in ISO 8601, e.g. 2026-03-02T09:00:00+08:00.")
                         % {"name": name}) from None
    return parsed


def _list(request):
    if limited(request, "read", "60/m"):
        return error(429, _("Too many requests. Please wait a minute and try again."))
    params = request.GET
    cases = _cases(request.town).order_by("-created_at")
    try:
        start = _date(request.town, params.get("start_date"), "start_date")
        end = _date(request.town, params.get("end_date"), "end_date")
    except ValueError as exc:
        return error(400, str(exc))
    if params.get("service_request_id"):
        ids = [n.strip() for n in params["service_request_id"].split(",") if n.strip()][:MAX_RESULTS]
        cases = cases.filter(public_id__in=ids)
    else:
        cases = cases.filter(created_at__gte=start or timezone.now() - timedelta(days=90))
        if end:
            cases = cases.filter(created_at__lte=end)
    if params.get("service_code"):
        codes = [_code(c) for c in params["service_code"].split(",") if c.strip()]
        if None in codes:
            return error(400, _("“service_code” must be one or more codes from services.json."))
        cases = cases.filter(category_id__in=codes)
    status = params.get("status", "")
    if status not in ("", "open", "closed"):
        return error(400, _("“status” must be “open” or “closed”."))
    if status:
        cases = cases.filter(state__in=OPEN_STATES) if status == "open" else cases.exclude(state__in=OPEN_STATES)
    return answer([_public(case) for case in cases[:MAX_RESULTS]])


def _body(request):
    """The posted fields as a dict of strings, or an error response."""
    if request.content_type not in BODY_TYPES:
        return error(415, _("Send the request as application/x-www-form-urlencoded, multipart/form-data or "
                            "application/json."))
    try:
        if request.content_type == "application/json":
            body = json.loads(request.body or b"{}")
            if not isinstance(body, dict):
                raise ValueError
            return {key: str(value) for key, value in body.items() if value is not None}
        return {key: request.POST.get(key, "") for key in request.POST}
    except RequestDataTooBig:
        return error(413, _("The request is too large."))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return error(400, _("The request body is not valid JSON."))
    except (SuspiciousOperation, MultiPartParserError):
        return error(400, _("The request body cannot be read."))


def _create(request):
    guard = guards.guard(request, "open311")  # hard limits only: an API client cannot read a challenge picture
    if guard.refused():
        return error(429, _("Too many requests. Please wait a while and try again."))
    data = _body(request)
    if isinstance(data, HttpResponse):
        return data
    name = "".join(part for part in (data.get("last_name", ""), data.get("first_name", "")) if part).strip()
    anonymous = str(data.get("attribute[anonymous]", "")).lower() in ("1", "true", "yes", "on")
    form = AppealForm(request.town, {
        "kind": data.get("attribute[kind]", ""), "village": data.get("attribute[village]", ""),
        "category": data.get("service_code", ""), "content": data.get("description", ""),
        "name": name, "phone": data.get("phone", ""), "anonymous": "on" if anonymous else "",
    })
    if not form.is_valid():
        fields = {"kind": "attribute[kind]", "village": "attribute[village]", "category": "service_code",
                  "content": "description", "name": "first_name", "anonymous": "attribute[anonymous]"}
        return JsonResponse([
            {"code": 400, "description": f"{fields.get(field, field)}: {message}"}
            for field, messages in form.errors.items() for message in messages
        ], status=400, safe=False, json_dumps_params={"ensure_ascii": False})
    cleaned = form.cleaned_data
    if guard.refused(phone=cleaned["phone"]):
        return error(429, _("Too many requests for this mobile number today. Please try again tomorrow."))
    case = submit(request.town, kind=cleaned["kind"], category=cleaned["category"], village=cleaned["village"],
                  content=cleaned["content"], name=cleaned["name"], phone=cleaned["phone"], anonymous=cleaned["anonymous"])
    return answer([{
        "service_request_id": case.public_id, "token": None, "account_id": None,
        "service_notice": _("Your tracking number is %(number)s. Keep it: with it and the last 4 digits of your "
                            "mobile you can look up the progress.") % {"number": case.number},
        "status_url": api.town_url(request.town, reverse("appeals:case", args=[case.token])),
    }], status=201)


@csrf_exempt
@methods("GET", "POST")
def requests_view(request):
    return _create(request) if request.method == "POST" else _list(request)


@methods("GET")
def request_detail(request, public_id):
    if limited(request, "read", "60/m"):
        return error(429, _("Too many requests. Please wait a minute and try again."))
    case = _cases(request.town).filter(public_id=public_id[:32]).first()
    if case is None:
        return error(404, _("There is no request with this number."))
    return answer([_public(case)])


@methods("GET")
def schema(request):
    return HttpResponse(SCHEMA.read_bytes(), content_type="application/json")
