"""A template loader that looks in the current town's theme before the apps' templates.

The theme is a context variable set per request, so no state is shared between requests or workers.
"""

import contextvars
from contextlib import contextmanager

from django.template import Origin, TemplateDoesNotExist
from django.template.loaders.base import Loader as BaseLoader

from .registry import get_theme

current_theme = contextvars.ContextVar("cunwu_theme", default=None)


@contextmanager
def use_theme(name):
    token = current_theme.set(name)
    try:
        yield
    finally:
        current_theme.reset(token)


class ThemeLoader(BaseLoader):
    def __init__(self, engine):
        super().__init__(engine)
        self._cache = {}

    def get_contents(self, origin):
        try:
            with open(origin.name, encoding=self.engine.file_charset) as handle:
                return handle.read()
        except FileNotFoundError as exc:
            raise TemplateDoesNotExist(origin) from exc

    def get_template_sources(self, template_name):
        theme = get_theme(current_theme.get())
        if theme is None:
            return
        path = (theme.templates_dir / template_name).resolve()
        if theme.templates_dir.resolve() in path.parents:
            yield Origin(name=str(path), template_name=template_name, loader=self)

    def get_template(self, template_name, skip=None):
        key = (current_theme.get(), template_name)
        if not self.engine.debug and key in self._cache:
            cached = self._cache[key]
            if cached is None:
                raise TemplateDoesNotExist(template_name)
            return cached
        try:
            template = super().get_template(template_name, skip=skip)
        except TemplateDoesNotExist:
            if not skip:
                self._cache[key] = None
            raise
        if not skip:
            self._cache[key] = template
        return template

    def reset(self):
        self._cache.clear()
