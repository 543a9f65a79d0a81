"""Every core block renders on a public page, in the core templates and through a theme override."""

import io
import json

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from cunwu.layouts.models import ReusableContent
from cunwu.pages.blocks import core_blocks
from cunwu.pages.models import ArticlePage, SectionPage
from cunwu.towns.models import Town


@pytest.fixture
def media(town):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "blue").save(buffer, "PNG")
    image = Image.objects.create(title="会议照片", file=ImageFile(io.BytesIO(buffer.getvalue()), name="m.png"), collection=town.collection)
    document = Document.objects.create(title="村规民约", collection=town.collection)
    document.file.save("rules.pdf", io.BytesIO(b"%PDF-1.4 test"), save=True)
    return image, document


def every_block(section, image, document):
    link = {"label": "去看看", "page": section.pk, "url": ""}
    kept, _made = ReusableContent.objects.get_or_create(
        town=Town.for_page(section), title="申诉方式", defaults={"body": [{"type": "rich_text", "value": "<p>复用的申诉方式</p>"}]}
    )
    return [
        {"type": "hero", "value": {"title": "英雄横幅", "subtitle": "副标题文字", "image": image.pk, "link": link}},
        {"type": "announcement", "value": {"text": "紧急通知内容", "level": "urgent", "link": link, "expires": None}},
        {"type": "rich_text", "value": "<p>富文本段落</p>"},
        {"type": "quick_links", "value": {"title": "快捷入口", "columns": "3", "links": [{"icon": "apply", "link": {"label": "我要办", "page": section.pk, "url": ""}}]}},
        {"type": "notice_list", "value": {"title": "公告列表", "parent": section.pk, "count": 5, "show_dates": True}},
        {"type": "image", "value": {"image": image.pk, "caption": "单张图片说明"}},
        {"type": "gallery", "value": {"title": "图片集", "images": [{"image": image.pk, "caption": "图集说明"}]}},
        {"type": "documents", "value": {"title": "文件下载", "documents": [document.pk]}},
        {"type": "contact", "value": {"name": "镇纪委", "role": "监督", "phone": "0937-5521234", "address": "镇政府", "hours": "工作日"}},
        {"type": "statistics", "value": {"title": "数据统计", "show_visits": True, "show_plugin_figures": True, "extra": [{"label": "公开事项", "value": "42"}]}},
        {"type": "qr_code", "value": {"page": section.pk, "caption": "扫码访问"}},
        {"type": "video", "value": {"url": "https://player.bilibili.com/player.html?bvid=BV1", "title": "会议视频", "caption": "视频说明"}},
        {"type": "columns", "value": {"columns": [[{"type": "rich_text", "value": "<p>左栏</p>"}], [{"type": "rich_text", "value": "<p>右栏</p>"}]]}},
        {"type": "accordion", "value": {"title": "常见问题", "items": [{"question": "怎么查财务？", "answer": "<p>点财务公开</p>"}]}},
        {"type": "table", "value": {"title": "表格标题", "table": {"data": [["项目", "金额"], ["办公费", "10"]], "first_row_is_table_header": True, "first_col_is_header": False}}},
        {"type": "call_to_action", "value": {"title": "马上反映", "text": "说明文字", "link": link}},
        {"type": "reusable", "value": kept.pk},
    ]


EXPECTED = [
    "英雄横幅", "紧急通知内容", "富文本段落", "我要办", "公告标题一", "单张图片说明", "图集说明", "村规民约",
    "tel:0937-5521234", "公开事项", "<svg", "player.bilibili.com", "左栏", "怎么查财务？", "办公费", "马上反映",
    "复用的申诉方式",
]


def publish_with_all_blocks(town, media):
    image, document = media
    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    notice = ArticlePage(title="公告标题一", summary="")
    section.add_child(instance=notice)
    notice.save_revision().publish()
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    page.body = json.dumps(every_block(section, image, document), ensure_ascii=False)
    page.save_revision().publish()
    return page


def test_the_test_covers_every_core_block(town, media):
    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    assert {name for name, _block in core_blocks()} == {item["type"] for item in every_block(section, *media)}


def test_every_core_block_renders(client, town, media):
    page = publish_with_all_blocks(town, media)
    response = client.get(page.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    for text in EXPECTED:
        assert text in response.text, text
    assert 'role="alert"' in response.text
    assert "魅力西湖" not in response.text  # the default theme has no West Lake banner


def test_a_theme_overrides_a_block_template(client, town, media):
    town.theme = "westlake"
    town.save()
    page = publish_with_all_blocks(town, media)
    response = client.get(page.url, HTTP_HOST="localhost")
    assert "theme-westlake-banner" in response.text
    assert "/static/themes/westlake/css/theme.css" in response.text


def test_video_from_a_host_not_allowed_is_refused_on_save(town):
    from django.core.exceptions import ValidationError

    block = dict(core_blocks())["video"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": "https://evil.example/player", "title": "x", "caption": ""}))


def test_an_expired_announcement_is_hidden(client, town):
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    page.body = json.dumps([{"type": "announcement", "value": {"text": "过期的通知", "level": "info", "link": {"label": "", "page": None, "url": ""}, "expires": "2020-01-01"}}])
    page.save_revision().publish()
    assert "过期的通知" not in client.get(page.url, HTTP_HOST="localhost").text


def test_queries_do_not_grow_with_notice_lists(client, town, django_assert_max_num_queries):
    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    for index in range(12):
        child = ArticlePage(title=f"公告{index}")
        section.add_child(instance=child)
        child.save_revision().publish()
    page = SectionPage.objects.descendant_of(town.root_page).get(slug="lianxi")
    one = [{"type": "notice_list", "value": {"title": "列表", "parent": section.pk, "count": 5, "show_dates": True}}]

    def count_queries(blocks):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        page.body = json.dumps(blocks)
        page.save_revision().publish()
        client.get(page.url, HTTP_HOST="localhost")  # warm the site root cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url, HTTP_HOST="localhost")
        assert response.status_code == 200
        return len(captured), response.text

    few, _ = count_queries(one)
    many, text = count_queries(one * 6)
    assert many == few
    assert text.count("公告11") == 6
