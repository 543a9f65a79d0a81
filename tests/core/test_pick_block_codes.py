"""A pick stored as a code before the pickers existed ("beigoucun") shows in the page editor as the village it names,
and saving the page without touching it keeps it (as the village's pk from then on); a form that names another
town's village is refused in Chinese and saves nothing."""

import json
import re
from html import unescape

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cunwu.pages.models import SectionPage
from cunwu.towns.models import Role

pytestmark = pytest.mark.sqlite

SUMMARY = "disclosure_finance_summary"


@pytest.fixture
def lianxi(town, enable_plugin):
    enable_plugin(town, "disclosure")
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    page.body = json.dumps([{"type": SUMMARY, "id": "summary-1", "value": {"title": "", "village": "beigoucun"}}])
    page.save_revision().publish()
    return page


@pytest.fixture
def editor_client(client, town, make_user):
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR, is_staff=True))
    return client


def editor_arguments(html):
    """What the page's StreamField editor opens with: [its blocks, their errors], as its data attribute holds them."""
    match = re.search(r'data-w-block-arguments-value="([^"]*)"', html)
    assert match, "no StreamField editor in the form"
    return json.loads(unescape(match.group(1)))


def picked_village(html):
    blocks, _errors = editor_arguments(html)
    (summary,) = [block for block in blocks if block["type"] == SUMMARY]
    return summary["value"]["village"]


def save_draft(client, page, village_field):
    """What the editor's browser posts for the page as it stands, the chooser's hidden input holding `village_field`."""
    data = {
        **nested_form_data({"comments": inline_formset([])}),
        "title": page.title, "slug": page.slug, "intro": page.intro,
        "body-count": "1", "body-0-type": SUMMARY, "body-0-deleted": "", "body-0-order": "0", "body-0-id": "summary-1",
        "body-0-value-title": "", "body-0-value-village": village_field,
    }
    return client.post(f"/admin/pages/{page.pk}/edit/", data, HTTP_HOST="localhost")


def test_a_stored_code_shows_in_the_editor_as_the_village_it_names(editor_client, town, lianxi):
    html = editor_client.get(f"/admin/pages/{lianxi.pk}/edit/", HTTP_HOST="localhost").text
    beigou = town.villages.get(code="beigoucun")
    village = picked_village(html)
    assert village["id"] == beigou.pk and village["title"] == "北沟村"


def test_saving_the_page_untouched_keeps_the_pick(editor_client, town, lianxi):
    shown = picked_village(editor_client.get(f"/admin/pages/{lianxi.pk}/edit/", HTTP_HOST="localhost").text)
    response = save_draft(editor_client, lianxi, str(shown["id"]))
    assert response.status_code == 302, editor_arguments(response.text)[1]
    lianxi.refresh_from_db()
    stored = json.loads(lianxi.get_latest_revision().content["body"])
    assert stored[0]["value"]["village"] == town.villages.get(code="beigoucun").pk
    # And the editor opening the page again still sees 北沟村.
    assert picked_village(editor_client.get(f"/admin/pages/{lianxi.pk}/edit/", HTTP_HOST="localhost").text)["title"] == "北沟村"


def test_a_forged_pick_of_another_towns_village_is_refused_in_chinese(editor_client, town, other_town, lianxi):
    revisions = lianxi.revisions.count()
    foreign = other_town.villages.get(name="柳河村")
    response = save_draft(editor_client, lianxi, str(foreign.pk))
    assert response.status_code == 200
    assert "只能选择本镇的村。" in json.dumps(editor_arguments(response.text)[1], ensure_ascii=False)
    assert lianxi.revisions.count() == revisions
    lianxi.refresh_from_db()
    assert lianxi.body.raw_data[0]["value"]["village"] == "beigoucun"  # nothing saved over it
