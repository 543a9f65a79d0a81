"""The guide's screenshots, made the way an editor works: signed in as the demo's staff, on the screens each
guide page describes. Saved (1280x800, palette PNG) into the guide's static folder and committed; the test
also checks that every button and menu item a guide page names is on the screens it describes."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

SCREENS = Path(__file__).resolve().parents[2] / "site" / "cunwu" / "guide" / "static" / "cunwu_guide" / "screens"
PASSWORD = "cunwu-demo-2026"
MAX_BYTES = 150_000


class Editor:
    """One staff member's browser tab: signs in, visits, keeps the text of every screen seen."""

    def __init__(self, browser, base, username):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
        self.page = self.context.new_page()
        self.base = base
        self.seen = []
        self.page.goto(f"{base}/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(f"{base}/admin/")

    def visit(self, path):
        self.page.goto(f"{self.base}{path}")
        self.page.wait_for_load_state("networkidle")
        self.remember()

    def remember(self):
        # the text, and the names of icon buttons (aria-label, title) as a screen reader and a tooltip give them
        text = self.page.evaluate(
            "document.body.textContent + ' ' + [...document.querySelectorAll('[aria-label],[title]')]"
            ".map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || '')).join(' ')"
        )
        self.seen.append(re.sub(r"\s+", " ", text))

    def shot(self, name):
        self.remember()
        SCREENS.mkdir(parents=True, exist_ok=True)
        save_small_png(self.page.screenshot(), SCREENS / f"{name}.png")

    def guide_labels(self, slug):
        self.page.goto(f"{self.base}/admin/guide/{slug}/")
        assert self.page.locator("h1").first.is_visible()
        return {re.sub(r"\s+", " ", label).strip() for label in self.page.locator("[data-guide-ui]").all_inner_texts()}

    def close(self):
        self.context.close()


def save_small_png(png, path):
    """Admin screens are flat colours: a 128-colour palette keeps text sharp and the file small."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    image.save(path, format="PNG", optimize=True)
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"


def missing(labels, editors):
    seen = " ".join(text for editor in editors for text in editor.seen)
    return sorted(label for label in labels if label not in seen)


@pytest.fixture
def demo(transactional_db):
    from cunwu.plugins.testing import ensure_wagtail_roots

    ensure_wagtail_roots()  # an earlier transactional test flushed Wagtail's root page with everything else
    call_command("load_demo", stdout=io.StringIO())
    from cunwu.towns.models import Town

    return Town.objects.get(slug="xihu")


def test_guide_screens(live_server, browser, demo):
    from appeals.models import Case
    from cunwu.pages.models import SectionPage, VillagePage
    from disclosure.models import LedgerMonth, Status
    from livestream.pages import BroadcastIndexPage, BroadcastPage

    base = live_server.url
    home = demo.root_page
    contact = SectionPage.objects.child_of(home).get(slug="lianxi")
    schedule = BroadcastIndexPage.objects.descendant_of(home).first()
    broadcast = BroadcastPage.objects.descendant_of(home).live().order_by("-pk").first()
    # "立即结束直播" is offered only while a broadcast is on air: put one on air now, whatever the hour.
    from django.utils import timezone

    BroadcastPage.objects.filter(pk=broadcast.pk).update(
        starts_at=timezone.now() - timezone.timedelta(minutes=10), ends_at=timezone.now() + timezone.timedelta(hours=1), ended_at=None
    )
    ledgers = LedgerMonth.objects.filter(village__town=demo).order_by("-year", "-month")
    # The demo publishes every month; the guide also shows a month waiting for review and a draft.
    draft = ledgers.filter(village__code="beigoucun").first()
    waiting = ledgers.filter(village__name="向阳村").first()
    LedgerMonth.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    LedgerMonth.objects.filter(pk=waiting.pk).update(status=Status.SUBMITTED)

    editor = Editor(browser, base, "xihu-editor")
    village = Editor(browser, base, "beigou-editor")
    admin = Editor(browser, base, "xihu-admin")
    try:
        # 搭建一个页面
        editor.visit(f"/admin/pages/{home.pk}/")
        editor.shot("build-1-explorer")
        editor.visit(f"/admin/pages/{contact.pk}/add_subpage/")
        editor.shot("build-2-choose-type")
        editor.visit(f"/admin/pages/add/cunwu_pages/articlepage/{contact.pk}/")
        editor.page.fill("input[name=title]", "冬季防火安全提示")
        editor.page.fill("textarea[name=summary]", "进入冬季，请各村做好防火安全工作。")
        editor.shot("build-3-edit")
        editor.page.locator("[data-streamfield-list-container] > button, .c-sf-add-button").last.click()
        editor.page.get_by_role("option", name="公告横条").or_(editor.page.get_by_role("button", name="公告横条")).first.wait_for()
        editor.shot("build-4-blocks")
        editor.page.keyboard.press("Escape")
        editor.page.locator("footer [aria-label='更多动作'], footer [data-w-dropdown-target='toggle']").first.click()
        editor.page.mouse.wheel(0, 2000)
        editor.shot("build-5-publish")
        assert not missing(editor.guide_labels("build-page"), [editor]), missing(editor.guide_labels("build-page"), [editor])

        # 公开月度财务
        editor.visit("/admin/disclosure/ledgermonth/")
        editor.shot("finance-1-list")
        editor.visit("/admin/disclosure/ledgermonth/create/")
        editor.shot("finance-2-create")
        editor.visit(f"/admin/disclosure/ledger/{waiting.pk}/review/")
        editor.shot("finance-3-review")
        village.visit(f"/admin/disclosure/ledger/{draft.pk}/review/")
        editor.visit("/admin/disclosure/board/")
        editor.visit(f"/admin/disclosure/ledger/{ledgers.filter(status=Status.PUBLISHED).first().pk}/review/")
        labels = editor.guide_labels("finance")
        assert not missing(labels, [editor, village]), missing(labels, [editor, village])

        # 开一场直播
        editor.visit(f"/admin/pages/{schedule.get_parent().pk}/")
        editor.shot("broadcast-1-schedule")
        editor.visit(f"/admin/pages/{schedule.pk}/add_subpage/")
        editor.page.fill("input[name=title]", "北沟村冬季村务监督日直播")
        editor.shot("broadcast-2-page")
        editor.visit("/admin/livestream/liveupdate/")
        editor.visit("/admin/livestream/liveupdate/create/")
        editor.shot("broadcast-3-update")
        editor.visit("/admin/livestream/question/")
        editor.shot("broadcast-4-questions")
        question = broadcast.questions.first()
        if question is not None:
            editor.visit(f"/admin/livestream/question/edit/{question.pk}/")
        editor.visit(f"/admin/pages/{broadcast.pk}/edit/")
        editor.visit(f"/admin/pages/{broadcast.get_parent().pk}/")
        labels = editor.guide_labels("broadcast")
        assert not missing(labels, [editor]), missing(labels, [editor])

        # 办理群众诉求: cases are handled by the town administrator and village staff, not town editors
        admin.visit("/admin/appeals/case/")
        admin.shot("appeal-1-list")
        case = Case.objects.filter(town=demo, state="submitted").first() or Case.objects.filter(town=demo).first()
        admin.visit(f"/admin/appeals/case/{case.pk}/")
        admin.shot("appeal-2-case")
        for other in Case.objects.filter(town=demo).exclude(pk=case.pk):  # every state the guide names (15 in the demo)
            admin.visit(f"/admin/appeals/case/{other.pk}/")
        labels = admin.guide_labels("appeal")
        assert not missing(labels, [admin]), missing(labels, [admin])

        # 审核村里提交的页面: the village editor submits, the town editor returns it from the dashboard
        own = VillagePage.objects.get(village__town=demo, village__code="beigoucun")
        village.visit(f"/admin/pages/{own.pk}/edit/")
        village.page.locator("footer [aria-label='更多动作'], footer [data-w-dropdown-target='toggle']").first.click()
        village.shot("moderate-1-submit")
        with village.page.expect_navigation():
            village.page.locator("button[name='action-submit']").click()
        editor.visit("/admin/")
        panel = editor.page.locator("section.cunwu-review")
        panel.scroll_into_view_if_needed()
        assert panel.get_by_text(own.title).first.is_visible()
        panel.locator("textarea").first.fill("请补上村委会的办公时间和联系电话")
        editor.shot("moderate-2-dashboard")
        with editor.page.expect_navigation():
            panel.get_by_role("button", name="退回修改").first.click()
        assert editor.page.get_by_text("连同您的意见退回给村编辑").is_visible()
        village.visit("/admin/")
        village.page.locator("[aria-labelledby=cunwu-notifications-title]").scroll_into_view_if_needed()
        assert village.page.get_by_text("请补上村委会的办公时间和联系电话").is_visible()
        village.shot("moderate-3-returned")
        labels = editor.guide_labels("moderate")
        assert not missing(labels, [editor, village]), missing(labels, [editor, village])
    finally:
        for person in (editor, village, admin):
            person.close()
