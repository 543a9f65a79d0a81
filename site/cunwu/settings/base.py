"""Settings shared by every environment. Everything that differs between machines comes from the environment."""

from pathlib import Path

import dj_database_url

from cunwu.plugins.discovery import discover_plugin_apps

from .env import env, env_bool, env_list

SITE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SITE_DIR.parent
THEMES_DIR = BASE_DIR / "themes"
VAR_DIR = Path(env("CUNWU_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],.localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

CORE_APPS = [
    "cunwu.towns",
    "cunwu.counties",
    "cunwu.plugins",
    "cunwu.themes",
    "cunwu.pages",
    "cunwu.layouts",
    "cunwu.navigation",
    "cunwu.editor",
    "cunwu.guide",
    "cunwu.visits",
    "cunwu.notifications",
    "cunwu.search",
    "cunwu.workcal",
    "cunwu.security",
    "cunwu.accounts",
    "cunwu.demo",
]

# Plugins are whatever is installed under the `cunwu.plugins` entry-point group (pretix's pattern);
# nothing here names a plugin.
PLUGIN_APPS = discover_plugin_apps()

INSTALLED_APPS = CORE_APPS + PLUGIN_APPS + [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_celery_beat",
    "phonenumber_field",
    "captcha",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "cunwu.health.HealthMiddleware",  # /healthz and /readyz, first: they must answer whatever else is down
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cunwu.towns.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cunwu.plugins.current_request.CurrentRequestMiddleware",  # a block's editor form asks it the editing town
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cunwu.security.csp.CSPMiddleware",  # django-csp's, with the admin's own policy (settings/csp.py)
    "cunwu.towns.middleware.TownMiddleware",
    # Malformed input (NUL bytes, over-long values, undecodable queries) is a 4xx here, in one place, before any
    # view or the redirects' lookup can turn it into a 500; after the language and town, so the page is theirs.
    "cunwu.security.middleware.InputGuardMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns its lockout into the Chinese page
]

CSRF_FAILURE_VIEW = "cunwu.security.middleware.csrf_failure"  # in the visitor's language, on the town's page

# Staff logins: django-axes counts failures per account and per client address in the shared cache
# (cunwu/accounts, AXES_* below); the backend comes first so a locked account is refused before the password
# is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

ROOT_URLCONF = "cunwu.urls"
WSGI_APPLICATION = "cunwu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cunwu.towns.context_processors.town",
            ],
            # The theme loader looks in themes/<town's theme>/templates first, so a theme can
            # override any core or plugin template by its name.
            "loaders": [
                "cunwu.themes.loader.ThemeLoader",
                (
                    "django.template.loaders.cached.Loader",
                    ["django.template.loaders.app_directories.Loader"],
                ),
            ],
        },
    }
]

DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# Health checks: a connection the database closed (a restart, a failover) is replaced before the request
# uses it, instead of failing that request with a 500.
DATABASES = {"default": dj_database_url.parse(
    DATABASE_URL, conn_max_age=int(env("CONN_MAX_AGE", "60")), conn_health_checks=True,
)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Serves from the process's memory while Redis is unreachable (cunwu/cache_backend.py); short
            # timeouts, so an unreachable Redis costs a request a fraction of a second, not the whole request.
            "BACKEND": "cunwu.cache_backend.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "cunwu"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    # Without Redis (the embedded `make run`), a file cache is shared by the web process and the worker.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The core's own catalogue first, then what Wagtail's zh-hans catalogue lacks (admin_locale: Wagtail's msgids only).
LOCALE_PATHS = [SITE_DIR / "cunwu" / "locale", SITE_DIR / "cunwu" / "admin_locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# The zones a staff member may pick for the admin's display (Wagtail offers every zone otherwise): those of
# cunwu.towns.models.TIME_ZONE_CHOICES. Deadlines and figures never follow this choice, only the town's zone.
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "UTC"]
if TIME_ZONE not in WAGTAIL_USER_TIME_ZONES:
    WAGTAIL_USER_TIME_ZONES.append(TIME_ZONE)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Villagers' attachments and other private files: outside MEDIA_ROOT, served only by permission-checked views.
CUNWU_PRIVATE_ROOT = Path(env("CUNWU_PRIVATE_ROOT", str(VAR_DIR / "private")))
# Each theme's static files are served under static/themes/<name>/.
STATICFILES_DIRS = [
    (f"themes/{path.name}", str(path / "static"))
    for path in sorted(THEMES_DIR.iterdir())
    if (path / "static").is_dir()
] if THEMES_DIR.is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "村务"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploads are judged by content (cunwu.security): each extension below needs a matching content rule there.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "jpg", "jpeg", "png", "zip"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cunwu.security.document_hooks.CheckedDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Through the serve view only, so a document is checked against the request's town (never a /media/ address).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "image/jpeg", "image/png"]  # anything else: a download
WAGTAILIMAGES_IMAGE_FORM_BASE = "cunwu.security.images_admin.CleanImageForm"
# HEIC (phones) is written as JPEG on upload; GIF and AVIF are not decoded at all.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic", "heif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# Page review e-mails (Wagtail's workflow notifications) reach the reviewers of the page's own town: the
# platform's superusers are not copied on every town's submissions. Recipients need an e-mail address.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Hosts a video/embed block may point at; a town's settings may narrow this list further.
CUNWU_EMBED_HOSTS = env_list(
    "CUNWU_EMBED_HOSTS",
    "v.qq.com,player.bilibili.com,www.bilibili.com,www.ixigua.com,live.kuaishou.com,www.youtube.com,player.vimeo.com",
)

CELERY_BROKER_URL = REDIS_URL or "filesystem://"
if not REDIS_URL:
    _queue_dir = VAR_DIR / "celery-broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# django-celery-beat's table, minus the timers of uninstalled plugins (cunwu/beat.py).
CELERY_BEAT_SCHEDULER = "cunwu.beat:Scheduler"
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", "cunwu")
# A task sent while the broker is down fails fast (one quick retry, not Celery's default of three with pauses,
# 0.7 s per SMS): the SMS outbox sweep sends what could not be queued, so the villager's request need not wait.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}

# How often visit counts buffered in Redis are written to the database.
CUNWU_VISITS_FLUSH_SECONDS = int(env("CUNWU_VISITS_FLUSH_SECONDS", "60"))
# How often visits buffered in a web process (no Redis, or Redis unreachable) are written to the database.
CUNWU_VISITS_BUFFER_SECONDS = float(env("CUNWU_VISITS_BUFFER_SECONDS", "5"))
# The address the public opens, for links that leave the browser (QR codes, signs, SMS, share cards, API
# links): the scheme and port in front of each town's host name. Production serves https on 443.
CUNWU_PUBLIC_SCHEME = env("CUNWU_PUBLIC_SCHEME", "http")
CUNWU_PUBLIC_PORT = int(env("CUNWU_PUBLIC_PORT", "0")) or None

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "cunwu@localhost")


# The client's real address behind the reverse proxies named here (addresses or networks, comma-separated):
# only their X-Forwarded-For is believed (cunwu/security/clientip.py). Every limit keys on that address.
CUNWU_TRUSTED_PROXIES = env_list("CUNWU_TRUSTED_PROXIES")
RATELIMIT_IP_META_KEY = "cunwu.security.clientip.client_ip"

from .accounts import *  # noqa: E402,F401,F403  (staff accounts: lockout, two-factor)
from .csp import *  # noqa: E402,F401,F403  (Content-Security-Policy)

SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"] if not REDIS_URL else []
RATELIMIT_USE_CACHE = "default"

LOGIN_URL = "wagtailadmin_login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "cunwu.towns.logging.MaskPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask_personal_data"]}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}
