"""A month's ledger goes draft → submitted → returned/published; published months are frozen; corrections are versions."""

from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from disclosure import workflow
from disclosure.models import Category, LedgerLocked, LedgerMonth, LineItem, Status

from .conftest import SAMPLE_LINES

REVIEW = "/admin/disclosure/ledger/{}/review/"

pytestmark = pytest.mark.sqlite  # public pages: also run on SQLite, what `make run` serves


def test_enabling_the_plugin_seeds_the_usual_categories(dtown):
    names = set(Category.objects.filter(town=dtown).values_list("name", flat=True))
    assert {"经营收入", "发包及上交收入", "补助收入", "其他收入", "经营支出", "管理费用", "公益支出", "其他支出"} <= names


def test_a_ledger_that_does_not_balance_cannot_be_submitted(client, make_ledger, beigou, editor):
    ledger = make_ledger(beigou, lines=SAMPLE_LINES, closing="9999.00")
    client.force_login(editor)
    response = client.post(REVIEW.format(ledger.pk), {"action": "submit"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "收支不平" in text and "7,890.50" in text and "9,999.00" in text
    ledger.refresh_from_db()
    assert ledger.status == Status.DRAFT


def test_editor_creates_in_the_admin_reviewer_returns_then_approves(client, dtown, beigou, editor, reviewer):
    subsidy = Category.objects.get(town=dtown, name="补助收入")
    office = Category.objects.get(town=dtown, name="管理费用")
    client.force_login(editor)
    form = {
        "village": beigou.pk, "year": 2026, "month": 4, "opening_balance": "500.00", "closing_balance": "1490.00",
        "lines-TOTAL_FORMS": 2, "lines-INITIAL_FORMS": 0, "lines-MIN_NUM_FORMS": 0, "lines-MAX_NUM_FORMS": 1000,
        "lines-0-date": "2026-04-02", "lines-0-kind": "income", "lines-0-category": subsidy.pk, "lines-0-amount": "1000.00",
        "lines-0-purpose": "运转经费", "lines-1-date": "2026-04-03", "lines-1-kind": "expense",
        "lines-1-category": office.pk, "lines-1-amount": "10", "lines-1-purpose": "办公费",
    }
    response = client.post("/admin/disclosure/ledgermonth/create/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    ledger = LedgerMonth.objects.get(village=beigou, year=2026, month=4)
    assert (ledger.total_income, ledger.total_expense, ledger.line_count) == (Decimal("1000.00"), Decimal("10.00"), 2)

    assert client.post(REVIEW.format(ledger.pk), {"action": "submit"}).status_code == 302
    assert client.post(REVIEW.format(ledger.pk), {"action": "approve"}).status_code == 403  # an editor cannot approve

    client.force_login(reviewer)
    refused = client.post(REVIEW.format(ledger.pk), {"action": "return", "comment": ""})
    assert refused.status_code == 400 and "退回" in refused.content.decode()
    client.post(REVIEW.format(ledger.pk), {"action": "return", "comment": "凭证号缺失，请补充"})
    ledger.refresh_from_db()
    assert ledger.status == Status.RETURNED and ledger.review_comment == "凭证号缺失，请补充"

    client.force_login(editor)
    assert "凭证号缺失，请补充" in client.get(REVIEW.format(ledger.pk)).content.decode()
    client.post(REVIEW.format(ledger.pk), {"action": "submit"})
    client.force_login(reviewer)
    client.post(REVIEW.format(ledger.pk), {"action": "approve"})
    ledger.refresh_from_db()
    assert ledger.status == Status.PUBLISHED and ledger.published_at
    actions = list(ModelLogEntry.objects.filter(object_id=str(ledger.pk), action__startswith="disclosure.").values_list("action", flat=True))
    assert sorted(actions) == sorted(["disclosure.submit", "disclosure.return", "disclosure.submit", "disclosure.approve"])
    page = client.get("/p/disclosure/ledger/beigoucun/", HTTP_HOST="localhost").content.decode()
    assert "办公费" in page and "运转经费" in page


def snapshot(ledger):
    ledger = LedgerMonth.objects.get(pk=ledger.pk)
    return (ledger.status, ledger.closing_balance, ledger.total_income, ledger.version,
            sorted(LineItem.objects.filter(ledger=ledger).values_list("id", "amount", "purpose")))


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_a_published_ledger_cannot_be_changed_or_deleted_in_the_admin(client, published, editor, make_user, who):
    user = editor if who == "editor" else make_user("root", is_superuser=True, is_staff=True)
    client.force_login(user)
    before = snapshot(published)
    line = published.lines.first()
    edit_url = f"/admin/disclosure/ledgermonth/edit/{published.pk}/"
    for response in (
        client.get(edit_url),
        client.post(edit_url, {"village": published.village_id, "year": 2026, "month": 3, "opening_balance": "0",
                               "closing_balance": "0", "lines-TOTAL_FORMS": 1, "lines-INITIAL_FORMS": 1,
                               "lines-MIN_NUM_FORMS": 0, "lines-MAX_NUM_FORMS": 1000, "lines-0-id": line.pk,
                               "lines-0-DELETE": "on"}),
    ):
        assert response.status_code == 409
        assert "已公开的账目不能修改" in response.content.decode()
    for response in (client.get(f"/admin/disclosure/ledgermonth/delete/{published.pk}/"),
                     client.post(f"/admin/disclosure/ledgermonth/delete/{published.pk}/")):
        assert response.status_code == 409
        assert "已公开的账目不能删除" in response.content.decode()
    assert snapshot(published) == before


def test_the_model_itself_refuses_to_change_a_published_ledger(published):
    before = snapshot(published)
    published.closing_balance = Decimal("1")
    with pytest.raises(LedgerLocked):
        published.save()
    with pytest.raises(LedgerLocked):
        published.delete()
    line = LineItem.objects.filter(ledger=published).first()
    line.amount = Decimal("1")
    with pytest.raises(LedgerLocked):
        line.save()
    with pytest.raises(LedgerLocked):
        line.delete()
    assert snapshot(published) == before


def test_a_correction_is_a_new_version_with_a_visible_history(client, published, editor, reviewer):
    original = snapshot(published)
    client.force_login(editor)
    assert client.post(REVIEW.format(published.pk), {"action": "correct", "reason": ""}).status_code == 400
    response = client.post(REVIEW.format(published.pk), {"action": "correct", "reason": "路灯维修金额录入错误"})
    assert response.status_code == 302
    draft = LedgerMonth.objects.get(supersedes=published)
    assert draft.version == 2 and draft.status == Status.DRAFT and draft.line_count == 4
    wrong = draft.lines.get(purpose="村道路灯维修")
    wrong.amount = Decimal("6800.00")
    wrong.save()
    draft.recompute_totals()
    draft.closing_balance = draft.expected_closing
    draft.save()
    workflow.submit(draft, editor)
    workflow.approve(draft, reviewer)

    assert snapshot(published)[1:] == original[1:]
    assert LedgerMonth.objects.get(pk=published.pk).status == Status.SUPERSEDED
    page = client.get("/p/disclosure/ledger/beigoucun/?year=2026&month=3", HTTP_HOST="localhost").content.decode()
    assert "更正记录" in page and "路灯维修金额录入错误" in page
    assert "8,600.00" in page and "6,800.00" in page  # removed and added lines both listed in the history
    assert "版本 2" in page


def test_an_editor_of_another_village_cannot_submit(client, make_ledger, dtown, make_user):
    from cunwu.towns.models import Role

    xiangyang = dtown.villages.get(name="向阳村")
    outsider = make_user("xiangyang", dtown, Role.VILLAGE_EDITOR, xiangyang)
    ledger = make_ledger(dtown.villages.get(name="北沟村"), lines=SAMPLE_LINES)
    client.force_login(outsider)
    assert client.post(REVIEW.format(ledger.pk), {"action": "submit"}).status_code == 403
    assert LedgerMonth.objects.get(pk=ledger.pk).status == Status.DRAFT
