"""Content a town keeps once (a contact card, a "how to appeal" box) and shows on many pages; and a block of one
page copied into another page's draft."""

import json
from html import unescape

import pytest
from wagtail.models import Page

from cunwu.layouts.models import NoticePage, ReusableContent
from cunwu.pages.models import SectionPage
from cunwu.towns.models import Role
from tests.core.test_layouts import form_data

APPEAL_BOX = [
    {"type": "rich_text", "value": "<h2>如何申诉</h2><p>对处理结果不满意，可在15日内向镇纪委申诉。</p>"},
    {"type": "contact", "value": {"name": "西湖镇纪委", "role": "申诉受理", "phone": "0937-5521234", "address": "", "hours": ""}},
]


def section(town, key):
    return SectionPage.objects.descendant_of(town.root_page).get(section_key=key)


def page_showing(parent, title, slug, snippet):
    page = parent.add_child(instance=NoticePage(title=title, slug=slug, body=[("reusable", snippet)]))
    page.save_revision().publish()
    return page


def host(town):
    return town.site.hostname


@pytest.fixture
def xihu_editor(town, make_user):
    return make_user("xihu-editor", town, Role.TOWN_EDITOR)


@pytest.fixture
def liuhe_editor(other_town, make_user):
    return make_user("liuhe-editor", other_town, Role.TOWN_EDITOR)


@pytest.fixture
def appeal_box(town):
    return ReusableContent.objects.create(town=town, title="申诉方式", body=APPEAL_BOX)


@pytest.mark.sqlite
def test_edited_once_it_changes_on_every_page_showing_it(client, town, xihu_editor, appeal_box):
    first = page_showing(section(town, "service"), "低保申请", "dibao", appeal_box)
    second = page_showing(section(town, "disclosure"), "财务公开说明", "caiwu", appeal_box)
    for page in (first, second):
        assert "可在15日内向镇纪委申诉" in client.get(page.url, HTTP_HOST="localhost").text

    client.force_login(xihu_editor)
    edit_url = f"/admin/snippets/cunwu_layouts/reusablecontent/edit/{appeal_box.pk}/"
    assert client.get(edit_url, HTTP_HOST="localhost").status_code == 200
    appeal_box.body = [
        {"type": "rich_text", "value": "<h2>如何申诉</h2><p>对处理结果不满意，可在30日内向镇纪委申诉。</p>"},
        APPEAL_BOX[1],
    ]
    data = {"town": str(town.pk), "title": "申诉方式", **form_data(type(appeal_box)._meta.get_field("body").stream_block, appeal_box.body, "body")}
    response = client.post(edit_url, data, HTTP_HOST="localhost")
    assert response.status_code == 302, response.context and response.context["form"].errors.as_data()

    client.logout()
    for page in (first, second):
        html = client.get(page.url, HTTP_HOST="localhost").text
        assert "可在30日内向镇纪委申诉" in html and "15日内" not in html


@pytest.mark.sqlite
def test_a_deleted_content_leaves_nothing_on_the_page(client, town, appeal_box):
    page = page_showing(section(town, "service"), "低保申请", "dibao", appeal_box)
    appeal_box.delete()
    response = client.get(page.url, HTTP_HOST="localhost")
    assert response.status_code == 200 and "镇纪委申诉" not in response.text and "低保申请" in response.text


def test_the_admin_is_chinese_and_under_the_menu(client, town, xihu_editor, appeal_box):
    client.force_login(xihu_editor)
    listing = client.get("/admin/snippets/cunwu_layouts/reusablecontent/", HTTP_HOST="localhost")
    assert listing.status_code == 200 and "申诉方式" in listing.text and "可复用内容" in listing.text
    menu = client.get("/admin/", HTTP_HOST="localhost").text  # the sidebar's items travel as escaped JSON
    assert "可复用内容" in menu or json.dumps("可复用内容")[1:-1] in menu
    # The page editor offers the block under its Chinese name.
    add = client.get(f"/admin/pages/add/cunwu_layouts/noticepage/{section(town, 'service').pk}/", HTTP_HOST="localhost")
    assert "可复用内容" in add.text or json.dumps("可复用内容")[1:-1] in unescape(add.text)  # in the editor's JSON


def test_another_towns_editor_can_neither_list_choose_nor_edit_it(client, town, other_town, liuhe_editor, appeal_box):
    own = ReusableContent.objects.create(town=other_town, title="柳河镇联系方式", body=[])
    client.force_login(liuhe_editor)
    liuhe = host(other_town)
    listing = client.get("/admin/snippets/cunwu_layouts/reusablecontent/", HTTP_HOST=liuhe).text
    assert "柳河镇联系方式" in listing and "申诉方式" not in listing
    chooser = client.get("/admin/snippets/choose/cunwu_layouts/reusablecontent/", HTTP_HOST=liuhe)
    assert chooser.status_code == 200
    offered = chooser.json()["html"]
    assert "柳河镇联系方式" in offered and "申诉方式" not in offered
    assert client.get(f"/admin/snippets/choose/cunwu_layouts/reusablecontent/chosen/{appeal_box.pk}/", HTTP_HOST=liuhe).status_code == 404
    edit = client.get(f"/admin/snippets/cunwu_layouts/reusablecontent/edit/{appeal_box.pk}/", HTTP_HOST=liuhe)
    assert edit.status_code in (302, 403, 404)
    delete = client.post(f"/admin/snippets/cunwu_layouts/reusablecontent/delete/{appeal_box.pk}/", HTTP_HOST=liuhe)
    assert delete.status_code in (302, 403, 404) and ReusableContent.objects.filter(pk=appeal_box.pk).exists()
    assert own.pk


@pytest.mark.sqlite
def test_another_towns_content_never_renders_on_a_page(client, town, other_town):
    theirs = ReusableContent.objects.create(town=town, title="申诉方式", body=APPEAL_BOX)
    page = page_showing(section(other_town, "service"), "柳河办事", "banshi", theirs)  # a forged or pasted id
    response = client.get(page.url, HTTP_HOST=host(other_town))
    assert response.status_code == 200 and "柳河办事" in response.text and "镇纪委申诉" not in response.text


def test_a_block_copies_into_another_pages_draft_never_published(client, town, xihu_editor):
    source = section(town, "service").add_child(instance=NoticePage(title="停水通知", slug="tingshui"))
    source.save_revision().publish()
    target = section(town, "disclosure").add_child(instance=NoticePage(title="公开说明", slug="shuoming", body=[]))
    target.save_revision().publish()
    contact = next(child for child in source.body if child.block_type == "contact")

    client.force_login(xihu_editor)
    edit = client.get(f"/admin/pages/{source.pk}/edit/", HTTP_HOST="localhost").text
    assert "复制到其他页面" in edit
    url = f"/admin/pages/{source.pk}/copy-block/"
    screen = client.get(url, HTTP_HOST="localhost")
    assert screen.status_code == 200 and "联系卡片" in screen.text and "公开说明" in screen.text
    response = client.post(url, {"block": contact.id, "target": target.pk}, HTTP_HOST="localhost")
    assert response.status_code == 302

    target.refresh_from_db()
    draft = target.get_latest_revision_as_object()
    assert [child.block_type for child in draft.body] == ["contact"]
    assert draft.body[0].value["name"] == "（联系人）"
    assert target.has_unpublished_changes and len(target.specific.body) == 0  # the live page is unchanged
    assert "（联系人）" not in client.get(target.url, HTTP_HOST="localhost").text


def test_a_block_never_copies_to_another_towns_page(client, town, other_town, make_user):
    both = make_user("two-towns", town, Role.TOWN_EDITOR)
    both.groups.add(other_town.group_for(Role.TOWN_EDITOR))
    source = section(town, "service").add_child(instance=NoticePage(title="停水通知", slug="tingshui"))
    source.save_revision().publish()
    theirs = section(other_town, "service")
    client.force_login(both)
    url = f"/admin/pages/{source.pk}/copy-block/"
    offered = client.get(url, HTTP_HOST="localhost").context["form"].fields["target"].queryset
    assert offered.exists() and not offered.filter(pk=theirs.pk).exists()
    response = client.post(url, {"block": source.body[0].id, "target": theirs.pk}, HTTP_HOST="localhost")
    assert response.status_code == 200  # refused: the form names only this town's pages
    assert "停水" not in str(Page.objects.get(pk=theirs.pk).specific.get_latest_revision_as_object().body.raw_data)


def test_a_village_editor_copies_only_within_their_rights(client, town, make_user):
    village = town.villages.get(name="北沟村")
    editor = make_user("beigou-editor", town, Role.VILLAGE_EDITOR, village)
    source = section(town, "service")
    client.force_login(editor)
    refused = client.get(f"/admin/pages/{source.pk}/copy-block/", HTTP_HOST="localhost")
    assert refused.status_code in (302, 403) and "/admin/login" not in refused.get("Location", "")
