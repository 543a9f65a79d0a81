"""Field check-ins (走访打卡): made from the phone form reached through the admin menu, kept exactly as saved,
refused with a Chinese reason for a hostile photo or a village that is not the member's, scoped to the town."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from fieldvisit.models import CheckIn, CheckInRefused
from tests.fieldvisit.conftest import jpeg_bytes
from tests.fieldvisit.helpers import link, menu_href, post_check_in


def test_a_member_checks_in_from_the_menu_with_place_accuracy_and_photo(client, ftown, people):
    beigou = ftown.villages.get(name="北沟村")
    client.force_login(people["beigou-jianwei"])
    trail_url = menu_href(client.get("/admin/").text, "走访打卡")
    trail = client.get(trail_url)
    assert trail.status_code == 200 and "走访打卡" in trail.text
    form_url = link(trail.text, "打卡")
    form = client.get(form_url)
    assert form.status_code == 200
    assert 'id="id_latitude"' in form.text and 'id="id_accuracy_m"' in form.text and "fieldvisit/check_in.js" in form.text
    assert "保存后不能修改或删除" in form.text
    years_ago = "2020-01-01T08:00:00+08:00"
    saved = client.post(form_url, {
        "village": beigou.pk, "latitude": "30.2741234567", "longitude": "120.1551234", "accuracy_m": "8.46",
        "note": "查看公开栏", "visited": "ql-7kx3m9pd", "created_at": years_ago, "user": people["jiwei"].pk,
        "photo": SimpleUploadedFile("IMG_0001.jpg", jpeg_bytes(), "image/jpeg"),
    }, follow=True)
    assert saved.status_code == 200 and "已在北沟村打卡" in saved.text and "约 8.5 米" in saved.text
    checkin = CheckIn.objects.get()
    assert (checkin.user, checkin.village, checkin.town) == (people["beigou-jianwei"], beigou, ftown)
    assert checkin.role == "village_supervisor"
    assert (checkin.latitude, checkin.longitude, checkin.accuracy_m) == (Decimal("30.274123"), Decimal("120.155123"),
                                                                        Decimal("8.5"))
    assert abs(timezone.now() - checkin.created_at) < timedelta(minutes=1)  # the posted 2020 date went nowhere
    assert checkin.visited == "QL-7KX3M9PD"
    with checkin.photo.open("rb") as handle, Image.open(handle) as photo:
        assert not photo.getexif()  # the camera make and the GPS of the phone's EXIF are gone
    row = client.get(trail_url).text
    assert "±8.5 m" in row and "李监委" in row and "村务监督委员会成员" in row
    photo = client.get(link(row, "照片"))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"


def test_a_phone_that_gives_no_location_checks_in_without_one_and_is_told(client, ftown, people):
    client.force_login(people["beigou-zhuren"])
    saved = post_check_in(client, ftown.villages.get(name="北沟村"), note="走访", accuracy_m="15")
    assert saved.status_code == 302
    checkin = CheckIn.objects.get()
    assert checkin.latitude is None and checkin.longitude is None and checkin.accuracy_m is None
    assert checkin.role == "village_supervisor_director"
    shown = client.get(saved["Location"]).text
    assert "未提供定位" in shown and "没有定位（手机未提供）" in shown


def test_a_saved_check_in_cannot_be_changed_or_deleted_by_the_model(ftown, people):
    checkin = CheckIn.objects.create(town=ftown, village=ftown.villages.first(), user=people["jiwei"])
    checkin.note = "改过"
    for attempt in (checkin.save, checkin.delete, lambda: CheckIn.objects.filter(pk=checkin.pk).update(note="x"),
                    lambda: CheckIn.objects.filter(pk=checkin.pk).delete()):
        with pytest.raises(CheckInRefused):
            attempt()
    checkin.refresh_from_db()
    assert checkin.note == "" and CheckIn.objects.count() == 1


def test_the_admin_offers_no_change_or_delete(client, ftown, people, make_user):
    checkin = CheckIn.objects.create(town=ftown, village=ftown.villages.first(), user=people["jiwei"], note="原样")
    client.force_login(people["jiwei"])
    for url in (f"/admin/fieldvisit/{checkin.pk}/edit/", f"/admin/fieldvisit/{checkin.pk}/delete/",
                "/admin/fieldvisit/checkin/", f"/admin/fieldvisit/checkin/edit/{checkin.pk}/"):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"note": "改"}).status_code == 404, url
    assert client.delete("/admin/fieldvisit/").status_code == 405
    assert client.post("/admin/fieldvisit/", {"note": "改"}).status_code == 405
    assert client.post(f"/admin/fieldvisit/{checkin.pk}/photo/").status_code == 405
    clerk = make_user("beigou-clerk", ftown, "village_staff", village=ftown.villages.first())
    client.force_login(clerk)  # works for the village, holds no right on check-ins
    refused = post_check_in(client, ftown.villages.first(), note="x")
    assert refused.status_code == 403 and "不能在这里打卡" in refused.text
    checkin.refresh_from_db()
    assert checkin.note == "原样" and CheckIn.objects.count() == 1


def php_disguised():
    return b"<?php system($_GET['c']); ?>" + b"\n" * 64


@pytest.mark.parametrize("content, name, message", [
    (php_disguised(), "shell.jpg", "“shell.jpg”不是允许的文件类型。"),
    (b"\xff\xd8\xff\xe0" + b"\0" * (5 * 1024 * 1024), "huge.jpg", "“huge.jpg”超过 5 MB。"),
    (b"\xff\xd8\xff\xe0not really a picture" * 10, "broken.jpg", "无法读取"),
])
def test_a_hostile_photo_is_refused_in_chinese_and_nothing_is_saved(client, ftown, people, content, name, message):
    client.force_login(people["beigou-jianwei"])
    refused = post_check_in(client, ftown.villages.get(name="北沟村"), photo=content, photo_name=name)
    assert refused.status_code == 400 and message in refused.text
    assert not CheckIn.objects.exists()


def test_a_member_checks_in_only_for_their_village_and_reads_only_its_trail(client, ftown, people):
    beigou, xiangyang = (ftown.villages.get(name=name) for name in ("北沟村", "向阳村"))
    client.force_login(people["xiangyang-jianwei"])
    assert post_check_in(client, xiangyang, note="向阳村走访").status_code == 302
    client.force_login(people["beigou-jianwei"])
    refused = post_check_in(client, xiangyang, note="越界")
    assert refused.status_code == 400 and "选择一个有效的选项" in refused.text
    assert post_check_in(client, beigou, note="北沟村走访").status_code == 302
    own = client.get("/admin/fieldvisit/").text
    assert "北沟村走访" in own and "向阳村走访" not in own and "越界" not in own
    other = CheckIn.objects.get(village=xiangyang)
    assert client.get(f"/admin/fieldvisit/{other.pk}/photo/").status_code == 404
    client.force_login(people["jiwei"])
    town_wide = client.get("/admin/fieldvisit/").text
    assert "北沟村走访" in town_wide and "向阳村走访" in town_wide


def test_another_towns_check_ins_are_not_there(client, ftown, people, other_town, enable_plugin, make_user):
    enable_plugin(other_town, "fieldvisit")
    liuhe_supervisor = make_user("liuhe-jiwei", other_town, "supervisor")
    client.force_login(people["beigou-jianwei"])
    post_check_in(client, ftown.villages.get(name="北沟村"), note="西湖镇的走访",
                  photo=jpeg_bytes(), photo_name="a.jpg")
    checkin = CheckIn.objects.get()
    client.force_login(liuhe_supervisor)
    assert client.get(f"/admin/fieldvisit/{checkin.pk}/photo/").status_code == 404
    assert client.get(f"/admin/fieldvisit/{checkin.pk}/photo/", HTTP_HOST="liuhe.localhost").status_code == 404
    listing = client.get("/admin/fieldvisit/", HTTP_HOST="liuhe.localhost")
    assert listing.status_code == 200 and "西湖镇的走访" not in listing.text
    forged = post_check_in(client, ftown.villages.get(name="北沟村"), note="伪造")
    assert forged.status_code == 400 and CheckIn.objects.count() == 1


def test_a_town_that_switched_check_ins_off_has_no_menu_item_and_refuses_the_screens(client, ftown, people,
                                                                                     enable_plugin):
    enable_plugin(ftown, "fieldvisit", False)
    client.force_login(people["jiwei"])
    assert menu_href(client.get("/admin/").text, "走访打卡") is None
    assert client.get("/admin/fieldvisit/").status_code == 403
    assert post_check_in(client, ftown.villages.first(), note="x").status_code == 403


def test_the_record_or_case_visited_must_look_like_one_and_is_asked_of_the_plugin_that_holds_it(
        client, ftown, people, monkeypatch):
    import fieldvisit.references as references

    beigou = ftown.villages.get(name="北沟村")
    client.force_login(people["beigou-jianwei"])
    refused = post_check_in(client, beigou, visited="张三家")
    assert refused.status_code == 400 and "既不是小微权力运行记录的查询码" in refused.text
    assert post_check_in(client, beigou, visited="2026 1202 001").status_code == 302  # no lookup offered: kept
    assert CheckIn.objects.get().visited == "20261202001"
    asked = []

    def lookup(name, town=None):
        if name != "appeals_case_exists":
            return None
        return lambda town, number: asked.append(number) or number == "20261202002"

    monkeypatch.setattr(references.api, "get_service", lookup)
    unknown = post_check_in(client, beigou, visited="20261202009")
    assert unknown.status_code == 400 and "西湖镇没有编号为“20261202009”的记录或诉求" in unknown.text
    assert post_check_in(client, beigou, visited="20261202002").status_code == 302
    assert asked == ["20261202009", "20261202002"] and CheckIn.objects.count() == 2
