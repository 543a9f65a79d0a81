"""Content-Security-Policy: which policy a response gets, and the endpoint browsers report violations to.

Settings in cunwu/settings/csp.py. Wire-up: MIDDLEWARE names `cunwu.security.csp.CSPMiddleware` (in place of
django-csp's own), and the root URLconf includes this module (`path("", include("cunwu.security.csp"))`).
"""

import base64
import hashlib
import json
import logging
import re
from functools import lru_cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger("cunwu.csp")

MAX_BODY = 16 * 1024      # a real report is well under 2 KB
MAX_REPORTS = 10          # a reports+json batch can hold several; log at most this many
MAX_FIELD = 200           # characters of each logged value
REPORT_RATE = "30/m"      # per client address; a page that breaks badly does not flood the log


@lru_cache(maxsize=4)
def embed_sources(hosts):
    """frame-src sources for the embed hosts; a host allows its subdomains too, as the video block does."""
    sources = []
    for host in hosts:
        host = host.strip().lower()
        if host:
            sources += [f"https://{host}", f"https://*.{host}"]
    return sources


@lru_cache(maxsize=1)
def error_page_style_hashes():
    """style-src hashes of the <style> of 500.html: that page is written with no request context (so no nonce)
    and no static file, since whatever failed may be the storage."""
    source = loader.get_template("500.html").template.source
    return [
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        for style in re.findall(r"<style>(.*?)</style>", source, re.S)
    ]


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware with the admin's own policy, the embed hosts and a Reporting-Endpoints header."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        admin = request.path_info.startswith(settings.CUNWU_ADMIN_CSP_PREFIXES)
        if parts.config is None and admin:
            parts.config = settings.CUNWU_ADMIN_CSP
        embeds = embed_sources(tuple(getattr(settings, "CUNWU_EMBED_HOSTS", ())))
        parts.update = {**(parts.update or {})}
        parts.update["frame-src"] = [*parts.update.get("frame-src", []), *embeds]
        # Not in the admin's policy: a hash there would switch its 'unsafe-inline' off.
        if response.status_code == 500 and not admin:
            parts.update["style-src"] = [*parts.update.get("style-src", []), *error_page_style_hashes()]
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Content-Security-Policy" in response and "Reporting-Endpoints" not in response:
            response["Reporting-Endpoints"] = f'{settings.CUNWU_CSP_REPORT_GROUP}="{settings.CUNWU_CSP_REPORT_PATH}"'
        return response


def _clip(value):
    """A URL without its query or fragment (search words, tokens), or a keyword such as "inline"; capped."""
    text = str(value or "")
    if "://" in text:
        parts = urlsplit(text)
        text = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:MAX_FIELD]


def _violations(data):
    """(blocked, directive, page) of each report in either format browsers send."""
    if isinstance(data, dict):  # report-uri: {"csp-report": {...}}
        data = [{"type": "csp-violation", "body": data.get("csp-report")}]
    if not isinstance(data, list):
        return
    for item in data[:MAX_REPORTS]:
        body = item.get("body") if isinstance(item, dict) else None
        if not isinstance(body, dict) or item.get("type", "csp-violation") != "csp-violation":
            continue
        yield (
            _clip(body.get("blocked-uri") or body.get("blockedURL")),
            _clip(body.get("effective-directive") or body.get("effectiveDirective") or body.get("violated-directive")),
            _clip(body.get("document-uri") or body.get("documentURL")),
        )


@csrf_exempt
def report(request):
    """Browsers POST their violation reports here. Always 204 (or 429 over the rate, 405 for other methods)."""
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    if is_ratelimited(request, group="csp-report", key="ip", rate=REPORT_RATE, increment=True):
        return HttpResponse(status=429)
    raw = request.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        logger.warning("CSP report refused: body over %d bytes", MAX_BODY)
        return HttpResponse(status=204)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return HttpResponse(status=204)
    for blocked, directive, page in _violations(data):
        logger.warning("CSP violation: blocked=%s directive=%s page=%s", blocked, directive, page)
    return HttpResponse(status=204)


urlpatterns = [path(settings.CUNWU_CSP_REPORT_PATH.strip("/") + "/", report, name="csp_report")]
