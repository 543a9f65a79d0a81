"""Content-Security-Policy (django-csp 4). Owned by the CSP work of issue 10.

Public pages run only our own script files (and, should a template ever need one, an inline script or style
carrying the request's nonce): an injected `<script>`, `onclick=` or `style=` does nothing. The Wagtail admin
needs inline scripts and styles, so /admin/ and /django-admin/ get CUNWU_ADMIN_CSP instead
(cunwu.security.csp.CSPMiddleware chooses). The hosts of settings.CUNWU_EMBED_HOSTS are added to frame-src by
that middleware at request time, so a deployment's own list applies. Browsers report violations to
/csp-report/, which logs one line per report.
"""

from csp.constants import NONCE, NONE, SELF

CUNWU_CSP_REPORT_PATH = "/csp-report/"
CUNWU_CSP_REPORT_GROUP = "csp"  # the Reporting-Endpoints name report-to points at

_COMMON = {
    "default-src": [SELF],
    "img-src": [SELF, "data:", "blob:"],  # data: for the QR codes
    # A town streams from its own media server (any https host it names); hls.js reads the playlist and
    # segments with fetch and plays them through a blob: MediaSource.
    "media-src": [SELF, "blob:", "https:"],
    "connect-src": [SELF, "https:"],
    "worker-src": [SELF, "blob:"],  # hls.js runs its demuxer in a blob: worker
    "frame-src": [SELF],
    "font-src": [SELF, "data:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "report-uri": [CUNWU_CSP_REPORT_PATH],
    "report-to": CUNWU_CSP_REPORT_GROUP,
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_COMMON,
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "frame-ancestors": [NONE],
    }
}

# Wagtail 7.4's admin writes inline scripts (its page data, Stimulus values) and inline styles; tested in
# Chromium without 'unsafe-eval' (tests/core/test_csp.py). Its previews frame the admin itself.
CUNWU_ADMIN_CSP = {
    **_COMMON,
    "img-src": [SELF, "data:", "blob:", "https:"],  # avatars, embed thumbnails
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "frame-ancestors": [SELF],
}
CUNWU_ADMIN_CSP_PREFIXES = ("/admin/", "/django-admin/")

# Staff avatars from gravatar.com would send a hash of each staff e-mail abroad and need an outside img-src:
# Wagtail shows its own default avatar instead (staff may upload one).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
