"""Town editors add questions to a category in the admin; villagers answer them on the public form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from appeals.custom_fields import CategoryField
from appeals.models import Attachment, Case, Category
from tests.appeals.test_public import HOST, form_data, png_bytes

pytestmark = pytest.mark.django_db


def category_post(category, questions):
    data = {
        "town": category.town_id, "name": category.name, "kinds": category.kinds, "default_level": category.default_level, "village": "", "department": "",
        "sort_order": 0, "extra_fields-TOTAL_FORMS": len(questions), "extra_fields-INITIAL_FORMS": 0,
        "extra_fields-MIN_NUM_FORMS": 0, "extra_fields-MAX_NUM_FORMS": 1000,
    }
    for index, question in enumerate(questions):
        for key, value in {"label": "", "kind": "text", "choices": "", "help_text": "", "sort_order": index, "id": "",
                           **question}.items():
            data[f"extra_fields-{index}-{key}"] = value
    return data


QUESTIONS = [
    {"label": "家庭人口", "kind": "number", "required": "on"},
    {"label": "困难类型", "kind": "choice", "choices": "因病\n因灾\n其他", "required": "on"},
    {"label": "发生日期", "kind": "date"},
    {"label": "现场照片", "kind": "photo"},
    {"label": "补充说明", "kind": "long_text", "help_text": "可不填"},
]


@pytest.fixture
def editor(appeals_town, make_user):
    from cunwu.towns.models import Role

    return make_user("editor", appeals_town, Role.TOWN_EDITOR)


@pytest.fixture
def questions(appeals_town):
    category = Category.objects.get(town=appeals_town, name="低保救助")
    for order, question in enumerate(QUESTIONS):
        CategoryField.objects.create(category=category, sort_order=order, **{**question, "required": "required" in question})
    return {field.label: field for field in category.extra_fields.all()}


def test_a_town_editor_adds_questions_inline_and_another_towns_editor_cannot_see_them(
        client, appeals_town, editor, other_town, enable_plugin, make_user):
    from cunwu.towns.models import Role

    category = Category.objects.get(town=appeals_town, name="低保救助")
    client.force_login(editor)
    url = f"/admin/appeals/category/edit/{category.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "本分类村民需回答的问题" in page.content.decode()
    refused = client.post(url, category_post(category, [{"label": "困难类型", "kind": "choice"}]))
    assert refused.status_code == 200 and "选择题至少需要一个选项" in refused.content.decode()
    assert not category.extra_fields.exists()
    saved = client.post(url, category_post(category, QUESTIONS[:2]))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert [(f.label, f.kind, f.required) for f in category.extra_fields.all()] == [
        ("家庭人口", "number", True), ("困难类型", "choice", True)]

    enable_plugin(other_town, "appeals")
    outsider = make_user("liuhe-editor", other_town, Role.TOWN_EDITOR)
    from django.test import Client

    client = Client()  # a fresh session: no flash message from the first editor's save
    client.force_login(outsider)
    listing = client.get("/admin/appeals/category/")
    # 柳河镇 has its own seeded 低保救助; 西湖镇's is neither listed nor reachable
    assert listing.status_code == 200 and f"/category/edit/{category.pk}/" not in listing.content.decode()
    assert client.get(url).status_code in (302, 403, 404)
    client.post(url, category_post(category, [{"label": "偷改", "kind": "text"}]))
    assert [f.label for f in category.extra_fields.all()] == ["家庭人口", "困难类型"]


def test_the_form_shows_the_chosen_categorys_questions_without_javascript(client, appeals_town, questions):
    first = client.get("/p/appeals/submit/", **HOST).content.decode()
    assert "家庭人口" not in first and "显示本分类的问题" in first
    shown = client.post("/p/appeals/submit/", {**form_data(appeals_town), "show_fields": "1"}, **HOST)
    body = shown.content.decode()
    assert shown.status_code == 200 and "家庭人口" in body and "因灾" in body and "可不填" in body
    assert "家里老人生病" in body  # what the villager typed is kept
    assert not Case.objects.exists()
    other = Category.objects.get(town=appeals_town, name="村务公开")
    assert "家庭人口" not in client.post(
        "/p/appeals/submit/", {**form_data(appeals_town, category=other.pk), "show_fields": "1"}, **HOST).content.decode()


def test_valid_answers_are_stored_and_shown_to_staff_and_without_personal_data_to_the_villager(
        client, appeals_town, questions, make_user):
    from cunwu.towns.models import Role

    photo = SimpleUploadedFile("site.png", png_bytes(), content_type="image/png")
    response = client.post("/p/appeals/submit/", {
        **form_data(appeals_town), "extra_%d" % questions["家庭人口"].pk: "4", "extra_%d" % questions["困难类型"].pk: "因灾",
        "extra_%d" % questions["发生日期"].pk: "2026-07-13", "extra_%d" % questions["现场照片"].pk: photo,
        "extra_%d" % questions["补充说明"].pk: "联系13812345678",
    }, **HOST)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.answers == [
        {"label": "家庭人口", "kind": "number", "value": "4"}, {"label": "困难类型", "kind": "choice", "value": "因灾"},
        {"label": "发生日期", "kind": "date", "value": "2026-07-13"}, {"label": "现场照片", "kind": "photo", "value": True},
        {"label": "补充说明", "kind": "long_text", "value": "联系13812345678"},
    ]
    assert Attachment.objects.get(case=case).label == "现场照片"
    status = client.get(response["Location"], **HOST).content.decode()
    assert "因灾" in status and "2026-07-13" in status and "已附照片" in status
    assert "138****5678" in status and "13812345678" not in status

    handler = make_user("handler", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="北沟村"))
    client.force_login(handler)
    screen = client.get(f"/admin/appeals/case/{case.pk}/").content.decode()
    assert "家庭人口" in screen and "因灾" in screen and "联系13812345678" in screen and "现场照片</a>" in screen


def bad(questions, label, value):
    return {"extra_%d" % questions[label].pk: value}


@pytest.mark.parametrize("answers, message", [
    (lambda q: bad(q, "困难类型", "因病"), "“家庭人口”"),  # a required question left empty
    (lambda q: {**bad(q, "家庭人口", "四口"), **bad(q, "困难类型", "因病")}, "“家庭人口”必须是数字"),
    (lambda q: {**bad(q, "家庭人口", "4"), **bad(q, "困难类型", "因为穷")}, "“困难类型”请从给出的选项中选择"),
    (lambda q: {**bad(q, "家庭人口", "4"), **bad(q, "困难类型", "因病"), **bad(q, "发生日期", "去年夏天")},
     "“发生日期”必须是日期"),
    (lambda q: {**bad(q, "家庭人口", "4"), **bad(q, "困难类型", "因病"),
                **bad(q, "现场照片", SimpleUploadedFile("x.jpg", b"<html><script>alert(1)</script>", "image/jpeg"))},
     "“现场照片”的照片未被接受：“x.jpg”不是允许的文件类型"),
    (lambda q: {**bad(q, "家庭人口", "4"), **bad(q, "困难类型", "因病"),
                **bad(q, "现场照片", SimpleUploadedFile("big.png", png_bytes() + b"\0" * (5 * 1024 * 1024), "image/png"))},
     "“现场照片”的照片大于 5 MB"),
])
def test_each_kind_of_bad_answer_is_refused_in_chinese_naming_the_question(client, appeals_town, questions, answers, message):
    response = client.post("/p/appeals/submit/", {**form_data(appeals_town), **answers(questions)}, **HOST)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Case.objects.exists() and not Attachment.objects.exists()
