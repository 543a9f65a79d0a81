"""The village supervision committee (村务监督委员会): made for every village, seated through the village form,
sees everything of its own village and nothing of another, and changes nothing."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from cunwu.pages.models import VillagePage
from cunwu.towns.authz import has_town_perm, town_permissions
from cunwu.towns.committee import committee_director, committee_members, set_committee
from cunwu.towns.models import Role, Town, TownGroup, Village
from tests.core.test_isolation import denied

pytestmark = pytest.mark.sqlite  # admin screens: the boundary holds on SQLite too


@pytest.fixture
def xihu(town, enable_plugin):
    enable_plugin(town, "appeals")
    enable_plugin(town, "disclosure")
    return town


@pytest.fixture
def committee(xihu, make_user):
    """北沟村's director and member, 向阳村's director."""
    beigou, xiangyang = (xihu.villages.get(name=name) for name in ("北沟村", "向阳村"))
    people = {name: make_user(name) for name in ("beigou-zhuren", "beigou-jianwei", "xiangyang-zhuren")}
    set_committee(beigou, [people["beigou-jianwei"]], people["beigou-zhuren"])
    set_committee(xiangyang, [], people["xiangyang-zhuren"])
    return people


def ledger(village, month=3):
    from disclosure.models import LedgerMonth

    return LedgerMonth.objects.create(village=village, year=2026, month=month, opening_balance=Decimal("100.00"),
                                      closing_balance=Decimal("100.00"))


def case(town, village):
    from appeals.models import Category
    from appeals.workflow import submit

    category = Category.objects.filter(town=town).order_by("pk").first()
    return submit(town, kind=category.kinds.split(",")[0], category=category, village=village, content="路灯坏了",
                  name="张三明", phone="+8613812345678")


def test_create_town_makes_the_committee_roles_for_the_town_and_each_village(db, make_town):
    call_command("create_town", "--name", "河西镇", "--hostname", "hexi.example", "--village", "河西村",
                 "--village", "河东村", "--no-plugins")
    town = Town.objects.get(site__hostname="hexi.example")
    assert town.group_for(Role.VILLAGE_SUPERVISOR) is not None
    assert town.group_for(Role.VILLAGE_SUPERVISOR_DIRECTOR) is not None
    for village in town.villages.all():
        roles = set(TownGroup.objects.filter(village=village).values_list("role", flat=True))
        assert {Role.VILLAGE_SUPERVISOR, Role.VILLAGE_SUPERVISOR_DIRECTOR} <= roles
    assert "村务监督委员会成员" in town.group_for(Role.VILLAGE_SUPERVISOR).name
    # The committee reads; its town group holds no right to add, change or delete anything.
    rights = town.group_for(Role.VILLAGE_SUPERVISOR).permissions.values_list("codename", flat=True)
    assert rights and not [right for right in rights if not right.startswith("view_") and right != "access_admin"]


def test_a_town_admin_seats_a_committee_through_the_village_form(client, xihu, make_user):
    admin = make_user("xihu-admin", xihu, Role.TOWN_ADMIN)
    chosen = make_user("new-jianwei", xihu, Role.VILLAGE_SUPERVISOR)  # an account of the town, seated nowhere yet
    director = make_user("new-zhuren", xihu, Role.VILLAGE_SUPERVISOR)
    clerk = make_user("beigou-clerk", xihu, Role.VILLAGE_STAFF)
    beigou = xihu.villages.get(name="北沟村")
    client.force_login(admin)
    url = f"/admin/snippets/towns/village/edit/{beigou.pk}/"
    form = client.get(url)
    assert form.status_code == 200 and "村务监督委员会主任" in form.text and "new-jianwei" in form.text
    fields = {"town": xihu.pk, "name": "北沟村", "code": "beigoucun", "sort_order": 0, "intro": "", "contact_phone": ""}
    refused = client.post(url, {**fields, "staff": [clerk.pk], "committee_members": [clerk.pk]})
    assert refused.status_code == 200 and "不能既是本村工作人员又担任本村村务监督委员会成员" in refused.text
    assert not committee_members(beigou).exists()
    saved = client.post(url, {**fields, "staff": [clerk.pk], "committee_members": [chosen.pk], "committee_director": director.pk})
    assert saved.status_code == 302
    assert set(committee_members(beigou)) == {chosen, director} and list(committee_director(beigou)) == [director]
    assert "disclosure.view_ledgermonth" in town_permissions(chosen, xihu)
    again = client.get(url)
    assert f'<option value="{director.pk}" selected>' in again.text
    added = client.post("/admin/snippets/towns/village/add/", {**fields, "name": "新村", "code": "xincun",
                                                               "committee_members": [chosen.pk]})
    assert added.status_code == 302
    xincun = xihu.villages.get(code="xincun")
    assert list(committee_members(xincun)) == [chosen] and not committee_director(xincun).exists()


def test_a_member_sees_only_their_village(client, xihu, committee):
    beigou, xiangyang = (xihu.villages.get(name=name) for name in ("北沟村", "向阳村"))
    own, other = ledger(beigou), ledger(xiangyang)
    own_case, other_case = case(xihu, beigou), case(xihu, xiangyang)
    client.force_login(committee["beigou-jianwei"])
    ledgers = client.get("/admin/disclosure/ledgermonth/")
    assert ledgers.status_code == 200
    assert {row.pk for row in ledgers.context["object_list"]} == {own.pk}
    cases = client.get("/admin/appeals/case/")
    assert cases.status_code == 200
    assert {row.number for row in cases.context["object_list"]} == {own_case.number}
    assert client.get(f"/admin/appeals/case/{own_case.pk}/").status_code == 200
    assert denied(client.get(f"/admin/appeals/case/{other_case.pk}/"))
    assert denied(client.get(f"/admin/disclosure/ledgermonth/inspect/{other.pk}/"))


def test_a_member_changes_nothing(client, xihu, committee):
    beigou = xihu.villages.get(name="北沟村")
    own, own_case = ledger(beigou), case(xihu, beigou)
    member = committee["beigou-jianwei"]
    client.force_login(member)
    assert client.get(f"/admin/disclosure/ledgermonth/edit/{own.pk}/").status_code in (302, 403)
    posted = client.post(f"/admin/disclosure/ledgermonth/edit/{own.pk}/", {"opening_balance": "999.00"})
    assert denied(posted)
    own.refresh_from_db()
    assert own.opening_balance == Decimal("100.00")
    assert client.post(f"/admin/appeals/case/{own_case.pk}/", {"action": "accept"}).status_code in (302, 403)
    own_case.refresh_from_db()
    assert own_case.state == "submitted"
    village_page = VillagePage.objects.get(village=beigou)
    assert client.get(f"/admin/pages/{village_page.pk}/edit/").status_code in (302, 403)
    assert denied(client.get(f"/admin/snippets/towns/village/edit/{beigou.pk}/"))
    # what supervising is (issue 12: opinions and rectification orders on power records, handling the villagers'
    # reports on them), and nothing else
    supervising = {"disclosure.add_supervisionopinion", "disclosure.add_rectification", "disclosure.change_rectification",
                   "disclosure.change_recordreport"}
    assert not [right for right in town_permissions(member, xihu) if not right.split(".")[1].startswith("view_")
                and right != "wagtailadmin.access_admin" and right not in supervising]
    assert not has_town_perm(member, xihu, "appeals.change_case")


def test_leaving_a_committee_takes_the_rights_away(xihu, committee):
    beigou = xihu.villages.get(name="北沟村")
    member = committee["beigou-jianwei"]
    assert has_town_perm(member, xihu, "disclosure.view_ledgermonth")
    set_committee(beigou, [], committee["beigou-zhuren"])
    member = type(member).objects.get(pk=member.pk)
    assert not has_town_perm(member, xihu, "disclosure.view_ledgermonth")
    assert list(committee_director(beigou)) == [committee["beigou-zhuren"]]
    VillagePage.objects.get(village=beigou).delete()
    Village.objects.filter(pk=beigou.pk).delete()  # the committee goes with its village
    director = type(member).objects.get(pk=committee["beigou-zhuren"].pk)
    assert not TownGroup.objects.filter(group__user=director).exists()
    assert not has_town_perm(director, xihu, "disclosure.view_ledgermonth")
    assert has_town_perm(committee["xiangyang-zhuren"], xihu, "disclosure.view_ledgermonth")

