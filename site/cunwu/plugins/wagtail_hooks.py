from django.http import Http404
from wagtail import hooks
from wagtail.models import Page


@hooks.register("before_serve_page")
def hide_pages_of_uninstalled_plugins(page, request, serve_args, serve_kwargs):
    # A page whose model went away with its plugin package is only a title; Wagtail would serve it as a
    # bare unstyled page. Villagers get 404 until the plugin is reinstalled; the data stays in the database.
    if type(page) is Page and page.content_type.model_class() is None:
        raise Http404
