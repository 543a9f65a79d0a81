"""The block picker shows every core block as it will look, with a Chinese description a civil servant understands;
the table block is a real table; quick-link icons suit their links."""

import json
import re
from html import unescape

import pytest
from django.utils import translation

from cunwu.pages.blocks import core_blocks
from cunwu.pages.blocks.dynamic import icon_for
from cunwu.pages.models import SectionPage
from cunwu.towns.models import Role

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def editor(client, town, make_user):
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    return client


@pytest.mark.parametrize("name", [name for name, _block in core_blocks()])
def test_every_core_block_has_a_preview_in_the_picker(editor, name):
    block = dict(core_blocks())[name]
    with translation.override("zh-hans"):
        assert block.is_previewable, name
        description = str(block.meta.description)
        assert CHINESE.search(description) and len(description) >= 12, (name, description)
    # the picker asks the admin for the preview of the body's own block of that name
    body = SectionPage._meta.get_field("body").stream_block
    response = editor.get("/admin/block-preview/", {"id": body.child_blocks[name].definition_prefix})
    assert response.status_code == 200, name
    html = response.content.decode()
    main = html[html.index("<main>"):html.index("</main>")]
    assert CHINESE.search(re.sub(r"<[^>]+>", "", main)) or "<svg" in main or "<img" in main, (name, main)
    assert "Traceback" not in html


def test_previews_stand_in_for_pictures_and_files(editor):
    body = SectionPage._meta.get_field("body").stream_block
    for name, marker in [("image", "sample-photo.svg"), ("gallery", "sample-photo.svg"), ("documents", "村规民约"),
                         ("qr_code", "<svg")]:
        html = editor.get("/admin/block-preview/", {"id": body.child_blocks[name].definition_prefix}).content.decode()
        assert marker in html, name


def test_the_reusable_content_preview_is_a_sample_box_and_its_help_is_for_a_civil_servant(editor, town):
    body = SectionPage._meta.get_field("body").stream_block
    html = editor.get("/admin/block-preview/", {"id": body.child_blocks["reusable"].definition_prefix}).content.decode()
    main = html[html.index("<main>"):html.index("</main>")]
    assert "如何反映问题" in main and "0937-5521234" in main  # the box and its contact card, as a page shows them
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    form = editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    definitions = json.dumps(json.loads(unescape(re.search(r'data-w-block-data-value="([^"]*)"', form).group(1))),
                             ensure_ascii=False)
    assert "要修改其中的文字，请到那里编辑" in definitions  # the help under the chooser, in the page editor


def publish_table(town, table):
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    page.body = json.dumps([{"type": "table", "value": {"title": "种粮补贴", "table": table}}], ensure_ascii=False)
    page.save_revision().publish()
    return page


@pytest.mark.sqlite
def test_the_table_block_is_a_table_with_its_cells_not_its_stored_data(client, town):
    page = publish_table(town, {
        "data": [["品种", "面积", "补贴"], ["小麦", "120", "9600"], ["玉米", None, "6400"]],
        "table_header_choice": "both", "first_row_is_table_header": True, "first_col_is_header": True,
        "table_caption": "2026年种粮补贴",
    })
    text = client.get(page.url, HTTP_HOST="localhost").text
    assert "{&#x27;data&#x27;" not in text and "'data'" not in text and "table_header_choice" not in text
    table = text[text.index("<table"):text.index("</table>")]
    assert '<th scope="col"' in table and "品种" in table
    assert re.search(r'<th scope="row"\s*>小麦</th>', table)
    assert re.search(r"<td\s*>9600</td>", table)
    assert "<caption>2026年种粮补贴</caption>" in table
    assert 'class="table-scroll" role="region" tabindex="0" aria-label="种粮补贴"' in text
    assert "None" not in table


@pytest.mark.sqlite
def test_a_table_stored_before_the_header_choice_still_renders(client, town):
    """Values saved by Wagtail before 6.0 (and by this site's demo) have only the two header flags."""
    page = publish_table(town, {"data": [["项目", "金额"], ["办公费", 10]], "first_row_is_table_header": True,
                                "first_col_is_header": False})
    table = client.get(page.url, HTTP_HOST="localhost").text
    table = table[table.index("<table"):table.index("</table>")]
    assert '<th scope="col"' in table and "项目" in table and re.search(r"<td\s*>10</td>", table)
    assert 'scope="row"' not in table


def test_the_spreadsheet_widget_speaks_chinese(town):
    from cunwu.pages.blocks.content import TableBlock

    with translation.override("zh-hans"):
        widget = TableBlock().child_blocks["table"].field.widget
        options = widget.table_options
        assert options["language"] == "zh-CN"
        names = [item["name"] for item in options["contextMenu"]["items"].values() if isinstance(item, dict)]
        assert "在上方插入一行" in names and "删除这一列" in names and "撤销" in names
        assert "cunwu/js/table_zh.js" in str(widget.media)
        assert CHINESE.search(str(TableBlock().child_blocks["table"].field.help_text))


def test_quick_link_icons_follow_their_links_unless_chosen(client, town):
    assert [icon_for(text) for text in ["财务公开", "权力清单", "我要投诉", "直播回放", "联系我们", "各村", "我要办"]] == [
        "finance", "list", "report", "live", "phone", "village", "apply"]
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    links = [{"icon": "", "link": {"label": label, "page": None, "url": "https://example.cn/"}} for label in ("财务公开", "进度查询")]
    links.append({"icon": "people", "link": {"label": "财务人员", "page": None, "url": "https://example.cn/"}})
    page.body = json.dumps([{"type": "quick_links", "value": {"title": "", "columns": "3", "links": links}}], ensure_ascii=False)
    page.save_revision().publish()
    text = client.get(page.url, HTTP_HOST="localhost").text
    icons = re.findall(r"cunwu/icons/(\w+)\.\w*\.?svg", text) or re.findall(r"cunwu/icons/(\w+)", text)
    assert icons == ["finance", "search", "people"]


def test_the_icon_select_shows_each_icon_and_offers_automatic(town):
    from cunwu.pages.blocks.dynamic import QuickLinkBlock

    with translation.override("zh-hans"):
        labels = [str(label) for _value, label in QuickLinkBlock().child_blocks["icon"].field.choices]
    assert any(label.startswith("自动") for label in labels)
    assert "财 · 财务" in labels and "告 · 公告" in labels


def test_a_wide_table_scrolls_inside_itself_on_a_360px_phone(live_server, transactional_db, phone):
    """The page never scrolls sideways; the table does, inside its box. Screenshot: var/screenshots/table-360.png."""
    from pathlib import Path

    from cunwu.plugins.testing import ensure_wagtail_roots, make_town

    ensure_wagtail_roots()
    town = make_town("西湖镇", "localhost", ("北沟村",), is_default=True, slug="xihu")
    header = ["户主", "村民小组", "承包面积（亩）", "小麦补贴（元）", "玉米补贴（元）", "耕地地力保护补贴（元）", "合计（元）"]
    rows = [[f"村民{index}", "第三村民小组", "12.5", "1,250", "980", "1,562.50", "3,792.50"] for index in range(6)]
    page = publish_table(town, {"data": [header, *rows], "table_header_choice": "row",
                                "first_row_is_table_header": True, "first_col_is_header": False})
    phone.goto(f"{live_server.url}{page.url}")
    sizes = phone.evaluate("""() => {
      const box = document.querySelector('.table-scroll');
      return {page: document.documentElement.scrollWidth, view: window.innerWidth,
              inner: box.scrollWidth, outer: box.clientWidth, cells: box.querySelectorAll('td').length};
    }""")
    shots = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(shots / "table-360.png"), full_page=True)
    assert sizes["page"] <= sizes["view"], sizes
    assert sizes["inner"] > sizes["outer"], sizes  # the table scrolls inside its box
    assert sizes["cells"] == 42
    assert phone.get_by_role("region", name="种粮补贴").is_visible()


def test_the_page_editor_loads_the_chinese_spreadsheet(editor, town):
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    html = editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "cunwu/js/table_zh.js" in html
    assert "在上方插入一行" in html or "\\u5728\\u4e0a\\u65b9\\u63d2\\u5165\\u4e00\\u884c" in html
    assert "自动：按链接文字选择" in html or "\\u81ea\\u52a8" in html  # the quick links' icon select


def test_the_spreadsheets_menu_is_chinese_in_the_browser(live_server, transactional_db, desktop, client, make_user):
    """Right-click in a table block's spreadsheet: the menu is Chinese. Screenshot: var/screenshots/table-editor.png."""
    from pathlib import Path

    from cunwu.plugins.testing import ensure_wagtail_roots, make_town

    ensure_wagtail_roots()
    town = make_town("西湖镇", "localhost", ("北沟村",), is_default=True, slug="xihu")
    page = publish_table(town, {"data": [["品种", "补贴"], ["小麦", "9600"]], "table_header_choice": "row",
                                "first_row_is_table_header": True, "first_col_is_header": False})
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    desktop.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    errors = []
    desktop.on("pageerror", lambda error: errors.append(str(error)))
    desktop.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    cell = desktop.locator(".handsontable td").filter(has_text="小麦").first
    cell.click(button="right")
    menu = desktop.locator(".htContextMenu").first
    menu.wait_for(state="visible")
    shots = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    desktop.screenshot(path=str(shots / "table-editor.png"), full_page=False)
    assert "在上方插入一行" in menu.inner_text() and "删除这一列" in menu.inner_text()
    assert "Insert row" not in menu.inner_text()
    assert not errors, errors
