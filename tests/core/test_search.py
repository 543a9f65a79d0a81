"""The town search in Chinese: pages and enabled plugins' records of the town only, ranked and highlighted."""

import datetime
import html
import json
import re

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from cunwu.pages.models import ArticlePage, SectionPage
from cunwu.plugins import api
from cunwu.plugins.models import PluginActivation
from cunwu.search.models import SearchEntry
from cunwu.search.text import query_terms

RESULT = re.compile(r'<h2 class="search-result__title"><a href="([^"]*)">(.*?)</a></h2>', re.S)
PLUGIN = "livestream"


def publish(parent, title, body="", date=None):
    page = ArticlePage(
        title=title, date=date, body=json.dumps([{"type": "rich_text", "value": f"<p>{body}</p>"}], ensure_ascii=False)
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def section(town):
    return SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")


def search(client, query, host="localhost", **params):
    """The search as a visitor makes it: through the search form in the town's header."""
    home = client.get("/", HTTP_HOST=host)
    action = re.search(r'<form class="site-search" action="([^"]+)"', home.text).group(1)
    return client.get(action, {"q": query, **params}, HTTP_HOST=host)


def titles(response):
    assert response.status_code == 200
    return [html.unescape(re.sub(r"<[^>]+>", "", title)) for _url, title in RESULT.findall(response.text)]


@pytest.fixture
def notices(town):
    parent = section(town)
    return {
        "补贴": publish(parent, "向阳村耕地地力保护补贴发放公示", "共发放345户，公示期7天。", datetime.date(2026, 11, 6)),
        "低保": publish(parent, "西湖镇2026年度低保救助对象公示", "现将低保对象名单予以公示。", datetime.date(2026, 10, 30)),
        "财务": publish(parent, "2026年10月北沟村财务收支公开", "北沟村10月收入12,450元，支出9,870元。", datetime.date(2026, 11, 20)),
        "会议": publish(parent, "关于召开第四季度村务监督日的通知", "欢迎村民参加。", datetime.date(2026, 11, 13)),
    }


@pytest.mark.sqlite
def test_chinese_words_find_the_pages_whose_titles_hold_them(client, notices):
    assert titles(search(client, "补贴")) == ["向阳村耕地地力保护补贴发放公示"]
    assert set(titles(search(client, "公示"))) == {"向阳村耕地地力保护补贴发放公示", "西湖镇2026年度低保救助对象公示"}
    assert titles(search(client, "低保")) == ["西湖镇2026年度低保救助对象公示"]
    response = search(client, "低保")
    assert 'href="/cunwu-gongkai/' in response.text and "2026-10-30" in response.text
    assert "文章或公告" in response.text  # the kind of result


@pytest.mark.sqlite
def test_a_query_without_spaces_matches_its_words(client, notices):
    assert {"北沟", "村", "财务", "公开"} <= set(query_terms("北沟村财务公开"))
    response = search(client, "北沟村财务公开")
    assert titles(response) == ["2026年10月北沟村财务收支公开"]
    assert "<mark>北沟村财务</mark>收支<mark>公开</mark>" in response.text


@pytest.mark.sqlite
def test_when_no_page_holds_every_word_pages_holding_more_of_them_come_first(client, notices):
    found = titles(search(client, "低保 公示 火星"))
    assert found[:2] == ["西湖镇2026年度低保救助对象公示", "向阳村耕地地力保护补贴发放公示"]


@pytest.mark.sqlite
def test_results_of_another_town_never_appear(client, town, other_town, notices):
    publish(section(other_town), "柳河镇低保救助对象公示")
    assert titles(search(client, "低保")) == ["西湖镇2026年度低保救助对象公示"]
    assert titles(search(client, "低保", host="liuhe.localhost")) == ["柳河镇低保救助对象公示"]
    assert titles(search(client, "补贴", host="liuhe.localhost")) == []
    assert "没有找到“补贴”" in search(client, "补贴", host="liuhe.localhost").text


@pytest.mark.sqlite
def test_matches_are_highlighted_and_everything_else_escaped(client, town):
    publish(section(town), "<script>alert(1)</script>补贴说明", 'body <b onclick="x()">补贴</b> 发放 & 公示')
    response = search(client, "补贴")
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>补贴</mark>说明" in response.text
    assert "onclick" not in response.text  # rich text is indexed as plain text, not markup
    assert "<mark>补贴</mark> 发放 &amp; 公示" in response.text


@pytest.mark.sqlite
def test_a_title_hit_ranks_above_a_body_hit_even_when_older(client, town):
    parent = section(town)
    publish(parent, "村务监督日通知", "会上通报低保复核情况。", datetime.date(2026, 11, 30))
    publish(parent, "低保救助政策问答", "", datetime.date(2025, 1, 1))
    assert titles(search(client, "低保")) == ["低保救助政策问答", "村务监督日通知"]


@pytest.mark.sqlite
def test_unpublished_deleted_and_private_pages_disappear(client, town, django_capture_on_commit_callbacks):
    page = publish(section(town), "农村低保申请须知")
    assert titles(search(client, "低保")) == ["农村低保申请须知"]
    page.unpublish()
    assert titles(search(client, "低保")) == []
    page.save_revision().publish()
    assert titles(search(client, "低保")) == ["农村低保申请须知"]
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="pw")
    assert titles(search(client, "低保")) == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert titles(search(client, "低保")) == ["农村低保申请须知"]
    page.delete()
    assert titles(search(client, "低保")) == []
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def fake_documents(town):
    """A plugin's search provider: one public record per town, named after the town."""
    yield api.SearchDoc(
        key="broadcast:1",
        title=f"{town.name}低保政策宣讲直播",
        text="镇民政办讲解最低生活保障的申请条件。",
        url="/p/livestream/1/",
        kind="直播",
        date=datetime.datetime(2026, 11, 25, 9, 30, tzinfo=datetime.timezone.utc),
    )


@pytest.fixture
def fake_provider(monkeypatch):
    monkeypatch.setattr(api.get_plugin(PLUGIN), "search", "tests.core.test_search.fake_documents")


@pytest.mark.sqlite
def test_plugin_records_are_found_after_reindex_and_only_while_the_plugin_is_on(
    client, town, other_town, enable_plugin, fake_provider
):
    assert titles(search(client, "宣讲")) == []
    enable_plugin(town, PLUGIN)  # switching on indexes the plugin's records
    response = search(client, "宣讲")
    assert titles(response) == ["西湖镇低保政策宣讲直播"]
    assert 'href="/p/livestream/1/"' in response.text and "直播" in response.text and "2026-11-25" in response.text
    assert "<mark>宣讲</mark>" in response.text
    assert titles(search(client, "宣讲", host="liuhe.localhost")) == []

    SearchEntry.objects.filter(source=PLUGIN).delete()
    assert api.reindex_search(town, PLUGIN) == 1  # what a plugin calls after publishing a record
    assert titles(search(client, "宣讲")) == ["西湖镇低保政策宣讲直播"]

    # A plugin switched off without the index hearing of it: its records are still never shown.
    activation = PluginActivation.objects.get(town=town, plugin=PLUGIN)
    activation.enabled = False
    activation.save()  # (saving retires the cached town, as every switch does)
    assert titles(search(client, "宣讲")) == []
    activation.enabled = True
    activation.save()
    town.__dict__.pop("enabled_plugin_labels", None)
    enable_plugin(town, PLUGIN, enabled=False)
    assert titles(search(client, "宣讲")) == []
    assert not SearchEntry.objects.filter(town=town, source=PLUGIN).exists()
    assert api.reindex_search(town, PLUGIN) == 0


@pytest.mark.sqlite
def test_a_failing_provider_keeps_the_previous_entries(town, enable_plugin, fake_provider, monkeypatch):
    enable_plugin(town, PLUGIN)
    monkeypatch.setattr(api.get_plugin(PLUGIN), "search", "tests.core.test_search.broken_documents")
    assert api.reindex_search(town, PLUGIN) == 0
    assert SearchEntry.objects.filter(town=town, source=PLUGIN).count() == 1


def broken_documents(town):
    yield api.SearchDoc("a", "完好", "", "/", "直播")
    raise RuntimeError("the plugin broke half way")


@pytest.mark.sqlite
def test_control_characters_are_refused_in_chinese_and_long_queries_capped(client, town, notices):
    for bad in ("\x1b[31m低保", "低\x7f保"):
        response = search(client, bad)
        assert response.status_code == 400
        assert "无法搜索" in response.text
    nul = search(client, "低保\x00")  # refused before the search, by the input guard of every page
    assert nul.status_code == 400 and "不允许的字符" in nul.text
    long = search(client, "低保" + "啊" * 5000)  # a pasted essay: refused with a Chinese word, before any query
    assert long.status_code == 400 and "太长" in long.text
    assert search(client, "低保" + "啊" * 500).status_code == 200
    assert search(client, "低保", page="abc").status_code == 200
    assert titles(search(client, "低保", page="99")) == ["西湖镇2026年度低保救助对象公示"]
    assert titles(search(client, "，。！")) == []


@pytest.mark.sqlite
def test_results_are_paged_newest_first_among_equals(client, town):
    parent = section(town)
    for day in range(1, 13):
        publish(parent, f"低保公示第{day}期", "", datetime.date(2026, 11, day))
    first = search(client, "低保公示")
    assert "12" in first.text and titles(first) == [f"低保公示第{day}期" for day in range(12, 2, -1)]
    next_link = html.unescape(re.search(r'<a class="button" rel="next" href="([^"]+)"', first.text).group(1))
    second = client.get("/search/" + next_link, HTTP_HOST="localhost")
    assert titles(second) == ["低保公示第2期", "低保公示第1期"]


@pytest.mark.sqlite
def test_rebuild_restores_a_lost_index(client, town, enable_plugin, fake_provider):
    publish(section(town), "低保资金发放公示")
    enable_plugin(town, PLUGIN)
    SearchEntry.objects.all().delete()
    assert titles(search(client, "低保")) == []
    call_command("rebuild_search", "--town", "xihu", stdout=open("/dev/null", "w"))
    assert set(titles(search(client, "低保"))) == {"低保资金发放公示", "西湖镇低保政策宣讲直播"}
    assert SearchEntry.objects.filter(town=town, source="page", title="西湖镇").exists()  # the home page too


@pytest.mark.sqlite
def test_a_moved_page_is_found_at_its_new_address(client, town):
    page = publish(section(town), "低保复核结果公示")
    target = SectionPage.objects.descendant_of(town.root_page).get(slug="wo-yao-ban")
    page.move(target, pos="last-child")
    response = search(client, "低保")
    assert titles(response) == ["低保复核结果公示"]
    assert 'href="/wo-yao-ban/' in response.text and client.get(RESULT.search(response.text).group(1), HTTP_HOST="localhost").status_code == 200
