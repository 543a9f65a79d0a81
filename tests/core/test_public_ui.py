"""What a villager or an editor notices on the core's public pages: the village code downloads as real images,
every village's sign prints at once on its own A4 page, notices carry their own date newest first, and a missing
or failing page is still the town's own, in Chinese (or English when chosen)."""

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urljoin

import pytest
from django.utils import timezone
from PIL import Image

from cunwu.pages.models import ArticlePage, SectionPage, VillageIndexPage, VillagePage

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"[^>]*>(.*?)</a>', re.S)


def links(response):
    """{visible text: href} of the page's links (tags stripped from the text)."""
    return {re.sub(r"<[^>]+>|\s+", "", text): href.replace("&amp;", "&") for href, text in HREF.findall(response.text)}


def follow(client, response, text):
    """Follows the link whose visible text is `text`, as a visitor taps it."""
    found = links(response)
    assert text in found, f"no link {text!r} on {response.request['PATH_INFO']}: {sorted(found)}"
    return client.get(urljoin(response.request["PATH_INFO"], found[text]), HTTP_HOST="localhost")


def village_page_from_home(client):
    home = client.get("/", HTTP_HOST="localhost")
    index = follow(client, home, "各村")
    assert index.status_code == 200
    return index, follow(client, index, "北沟村")


@pytest.mark.sqlite
def test_the_village_code_downloads_as_an_svg_image_and_a_png(client, town):
    _index, village = village_page_from_home(client)
    assert village.status_code == 200
    found = links(village)
    code = town.villages.get(name="北沟村").code

    svg = client.get(found["二维码（SVG）"], HTTP_HOST="localhost")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert svg["Content-Disposition"] == f'attachment; filename="{code}-qr.svg"'
    root = ET.fromstring(svg.content)  # a standalone SVG document: the namespace makes viewers draw it
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}title").text == "北沟村"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None

    png = client.get(found["二维码（PNG）"], HTTP_HOST="localhost")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png["Content-Disposition"] == f'attachment; filename="{code}-qr.png"'
    image = Image.open(io.BytesIO(png.content))
    assert image.format == "PNG" and image.width == image.height >= 250  # 10 px a module: prints sharp


@pytest.mark.sqlite
def test_one_print_page_holds_every_villages_sign(client, town):
    index, _village = village_page_from_home(client)
    signs = follow(client, index, "打印全部村的公示牌")
    assert signs.status_code == 200
    html = signs.text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    names = re.findall(r'<h1 class="sign__title">(.*?)</h1>', html)
    assert names == ["北沟村", "向阳村", "中沟村"]
    assert html.count('<section class="sign"') == 3 and html.count("<svg") == 3
    # Each code opens its own village's page.
    for village in VillagePage.objects.child_of(VillageIndexPage.objects.get()):
        assert f"aria-label=\"{village.village.name}\"" in html


@pytest.mark.sqlite
def test_a_single_village_sign_fits_a_phone_and_names_its_village(client, town):
    _index, village = village_page_from_home(client)
    sign = follow(client, village, "打印A4公示牌")
    assert sign.status_code == 200
    assert 'name="viewport"' in sign.text
    assert re.findall(r'<h1 class="sign__title">(.*?)</h1>', sign.text) == ["北沟村"]


@pytest.mark.sqlite
def test_signs_print_one_a4_page_per_village(live_server, transactional_db, browser):
    from cunwu.plugins.testing import make_town

    made = make_town("西湖镇", "localhost", ("北沟村", "向阳村", "中沟村", "东岗村"), is_default=True, slug="xihu")
    index = VillageIndexPage.objects.descendant_of(made.root_page).get()
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{index.url}")
        page.click("text=打印全部村的公示牌")
        page.wait_for_selector(".sign")
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        context.close()
    # One page object per sign: nothing spills onto a second sheet, nothing shares one.
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 4


def admin_menu(response):
    """{label: url} of the admin's main menu, which Wagtail sends as JSON for its sidebar."""
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', response.text, re.S)
    items = {}

    def walk(node):
        if isinstance(node, dict):
            if "label" in node and "url" in node:
                items[node["label"]] = node["url"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return items


def test_staff_reach_the_print_page_from_the_admin(client, town, make_user):
    editor = make_user("xihu-editor", town=town, role="town_editor")
    client.force_login(editor)
    admin = client.get("/admin/", HTTP_HOST="localhost")
    assert admin.status_code == 200
    url = admin_menu(admin).get("打印村公示牌")
    assert url, f"no menu item to print the signs: {sorted(admin_menu(admin))}"
    response = client.get(url, HTTP_HOST="localhost")
    index = VillageIndexPage.objects.descendant_of(town.root_page).get()
    assert response.status_code == 302
    assert response["Location"] == f"http://localhost{index.url}signs/"
    assert client.get(f"{index.url}signs/", HTTP_HOST="localhost").text.count('<section class="sign"') == 3


def test_the_admin_link_is_not_shown_to_a_user_of_no_town(client, town, make_user):
    stranger = make_user("stranger", is_staff=True)
    from django.contrib.auth.models import Permission

    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    admin = client.get("/admin/", HTTP_HOST="localhost")
    assert admin.status_code == 200 and "打印村公示牌" not in admin_menu(admin)


def publish_notice(section, title, date=None, published=None):
    notice = ArticlePage(title=title, date=date)
    section.add_child(instance=notice)
    notice.save_revision().publish()
    if published is not None:
        ArticlePage.objects.filter(pk=notice.pk).update(first_published_at=published)
    return notice


@pytest.fixture
def notices(town):
    """Published in the order 秋收, 冬季, 春耕, but dated so that newest first reads 冬季, 春耕, 秋收."""
    section = SectionPage.objects.descendant_of(town.root_page).get(section_key="disclosure")
    today = timezone.localdate()
    now = timezone.now()
    autumn = publish_notice(section, "秋收补贴公示", date=today - timedelta(days=400), published=now - timedelta(days=3))
    winter = publish_notice(section, "冬季防火通知", published=now - timedelta(days=2))  # undated: its publication
    spring = publish_notice(section, "春耕生产安排", date=today - timedelta(days=30), published=now - timedelta(days=1))
    return section, [winter, spring, autumn]


def order_in(text, notices):
    positions = [text.find(notice.title) for notice in notices]
    assert -1 not in positions, positions
    return positions == sorted(positions)


@pytest.mark.sqlite
def test_the_home_page_lists_notices_newest_first_by_their_own_date(client, notices):
    _section, newest_first = notices
    home = client.get("/", HTTP_HOST="localhost").text
    assert order_in(home, newest_first), "the home page's notice list is not newest first by the notices' dates"
    spring = newest_first[1]
    assert f'<time datetime="{spring.date:%Y-%m-%d}">' in home


@pytest.mark.sqlite
def test_a_notice_shows_its_own_date_else_its_publication(client, notices):
    _section, (winter, spring, autumn) = notices
    assert f">{autumn.date:%Y-%m-%d}</time>" in client.get(autumn.url, HTTP_HOST="localhost").text
    published = timezone.localtime(ArticlePage.objects.get(pk=winter.pk).first_published_at).date()
    assert f">{published:%Y-%m-%d}</time>" in client.get(winter.url, HTTP_HOST="localhost").text


@pytest.mark.sqlite
def test_the_section_lists_its_notices_newest_first_by_their_own_date(client, notices):
    section, newest_first = notices
    text = client.get(section.url, HTTP_HOST="localhost").text
    listing = text[text.find('<ul class="link-list section-children">'):]
    assert order_in(listing, newest_first), "the section's list of notices is not newest first by their dates"
    assert f">{newest_first[2].date:%Y-%m-%d}</time>" in listing


@pytest.mark.sqlite
def test_a_missing_page_is_the_towns_own_in_chinese(client, town):
    response = client.get("/no-such-page/", HTTP_HOST="localhost")
    assert response.status_code == 404
    text = response.text
    assert "页面不存在" in text and "西湖镇" in text
    assert 'href="/cunwu-gongkai/">村务公开</a>' in text  # the town's menu
    assert 'role="search"' in text
    assert 'lang="zh-hans"' in text


@pytest.mark.sqlite
def test_a_missing_page_is_in_english_when_the_visitor_chose_english(client, town, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/no-such-page/", HTTP_HOST="localhost")
    assert response.status_code == 404
    assert "Page not found" in response.text and "页面不存在" not in response.text
    assert "西湖镇" in response.text


@pytest.mark.sqlite
@pytest.mark.parametrize("language, expected, absent", [("zh-hans", "网站暂时出了问题", "having a problem"), ("en", "having a problem", "网站暂时出了问题")])
def test_a_server_error_page_renders_without_the_database(client, town, settings, django_db_blocker, language, expected, absent):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.raise_request_exception = False
    with django_db_blocker.block():  # the database is down: even finding the town fails
        response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 500
    assert expected in response.text and absent not in response.text
    assert 'name="viewport"' in response.text and 'href="/"' in response.text


@pytest.mark.sqlite
def test_a_server_error_on_a_town_page_names_the_town(client, town, monkeypatch):
    from cunwu.pages.models import HomePage

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 500
    assert "网站暂时出了问题" in response.text and "西湖镇" in response.text
