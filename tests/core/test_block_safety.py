"""A block that fails stays inside itself: visitors get the page without it, the editor is told in Chinese."""

import json
import logging

import pytest
from django.db import connection
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cunwu.pages.blocks.content import ContactCardBlock
from cunwu.pages.models import SectionPage
from cunwu.towns.models import Role

NOTICE = "此区块显示出错，访客看不到它"


def bad_query(*args, **kwargs):
    """What a block with a broken query does (the finance summary's SQLite query did): the database refuses."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT no_such_column FROM wagtailcore_page WHERE phone = %s", ["13800138000"])


def template_bug(*args, **kwargs):
    raise TypeError("a plugin's template tag was given None")


@pytest.fixture(params=[bad_query, template_bug], ids=["database-error", "code-error"])
def failing_contact(request, monkeypatch):
    monkeypatch.setattr(ContactCardBlock, "get_context", request.param)


def page_with_contact(town):
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    page.body = json.dumps([
        {"type": "rich_text", "value": "<p>前面的段落</p>"},
        {"type": "contact", "value": {"name": "镇纪委监督室", "role": "", "phone": "0937-5521234", "address": "", "hours": ""}},
        {"type": "rich_text", "value": "<p>后面的段落</p>"},
    ], ensure_ascii=False)
    page.save_revision().publish()
    return page


@pytest.mark.sqlite
def test_a_failing_block_shows_nothing_and_the_page_answers(client, town, failing_contact, caplog):
    page = page_with_contact(town)
    with caplog.at_level(logging.ERROR, logger="cunwu.blocks"):
        response = client.get(page.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    text = response.text
    assert "前面的段落" in text and "后面的段落" in text
    assert "镇纪委监督室" not in text and "0937-5521234" not in text
    assert NOTICE not in text  # visitors see no error, not even a notice
    assert "site-footer" in text  # the rest of the page (its queries after the body) still rendered
    assert text.index("前面的段落") < text.index("后面的段落")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "contact" in logged and "13800138000" not in logged  # logged, without the query's values


@pytest.mark.sqlite
def test_the_editors_preview_names_the_failed_block_in_chinese(town, failing_contact):
    page = page_with_contact(town)
    with translation.override("zh-hans"):
        response = page.make_preview_request()
    assert response.status_code == 200
    text = response.content.decode()
    assert NOTICE in text and "联系卡片" in text
    assert "前面的段落" in text and "后面的段落" in text and "镇纪委监督室" not in text


def edit_body(client, page, blocks):
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "intro": "", "body": streamfield(blocks),
        "comments": inline_formset([]), "action-publish": "publish",
    })
    return client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)


@pytest.mark.sqlite
def test_publishing_a_page_whose_block_fails_warns_the_editor(client, town, make_user, failing_contact):
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    contact = {"name": "镇纪委监督室", "role": "", "phone": "0937-5521234", "address": "", "hours": ""}
    response = edit_body(client, page, [("contact", contact)])
    assert response.status_code == 200
    text = response.content.decode()
    assert "“联系卡片”" in text and "访客看不到" in text
    page.refresh_from_db()
    assert "镇纪委监督室" in str(list(page.body.raw_data))  # saved all the same


@pytest.mark.sqlite
def test_publishing_a_page_whose_blocks_work_warns_nothing(client, town, make_user):
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    contact = {"name": "镇纪委监督室", "role": "", "phone": "0937-5521234", "address": "", "hours": ""}
    text = edit_body(client, page, [("contact", contact)]).content.decode()
    assert "访客看不到" not in text
    assert "镇纪委监督室" in client.get(page.url, HTTP_HOST="localhost").text


def test_a_failing_plugin_block_stays_inside_it_too(client, town, enable_plugin, monkeypatch):
    """Plugin blocks go through the same rendering: the finance summary whose data query fails."""
    enable_plugin(town, "disclosure")
    monkeypatch.setattr("disclosure.blocks.prefetch_summaries", bad_query)
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    village = town.villages.get(name="北沟村")
    page.body = json.dumps([
        {"type": "disclosure_finance_summary", "value": {"title": "北沟村本月财务", "village": village.code}},
        {"type": "rich_text", "value": "<p>后面的段落</p>"},
    ], ensure_ascii=False)
    page.save_revision().publish()
    response = client.get(page.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "后面的段落" in response.text and "北沟村本月财务" not in response.text
