"""A role in one town lends nothing in another: the isolation matrix of users with roles in two towns.

西湖镇 (A, localhost) and 柳河镇 (B, liuhe.localhost) both run the appeals and disclosure plugins.
- `straddler` is the discipline supervisor of A (read-only there) and the town administrator of B;
- `commuter` is a town editor of A and village staff of B's 柳河村.
Django's model permissions are global, so each of them holds every permission of both roles "somewhere";
every screen below must judge them by the role they have in the town of the object (or of the screen).
URLs come from reverse() and the admin menu, not from guesses.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cunwu.towns.authz import has_town_perm, town_permissions
from cunwu.towns.models import Role, Village
from tests.core.test_isolation import denied as refused  # 403, Wagtail's redirect with its message, or 404

pytestmark = pytest.mark.sqlite  # admin screens: the boundary holds on SQLite too (what `make run` serves)

XIHU_HOST, LIUHE_HOST = "localhost", "liuhe.localhost"


@pytest.fixture
def towns(town, other_town, enable_plugin):
    for each in (town, other_town):
        enable_plugin(each, "appeals")
        enable_plugin(each, "disclosure")
    return town, other_town


@pytest.fixture
def straddler(towns, make_user):
    xihu, liuhe = towns
    user = make_user("xihu-jianwei-liuhe-admin", xihu, Role.SUPERVISOR)
    user.groups.add(liuhe.group_for(Role.TOWN_ADMIN))
    return user


@pytest.fixture
def commuter(towns, make_user):
    xihu, liuhe = towns
    user = make_user("xihu-editor-liuhe-clerk", xihu, Role.TOWN_EDITOR)
    user.groups.add(liuhe.group_for(Role.VILLAGE_STAFF))
    liuhe.villages.get(name="柳河村").staff.add(user)
    return user


def as_user(client, user):
    client.force_login(user)
    return client


def case_in(town, village_name=None):
    from appeals.models import Category
    from appeals.workflow import submit

    village = town.villages.get(name=village_name) if village_name else town.villages.order_by("pk").first()
    category = Category.objects.filter(town=town).order_by("pk").first()
    kind = category.kinds.split(",")[0]
    return submit(town, kind=kind, category=category, village=village, content="路灯坏了", name="张三明", phone="+8613812345678")


def ledger_in(town, **extra):
    from disclosure.models import LedgerMonth

    return LedgerMonth.objects.create(
        village=town.villages.order_by("pk").first(), year=2026, month=3, opening_balance=Decimal("100.00"),
        closing_balance=Decimal("100.00"), **extra,
    )


# --- the layer itself -------------------------------------------------------------------------------------


def test_each_town_counts_only_its_own_groups(towns, straddler, commuter):
    xihu, liuhe = towns
    assert straddler.has_perm("towns.change_town")  # Django's answer: global, the leak this layer closes
    assert not has_town_perm(straddler, xihu, "towns.change_town")
    assert has_town_perm(straddler, liuhe, "towns.change_town")
    assert "appeals.change_case" not in town_permissions(straddler, xihu)
    assert "appeals.change_case" in town_permissions(commuter, liuhe)
    assert "appeals.view_case" not in town_permissions(commuter, xihu)


def test_town_wide_villages_come_from_that_towns_role(towns, commuter):
    from cunwu.towns.access import user_villages

    xihu, liuhe = towns
    assert set(user_villages(commuter, xihu)) == set(xihu.villages.all())
    assert [v.name for v in user_villages(commuter, liuhe)] == ["柳河村"]
    Village.objects.create(town=liuhe, name="杨柳村", code="yangliucun")
    assert [v.name for v in user_villages(commuter, liuhe)] == ["柳河村"]


# --- town settings and plugin switches --------------------------------------------------------------------


def test_town_settings_and_plugin_switches_need_the_role_in_that_town(client, towns, straddler):
    xihu, liuhe = towns
    as_user(client, straddler)
    assert refused(client.get(reverse("cunwu_town_settings_for", args=[xihu.pk])))
    followed = client.get(reverse("cunwu_town_settings_for", args=[xihu.pk]), follow=True)
    assert followed.status_code == 200 and "你没有权限访问" in followed.text  # Wagtail's refusal, in Chinese
    posted = client.post(reverse("cunwu_town_settings_for", args=[xihu.pk]), {
        "name": "被篡改", "theme": "default", "time_zone": "Asia/Shanghai", "moderation": "town_editors", "plugins": ["appeals"],
    })
    assert refused(posted)
    xihu.refresh_from_db()
    xihu.__dict__.pop("enabled_plugin_labels", None)
    assert xihu.name == "西湖镇" and "disclosure" in xihu.enabled_plugin_labels
    assert client.get(reverse("cunwu_town_settings_for", args=[liuhe.pk])).status_code == 200
    # On 西湖镇's own host the settings screen opens on the town they may change, not on the host's town.
    own = client.get(reverse("cunwu_town_settings"), HTTP_HOST=XIHU_HOST)
    assert own.status_code == 200 and own.context["town"] == liuhe


def test_the_settings_menu_needs_the_right_in_some_town(client, towns, commuter):
    as_user(client, commuter)
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("cunwu_town_settings") not in home.text
    assert refused(client.get(reverse("cunwu_town_settings")))


# --- the villages snippet ---------------------------------------------------------------------------------


def village_url(action, village):
    return reverse(f"wagtailsnippets_towns_village:{action}", args=[village.pk])


def test_villages_are_edited_only_where_the_role_allows(client, towns, straddler):
    xihu, liuhe = towns
    beigou, liuhe_village = xihu.villages.get(name="北沟村"), liuhe.villages.get(name="柳河村")
    as_user(client, straddler)
    listing = client.get(reverse("wagtailsnippets_towns_village:list"))
    assert "北沟村" in listing.text and "柳河村" in listing.text  # a supervisor sees 西湖镇's villages
    assert refused(client.get(village_url("edit", beigou)))
    assert refused(client.post(village_url("edit", beigou), {"town": xihu.pk, "name": "被改名", "code": "beigoucun", "sort_order": 0}))
    beigou.refresh_from_db()
    assert beigou.name == "北沟村"
    edit = client.get(village_url("edit", liuhe_village))
    assert edit.status_code == 200
    # The town field offers only the village's own town: an object cannot be moved into another town.
    assert list(edit.context["form"].fields["town"].queryset) == [liuhe]


def test_a_new_village_goes_only_to_a_town_where_the_role_may_add_one(client, towns, straddler):
    xihu, liuhe = towns
    as_user(client, straddler)
    add = reverse("wagtailsnippets_towns_village:add")
    form = client.get(add, HTTP_HOST=XIHU_HOST).context["form"]  # on 西湖镇's host, where they are a supervisor
    assert list(form.fields["town"].queryset) == [liuhe]
    posted = client.post(add, {"town": xihu.pk, "name": "新村", "code": "xincun", "sort_order": 0}, HTTP_HOST=XIHU_HOST)
    assert posted.status_code == 200 and not Village.objects.filter(code="xincun").exists()
    client.post(add, {"town": liuhe.pk, "name": "新村", "code": "xincun", "sort_order": 0}, HTTP_HOST=XIHU_HOST)
    assert Village.objects.get(code="xincun").town == liuhe


def test_deleting_a_village_follows_the_right_in_its_town(client, towns, straddler):
    xihu, liuhe = towns
    liuhe.group_for(Role.TOWN_ADMIN).permissions.add(Permission.objects.get(codename="delete_village"))
    beigou, spare = xihu.villages.get(name="北沟村"), Village.objects.create(town=liuhe, name="杨柳村", code="yangliucun")
    as_user(client, straddler)
    assert refused(client.post(village_url("delete", beigou)))
    bulk = reverse("wagtail_bulk_action", args=["towns", "village", "delete"])
    assert refused(client.post(f"{bulk}?id={beigou.pk}", {}))
    assert Village.objects.filter(pk=beigou.pk).exists()
    assert client.post(village_url("delete", spare)).status_code == 302
    assert not Village.objects.filter(pk=spare.pk).exists()


def test_the_village_chooser_offers_the_admin_towns_villages_only(client, towns, commuter):
    xihu, liuhe = towns
    as_user(client, commuter)
    chooser = reverse("wagtailsnippetchoosers_towns_village:choose")
    at_xihu = client.get(chooser, HTTP_HOST=XIHU_HOST)
    assert at_xihu.status_code == 200
    assert "北沟村" in at_xihu.json()["html"] and "柳河村" not in at_xihu.json()["html"]
    at_liuhe = client.get(chooser, HTTP_HOST=LIUHE_HOST).json()["html"]
    assert "柳河村" in at_liuhe and "北沟村" not in at_liuhe
    chosen = reverse("wagtailsnippetchoosers_towns_village:chosen", args=[xihu.villages.get(name="北沟村").pk])
    assert client.get(chosen, HTTP_HOST=LIUHE_HOST).status_code == 404


def test_the_village_page_form_offers_its_own_towns_villages(client, towns, commuter):
    from cunwu.pages.models import VillagePage

    xihu, liuhe = towns
    as_user(client, commuter)
    page = VillagePage.objects.get(village__town=xihu, village__name="北沟村")
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).context["form"]
    assert set(form.fields["village"].queryset) == set(xihu.villages.all())


# --- appeals ----------------------------------------------------------------------------------------------


def test_case_detail_follows_the_role_in_the_cases_town(client, towns, commuter):
    xihu, liuhe = towns
    mine, not_mine = case_in(liuhe, "柳河村"), case_in(xihu)
    as_user(client, commuter)
    assert client.get(reverse("appeals_case_handle", args=[mine.pk])).status_code == 200
    assert refused(client.get(reverse("appeals_case_handle", args=[not_mine.pk])))  # a town editor handles no cases
    listing = client.get(reverse("appeals_case_modeladmin_index")).text
    assert reverse("appeals_case_handle", args=[mine.pk]) in listing
    assert reverse("appeals_case_handle", args=[not_mine.pk]) not in listing


def test_a_supervisor_elsewhere_cannot_move_or_assign_that_towns_cases(client, towns, straddler, make_user):
    xihu, liuhe = towns
    xihu_case, liuhe_case = case_in(xihu), case_in(liuhe)
    as_user(client, straddler)
    detail = client.get(reverse("appeals_case_handle", args=[xihu_case.pk]))
    assert detail.status_code == 200 and detail.context["read_only"]  # 西湖镇: a supervisor follows, read only
    assert client.post(reverse("appeals_case_handle", args=[xihu_case.pk]), {"action": "accept"}).status_code == 403
    xihu_case.refresh_from_db()
    assert xihu_case.state == "submitted"
    assert client.post(reverse("appeals_case_handle", args=[liuhe_case.pk]), {"action": "accept"}).status_code == 302
    liuhe_case.refresh_from_db()
    assert liuhe_case.state == "accepted"

    xihu_clerk = make_user("xihu-clerk", xihu, Role.VILLAGE_STAFF, xihu_case.village)
    refused_assign = client.post(reverse("appeals_bulk_assign"), {"case": [xihu_case.pk], "handler": xihu_clerk.pk})
    assert refused_assign.status_code in (400, 403)
    xihu_case.refresh_from_db()
    assert xihu_case.handler_id != xihu_clerk.pk
    assert client.post(reverse("appeals_bulk_assign"), {"case": [liuhe_case.pk], "handler": straddler.pk}).status_code == 302
    liuhe_case.refresh_from_db()
    assert liuhe_case.handler_id == straddler.pk


def test_dashboard_and_its_export_only_for_the_towns_where_cases_are_visible(client, towns, commuter):
    xihu, liuhe = towns
    case_in(liuhe, "柳河村")
    as_user(client, commuter)
    dashboard = reverse("appeals_dashboard")
    assert refused(client.get(dashboard, {"town": xihu.pk}))
    assert refused(client.get(dashboard, {"town": xihu.pk, "month": "2026-03", "format": "csv"}))
    exported = client.get(dashboard, {"town": liuhe.pk, "month": "2026-03", "format": "csv"})
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    assert client.get(dashboard).context["town"] == liuhe


# --- disclosure -------------------------------------------------------------------------------------------


def test_ledger_months_are_edited_only_where_the_role_allows(client, towns, straddler):
    xihu, liuhe = towns
    xihu_ledger, liuhe_ledger = ledger_in(xihu), ledger_in(liuhe)
    as_user(client, straddler)
    edit = "disclosure_ledgermonth_modeladmin_edit"
    assert refused(client.get(reverse(edit, args=[xihu_ledger.pk])))
    assert client.get(reverse(edit, args=[liuhe_ledger.pk])).status_code == 200
    review = client.post(reverse("disclosure_ledger_review", args=[xihu_ledger.pk]), {"action": "submit"})
    assert review.status_code == 403
    xihu_ledger.refresh_from_db()
    assert xihu_ledger.status == "draft"


def test_publishing_a_ledger_needs_a_reviewer_role_in_its_town(client, towns, commuter):
    from disclosure.models import Category, LineItem

    xihu, liuhe = towns
    liuhe_ledger = ledger_in(liuhe, status="submitted")
    xihu_ledger = ledger_in(xihu, status="submitted")
    for ledger in (liuhe_ledger, xihu_ledger):
        category = Category.objects.filter(town=ledger.village.town, kind="income").first()
        LineItem.objects.create(ledger=ledger, date=date(2026, 3, 2), kind="income", category=category,
                                amount=Decimal("10.00"), purpose="鱼塘承包费", counterparty="村民", voucher_number="记-001")
        ledger.recompute_totals()
        ledger.closing_balance = ledger.expected_closing
        ledger.save()
    as_user(client, commuter)
    assert refused(client.post(reverse("disclosure_ledger_review", args=[liuhe_ledger.pk]), {"action": "approve"}))
    liuhe_ledger.refresh_from_db()
    assert liuhe_ledger.status == "submitted"
    assert client.post(reverse("disclosure_ledger_review", args=[xihu_ledger.pk]), {"action": "approve"}).status_code == 302
    xihu_ledger.refresh_from_db()
    assert xihu_ledger.status == "published"


def test_assets_are_edited_only_where_the_role_allows(client, towns, straddler, commuter):
    from disclosure.models import Asset, AssetKind

    xihu, liuhe = towns
    xihu_asset = Asset.objects.create(village=xihu.villages.get(name="北沟村"), kind=AssetKind.values[0], name="西湖鱼塘")
    liuhe_asset = Asset.objects.create(village=liuhe.villages.get(name="柳河村"), kind=AssetKind.values[0], name="柳河鱼塘")
    as_user(client, straddler)
    edit = "disclosure_asset_modeladmin_edit"
    assert refused(client.get(reverse(edit, args=[xihu_asset.pk])))
    assert client.get(reverse(edit, args=[liuhe_asset.pk])).status_code == 200
    listing = client.get(reverse("disclosure_asset_modeladmin_index"))
    assert "西湖鱼塘" in listing.text and "柳河鱼塘" in listing.text  # a supervisor of 西湖镇 may view its assets
    # Village staff of 柳河村 hold no asset rights in 柳河镇: neither its assets nor its villages (in the filter) show.
    as_user(client, commuter)
    listing = client.get(reverse("disclosure_asset_modeladmin_index"))
    assert "西湖鱼塘" in listing.text and "柳河鱼塘" not in listing.text
    assert "北沟村" in listing.text and "柳河村" not in listing.text


def test_payment_lists_are_imported_and_published_only_where_the_role_allows(client, towns, straddler):
    from disclosure.models import PaymentList

    xihu, liuhe = towns
    xihu_list = PaymentList.objects.create(village=xihu.villages.get(name="北沟村"), programme="耕地地力保护补贴", year=2026)
    liuhe_list = PaymentList.objects.create(village=liuhe.villages.get(name="柳河村"), programme="耕地地力保护补贴", year=2026)
    as_user(client, straddler)
    for name in ("disclosure_payment_publish", "disclosure_payment_import"):
        at_xihu = client.get(reverse(name, args=[xihu_list.pk]))
        assert at_xihu.status_code == 403 and "您不是该村的工作人员" in at_xihu.text, name
        assert client.get(reverse(name, args=[liuhe_list.pk])).status_code == 200, name
    assert client.post(reverse("disclosure_payment_publish", args=[xihu_list.pk])).status_code == 403
    xihu_list.refresh_from_db()
    assert xihu_list.published_at is None


def test_the_publication_board_follows_the_role_in_the_host_town(client, towns, commuter):
    as_user(client, commuter)
    assert client.get(reverse("disclosure_board"), HTTP_HOST=XIHU_HOST).status_code == 200
    at_liuhe = client.get(reverse("disclosure_board"), HTTP_HOST=LIUHE_HOST)
    assert at_liuhe.status_code == 403 and "只有本镇工作人员可以查看发布情况" in at_liuhe.text


def test_power_list_matters_are_corrected_only_where_the_role_allows(client, towns, straddler):
    from disclosure.models import Matter

    xihu, liuhe = towns
    xihu_matter = Matter.objects.filter(town=xihu, status="published").order_by("pk").first()
    liuhe_matter = Matter.objects.filter(town=liuhe, status="published").order_by("pk").first()
    as_user(client, straddler)
    assert refused(client.post(reverse("disclosure_matter_action", args=[xihu_matter.pk, "correct"]), {"reason": "改"}))
    assert not Matter.objects.filter(town=xihu, code=xihu_matter.code, version=2).exists()
    assert client.post(reverse("disclosure_matter_action", args=[liuhe_matter.pk, "correct"]), {"reason": "改"}).status_code == 302
    assert Matter.objects.filter(town=liuhe, code=liuhe_matter.code, version=2).exists()


# --- users and groups -------------------------------------------------------------------------------------


def test_town_admins_have_no_user_or_group_management(client, towns, straddler):
    """Staff are managed by the platform operator; a town admin gets at neither Wagtail's users nor its groups."""
    xihu, liuhe = towns
    as_user(client, straddler)
    for name in ("wagtailusers_users:index", "wagtailusers_groups:index", "wagtailusers_users:add", "wagtailusers_groups:add"):
        assert refused(client.get(reverse(name))), name
    group = xihu.group_for(Role.TOWN_ADMIN)
    assert refused(client.get(reverse("wagtailusers_groups:edit", args=[group.pk])))
    assert refused(client.get(reverse("wagtailusers_users:edit", args=[straddler.pk])))
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("wagtailusers_users:index") not in home.text and reverse("wagtailusers_groups:index") not in home.text


def test_village_staff_can_be_chosen_only_from_the_villages_own_town(client, towns, straddler, make_user):
    xihu, liuhe = towns
    make_user("xihu-clerk", xihu, Role.VILLAGE_STAFF)
    make_user("liuhe-clerk", liuhe, Role.VILLAGE_STAFF)
    as_user(client, straddler)
    form = client.get(village_url("edit", liuhe.villages.get(name="柳河村"))).context["form"]
    names = {user.username for user in form.fields["staff"].queryset}
    assert "liuhe-clerk" in names and "xihu-clerk" not in names
