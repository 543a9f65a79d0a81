"""A town editor starts a page from a layout: picks it on Wagtail's "add page" screen, finds its starting blocks in
the form, publishes, and villagers see the title where the layout puts it. A block copies to another page's draft."""

import json
import re
from html import unescape

import pytest
from wagtail import blocks as wagtail_blocks
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cunwu.layouts.models import NoticePage, ServiceGuidePage, TopicPage, VillageIntroPage
from cunwu.pages.blocks.content import RICH_TEXT_FEATURES
from cunwu.pages.models import SectionPage, VillagePage
from cunwu.towns.models import Role

LAYOUTS = {
    TopicPage: ("专题页", "秋收专题"),
    NoticePage: ("通知公告", "关于召开村务监督日会议的通知"),
    VillageIntroPage: ("村情介绍", "北沟村村情"),
    ServiceGuidePage: ("办事指南", "低保申请办事指南"),
}


def form_data(block, value, prefix):
    """What Wagtail's StreamField editor posts for `value`: the form fields an editor's browser sends."""
    if isinstance(block, wagtail_blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for number, child in enumerate(value):
            at = f"{prefix}-{number}"
            data.update({f"{at}-type": child.block_type, f"{at}-deleted": "", f"{at}-order": str(number), f"{at}-id": child.id or ""})
            data.update(form_data(child.block, child.value, f"{at}-value"))
        return data
    if isinstance(block, wagtail_blocks.ListBlock):
        items = list(value.bound_blocks)
        data = {f"{prefix}-count": str(len(items))}
        for number, item in enumerate(items):
            at = f"{prefix}-{number}"
            data.update({f"{at}-deleted": "", f"{at}-order": str(number), f"{at}-id": item.id or ""})
            data.update(form_data(block.child_block, item.value, f"{at}-value"))
        return data
    if isinstance(block, wagtail_blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(form_data(child, value.get(name), f"{prefix}-{name}"))
        return data
    if isinstance(block, wagtail_blocks.RichTextBlock):
        return {prefix: rich_text(value.source if value else "", features=RICH_TEXT_FEATURES)}
    if isinstance(block, wagtail_blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    if isinstance(block, wagtail_blocks.ChooserBlock):
        return {prefix: str(value.pk) if value else ""}
    return {prefix: "" if value is None else str(value)}


def body_editor_state(html):
    """The blocks Wagtail's StreamField editor shows when the form opens (read from its data, as JSON)."""

    def streams(node):
        if isinstance(node, list):
            if node and all(isinstance(item, dict) and {"type", "value", "id"} <= item.keys() for item in node):
                yield node
            for item in node:
                yield from streams(item)
        elif isinstance(node, dict):
            for item in node.values():
                yield from streams(item)

    for match in re.finditer(r'data-w-block-(?:data|arguments)-value="([^"]*)"', html):
        for stream in streams(json.loads(unescape(match.group(1)))):
            return stream
    raise AssertionError("no StreamField editor in the form")


def body_data(page):
    field = type(page)._meta.get_field("body")
    return form_data(field.stream_block, page.body, "body")


@pytest.fixture
def editor(town, make_user):
    return make_user("xihu-editor", town, Role.TOWN_EDITOR)


def service_section(town):
    return SectionPage.objects.descendant_of(town.root_page).get(section_key="service")


def add_url(model, parent):
    return f"/admin/pages/add/cunwu_layouts/{model._meta.model_name}/{parent.pk}/"


def publish_from_layout(client, model, parent, title, **fields):
    """The editor opens the layout's add form, keeps its starting blocks, fills in the title and publishes."""
    form = client.get(add_url(model, parent), HTTP_HOST="localhost")
    assert form.status_code == 200
    starting = model()  # what the form was filled with
    data = {
        **body_data(starting),
        **nested_form_data({"comments": inline_formset([])}),
        "title": title, "slug": "", "intro": "（本页导语）", "action-publish": "publish", **fields,
    }
    response = client.post(add_url(model, parent), data, HTTP_HOST="localhost")
    assert response.status_code == 302, response.context and response.context["form"].errors.as_data()
    return form, model.objects.get(title=title)


def test_the_add_page_screen_offers_the_layouts_in_chinese_with_descriptions(client, town, editor):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{service_section(town).pk}/add_subpage/", HTTP_HOST="localhost").text
    for model, (name, _title) in LAYOUTS.items():
        assert name in html
        description = str(model.page_description)
        assert name not in description
    # The descriptions are in Chinese, and none repeats its layout's name.
    assert "要带哪些材料" in html and "标题印在大图上" in html


@pytest.mark.parametrize("model", list(LAYOUTS))
def test_a_page_added_from_a_layout_starts_with_its_blocks_and_publishes(client, town, editor, model):
    client.force_login(editor)
    name, title = LAYOUTS[model]
    form, page = publish_from_layout(client, model, service_section(town), title)
    starting = [child.block_type for child in model().body]
    assert len(starting) >= 2
    editor_state = body_editor_state(form.text)  # the StreamField editor of the form starts with these blocks
    assert [block["type"] for block in editor_state] == starting
    first_text = next(child.value.source for child in model().body if child.block_type == "rich_text")
    shown = " ".join(line["text"] for block in editor_state if block["type"] == "rich_text" for line in json.loads(block["value"])["blocks"])
    assert re.sub(r"<[^>]+>", "", first_text)[:4] in shown
    assert page.live and [child.block_type for child in page.body] == starting
    public = client.get(page.url, HTTP_HOST="localhost")
    assert public.status_code == 200 and title in public.text


@pytest.mark.sqlite
def test_a_special_topics_title_is_on_its_banner_before_the_blocks(client, town):
    section = service_section(town)
    topic = section.add_child(instance=TopicPage(title="秋收专题", slug="qiushou", intro="丰收节活动安排"))
    topic.save_revision().publish()
    html = client.get(topic.url, HTTP_HOST="localhost").text
    main = html[html.index('<main'):]
    banner = re.search(r'<header class="hero topic-banner".*?</header>', main, re.S).group(0)
    assert "秋收专题" in banner and "丰收节活动安排" in banner
    assert main.index("topic-banner") < main.index("专题简介")  # the banner first, the starting blocks after
    assert 'class="page-title"' not in main  # no title forced above the banner


@pytest.mark.sqlite
def test_a_notice_shows_who_issued_it_and_when(client, town):
    notice = service_section(town).add_child(instance=NoticePage(title="停水通知", slug="tingshui", issuer="西湖镇人民政府办公室", date="2026-11-30"))
    notice.save_revision().publish()
    html = client.get(notice.url, HTTP_HOST="localhost").text
    assert html.index("停水通知") < html.index("西湖镇人民政府办公室") < html.index("2026-11-30") < html.index("特此通知")


@pytest.mark.sqlite
def test_a_village_introduction_lives_under_the_village_page(client, town):
    village_page = VillagePage.objects.get(village__town=town, village__name="北沟村")
    assert VillageIntroPage in village_page.specific_class.allowed_subpage_models()
    intro = village_page.add_child(instance=VillageIntroPage(title="北沟村村情", slug="cunqing"))
    intro.save_revision().publish()
    response = client.get(intro.url, HTTP_HOST="localhost")
    assert response.status_code == 200 and "村庄概况" in response.text


def test_layouts_stay_inside_a_towns_tree(town):
    root = Page.get_first_root_node()
    for model in LAYOUTS:
        assert not model.can_create_at(root)


def test_layout_pages_are_found_by_the_town_search(client, town):
    page = service_section(town).add_child(instance=ServiceGuidePage(title="新农合参保", slug="xinnonghe", intro="每年九月至十二月缴费"))
    page.save_revision().publish()
    response = client.get("/search/", {"q": "新农合参保"}, HTTP_HOST="localhost")
    assert response.status_code == 200 and "新农合参保" in response.text


def test_a_topic_page_at_phone_width_has_no_sideways_scroll(live_server, transactional_db, phone, settings):
    from cunwu.plugins.testing import make_town

    town = make_town("西湖镇", "localhost", ("北沟村",), is_default=True, slug="xihu")
    section = service_section(town)
    topic = section.add_child(instance=TopicPage(title="二〇二六年秋收丰收节专题活动安排", slug="qiushou", intro="丰收节活动安排和报名方式"))
    topic.save_revision().publish()
    phone.goto(f"{live_server.url}{topic.url}")
    assert phone.locator(".topic-banner h1").inner_text() == "二〇二六年秋收丰收节专题活动安排"
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    banner_top = phone.locator(".topic-banner").bounding_box()["y"]
    assert banner_top < phone.locator(".rich-text, .block-rich_text, main h2").first.bounding_box()["y"]
    phone.screenshot(path="var/layouts-topic-360.png", full_page=True)


def offered_page_types(html):
    """(name, description) of each page type the "add page" screen offers, as the editor reads them."""
    listing = html[html.index('<ul class="listing">'):]
    listing = listing[:listing.index("</ul>")]
    offered = []
    for item in re.findall(r'<div class="w-ml-2">(.*?)</div>\s*</a>', listing, re.S):
        name = re.sub(r"<[^>]+>.*", "", item, flags=re.S).strip()
        small = re.search(r"<small>(.*?)</small>", item, re.S)
        offered.append((unescape(name), unescape(small.group(1).strip()) if small else ""))
    return offered


@pytest.mark.parametrize("parent", ["home", "section"])
def test_every_page_type_offered_says_what_it_is_for_beyond_its_name(client, town, editor, enable_plugin, parent):
    for label in ("livestream", "appeals"):
        enable_plugin(town, label)
    client.force_login(editor)
    page = town.root_page if parent == "home" else service_section(town)
    offered = offered_page_types(client.get(f"/admin/pages/{page.pk}/add_subpage/", HTTP_HOST="localhost").text)
    names = {name for name, _description in offered}
    assert {"栏目", "文章或公告", "直播日程", "诉求表单页"} <= names
    for name, description in offered:
        assert description and description != name and name not in description, (name, description)
