"""Editors' documents and images: judged by content when uploaded through the admin (the add form, the multiple
uploader and the choosers), stored without metadata, and a town's documents downloaded on that town's host only."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from pypdf.generic import TextStringObject
from wagtail.documents.models import Document
from wagtail.images.models import Image

from cunwu.towns.models import Role
from tests.core.test_uploads import action, has_metadata, jpeg_with_gps, open_action, pdf_with

HOSTILE_PDF = pdf_with(open_action(action("/JavaScript", JS=TextStringObject("app.alert(1)"))))


@pytest.fixture
def editor(client, town, make_user):
    user = make_user("xihu-editor", town, Role.TOWN_EDITOR)
    client.force_login(user)
    return user


def document_of(town, filename, data, collection=None):
    document = Document(title=filename, collection=collection or town.collection)
    document.file.save(filename, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def download(client, document, host):
    response = client.get(document.url, HTTP_HOST=host)
    return response, (b"".join(response.streaming_content) if response.status_code == 200 else b"")


# ---- served on its own town's host only ----------------------------------------------------------------------

def test_a_document_downloads_on_its_towns_host_and_is_missing_on_another(client, town, other_town):
    document = document_of(town, "村规民约.pdf", pdf_with())
    response, data = download(client, document, "localhost")
    assert response.status_code == 200 and data == pdf_with()
    assert response["X-Content-Type-Options"] == "nosniff"
    response, _data = download(client, document, "liuhe.localhost")
    assert response.status_code == 404


def test_a_document_in_a_collection_below_the_towns_serves_there_only(client, town, other_town):
    below = town.collection.add_child(name="西湖镇 · 通知")
    document = document_of(town, "通知.txt", "通知内容".encode(), collection=below)
    assert download(client, document, "localhost")[0].status_code == 200
    assert download(client, document, "liuhe.localhost")[0].status_code == 404


def test_a_document_of_no_town_is_served_nowhere(client, town):
    from wagtail.models import Collection

    document = document_of(town, "root.txt", b"root", collection=Collection.get_first_root_node())
    assert download(client, document, "localhost")[0].status_code == 404


def test_anything_but_a_pdf_or_picture_is_a_download_never_sniffed(client, town):
    response, data = download(client, document_of(town, "名单.csv", "姓名,村\n张三,北沟村\n".encode()), "localhost")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=UTF-8''%E5%90%8D%E5%8D%95" in response["Content-Disposition"]  # 名单, kept in Chinese
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


# ---- documents uploaded through the admin --------------------------------------------------------------------

def add_document(client, town, filename, data):
    return client.post("/admin/documents/add/", {
        "title": filename, "collection": town.collection.pk, "file": SimpleUploadedFile(filename, data)})


def test_a_hostile_pdf_is_refused_in_chinese_and_nothing_stored(client, town, editor):
    response = add_document(client, town, "通知.pdf", HOSTILE_PDF)
    assert response.status_code == 200
    assert "“通知.pdf”含有脚本或嵌入文件，已拒收。" in response.text
    assert not Document.objects.exists()


def test_a_plain_pdf_is_stored(client, town, editor):
    response = add_document(client, town, "会议纪要.pdf", pdf_with())
    assert response.status_code == 302
    assert Document.objects.get().collection == town.collection


def docx(parts=("[Content_Types].xml", "word/document.xml")):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part in parts:
            archive.writestr(part, "<xml/>")
    return out.getvalue()


@pytest.mark.parametrize("filename, data, message", [
    ("制度.docx", b"just text", "“制度.docx”的内容与扩展名 .docx 不符。"),
    ("制度.docx", docx(("[Content_Types].xml", "xl/workbook.xml")), "“制度.docx”的内容与扩展名 .docx 不符。"),
    ("宏.docx", docx(("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")), "“宏.docx”含有宏，已拒收。"),
    ("旧.xls", b"PK\x03\x04 not ole", "“旧.xls”的内容与扩展名 .xls 不符。"),
    ("宏.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Macros/_VBA_PROJECT".encode("utf-16-le"), "“宏.doc”含有宏，已拒收。"),
    ("page.txt", b"  <html><script>alert(1)</script></html>", "“page.txt”像是网页或脚本，已拒收。"),
    ("bin.csv", b"\x00\x01\x02\xff\xfe", "“bin.csv”的内容与扩展名 .csv 不符。"),
    ("x.zip", b"MZ\x90\x00", "“x.zip”的内容与扩展名 .zip 不符。"),
    ("photo.jpg", HOSTILE_PDF, "“photo.jpg”不是 JPEG、PNG、WebP 或 HEIC 格式的图片。"),
])
def test_a_document_whose_content_is_not_its_name_is_refused(client, town, editor, filename, data, message):
    response = add_document(client, town, filename, data)
    assert message in response.text
    assert not Document.objects.exists()


@pytest.mark.parametrize("filename, data", [
    ("制度.docx", docx()),
    ("名单.csv", "姓名,村\n张三,北沟村\n".encode("gb18030")),  # what Excel writes on a Chinese Windows
    ("说明.txt", "\ufeff说明".encode("utf-8")),
    ("旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
    ("表格.zip", docx(("a.txt", "b.txt"))),
])
def test_documents_matching_their_name_are_stored(client, town, editor, filename, data):
    assert add_document(client, town, filename, data).status_code == 302
    assert Document.objects.get().file.read() == data


def test_a_picture_uploaded_as_a_document_loses_its_gps(client, town, editor):
    assert add_document(client, town, "现场.jpg", jpeg_with_gps()).status_code == 302
    assert not has_metadata(Document.objects.get().file.read())


def test_the_multiple_uploader_refuses_a_hostile_pdf_in_chinese(client, town, editor):
    response = client.post("/admin/documents/multiple/add/", {
        "collection": town.collection.pk, "files[]": SimpleUploadedFile("通知.pdf", HOSTILE_PDF)})
    assert response.json() == {"success": False, "error_message": "“通知.pdf”含有脚本或嵌入文件，已拒收。"}
    assert not Document.objects.exists()


def test_the_document_choosers_upload_refuses_a_hostile_pdf(client, town, editor):
    response = client.post("/admin/documents/chooser/create/", {
        "document-chooser-upload-title": "通知", "document-chooser-upload-collection": town.collection.pk,
        "document-chooser-upload-file": SimpleUploadedFile("通知.pdf", HOSTILE_PDF)})
    assert "含有脚本或嵌入文件，已拒收" in response.json()["htmlFragment"]
    assert not Document.objects.exists()


# ---- images uploaded through the admin -----------------------------------------------------------------------

def stored_image():
    image = Image.objects.get()
    with image.file.open("rb") as handle:
        return handle.read(), image


@pytest.mark.parametrize("memory_limit", [5 * 1024 * 1024, 0], ids=["in-memory", "temporary-file"])
def test_the_add_image_form_stores_a_phone_photo_without_gps(client, town, editor, settings, memory_limit):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = memory_limit  # 0: Django writes the upload to a temporary file
    original = jpeg_with_gps(size=(60, 30), orientation=6)
    response = client.post("/admin/images/add/", {
        "title": "现场", "collection": town.collection.pk, "file": SimpleUploadedFile("现场.jpg", original)})
    assert response.status_code == 302
    data, image = stored_image()
    assert not has_metadata(data)
    assert (image.width, image.height) == (30, 60)  # upright, as the phone showed it


def test_a_heic_photo_is_stored_as_a_jpeg(client, town, editor):
    import pillow_heif

    out = io.BytesIO()
    pillow_heif.from_pillow(PILImage.new("RGB", (32, 16), "red")).save(out, format="HEIF", quality=90)
    response = client.post("/admin/images/add/", {
        "title": "手机照片", "collection": town.collection.pk, "file": SimpleUploadedFile("IMG_0001.HEIC", out.getvalue())})
    assert response.status_code == 302
    data, image = stored_image()
    assert image.file.name.endswith(".jpg") and PILImage.open(io.BytesIO(data)).format == "JPEG"


def test_the_multiple_uploader_stores_photos_without_gps(client, town, editor):
    response = client.post("/admin/images/multiple/add/", {
        "collection": town.collection.pk, "files[]": SimpleUploadedFile("现场.jpg", jpeg_with_gps())})
    assert response.json()["success"] is True
    assert not has_metadata(stored_image()[0])


def test_the_image_choosers_upload_stores_photos_without_gps(client, town, editor):
    response = client.post("/admin/images/chooser/create/", {
        "image-chooser-upload-title": "现场", "image-chooser-upload-collection": town.collection.pk,
        "image-chooser-upload-file": SimpleUploadedFile("现场.jpg", jpeg_with_gps())})
    assert response.status_code == 200
    assert not has_metadata(stored_image()[0])


@pytest.mark.parametrize("filename, data", [("photo.jpg", HOSTILE_PDF), ("photo.png", b"<svg onload=alert(1)>")])
def test_a_file_that_is_not_a_picture_is_refused_as_an_image(client, town, editor, filename, data):
    response = client.post("/admin/images/add/", {
        "title": "x", "collection": town.collection.pk, "file": SimpleUploadedFile(filename, data)})
    assert f"“{filename}”不是 JPEG、PNG、WebP 或 HEIC 格式的图片。" in response.text
    assert not Image.objects.exists()


def test_a_picture_named_wrongly_is_stored_under_its_real_kind(client, town, editor):
    out = io.BytesIO()
    PILImage.new("RGB", (8, 8), "green").save(out, "PNG")
    response = client.post("/admin/images/add/", {
        "title": "x", "collection": town.collection.pk, "file": SimpleUploadedFile("photo.jpg", out.getvalue())})
    assert response.status_code == 302
    assert Image.objects.get().file.name.endswith(".png")
