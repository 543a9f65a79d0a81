"""Closed and rejected cases older than the town's period lose the villager's personal details; the case, its
number, category, village, times and ratings stay. A dry run only counts. Dashboard exports are audited."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from appeals.models import Attachment, Case, State
from appeals.retention import anonymise_closed_cases
from appeals.workflow import rate, transition

pytestmark = pytest.mark.django_db
LONG_AGO = timezone.now() - datetime.timedelta(days=400)


def ended(new_case, final, **data):
    case = new_case(content="我是张三明，电话13812345678，身份证110101199003071234", **data)
    if final == State.REJECTED:
        case = transition(case, State.REJECTED, note="请张三明本人到镇政府，13812345678")
    else:
        for state, note in [(State.ACCEPTED, ""), (State.IN_PROGRESS, "已联系张三明 13812345678"), (State.RESOLVED, "张三明的低保已办理")]:
            case = transition(case, state, note=note)
        case = rate(case, overall="satisfied", method="satisfied", efficiency="basic", attitude="very", comment="我张三明很满意")
    Case.objects.filter(pk=case.pk).update(closed_at=LONG_AGO)
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def cases(new_case):
    rated = ended(new_case, State.RATED, answers=[
        {"label": "家庭人口", "kind": "number", "value": "13812345678"},
        {"label": "困难类型", "kind": "choice", "value": "因病"},
        {"label": "备注", "kind": "long_text", "value": "户主张三明"},
    ])
    rejected = ended(new_case, State.REJECTED)
    recent = new_case()
    transition(recent, State.REJECTED, note="重复提交")
    still_open = new_case()
    Case.objects.filter(pk=still_open.pk).update(created_at=LONG_AGO)
    attachment = Attachment(case=rated, content_type="image/png", size=3)
    attachment.file.save("x.png", ContentFile(b"png"), save=True)
    return {"rated": rated, "rejected": rejected, "recent": recent, "open": still_open, "file": attachment.file.name}


def snapshot():
    return list(Case.objects.order_by("pk").values()), list(Attachment.objects.values())


def test_a_dry_run_counts_and_changes_nothing(cases):
    before = snapshot()
    assert anonymise_closed_cases(cases["rated"].town, timezone.now() - datetime.timedelta(days=365), dry_run=True) == 2
    assert snapshot() == before


def test_old_ended_cases_lose_personal_details_and_keep_the_rest(cases, django_capture_on_commit_callbacks):
    from cunwu.plugins.api import private_storage

    town = cases["rated"].town
    cutoff = timezone.now() - datetime.timedelta(days=365)
    assert private_storage.exists(cases["file"])
    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise_closed_cases(town, cutoff) == 2
    for key in ("rated", "rejected"):
        before, case = cases[key], Case.objects.get(pk=cases[key].pk)
        assert (case.name, str(case.phone), case.anonymised_at is not None) == ("", "", True)
        texts = [case.content, case.response, case.reject_reason, *case.transitions.values_list("note", flat=True),
                 *case.ratings.values_list("comment", flat=True), str(case.answers)]
        for text in texts:
            assert "张三明" not in text and "13812345678" not in text and "110101199003071234" not in text
        assert "张*明" in case.content and "138****5678" in case.content
        kept = ("number", "public_id", "kind", "category_id", "village_id", "state", "created_at", "closed_at", "level")
        assert [getattr(case, f) for f in kept] == [getattr(before, f) for f in kept]
    rated = Case.objects.get(pk=cases["rated"].pk)
    assert rated.ratings.get().overall == "satisfied"
    assert [a["value"] for a in rated.answers] == ["138****5678", "因病", "户主张*明"]
    assert not rated.attachments.exists() and not private_storage.exists(cases["file"])
    for key in ("recent", "open"):
        assert Case.objects.get(pk=cases[key].pk).name == "张三明"
    assert anonymise_closed_cases(town, cutoff) == 0  # done once


def test_the_rule_is_declared_on_the_plugin():
    from django.apps import apps

    from cunwu.plugins.registry import retention_rules

    [rule] = retention_rules(apps.get_app_config("appeals"))
    assert rule.key == "closed_cases" and rule.default_days >= 180 and rule.anonymise is anonymise_closed_cases


def test_a_dashboard_export_is_on_the_audit_trail_without_personal_data(client, new_case, make_user, appeals_town):
    from cunwu.security.models import AuditEntry
    from cunwu.towns.models import Role

    admin = make_user("xihu-admin", appeals_town, Role.TOWN_ADMIN, first_name="王")
    new_case()
    client.force_login(admin)
    month = timezone.localdate().strftime("%Y-%m")
    response = client.get("/admin/appeals/dashboard/", {"town": appeals_town.pk, "month": month, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    entry = AuditEntry.objects.get(action="appeals.export")
    assert (entry.town, entry.username, entry.detail["format"]) == (appeals_town, "xihu-admin", "csv")
    assert entry.target.endswith(".csv") and "张三明" not in str(entry.detail) and "13812345678" not in str(entry.detail)
    client.get("/admin/appeals/dashboard/", {"town": appeals_town.pk, "month": month})
    assert AuditEntry.objects.filter(action="appeals.export").count() == 1  # looking is not exporting
