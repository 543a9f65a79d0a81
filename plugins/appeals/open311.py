"""An Open311 GeoReport v2-compatible JSON API for one town (the request's host).

GET answers never carry personal data: no name, mobile, free-text description or staff notes, only the
category, village, state and times. POST takes the Open311 fields and runs the same checks as the public form.
"""

import json
from datetime import datetime, timedelta
from pathlib import Path

from django.core.exceptions import RequestDataTooBig
from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from cunwu.plugins import api

from .forms import AppealForm
from .limits import OPEN_STATES
from .models import Case, Category, Kind, State
from .workflow import submit

SCHEMA = Path(__file__).parent / "data" / "open311.openapi.json"
MAX_RESULTS = 200


def error(status, description):
    """Open311's error format: a list of {code, description}."""
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False,
                        json_dumps_params={"ensure_ascii": False})


def answer(data, status=200):
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def limited(request, group, rate):
    return is_ratelimited(request, group=f"appeals-open311-{group}", key="ip", rate=rate, increment=True)


def _service(category):
    return {
        "service_code": str(category.pk), "service_name": category.name, "description": category.department or "",
        "metadata": True, "type": "realtime", "keywords": category.kinds, "group": category.department or "",
    }


@require_GET
def services(request):
    if limited(request, "read", "60/m"):
        return error(429, _("Too many requests. Please wait a minute and try again."))
    return answer([_service(category) for category in Category.objects.filter(town=request.town)])


@require_GET
def service_definition(request, code):
    category = Category.objects.filter(town=request.town, pk=int(code) if code.isdigit() else 0).first()
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
        "service_request_id": case.number,
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
    """A moment given without an offset is read in the town's zone."""
    parsed = parse_datetime(value) if value else None
    if value and parsed is None:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(_("“%(name)s” must be a date and time in ISO 8601, e.g. 2026-03-02T09:00:00+08:00.")
                             % {"name": name}) from None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, api.town_zone(town))
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
        numbers = [n.strip() for n in params["service_request_id"].split(",") if n.strip()][:MAX_RESULTS]
        cases = cases.filter(number__in=numbers)
    else:
        cases = cases.filter(created_at__gte=start or timezone.now() - timedelta(days=90))
        if end:
            cases = cases.filter(created_at__lte=end)
    if params.get("service_code"):
        codes = [c for c in params["service_code"].split(",") if c.strip()]
        if not all(c.strip().isdigit() for c in codes):
            return error(400, _("“service_code” must be one or more codes from services.json."))
        cases = cases.filter(category_id__in=[int(c) for c in codes])
    status = params.get("status", "")
    if status not in ("", "open", "closed"):
        return error(400, _("“status” must be “open” or “closed”."))
    if status:
        cases = cases.filter(state__in=OPEN_STATES) if status == "open" else cases.exclude(state__in=OPEN_STATES)
    return answer([_public(case) for case in cases[:MAX_RESULTS]])


def _create(request):
    if limited(request, "write", "5/m"):
        return error(429, _("Too many requests. Please wait a minute and try again."))
    try:
        if request.content_type == "application/json":
            body = json.loads(request.body or b"{}")
            if not isinstance(body, dict):
                raise ValueError
            data = {key: str(value) for key, value in body.items() if value is not None}
        else:
            data = request.POST
    except RequestDataTooBig:
        return error(413, _("The request is too large."))
    except (ValueError, UnicodeDecodeError):
        return error(400, _("The request body is not valid JSON."))
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
    case = submit(request.town, kind=cleaned["kind"], category=cleaned["category"], village=cleaned["village"],
                  content=cleaned["content"], name=cleaned["name"], phone=cleaned["phone"], anonymous=cleaned["anonymous"])
    return answer([{
        "service_request_id": case.number, "token": None, "account_id": None,
        "service_notice": _("Keep your tracking number; you can look up the progress with it."),
        "status_url": api.town_url(request.town, reverse("appeals:case", args=[case.token])),
    }], status=201)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_view(request):
    return _create(request) if request.method == "POST" else _list(request)


@require_GET
def request_detail(request, number):
    if limited(request, "read", "60/m"):
        return error(429, _("Too many requests. Please wait a minute and try again."))
    case = _cases(request.town).filter(number=number).first()
    if case is None:
        return error(404, _("There is no request with this number."))
    return answer([_public(case)])


@require_GET
def schema(request):
    return HttpResponse(SCHEMA.read_bytes(), content_type="application/json")
