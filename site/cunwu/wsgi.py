import os

from cunwu import paths  # noqa: F401

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cunwu.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
