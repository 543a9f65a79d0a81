"""图文直播 and questions: what villagers see, what moderators do, and hostile input."""


import pytest
from django.urls import reverse

from livestream.models import LiveUpdate, Question

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def feed(client, page, after=0):
    return client.get(f"/p/livestream/broadcast/{page.pk}/feed.json?after={after}", HTTP_HOST="localhost").json()


def ask(client, page, body, name="王大明"):
    return client.post(f"/p/livestream/broadcast/{page.pk}/ask/", {"name": name, "body": body}, HTTP_HOST="localhost")


def test_editor_posts_updates_in_the_admin_and_the_feed_returns_only_new_ones(client, editor, live, live_town):
    url = reverse("livestream_liveupdate_modeladmin_create")
    form = client.get(url, HTTP_HOST="localhost")
    assert form.status_code == 200 and "村务监督日" in form.text
    for body in ("会议开始，村支书通报财务", "进入答疑环节"):
        assert client.post(url, {"broadcast": live.pk, "body": body}, HTTP_HOST="localhost").status_code == 302
    first, second = LiveUpdate.objects.order_by("pk")
    assert first.town == live_town
    data = feed(client, live)
    assert data["state"] == "live" and [u["body"] for u in data["updates"]] == ["会议开始，村支书通报财务", "进入答疑环节"]
    assert [u["body"] for u in feed(client, live, after=first.pk)["updates"]] == ["进入答疑环节"]
    assert "进入答疑环节" in client.get(live.url, HTTP_HOST="localhost").text


def test_editors_cannot_post_to_another_towns_broadcast(client, editor, live, other_town, enable_plugin):
    from livestream.models import BroadcastIndexPage, BroadcastPage

    enable_plugin(other_town, "livestream")
    schedule = BroadcastIndexPage(title="柳河直播", slug="broadcasts")
    other_town.root_page.add_child(instance=schedule)
    foreign = BroadcastPage(title="柳河村民大会", starts_at=live.starts_at, source_url="https://a.example.cn/x.m3u8")
    schedule.add_child(instance=foreign)
    url = reverse("livestream_liveupdate_modeladmin_create")
    assert "柳河村民大会" not in client.get(url, HTTP_HOST="localhost").text
    response = client.post(url, {"broadcast": foreign.pk, "body": "冒充"}, HTTP_HOST="localhost")
    assert response.status_code == 400 and not LiveUpdate.objects.exists()


def test_hostile_updates_and_questions_are_escaped(client, live, live_town):
    live.updates.create(town=live_town, body=HOSTILE)
    assert ask(client, live, HOSTILE, name="<b>x</b>").status_code == 302
    Question.objects.update(status=Question.Status.APPROVED, answer=HOSTILE)
    html = client.get(live.url, HTTP_HOST="localhost").text
    assert '<script>alert("x")</script>' not in html and "<img src=x" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    data = feed(client, live)
    assert data["updates"][0]["body"] == HOSTILE  # plain text: the page inserts it with textContent


def test_a_question_stays_hidden_until_a_moderator_approves_and_answers(
    client, live, live_town, make_user, django_capture_on_commit_callbacks
):
    from cunwu.plugins.api import Role

    response = ask(client, live, "低保名单什么时候公示？")
    assert response.status_code == 302
    assert "审核后会显示" in client.get(response["Location"], HTTP_HOST="localhost").text
    question = Question.objects.get()
    assert question.status == "pending"
    assert "低保名单" not in client.get(live.url, HTTP_HOST="localhost").text and feed(client, live)["questions"] == []

    moderator = make_user("shenhe", live_town, Role.TOWN_EDITOR, is_staff=True)
    client.force_login(moderator)
    edit = reverse("livestream_question_modeladmin_edit", args=[question.pk])
    with django_capture_on_commit_callbacks(execute=True):  # the cached feed is refreshed when the change commits
        assert client.post(edit, {"status": "approved", "answer": ""}, HTTP_HOST="localhost").status_code == 302
    client.logout()
    assert "低保名单什么时候公示" in client.get(live.url, HTTP_HOST="localhost").text
    assert feed(client, live)["questions"][0]["answer"] == ""
    assert "王*明" in client.get(live.url, HTTP_HOST="localhost").text

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"status": "approved", "answer": "本月28日公示"}, HTTP_HOST="localhost")
    question.refresh_from_db()
    assert question.answered_at is not None
    assert feed(client, live)["questions"][0]["answer"] == "本月28日公示"
    refused = client.post(edit, {"status": "approved", "answer": "下月再说"}, HTTP_HOST="localhost")
    assert refused.status_code == 200 and "答复已公开，不能修改" in refused.text
    question.refresh_from_db()
    assert question.answer == "本月28日公示"


def test_questions_are_limited_and_only_taken_while_live(client, live, make_broadcast):
    from livestream import guards

    allowed = guards.ASK[1].challenge_after
    for n in range(allowed):
        assert ask(client, live, f"第{n}个问题：道路什么时候修？").status_code == 302
    response = ask(client, live, "再问一个问题：还有问题")  # the same address again: the picture challenge first
    assert response.status_code == 400 and 'name="captcha_1"' in response.text
    assert Question.objects.count() == allowed

    upcoming = make_broadcast("下周的会")
    client.cookies.clear()
    from django.core.cache import cache

    cache.clear()
    response = ask(client, upcoming, "能提前问吗？")
    assert response.status_code == 400 and "只有直播进行中才能提问" in response.text


def test_a_posted_update_is_corrected_by_a_new_one_and_both_stay_visible(client, editor, live, live_town):
    wrong = live.updates.create(town=live_town, body="第三季度支出 98 万元")
    edit = reverse("livestream_liveupdate_modeladmin_edit", args=[wrong.pk])
    refused = client.post(edit, {"broadcast": live.pk, "body": "悄悄改掉"}, HTTP_HOST="localhost")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "permission denied"
    url = reverse("livestream_liveupdate_modeladmin_create")
    response = client.post(url, {"broadcast": live.pk, "body": "更正：第三季度支出 9.8 万元", "corrects": wrong.pk}, HTTP_HOST="localhost")
    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.body == "第三季度支出 98 万元"
    html = client.get(live.url, HTTP_HOST="localhost").text
    assert "第三季度支出 98 万元" in html and "（已更正，见下文）" in html and "9.8 万元" in html
    assert feed(client, live, after=wrong.pk)["updates"][0]["corrects"] == wrong.pk
