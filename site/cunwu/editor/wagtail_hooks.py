from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from . import history, views


@hooks.register("register_admin_urls")
def register_editor_urls():
    return [
        path("cunwu-editor/pinyin-slug/", views.pinyin_slug_view, name="cunwu_pinyin_slug"),
        path("pages/<int:page_id>/revisions/<int:revision_id>/restore/", history.restore_revision, name="cunwu_restore_revision"),
    ]


@hooks.register("insert_editor_js")
def pinyin_slug_js():
    return format_html('<script src="{}" data-url="{}"></script>', static("cunwu_editor/pinyin-slug.js"), reverse("cunwu_pinyin_slug"))
