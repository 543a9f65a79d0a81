"""Villagers' attachments: judged by content (active PDFs refused, pictures re-encoded without EXIF/GPS), stored
outside MEDIA_ROOT, given only to staff who may see the case in its own town and village; existing files moved."""

import importlib
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from appeals.models import Attachment, Case
from tests.appeals.test_public import form_data

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "localhost"}


def pdf(change=None):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if change:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def javascript(writer):
    """What pypdf's old add_js wrote: a document-level script in the catalogue's /Names tree."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    action = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('x');")}))
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject("x"), action])})})


def launch(writer):
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")})


def jpeg_with_gps():
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (30.0, 15.0, 7.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(out.getvalue())).getexif().get_ifd(0x8825)  # the test picture does carry GPS
    return out.getvalue()


def submit(client, town, *files):
    uploads = [SimpleUploadedFile(name, content, "application/octet-stream") for name, content in files]
    return client.post("/p/appeals/submit/", {**form_data(town), "attachments": uploads}, **HOST)


@pytest.mark.parametrize("name, content, message", [
    ("script.pdf", lambda: pdf(javascript), "含有脚本或嵌入文件"),
    ("carrier.pdf", lambda: pdf(lambda w: w.add_attachment("run.exe", b"MZ\x90\x00")), "含有脚本或嵌入文件"),
    ("launch.pdf", lambda: pdf(launch), "含有脚本或嵌入文件"),
    ("fake.pdf", lambda: b"%PDF-<html><script>alert(1)</script></html>", "不是可读的 PDF"),
    ("photo.png", lambda: b"%PDF-<html><script>alert(1)</script></html>", "不是可读的 PDF"),  # the name does not matter
])
def test_active_or_fake_pdfs_are_refused_and_nothing_is_stored(client, appeals_town, name, content, message):
    response = submit(client, appeals_town, (name, content()))
    assert response.status_code == 400 and message in response.text
    assert not Case.objects.exists() and not Attachment.objects.exists()


def test_pictures_lose_exif_and_gps_and_files_are_stored_privately(client, appeals_town, settings):
    response = submit(client, appeals_town, ("IMG_0001.jpg", jpeg_with_gps()), ("minutes.pdf", pdf()))
    assert response.status_code == 302
    document, photo = Case.objects.get().attachments.order_by("content_type")
    assert (document.content_type, photo.content_type) == ("application/pdf", "image/jpeg")
    stored = Path(settings.CUNWU_PRIVATE_ROOT) / photo.file.name
    assert stored.is_file() and not (Path(settings.MEDIA_ROOT) / photo.file.name).exists()
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.resolve().parents
    data = stored.read_bytes()
    assert b"SpyCam" not in data and not Image.open(io.BytesIO(data)).getexif()
    assert client.get(f"/media/{photo.file.name}", **HOST).status_code == 404  # no address serves it


@pytest.fixture
def case_with_file(client, appeals_town):
    assert submit(client, appeals_town, ("IMG_0001.jpg", jpeg_with_gps())).status_code == 302
    client.logout()
    case = Case.objects.get()
    return case, case.attachments.get()


def url(case, item):
    return f"/admin/appeals/case/{case.pk}/attachment/{item.pk}/"


def test_staff_of_the_case_get_the_file_and_the_case_page_links_no_media_url(client, case_with_file, make_user, appeals_town):
    from cunwu.towns.models import Role

    case, item = case_with_file
    handler = make_user("handler", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="北沟村"))
    client.force_login(handler)
    page = client.get(f"/admin/appeals/case/{case.pk}/")
    assert page.status_code == 200 and url(case, item) in page.text and "/media/" not in page.text
    response = client.get(url(case, item))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert b"".join(response.streaming_content) == Path(item.file.path).read_bytes()


def test_anyone_else_gets_no_file(client, case_with_file, make_user, appeals_town, other_town, enable_plugin):
    from cunwu.towns.models import Role

    case, item = case_with_file
    anonymous = client.get(url(case, item))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    enable_plugin(other_town, "appeals")
    strangers = [
        make_user("liuhe-admin", other_town, Role.TOWN_ADMIN),  # another town's administrator
        make_user("xiangyang", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="向阳村")),  # another village
    ]
    for user in strangers:
        client.force_login(user)
        refused = client.get(url(case, item))
        assert refused.status_code == 403 and "您无权查看此诉求的附件" in refused.text, user
        assert b"\xff\xd8" not in refused.content
    assert client.get(f"/admin/appeals/case/{case.pk}/attachment/{item.pk + 1}/").status_code == 404
    assert client.get(f"/media/{item.file.name}").status_code == 404


def test_the_migration_moves_existing_files_out_of_media_root(new_case, settings, django_capture_on_commit_callbacks):
    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from cunwu.plugins.api import private_storage

    case = new_case()
    name = default_storage.save(f"appeals/{case.town_id}/{case.number}/old.png", ContentFile(b"\x89PNG old file"))
    item = Attachment.objects.create(case=case, file=name, content_type="image/png", size=13)
    missing = Attachment.objects.create(case=case, file="appeals/gone.png", content_type="image/png", size=1)
    migration = importlib.import_module("appeals.migrations.0015_attachments_to_private_storage")
    with django_capture_on_commit_callbacks(execute=True):
        migration.to_private(apps, None)
    item.refresh_from_db()
    assert private_storage.open(item.file.name).read() == b"\x89PNG old file"
    assert not default_storage.exists(name)
    missing.refresh_from_db()
    assert missing.file.name == "appeals/gone.png"  # a file lost before stays a row, untouched
    with django_capture_on_commit_callbacks(execute=True):
        migration.to_private(apps, None)  # a second run finds nothing to move and loses nothing
    assert private_storage.open(item.file.name).read() == b"\x89PNG old file"
