"""Production: everything secret or machine-specific must come from the environment.

What the development fallbacks would quietly replace is required here: without REDIS_URL each process
would keep its own cache, broker queue and visit buffer, and WAGTAILADMIN_BASE_URL would point staff at
127.0.0.1. Starting refuses with the variable's name rather than running half-configured.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .env import env, env_bool, env_list

REQUIRED = {
    "SECRET_KEY": "Django's secret key, signing sessions and password-reset links",
    "REDIS_URL": (
        "the Celery broker, the cache, the visit counters and the rate limits shared by every web and worker "
        "process (e.g. redis://redis.internal:6379/0)"
    ),
    "WAGTAILADMIN_BASE_URL": (
        "the admin's public address, used in the links of notices sent to staff (e.g. https://admin.example.gov.cn)"
    ),
}


def _require(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production: it is {REQUIRED[name]}.")
    return value


SECRET_KEY = _require("SECRET_KEY")
REDIS_URL = _require("REDIS_URL")
WAGTAILADMIN_BASE_URL = _require("WAGTAILADMIN_BASE_URL")

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# QR codes, signs and SMS carry https links; the public port is the standard one unless stated.
CUNWU_PUBLIC_SCHEME = env("CUNWU_PUBLIC_SCHEME", "https")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
