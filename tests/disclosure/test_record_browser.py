"""Real browser, 360 px phone, JavaScript off: a villager goes from the village hub to a power record, reads its
progress without scrolling sideways, and reports a problem."""

from urllib.parse import urlsplit

import pytest

from .test_record_gate import people  # noqa: F401  (a fixture)
from .test_record_public import fresh_limits, road  # noqa: F401  (fixtures)


@pytest.fixture
def phone_without_js(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN", java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_villager_reads_a_record_and_reports_a_problem_on_a_phone_without_javascript(live_server, phone_without_js,
                                                                                       road, beigou):
    from cunwu.pages.models import VillagePage

    from disclosure.record_reports import RecordReport

    page = phone_without_js
    page.goto(live_server.url + urlsplit(VillagePage.objects.get(village=beigou).url).path)
    assert "第 4/7 步" in page.inner_text(".hub-panel--disclosure-records")
    page.click(".hub-panel--disclosure-records a")
    steps = page.locator("ol.record-steps > li")
    assert steps.count() == 7
    assert [steps.nth(n).get_attribute("data-step-state") for n in range(7)] == [
        "done", "done", "done", "overdue", "refused", "pending", "pending"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.screenshot(path="/tmp/disclosure-record-phone.png", full_page=True)
    page.fill("textarea[name=content]", "路面宽度和公示的不一样")
    page.fill("input[name=phone]", "13812345678")
    page.click(".record-report button[type=submit]")
    assert "已收到您的反映" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    report = RecordReport.objects.get()
    assert report.number in page.inner_text("main") and "138****5678" in page.inner_text("main")
