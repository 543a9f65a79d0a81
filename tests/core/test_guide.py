"""The Chinese editor's guide in the admin: where an editor finds it, and which pages they see."""

import re

import pytest

from cunwu.towns.models import Role


@pytest.fixture
def editor(client, town, make_user):
    user = make_user("xihu-editor", town, Role.TOWN_EDITOR)
    client.force_login(user)
    return user


def links(html):
    return re.findall(r'href="([^"]+)"', html)


@pytest.mark.sqlite
def test_the_dashboard_and_the_menu_lead_to_the_chinese_guide_not_wagtails(client, editor):
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "使用帮助" in dashboard.text and "/admin/guide/" in links(dashboard.text)
    assert "guide.wagtail.org" not in dashboard.text  # neither the help menu nor the account summary
    assert "编辑指南" not in dashboard.text

    guide = client.get("/admin/guide/")
    assert guide.status_code == 200
    assert "按任务一步一步说明" in guide.text
    assert "/admin/guide/build-page/" in links(guide.text) and "/admin/guide/moderate/" in links(guide.text)

    page = client.get("/admin/guide/build-page/")
    assert "搭建一个页面" in page.text and "添加子页面" in page.text and "文章或公告" in page.text
    assert client.get("/admin/guide/moderate/").status_code == 200


def test_a_plugin_topic_shows_only_where_the_plugin_is_on(client, town, editor, enable_plugin):
    assert "/admin/guide/broadcast/" not in links(client.get("/admin/guide/").text)
    assert client.get("/admin/guide/broadcast/").status_code == 404

    enable_plugin(town, "livestream")
    enable_plugin(town, "disclosure")
    guide = client.get("/admin/guide/")
    assert "开一场直播" in guide.text and "公开月度财务" in guide.text
    page = client.get("/admin/guide/broadcast/")
    assert page.status_code == 200 and "添加 图文直播消息" in page.text
    dashboard = client.get("/admin/")
    assert "/admin/guide/broadcast/" in links(dashboard.text)

    enable_plugin(town, "livestream", enabled=False)
    assert "开一场直播" not in client.get("/admin/guide/").text
    assert client.get("/admin/guide/broadcast/").status_code == 404


def test_the_appeals_topic_is_for_those_who_handle_cases(client, town, make_user, enable_plugin):
    enable_plugin(town, "appeals")
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    assert "办理群众诉求" not in client.get("/admin/guide/").text
    client.force_login(make_user("xihu-admin", town, Role.TOWN_ADMIN))
    assert "办理群众诉求" in client.get("/admin/guide/").text
    assert "诉求件" in client.get("/admin/guide/appeal/").text


def test_the_guide_speaks_english_to_an_english_admin(client, editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    guide = client.get("/admin/guide/")
    assert "Build a page" in guide.text and "Help for editors" in guide.text
