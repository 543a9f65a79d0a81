"""Real browser, 360 px phone: a village cadre works a power record through a refused step, and a villager sees its
progress.

The cadre types only the admin login address; everything else is reached from the admin menu (behind its toggle on
a phone) and the screens' own links and buttons. The record follows the default catalogue's 一事一议筹资筹劳 (the
四议两公开 steps): step 1 closed, step 4's vote below the quorum refused in Chinese, the step sent back to step 1 as
the flowchart shows, then worked again and passed. No admin screen scrolls sideways or is cut off at 360 px. The villager types
only the town's home page address and follows links to the village hub and the record, whose steps' data-step-state
match what the cadre did.
"""

import pytest
from playwright.sync_api import expect

from cunwu.towns.models import Role
from tests.support.admin_tab import png_bytes

MATTER = "一事一议筹资筹劳"
TITLE = "北沟村 2027 年村内道路硬化筹资"
SHOTS = "/tmp/disclosure-cadre-{}.png"


def phone_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


@pytest.fixture
def cadre_phone(browser):
    page = phone_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def villager_phone(browser):
    page = phone_page(browser)
    yield page
    page.context.close()


# The admin scrolls inside its content pane, not the document: look for any pane that scrolls sideways too.
SIDEWAYS = """() => [...document.querySelectorAll('body *')].filter(e => {
    const style = getComputedStyle(e);
    return ['auto', 'scroll'].includes(style.overflowX) && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1;
}).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${e.scrollWidth}>${e.clientWidth}`)"""
# ...or is cut off at the right edge by a pane that hides its overflow (a table wider than the phone).
CUT_OFF = """() => [...document.querySelectorAll('main *')].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.right > window.innerWidth + 1;
}).slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${e.getBoundingClientRect().right}`)"""
TALLEST = "() => Math.max(...[...document.querySelectorAll('body, body *')].map(e => e.scrollHeight))"


def no_sideways_scroll(page, name):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 361, f"{name}: the page is {width} px wide on a 360 px phone"
    assert page.evaluate(SIDEWAYS) == [], f"{name}: a part of the page scrolls sideways"
    assert page.evaluate(CUT_OFF) == [], f"{name}: a part of the page is cut off at the right edge"
    # a screenshot of the whole screen: the admin's pane scrolls inside a viewport-high body
    page.set_viewport_size({"width": 360, "height": min(page.evaluate(TALLEST), 8000)})
    page.screenshot(path=SHOTS.format(name), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})


def steps(page):
    items = page.locator("ol.record-steps > li")
    return [items.nth(n).get_attribute("data-step-state") for n in range(items.count())]


def attach(page, row, name):
    page.set_input_files(f"input[name='documents-{row}-file']",
                         files=[{"name": name, "mimeType": "image/png", "buffer": png_bytes()}])


def close_step(page, documents=(), vote=None):
    """Fill the current step's close form (each document in the row whose kind the step requires) and submit."""
    for row, name in enumerate(documents):
        attach(page, row, name)
    for field, value in (vote or {}).items():
        page.fill(f"input[name='vote-{field}']", str(value))
    with page.expect_navigation():
        page.get_by_role("button", name="办结此步骤").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_cadre_works_a_record_through_a_refused_step_on_a_phone_and_a_villager_sees_it(
    live_server, cadre_phone, villager_phone, dtown, beigou, make_user
):
    make_user("beigou-wenshu", dtown, Role.VILLAGE_STAFF, beigou, password="cunwu-demo-2026", first_name="李文书")
    page = cadre_phone
    page.goto(f"{live_server.url}/admin/login/")
    no_sideways_scroll(page, "login")
    page.fill("input[name=username]", "beigou-wenshu")
    page.fill("input[name=password]", "cunwu-demo-2026")
    with page.expect_navigation():
        page.click("button[type=submit]")
    no_sideways_scroll(page, "dashboard")

    # On a phone the side menu is folded away behind its toggle.
    menu_link = page.locator("#wagtail-sidebar").get_by_role("link", name="权力运行", exact=True)
    expect(menu_link).not_to_be_visible()
    page.locator("#wagtail-sidebar").get_by_role("button", name="切换侧边栏").first.click()
    with page.expect_navigation():
        menu_link.click()
    assert page.locator("h1").first.inner_text().strip().startswith("权力运行")
    no_sideways_scroll(page, "list")

    with page.expect_navigation():
        page.get_by_role("link", name="新建运行记录").click()
    no_sideways_scroll(page, "new")
    page.select_option("select[name=matter]", label=MATTER)
    assert page.locator("select[name=village] option:checked").inner_text() == "北沟村"  # the cadre's one village
    page.fill("input[name=title]", TITLE)
    page.fill("input[name=amount]", "86000")
    page.fill("input[name=proposer_name]", "王书记")
    with page.expect_navigation():
        page.get_by_role("button", name="新建记录").click()
    assert "现在办理第一步" in page.inner_text(".messages")
    assert steps(page) == ["current"] + ["pending"] * 5
    no_sideways_scroll(page, "record-opened")
    # back to the list, which now has a row for the record, and into the record again by its link
    with page.expect_navigation():
        page.locator(".nice-padding").get_by_role("link", name="权力运行", exact=True).click()
    no_sideways_scroll(page, "list-with-record")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()

    close_step(page)  # 村党组织提议: nothing required
    assert steps(page) == ["done", "current"] + ["pending"] * 4
    close_step(page, ["两委会议记录.png"])  # the minutes of the 两委 meeting
    close_step(page, ["党员大会记录.png"])
    assert steps(page) == ["done"] * 3 + ["current", "pending", "pending"]
    no_sideways_scroll(page, "at-the-vote")

    # 15 of the 30 representatives came: below the 2/3 quorum. The gate refuses, in Chinese, and nothing changes.
    close_step(page, ["代表会议记录.png", "决议.png"], {"members": 30, "present": 15, "votes_for": 15, "votes_against": 0})
    alert = page.locator(".record-work [role=alert]").first
    expect(alert).to_be_visible()
    assert "到会" in alert.inner_text() and "2/3" in alert.inner_text()
    assert steps(page) == ["done"] * 3 + ["current", "pending", "pending"]
    no_sideways_scroll(page, "vote-refused")

    # The flowchart sends a failed resolution back to step 1: the cadre does so, with the reason.
    assert "如不通过，退回第1步。" in page.locator("li[data-step-number='4']").inner_text()
    page.fill("textarea[name='refuse-reason']", "到会代表不足三分之二，重新提议后再次召开村民代表会议")
    with page.expect_navigation():
        page.get_by_role("button", name="退回").click()
    sent_back = ["current", "pending", "pending", "refused", "pending", "pending"]
    assert steps(page) == sent_back
    no_sideways_scroll(page, "sent-back")

    # A villager on another phone: the town's home page, then links only; the record shows the step sent back.
    villager = villager_phone
    villager.goto(f"{live_server.url}/")
    for link in ("各村", "北沟村"):  # the villages' index, then the village's page (its hub)
        with villager.expect_navigation():
            villager.get_by_role("link", name=link, exact=True).locator("visible=true").first.click()
    panel = villager.locator(".hub-panel--disclosure-records")
    assert TITLE in panel.inner_text() and "第 1/6 步" in panel.inner_text()
    with villager.expect_navigation():
        panel.get_by_role("link", name=TITLE).click()
    assert villager.locator("h1").inner_text() == TITLE
    assert steps(villager) == sent_back
    assert "到会代表不足三分之二" in villager.locator("li[data-step-state=refused]").inner_text()

    close_step(page)
    close_step(page, ["两委会议记录2.png"])
    close_step(page, ["党员大会记录2.png"])
    close_step(page, ["代表会议记录2.png", "决议2.png"], {"members": 30, "present": 24, "votes_for": 19, "votes_against": 5})
    assert steps(page) == ["done"] * 4 + ["current", "pending"]
    assert "30" in page.locator("li[data-step-number='4'] [data-figures]").inner_text()
    no_sideways_scroll(page, "vote-passed")
    code = page.locator("header").first.inner_text()

    # The villager looks again (the page's own reload, no address typed): the step is passed now.
    villager.reload()
    assert steps(villager) == ["done"] * 4 + ["current", "pending"]
    assert villager.locator(".record-code").inner_text() in code
    assert villager.evaluate("document.documentElement.scrollWidth") <= 361
    villager.screenshot(path=SHOTS.format("villager"), full_page=True)
