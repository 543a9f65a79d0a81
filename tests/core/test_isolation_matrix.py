"""Isolation, as one matrix: every role of 西湖镇 (the demo's staff) against every kind of object of 柳河镇.

Each cell signs in as one role and opens the other town's objects the way the admin offers them: lists, detail,
edit, delete, history, create forms (their choices), list filters, exports, choosers, search, reports and the
dashboard. Nothing of 柳河镇 may be named, opened or changed, and its rows are the same before and after. The plugin
columns are every model admin registered (`registered_model_admins`), so the matrix grows with each plugin.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client
from django.utils.html import escape
from wagtail import hooks

from cunwu.plugins.modeladmin import registered_model_admins
from cunwu.towns.models import Role, Town, Village
from cunwu.towns.viewsets import town_rows

# The demo's staff of 西湖镇, one per role (cunwu/demo/loader.py).
ROLES = {
    Role.TOWN_ADMIN: "xihu-admin",
    Role.TOWN_EDITOR: "xihu-editor",
    Role.VILLAGE_EDITOR: "beigou-editor",
    Role.VILLAGE_STAFF: "beigou-staff",
    Role.SUPERVISOR: "xihu-supervisor",
}


def model_admins():
    hooks.search_for_hooks()
    return sorted(registered_model_admins(), key=lambda admin: admin.model._meta.label)


def admin_list_urls():
    """The admin's listing screens: the core's and every registered plugin model admin's."""
    return [
        "/admin/", "/admin/pages/search/", "/admin/images/", "/admin/documents/", "/admin/snippets/towns/village/",
        "/admin/town-settings/", "/admin/search/", "/admin/reports/site-history/",
        *(admin.url_helper.index_url for admin in model_admins()),
    ]


def denied(response):
    return response.status_code in (302, 403, 404) and "/admin/login" not in response.get("Location", "")


@pytest.fixture(scope="module")
def towns(django_db_setup, django_db_blocker):
    """Both demo towns with their plugins' demo records, an image and a document each: built once for the
    module inside a transaction rolled back at its end."""
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from .test_isolation import png_file

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            mine, theirs = Town.objects.get(slug="xihu"), Town.objects.get(slug="liuhe")
            for town, title in ((mine, "西湖照片"), (theirs, "柳河照片")):
                Image.objects.create(title=title, file=png_file(), collection=town.collection)
                document = Document.objects.create(title=title.replace("照片", "文件"), collection=town.collection)
                document.file.save("doc.txt", io.BytesIO(b"doc"), save=True)
            yield mine, theirs
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def sign_in(role):
    client = Client()
    client.force_login(get_user_model().objects.get(username=ROLES[role]))
    return client


def their_rows(model, theirs):
    rows = town_rows(model, [theirs.pk])
    return model._default_manager.filter(rows) if rows is not None else model._default_manager.none()


def snapshot(theirs):
    """Every row of the other town in the models the matrix touches, field by field."""
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page

    models = {Page, Image, Document, Village, Town, *(admin.model for admin in model_admins())}
    return {
        model._meta.label: sorted(repr(sorted(model_to_dict(row).items(), key=str)) for row in their_rows(model, theirs))
        for model in models
    }


def their_names(mine, theirs, model=None):
    """Names only the other town has: its name, its villages, and (for a model) its rows' names."""
    names = {theirs.name, *theirs.villages.values_list("name", flat=True)}
    if model is not None:
        own = {str(row) for row in their_rows(model, mine)}
        names |= {str(row) for row in their_rows(model, theirs)[:20]} - own
    return {name for name in names if len(name) >= 2}


def leaked(response, names):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    return sorted(name for name in names if escape(name) in text or name in text)


CORE_KINDS = ["pages", "images", "documents", "villages", "town settings", "search, reports, dashboard"]


@pytest.mark.parametrize("kind", CORE_KINDS)
@pytest.mark.parametrize("role", list(ROLES), ids=[role.value for role in ROLES])
def test_core_objects_of_another_town(towns, db, role, kind):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page

    mine, theirs = towns
    client, names, before = sign_in(role), their_names(mine, theirs), snapshot(theirs)
    problems = []

    def listed(url, **params):
        response = client.get(url, params)
        if response.status_code >= 500 or (response.status_code == 200 and leaked(response, names)):
            problems.append((url, params, response.status_code, leaked(response, names)))

    def refused(method, url, data=None):
        response = getattr(client, method)(url, data or {})
        if not denied(response):
            problems.append((method, url, response.status_code))

    if kind == "pages":
        section = Page.objects.descendant_of(theirs.root_page).filter(slug="cunwu-gongkai").first().specific
        refused("get", f"/admin/pages/{theirs.root_page.pk}/")
        refused("get", f"/admin/pages/{section.pk}/edit/")
        refused("post", f"/admin/pages/{section.pk}/edit/", {"title": "被篡改", "slug": section.slug, "action-publish": "publish"})
        refused("post", f"/admin/pages/{section.pk}/unpublish/")
        refused("post", f"/admin/pages/{section.pk}/delete/")
        refused("get", f"/admin/pages/add/cunwu_pages/sectionpage/{theirs.root_page.pk}/")
        listed(f"/admin/choose-page/{theirs.root_page.pk}/")
        listed("/admin/choose-page/search/", q="柳河")
        listed("/admin/pages/search/", q="柳河")
        listed("/admin/pages/search/", q=section.title)
    elif kind in ("images", "documents"):
        model, base = (Image, "/admin/images/") if kind == "images" else (Document, "/admin/documents/")
        item = their_rows(model, theirs).get(title__startswith="柳河")
        names |= {item.title}
        edit = f"{base}{item.pk}/" if kind == "images" else f"{base}edit/{item.pk}/"
        refused("get", edit)
        refused("post", edit, {"title": "被篡改"})
        refused("post", f"{base}delete/{item.pk}/")
        listed(base)
        listed(base, q="柳河")
        listed(f"{base}chooser/")
        listed(f"{base}chooser/results/", q="柳河")
    elif kind == "villages":
        village = theirs.villages.first()
        base = "/admin/snippets/towns/village/"
        for action in ("edit", "delete", "history", "usage", "inspect"):
            refused("get", f"{base}{action}/{village.pk}/")
        refused("post", f"{base}edit/{village.pk}/", {"town": theirs.pk, "name": "被改名", "code": village.code, "sort_order": 0})
        refused("post", f"{base}delete/{village.pk}/")
        listed(base)
        listed(base, q="柳河")
        listed(f"{base}add/")
        listed("/admin/snippets/choose/towns/village/")
        listed("/admin/snippets/choose/towns/village/results/", q="柳河")
    elif kind == "town settings":
        refused("get", f"/admin/town-settings/{theirs.pk}/")
        refused("post", f"/admin/town-settings/{theirs.pk}/", {"name": "被篡改", "theme": "default"})
        listed("/admin/town-settings/")
    else:
        for url in ("/admin/", "/admin/reports/site-history/", "/admin/reports/locked/", "/admin/reports/workflow/",
                    "/admin/reports/aging-pages/", "/admin/workflows/tasks/index/", "/admin/reports/workflow_tasks/"):
            listed(url)
        listed("/admin/search/", q="柳河")
    assert not problems, problems
    assert snapshot(theirs) == before


@pytest.mark.parametrize("model_admin", model_admins(), ids=lambda admin: admin.model._meta.label)
@pytest.mark.parametrize("role", list(ROLES), ids=[role.value for role in ROLES])
def test_plugin_records_of_another_town(towns, db, role, model_admin):
    mine, theirs = towns
    client, model, urls = sign_in(role), model_admin.model, model_admin.url_helper
    names, before = their_names(mine, theirs, model), snapshot(theirs)
    problems = []

    def check_listed(url, **params):
        response = client.get(url, params)
        if response.status_code >= 500 or (response.status_code == 200 and leaked(response, names)):
            problems.append((url, params, response.status_code, leaked(response, names)))

    check_listed(urls.index_url)
    check_listed(urls.index_url, q="柳河")
    for export in ("csv", "xlsx"):
        check_listed(urls.index_url, export=export)
    check_listed(urls.create_url)
    for row in their_rows(model, theirs)[:2]:
        for action in ("inspect", "edit", "delete", "history"):
            try:
                url = urls.get_action_url(action, row.pk)
            except Exception:  # noqa: BLE001  (an action the model admin does not offer)
                continue
            response = client.get(url)
            if not denied(response):
                problems.append(("get", url, response.status_code))
        for action in ("edit", "delete"):
            url = urls.get_action_url(action, row.pk)
            response = client.post(url, {"title": "被篡改", "name": "被篡改", "body": "被篡改"})
            if not denied(response):
                problems.append(("post", url, response.status_code))
    assert not problems, problems
    assert snapshot(theirs) == before


def test_every_plugin_model_admin_is_in_the_matrix():
    labels = {admin.model._meta.label for admin in model_admins()}
    assert {"appeals.Case", "disclosure.LedgerMonth", "livestream.LiveUpdate", "sms.SmsMessage"} <= labels


def test_a_village_editor_touches_only_their_own_villages_pages_and_records(towns, db):
    from wagtail.models import Page

    mine, _theirs = towns
    client = sign_in(Role.VILLAGE_EDITOR)
    own = Village.objects.get(town=mine, code="beigoucun")
    other = mine.villages.exclude(pk=own.pk).first()
    pages = Page.objects.descendant_of(mine.root_page).filter(slug__in=[own.code, other.code]).specific()
    own_page, other_page = sorted(pages, key=lambda page: page.slug != own.code)
    assert client.get(f"/admin/pages/{own_page.pk}/edit/").status_code == 200
    assert denied(client.get(f"/admin/pages/{other_page.pk}/edit/"))
    title = other_page.title
    assert denied(client.post(f"/admin/pages/{other_page.pk}/edit/", {"title": "被篡改", "slug": other_page.slug}))
    other_page.refresh_from_db()
    assert other_page.title == title
    for model_admin in model_admins():
        path = model_admin.town_field.replace("town", "").rstrip("_")
        if not path.endswith("village"):
            continue
        rows = model_admin.model._default_manager.filter(**{path: other})[:3]
        for row in rows:
            for action in ("edit", "delete"):
                assert denied(client.get(model_admin.url_helper.get_action_url(action, row.pk))), (model_admin, action)
        listing = client.get(model_admin.url_helper.index_url)
        assert listing.status_code in (200, 302, 403)
