"""Real Chromium on a 360 px phone that grants its location: the committee member checks in with the place and
the accuracy the phone reports, without scrolling sideways."""

from decimal import Decimal

import pytest

from fieldvisit.models import CheckIn
from tests.fieldvisit.conftest import jpeg_bytes


@pytest.fixture
def located_phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN", permissions=["geolocation"],
                                  geolocation={"latitude": 30.274085, "longitude": 120.155070, "accuracy": 23})
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_checks_in_on_a_phone_with_its_location(live_server, located_phone, ftown, people, tmp_path):
    page = located_phone
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "beigou-jianwei")
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/fieldvisit/")
    page.get_by_role("link", name="打卡", exact=True).click()
    page.wait_for_selector("text=已获取位置，精度约 23 米。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.fill("textarea[name=note]", "查看村务公开栏")
    photo = tmp_path / "IMG_0002.jpg"
    photo.write_bytes(jpeg_bytes())
    page.set_input_files("input[name=photo]", str(photo))
    page.screenshot(path="/tmp/fieldvisit-phone-form.png", full_page=True)
    page.get_by_role("button", name="立即打卡").click()
    page.wait_for_selector("text=已在北沟村打卡")
    page.screenshot(path="/tmp/fieldvisit-phone-trail.png", full_page=True)
    checkin = CheckIn.objects.get()
    assert (checkin.latitude, checkin.longitude, checkin.accuracy_m) == (Decimal("30.274085"), Decimal("120.155070"),
                                                                        Decimal("23.0"))
    assert checkin.photo and checkin.note == "查看村务公开栏"
    assert page.locator("svg.fieldvisit-map circle.checkin").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_supervisor_follows_the_menu_to_the_trail_and_its_map(live_server, desktop, ftown, people):
    from fieldvisit.demo import load_demo

    load_demo(ftown, list(ftown.villages.all()))
    page = desktop
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "jiwei")
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.locator("#wagtail-sidebar").get_by_role("link", name="走访打卡", exact=True).click()
    page.wait_for_selector("svg.fieldvisit-map")
    assert page.locator("svg.fieldvisit-map circle.checkin").count() == CheckIn.objects.count() == 6
    labels = page.locator("svg.fieldvisit-map g.village text")
    assert sorted(labels.nth(n).text_content() for n in range(labels.count())) == sorted(["北沟村", "向阳村"])
    assert page.locator("#fieldvisit-trail tbody tr").count() == 6
    page.screenshot(path="/tmp/fieldvisit-desktop-trail.png", full_page=True)
