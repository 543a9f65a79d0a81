"""An editor or staff member sees the Wagtail admin in Chinese: a crawl as each demo role over what that role reaches
(dashboard, every menu and sub-menu item, each listing's first edit/inspect screen, the page explorer, a page's edit and
history screens, the page chooser, search, the account), flagging any English left in the interface, and the strings
Wagtail's scripts get (the JS catalogue and wagtailConfig.STRINGS)."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils.translation import gettext

ROLES = ["admin", "xihu-admin", "xihu-editor", "beigou-editor", "beigou-staff", "xihu-supervisor", "liuhe-editor"]

# English that is right in a Chinese interface: product and format names, and units.
ALLOWED = {
    "Wagtail",  # the product's name, kept in Chinese texts too ("Wagtail 编辑指南")
    "CSV", "XLSX", "JSON", "PDF", "SVG", "PNG", "JPEG", "GIF", "WebP", "AVIF", "HEIC",  # file formats
    "SMS", "QR", "Open311", "URL", "ID", "HTML", "JavaScript", "Cron",  # technical names
    "KB", "MB", "GB",  # sizes
}
SKIPPED_TAGS = {"script", "style", "code", "pre", "textarea", "svg", "template"}
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ -]+[A-Za-z][A-Za-z'’]*)*")
NOISE = re.compile(
    # addresses, file names, paths, codes with digits (CW-01), identifiers (app_label.model), placeholders
    r"https?://\S+|www\.\S+|\S+@\S+|\S+\.(?:png|jpe?g|gif|svg|pdf|docx?|xlsx?|csv|mp4|m3u8|txt)\b|/\S*|\S*\d\S*"
    r"|\b[\w-]+(?:\.[\w-]+)+\b|\{\S*?\}|%\(\w+\)s",
    re.IGNORECASE,
)


class InterfaceText(HTMLParser):
    """Visible text nodes and the attributes a user reads (or hears), outside scripts, code and edited content."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED_TAGS:
            self.skipping.append(tag)
        if self.skipping:
            return
        self.texts += [attrs[name] for name in ATTRIBUTES if attrs.get(name)]
        if tag == "option":
            self.option_value = attrs.get("value")
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "option":
            self.option_value = None
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if getattr(self, "option_value", None) == data.strip():  # e.g. time zones: <option value="Asia/Shanghai">
            return
        if not self.skipping and data.strip():
            self.texts.append(data.strip())


def english_in(text, known):
    """The runs of English words in an interface string, minus product names and what the demo itself contains.

    A run our catalogues do translate is skipped: Wagtail calls gettext() at import time in a few modules (the
    redirects filter, the sites listing's columns), and the test database's migrate imports them with translations
    off, so this process froze them in English; a server process imports them in Chinese."""
    text = NOISE.sub(" ", text)
    for word in known:
        text = text.replace(word, " ")
    runs = []
    for run in ENGLISH_RUN.findall(text):
        words = [w for w in ENGLISH_WORD.findall(run) if w not in ALLOWED]
        if words and not any(gettext(form) != form for form in (run, run.lower(), run.capitalize())):
            runs.append(run)
    return runs


def demo_words():
    """User names, e-mail addresses and other English that is the demo's data, not the interface."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    words = set()
    for user in get_user_model().objects.all():
        words |= {user.username, user.email, user.first_name, user.last_name}
    words |= {page.slug for page in Page.objects.all()}
    from django.apps import apps

    for model in apps.get_models():  # slugs, host names, theme keys and tracking numbers are data
        for field in ("slug", "hostname", "theme", "tracking_code", "number"):
            if any(f.name == field for f in model._meta.concrete_fields):
                words |= {str(v) for v in model.objects.values_list(field, flat=True)}
    return sorted((w for w in words if w), key=len, reverse=True)


def sidebar(html):
    """Menu item URLs and labels: Wagtail renders its sidebar from JSON props."""
    match = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    props = match.group(1) if match else ""
    urls = re.findall(r'"url":\s*"(/admin/[^"]*)"', props)
    labels = re.findall(r'"label":\s*"((?:[^"\\]|\\.)*)"', props)
    return urls, [json.loads(f'"{label}"') for label in labels]


def wagtail_strings(html):
    match = re.search(r'<script[^>]*id="wagtail-config"[^>]*>(.*?)</script>', html, re.S)
    config = json.loads(match.group(1)) if match else {}
    return config.get("STRINGS", {})


FIRST_OBJECT = re.compile(r'href="(/admin/[^"?#]*/(?:edit|inspect)/[^"?#/]+/)"')


def crawl(client, user):
    from wagtail.models import Page

    client.force_login(user)
    todo = ["/admin/", "/admin/pages/", "/admin/choose-page/", "/admin/pages/search/?q=%E6%9D%91", "/admin/account/"]
    page = Page.objects.filter(depth__gte=2).order_by("depth", "pk").first()
    if page is not None:
        todo += [f"/admin/pages/{page.pk}/", f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.pk}/history/"]
    seen, problems, known, strings = set(), {}, demo_words(), {}
    menu_urls = []
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_HOST="localhost")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        parser = InterfaceText()
        parser.feed(html)
        urls, labels = sidebar(html)
        strings = strings or wagtail_strings(html)
        if url == "/admin/":
            menu_urls = [u for u in urls if u not in seen]
            todo += menu_urls
        if url in menu_urls:  # a listing: its first object's edit or inspect screen too
            todo += FIRST_OBJECT.findall(html)[:1]
        for text in parser.texts + labels:
            words = english_in(text, known)
            if words:
                problems.setdefault(text[:120], url)
    for name, value in strings.items():
        if isinstance(value, str) and english_in(value, known):
            problems.setdefault(value[:120], f"wagtailConfig.STRINGS[{name}]")
    return seen, problems


@pytest.mark.sqlite
@pytest.mark.django_db
def test_every_role_sees_the_admin_in_chinese(client, django_user_model):
    call_command("load_demo")
    report = {}
    for username in ROLES:
        seen, problems = crawl(client, django_user_model.objects.get(username=username))
        assert len(seen) > 8, f"{username} reached only {sorted(seen)}"
        for text, url in problems.items():
            report.setdefault(text, f"{text!r} ({username} at {url})")
    assert not report, "English in the zh-hans admin:\n" + "\n".join(report.values())


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_admin_scripts_get_chinese(client, django_user_model):
    call_command("load_demo")
    client.force_login(django_user_model.objects.get(username="xihu-editor"))
    catalogue = client.get("/admin/jsi18n/", HTTP_HOST="localhost").content.decode()
    for chinese in ("正在自动保存……", "修改已自动保存。", "插入区块"):  # Autosave in progress…, Changes have been autosaved., Insert a block
        assert json.dumps(chinese)[1:-1] in catalogue or chinese in catalogue, chinese
    from wagtail.models import Page

    page = Page.objects.filter(depth__gte=2).order_by("depth", "pk").first()
    edit = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_HOST="localhost").content.decode()
    assert "Autosave is paused" not in edit and "自动保存已暂停" in edit
    strings = wagtail_strings(edit)
    assert strings and strings.get("MONTHS", [""])[0] == "一月"
