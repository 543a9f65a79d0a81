"""What a villager sees of a power record: reached from the village hub and from the matter's page, its progress on
the flowchart step by step, the proposer masked, only public documents served, another town's record 404, and
"反映问题" filed as an appeals case (appeals on) or a RecordReport (appeals off), guarded against floods."""

import logging
import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from cunwu.plugins.testing import parse_page
from cunwu.towns.models import Role
from disclosure import record_gate
from disclosure.models import PowerRecord, RecordDocument, StepState
from disclosure.record_reports import RecordReport

from .test_record_gate import make_matter, people, upload, work_to  # noqa: F401  (people: a fixture)

PDF = b"%PDF-1.4 public minutes"


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """No form-guard counts left over from another test (Redis is the test run's own database)."""
    from django.core.cache import cache

    cache.clear()


def get(client, url, host="localhost"):
    return client.get(url, HTTP_HOST=host)


def links(response):
    return parse_page(response.content.decode()).links


def record_links(response, record):
    return [link for link in links(response) if urlsplit(link).path.rstrip("/").endswith(record.tracking_code)]


@pytest.fixture
def road(dtown, beigou, people):  # noqa: F811
    """北沟村's road: steps 1-3 done, 4 overdue, 5 refused back to 4 (the reason naming a phone), 6-7 pending."""
    record = record_gate.open_record(make_matter(dtown), beigou, people.shuji, "北沟村 2027 年道路硬化",
                                     Decimal("380000.00"))
    work_to(record, 5, people)
    record_gate.refuse_step(record, record.steps.get(number=5), people.zhuren, "预算不清，请与王书记 13812345678 核对")
    record_gate.mark_overdue(timezone.now() + timedelta(days=60))
    return PowerRecord.objects.get(pk=record.pk)


def hub_url(village):
    from cunwu.pages.models import VillagePage

    return urlsplit(VillagePage.objects.get(village=village).url).path


def step_states(text):
    return re.findall(r'<li class="record-step [^"]*" data-step-state="(\w+)"', text)


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_village_hub_links_to_the_record_whose_page_shows_each_step_as_its_state(client, road, beigou):
    hub = get(client, hub_url(beigou))
    assert "小微权力运行" in hub.text and "第 4/7 步" in hub.text
    [link] = record_links(hub, road)
    page = get(client, link)
    assert page.status_code == 200 and "北沟村 2027 年道路硬化" in page.text and "380,000.00 元" in page.text
    expected = [s.state for s in road.steps.order_by("number")]
    assert expected == ["done", "done", "done", "overdue", "refused", "pending", "pending"]
    assert step_states(page.text) == expected
    with translation.override("zh-hans"):
        words = {state: str(StepState(state).label) for state in expected}
    for state, item in zip(expected, re.findall(r'<li class="record-step .*?</li>', page.text, re.S)):
        assert f'<span class="record-step__state">{words[state]}</span>' in item  # the state in words, not colour only
    assert "超期" in page.text and "已退回" in page.text and 'aria-current="step"' in page.text
    assert "王*记" in page.text and "王书记" not in page.text  # the proposer, also in the refusal, masked
    assert "138****5678" in page.text and "13812345678" not in page.text
    assert "/p/disclosure/power/GC-99/" in links(page)


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_matter_page_lists_its_records_per_village(client, road, dtown, make_user):
    xiangyang = dtown.villages.get(name="向阳村")
    cadre = make_user("xiangyang-cadre", dtown, Role.VILLAGE_EDITOR, xiangyang)
    other = record_gate.open_record(road.matter, xiangyang, cadre, "向阳村 村口桥修缮")
    power_list = get(client, "/p/disclosure/power/")
    matter_link = next(link for link in links(power_list) if link.endswith("/power/GC-99/"))
    matter = get(client, matter_link)
    assert "本事项的运行记录" in matter.text
    text = matter.text
    assert text.index("北沟村") < text.index("北沟村 2027 年道路硬化") and text.index("向阳村") < text.index("向阳村 村口桥修缮")
    [link] = record_links(matter, other)
    page = get(client, link)
    assert step_states(page.text) == ["current"] + ["pending"] * 6
    assert "第 1/7 步" in matter.text and "第 4/7 步" in matter.text


@pytest.mark.sqlite
@pytest.mark.django_db
def test_only_public_documents_are_listed_and_served_and_never_from_media(client, road):
    step = road.steps.get(number=2)  # its minutes were uploaded by work_to, not public
    private = RecordDocument.objects.get(step=step)
    public = RecordDocument.objects.create(step=step, kind="minutes", public=True, file=SimpleUploadedFile(
        "王书记13812345678会议记录.pdf", PDF, content_type="application/pdf"))
    page = get(client, f"/p/disclosure/records/{road.tracking_code}/")
    document_links = [link for link in links(page) if "/documents/" in link]
    assert len(document_links) == 1 and "/media/" not in page.text
    assert re.search(r"会议记录 · 王\*记138\*\*\*\*5678会议记录[^<]*\.pdf", page.text)  # (storage may add a suffix)
    assert "13812345678" not in page.text and "王书记" not in page.text
    served = get(client, document_links[0])
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf" and "13812345678" not in served["Content-Disposition"]
    hidden = f"/p/disclosure/records/{road.tracking_code}/documents/{private.pk}/"
    assert get(client, hidden).status_code == 404
    RecordDocument.objects.filter(pk=public.pk).update(public=False)
    assert get(client, document_links[0]).status_code == 404


@pytest.mark.sqlite
@pytest.mark.django_db
def test_another_towns_record_and_documents_are_404(client, road, other_town, enable_plugin, make_user):
    enable_plugin(other_town, "disclosure")
    liuhe = other_town.villages.get()
    cadre = make_user("liuhe-cadre", other_town, Role.VILLAGE_EDITOR, liuhe)
    theirs = record_gate.open_record(make_matter(other_town), liuhe, cadre, "柳河村 水渠清淤")
    record_gate.close_step(theirs, theirs.steps.get(number=1), cadre)
    document = RecordDocument.objects.create(step=theirs.steps.get(number=1), kind="minutes", public=True,
                                             file=SimpleUploadedFile("a.pdf", PDF))
    code = theirs.tracking_code
    assert get(client, f"/p/disclosure/records/{code}/", "liuhe.localhost").status_code == 200
    for path in (f"/p/disclosure/records/{code}/", f"/p/disclosure/records/{code}/sign/",
                 f"/p/disclosure/records/{code}/documents/{document.pk}/"):
        assert get(client, path).status_code == 404, path
    assert client.post(f"/p/disclosure/records/{code}/report/", {"content": "x"}, HTTP_HOST="localhost").status_code == 404
    assert get(client, f"/p/disclosure/records/{road.tracking_code}/", "liuhe.localhost").status_code == 404


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_record_sign_carries_a_qr_code_of_the_records_public_address(client, road, settings):
    page = get(client, f"/p/disclosure/records/{road.tracking_code}/")
    [sign] = [link for link in links(page) if link.endswith("/sign/")]
    response = get(client, sign)
    assert response.status_code == 200 and "<svg" in response.text and road.tracking_code in response.text
    assert f"http://localhost/p/disclosure/records/{road.tracking_code}/" in response.text.replace(":8000", "")


def report(client, record, **data):
    return client.post(f"/p/disclosure/records/{record.tracking_code}/report/", data, HTTP_HOST="localhost")


@pytest.mark.django_db
def test_a_report_with_appeals_on_is_a_case_on_the_record(client, road, dtown, enable_plugin, caplog):
    from appeals.models import Case

    enable_plugin(dtown, "appeals")
    with caplog.at_level(logging.INFO, logger="disclosure.records"):
        response = report(client, road, content="路面只铺了一半就验收了", name="李大爷", phone="138 1234 5678")
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.kind == "report" and case.village == road.village and case.content == "路面只铺了一半就验收了"
    assert road.tracking_code in str(case.answers) and f"/p/disclosure/records/{road.tracking_code}/" in str(case.answers)
    assert "已转交村务监督委员会" in response.text and case.number in response.text and "138****5678" in response.text
    assert f"/p/appeals/c/{case.token}/" in response.text and not RecordReport.objects.exists()
    assert "13812345678" not in caplog.text and "138****5678" in caplog.text


@pytest.mark.django_db
def test_a_report_with_appeals_off_is_kept_as_a_record_report_for_staff(client, road):
    response = report(client, road, content="公示的发票看不清")
    assert response.status_code == 200
    stored = RecordReport.objects.get()
    assert stored.record == road and stored.content == "公示的发票看不清" and stored.phone == ""
    assert "已转交村务监督委员会" in response.text and stored.number in response.text and "您的编号" in response.text


@pytest.mark.django_db
def test_a_report_without_content_is_refused_in_chinese_and_a_flood_gets_a_chinese_429(client, road):
    empty = report(client, road, content="  ")
    assert empty.status_code == 400 and "请说明哪里有问题。" in empty.text
    wrong = report(client, road, content="发票不对", phone="12345")
    assert wrong.status_code == 400 and "请输入有效的中国大陆手机号" in wrong.text and "发票不对" in wrong.text
    for _ in range(8):
        assert report(client, road, content="").status_code == 400
    flooded = report(client, road, content="真有问题")
    assert flooded.status_code == 429 and "您的网络提交次数过多" in flooded.text
    assert not RecordReport.objects.exists()


@pytest.mark.django_db
def test_record_reports_are_listed_for_the_villages_staff_only(client, road, dtown, make_user):
    report(client, road, content="公示牌上的金额和网上不一样", phone="13812345678")
    stored = RecordReport.objects.get()
    staff = make_user("beigou-wenshu", dtown, Role.VILLAGE_STAFF, road.village, is_staff=True)
    neighbour = make_user("zhonggou-wenshu", dtown, Role.VILLAGE_STAFF, dtown.villages.get(name="中沟村"), is_staff=True)
    client.force_login(staff)
    listed = client.get("/admin/disclosure/recordreport/", HTTP_HOST="localhost")
    assert listed.status_code == 200 and stored.number in listed.text and road.tracking_code in listed.text
    client.force_login(neighbour)
    assert stored.number not in client.get("/admin/disclosure/recordreport/", HTTP_HOST="localhost").text


@pytest.mark.django_db
def test_reporters_names_and_phones_go_after_the_retention_period_and_the_report_stays(client, road, dtown):
    from cunwu.plugins.registry import get_plugin, retention_rules

    report(client, road, content="验收照片是别的路", name="李大爷", phone="13812345678")
    [rule] = [rule for rule in retention_rules(get_plugin("disclosure")) if rule.key == "record_reporters"]
    assert rule.anonymise(dtown, timezone.now() - timedelta(days=1)) == 0
    assert rule.anonymise(dtown, timezone.now() + timedelta(seconds=1), dry_run=True) == 1
    assert rule.anonymise(dtown, timezone.now() + timedelta(seconds=1)) == 1
    stored = RecordReport.objects.get()
    assert (stored.name, stored.phone, stored.content) == ("", "", "验收照片是别的路")
