"""An editor builds a page from blocks in the admin and publishes it; a villager reads it on a 360 px phone."""

import pytest

from cunwu.pages.models import SectionPage
from cunwu.towns.models import Role

pytestmark = pytest.mark.browser


def test_editor_adds_blocks_publishes_and_a_villager_sees_them(live_server, town, make_user, desktop, phone):
    make_user("xihu-editor", town, Role.TOWN_EDITOR, password="editor-pass-2026")
    section = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")

    admin = desktop
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("input[name=username]", "xihu-editor")
    admin.fill("input[name=password]", "editor-pass-2026")
    admin.click("button[type=submit]")
    admin.wait_for_url(f"{live_server.url}/admin/")
    admin.goto(f"{live_server.url}/admin/pages/{section.pk}/edit/")

    def add_block(label):
        admin.locator("[data-streamfield-list-container] > button, .c-sf-add-button").last.click()
        admin.get_by_role("option", name=label).or_(admin.get_by_role("button", name=label)).first.click()

    add_block("公告横条")
    admin.locator("input[name$='-value-text']").last.fill("本周五上午九点召开村务监督日会议")
    add_block("联系卡片")
    admin.locator("input[name$='-value-name']").last.fill("北沟村村委会")
    admin.locator("input[name$='-value-phone']").last.fill("0937-5520001")
    admin.screenshot(path="/tmp/editor-blocks.png", full_page=True)

    admin.locator("footer [aria-label='更多操作'], footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    # The edit page already has a messages container: wait for the publish's own
    # navigation and its success message, or the villager may look too early.
    with admin.expect_navigation():
        admin.locator("button[name='action-publish']").click()
    admin.wait_for_selector(".messages .success")

    phone.goto(f"{live_server.url}{section.url}")
    phone.screenshot(path="/tmp/villager-360.png", full_page=True)
    assert phone.get_by_text("本周五上午九点召开村务监督日会议").is_visible()
    assert phone.get_by_role("link", name="拨打 0937-5520001").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
