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
from disclosure import record_gate
from tests.support.admin_tab import png_bytes

from .test_record_gate import make_matter, people, work_to  # noqa: F401  (people: a fixture)

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


def log_in_and_open_records(page, base, username, password="cunwu-demo-2026"):
    """The admin login page (the one address typed), then 权力运行 from the side menu behind its phone toggle."""
    page.goto(f"{base}/admin/login/")
    no_sideways_scroll(page, "login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    no_sideways_scroll(page, "dashboard")
    menu_link = page.locator("#wagtail-sidebar").get_by_role("link", name="权力运行", exact=True)
    expect(menu_link).not_to_be_visible()
    page.locator("#wagtail-sidebar").get_by_role("button", name="切换侧边栏").first.click()
    with page.expect_navigation():
        menu_link.click()


def villager_opens(page, base, title):
    """The town's home page (the one address typed), then links: the villages, 北沟村's hub, the record; returns
    what the hub's power panel said of it."""
    page.goto(f"{base}/")
    for link in ("各村", "北沟村"):
        with page.expect_navigation():
            page.get_by_role("link", name=link, exact=True).locator("visible=true").first.click()
    panel = page.locator(".hub-panel--disclosure-records")
    said = panel.inner_text()
    with page.expect_navigation():
        panel.get_by_role("link", name=title).click()
    assert page.locator("h1").inner_text() == title
    return said


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
    log_in_and_open_records(page, live_server.url, "beigou-wenshu")
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
    assert "第 1/6 步" in villager_opens(villager, live_server.url, TITLE)
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_town_administrator_forces_a_refused_step_on_a_phone_and_the_villager_reads_why(
    live_server, cadre_phone, villager_phone, dtown, beigou, people, make_user  # noqa: F811
):
    make_user("xihu-admin", dtown, Role.TOWN_ADMIN, password="cunwu-demo-2026", first_name="周镇长")
    record = record_gate.open_record(make_matter(dtown), beigou, people.shuji, "北沟村 2027 年道路硬化", None)
    work_to(record, 4, people)  # at the representatives' vote, which the village cannot hold again in time
    page = cadre_phone
    log_in_and_open_records(page, live_server.url, "xihu-admin")
    with page.expect_navigation():
        page.get_by_role("link", name="北沟村 2027 年道路硬化").click()
    force = page.get_by_test_id("record-force")
    assert "强制办结第4步" in force.inner_text()
    with page.expect_navigation():
        force.get_by_role("button", name="强制办结").click()
    assert "请说明强制办结本步骤的理由" in page.get_by_test_id("record-force").inner_text()
    assert steps(page)[3] == "current"
    no_sideways_scroll(page, "force-refused")
    page.fill("textarea[name='force-reason']", "代表外出务工，两次会议均不足法定人数，经镇党委研究同意先行办理")
    with page.expect_navigation():
        page.get_by_test_id("record-force").get_by_role("button", name="强制办结").click()
    assert "已强制办结" in page.inner_text(".messages")
    assert steps(page)[3:5] == ["done", "current"]
    assert page.locator("li[data-step-number='4'][data-step-forced]").count() == 1
    no_sideways_scroll(page, "forced")

    villager_opens(villager_phone, live_server.url, "北沟村 2027 年道路硬化")
    forced = villager_phone.locator("ol.record-steps > li").nth(3)
    assert forced.get_attribute("data-step-state") == "done"
    assert "由镇管理员强制办结" in forced.inner_text() and "两次会议均不足法定人数" in forced.inner_text()
    assert villager_phone.evaluate("document.documentElement.scrollWidth") <= 361
