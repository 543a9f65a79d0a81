"""Page addresses from Chinese titles: 秋收专题 → qiushou-zhuanti.

Words (rjieba, already used by the search) are joined by hyphens and the syllables of a word are written
together, the style of the standard sections' addresses (cunwu-gongkai, quanli-qingdan): readable, and short
enough to say over the phone. A title's address is unique among its siblings (-2, -3, ... as Wagtail does)."""

import re

import rjieba
from anyascii import anyascii
from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin
from wagtail.models import Page

MAX_LENGTH = 80  # of the generated part; an editor may type a longer one
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_non_ascii(text):
    return any(ord(char) > 127 for char in text or "")


def _word_ascii(word):
    if HAN.search(word):
        # Per word, so pypinyin's phrase table picks the reading of polyphones (重庆 chongqing, 银行 yinhang).
        return "".join(lazy_pinyin(word, style=Style.NORMAL, errors=lambda rest: anyascii(rest)))
    return anyascii(word)


def pinyin_slug(text):
    """The ASCII address of a title ('' when nothing of it can be written so)."""
    parts = [slugify(_word_ascii(word)) for word in rjieba.cut(text or "")]
    slug = "-".join(part for part in parts if part)
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0] or slug[:MAX_LENGTH]
    return slug


def unique_slug(base, parent, page=None):
    """`base`, or base-2, base-3, ... : the first that no other child of `parent` has."""
    if parent is None:
        return base
    candidate, suffix = base, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def slug_for_title(title, parent, page=None, fallback="page"):
    return unique_slug(pinyin_slug(title) or fallback, parent, page)


def settle_page_slug(form):
    """In a page form's clean(): an empty or Chinese slug becomes the pinyin of the title (or of the typed
    slug), unique among the siblings. A page's unchanged slug stays, whatever it is (addresses already given out)."""
    if "slug" not in form.fields or "slug" not in form.cleaned_data:
        return
    slug, page = form.cleaned_data["slug"] or "", form.instance
    if (page.pk and slug == page.slug) or (slug and not has_non_ascii(slug)):
        return
    parent = page.get_parent() if page.pk else form.parent_page
    form.cleaned_data["slug"] = slug_for_title(slug or form.cleaned_data.get("title") or "", parent, page if page.pk else None)


def pinyin_for_new_page(sender, instance, **kwargs):
    """pre_save of pages: a new page saved with a Chinese slug (a form without settle_page_slug, a page made in
    code with an empty slug, which Wagtail fills from the title) gets the pinyin one instead."""
    if isinstance(instance, Page) and instance._state.adding and has_non_ascii(instance.slug) and instance.path:
        parent = instance.get_parent()
        instance.slug = slug_for_title(instance.slug, parent)
        # Page.save() computed url_path from the Chinese slug before this signal: the address must follow.
        instance.set_url_path(parent)
