import os

from cunwu import paths

os.environ.setdefault("DJANGO_SETTINGS_MODULE", paths.DEFAULT_SETTINGS_MODULE)

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
