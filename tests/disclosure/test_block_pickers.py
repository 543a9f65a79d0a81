"""Issue 16: the finance-summary and power-list blocks pick a village or a matter of the edited page's town.

A 西湖镇 editor's pickers hold 西湖镇's villages and matters only; pages stored with codes before the pickers
still show the same figures (and the migration turns the codes into picks); a picked item deleted later shows
nothing while the page answers; the block picker's previews show the editor's town.
"""

import importlib
import json
import re

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from cunwu.towns.models import Role
from disclosure.blocks import BLOCKS
from disclosure.catalogue import import_default_catalogue
from disclosure.models import Matter

pytestmark = pytest.mark.sqlite

SUMMARY, POWER = dict(BLOCKS)["disclosure_finance_summary"], dict(BLOCKS)["disclosure_power_list"]


@pytest.fixture
def liuhe(other_town, enable_plugin):
    return enable_plugin(other_town, "disclosure")


@pytest.fixture
def town_editor(dtown, make_user):
    return make_user("xihubianji", dtown, Role.TOWN_EDITOR, is_staff=True)


@pytest.fixture
def lianxi(dtown):
    from cunwu.pages.models import SectionPage

    return SectionPage.objects.descendant_of(dtown.root_page).get(slug="lianxi")


def modal_html(client, url, **headers):
    response = client.get(url, HTTP_HOST="localhost", **headers)
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def publish(page, blocks):
    page.body = json.dumps(blocks)
    page.save_revision().publish()
    return page.url


def summary(village):
    return {"type": "disclosure_finance_summary", "value": {"title": "", "village": village}}


def power(code, category=""):
    return {"type": "disclosure_power_list", "value": {"title": "", "category": category, "code": code}}


def test_the_village_picker_lists_the_editors_town_only(client, dtown, liuhe, town_editor, lianxi):
    client.force_login(town_editor)
    url = reverse("disclosure_villages:choose")
    html = modal_html(client, url, HTTP_REFERER=f"http://localhost/admin/pages/{lianxi.pk}/edit/")
    assert "北沟村" in html and "向阳村" in html and "柳河村" not in html
    results = client.get(reverse("disclosure_villages:choose_results") + "?q=北沟", HTTP_HOST="localhost").content.decode()
    assert "北沟村" in results and "向阳村" not in results
    # A village of 柳河镇 cannot be chosen by its number either.
    foreign = liuhe.villages.get(name="柳河村")
    assert client.get(reverse("disclosure_villages:chosen", args=[foreign.pk]), HTTP_HOST="localhost").status_code == 404
    own = dtown.villages.get(name="北沟村")
    assert client.get(reverse("disclosure_villages:chosen", args=[own.pk]), HTTP_HOST="localhost").status_code == 200


def test_the_matter_picker_lists_the_towns_published_matters_by_name(client, dtown, liuhe, town_editor):
    import_default_catalogue(dtown)
    import_default_catalogue(liuhe)
    Matter.objects.filter(town=liuhe, code="MS-01").update(title="柳河镇自己的低保事项")
    client.force_login(town_editor)
    html = modal_html(client, reverse("disclosure_matters:choose") + "?q=低保")
    assert "农村低保申请（MS-01）" in html and "柳河镇自己的低保事项" not in html
    foreign = Matter.objects.get(town=liuhe, code="MS-01")
    assert client.get(reverse("disclosure_matters:chosen", args=[foreign.pk]), HTTP_HOST="localhost").status_code == 404


def test_a_multi_town_editor_gets_the_edited_pages_town(client, dtown, liuhe, make_user):
    both = make_user("liangzhen", dtown, Role.TOWN_EDITOR, is_staff=True)
    both.groups.add(liuhe.group_for(Role.TOWN_EDITOR))
    from cunwu.pages.models import SectionPage

    liuhe_page = SectionPage.objects.descendant_of(liuhe.root_page).first()
    client.force_login(both)
    html = modal_html(client, reverse("disclosure_villages:choose"),
                      HTTP_REFERER=f"http://localhost/admin/pages/{liuhe_page.pk}/edit/")
    assert "柳河村" in html and "北沟村" not in html


def test_the_page_editor_offers_pickers_not_codes(client, dtown, liuhe, town_editor, lianxi):
    beigou = dtown.villages.get(name="北沟村")
    publish(lianxi, [summary(beigou.pk)])
    client.force_login(town_editor)
    html = client.get(f"/admin/pages/{lianxi.pk}/edit/", HTTP_HOST="localhost").content.decode()
    assert reverse("disclosure_villages:choose") in html and reverse("disclosure_matters:choose") in html
    assert escaped("北沟村") in html  # the chosen village is shown by its name (in the form's JSON)
    assert escaped("柳河村") not in html and "beigoucun" not in html and escaped("例如") not in html


def escaped(text):
    return json.dumps(text)[1:-1]


def test_a_summary_stored_with_a_code_shows_the_same_figures_as_a_pick(client, published, dtown, lianxi):
    beigou = dtown.villages.get(name="北沟村")
    by_code = client.get(publish(lianxi, [summary("beigoucun")]), HTTP_HOST="localhost").content.decode()
    by_pick = client.get(publish(lianxi, [summary(beigou.pk)]), HTTP_HOST="localhost").content.decode()
    for text in (by_code, by_pick):
        assert "北沟村 2026年3月财务公开" in text and "15,500.50 元" in text


def test_a_power_list_stored_with_a_code_shows_the_same_matter_as_a_pick(client, dtown, lianxi):
    import_default_catalogue(dtown)
    matter = Matter.objects.get(town=dtown, code="MS-01")
    for value in ("MS-01", matter.pk):
        text = client.get(publish(lianxi, [power(value)]), HTTP_HOST="localhost").content.decode()
        assert "农村低保申请" in text and "发展党员" not in text


def test_a_deleted_pick_shows_nothing_and_the_page_answers(client, published, dtown, lianxi):
    gone = dtown.villages.create(name="撤并村", code="chebingcun")
    gone_pk = gone.pk
    party = {"type": "disclosure_power_list", "value": {"title": "党务", "category": "party", "code": None}}
    url = publish(lianxi, [summary(gone_pk), power(987654), party])
    gone.delete()
    response = client.get(url, HTTP_HOST="localhost")
    text = response.content.decode()
    assert response.status_code == 200
    sections = re.findall(r'<section class="block block-(\w+)" id="block-[^"]*">\s*</section>', text)
    assert sections == ["disclosure_finance_summary", "disclosure_power_list"]  # stored, but empty
    assert "发展党员" in text  # the page's other block still shows
    lianxi.refresh_from_db()
    assert lianxi.body.raw_data[0]["value"]["village"] == gone_pk  # the pick is kept in the content, not dropped


def test_a_pick_of_another_town_shows_nothing(client, published, dtown, liuhe, lianxi):
    text = client.get(publish(lianxi, [summary(liuhe.villages.get(name="柳河村").pk)]), HTTP_HOST="localhost").content.decode()
    assert "柳河村" not in text and "财务公开" not in text


def test_the_migration_turns_stored_codes_into_picks_of_the_pages_town(client, published, dtown, liuhe, lianxi):
    import_default_catalogue(dtown)
    publish(lianxi, [summary("beigoucun"), power("MS-01"), summary("nosuchcode")])
    migration = importlib.import_module("disclosure.migrations.0011_block_codes_to_picks")
    migration.codes_to_picks(django_apps, None)
    lianxi.refresh_from_db()
    values = [block["value"] for block in lianxi.body.raw_data]
    assert values[0]["village"] == dtown.villages.get(code="beigoucun").pk
    assert values[1]["code"] == Matter.objects.get(town=dtown, code="MS-01").pk
    assert values[2]["village"] == "nosuchcode"  # nothing to pick: kept as stored
    revision_body = json.loads(lianxi.latest_revision.content["body"])
    assert revision_body[0]["value"]["village"] == values[0]["village"]
    text = client.get(lianxi.url, HTTP_HOST="localhost").content.decode()
    assert "北沟村 2026年3月财务公开" in text and "农村低保申请" in text


def test_block_previews_show_the_editors_town(client, published, dtown, town_editor):
    import_default_catalogue(dtown)
    client.force_login(town_editor)
    for _name, block in BLOCKS:
        response = client.get(reverse("wagtailadmin_block_preview") + f"?id={block.definition_prefix}", HTTP_HOST="localhost")
        assert response.status_code == 200, block
        assert block.meta.help_text and block.is_previewable
    overview = client.get(reverse("wagtailadmin_block_preview") + f"?id={dict(BLOCKS)['disclosure_overview'].definition_prefix}",
                          HTTP_HOST="localhost").content.decode()
    assert "北沟村" in overview
    power_preview = client.get(reverse("wagtailadmin_block_preview") + f"?id={POWER.definition_prefix}",
                               HTTP_HOST="localhost").content.decode()
    assert "农村低保申请" in power_preview  # the preview's category: 民生
