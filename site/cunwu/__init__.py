"""cunwu (村务): the core project. Plugins live outside this package and are found through entry points."""

__version__ = "0.1.0"

from .celery_app import app as celery_app  # noqa: E402  (Celery's documented Django pattern)

__all__ = ["__version__", "celery_app"]
