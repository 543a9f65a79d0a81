"""The power list: one-click default catalogue, public list by category, search, detail with an accessible flowchart, block."""

import json
import re

import pytest

from cunwu.towns.models import Role
from disclosure.catalogue import import_default_catalogue
from disclosure import matter_workflow
from disclosure.models import LedgerLocked, Matter, Step

pytestmark = pytest.mark.sqlite  # public pages: also run on SQLite, what `make run` serves


@pytest.fixture
def superuser(make_user):
    return make_user("root", is_superuser=True, is_staff=True)


@pytest.fixture
def catalogue(dtown):
    import_default_catalogue(dtown)
    return dtown


def test_one_click_import_of_the_default_catalogue(client, dtown, make_user):
    admin = make_user("zhenguan", dtown, Role.TOWN_ADMIN)
    client.force_login(admin)
    index = client.get("/admin/disclosure/matter/")
    assert index.status_code == 200 and "导入默认权力清单" in index.content.decode()
    assert client.post("/admin/disclosure/power/import-default/").status_code == 302
    assert Matter.objects.filter(town=dtown).count() >= 30
    four_two = Matter.objects.get(town=dtown, code="JC-01")
    assert "四议两公开" in four_two.title and four_two.steps.count() == 6
    assert four_two.status == "published"
    Matter.objects.filter(pk=four_two.pk).update(title="本镇改过的标题")
    client.post("/admin/disclosure/power/import-default/")
    assert Matter.objects.get(town=dtown, code="JC-01").title == "本镇改过的标题"  # importing again overwrites nothing
    assert Matter.objects.filter(town=dtown, code="JC-01").count() == 1


def test_a_village_editor_cannot_import_the_catalogue(client, dtown, editor):
    Matter.objects.filter(town=dtown).delete()  # the seeded catalogue, published: only a raw delete removes it
    client.force_login(editor)
    assert client.post("/admin/disclosure/power/import-default/").status_code == 403
    assert not Matter.objects.filter(town=dtown).exists()


def test_public_list_by_category_and_search(client, catalogue):
    page = client.get("/p/disclosure/power/", HTTP_HOST="localhost").content.decode()
    positive, negative = page.split("负面清单（禁止事项）")
    assert "<h2>正面清单（必须怎么办）</h2>" in positive
    for heading in ("重大决策", "工程项目", "采购", "资产资源", "民生服务", "村务管理", "党务"):
        assert f"<h3>{heading}</h3>" in positive, heading
    assert "不得截留挪用惠农资金" in negative and "不得截留挪用惠农资金" not in positive
    found = client.get("/p/disclosure/power/?q=低保", HTTP_HOST="localhost").content.decode()
    assert "农村低保申请" in found and "发展党员" not in found
    party = client.get("/p/disclosure/power/?category=party", HTTP_HOST="localhost").content.decode()
    assert "发展党员" in party and "农村低保申请" not in party


def test_detail_has_an_accessible_flowchart_drawn_from_the_steps(client, catalogue, superuser):
    page = client.get("/p/disclosure/power/JC-01/", HTTP_HOST="localhost").content.decode()
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg and "aria-labelledby" in svg
    assert re.search(r"<title[^>]*>“四议两公开”|<title[^>]*>村级重大事项", svg)
    texts = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert any("村党组织提议" in t for t in texts) and any("党员大会审议" in t for t in texts)
    assert sum("退回至第" in t for t in texts) == 2  # the two review steps that can send it back
    assert "<desc" in svg and "村民会议或村民代表会议决议" in svg
    matter = Matter.objects.get(town=catalogue, code="JC-01")
    with pytest.raises(LedgerLocked):
        Step.objects.create(matter=matter, sort_order=99, title="归档备查", role="村文书")
    draft = matter_workflow.start_correction(matter, superuser, "补充归档环节")
    Step.objects.create(matter=draft, sort_order=99, title="归档备查", role="村文书")
    matter_workflow.publish(draft, superuser)
    page = client.get("/p/disclosure/power/JC-01/", HTTP_HOST="localhost").content.decode()
    assert "7. 归档备查" in page


def test_other_towns_matters_are_not_shown(client, catalogue, other_town, enable_plugin):
    enable_plugin(other_town, "disclosure")
    Matter.objects.filter(town=catalogue, code="JC-01").update(title="西湖镇自己的标题")
    liuhe = client.get("/p/disclosure/power/JC-01/", HTTP_HOST="liuhe.localhost").content.decode()
    assert "村级重大事项" in liuhe and "西湖镇自己的标题" not in liuhe
    assert client.get("/p/disclosure/power/XH-99/", HTTP_HOST="liuhe.localhost").status_code == 404


def test_power_list_blocks_cost_constant_queries(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cunwu.pages.models import SectionPage

    page = SectionPage.objects.descendant_of(catalogue.root_page).get(slug="lianxi")

    def count(blocks):
        page.body = json.dumps(blocks)
        page.save_revision().publish()
        client.get(page.url, HTTP_HOST="localhost")
        with CaptureQueriesContext(connection) as captured:
            text = client.get(page.url, HTTP_HOST="localhost").content.decode()
        return len(captured), text

    one = [{"type": "disclosure_power_list", "value": {"title": "党务", "category": "party", "code": ""}}]
    few, _ = count(one)
    many, text = count(one + [{"type": "disclosure_power_list", "value": {"title": "一项", "category": "", "code": "MS-01"}}] * 4)
    assert many == few
    assert "发展党员" in text and text.count("农村低保申请") == 4


def test_a_published_matter_is_corrected_as_a_new_version_with_public_history(client, catalogue, make_user):
    admin = make_user("zhenguan", catalogue, Role.TOWN_ADMIN)
    client.force_login(admin)
    original = Matter.objects.get(town=catalogue, code="MS-01")
    edit = client.get(f"/admin/disclosure/matter/edit/{original.pk}/")
    assert edit.status_code == 409 and "更正" in edit.content.decode()
    assert client.post(f"/admin/disclosure/matter/delete/{original.pk}/").status_code == 409
    assert client.post(f"/admin/disclosure/matter/{original.pk}/correct/", {"reason": " "}).status_code == 400
    started = client.post(f"/admin/disclosure/matter/{original.pk}/correct/", {"reason": "按新政策调整申请条件"})
    assert started.status_code == 302
    draft = Matter.objects.get(town=catalogue, code="MS-01", version=2)
    assert started["Location"].endswith(f"/admin/disclosure/matter/edit/{draft.pk}/")
    assert client.get(started["Location"]).status_code == 200  # a draft can be edited
    draft.conditions = "家庭人均收入低于当地低保标准（新）"
    draft.save()
    before = client.get("/p/disclosure/power/MS-01/", HTTP_HOST="localhost").content.decode()
    assert "（新）" not in before  # the draft is not public
    assert client.post(f"/admin/disclosure/matter/{draft.pk}/publish/").status_code == 302
    page = client.get("/p/disclosure/power/MS-01/", HTTP_HOST="localhost").content.decode()
    assert "（新）" in page and "更正记录" in page and "按新政策调整申请条件" in page and "办理条件" in page
    original.refresh_from_db()
    assert original.status == "superseded" and "（新）" not in original.conditions
    assert client.post(f"/admin/disclosure/matter/{original.pk}/correct/", {"reason": "再改"}).status_code == 400
    assert client.post(f"/admin/disclosure/matter/{draft.pk}/publish/").status_code == 400


def test_a_village_editor_cannot_correct_the_power_list(client, catalogue, editor):
    client.force_login(editor)
    matter = Matter.objects.get(town=catalogue, code="MS-01")
    assert client.post(f"/admin/disclosure/matter/{matter.pk}/correct/", {"reason": "x"}).status_code == 403
    assert not Matter.objects.filter(town=catalogue, code="MS-01", version=2).exists()
