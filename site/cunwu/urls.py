from django.conf import settings
from django.contrib import admin as django_admin
from django.http import HttpResponseServerError
from django.template import loader
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cunwu.accounts import urls as account_urls
from cunwu.accounts.admin_site import single_login
from cunwu.plugins.urls import plugin_urlpatterns
from cunwu.search import views as search_views
from cunwu.towns import views as town_views
from cunwu.towns import history_report, workflow_reports

urlpatterns = [
    *account_urls.urlpatterns,  # the one admin login (password, lockout, two-step), also for /django-admin/
    path("django-admin/", single_login(django_admin.site).urls),  # operators (superusers) only
    *workflow_reports.urlpatterns,  # Wagtail's workflow reports, their filters limited to the viewer's towns
    *history_report.urlpatterns,  # Wagtail's site history, its entries limited to the viewer's towns
    path("admin/", include("cunwu.editor.urls")),  # the page chooser opening at the editor's town, before Wagtail's
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("elder-mode/", town_views.toggle_elder_mode, name="elder_mode"),
    path("captcha/", include("captcha.urls")),
    path("", include("cunwu.security.csp")),  # /csp-report/
    path("ping", town_views.ping, name="ping"),
    *plugin_urlpatterns(),
]

if settings.DEBUG:
    from django.urls import re_path

    from cunwu.security.private_files import public_media

    # The dev server serves public media only: documents and Wagtail's upload temporaries stay behind their views.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", public_media, {"document_root": settings.MEDIA_ROOT})]

urlpatterns.append(path("", include(wagtail_urls)))


# A missing page answers with the town's own page (404.html: header, menu and search), in the visitor's language.
handler404 = "django.views.defaults.page_not_found"
# A malformed request (bad Host header, undecodable input) is the same Chinese 400 page as the input guard's.
handler400 = "cunwu.security.middleware.bad_request"


def server_error(request):
    """The town's own 500 page from what the request already holds, without a query: the database may be down."""
    town = getattr(request, "town", None)  # set by TownMiddleware if the failure came after it; no lookup here
    context = {
        "town_name": town.name if town else "",
        "town_phone": town.contact_phone if town else "",
        "elder_mode": request.COOKIES.get("elder") == "1",
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))


handler500 = server_error
