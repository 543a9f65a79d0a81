"""The supervisor's trail: in order, counted per person per month, on a map drawn on the server from the
check-ins' own positions; notes with a phone number masked for anyone but their author; the demo's check-ins."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from fieldvisit.demo import load_demo
from fieldvisit.models import CheckIn
from tests.fieldvisit.helpers import link, menu_href, post_check_in

SHANGHAI = ZoneInfo("Asia/Shanghai")
SVG = "{http://www.w3.org/2000/svg}"


def checked_in_at(client, when, village, **fields):
    with time_machine.travel(when.replace(tzinfo=SHANGHAI), tick=False):
        assert post_check_in(client, village, **fields).status_code == 302


def test_the_trail_is_in_order_and_counts_each_person_per_month(client, ftown, people):
    beigou, xiangyang = (ftown.villages.get(name=name) for name in ("北沟村", "向阳村"))
    client.force_login(people["beigou-jianwei"])
    checked_in_at(client, datetime(2026, 11, 3, 9), beigou, note="十一月一")
    checked_in_at(client, datetime(2026, 11, 30, 23, 30), beigou, note="十一月二")  # still November in the town
    checked_in_at(client, datetime(2026, 12, 2, 10), beigou, note="十二月一")
    client.force_login(people["jiwei"])
    checked_in_at(client, datetime(2026, 12, 1, 8), xiangyang, note="纪委十二月")
    page = client.get(menu_href(client.get("/admin/").text, "走访打卡")).text
    counts = re.search(r'<table class="listing" id="fieldvisit-counts">(.*?)</table>', page, re.S).group(1)
    rows = [re.sub(r"\s+", "", re.sub(r"<[^>]+>", " ", row)) for row in re.findall(r"<tr>(.*?)</tr>", counts, re.S)[1:]]
    assert rows == ["周纪委2026-121", "李监委2026-121", "李监委2026-112"]
    trail = re.search(r'id="fieldvisit-trail">(.*?)</table>', page, re.S).group(1)
    order = [note for note in ("十二月一", "纪委十二月", "十一月二", "十一月一") if note in trail]
    assert order == ["十二月一", "纪委十二月", "十一月二", "十一月一"]
    assert [trail.index(note) for note in order] == sorted(trail.index(note) for note in order)
    assert "2026-11-30 23:30" in trail  # shown on the town's clock
    november = client.get("/admin/fieldvisit/", {"month": "2026-11", "person": people["beigou-jianwei"].pk}).text
    assert "十一月一" in november and "十一月二" in november and "十二月一" not in november
    only_xiangyang = client.get("/admin/fieldvisit/", {"village": xiangyang.pk}).text
    assert "纪委十二月" in only_xiangyang and "十一月一" not in only_xiangyang


def test_the_map_has_one_point_per_located_check_in_and_nothing_from_outside(client, ftown, people):
    beigou, xiangyang = (ftown.villages.get(name=name) for name in ("北沟村", "向阳村"))
    client.force_login(people["jiwei"])
    for lat, lon, village in (("30.2700", "120.1500", beigou), ("30.2720", "120.1540", beigou),
                              ("30.3000", "120.2000", xiangyang)):
        assert post_check_in(client, village, latitude=lat, longitude=lon, accuracy_m="10").status_code == 302
    assert post_check_in(client, xiangyang, note="没有定位").status_code == 302
    trail = client.get("/admin/fieldvisit/").text
    response = client.get(link(trail, "下载地图（SVG 文件）"))
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    root = ET.fromstring(svg)
    dots = root.findall(f".//{SVG}circle[@class='checkin']")
    located = CheckIn.objects.exclude(latitude=None)
    assert sorted(int(dot.get("data-checkin")) for dot in dots) == sorted(located.values_list("pk", flat=True))
    assert len(dots) == 3 and CheckIn.objects.count() == 4
    villages = {int(group.get("data-village")): group for group in root.findall(f".//{SVG}g[@class='village']")}
    assert set(villages) == {beigou.pk, xiangyang.pk}
    # 北沟村's point sits between its two check-ins (their mean), and is labelled with its name.
    xs = sorted(float(dot.get("cx")) for dot in dots)
    beigou_x = float(villages[beigou.pk].find(f"{SVG}rect").get("x")) + 6
    assert xs[0] < beigou_x < xs[1] and villages[beigou.pk].find(f"{SVG}text").text == "北沟村"
    outside = re.findall(r"(?:https?:)?//[^\s\"'<>]+", svg.replace('xmlns="http://www.w3.org/2000/svg"', ""))
    assert outside == [] and "href" not in svg and "url(" not in svg and "<script" not in svg
    assert svg.count('class="checkin"') == 3 and trail.count('class="checkin"') == 3  # the page shows it inline


def test_a_note_with_a_phone_is_masked_for_anyone_but_its_author(client, ftown, people):
    client.force_login(people["beigou-jianwei"])
    post_check_in(client, ftown.villages.get(name="北沟村"), note="户主张三明，电话13812345678，反映路灯坏了")
    assert "13812345678" in client.get("/admin/fieldvisit/").text
    client.force_login(people["jiwei"])
    shown = client.get("/admin/fieldvisit/").text
    assert "13812345678" not in shown and "138****5678" in shown


def test_the_demo_adds_a_few_check_ins_per_village_by_its_committee_once(ftown, people):
    villages = list(ftown.villages.all())
    load_demo(ftown, villages)
    load_demo(ftown, villages)
    beigou = ftown.villages.get(name="北沟村")
    made = CheckIn.objects.filter(village=beigou)
    assert made.count() == 3
    assert set(made.values_list("user__username", flat=True)) == {"beigou-zhuren", "beigou-jianwei"}
    assert all(checkin.latitude and checkin.accuracy_m > Decimal(0) for checkin in made)
    assert CheckIn.objects.filter(village__name="向阳村").count() == 3
    assert not CheckIn.objects.filter(village__name="中沟村").exists()  # no committee seated there: nobody to check in
