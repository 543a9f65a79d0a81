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


MODES = {"default": [], "elder": [{"name": "elder", "value": "1"}], "english": [{"name": "django_language", "value": "en"}]}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", list(MODES))
def test_public_pages_fit_a_360px_phone(live_server, phone, published, beigou, dtown, mode):
    """Every disclosure page reached from the town's pages: no sideways scroll, amounts on screen, legible flowchart."""
    from urllib.parse import urlsplit

    from cunwu.pages.models import VillagePage
    from cunwu.plugins.sections import standard_sections
    from disclosure.catalogue import import_default_catalogue
    from disclosure.models import Payment, PaymentList
    from django.utils import timezone
    from decimal import Decimal
    from datetime import date

    import_default_catalogue(dtown)
    payment_list = PaymentList.objects.create(village=beigou, year=2026, programme="耕地地力保护补贴")
    for name, amount in (("张三明", "10000.05"), ("欧阳建国", "67.05")):
        Payment.objects.create(payment_list=payment_list, household_head=name, id_last4="1234", amount=Decimal(amount),
                               paid_on=date(2026, 6, 15))
    PaymentList.objects.filter(pk=payment_list.pk).update(published_at=timezone.now())
    base = live_server.url
    phone.context.add_cookies([{**cookie, "url": base} for cookie in MODES[mode]])
    sections = standard_sections(dtown)
    pages = {
        "section": urlsplit(sections["disclosure"].url).path,
        "powerlist": urlsplit(sections["powerlist"].url).path,
        "village": urlsplit(VillagePage.objects.get(village=beigou).url).path,
        "ledger": f"/p/disclosure/ledger/{beigou.code}/",
        "payments": f"/p/disclosure/payments/?village={beigou.code}&list={payment_list.pk}",
        "assets": "/p/disclosure/assets/",
        "matter": "/p/disclosure/power/MS-01/",
    }
    for name, path in pages.items():
        phone.goto(base + path)
        if mode == "elder":
            assert phone.evaluate("document.documentElement.classList.contains('elder')")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 361, (mode, name)
        # Every amount cell or figure lies on the screen, not cut off at the right.
        overflow = phone.evaluate(
            "[...document.querySelectorAll('.amount')].filter(e => e.offsetParent)"
            ".map(e => e.getBoundingClientRect()).filter(r => r.width && (r.right > 361 || r.left < -1)).length"
        )
        assert overflow == 0, (mode, name)
        phone.screenshot(path=f"/tmp/disclosure-{mode}-{name}.png", full_page=True)
    phone.goto(base + pages["payments"])
    assert ("10,067.10 元" if mode != "english" else "10,067.10 yuan") in phone.inner_text("main")
    phone.goto(base + pages["matter"])
    sizes = phone.evaluate(
        "[...document.querySelectorAll('.power-flowchart svg text')].map(t => t.getBoundingClientRect().height)"
    )
    scale = phone.evaluate(
        "(() => { const s = document.querySelector('.power-flowchart svg'); return s.getBoundingClientRect().width / s.viewBox.baseVal.width })()"
    )
    font = int(phone.get_attribute(".power-flowchart svg", "data-font-size"))
    assert font * scale >= 14, (mode, font, scale)
    assert sizes and min(sizes) >= 14, (mode, min(sizes))
    returns = phone.locator(".power-flowchart svg path[stroke-dasharray]")
    assert returns.count() >= 2 and returns.first.get_attribute("stroke") != "#1565c0"
