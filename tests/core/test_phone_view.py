"""A villager on a 360 px phone, in default, elder (大字) and English mode, follows links from the demo town's home
page to each page the issue names, and never has to scroll sideways; every money amount is on the screen.

Screenshots land in var/screenshots/phone-<mode>-<page>.png: look at them."""

from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command

from cunwu.plugins.testing import CRAWL_SKIP, ensure_wagtail_roots, parse_page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# The pages the issue names, by their <body data-page-type>, and the name of their screenshot.
TARGETS = {
    "cunwu_pages.homepage": "home",
    "cunwu_pages.villagepage": "village",
    "disclosure.ledger": "ledger",
    "disclosure.payments": "payments",
    "disclosure.assets": "assets",
    "disclosure.power_detail": "matter",
    "appeals.form": "appeal-form",
    "appeals.lookup": "status",
    "livestream.broadcastindexpage": "schedule",
    # and the rest of the core's own pages
    "cunwu_pages.sectionpage": "section",
    "cunwu_pages.articlepage": "notice",
    "cunwu_pages.villageindexpage": "villages",
}
# Pages with a form, whose controls must be big enough for a finger (px), larger in elder mode.
FORMS = {"appeal-form", "status"}
TOUCH = {"default": 44, "elder": 56, "en": 44}
# Pages that show money: they must show at least one amount, or the amount check below would test nothing.
SHOW_AMOUNTS = {"village", "ledger", "payments", "assets"}

MEASURE = """() => {
  const width = window.innerWidth;
  const visible = (el) => el.getClientRects().length > 0 && (el.checkVisibility ? el.checkVisibility() : true);
  // Is the element cut off by an ancestor that clips or scrolls (then it widens nothing)?
  const clipped = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  const describe = (el) => {
    const r = el.getBoundingClientRect();
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''} [${Math.round(r.left)}..${Math.round(r.right)}] "${(el.innerText || '').trim().slice(0, 30)}"`;
  };
  const wide = [...document.body.querySelectorAll('*')]
    .filter((el) => visible(el) && el.getBoundingClientRect().right > width + 1 && !clipped(el))
    .filter((el, _i, all) => !all.includes(el.parentElement))  // the outermost culprits only
    .slice(0, 8).map(describe);
  const amounts = [...document.querySelectorAll('.amount')].filter(visible);
  const offscreen = amounts.filter((el) => { const r = el.getBoundingClientRect(); return r.left < -0.5 || r.right > width + 0.5; });
  const search = document.querySelector('.site-search button');
  // Touch targets of the forms in the page: a radio or checkbox counts by the label that holds it.
  const targets = [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea, main button')]
    .filter(visible)
    .map((el) => ['radio', 'checkbox'].includes(el.type) ? el.closest('label') : el)
    .filter(Boolean)
    .map((el) => [describe(el), el.getBoundingClientRect().height]);
  return {
    pageType: document.body.dataset.pageType,
    scrollWidth: document.scrollingElement.scrollWidth,
    width,
    elder: document.documentElement.classList.contains('elder'),
    lang: document.documentElement.lang,
    wide,
    amounts: amounts.length,
    offscreen: offscreen.slice(0, 5).map(describe),
    searchRight: search ? search.getBoundingClientRect().right : null,
    targets,
  };
}"""

CLICK_LINK_TO = """(target) => {
  const link = [...document.querySelectorAll('a[href]')].find((a) => {
    const url = new URL(a.href, location.href);
    return url.origin === location.origin && url.pathname + url.search === target;
  });
  if (!link) return false;
  link.click();
  return true;
}"""


def paths_by_links(client, host, wanted, limit=400):
    """The shortest chain of links from the home page to the first page of each wanted type (breadth first)."""
    chains, queue, seen = {}, deque([["/"]]), {"/"}
    while queue and len(seen) < limit and set(wanted) - set(chains):
        chain = queue.popleft()
        response = client.get(chain[-1], HTTP_HOST=host)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        page = parse_page(response.content.decode("utf-8", "replace"))
        chains.setdefault(page.page_type, chain)
        for href in page.links:
            parts = urlsplit(urldefrag(urljoin(chain[-1], href))[0])
            if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc.split(":")[0] != host):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen and not parts.path.startswith(CRAWL_SKIP) and "/sign" not in parts.path:
                seen.add(local)
                queue.append(chain + [local])
    return {page_type: chains[page_type] for page_type in wanted if page_type in chains}


def switch_mode(phone, mode):
    """Turns on elder mode or English with the header's own buttons, as a villager does."""
    button = {"elder": "form[action$='/elder-mode/'] button", "en": "button[name=language][value=en]"}[mode]
    with phone.expect_navigation():
        phone.click(button)


def follow(phone, chain):
    """From the home page, taps each link of the chain in turn; returns the last response."""
    response = None
    for target in chain[1:]:
        with phone.expect_navigation() as navigation:
            assert phone.evaluate(CLICK_LINK_TO, target), f"no link to {target} on {phone.url}"
        response = navigation.value
    return response


@pytest.mark.sqlite
def test_no_sideways_scroll_and_amounts_on_screen_at_360px(live_server, transactional_db, phone, client):
    ensure_wagtail_roots()  # an earlier transactional test flushed Wagtail's root page and locale
    call_command("load_demo", verbosity=0)
    chains = paths_by_links(client, "localhost", TARGETS)
    unreachable = set(TARGETS) - set(chains)
    assert not unreachable, f"not reachable by links from the home page: {sorted(unreachable)}"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for mode in ("default", "elder", "en"):
        phone.context.clear_cookies()
        phone.goto(f"{live_server.url}/")
        if mode != "default":
            switch_mode(phone, mode)
        for page_type, name in TARGETS.items():
            phone.goto(f"{live_server.url}/")
            response = follow(phone, chains[page_type])
            phone.wait_for_load_state("load")
            seen = phone.evaluate(MEASURE)
            phone.screenshot(path=str(SCREENSHOTS / f"phone-{mode}-{name}.png"), full_page=True)
            where = f"{mode} {name} ({phone.url.removeprefix(live_server.url)})"
            assert response is None or response.ok, f"{where}: HTTP {response.status}"
            assert seen["pageType"] == page_type, f"{where}: reached {seen['pageType']}"
            assert seen["elder"] == (mode == "elder") and (seen["lang"] == "en") == (mode == "en"), f"{where}: mode lost"
            if seen["scrollWidth"] > seen["width"]:
                problems.append(f"{where}: {seen['scrollWidth']} px wide on a {seen['width']} px screen; too wide: {seen['wide']}")
            if seen["searchRight"] is not None and seen["searchRight"] > seen["width"]:
                problems.append(f"{where}: the search button leaves the header (right edge {seen['searchRight']:.0f})")
            if seen["offscreen"]:
                problems.append(f"{where}: amounts off the screen: {seen['offscreen']}")
            small = [(what, round(height)) for what, height in seen["targets"] if height < TOUCH[mode] - 0.5]
            if name in FORMS and (small or not seen["targets"]):
                problems.append(f"{where}: form controls smaller than {TOUCH[mode]} px: {small or 'no controls found'}")
            if name in SHOW_AMOUNTS and not seen["amounts"]:
                problems.append(f"{where}: shows no money amount marked class=\"amount\"")
    assert not problems, "\n".join(problems)
