"""Content-Security-Policy (django-csp). Owned by the CSP work of issue 10."""

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:", "https:"],
        "frame-src": ["'self'", "https:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "connect-src": ["'self'", "https:"],
    }
}
# The Wagtail admin needs inline scripts and styles; its pages are not the public surface.
CONTENT_SECURITY_POLICY_EXCLUDE_URL_PREFIXES = ("/admin", "/django-admin")
