"""Real browser: a villager submits on a 360 px phone, the handler accepts and resolves in the admin, the villager rates."""

import pytest

from appeals.models import Case, Rating, State


def login(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


@pytest.mark.django_db(transaction=True)
def test_submit_on_a_phone_handle_in_the_admin_and_rate(live_server, phone, desktop, appeals_town, make_user):
    from cunwu.towns.models import Role

    beigou = appeals_town.villages.get(name="北沟村")
    handler = make_user("handler", appeals_town, Role.VILLAGE_STAFF, beigou)
    base = live_server.url

    phone.goto(f"{base}/")
    phone.click("a:has-text('我要办')")
    phone.wait_for_selector(".appeals-kind")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 361
    phone.screenshot(path="/tmp/appeals-phone-service.png", full_page=True)
    phone.click(".appeals-kind--report")
    phone.wait_for_url("**/p/appeals/submit/?kind=report")
    phone.wait_for_load_state()
    assert phone.is_checked("input[name=kind][value=report]")
    categories = "Array.from(document.querySelectorAll('select[name=category] option')).map(o => o.text).filter(Boolean)"
    assert phone.evaluate(categories)[1:] == ["村务公开（咨询、投诉举报）"]
    assert not phone.is_visible("button[name=show_fields]")  # the script filters live; the no-JS buttons hide
    phone.check("input[name=kind][value=application]")
    assert phone.evaluate(categories)[1:] == ["低保救助（办事申请、咨询）"]
    phone.select_option("select[name=village]", label="北沟村")
    phone.select_option("select[name=category]", label="低保救助（办事申请、咨询）")
    phone.wait_for_load_state()
    phone.fill("textarea[name=content]", "家里老人生病住院，申请临时救助。")
    phone.fill("input[name=name]", "张三明")
    phone.fill("input[name=phone]", "138 1234 5678")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 361
    phone.screenshot(path="/tmp/appeals-phone-form.png", full_page=True)
    phone.click("button[type=submit]:has-text('提交')")
    phone.wait_for_selector(".appeals-number")
    number = phone.inner_text(".appeals-number").strip()
    case = Case.objects.get(number=number)
    assert case.state == State.SUBMITTED and phone.url.endswith(f"/c/{case.token}/?new=1")
    box = phone.locator(".appeals-number").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
    phone.screenshot(path="/tmp/appeals-phone-submitted.png", full_page=True)

    login(desktop, base, handler.username)
    desktop.goto(f"{base}/admin/appeals/case/")
    assert number in desktop.content()
    desktop.goto(f"{base}/admin/appeals/case/{case.pk}/")
    desktop.click("button:has-text('受理')")
    desktop.wait_for_selector("button:has-text('开始办理')")
    desktop.click("button:has-text('开始办理')")
    desktop.fill("textarea[name=note]", "已核实情况，临时救助金 2000 元本周内发放。")
    desktop.click("button:has-text('办结')")
    desktop.wait_for_selector("text=已核实情况")
    desktop.screenshot(path="/tmp/appeals-admin-resolved.png", full_page=True)
    case.refresh_from_db()
    assert case.state == State.RESOLVED

    phone.goto(f"{base}/p/appeals/c/{case.token}/")
    assert "已核实情况" in phone.inner_text("main")
    steps = phone.locator(".appeals-timeline li")
    assert steps.count() == 4
    for index in range(4):  # each step readable on the phone: inside the screen, state above its time
        box = steps.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert phone.evaluate("document.documentElement.scrollWidth") <= 361
    phone.screenshot(path="/tmp/appeals-phone-status.png", full_page=True)
    for field in ("overall", "method", "efficiency", "attitude"):
        phone.check(f"input[name={field}][value=very]")
    phone.click("button:has-text('提交评价')")
    phone.wait_for_selector(".appeals-state-rated")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 361
    phone.screenshot(path="/tmp/appeals-phone-rated.png", full_page=True)
    assert Rating.objects.get(case=case).overall == "very"
    assert Case.objects.get(pk=case.pk).state == State.RATED

    desktop.goto(f"{base}/admin/appeals/dashboard/")
    totals = desktop.inner_text("[data-testid=totals]")
    assert "收到\n1" in totals and "满意率（%）\n100.0" in totals
    desktop.screenshot(path="/tmp/appeals-admin-dashboard.png", full_page=True)
