from .base import *  # noqa: F401,F403
from .base import VAR_DIR

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

import os  # noqa: E402

# Each test run gets its own Celery queue, so a worker started by one run never takes another run's tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ.setdefault("CELERY_QUEUE", f"cunwu-test-{os.getpid()}")
CELERY_BEAT_SCHEDULER = "celery.beat:PersistentScheduler"
CUNWU_PRIVATE_ROOT = VAR_DIR / "test-private"
