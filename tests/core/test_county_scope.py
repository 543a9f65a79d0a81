"""The county level: a county groups towns, its supervisors read every town of it and nothing beyond, and
change nothing; the scope functions say exactly who supervises which villages and towns."""

from decimal import Decimal

import pytest

from cunwu.counties.models import County, CountyTown
from cunwu.counties.scope import (
    committee_director,
    county_supervisors,
    is_read_only_supervisor,
    supervised_towns,
    supervised_villages,
    town_discipline_supervisors,
)
from cunwu.plugins.testing import make_town
from cunwu.towns.authz import has_town_perm, town_permissions
from cunwu.towns.committee import set_committee
from cunwu.towns.models import Role
from tests.core.test_isolation import denied

pytestmark = pytest.mark.sqlite


@pytest.fixture
def towns(town, other_town, enable_plugin):
    """西湖镇 and 柳河镇 in 瓜州县; 河西镇 in no county. All three run appeals and disclosure."""
    hexi = make_town("河西镇", "hexi.localhost", ("河西村",), slug="hexi")
    for each in (town, other_town, hexi):
        enable_plugin(each, "appeals")
        enable_plugin(each, "disclosure")
    county = County.objects.create(name="瓜州县", slug="guazhou")
    for each in (town, other_town):
        CountyTown.objects.create(county=county, town=each)
    return town, other_town, hexi


@pytest.fixture
def county_supervisor(towns, make_user):
    user = make_user("guazhou-supervisor")
    County.objects.get(slug="guazhou").supervisors.add(user)
    return user


def ledger(village):
    from disclosure.models import LedgerMonth

    return LedgerMonth.objects.create(village=village, year=2026, month=3, opening_balance=Decimal("100.00"),
                                      closing_balance=Decimal("100.00"))


def case(town):
    from appeals.models import Category
    from appeals.workflow import submit

    category = Category.objects.filter(town=town).order_by("pk").first()
    return submit(town, kind=category.kinds.split(",")[0], category=category, village=town.villages.first(),
                  content="路灯坏了", name="张三明", phone="+8613812345678")


def test_county_supervisor_reads_every_town_of_the_county_and_none_beyond(client, towns, county_supervisor):
    xihu, liuhe, hexi = towns
    ledgers = {town.slug: ledger(town.villages.order_by("pk").first()) for town in towns}
    cases = {town.slug: case(town) for town in towns}
    client.force_login(county_supervisor)
    listed = client.get("/admin/disclosure/ledgermonth/")
    assert listed.status_code == 200
    assert {row.pk for row in listed.context["object_list"]} == {ledgers["xihu"].pk, ledgers["liuhe"].pk}
    listed = client.get("/admin/appeals/case/")
    assert {row.number for row in listed.context["object_list"]} == {cases["xihu"].number, cases["liuhe"].number}
    assert client.get(f"/admin/appeals/case/{cases['liuhe'].pk}/").status_code == 200
    assert denied(client.get(f"/admin/appeals/case/{cases['hexi'].pk}/"))
    assert has_town_perm(county_supervisor, xihu, "appeals.view_case")
    assert not town_permissions(county_supervisor, hexi)


def test_county_supervisor_changes_nothing(client, towns, county_supervisor):
    xihu, liuhe, _hexi = towns
    month, submitted = ledger(xihu.villages.order_by("pk").first()), case(liuhe)
    client.force_login(county_supervisor)
    assert denied(client.post(f"/admin/disclosure/ledgermonth/edit/{month.pk}/", {"opening_balance": "999.00"}))
    month.refresh_from_db()
    assert month.opening_balance == Decimal("100.00")
    client.post(f"/admin/appeals/case/{submitted.pk}/", {"action": "accept"})
    submitted.refresh_from_db()
    assert submitted.state == "submitted"
    assert denied(client.get(f"/admin/pages/{xihu.root_page.pk}/edit/"))
    assert denied(client.get(f"/admin/snippets/towns/village/edit/{xihu.villages.first().pk}/"))
    for town in (xihu, liuhe):
        rights = town_permissions(county_supervisor, town)
        assert rights and all(right.split(".")[1].startswith("view_") or right == "wagtailadmin.access_admin"
                              for right in rights)


def test_leaving_the_county_ends_the_reading(towns, county_supervisor, make_user):
    xihu, liuhe, _hexi = towns
    CountyTown.objects.get(town=liuhe).delete()
    supervisor = type(county_supervisor).objects.get(pk=county_supervisor.pk)
    assert not has_town_perm(supervisor, liuhe, "appeals.view_case")
    assert has_town_perm(supervisor, xihu, "appeals.view_case")
    County.objects.get(slug="guazhou").supervisors.remove(supervisor)
    supervisor = type(supervisor).objects.get(pk=supervisor.pk)
    assert not has_town_perm(supervisor, xihu, "appeals.view_case")


def test_scope_functions_return_exactly_the_right_sets(towns, county_supervisor, make_user):
    xihu, liuhe, hexi = towns
    beigou, xiangyang = (xihu.villages.get(name=name) for name in ("北沟村", "向阳村"))
    director, member = make_user("beigou-zhuren"), make_user("beigou-jianwei")
    set_committee(beigou, [member], director)
    discipline = make_user("xihu-supervisor", xihu, Role.SUPERVISOR)
    admin = make_user("xihu-admin", xihu, Role.TOWN_ADMIN)
    editor = make_user("xihu-editor", xihu, Role.TOWN_EDITOR)
    staff = make_user("beigou-staff", xihu, Role.VILLAGE_STAFF, beigou)

    assert set(supervised_villages(member, xihu)) == {beigou}
    assert set(supervised_villages(director, xihu)) == {beigou}
    assert not supervised_villages(member, liuhe).exists()
    for user in (discipline, admin):
        assert set(supervised_villages(user, xihu)) == set(xihu.villages.all())
        assert not supervised_villages(user, liuhe).exists()
    assert set(supervised_villages(county_supervisor, liuhe)) == set(liuhe.villages.all())
    assert not supervised_villages(county_supervisor, hexi).exists()
    assert not supervised_villages(editor, xihu).exists() and not supervised_villages(staff, xihu).exists()

    assert set(supervised_towns(county_supervisor)) == {xihu, liuhe}
    assert set(supervised_towns(member)) == {xihu} and set(supervised_towns(discipline)) == {xihu}
    assert not supervised_towns(editor).exists()

    assert list(committee_director(beigou)) == [director] and not committee_director(xiangyang).exists()
    assert list(town_discipline_supervisors(xihu)) == [discipline]
    assert list(county_supervisors(liuhe)) == [county_supervisor] and not county_supervisors(hexi).exists()

    assert is_read_only_supervisor(member, xihu) and is_read_only_supervisor(director, xihu)
    assert is_read_only_supervisor(discipline, xihu) and is_read_only_supervisor(county_supervisor, liuhe)
    assert not is_read_only_supervisor(county_supervisor, hexi)
    assert not any(is_read_only_supervisor(user, xihu) for user in (admin, editor, staff))
    assert not is_read_only_supervisor(member, liuhe)


def test_a_superuser_manages_counties_in_chinese_and_nobody_else_may(client, towns, make_user):
    xihu, liuhe, hexi = towns
    superuser = make_user("operator", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    form = client.get("/admin/counties/new/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert form.status_code == 200 and "县纪委监委监督员" in form.text
    refused = client.post("/admin/counties/new/", {"name": "玉门市", "slug": "yumen", "towns": [xihu.pk, hexi.pk]})
    assert refused.status_code == 200 and "已属于其他县" in refused.text
    supervisor = make_user("yumen-supervisor")
    saved = client.post("/admin/counties/new/", {"name": "玉门市", "slug": "yumen", "towns": [hexi.pk],
                                                "supervisors": [supervisor.pk]})
    assert saved.status_code == 302
    assert list(County.objects.get(slug="yumen").towns) == [hexi]
    assert has_town_perm(supervisor, hexi, "appeals.view_case") and not has_town_perm(supervisor, xihu, "appeals.view_case")

    client.force_login(make_user("xihu-admin", xihu, Role.TOWN_ADMIN))
    assert denied(client.get("/admin/counties/"))
    assert denied(client.get("/admin/counties/new/"))


@pytest.mark.django_db
def test_the_demo_supervisors_read_their_scope_in_a_chinese_admin(client, django_user_model):
    from django.core.management import call_command

    from tests.core.test_admin_i18n import crawl

    call_command("load_demo")
    county = County.objects.get(slug="guazhou")
    assert sorted(town.slug for town in county.towns) == ["liuhe", "xihu"]
    beigou = county.towns.get(slug="xihu").villages.get(code="beigoucun")
    assert [user.username for user in committee_director(beigou)] == ["beigou-jianwei-zhuren"]
    report = {}
    for username in ("beigou-jianwei-zhuren", "beigou-jianwei", "guazhou-supervisor"):
        seen, problems = crawl(client, django_user_model.objects.get(username=username))
        assert len(seen) > 3, f"{username} reached only {sorted(seen)}"
        report.update({text: f"{text!r} ({username} at {url})" for text, url in problems.items()})
    assert not report, "English in the zh-hans admin:\n" + "\n".join(report.values())
