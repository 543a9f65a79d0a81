"""From a page's history screen an editor previews and restores any earlier version, the first published one
included, as a new draft: nothing is published by restoring."""

import re

import pytest
from django.utils import translation

from cunwu.pages.models import ArticlePage, HomePage
from cunwu.towns.models import Role


def paragraph(text):
    return [{"type": "rich_text", "value": f"<p>{text}</p>"}]


@pytest.fixture
def harvest(town, make_user):
    """秋收专题, published, then published again with new words."""
    editor = make_user("xihu-editor", town, Role.TOWN_EDITOR)
    home = HomePage.objects.get(pk=town.site.root_page_id)
    page = home.add_child(instance=ArticlePage(title="秋收专题", slug="qiushou-zhuanti", body=paragraph("玉米亩产八百斤")))
    first = page.save_revision(user=editor)
    first.publish(user=editor)
    page = ArticlePage.objects.get(pk=page.pk)
    page.title, page.body = "秋收专题（更新）", paragraph("数字写错了")
    page.save_revision(user=editor).publish(user=editor)
    return editor, ArticlePage.objects.get(pk=page.pk), first


def links(html):
    """(label, href) of the history screen's action menus."""
    return [(label.strip(), href) for href, label in re.findall(r'<a href="([^"]+)"[^>]*>\s*([^<]+?)\s*</a>', html)]


@pytest.mark.sqlite
def test_first_published_version_is_restored_as_a_draft_from_the_history_screen(client, harvest):
    editor, page, first = harvest
    client.force_login(editor)
    with translation.override("zh-hans"):
        history = client.get(f"/admin/pages/{page.pk}/history/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    labels = [label for label, _href in links(history)]
    assert "审核这个修订" not in history
    assert "恢复为此版本" in labels and "预览此版本" in labels
    # The oldest entry is the first publication: its restore link is the last one on the screen.
    restore = [href for label, href in links(history) if label == "恢复为此版本"][-1]
    preview = [href for label, href in links(history) if label == "预览此版本"][-1]
    assert str(first.pk) in restore and str(first.pk) in preview
    assert "玉米亩产八百斤" in client.get(preview).content.decode()

    confirm = client.get(restore).content.decode()
    assert "不会发布" in confirm and "恢复为草稿" in confirm
    action = re.search(r'<form method="post"[^>]*data-restore-revision', confirm)
    assert action is not None
    response = client.post(restore)
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"

    page = ArticlePage.objects.get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    assert (draft.title, draft.body.raw_data[0]["value"]) == ("秋收专题", "<p>玉米亩产八百斤</p>")
    assert page.has_unpublished_changes
    # The public page still shows the version published last.
    assert (page.title, page.body.raw_data[0]["value"]) == ("秋收专题（更新）", "<p>数字写错了</p>")
    assert "数字写错了" in client.get(page.url).content.decode()


@pytest.mark.sqlite
def test_an_editor_of_another_town_cannot_restore(client, harvest, other_town, make_user):
    _editor, page, first = harvest
    client.force_login(make_user("liuhe-editor", other_town, Role.TOWN_EDITOR))
    url = f"/admin/pages/{page.pk}/revisions/{first.pk}/restore/"
    assert client.get(url).status_code in (302, 403, 404)
    assert client.post(url).status_code in (302, 403, 404)
    assert not ArticlePage.objects.get(pk=page.pk).has_unpublished_changes
