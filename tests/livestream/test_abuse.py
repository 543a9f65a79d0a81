"""Abuse of a broadcast's public forms (reminder sign-up, questions), hostile input, photos, the sign-up export,
retention of phone numbers and names, and another town's names kept out of the admin."""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from livestream import guards, retention
from livestream.models import LiveUpdate, Question, Reminder, Subscription

pytestmark = pytest.mark.django_db
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def remind(client, page, phone, ip="10.0.0.1", **extra):
    return client.post(f"/p/livestream/broadcast/{page.pk}/remind/", {"phone": phone, **extra},
                       HTTP_HOST="localhost", REMOTE_ADDR=ip)


def ask(client, page, body, ip="10.0.0.1", **extra):
    return client.post(f"/p/livestream/broadcast/{page.pk}/ask/", {"name": "王大明", "body": body, **extra},
                       HTTP_HOST="localhost", REMOTE_ADDR=ip)


def limit(which):
    return int(which[1].per_ip.split("/")[0])


def test_the_sign_up_form_has_a_honeypot_and_a_bot_filling_it_signs_up_nobody(client, make_broadcast):
    page = make_broadcast()
    html = client.get(page.url, HTTP_HOST="localhost").text
    assert 'class="cunwu-hp"' in html and 'name="website"' in html
    response = remind(client, page, "13812345678", website="http://spam.example")
    assert response.status_code == 400 and "表单未能提交" in response.text
    assert not Subscription.objects.exists()


def solve(html):
    """The challenge's key and answer, as a person reading the picture would type it."""
    from captcha.models import CaptchaStore

    key = re.search(r'name="captcha_0" value="([^"]+)"', html).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def test_sign_ups_from_one_address_get_a_challenge_then_a_chinese_429(client, make_broadcast):
    page = make_broadcast()
    challenge_after = guards.REMIND[1].challenge_after
    for n in range(challenge_after):
        assert remind(client, page, f"1381234{n:04d}").status_code == 302
    assert 'name="captcha_1"' in client.get(page.url, HTTP_HOST="localhost", REMOTE_ADDR="10.0.0.1").text
    refused = remind(client, page, "13900000001")
    assert refused.status_code == 400 and "请输入图片中的字符" in refused.text
    assert remind(client, page, "13900000001", **solve(refused.text)).status_code == 302
    for n in range(limit(guards.REMIND) - challenge_after - 2):
        remind(client, page, f"1370000{n:04d}")
    stored = Subscription.objects.count()
    assert stored == challenge_after + 1
    over = remind(client, page, "13600000000")
    assert over.status_code == 429 and "请稍后再试" in over.text
    assert Subscription.objects.count() == stored
    # Another villager's address is not held back.
    assert remind(client, page, "13600000000", ip="10.0.0.2").status_code == 302


def test_one_phone_cannot_be_signed_up_again_and_again_from_many_addresses(client, make_broadcast):
    per_phone = int(guards.REMIND[1].per_phone.split("/")[0])
    pages = [make_broadcast(f"村民大会{n}") for n in range(per_phone + 1)]
    for n, page in enumerate(pages[:-1]):
        assert remind(client, page, "13812345678", ip=f"10.1.0.{n}").status_code == 302
    over = remind(client, pages[-1], "13812345678", ip="10.2.0.1")
    assert over.status_code == 429 and "这个号码今天" in over.text
    assert not Subscription.objects.filter(broadcast=pages[-1]).exists()


def test_questions_from_one_address_are_limited_and_nothing_is_stored_past_the_limit(client, live):
    for n in range(limit(guards.ASK)):
        ask(client, live, f"请问路灯什么时候修好？第{n}次")
    stored = Question.objects.count()
    assert stored == guards.ASK[1].challenge_after  # then the challenge, unanswered here
    over = ask(client, live, "再问一次路灯的事情")
    assert over.status_code == 429 and "请稍候" in over.text
    assert Question.objects.count() == stored


def test_a_question_with_the_honeypot_filled_is_not_stored(client, live):
    response = ask(client, live, "请问路灯什么时候修好？", website="x")
    assert response.status_code == 400 and not Question.objects.exists()


@pytest.mark.parametrize("body", [
    {"phone": "138\x0012345678"}, {"phone": "1" * 500}, {"phone": "１３８１２３４５６７８"}, {},
])
def test_malformed_sign_ups_get_a_chinese_400_and_store_nothing(client, make_broadcast, body):
    page = make_broadcast()
    response = client.post(f"/p/livestream/broadcast/{page.pk}/remind/", body, HTTP_HOST="localhost")
    assert response.status_code == 400 and CHINESE.search(response.text)
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("body", [
    {"name": "王\x00", "body": "请问路灯什么时候修"}, {"body": "问" * 800}, {"name": "名" * 500, "body": "请问路灯什么时候修"},
    {"body": "请问\x00路灯什么时候修"},
])
def test_malformed_questions_get_a_chinese_400_and_store_nothing(client, live, body):
    response = client.post(f"/p/livestream/broadcast/{live.pk}/ask/", body, HTTP_HOST="localhost")
    assert response.status_code == 400 and CHINESE.search(response.text)
    assert not Question.objects.exists()


def test_wrong_content_types_and_methods_are_4xx(client, live):
    url = f"/p/livestream/broadcast/{live.pk}/ask/"
    assert client.post(url, b'{"body": "x"}', content_type="application/json", HTTP_HOST="localhost").status_code == 400
    assert client.get(url, HTTP_HOST="localhost").status_code == 405
    assert not Question.objects.exists()


@pytest.mark.parametrize("after", ["99999999999999999999999999", "-5", "abc", "１２", "9" * 300])
def test_the_feed_survives_malformed_and_out_of_range_positions(client, live, after):
    response = client.get(f"/p/livestream/broadcast/{live.pk}/feed.json?after={after}", HTTP_HOST="localhost")
    assert response.status_code == 200 and response.json()["state"] == "live"


def test_nul_in_the_feed_address_is_a_chinese_400(client, live):
    response = client.get(f"/p/livestream/broadcast/{live.pk}/feed.json?after=%00", HTTP_HOST="localhost")
    assert response.status_code == 400 and CHINESE.search(response.content.decode())


def gps_jpeg():
    exif = PILImage.Exif()
    exif[0x010F] = "VillagePhone"  # camera make
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (20, 160, 40)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("huichang.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_photo_posted_with_an_update_loses_its_location_and_camera_data(client, editor, live):
    upload = gps_jpeg()
    assert PILImage.open(io.BytesIO(upload.read())).getexif()
    upload.seek(0)
    response = client.post(reverse("livestream_liveupdate_modeladmin_create"),
                           {"broadcast": live.pk, "body": "会场照片", "photo_file": upload}, HTTP_HOST="localhost")
    assert response.status_code == 302
    photo = LiveUpdate.objects.get().photo
    with photo.file.open("rb") as stored:
        image = PILImage.open(stored)
        assert not image.getexif() and (image.width, image.height) == (64, 48)


def test_a_pdf_in_disguise_is_refused_with_a_chinese_message(client, editor, live):
    fake = SimpleUploadedFile("zhaopian.png", b"%PDF-1.4\n<html><script>alert(1)</script>", content_type="image/png")
    response = client.post(reverse("livestream_liveupdate_modeladmin_create"),
                           {"broadcast": live.pk, "body": "会场照片", "photo_file": fake}, HTTP_HOST="localhost")
    assert response.status_code == 400 and CHINESE.search(response.text)
    assert not LiveUpdate.objects.exists()


def test_the_sign_up_export_is_for_editors_and_is_recorded_without_the_numbers(client, make_broadcast, editor, live_town):
    from cunwu.security.models import AuditEntry

    page = make_broadcast()
    client.logout()
    remind(client, page, "13812345678")
    remind(client, page, "13987654321", ip="10.0.0.2")
    url = reverse("livestream_export_signups", args=[page.pk])
    assert client.get(url, HTTP_HOST="localhost").status_code in (302, 403)  # not logged in: no numbers
    client.force_login(editor)
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "13812345678" in text and "13987654321" in text and "手机号码" in text
    entry = AuditEntry.objects.get(action="livestream.export_signups")
    assert entry.town == live_town and entry.user == editor and entry.detail["numbers"] == 2
    assert "138" not in str(entry.detail) + entry.target


def test_an_editor_of_another_town_cannot_export_the_sign_ups(client, make_broadcast, other_town, make_user):
    from cunwu.plugins.api import Role

    page = make_broadcast()
    remind(client, page, "13812345678")
    stranger = make_user("liuhe", other_town, Role.TOWN_EDITOR, is_staff=True)
    client.force_login(stranger)
    response = client.get(reverse("livestream_export_signups", args=[page.pk]), HTTP_HOST="localhost")
    assert response.status_code in (302, 403) and "13812345678" not in response.content.decode(errors="replace")


def test_reminder_phones_and_asker_names_are_anonymised_after_the_period(client, make_broadcast, live_town):
    old = make_broadcast("去年的村民大会")
    recent = make_broadcast("下周的村民大会")
    for page in (old, recent):
        remind(client, page, "13812345678")
        remind(client, page, "13987654321", ip="10.0.0.2")
    Question.objects.create(broadcast=old, town=live_town, name="王", body="老问题")
    Question.objects.create(broadcast=old, town=live_town, name="张三明", body="老问题二")
    Question.objects.create(broadcast=recent, town=live_town, name="李四", body="新问题")
    year_ago = timezone.now() - timedelta(days=400)
    type(old).objects.filter(pk=old.pk).update(starts_at=year_ago)
    Question.objects.filter(broadcast=old).update(submitted_at=year_ago)
    cutoff = timezone.now() - timedelta(days=180)

    assert retention.anonymise_signups(live_town, cutoff, dry_run=True) == 2
    assert retention.anonymise_askers(live_town, cutoff, dry_run=True) == 2
    assert Subscription.objects.filter(phone="13812345678").count() == 2  # a dry run changes nothing

    assert retention.anonymise_signups(live_town, cutoff) == 2
    assert retention.anonymise_askers(live_town, cutoff) == 2
    assert set(Subscription.objects.filter(broadcast=old).values_list("phone", flat=True)) & {"13812345678", "13987654321"} == set()
    assert Subscription.objects.filter(broadcast=recent, phone="13812345678").exists()
    assert Reminder.objects.filter(subscription__broadcast=old).count() == 2  # the rows stay
    assert sorted(Question.objects.filter(broadcast=old).values_list("name", flat=True)) == ["张*明", "王*"]
    assert Question.objects.get(broadcast=recent).name == "李四"
    assert retention.anonymise_signups(live_town, cutoff) == 0 and retention.anonymise_askers(live_town, cutoff) == 0


def test_the_plugin_declares_its_retention_rules():
    from cunwu.plugins.registry import get_plugin, retention_rules

    keys = {rule.key for rule in retention_rules(get_plugin("livestream"))}
    assert keys == {"reminder_phones", "asker_names"}


def test_the_update_list_filter_names_only_the_towns_own_broadcasts(client, editor, live, other_town, enable_plugin):
    from livestream.models import BroadcastIndexPage, BroadcastPage

    enable_plugin(other_town, "livestream")
    schedule = BroadcastIndexPage(title="柳河直播", slug="broadcasts")
    other_town.root_page.add_child(instance=schedule)
    foreign = BroadcastPage(title="柳河村民大会", starts_at=live.starts_at, source_url="https://a.example.cn/x.m3u8")
    schedule.add_child(instance=foreign)
    LiveUpdate.objects.create(broadcast=live, body="会议开始")
    LiveUpdate.objects.create(broadcast=foreign, body="柳河的更新")
    html = client.get(reverse("livestream_liveupdate_modeladmin_index"), HTTP_HOST="localhost").text
    assert "村务监督日" in html and "柳河村民大会" not in html and "柳河的更新" not in html
    filtered = client.get(reverse("livestream_liveupdate_modeladmin_index") + f"?broadcast={foreign.pk}", HTTP_HOST="localhost")
    assert filtered.status_code in (200, 302) and "柳河的更新" not in filtered.text
    assert client.get(reverse("livestream_liveupdate_modeladmin_index") + "?broadcast=" + "9" * 40,
                      HTTP_HOST="localhost").status_code in (200, 302)
