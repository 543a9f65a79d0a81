"""The page editor in a browser, as a town editor under zh-hans: the address follows the title in pinyin, and
the autosave and validation messages are Chinese. Screenshots: /tmp/editor-pinyin-slug.png, /tmp/editor-validation.png."""

import re

import pytest
from playwright.sync_api import expect

from cunwu.pages.models import HomePage
from cunwu.towns.models import Role

pytestmark = pytest.mark.browser

HAN = re.compile(r"[\u4e00-\u9fff]")


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "xihu-editor")
    page.fill("input[name=password]", "editor-pass-2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_new_page_address_follows_the_title_in_pinyin_and_messages_are_chinese(live_server, town, make_user, desktop):
    make_user("xihu-editor", town, Role.TOWN_EDITOR, password="editor-pass-2026")
    home = HomePage.objects.get(pk=town.site.root_page_id)
    admin = desktop
    log_in(admin, live_server)
    admin.goto(f"{live_server.url}/admin/pages/add/cunwu_pages/articlepage/{home.pk}/")
    admin.locator("#id_title").click()
    admin.locator("#id_title").press_sequentially("秋收专题", delay=30)
    admin.locator("#id_title").blur()
    slug = admin.locator("input[name=slug]")
    expect(slug).to_have_value("qiushou-zhuanti", timeout=5000)
    admin.screenshot(path="/tmp/editor-pinyin-slug.png", full_page=True)
    assert slug.input_value() == "qiushou-zhuanti"

    # The strings the editor's scripts show for autosave and its failures, through Django's JS catalogue.
    for text in ["Autosave in progress…", "Changes have been autosaved.", "A network error occurred.", "A server error occurred."]:
        assert HAN.search(admin.evaluate("text => window.django.gettext(text)", text)), text

    # Saving without a title: the page's and the field's messages are Chinese.
    admin.locator("#id_title").fill("")
    with admin.expect_navigation():
        admin.locator("button[name='action-publish'], footer button[type=submit]").first.click(force=True)
    admin.screenshot(path="/tmp/editor-validation.png", full_page=True)
    errors = admin.locator(".messages .error, .w-field__errors, .error-message").all_inner_texts()
    assert errors and all(HAN.search(text) for text in errors if text.strip()), errors
