from django.http import Http404
from wagtail import hooks

from cunwu.plugins.registry import is_enabled, plugin_for_model


@hooks.register("before_serve_page")
def hide_pages_of_disabled_plugins(page, request, serve_args, serve_kwargs):
    plugin = plugin_for_model(type(page))
    if plugin is not None and not is_enabled(getattr(request, "town", None), plugin.label):
        raise Http404
