from django.conf import settings
from django.contrib import admin as django_admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cunwu.plugins.urls import plugin_urlpatterns
from cunwu.search import views as search_views
from cunwu.towns import views as town_views

urlpatterns = [
    path("django-admin/", django_admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("elder-mode/", town_views.toggle_elder_mode, name="elder_mode"),
    path("captcha/", include("captcha.urls")),
    path("healthz", town_views.health, name="health"),
    path("ping", town_views.ping, name="ping"),
    *plugin_urlpatterns(),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
