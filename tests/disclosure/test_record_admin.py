"""The admin screens of a power record (权力运行), as 北沟村's village staff use them: reached from the admin menu, a
record opened, its steps closed with a document and vote figures, a refused vote answered 400 in Chinese with
nothing changed; another town's record is a 404, the supervisor reads but may not post, documents by permission."""

import io
import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry

from cunwu.plugins import api
from cunwu.towns.models import Role
from disclosure import record_gate
from disclosure.models import Matter, PowerRecord, RecordDocument
from tests.disclosure.test_record_gate import make_matter

pytestmark = pytest.mark.django_db
RECORDS = "/admin/disclosure/records/"
PASSING_VOTE = {"vote-members": "30", "vote-present": "20", "vote-votes_for": "11", "vote-votes_against": "9"}


@pytest.fixture
def staff(dtown, beigou, make_user):
    return make_user("beigou-wenshu", dtown, Role.VILLAGE_STAFF, beigou, first_name="李文书")


@pytest.fixture
def road(dtown, beigou, staff):
    """北沟村's road project on a 7-step matter: minutes at step 2, a 2/3-quorum vote and a resolution at step 4."""
    return record_gate.open_record(make_matter(dtown), beigou, staff, "北沟村 2027 年道路硬化", Decimal("380000.00"),
                                   "王书记")


@pytest.fixture
def foreign_staff(other_town, enable_plugin, make_user):
    enable_plugin(other_town, "disclosure")
    return make_user("liuhe-wenshu", other_town, Role.VILLAGE_STAFF, other_town.villages.get(name="柳河村"))


def photo(name="会议记录.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def close_post(documents=(), **fields):
    """The close form's POST: the documents as rows of the formset, then any vote figures."""
    data = {"action": "close", "documents-TOTAL_FORMS": str(len(documents) + 1), "documents-INITIAL_FORMS": "0"}
    for index, (kind, upload) in enumerate(documents):
        data.update({f"documents-{index}-kind": kind, f"documents-{index}-file": upload})
    data.update(fields)
    return data


def record_url(record):
    return f"{RECORDS}{record.pk}/"


def snapshot(record):
    record = PowerRecord.objects.get(pk=record.pk)
    return (record.status, [(s.number, s.state, s.closed_at, s.figures) for s in record.steps.order_by("number")],
            RecordDocument.objects.filter(step__record=record).count(),
            ModelLogEntry.objects.filter(object_id=str(record.pk), action__startswith="disclosure.").count())


def states(html):
    return re.findall(r'data-step-state="(\w+)"', html)


def menu_href(html, label):
    """The URL of the sidebar's menu item `label` (Wagtail renders the sidebar from JSON props)."""
    props = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)

    def walk(node):
        if isinstance(node, dict):
            if node.get("label") == label and node.get("url"):
                return node["url"]
            node = list(node.values())
        if isinstance(node, list):
            return next((found for found in map(walk, node) if found), None)
        return None

    return walk(json.loads(props))


def work_to_vote(client, record):
    """Close steps 1 to 3 through the screen, the minutes uploaded at step 2."""
    for documents in ((), [("minutes", photo())], ()):
        assert client.post(record_url(record), close_post(documents)).status_code == 302


@pytest.mark.sqlite
def test_staff_reach_power_in_operation_from_the_menu_and_open_a_record(client, dtown, staff, road):
    dtown.time_zone = "Asia/Urumqi"  # not the server's zone: the due time must follow the town's clock
    dtown.save(update_fields=["time_zone"])
    client.force_login(staff)
    href = menu_href(client.get("/admin/").content.decode(), "权力运行")
    assert href == RECORDS
    listing = client.get(href).content.decode()
    assert "北沟村 2027 年道路硬化" in listing and road.tracking_code in listing and "新建运行记录" in listing
    assert "北沟村 2027 年道路硬化" not in client.get(href, {"status": "closed"}).content.decode()
    page = client.get(re.search(rf'href="({record_url(road)})"', listing).group(1))
    html = page.content.decode()
    assert page.status_code == 200
    assert states(html) == ["current"] + ["pending"] * 6
    assert "所需材料：决议" in html and "表决：须有2/3以上组成人员到会" in html and "通过：赞成票须超过到会人员的1/2" in html and "须由提议人以外的人员审批" in html
    due_at = road.steps.get(number=1).due_at
    assert f"截止时间：{api.town_localtime(dtown, due_at):%Y-%m-%d %H:%M}" in html
    assert f"{timezone.localtime(due_at):%Y-%m-%d %H:%M}" not in html
    assert 'name="action" value="close"' in html


@pytest.mark.sqlite
def test_the_list_filters_by_village_and_matter_and_marks_an_overdue_record(client, dtown, beigou, staff, road):
    client.force_login(staff)
    assert road.tracking_code in client.get(RECORDS, {"village": beigou.pk, "matter": road.matter_id}).text
    assert road.tracking_code not in client.get(RECORDS, {"village": dtown.villages.get(name="向阳村").pk}).text
    assert road.tracking_code not in client.get(RECORDS, {"status": "overdue"}).text
    assert 'data-overdue' not in client.get(RECORDS).text
    road.steps.filter(number=1).update(due_at=timezone.now() - timedelta(hours=1))
    listing = client.get(RECORDS, {"status": "overdue"}).text
    assert road.tracking_code in listing and 'data-overdue="true"' in listing and 'class="record-overdue"' in listing
    assert states(client.get(record_url(road)).text)[0] == "overdue"


@pytest.mark.sqlite
def test_the_new_record_form_offers_the_towns_published_matters_by_title_and_the_users_villages(client, dtown, staff):
    make_matter(dtown)
    client.force_login(staff)
    html = client.get(RECORDS + "new/").content.decode()
    matters = re.search(r'<select name="matter".*?</select>', html, re.S).group(0)
    villages = re.search(r'<select name="village".*?</select>', html, re.S).group(0)
    assert "村级工程项目" in matters and "GC-99" not in matters and "JC-01" not in matters
    assert "北沟村" in villages and "向阳村" not in villages


def test_a_cadre_opens_a_record_from_the_form(client, dtown, beigou, staff):
    matter = make_matter(dtown)
    draft = Matter.objects.create(town=dtown, code="GC-98", title="未发布事项", category="engineering")
    client.force_login(staff)
    form = {"village": beigou.pk, "title": "北沟村 村部维修", "amount": "12000", "proposer_name": ""}
    assert client.post(RECORDS + "new/", {**form, "matter": draft.pk}).status_code == 400
    response = client.post(RECORDS + "new/", {**form, "matter": matter.pk})
    record = PowerRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == record_url(record)
    assert (record.village, record.matter, record.proposer, record.proposer_name) == (beigou, matter, staff, "李文书")


def test_a_step_closes_with_its_document_and_vote_figures(client, staff, road):
    client.force_login(staff)
    work_to_vote(client, road)
    response = client.post(record_url(road), close_post([("resolution", photo("决议.png"))], **PASSING_VOTE))
    assert response.status_code == 302
    html = client.get(record_url(road)).content.decode()
    assert states(html) == ["done"] * 4 + ["current", "pending", "pending"]
    assert "表决情况：应到30人，实到20人，赞成11票，反对9票。" in html
    vote = road.steps.get(number=4)
    assert vote.figures == {"members": 30, "present": 20, "for": 11, "against": 9} and vote.closed_by == staff
    resolution = RecordDocument.objects.get(step=vote)
    assert resolution.kind == "resolution" and not resolution.public
    assert f'href="{RECORDS}document/{resolution.pk}/"' in html and "/media/" not in html


def test_a_vote_short_of_quorum_answers_400_with_the_chinese_reason_and_changes_nothing(client, staff, road):
    client.force_login(staff)
    work_to_vote(client, road)
    before = snapshot(road)
    short = {**PASSING_VOTE, "vote-present": "19", "vote-votes_for": "19", "vote-votes_against": "0"}
    response = client.post(record_url(road), close_post([("resolution", photo("决议.png"))], **short))
    assert response.status_code == 400
    assert "到会人数不足：应到30人，实到19人；须有2/3以上即20人到会。" in response.content.decode()
    assert snapshot(road) == before
    fake = SimpleUploadedFile("决议.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    response = client.post(record_url(road), close_post([("resolution", fake)], **PASSING_VOTE))
    assert response.status_code == 400 and "不是允许的文件类型" in response.content.decode()
    assert snapshot(road) == before


def test_a_refused_vote_goes_back_to_the_step_the_flowchart_returns_to(client, staff, road):
    client.force_login(staff)
    work_to_vote(client, road)
    response = client.post(record_url(road), {"action": "refuse", "refuse-reason": "到会人数不足，重新提议"})
    assert response.status_code == 302
    html = client.get(record_url(road)).content.decode()
    assert states(html) == ["current", "pending", "pending", "refused", "pending", "pending", "pending"]
    assert "到会人数不足，重新提议" in html
    before = snapshot(road)
    response = client.post(record_url(road), {"action": "refuse", "refuse-reason": "不同意"})
    assert response.status_code == 400 and snapshot(road) == before
    assert "第1步“村党组织提议”在流程图上没有退回分支，只能办结。" in response.text


@pytest.mark.sqlite
def test_another_towns_or_villages_staff_get_404(client, dtown, road, foreign_staff, make_user):
    neighbour = make_user("xiangyang", dtown, Role.VILLAGE_STAFF, dtown.villages.get(name="向阳村"))
    document = RecordDocument.objects.create(step=road.steps.get(number=1), kind="minutes", file=photo())
    for user, host in ((foreign_staff, "liuhe.localhost"), (foreign_staff, "localhost"), (neighbour, "localhost")):
        client.force_login(user)
        assert client.get(record_url(road), HTTP_HOST=host).status_code == 404
        assert client.post(record_url(road), close_post(), HTTP_HOST=host).status_code == 404
        assert client.get(f"{RECORDS}document/{document.pk}/", HTTP_HOST=host).status_code == 404
        assert road.tracking_code not in client.get(RECORDS, HTTP_HOST=host).content.decode()


@pytest.mark.sqlite
def test_the_supervisor_reads_every_record_of_the_town_without_forms_and_a_post_is_403(client, road, reviewer):
    client.force_login(reviewer)
    assert road.tracking_code in client.get(RECORDS).content.decode()
    html = client.get(record_url(road)).content.decode()
    assert "北沟村 2027 年道路硬化" in html and 'name="action"' not in html and "新建运行记录" not in html
    before = snapshot(road)
    assert client.post(record_url(road), close_post()).status_code == 403
    assert client.post(record_url(road), {"action": "refuse", "refuse-reason": "x"}).status_code == 403
    assert client.post(RECORDS + "new/", {"title": "x"}).status_code == 403
    assert snapshot(road) == before


@pytest.mark.sqlite
def test_a_document_is_served_to_staff_and_refused_to_an_anonymous_user(client, staff, reviewer, road):
    upload = photo()
    document = RecordDocument.objects.create(step=road.steps.get(number=1), kind="minutes", file=upload)
    url = f"{RECORDS}document/{document.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    for user in (staff, reviewer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == document.file.open("rb").read()


@pytest.mark.sqlite
def test_a_role_in_another_town_lends_nothing_and_the_menu_needs_the_plugin(client, road, other_town, make_user):
    """The supervisor of 西湖镇 who is also 柳河镇's administrator still only reads 西湖镇's record, from either host;
    柳河镇's staff, whose town has the plugin off, see no 权力运行 in the menu."""
    straddler = make_user("xihu-jianwei-liuhe-admin", road.town, Role.SUPERVISOR)
    straddler.groups.add(other_town.group_for(Role.TOWN_ADMIN))
    client.force_login(straddler)
    before = snapshot(road)
    for host in ("localhost", "liuhe.localhost"):
        assert client.get(record_url(road), HTTP_HOST=host).status_code == 200
        assert client.post(record_url(road), close_post(), HTTP_HOST=host).status_code == 403
    assert snapshot(road) == before
    client.force_login(make_user("liuhe-bianji", other_town, Role.TOWN_EDITOR))
    assert menu_href(client.get("/admin/", HTTP_HOST="liuhe.localhost").text, "权力运行") is None
    assert client.get(RECORDS, HTTP_HOST="liuhe.localhost").status_code == 403
