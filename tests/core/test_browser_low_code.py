"""A town editor builds pages alone, in a browser, and a villager follows them on a phone (issue 16).

xihu-editor, signed in to the demo: keeps a contact card once as reusable content; starts a 专题页 from its layout
and adds every core and plugin block, choosing pictures, documents, pages, the village, the matter, the broadcast
and the contact card in pickers (pictures and documents uploaded from the picker); starts a 通知公告 under 村务公开
that shows the same card; changes the card's phone once; puts the special page first in the town's menu. Only the
login page's address is typed; everything else is reached from the admin's own menus. Then a villager on a 360 px
phone starts at the town's home page, taps the menu, and sees every block, the picks and the changed card on both
pages. Screenshots: /tmp/low-code-*.png.
"""

import io
import re
import secrets

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cunwu.pages.blocks import body_block
from tests.support.admin_tab import AdminTab, pdf_bytes, png_bytes

pytestmark = pytest.mark.browser

PASSWORD = "cunwu-demo-2026"
OLD_PHONE, NEW_PHONE = "0571-8888 1234", "0571-8888 4321"


@pytest.fixture
def demo(transactional_db):
    from cunwu.plugins.testing import ensure_wagtail_roots

    ensure_wagtail_roots()  # an earlier transactional test flushed Wagtail's root page with everything else
    call_command("load_demo", stdout=io.StringIO())


def keep_contact_card(editor, title):
    editor.menu("可复用内容")
    editor.click_link("^添加")
    editor.fill("title", title)
    card = editor.add_block("联系卡片")
    editor.fill(f"{card}-value-name", "西湖镇秋收咨询点")
    editor.fill(f"{card}-value-phone", OLD_PHONE)
    editor.save()
    assert f"可复用内容 '{title}' 已创建" in editor.messages()


def change_contact_card(editor, title):
    editor.menu("可复用内容")
    editor.click_link("^" + re.escape(title))
    phone = editor.page.locator("input[name$='-value-phone']")
    expect(phone).to_have_value(OLD_PHONE)
    phone.fill(NEW_PHONE)
    editor.save()
    assert "已更新" in editor.messages(), editor.messages()


def start_page(editor, layout, under=None):
    """The explorer's 添加子页面 at the town's home (or a section of it), then a layout."""
    editor.menu("页面", "西湖镇")
    if under:
        editor.page.get_by_role("link", name=f"查看'{under}'的子页面").click()
        editor.page.wait_for_load_state("domcontentloaded")
    editor.click_link("添加子页面")
    editor.click_link("^" + layout)


def add_content_blocks(editor, tag):
    page = editor.page
    hero = editor.add_block("横幅")
    editor.fill(f"{hero}-value-title", "秋收进行时")
    editor.upload_in_chooser(editor.block(hero), "harvest.png", png_bytes(), "image/png", f"秋收现场 {tag}")

    bar = editor.add_block("公告横条")
    editor.fill(f"{bar}-value-text", "10 月 8 日起开始秋粮收购")
    editor.choose_page(editor.block(bar), ("我要办",))

    text = editor.add_block("文字")
    editor.rich_text(editor.block(text), "今年全镇秋粮喜获丰收。")

    links = editor.add_block("快捷入口")
    item = editor.list_item(f"{links}-value-links")
    editor.fill(f"{item}-value-link-label", "村务公开")
    editor.choose_page(editor.block(links), ("村务公开",))

    notices = editor.add_block("公告列表")
    editor.choose_page(editor.block(notices), ("村务公开",))

    image = editor.add_block("图片")
    editor.choose(editor.block(image), f"秋收现场 {tag}", search=f"秋收现场 {tag}")

    gallery = editor.add_block("图片集")
    editor.list_item(f"{gallery}-value-images")
    editor.choose(editor.block(gallery), f"秋收现场 {tag}", search=f"秋收现场 {tag}")

    documents = editor.add_block("文件列表")
    editor.list_item(f"{documents}-value-documents")
    editor.upload_in_chooser(editor.block(documents), "notice.pdf", pdf_bytes(), "application/pdf", f"秋粮收购办法 {tag}")

    contact = editor.add_block("联系卡片")
    editor.fill(f"{contact}-value-name", "西湖镇农业服务站")
    editor.fill(f"{contact}-value-phone", "0571-8888 5678")

    editor.add_block("统计数据")
    qr = editor.add_block("二维码")
    editor.choose_page(editor.block(qr), ("我要办",))

    video = editor.add_block("视频")
    editor.fill(f"{video}-value-url", "https://player.bilibili.com/player.html?bvid=BV1xx411c7mD")
    editor.fill(f"{video}-value-title", "秋收现场视频")

    columns = editor.add_block("分栏")
    first = editor.list_item(f"{columns}-value-columns")
    second = editor.add_list_item(f"{columns}-value-columns")
    for column, words in ((first, "收购点：镇粮站"), (second, "收购价：每斤 1.35 元")):
        inner = editor.add_block("文字", stream=f"{column}-value")
        editor.rich_text(editor.block(inner), words)

    questions = editor.add_block("问答（折叠）")
    item = editor.list_item(f"{questions}-value-items")
    editor.fill(f"{item}-value-question", "粮款什么时候到账？")
    editor.rich_text(editor.block(item), "交售后 3 个工作日内打到一卡通。")

    table = editor.add_block("表格")
    editor.fill(f"{table}-value-title", "各村收购量")
    editor.block(table).locator(".htCore td").first.dblclick()
    page.keyboard.type("村名")
    page.keyboard.press("Enter")
    editor.block(table).locator("select").first.select_option(label="将第一行显示为表头")

    action = editor.add_block("行动号召")
    editor.fill(f"{action}-value-title", "有问题？马上反映")
    editor.choose_page(editor.block(action), ("我要办",))


def add_plugin_blocks(editor):
    for label in ("诉求表单", "诉求类型入口", "诉求查询", "案例墙", "各村财务公开", "完整权力清单", "正在直播／下一场直播", "直播日程"):
        editor.add_block(label)
    finance = editor.add_block("村财务公开摘要")
    editor.choose(editor.block(finance), "北沟村")
    power = editor.add_block("权力清单")
    editor.choose(editor.block(power), "农村低保申请", search="低保")
    broadcast = editor.add_block("单场直播")
    editor.choose(editor.block(broadcast), "北沟村村务监督日现场直播")


def assert_published(editor, title):
    # "已经发布" after an autosaved draft, "已创建并发布" when the first save publishes
    message = editor.messages()
    assert re.search(rf"页面\s*'{re.escape(title)}'\s*(已经发布|已创建并发布)", message), (message, editor.error_places())


def build_topic_page(editor, title, card, tag):
    start_page(editor, "专题页")
    editor.fill("title", title)
    add_content_blocks(editor, tag)
    reusable = editor.add_block("可复用内容")
    editor.choose(editor.block(reusable), card)
    add_plugin_blocks(editor)
    editor.publish()
    assert_published(editor, title)
    editor.page.screenshot(path="/tmp/low-code-editor-published.png")


def build_notice_page(editor, title, card):
    start_page(editor, "通知公告", under="村务公开")
    editor.fill("title", title)
    reusable = editor.add_block("可复用内容")
    editor.choose(editor.block(reusable), card)
    editor.publish()
    assert_published(editor, title)


def put_first_in_menu(editor, title, label):
    page = editor.page
    editor.menu("设置", "菜单和页脚")
    count = int(page.locator("input[name='menu_items-TOTAL_FORMS']").input_value())
    page.get_by_role("button", name="增加 菜单项").click()
    item = page.locator(f"#inline_child_menu_items-{count}")
    expect(item).to_be_visible()
    editor.choose_page(item, (title,))
    page.locator(f"input[name='menu_items-{count}-label']").fill(label)
    for _ in range(count):
        item.get_by_role("button", name="上移").click()
        page.wait_for_timeout(150)
    editor.save()
    assert "菜单和页脚已保存" in editor.messages(), (editor.messages(), editor.error_places())


def phone_screen(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    return context, context.new_page()


def tap(page, locator):
    with page.expect_navigation():
        locator.click()
    page.wait_for_load_state("domcontentloaded")


def block(page, block_type):
    return page.locator(f"section.block-{block_type}")


def test_editor_builds_pages_from_layouts_with_every_block_and_a_villager_follows_them(live_server, browser, demo):
    tag = secrets.token_hex(2)
    card, topic, notice = f"秋收咨询联系卡 {tag}", f"2026 秋收专题 {tag}", f"秋粮收购通知 {tag}"
    editor = AdminTab(browser, live_server.url, "xihu-editor", PASSWORD)
    try:
        keep_contact_card(editor, card)
        build_topic_page(editor, topic, card, tag)
        build_notice_page(editor, notice, card)
        change_contact_card(editor, card)
        put_first_in_menu(editor, topic, "秋收专题")
    finally:
        editor.close()

    context, page = phone_screen(browser)
    try:
        page.goto(f"{live_server.url}/", wait_until="domcontentloaded")
        menu = page.locator("nav.site-nav a")
        expect(menu.first).to_have_text("秋收专题")
        tap(page, menu.first)
        expect(page.get_by_role("heading", level=1)).to_have_text(topic)  # one h1: the banner block's title is an h2
        page.screenshot(path="/tmp/low-code-villager-topic.png")

        shown = set(page.locator("section.block").evaluate_all(
            "els => els.map(e => [...e.classList].find(c => c.startsWith('block-')).slice(6))"))
        every_block = set(body_block().child_blocks)
        assert every_block <= shown, f"blocks the villager does not see: {sorted(every_block - shown)}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways on a phone"

        # what was picked, not typed, is what the villager sees
        expect(block(page, "disclosure_finance_summary")).to_contain_text("北沟村")
        expect(block(page, "disclosure_power_list")).to_contain_text("农村低保申请")
        expect(block(page, "livestream_broadcast")).to_contain_text("北沟村村务监督日现场直播")
        expect(block(page, "image").locator("img")).to_have_count(1)
        expect(block(page, "documents")).to_contain_text(f"秋粮收购办法 {tag}")
        expect(block(page, "announcement").get_by_role("link")).to_have_attribute("href", re.compile(r"/"))
        expect(block(page, "columns")).to_contain_text("收购价：每斤 1.35 元")
        expect(block(page, "table").locator("th").first).to_have_text("村名")
        expect(block(page, "video").locator("iframe")).to_have_attribute("src", re.compile(r"^https://player\.bilibili\.com/"))
        # the card kept once: changed in one place, changed on every page
        expect(block(page, "reusable")).to_contain_text(NEW_PHONE)
        expect(block(page, "reusable")).not_to_contain_text(OLD_PHONE)

        page.goto(f"{live_server.url}/", wait_until="domcontentloaded")
        tap(page, page.locator("nav.site-nav a", has_text="村务公开"))
        tap(page, page.get_by_role("link", name=notice))
        expect(block(page, "reusable")).to_contain_text(NEW_PHONE)
        page.screenshot(path="/tmp/low-code-villager-notice.png", full_page=True)
    finally:
        context.close()
