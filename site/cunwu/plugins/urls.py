"""Each plugin's public URLs live at /p/<label>/ and answer 404 on towns that did not enable it."""

from functools import wraps

from django.http import Http404
from django.urls import URLPattern, URLResolver, include, path

from .registry import is_enabled, plugin_configs


def _require_enabled(view, label):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_enabled(getattr(request, "town", None), label):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _guard(patterns, label):
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _require_enabled(pattern.callback, label)
        elif isinstance(pattern, URLResolver):
            _guard(pattern.url_patterns, label)
    return patterns


def plugin_urlpatterns():
    patterns = []
    for config in plugin_configs():
        if config.urls:
            module = include((config.urls, config.label), namespace=config.label)
            _guard(module[0].urlpatterns if hasattr(module[0], "urlpatterns") else module[0], config.label)
            patterns.append(path(f"p/{config.label}/", module))
    return patterns
