from django.conf import settings
from django.utils import timezone, translation

from cunwu.themes.loader import use_theme

from .clock import town_zone
from .models import Town

LANGUAGE_COOKIE = settings.LANGUAGE_COOKIE_NAME


class LanguageMiddleware:
    """Chinese unless the visitor chose otherwise: a browser's Accept-Language is deliberately ignored,
    because many villagers' phones are set to English by the shop that sold them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(LANGUAGE_COOKIE)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class TownMiddleware:
    """Finds the town of the request's host and renders with that town's theme, dates in the town's time zone.

    (Wagtail's admin views switch to the staff member's profile zone inside this, for display only: what they
    compute goes through `cunwu.towns.clock`.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        town = Town.for_request(request)
        request.town = town
        with use_theme(town.theme if town else None), timezone.override(town_zone(town) if town else None):
            return self.get_response(request)
