"""An editor ends a broadcast from the admin; villagers see "ended, replay soon" at once."""


import pytest

pytestmark = pytest.mark.django_db


def end_url(page):
    return f"/admin/livestream/broadcast/{page.pk}/end/"


def test_editor_ends_a_live_broadcast_and_the_public_page_flips(client, live, live_town, make_user, django_capture_on_commit_callbacks):
    from cunwu.plugins.api import Role

    assert "正在直播" in client.get(live.url, HTTP_HOST="localhost").text
    editor = make_user("zhubo", live_town, Role.TOWN_EDITOR, is_staff=True)
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{live.pk}/edit/", HTTP_HOST="localhost")
    assert end_url(live) in edit.text and "立即结束直播" in edit.text
    confirm = client.get(end_url(live), HTTP_HOST="localhost")
    assert confirm.status_code == 200 and "确定现在结束" in confirm.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(end_url(live), HTTP_HOST="localhost")
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.ended_at is not None and not live.has_unpublished_changes
    assert live.get_latest_revision().user == editor
    history = client.get(f"/admin/pages/{live.pk}/history/", HTTP_HOST="localhost").text
    assert "结束了直播" in history  # the page's history says who ended it
    client.logout()
    html = client.get(live.url, HTTP_HOST="localhost").text
    assert "直播已结束，回放稍后在这里发布" in html and "<video" not in html
    feed = client.get(f"/p/livestream/broadcast/{live.pk}/feed.json", HTTP_HOST="localhost").json()
    assert feed["state"] == "ended"


def test_ending_keeps_an_unpublished_draft(client, live, live_town, make_user):
    from cunwu.plugins.api import Role

    live.title = "村务监督日（草稿标题）"
    live.save_revision()
    client.force_login(make_user("zhubo", live_town, Role.TOWN_EDITOR, is_staff=True))
    assert client.post(end_url(live), HTTP_HOST="localhost").status_code == 302
    live.refresh_from_db()
    assert live.ended_at is not None and live.title == "村务监督日"
    draft = live.get_latest_revision_as_object()
    assert draft.title == "村务监督日（草稿标题）" and draft.ended_at == live.ended_at


def test_only_live_broadcasts_of_ones_own_town_can_be_ended(client, live, make_broadcast, live_town, other_town, make_user):
    from cunwu.plugins.api import Role

    outsider = make_user("liuhe", other_town, Role.TOWN_EDITOR, is_staff=True)
    client.force_login(outsider)
    assert client.post(end_url(live), HTTP_HOST="localhost").status_code in (302, 403)
    live.refresh_from_db()
    assert live.ended_at is None

    client.force_login(make_user("zhubo", live_town, Role.TOWN_EDITOR, is_staff=True))
    upcoming = make_broadcast("下周的会")
    response = client.post(end_url(upcoming), HTTP_HOST="localhost")
    assert response.status_code == 409 and "没有在直播" in response.text
    upcoming.refresh_from_db()
    assert upcoming.ended_at is None
