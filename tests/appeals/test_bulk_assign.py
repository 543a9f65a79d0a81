import pytest

from appeals.models import Case, State
from appeals.workflow import transition

pytestmark = pytest.mark.django_db

LIST = "/admin/appeals/case/"
ASSIGN = "/admin/appeals/case/assign/"


@pytest.fixture
def staff(appeals_town, make_user):
    from cunwu.towns.models import Role

    beigou, xiangyang = (appeals_town.villages.get(name=name) for name in ("北沟村", "向阳村"))
    return {
        "handler": make_user("handler", appeals_town, Role.VILLAGE_STAFF, beigou),
        "colleague": make_user("colleague", appeals_town, Role.VILLAGE_STAFF, beigou, first_name="李四"),
        "xiangyang": make_user("xy_staff", appeals_town, Role.VILLAGE_STAFF, xiangyang),
        "supervisor": make_user("supervisor", appeals_town, Role.SUPERVISOR),
    }


def test_handler_ticks_cases_in_the_work_list_and_assigns_them_to_a_colleague(client, staff, new_case):
    cases = [new_case() for _ in range(3)]
    client.force_login(staff["handler"])
    listing = client.get(LIST).content.decode()
    assert 'form="appeals-bulk-assign"' in listing and "将勾选的诉求分派给" in listing
    done = client.post(ASSIGN, {"case": [cases[0].pk, cases[1].pk], "handler": staff["colleague"].pk}, follow=True)
    assert done.status_code == 200 and "已将 2 件诉求分派给 李四" in done.content.decode()
    assert [Case.objects.get(pk=c.pk).handler for c in cases] == [staff["colleague"], staff["colleague"], None]


def test_bulk_assign_refuses_in_chinese_and_changes_nothing(client, staff, new_case, appeals_town):
    mine = new_case()
    theirs = new_case(village=appeals_town.villages.get(name="向阳村"))
    client.force_login(staff["handler"])

    other_village = client.post(ASSIGN, {"case": [mine.pk, theirs.pk], "handler": staff["colleague"].pk})
    assert other_village.status_code == 403 and "不在您的管辖范围" in other_village.content.decode()
    wrong_handler = client.post(ASSIGN, {"case": [mine.pk], "handler": staff["xiangyang"].pk})
    assert wrong_handler.status_code == 400 and f"不能经办诉求 {mine.number}" in wrong_handler.content.decode()
    assert client.post(ASSIGN, {"handler": staff["colleague"].pk}).status_code == 400
    assert "请先勾选" in client.post(ASSIGN, {"handler": staff["colleague"].pk}).content.decode()
    assert client.post(ASSIGN, {"case": [mine.pk], "handler": "x"}).status_code == 400

    transition(mine, State.REJECTED, staff["handler"], "不属于本村事务")
    finished = client.post(ASSIGN, {"case": [mine.pk], "handler": staff["colleague"].pk})
    assert finished.status_code == 400 and "已结束" in finished.content.decode()

    client.force_login(staff["supervisor"])  # read-only: sees the list, may not assign
    assert 'form="appeals-bulk-assign"' not in client.get(LIST).content.decode()
    refused = client.post(ASSIGN, {"case": [theirs.pk], "handler": staff["xiangyang"].pk})
    assert refused.status_code == 403 and "没有分派诉求的权限" in refused.content.decode()
    assert set(Case.objects.values_list("handler", flat=True)) == {None}
