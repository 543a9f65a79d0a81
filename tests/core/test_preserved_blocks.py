"""A plugin left out of the install (CUNWU_EXCLUDE_PLUGINS) loses none of its blocks: every save keeps them byte
for byte, the public page and the search skip them, the editor shows them locked, and they are whole again
when the plugin is back. Block definitions that change between releases are migrated in pages and revisions."""

import html
import json
import re

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models import F, JSONField
from django.db.models.functions import Cast
from django.urls import reverse
from wagtail.blocks.migrations.operations import RenameStructChildrenOperation
from wagtail.models import Revision

from cunwu.pages.models import ArticlePage, SectionPage
from cunwu.plugins.api import migrate_body_blocks
from cunwu.plugins.testing import plugin_left_out
from cunwu.search.models import SearchEntry

NOW_NEXT = {"type": "livestream_now_next", "value": {"heading": "正在直播的镇务会"}, "id": "6f1c0a52-0b7e-4d4e-9c55-1f2d3e4a5b61"}
SCHEDULE = {"type": "livestream_schedule", "value": {"heading": "直播安排", "count": 4}, "id": "a9e3b1c4-2d5f-4a6b-8c7d-9e0f1a2b3c4d"}
CONTACT = {
    "type": "contact",
    "value": {"name": "镇纪委信访室", "role": "监督举报", "phone": "0937-5521234", "address": "镇政府院内", "hours": "工作日"},
    "id": "0d4e5f6a-7b8c-4d9e-a0b1-c2d3e4f5a6b7",
}
PLUGIN_BLOCKS = [NOW_NEXT, SCHEDULE]
NOTICE = "此内容来自未安装的插件“livestream_now_next”"


def raw_body(page):
    """The body exactly as the database holds it."""
    return type(page).objects.annotate(raw=Cast(F("body"), JSONField())).get(pk=page.pk).raw


def plugin_blocks_of(stream):
    return [block for block in stream if block["type"].startswith("livestream_")]


def revision_body(revision):
    body = revision.content["body"]
    return json.loads(body) if isinstance(body, str) else body


def assert_intact(page):
    """The plugin's blocks are stored as they were written, in the live page and its live revision."""
    page = type(page).objects.get(pk=page.pk)
    assert plugin_blocks_of(raw_body(page)) == PLUGIN_BLOCKS
    assert plugin_blocks_of(revision_body(page.live_revision)) == PLUGIN_BLOCKS


@pytest.fixture
def article(town, enable_plugin):
    """A published notice holding a core block between two blocks of the livestream plugin."""
    enable_plugin(town, "livestream")
    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    page = ArticlePage(title="镇务公开直播", slug="zhibo-tongzhi", summary="")
    page.body = json.dumps([NOW_NEXT, CONTACT, SCHEDULE], ensure_ascii=False)
    section.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    assert plugin_blocks_of(raw_body(page)) == PLUGIN_BLOCKS
    return page


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    return client


def public_path(page):
    return "/" + page.url_path.split("/", 2)[2]  # "/<home>/a/b/" -> "/a/b/"


def editor_post(page, blocks, action="action-publish"):
    """What the page editor posts: the body's blocks as the editor holds them (a preserved block's hidden value is
    its stored JSON), plus the title and slug."""
    data = {"title": page.title, "slug": page.slug, "summary": page.summary, "date": "", action: action,
            "body-count": str(len(blocks)),
            "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000"}
    for index, (block_type, value, block_id) in enumerate(blocks):
        prefix = f"body-{index}"
        data.update({f"{prefix}-type": block_type, f"{prefix}-id": block_id, f"{prefix}-order": str(index),
                     f"{prefix}-deleted": ""})
        if isinstance(value, dict):
            data.update({f"{prefix}-value-{key}": item for key, item in value.items()})
        else:
            data[f"{prefix}-value"] = value
    return data


def editor_definition(response):
    """The body's block definition the editor page hands to Wagtail's JavaScript (telepath-packed)."""
    found = re.search(r'data-w-block-data-value="([^"]*)"', response.text)
    assert found, "no StreamField on the editor page"
    return json.loads(html.unescape(found.group(1)))


def menu_block_names(definition):
    """Block types offered in the add menu: the StreamBlock's grouped child definitions."""
    groups = definition["_args"][1]
    return {child["_args"][0] for _group, children in groups for child in children if "_args" in child}


def test_republishing_without_the_plugin_keeps_its_blocks(article):
    with plugin_left_out("livestream"):
        page = ArticlePage.objects.get(pk=article.pk)
        assert [child.block_type for child in page.body] == ["livestream_now_next", "contact", "livestream_schedule"]
        page.title = "镇务公开直播（更新）"
        page.save_revision().publish()
        assert_intact(page)
    page = ArticlePage.objects.get(pk=article.pk)
    assert [child.value["heading"] for child in page.body if child.block_type.startswith("livestream_")] == [
        "正在直播的镇务会", "直播安排"]
    assert_intact(page)


@pytest.mark.sqlite
def test_the_editor_shows_the_block_locked_and_publishing_from_it_keeps_the_block(admin_client, article):
    with plugin_left_out("livestream"):
        edit = admin_client.get(f"/admin/pages/{article.pk}/edit/")
        assert edit.status_code == 200
        definition = editor_definition(edit)
        assert definition["_type"] == "cunwu.blocks.BodyStreamBlock"
        packed = json.dumps(definition, ensure_ascii=False)
        assert NOTICE in packed and "插件恢复后会原样显示" in packed
        assert "livestream_now_next" not in menu_block_names(definition)  # never offered in the add menu
        assert "contact" in menu_block_names(definition)

        contact = dict(CONTACT["value"], name="镇纪委信访接待室")
        response = admin_client.post(f"/admin/pages/{article.pk}/edit/", editor_post(article, [
            (NOW_NEXT["type"], json.dumps(NOW_NEXT["value"], ensure_ascii=False), NOW_NEXT["id"]),
            (CONTACT["type"], contact, CONTACT["id"]),
            (SCHEDULE["type"], json.dumps(SCHEDULE["value"], ensure_ascii=False), SCHEDULE["id"]),
        ]))
        assert response.status_code == 302, response.content[:3000]
        page = ArticlePage.objects.get(pk=article.pk)
        assert [block["value"].get("name") for block in raw_body(page) if block["type"] == "contact"] == ["镇纪委信访接待室"]
        assert_intact(page)
        compare = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, article.live_revision_id, page.live_revision_id))
        assert admin_client.get(compare).status_code == 200  # the history's comparison of the two revisions
    assert_intact(article)
    back = editor_definition(admin_client.get(f"/admin/pages/{article.pk}/edit/"))  # the plugin is back
    assert "livestream_now_next" in menu_block_names(back) and back["_args"][4] == []
    assert NOTICE not in json.dumps(back, ensure_ascii=False)


def test_the_editor_cannot_change_or_invent_a_preserved_block(admin_client, article):
    with plugin_left_out("livestream"):
        admin_client.get(f"/admin/pages/{article.pk}/edit/")
        response = admin_client.post(f"/admin/pages/{article.pk}/edit/", editor_post(article, [
            (NOW_NEXT["type"], json.dumps({"heading": "改过的标题"}, ensure_ascii=False), NOW_NEXT["id"]),
            (CONTACT["type"], CONTACT["value"], CONTACT["id"]),
            (SCHEDULE["type"], json.dumps(SCHEDULE["value"]), SCHEDULE["id"]),
            (NOW_NEXT["type"], json.dumps({"heading": "凭空多出来的"}, ensure_ascii=False), "11111111-2222-4333-8444-555555555555"),
        ]))
        assert response.status_code == 302, response.content[:3000]
    page = ArticlePage.objects.get(pk=article.pk)
    assert [block["type"] for block in raw_body(page)] == ["livestream_now_next", "contact", "livestream_schedule"]
    assert_intact(page)


def test_publishing_an_old_revision_without_the_plugin_keeps_its_blocks(article):
    old = article.get_latest_revision()
    page = ArticlePage.objects.get(pk=article.pk)
    page.body = json.dumps([CONTACT], ensure_ascii=False)
    page.save_revision().publish()  # the plugin's blocks were taken out on purpose: nothing to keep
    assert plugin_blocks_of(raw_body(page)) == []
    with plugin_left_out("livestream"):
        Revision.objects.get(pk=old.pk).publish()
        assert_intact(page)
    assert_intact(page)


def test_copying_and_moving_without_the_plugin_keep_its_blocks(article, town):
    other_section = SectionPage.objects.descendant_of(town.root_page).exclude(pk=article.get_parent().pk).first()
    with plugin_left_out("livestream"):
        copy = ArticlePage.objects.get(pk=article.pk).copy(update_attrs={"slug": "zhibo-tongzhi-fuben", "title": "副本"})
        ArticlePage.objects.get(pk=article.pk).move(other_section, pos="last-child")
    copy = ArticlePage.objects.get(pk=copy.pk)
    assert plugin_blocks_of(raw_body(copy)) == PLUGIN_BLOCKS
    assert plugin_blocks_of(revision_body(copy.get_latest_revision())) == PLUGIN_BLOCKS
    moved = ArticlePage.objects.get(pk=article.pk)
    assert moved.get_parent().pk == other_section.pk
    assert_intact(moved)


@pytest.mark.sqlite
def test_the_public_page_skips_the_block_and_shows_the_rest(client, article):
    with plugin_left_out("livestream"):
        response = client.get(public_path(article), HTTP_HOST="localhost")
        assert response.status_code == 200
        assert "镇纪委信访室" in response.text
        assert "正在直播的镇务会" not in response.text and "block-livestream_now_next" not in response.text
    back = client.get(public_path(article), HTTP_HOST="localhost")
    assert back.status_code == 200 and "block-livestream_now_next" in back.text and "正在直播的镇务会" in back.text


def test_search_ignores_the_block_and_keeps_the_pages_other_text(article):
    assert "正在直播的镇务会" in SearchEntry.objects.get(page_id=article.pk).text  # indexed while installed
    with plugin_left_out("livestream"):
        ArticlePage.objects.get(pk=article.pk).save_revision().publish()
        entry = SearchEntry.objects.get(page_id=article.pk)
    assert "镇纪委信访室" in entry.text and "0937-5521234" in entry.text
    assert "正在直播的镇务会" not in entry.text and "livestream" not in entry.text and "{" not in entry.text


def test_a_renamed_block_field_is_migrated_in_pages_and_revisions(article):
    """Release N stored the schedule's heading as "title"; release N+1 calls it "heading" and ships the migration."""
    renamed = [dict(block, value={"title" if key == "heading" else key: value for key, value in block["value"].items()})
               if block["type"] == "livestream_schedule" else block for block in [NOW_NEXT, CONTACT, SCHEDULE]]
    ArticlePage.objects.filter(pk=article.pk).update(body=renamed)
    draft = ArticlePage.objects.get(pk=article.pk).save_revision()  # a draft beside the live revision
    for revision in Revision.objects.filter(pk__in=[article.live_revision_id, draft.pk]):
        revision.content["body"] = json.dumps(renamed, ensure_ascii=False)  # as release N stored them
        revision.save(update_fields=["content"])

    operation = migrate_body_blocks([(RenameStructChildrenOperation("title", "heading"), "livestream_schedule")])
    operation.code(MigrationLoader(connection).project_state().apps, None)

    page = ArticlePage.objects.get(pk=article.pk)
    assert raw_body(page) == [NOW_NEXT, CONTACT, SCHEDULE]
    assert [child.value["heading"] for child in page.body if child.block_type == "livestream_schedule"] == ["直播安排"]
    revisions = Revision.objects.filter(object_id=str(article.pk), content_type__model="articlepage")
    assert revisions.count() == 2
    for revision in revisions:
        body = revision_body(revision)
        schedule = [block for block in body if block["type"] == "livestream_schedule"]
        assert schedule == [SCHEDULE], revision.pk
        assert [block for block in body if block["type"] == "contact"] == [CONTACT]


@pytest.mark.browser
def test_in_the_browser_the_block_shows_locked_is_never_offered_and_survives_publishing(live_server, article, make_user, desktop):
    make_user("root", password="root-pass-2026", is_superuser=True, is_staff=True)
    admin = desktop
    with plugin_left_out("livestream"):
        admin.goto(f"{live_server.url}/admin/login/")
        admin.fill("input[name=username]", "root")
        admin.fill("input[name=password]", "root-pass-2026")
        admin.click("button[type=submit]")
        admin.wait_for_url(f"{live_server.url}/admin/")
        admin.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")

        assert admin.get_by_text(NOTICE).first.is_visible()
        assert admin.locator(f"input[type=hidden][name$='-value'][value*='正在直播的镇务会']").count() == 1
        admin.locator("[data-streamfield-list-container] > button, .c-sf-add-button").last.click()
        menu = admin.get_by_role("listbox").or_(admin.locator("[role=dialog], .w-combobox")).first
        menu.wait_for()
        assert menu.get_by_text("联系卡片").first.is_visible()
        assert "未安装的插件" not in menu.inner_text() and "livestream" not in menu.inner_text()
        admin.keyboard.press("Escape")

        admin.locator("input[name$='-value-name']").first.fill("镇纪委信访接待室")
        admin.locator("footer [aria-label='更多操作'], footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
        admin.locator("button[name='action-publish']").click()
        admin.wait_for_selector(".messages .success, [data-w-messages] .success")
    page = ArticlePage.objects.get(pk=article.pk)
    assert [block["value"].get("name") for block in raw_body(page) if block["type"] == "contact"] == ["镇纪委信访接待室"]
    assert_intact(page)
