from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cunwu.plugins.api import admin_town

from .topics import topics_for


def index(request):
    town = admin_town(request)
    topics = topics_for(request.user, town)
    return TemplateResponse(request, "cunwu_guide/index.html", {"topics": topics, "town": town, "page_title": _("Help for editors")})


def topic(request, slug):
    town = admin_town(request)
    topics = topics_for(request.user, town)
    found = next((topic for topic in topics if topic.slug == slug), None)
    if found is None:  # unknown, or a plugin topic of a plugin this town has off
        raise Http404
    return TemplateResponse(
        request, found.template_name(), {"topic": found, "topics": topics, "town": town, "page_title": found.title}
    )
