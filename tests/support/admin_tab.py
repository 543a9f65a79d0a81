"""A town editor's browser tab on the Wagtail admin, driven the way the editor works: menus, the block picker,
chooser modals. No URL of an internal screen is typed except the login page; no internal code is typed anywhere.

Used by the low-code browser test (tests/core/test_browser_low_code.py)."""

import io
import re
import secrets

from playwright.sync_api import expect

MODAL = ".modal.show, .modal.in"


def png_bytes():
    """A small picture that differs every time, so Wagtail's duplicate-upload question never interrupts."""
    from PIL import Image

    image = Image.new("RGB", (64, 48), tuple(secrets.randbelow(256) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": secrets.token_hex(8)})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class AdminTab:
    def __init__(self, browser, base, username, password):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.base = base
        self.page.goto(f"{base}/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(f"{base}/admin/")

    def close(self):
        self.context.close()

    # -- the side menu ---------------------------------------------------------------------------------------------

    def menu(self, *labels):
        """Follow the side menu: e.g. menu("设置", "菜单和页脚")."""
        sidebar = self.page.locator("#wagtail-sidebar")
        for label in labels[:-1]:
            sidebar.get_by_role("button", name=label, exact=True).click()
        last = labels[-1]
        self.page.wait_for_timeout(300)  # the flyout (the page explorer, a submenu) opens with an animation
        target = self.page.get_by_role("link", name=last, exact=True)
        with self.page.expect_navigation():
            target.first.click()
        self.page.wait_for_load_state("domcontentloaded")

    def click_link(self, name):
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=re.compile(name)).first.click()
        self.page.wait_for_load_state("domcontentloaded")

    # -- the StreamField editor ------------------------------------------------------------------------------------

    def _children(self, stream):
        pattern = "^" + stream.replace("-", "\\-") + "-\\d+-type$"
        return self.page.evaluate(
            "(pattern) => [...document.querySelectorAll('input[name$=\"-type\"]')].map(e => e.name)"
            ".filter(n => new RegExp(pattern).test(n)).map(n => n.slice(0, -5))",
            pattern,
        )

    def add_block(self, label, stream="body"):
        """Add a block at the end of a stream (the body, or a column inside it) through the block picker; returns
        the new block's form prefix (body-N)."""
        before = set(self._children(stream))
        # the stream's own last "插入区块" button, not one of a block inside it (columns hold streams of their own)
        self.page.evaluate(
            """(stream) => {
                const count = document.querySelector(`input[name='${stream}-count'][data-streamfield-stream-count]`);
                const top = count.parentElement.querySelector(':scope > [data-streamfield-stream-container]');
                const own = [...top.querySelectorAll('.c-sf-add-button')]
                    .filter(b => b.closest('[data-streamfield-stream-container]') === top);
                document.querySelectorAll('[data-add-here]').forEach(b => b.removeAttribute('data-add-here'));
                own[own.length - 1].setAttribute('data-add-here', '');
            }""",
            stream,
        )
        self.page.locator("[data-add-here]").click()
        self.page.get_by_role("option", name=label, exact=True).locator("visible=true").click()
        for _ in range(100):
            added = set(self._children(stream)) - before
            if added:
                return added.pop()
            self.page.wait_for_timeout(100)
        raise AssertionError(f"the block {label} did not appear")

    def add_list_item(self, list_prefix):
        """Add an item at the end of a list block with its 新增 button; returns the new item's prefix."""
        before = self._items(list_prefix)
        self.page.evaluate(
            """(prefix) => {
                const count = document.querySelector(`input[name='${prefix}-count']`);
                [...count.parentElement.querySelectorAll('button[title="新增"]')]
                    .filter(b => b.closest('[data-streamfield-list-container]') === count.parentElement.querySelector('[data-streamfield-list-container]'))
                    .pop().click();
            }""",
            list_prefix,
        )
        for _ in range(100):
            added = [item for item in self._items(list_prefix) if item not in before]
            if added:
                return added[0]
            self.page.wait_for_timeout(100)
        raise AssertionError(f"no item was added to {list_prefix}")

    def _items(self, list_prefix):
        depth = list_prefix.count("-") + 2
        names = self.page.locator(f"[name^='{list_prefix}-'][name$='-id']").evaluate_all("els => els.map(e => e.name)")
        return sorted((n[: -len("-id")] for n in names if n.count("-") == depth), key=lambda p: int(p.rsplit("-", 1)[1]))

    def list_item(self, list_prefix):
        """The prefix of the list's first item, adding one when the list is empty."""
        items = self._items(list_prefix)
        return items[0] if items else self.add_list_item(list_prefix)

    def block(self, prefix):
        block_id = self.page.locator(f"input[name='{prefix}-id']").input_value()
        return self.page.locator(f"[data-contentpath='{block_id}']").first

    def fill(self, name, text):
        self.page.locator(f"[name='{name}']").fill(text)

    def rich_text(self, container, text, index=0):
        editor = container.locator("[contenteditable=true]").nth(index)
        editor.click()
        editor.type(text)

    # -- chooser modals --------------------------------------------------------------------------------------------

    def open_chooser(self, container, index=0):
        button = container.locator(".chooser__choose-button:visible, button.action-choose:visible").nth(index)
        modal = self.page.locator(MODAL).last
        for attempt in range(3):
            # the modal's content comes from the server: on a busy machine it can take longer than expect's 5 s,
            # and a click while the autosave swaps the add screen's address for the edit screen's can be lost
            button.click()
            try:
                expect(modal).to_be_visible(timeout=15_000)
                return modal
            except AssertionError:
                if attempt == 2:
                    raise
        return modal

    def choose(self, container, text, search=None, index=0):
        """Pick an item by its visible name in the chooser the container's (index-th) choose button opens."""
        modal = self.open_chooser(container, index)
        box = modal.locator("input[name=q]")
        if search and box.count():
            box.fill(search)
            self.page.wait_for_timeout(600)  # the chooser searches as one types, after a pause
        row = modal.get_by_role("link", name=re.compile("^" + re.escape(text)))
        row.first.click()
        expect(self.page.locator(MODAL)).to_have_count(0)

    def choose_page(self, container, trail, index=0):
        """Pick a page in the page chooser by following its titles, e.g. ("我要办",) at the town's home."""
        modal = self.open_chooser(container, index)
        for title in trail[:-1]:
            modal.get_by_role("link", name=re.compile(re.escape(title))).first.click()
            self.page.wait_for_timeout(300)
        modal.get_by_role("link", name=re.compile("^" + re.escape(trail[-1]))).first.click()
        expect(self.page.locator(MODAL)).to_have_count(0)

    def upload_in_chooser(self, container, filename, content, mime, title, index=0):
        """Upload a new picture or document from the chooser's 上传 tab; the upload becomes the pick."""
        modal = self.open_chooser(container, index)
        modal.get_by_role("tab", name="上传").click()
        modal.locator("input[type=file]").set_input_files({"name": filename, "mimeType": mime, "buffer": content})
        title_box = modal.locator("input[name$=title]").first
        title_box.fill(title)
        modal.locator("button[type=submit], input[type=submit]").first.click()
        expect(self.page.locator(MODAL)).to_have_count(0)

    # -- saving ----------------------------------------------------------------------------------------------------

    def publish(self):
        self.page.locator("footer [data-w-dropdown-target='toggle']").first.click()
        with self.page.expect_navigation():
            self.page.locator("button[name='action-publish']").click()
        self.page.wait_for_load_state("domcontentloaded")

    def save(self):
        with self.page.expect_navigation():
            self.page.locator("footer button[type=submit]").first.click()
        self.page.wait_for_load_state("domcontentloaded")

    def messages(self):
        return " ".join(self.page.locator(".messages").all_inner_texts())

    def errors(self):
        return self.page.locator(".error-message, .w-field__errors, .help-critical").all_inner_texts()

    def error_places(self):
        """(block label, message) of each field error on the screen, to say which block an editor must fix."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.error-message, .w-field__errors')]
                .filter(e => e.textContent.trim())
                .map(e => {
                    const block = e.closest('[data-contentpath]');
                    const panel = block && block.closest('section, .c-sf-container__block-container, [data-panel]');
                    const heading = e.closest('.c-sf-block') && e.closest('.c-sf-block').querySelector('.c-sf-block__type');
                    return [(heading ? heading.textContent : '') + ' ' + (block ? block.dataset.contentpath : ''),
                            e.textContent.trim()];
                })"""
        )
