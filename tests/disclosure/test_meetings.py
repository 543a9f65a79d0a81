"""Supervision meetings (监督会议): the town's discipline supervisor holds a sunshine report meeting from the admin menu
(records and cases reviewed, attendees by role, responsibilities with deadlines, villagers' scores), publishes it and
it freezes; villagers reach its page from the village hub, with villagers' names masked, each responsibility's state
and the scores as a table. Cases need the appeals plugin, the broadcast link the livestream plugin; with either off
nothing breaks. Another town's meeting is a 404."""

import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from cunwu.plugins import api
from cunwu.plugins.testing import parse_page
from cunwu.towns.models import Role
from disclosure import meetings, record_gate
from disclosure.meeting_models import (
    MeetingAttendee, MeetingLocked, MeetingResponsibility, MeetingScore, MeetingStatus, SupervisionMeeting,
)
from tests.disclosure.test_record_admin import menu_href
from tests.disclosure.test_record_gate import make_matter

pytestmark = pytest.mark.django_db
MEETINGS = "/admin/disclosure/meetings/"


@pytest.fixture(autouse=True)
def fresh_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def supervisor(dtown, make_user):
    return make_user("jijian", dtown, Role.SUPERVISOR)


@pytest.fixture
def road(dtown, beigou, make_user):
    cadre = make_user("shuji", dtown, Role.VILLAGE_EDITOR, beigou)
    return record_gate.open_record(make_matter(dtown), beigou, cadre, "北沟村 2027 年道路硬化", Decimal("380000.00"),
                                   "王书记")


def links(response):
    return parse_page(response.content.decode()).links


def meeting_url(html):
    return re.search(r'href="(/admin/disclosure/meetings/\d+/)"', html).group(1)


def heading(village, **extra):
    return {"village": village.pk, "kind": "sunshine_report", "title": "北沟村 2027 年第一季度阳光述职会",
            "held_at": "2027-03-28T09:30", "place": "北沟村村委会", "summary": "书记述职，村民提问 12 个，当场定责 2 项。",
            **extra}


def published(town, village, supervisor, **extra):
    """A published meeting made through the same calls the screens make."""
    meeting = SupervisionMeeting.objects.create(town=town, village=village, title="北沟村监督日", kind="supervision_day",
                                                held_at=timezone.now(), **{"summary": "评议道路硬化项目。", **extra})
    meetings.add_row(meeting, supervisor, MeetingAttendee, name="王书记", role="secretary")
    meetings.add_row(meeting, supervisor, MeetingAttendee, name="张三明", role="representative")
    return meeting


def hub_path(village):
    from cunwu.pages.models import VillagePage

    return urlsplit(VillagePage.objects.get(village=village).url).path


@pytest.mark.sqlite
def test_the_supervisor_holds_a_meeting_from_the_menu_publishes_it_and_it_freezes(client, supervisor, beigou, road):
    beigou.town.time_zone = "Asia/Urumqi"  # not the server's zone: the meeting's time is the town's clock
    beigou.town.save(update_fields=["time_zone"])
    client.force_login(supervisor)
    href = menu_href(client.get("/admin/").content.decode(), "监督会议")
    assert href == MEETINGS
    listing = client.get(href).content.decode()
    new = re.search(r'href="([^"]+)">新建监督会议<', listing).group(1)
    created = client.post(new, heading(beigou))
    assert created.status_code == 302
    page_url = created["Location"]
    meeting = SupervisionMeeting.objects.get()
    assert (meeting.town, meeting.village, meeting.status) == (supervisor_town(supervisor), beigou, "draft")
    assert api.town_localtime(meeting.town, meeting.held_at).strftime("%Y-%m-%d %H:%M") == "2027-03-28 09:30"

    refused = client.post(page_url, {"action": "publish"})  # nobody listed yet
    assert refused.status_code == 400 and "发布前请填写参会人员" in refused.content.decode()
    assert SupervisionMeeting.objects.get().status == "draft"

    posts = [
        {"action": "records", "records-records": [road.pk]},
        {"action": "attendee", "attendee-name": "王书记", "attendee-role": "secretary"},
        {"action": "attendee", "attendee-name": "张三明", "attendee-role": "representative"},
        {"action": "responsibility", "responsibility-task": "补齐道路硬化项目验收报告", "responsibility-owner": "王书记",
         "responsibility-deadline": "2027-04-30"},
        {"action": "score", "score-subject": "王书记", "score-satisfied": "30", "score-fairly_satisfied": "8",
         "score-dissatisfied": "2"},
    ]
    for data in posts:
        assert client.post(page_url, data).status_code == 302, data
    assert client.post(page_url, {"action": "score", "score-subject": "", "score-satisfied": "x"}).status_code == 400
    assert list(meeting.records.all()) == [road]
    assert meeting.attendees.count() == 2 and meeting.scores.get().rate == 95.0

    assert client.post(page_url, {"action": "publish"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED and meeting.published_by == supervisor

    # frozen: no screen adds a row, changes the heading or removes anything; neither does the model layer
    before = (meeting.attendees.count(), meeting.scores.count(), meeting.title)
    for data in ({"action": "attendee", "attendee-name": "李四", "attendee-role": "other"},
                 {"action": "meeting", **{f"meeting-{k}": v for k, v in heading(beigou, title="改过的标题").items()}},
                 {"action": "remove", "row": "score", "pk": str(meeting.scores.get().pk)}):
        answer = client.post(page_url, data)
        assert answer.status_code == 409 and "已发布" in answer.content.decode()
    meeting.refresh_from_db()
    assert (meeting.attendees.count(), meeting.scores.count(), meeting.title) == before
    with pytest.raises(MeetingLocked):
        MeetingScore.objects.create(meeting=meeting, subject="补录", satisfied=1)
    with pytest.raises(MeetingLocked):
        meeting.save()
    html = client.get(page_url).content.decode()
    assert 'value="attendee"' not in html and 'value="publish"' not in html
    # what comes later is an addendum, shown with the meeting
    assert client.post(page_url, {"action": "addendum", "addendum-text": "4 月 2 日补充：验收报告已上墙。"}).status_code == 302
    assert "验收报告已上墙" in client.get(f"/p/disclosure/meetings/{meeting.pk}/").content.decode()


def supervisor_town(user):
    return api.user_towns(user).get()


@pytest.mark.sqlite
def test_villagers_reach_the_published_meeting_from_the_village_hub_masked(client, dtown, beigou, supervisor, road):
    meeting = published(dtown, beigou, supervisor)
    meetings.set_records(meeting, supervisor, [road])
    meetings.add_row(meeting, supervisor, MeetingScore, subject="道路硬化项目", satisfied=30, fairly_satisfied=8,
                     dissatisfied=2)
    meetings.add_row(meeting, supervisor, MeetingResponsibility, task="公示决算", owner="张三明",
                     deadline=api.town_today(dtown) + timedelta(days=10))
    draft = SupervisionMeeting.objects.create(town=dtown, village=beigou, title="尚未发布的监督日", held_at=timezone.now())
    SupervisionMeeting.objects.filter(pk=meeting.pk).update(summary="村民代表张三明（13812345678）问道路验收。")
    hub = client.get(hub_path(beigou))
    assert "尚未发布的监督日" not in hub.text and not [link for link in links(hub) if "/meetings/" in link]
    meetings.publish(meeting, supervisor)
    meetings.add_addendum(meeting, supervisor, "张三明的问题已答复。")
    hub = client.get(hub_path(beigou))
    [link] = [link for link in links(hub) if "/p/disclosure/meetings/" in link]
    page = client.get(link)
    text = page.content.decode()
    assert page.status_code == 200 and "北沟村监督日" in text and "村务监督日" in text
    assert "王书记" in text  # the secretary attends in office, named
    assert "张*明" in text and "张三明" not in text  # a villagers' representative is masked: listed, as an owner,
    assert "138****5678" in text and "13812345678" not in text  # in the summary and the addendum
    assert "张*明的问题已答复" in text
    assert re.search(r'<tr data-state="open">', text)
    row = re.search(r'<tr data-score="道路硬化项目">(.*?)</tr>', text, re.S).group(1)
    assert [cell for cell in re.findall(r">([^<>]+)</td>", row)] == ["道路硬化项目", "30", "8", "2", "95.0%"]
    # the record it reviewed links to its page, which links back to the meeting
    [record_link] = [link for link in links(page) if link.endswith(f"/records/{road.tracking_code}/")]
    record_page = client.get(record_link)
    assert "在监督会议上评议" in record_page.text and link in links(record_page)
    assert client.get(f"/p/disclosure/meetings/{draft.pk}/").status_code == 404


def test_responsibilities_are_open_overdue_or_done_and_only_holders_mark_them(client, dtown, beigou, supervisor,
                                                                            make_user):
    meeting = published(dtown, beigou, supervisor)
    today = api.town_today(dtown)
    late = meetings.add_row(meeting, supervisor, MeetingResponsibility, task="整改财务公开栏", owner="王书记",
                            deadline=today - timedelta(days=1))
    soon = meetings.add_row(meeting, supervisor, MeetingResponsibility, task="召开村民代表会议", owner="王书记",
                            deadline=today + timedelta(days=5))
    meetings.publish(meeting, supervisor)
    public = f"/p/disclosure/meetings/{meeting.pk}/"
    assert re.findall(r'<tr data-state="(\w+)">', client.get(public).content.decode()) == ["overdue", "open"]

    staff = make_user("wenshu", dtown, Role.VILLAGE_STAFF, beigou)  # reads, changes nothing
    client.force_login(staff)
    admin_page = f"{MEETINGS}{meeting.pk}/"
    assert client.get(admin_page).status_code == 200
    assert client.post(admin_page, {"action": "done", "pk": late.pk}).status_code == 403
    client.force_login(supervisor)
    html = client.get(admin_page).content.decode()
    assert re.findall(r'<tr data-state="(\w+)">', html) == ["overdue", "open"] and "超期" in html
    assert client.post(admin_page, {"action": "done", "pk": late.pk}).status_code == 302
    again = client.post(admin_page, {"action": "done", "pk": late.pk})
    assert again.status_code == 400 and "已经完成" in again.content.decode()
    assert re.findall(r'<tr data-state="(\w+)">', client.get(public).content.decode()) == ["done", "open"]
    assert MeetingResponsibility.objects.get(pk=soon.pk).done_at is None


def test_cases_are_checked_through_the_appeals_service_and_hidden_when_it_is_off(client, dtown, beigou, supervisor,
                                                                                enable_plugin):
    meeting = published(dtown, beigou, supervisor)
    SupervisionMeeting.objects.filter(pk=meeting.pk).update(status="draft")
    page = f"{MEETINGS}{meeting.pk}/"
    client.force_login(supervisor)
    assert api.get_service("appeals_case_summary", dtown) is None
    assert 'name="case-number"' not in client.get(page).content.decode()  # appeals off: no case field
    assert client.post(page, {"action": "case", "case-number": "1"}).status_code == 400

    from appeals.models import Category
    from appeals.workflow import submit

    enable_plugin(dtown, "appeals")
    category = Category.objects.filter(town=dtown).first()
    case = submit(dtown, kind="question", category=category, village=beigou, content="道路为何迟迟不验收？",
                  name="李四海", phone="13812345678")
    assert 'name="case-number"' in client.get(page).content.decode()
    wrong = client.post(page, {"action": "case", "case-number": "19990101999"})
    assert wrong.status_code == 400 and "没有编号为 19990101999 的" in wrong.content.decode()
    assert client.post(page, {"action": "case", "case-number": case.number}).status_code == 302
    meetings.publish(meeting, supervisor)
    public = client.get(f"/p/disclosure/meetings/{meeting.pk}/").content.decode()
    assert case.number in public and f"{category.name} · 北沟村" in public
    assert "李四海" not in public and "迟迟不验收" not in public and "13812345678" not in public
    enable_plugin(dtown, "appeals", False)
    public = client.get(f"/p/disclosure/meetings/{meeting.pk}/")
    assert public.status_code == 200 and case.number not in public.content.decode()


def test_the_broadcast_link_with_livestream_on_and_off(client, dtown, beigou, supervisor, enable_plugin):
    from livestream.models import BroadcastIndexPage, BroadcastPage

    enable_plugin(dtown, "livestream")
    index = BroadcastIndexPage(title="村务直播", slug="broadcasts")
    dtown.root_page.add_child(instance=index)
    index.save_revision().publish()
    broadcast = BroadcastPage(title="第一季度阳光述职直播", starts_at=timezone.now() - timedelta(hours=1),
                              source_kind="hls", source_url="https://live.example.cn/m.m3u8")
    index.add_child(instance=broadcast)
    broadcast.save_revision().publish()

    meeting = published(dtown, beigou, supervisor)
    SupervisionMeeting.objects.filter(pk=meeting.pk).update(status="draft")
    client.force_login(supervisor)
    page = f"{MEETINGS}{meeting.pk}/"
    assert "第一季度阳光述职直播" in client.get(page).content.decode()  # offered in the picker
    data = {"action": "meeting", **{f"meeting-{k}": v for k, v in heading(beigou).items()},
            "meeting-broadcast": str(broadcast.pk)}
    assert client.post(page, data).status_code == 302
    meetings.publish(SupervisionMeeting.objects.get(pk=meeting.pk), supervisor)
    client.logout()
    public = client.get(f"/p/disclosure/meetings/{meeting.pk}/")
    [link] = [link for link in links(public) if urlsplit(link).path == urlsplit(broadcast.url).path]
    shown = client.get(urlsplit(link).path)
    assert shown.status_code == 200 and "监督会议纪要" in shown.text and "书记述职" in shown.text
    assert f"/p/disclosure/meetings/{meeting.pk}/" in links(shown)

    enable_plugin(dtown, "disclosure", False)  # the broadcast page without the meetings' plugin
    shown = client.get(urlsplit(link).path)
    assert shown.status_code == 200 and "监督会议纪要" not in shown.text
    enable_plugin(dtown, "disclosure")
    enable_plugin(dtown, "livestream", False)  # the meeting page without the broadcasts' plugin
    public = client.get(f"/p/disclosure/meetings/{meeting.pk}/")
    assert public.status_code == 200 and "第一季度阳光述职直播" not in public.text and "书记述职" in public.text
    client.force_login(supervisor)
    assert client.get(page).status_code == 200


def test_another_towns_meeting_is_404_and_a_committee_sees_only_its_village(client, dtown, beigou, supervisor,
                                                                          other_town, enable_plugin, make_user):
    meeting = published(dtown, beigou, supervisor)
    meetings.publish(meeting, supervisor)
    enable_plugin(other_town, "disclosure")
    public = f"/p/disclosure/meetings/{meeting.pk}/"
    assert client.get(public).status_code == 200
    assert client.get(public, HTTP_HOST="liuhe.localhost").status_code == 404
    client.force_login(make_user("liuhe-jijian", other_town, Role.SUPERVISOR))
    assert client.get(f"{MEETINGS}{meeting.pk}/", HTTP_HOST="liuhe.localhost").status_code == 404
    assert "北沟村监督日" not in client.get(MEETINGS, HTTP_HOST="liuhe.localhost").content.decode()
    xiangyang = dtown.villages.get(name="向阳村")
    director = make_user("xiangyang-jianwei", dtown, Role.VILLAGE_SUPERVISOR_DIRECTOR, xiangyang)
    client.force_login(director)
    assert client.get(f"{MEETINGS}{meeting.pk}/").status_code == 404  # another village's meeting
    # the director holds meetings of their own village only, never a town-wide one
    assert client.post(f"{MEETINGS}new/", heading(beigou)).status_code == 400
    assert client.post(f"{MEETINGS}new/", {**heading(beigou), "village": ""}).status_code == 400
    assert client.post(f"{MEETINGS}new/", heading(xiangyang)).status_code == 302
    assert SupervisionMeeting.objects.filter(village=xiangyang).count() == 1
