"""Real browser: a village editor imports a month from XLSX, the reviewer approves it, a villager reads it on a phone."""

import pytest

from .test_import import GOOD, HEADER, xlsx


def login(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


@pytest.mark.django_db(transaction=True)
def test_import_approve_and_read_on_a_phone(live_server, desktop, phone, editor, reviewer, make_ledger, beigou, tmp_path):
    base = live_server.url
    ledger = make_ledger(beigou, lines=[], opening="1000.00", closing="12990.00")
    upload = tmp_path / "march.xlsx"
    upload.write_bytes(xlsx([HEADER, *GOOD]).read())

    login(desktop, base, editor.username)
    desktop.goto(f"{base}/admin/disclosure/ledger/{ledger.pk}/import/")
    desktop.set_input_files("input[type=file]", str(upload))
    desktop.click("button[type=submit]:has-text('导入')")
    desktop.wait_for_url(f"**/disclosure/ledger/{ledger.pk}/review/")
    assert "已导入 2 条" in desktop.content()
    desktop.click("button:has-text('提交审核')")
    desktop.wait_for_selector("[data-status=submitted]")
    desktop.context.clear_cookies()

    login(desktop, base, reviewer.username)
    desktop.goto(f"{base}/admin/disclosure/ledger/{ledger.pk}/review/")
    desktop.click("button:has-text('审核通过并公开')")
    desktop.wait_for_selector("[data-status=published]")

    phone.goto(f"{base}/p/disclosure/ledger/{beigou.code}/")
    table = phone.locator("table.disclosure-lines")
    assert table.is_visible() and "办公用品" in table.inner_text()
    chart = phone.locator("svg[role=img]").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box and box["width"] <= 360 and box["height"] > 50
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360 + 1
    phone.screenshot(path="/tmp/disclosure-phone.png", full_page=True)
