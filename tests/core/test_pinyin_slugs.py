"""A Chinese title gives a pinyin address: 秋收专题 → /qiushou-zhuanti/ (words joined by hyphens, as the standard
sections' cunwu-gongkai and quanli-qingdan), never the percent-encoded characters."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cunwu.editor.slugs import pinyin_slug
from cunwu.pages.models import ArticlePage, HomePage
from cunwu.towns.models import Role


def add_article(client, parent, title, slug=""):
    data = nested_form_data({"title": title, "slug": slug, "date": "", "summary": "", "body": streamfield([]),
                             "comments": inline_formset([]), "action-publish": "publish"})
    response = client.post(f"/admin/pages/add/cunwu_pages/articlepage/{parent.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return ArticlePage.objects.child_of(parent).filter(title=title).latest("pk")


@pytest.fixture
def editor_client(client, town, make_user):
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    return client


@pytest.mark.sqlite
def test_chinese_title_becomes_a_pinyin_address_unique_among_siblings(editor_client, town):
    home = HomePage.objects.get(pk=town.site.root_page_id)
    first = add_article(editor_client, home, "秋收专题")
    assert first.slug == "qiushou-zhuanti"
    assert first.url.endswith("/qiushou-zhuanti/") and "%" not in first.url
    assert editor_client.get(first.url).status_code == 200

    # The same title again under the same parent: a unique address, the first is untouched.
    data = nested_form_data({"title": "秋收专题", "slug": "", "date": "", "summary": "", "body": streamfield([]),
                             "comments": inline_formset([]), "action-publish": "publish"})
    assert editor_client.post(f"/admin/pages/add/cunwu_pages/articlepage/{home.pk}/", data).status_code == 302
    slugs = sorted(ArticlePage.objects.child_of(home).filter(title="秋收专题").values_list("slug", flat=True))
    assert slugs == ["qiushou-zhuanti", "qiushou-zhuanti-2"]


@pytest.mark.sqlite
def test_the_editor_may_choose_the_address_and_chinese_typed_there_becomes_pinyin(editor_client, town):
    home = HomePage.objects.get(pk=town.site.root_page_id)
    assert add_article(editor_client, home, "秋收专题", slug="harvest-2026").slug == "harvest-2026"
    assert add_article(editor_client, home, "玉米", slug="秋收玉米").slug == "qiushou-yumi"


@pytest.mark.sqlite
def test_an_existing_page_keeps_its_address(editor_client, town):
    home = HomePage.objects.get(pk=town.site.root_page_id)
    old = home.add_child(instance=ArticlePage(title="旧文章", slug="jiu-de-dizhi"))
    data = nested_form_data({"title": "秋收专题", "slug": old.slug, "date": "", "summary": "", "body": streamfield([]),
                             "comments": inline_formset([]), "action-publish": "publish"})
    assert editor_client.post(f"/admin/pages/{old.pk}/edit/", data).status_code == 302
    old.refresh_from_db()
    assert (old.title, old.slug) == ("秋收专题", "jiu-de-dizhi")


@pytest.mark.sqlite
def test_the_live_address_endpoint_answers_pinyin_and_stays_in_the_town(editor_client, town, other_town):
    home = HomePage.objects.get(pk=town.site.root_page_id)
    home.add_child(instance=ArticlePage(title="秋收专题", slug="qiushou-zhuanti"))
    answer = editor_client.get("/admin/cunwu-editor/pinyin-slug/", {"parent": home.pk, "title": "秋收专题"})
    assert answer.json()["slug"] == "qiushou-zhuanti-2"
    theirs = other_town.site.root_page_id
    assert editor_client.get("/admin/cunwu-editor/pinyin-slug/", {"parent": theirs, "title": "秋收"}).status_code == 404


def test_pinyin_of_titles():
    assert pinyin_slug("秋收专题") == "qiushou-zhuanti"
    assert pinyin_slug("重庆银行") == "chongqing-yinhang"  # polyphones read as in the phrase
    assert pinyin_slug("2026年秋收：玉米") == "2026-nian-qiushou-yumi"
    assert pinyin_slug("！？") == ""
