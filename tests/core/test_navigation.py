"""A town's editors set its menu and footer in the admin; villagers see it at once; no other town's editor can."""

from html.parser import HTMLParser

import pytest

from cunwu.navigation.models import MenuItem, TownNavigation
from cunwu.pages.models import SectionPage
from cunwu.towns.models import Role

EDIT = "/admin/navigation/"


class FormFields(HTMLParser):
    """What a browser would post from the page's main form: every named input, select and textarea."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.data[name] = attrs.get("value") or "on"
            else:
                self.data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_of(response):
    parser = FormFields()
    parser.feed(response.content.decode())
    return {name: value for name, value in parser.data.items() if "__prefix__" not in name}


def menu(client, host="localhost"):
    """(label, href) of the public header menu."""
    html = client.get("/", HTTP_HOST=host).content.decode()
    nav = html[html.index('class="site-nav"'):html.index("</nav>")]
    import re

    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav)


def footer(client, host="localhost"):
    html = client.get("/", HTTP_HOST=host).content.decode()
    return html[html.index('<footer class="site-footer">'):html.index("</footer>")]


def items(data, prefix="menu_items"):
    count = int(data[f"{prefix}-TOTAL_FORMS"])
    return [{key[len(f"{prefix}-{i}-"):]: value for key, value in data.items() if key.startswith(f"{prefix}-{i}-")}
            for i in range(count)]


def with_items(data, rows, prefix="menu_items"):
    """`data` with the inline rows replaced by `rows` (dicts of page/url/label/hidden/id), in this order unless
    a row says its ORDER."""
    data = {key: value for key, value in data.items() if not key.startswith(f"{prefix}-")}
    data.update({f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(sum(1 for r in rows if r.get("id"))),
                 f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    for index, row in enumerate(rows):
        for key, value in row.items():
            if value not in (None, False):
                data[f"{prefix}-{index}-{key}"] = value
        data.setdefault(f"{prefix}-{index}-ORDER", str(index + 1))
    return data


def refused(response):
    """Wagtail answers a screen the user may not open by sending them to the dashboard with an error."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def editor(client, town, make_user):
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    return client


def section(town, slug):
    return SectionPage.objects.child_of(town.root_page).get(slug=slug)


@pytest.mark.sqlite
def test_without_a_saved_menu_the_menu_is_the_towns_sections(client, town):
    assert menu(client) == [("/cunwu-gongkai/", "村务公开"), ("/quanli-qingdan/", "小微权力清单"), ("/wo-yao-ban/", "我要办"),
                            ("/zhibo/", "直播"), ("/lianxi/", "联系我们"), ("/villages/", "各村")]
    assert not TownNavigation.objects.exists()
    assert "西湖镇" in footer(client)


@pytest.mark.sqlite
def test_an_editor_reorders_renames_hides_and_adds_menu_items_and_villagers_see_it_at_once(editor, client, town):
    before = menu(client)
    page = editor.get(EDIT, HTTP_HOST="localhost")
    assert page.status_code == 200 and "菜单和页脚" in page.text and "西湖镇" in page.text
    data = form_of(page)
    rows = items(data)
    # The screen starts from the menu the town shows today.
    assert [int(row["page"]) for row in rows] == [page.pk for page in town.root_page.get_children().in_menu()]
    assert len(rows) == len(before) == 6
    contact, disclosure = section(town, "lianxi"), section(town, "cunwu-gongkai")
    service = section(town, "wo-yao-ban")
    new_rows = [
        {"page": str(contact.pk), "label": "找我们"},
        {"page": str(disclosure.pk)},
        {"page": str(service.pk), "hidden": "on"},
        {"url": "https://www.12388.gov.cn/", "label": "举报网站"},
    ]
    response = editor.post(EDIT, with_items(data, new_rows), HTTP_HOST="localhost")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert menu(client) == [("/lianxi/", "找我们"), ("/cunwu-gongkai/", "村务公开"), ("https://www.12388.gov.cn/", "举报网站")]

    # Saved rows come back in the same order, and moving one up is one more save.
    data = form_of(editor.get(EDIT, HTTP_HOST="localhost"))
    rows = items(data)
    assert [row.get("label") for row in rows] == ["找我们", "", "", "举报网站"]
    rows[0]["ORDER"], rows[1]["ORDER"] = "2", "1"  # as the 上移 button does: the rows stay, their order numbers swap
    assert editor.post(EDIT, with_items(data, rows), HTTP_HOST="localhost").status_code == 302
    assert [label for _href, label in menu(client)] == ["村务公开", "找我们", "举报网站"]


@pytest.mark.sqlite
def test_an_external_link_needs_a_label_and_a_page_must_be_of_the_town(editor, client, town, other_town):
    data = form_of(editor.get(EDIT, HTTP_HOST="localhost"))
    response = editor.post(EDIT, with_items(data, [{"url": "https://example.cn/"}]), HTTP_HOST="localhost")
    assert response.status_code == 200 and "链接到其他网站时需要填写名称" in response.text
    theirs = section(other_town, "cunwu-gongkai")
    response = editor.post(EDIT, with_items(data, [{"page": str(theirs.pk)}]), HTTP_HOST="localhost")
    assert response.status_code == 200 and "请选择本镇的页面" in response.text
    assert not TownNavigation.objects.filter(town=town).exists()
    assert ("/cunwu-gongkai/", "村务公开") in menu(client)


@pytest.mark.sqlite
def test_the_footer_shows_the_lines_links_and_hotline_the_editor_set(editor, client, town):
    data = form_of(editor.get(EDIT, HTTP_HOST="localhost"))
    data["hotline"] = "0571-12388"
    data = with_items(data, [
        {"text": "地址：西湖镇人民路1号"},
        {"text": "办公时间：周一至周五 8:30–17:30"},
        {"text": "联系我们", "page": str(section(town, "lianxi").pk)},
    ], prefix="footer_lines")
    assert editor.post(EDIT, data, HTTP_HOST="localhost").status_code == 302
    text = footer(client)
    assert "地址：西湖镇人民路1号" in text and "办公时间：周一至周五 8:30–17:30" in text
    assert '<a href="/lianxi/">联系我们</a>' in text
    assert "监督电话" in text and 'href="tel:0571-12388"' in text
    # The menu was not touched: it is still the town's sections.
    assert ("/cunwu-gongkai/", "村务公开") in menu(client)


def admin_menu_labels(client):
    import json
    import re

    response = client.get("/admin/", HTTP_HOST="localhost")
    found = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', response.content.decode(), re.S)
    return json.dumps(json.loads(found.group(1)), ensure_ascii=False) if found else response.content.decode()


def test_the_screen_is_in_the_admin_menu_of_town_editors_only(client, town, make_user):
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    assert "菜单和页脚" in admin_menu_labels(client)
    client.force_login(make_user("beigou-editor", town, Role.VILLAGE_EDITOR, village=town.villages.first()))
    assert "菜单和页脚" not in admin_menu_labels(client)
    assert refused(client.get(EDIT, HTTP_HOST="localhost"))


def test_another_towns_editor_can_neither_see_nor_change_the_menu(client, town, other_town, make_user):
    navigation = TownNavigation.objects.create(town=town, hotline="0571-12388")
    MenuItem.objects.create(navigation=navigation, page=section(town, "lianxi"), label="找我们")
    client.force_login(make_user("liuhe-editor", other_town, Role.TOWN_EDITOR))
    for host in ("liuhe.localhost", "localhost"):
        assert refused(client.get(f"/admin/navigation/{town.pk}/", HTTP_HOST=host))
        assert refused(client.post(f"/admin/navigation/{town.pk}/", {"hotline": "110"}, HTTP_HOST=host))
    # Their own screen is their own town's and shows nothing of 西湖镇's.
    own = client.get(EDIT, HTTP_HOST="liuhe.localhost")
    assert own.status_code == 200 and "柳河镇" in own.text and "0571-12388" not in own.text and "找我们" not in own.text
    assert TownNavigation.objects.get(town=town).hotline == "0571-12388"
    # What they save is 柳河镇's menu alone.
    data = with_items(form_of(own), [{"page": str(section(other_town, "lianxi").pk), "label": "柳河联系"}])
    assert client.post(EDIT, data, HTTP_HOST="liuhe.localhost").status_code == 302
    assert ("/lianxi/", "柳河联系") in menu(client, "liuhe.localhost")
    assert ("/lianxi/", "找我们") in menu(client) and ("/lianxi/", "柳河联系") not in menu(client)


@pytest.mark.sqlite
def test_a_saved_menu_item_of_a_switched_off_plugin_goes_and_comes_back_with_it(client, town, enable_plugin):
    enable_plugin(town, "livestream")
    navigation = TownNavigation.objects.create(town=town)
    MenuItem.objects.create(navigation=navigation, page=section(town, "zhibo"), label="看直播", sort_order=0)
    MenuItem.objects.create(navigation=navigation, page=section(town, "lianxi"), sort_order=1)
    assert menu(client) == [("/zhibo/", "看直播"), ("/lianxi/", "联系我们")]
    enable_plugin(town, "livestream", False)
    assert menu(client) == [("/lianxi/", "联系我们")]
    assert client.get("/zhibo/", HTTP_HOST="localhost").status_code == 404
    enable_plugin(town, "livestream")
    assert menu(client) == [("/zhibo/", "看直播"), ("/lianxi/", "联系我们")]
    assert client.get("/zhibo/", HTTP_HOST="localhost").status_code == 200


@pytest.mark.sqlite
def test_a_quick_link_to_a_switched_off_section_disappears(client, town, enable_plugin):
    import json

    enable_plugin(town, "appeals")
    home = town.root_page.specific
    link = {"label": "我要办", "page": section(town, "wo-yao-ban").pk, "url": ""}
    home.body = json.dumps([{"type": "quick_links", "value": {"title": "快捷入口", "columns": "3",
                                                                "links": [{"icon": "apply", "link": link}]}}])
    home.save_revision().publish()
    assert 'href="/wo-yao-ban/"' in client.get("/", HTTP_HOST="localhost").content.decode()
    enable_plugin(town, "appeals", False)
    assert 'href="/wo-yao-ban/"' not in client.get("/", HTTP_HOST="localhost").content.decode()
