"""Links that leave the browser carry the town's canonical address: the scheme, host and port a phone opens.

Wagtail builds a page's absolute URL from its Site (port 80, http://); under `make run` the public is on port
8000 and in production behind TLS, so a QR code or SMS link built that way opens nothing."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone

zxingcpp = pytest.importorskip("zxingcpp")  # in the [test] extra

pytestmark = pytest.mark.django_db


def decoded(image_bytes):
    from PIL import Image

    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(image_bytes)))
    assert len(codes) == 1, "exactly one readable QR code"
    return codes[0].text


@pytest.fixture
def liuhe_village(town, other_town):
    """柳河镇's village page, on a two-town install (西湖镇 on localhost, 柳河镇 on liuhe.localhost)."""
    from cunwu.pages.models import VillagePage

    page = VillagePage.objects.get(village__town=other_town)
    return page, page.relative_url(other_town.site)


@pytest.fixture
def make_run(settings):
    settings.CUNWU_PUBLIC_SCHEME, settings.CUNWU_PUBLIC_PORT = "http", 8000


@pytest.fixture
def behind_tls(settings):
    settings.CUNWU_PUBLIC_SCHEME, settings.CUNWU_PUBLIC_PORT = "https", None


@pytest.mark.sqlite
def test_the_village_qr_code_opens_the_village_page_under_make_run(client, make_run, liuhe_village):
    page, path = liuhe_village
    assert path.startswith("/villages/")
    png = client.get(f"{path}qr/png/", HTTP_HOST="liuhe.localhost:8000")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert decoded(png.content) == f"http://liuhe.localhost:8000{path}"


@pytest.mark.sqlite
def test_the_village_qr_code_is_https_in_production(client, behind_tls, liuhe_village):
    page, path = liuhe_village
    # The TLS proxy talks plain http to the app: the code must still say https, and no port.
    png = client.get(f"{path}qr/png/", HTTP_HOST="liuhe.localhost")
    assert decoded(png.content) == f"https://liuhe.localhost{path}"


@pytest.mark.browser
def test_the_printed_sign_carries_a_code_a_phone_opens(client, make_run, liuhe_village, browser):
    """The sign's code is an inline SVG: Chromium draws it as the printer would, and it is read back."""
    page, path = liuhe_village
    sign = client.get(f"{path}sign/", HTTP_HOST="liuhe.localhost:8000")
    assert sign.status_code == 200 and "sign__qr" in sign.text
    tab = browser.new_page()
    try:
        tab.set_content(sign.text)
        shot = tab.locator(".sign__qr svg").first.screenshot()
    finally:
        tab.close()
    assert decoded(shot) == f"http://liuhe.localhost:8000{path}"


def test_the_livestream_reminder_sms_has_one_absolute_link_per_target(make_run, town, other_town, enable_plugin):
    from sms.models import SmsMessage
    from livestream.models import BroadcastIndexPage, BroadcastPage
    from livestream.reminders import subscribe, sweep

    for label in ("livestream", "sms"):
        enable_plugin(other_town, label)
    index = BroadcastIndexPage(title="村务直播", slug="broadcasts")
    other_town.root_page.add_child(instance=index)
    index.save_revision().publish()
    starts = timezone.now().replace(microsecond=0) + timedelta(minutes=20)
    broadcast = BroadcastPage(title="柳河村务监督日", starts_at=starts, ends_at=starts + timedelta(hours=2),
                              source_kind="hls", source_url="https://live.example.cn/meeting.m3u8")
    index.add_child(instance=broadcast)
    broadcast.save_revision().publish()
    subscription = subscribe(BroadcastPage.objects.get(pk=broadcast.pk), other_town, "13812345678")

    assert sweep() == 1
    message = SmsMessage.objects.get(town=other_town, event="livestream_reminder")
    watch = f"http://liuhe.localhost:8000{broadcast.relative_url(other_town.site)}"
    stop = f"http://liuhe.localhost:8000/p/livestream/unsubscribe/{subscription.token}/"
    assert (message.params["url"], message.params["unsubscribe_url"]) == (watch, stop)
    text = message.text
    assert re.findall(r"https?://\S+", text) == [watch, stop]


def test_open311_status_links_and_notice_emails_use_the_canonical_address(
    client, behind_tls, other_town, enable_plugin, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    from appeals.models import Category

    enable_plugin(other_town, "appeals")
    category = Category.objects.filter(town=other_town).first()
    village = other_town.villages.get()
    response = client.post(
        "/p/appeals/open311/v2/requests.json",
        {"service_code": category.pk, "description": "村口路灯坏了一个月，晚上出行不便", "first_name": "四", "last_name": "李",
         "phone": "13812345678", "attribute[kind]": category.kinds.split(",")[0], "attribute[village]": village.pk},
        HTTP_HOST="liuhe.localhost",
    )
    assert response.status_code == 201, response.content
    assert re.fullmatch(r"https://liuhe\.localhost/p/appeals/c/[^/]+/", response.json()[0]["status_url"])

    from cunwu.plugins.api import Role, notify

    make_user("liuhe-admin", other_town, Role.TOWN_ADMIN, email="admin@liuhe.example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        notify(other_town, [Role.TOWN_ADMIN], "新诉求", "柳河村", "/admin/appeals/case/1/")
    assert mailoutbox and "https://liuhe.localhost/admin/appeals/case/1/" in mailoutbox[-1].body
