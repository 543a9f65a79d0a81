"""The appeals plugin in a town's own pages: a new town takes an appeal at once, reached by links from its home page;
the form offers only the categories of the chosen kind; the wall, the village hub and search show masked entries."""

from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from appeals.models import Case, Category, State
from appeals.workflow import transition

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

HOST = "qingshan.localhost"


class Page(HTMLParser):
    """Links (href, text) and the options of the category select, as a villager's browser sees them."""

    def __init__(self, html):
        super().__init__()
        self.links, self.options, self.page_type = [], [], None
        self._href = self._option = None
        self._text = []
        self._in_category = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self._href, self._text = attrs["href"], []
        elif tag == "select":
            self._in_category = attrs.get("name") == "category"
        elif tag == "option" and self._in_category and attrs.get("value"):
            self._option, self._text = attrs, []
        elif tag == "body":
            self.page_type = attrs.get("data-page-type")

    def handle_data(self, data):
        self._text.append(data)

    def handle_endtag(self, tag):
        text = "".join(self._text).strip()
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join(text.split())))
            self._href = None
        elif tag == "option" and self._option is not None:
            self.options.append((self._option["value"], text, "selected" in self._option))
            self._option = None
        elif tag == "select":
            self._in_category = False

    def link(self, containing):
        found = [href for href, text in self.links if containing in text]
        assert found, f"no link with “{containing}” among {self.links}"
        return found[0]


def get(client, url, host=HOST):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    return Page(response.content.decode())


@pytest.fixture
def new_town(wagtail_locale):
    from cunwu.plugins.testing import ensure_wagtail_roots
    from cunwu.towns.models import Town

    ensure_wagtail_roots()
    call_command("create_town", "--name", "青山镇", "--hostname", HOST, "--village", "东山村", "--village", "西山村")
    return Town.objects.get(site__hostname=HOST)


def test_a_town_made_by_create_town_takes_an_appeal_reached_by_links_from_its_home_page(client, new_town):
    home = get(client, "/")
    service = get(client, home.link("我要办"))
    assert service.page_type == "cunwu_pages.sectionpage"
    for kind in ("办事申请", "咨询", "投诉举报"):
        service.link(kind)
    assert get(client, service.link("打开进度查询页面")).page_type == "appeals.lookup"
    service.link("查看全部案例")

    form_url = service.link("办事申请")
    form = get(client, form_url)
    assert form.page_type == "appeals.form"
    # only the seeded categories that take applications, each saying which kinds it takes
    labels = [text for _value, text, _selected in form.options]
    assert labels and all("办事申请" in label for label in labels)
    assert "工程项目（投诉举报）" not in labels and "低保救助（办事申请、咨询）" in labels
    category = next(value for value, text, _selected in form.options if text.startswith("低保救助"))

    village = new_town.villages.get(name="东山村")
    response = client.post(form_url, {
        "kind": "application", "village": village.pk, "category": category, "content": "申请低保",
        "name": "赵大山", "phone": "13912345678",
    }, HTTP_HOST=HOST)
    assert response.status_code == 302
    tracking = client.get(response["Location"], HTTP_HOST=HOST)
    case = Case.objects.get(town=new_town)
    assert tracking.status_code == 200 and case.number in tracking.content.decode()
    assert Page(tracking.content.decode()).page_type == "appeals.case"
    assert case.level == "yellow" and case.deadlines.filter(fired_at=None, cancelled_at=None).count() == 3


def test_form_offers_the_categories_of_the_chosen_kind_without_javascript_and_refuses_a_mismatch(client, appeals_town):
    everything = get(client, "/p/appeals/submit/", "localhost")
    assert [text for _v, text, _s in everything.options] == ["低保救助（办事申请、咨询）", "村务公开（咨询、投诉举报）"]
    reports = get(client, "/p/appeals/submit/?kind=report", "localhost")
    assert [text for _v, text, _s in reports.options] == ["村务公开（咨询、投诉举报）"]
    # without the script: choose a kind, press the button, and the list is narrowed by the server
    shown = client.post("/p/appeals/submit/", {"kind": "application", "show_fields": "kind"}, HTTP_HOST="localhost")
    assert shown.status_code == 200
    assert [text for _v, text, _s in Page(shown.content.decode()).options] == ["低保救助（办事申请、咨询）"]
    assert 'data-categories="' in shown.content.decode()

    dibao = Category.objects.get(town=appeals_town, name="低保救助")
    refused = client.post("/p/appeals/submit/", {
        "kind": "report", "village": appeals_town.villages.first().pk, "category": dibao.pk, "content": "举报",
        "anonymous": "on",
    }, HTTP_HOST="localhost")
    assert refused.status_code == 400
    assert "“低保救助”只受理：办事申请、咨询" in refused.content.decode()
    assert Case.objects.count() == 0


def published_case(new_case, make_user, town, **overrides):
    from cunwu.towns.models import Role

    handler = make_user("handler", town, Role.VILLAGE_STAFF, town.villages.get(name="北沟村"))
    case = new_case(**overrides)
    for state, note in [(State.ACCEPTED, ""), (State.IN_PROGRESS, ""), (State.RESOLVED, "已为张三明办理，联系电话13812345678")]:
        case = transition(case, state, handler, note)
    return case, handler


def test_published_cases_reach_the_wall_block_entry_page_village_hub_and_search_masked(
    client, appeals_town, new_case, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    from appeals.search import documents
    from cunwu.plugins import api

    case, handler = published_case(new_case, make_user, appeals_town)
    reindexed = []
    monkeypatch.setattr(api, "reindex_search", lambda town, label: reindexed.append((town.pk, label)))
    client.force_login(handler)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/appeals/case/{case.pk}/", {"action": "publish"}).status_code == 302
    assert reindexed == [(appeals_town.pk, "appeals")]
    client.logout()

    wall = get(client, "/p/appeals/wall/", "localhost")
    assert wall.page_type == "appeals.wall"
    entry_url = wall.link("北沟村 · 低保救助")
    entry = client.get(entry_url, HTTP_HOST="localhost").content.decode()
    assert Page(entry).page_type == "appeals.wall_entry"
    assert "张*明" in entry and "张三明" not in entry and "138****5678" in entry and case.number not in entry

    hub = client.get("/villages/beigoucun/", HTTP_HOST="localhost", follow=True).content.decode()
    hub_page = Page(hub)
    assert entry_url in [href for href, _text in hub_page.links]
    raise_link = hub_page.link("为北沟村反映诉求")
    preselected = client.get(raise_link, HTTP_HOST="localhost").content.decode()
    village = appeals_town.villages.get(name="北沟村")
    assert f'<option value="{village.pk}" selected>' in preselected

    (doc,) = documents(appeals_town)
    assert doc.url == entry_url and "张三明" not in doc.text and "13812345678" not in doc.text
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(handler)
        assert client.post(f"/admin/appeals/case/{case.pk}/", {"action": "unpublish"}).status_code == 302
    assert len(reindexed) == 2 and list(documents(appeals_town)) == []
    assert client.get(entry_url, HTTP_HOST="localhost").status_code == 404


def test_switching_the_plugin_on_again_seeds_nothing_twice_and_keeps_the_editors_changes(new_town):
    from cunwu.workcal.models import CalendarDay
    from cunwu.plugins.switch import set_plugin_enabled

    seeded = dict(Category.objects.filter(town=new_town).values_list("name", "default_level"))
    assert seeded == {"低保救助": "yellow", "宅基地审批": "yellow", "惠农补贴": "green", "村务公开": "yellow", "工程项目": "red"}
    days = CalendarDay.objects.filter(town=new_town).count()
    Category.objects.get(town=new_town, name="工程项目").delete()  # an editor's choice
    set_plugin_enabled(new_town, "appeals", False)
    set_plugin_enabled(new_town, "appeals", True)
    assert Category.objects.filter(town=new_town).count() == 4
    assert CalendarDay.objects.filter(town=new_town).count() == days
