"""The topics of the editor's guide: the core's own, and those plugins contribute through a Wagtail hook.

A topic is a template per language (`<template>.zh_hans.html`, `<template>.en.html`): a guide page is a
document written for a civil servant, not a row of UI strings, so it is translated as a whole. Its title
and summary are the template's `title` and `summary` blocks, so the index and the page never disagree.

A plugin registers a function under `HOOK` in its wagtail_hooks.py returning a list of `GuideTopic`s; the
topic belongs to the plugin whose module registered it and shows only to editors of towns that switched
the plugin on (the core never imports the plugin to find out).
"""

from dataclasses import dataclass

from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.utils import translation

HOOK = "cunwu_guide_topics"
DEFAULT_LANGUAGE = "zh_hans"


@dataclass(frozen=True)
class GuideTopic:
    """One page of the guide. `slug` is its address under /admin/guide/, `template` the template's name
    without the language and `.html`; `permission` (optional, e.g. "appeals.view_case") hides it from
    staff who cannot do the task; lower `order` comes first."""

    slug: str
    template: str
    order: int = 50
    permission: str = ""
    plugin: str = ""  # filled in by the guide from the registering module

    def template_name(self, language=None):
        language = (language or translation.get_language() or DEFAULT_LANGUAGE).replace("-", "_").lower()
        for candidate in (language, DEFAULT_LANGUAGE):
            name = f"{self.template}.{candidate}.html"
            try:
                get_template(name)
            except TemplateDoesNotExist:
                continue
            return name
        raise TemplateDoesNotExist(f"{self.template}.{DEFAULT_LANGUAGE}.html")

    def block(self, name):
        """The plain text of one block of the topic's template (title, summary)."""
        template = get_template(self.template_name()).template
        for node in template.nodelist.get_nodes_by_type(BlockNode):
            if node.name == name:
                return node.nodelist.render(Context({})).strip()
        return ""

    @property
    def title(self):
        return self.block("title")

    @property
    def summary(self):
        return self.block("summary")


CORE_TOPICS = [
    GuideTopic("build-page", "cunwu_guide/topics/build_page", order=10),
    GuideTopic("moderate", "cunwu_guide/topics/moderate", order=50),
]


def all_topics():
    from wagtail import hooks

    from cunwu.plugins.registry import plugin_for_module

    topics = list(CORE_TOPICS)
    for function in hooks.get_hooks(HOOK):
        config = plugin_for_module(function.__module__)
        label = config.label if config is not None else ""
        topics.extend(GuideTopic(**{**topic.__dict__, "plugin": label}) for topic in function())
    return sorted(topics, key=lambda topic: (topic.order, topic.slug))


def topics_for(user, town):
    """The topics this user sees in this town: plugin topics only where the plugin is on."""
    from cunwu.plugins.registry import is_enabled

    shown = []
    for topic in all_topics():
        if topic.plugin and (town is None or not is_enabled(town, topic.plugin)):
            continue
        if topic.permission and not user.has_perm(topic.permission):
            continue
        shown.append(topic)
    return shown
