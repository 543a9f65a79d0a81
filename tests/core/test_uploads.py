"""Uploads judged by content (cunwu.security.uploads / images) and private files served to the right staff only.

The hostile samples are built here with pypdf and Pillow, so each test shows what it refuses."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from cunwu.plugins.api import UploadRefused, check_upload, private_file_response
from cunwu.security.private_files import media_path_is_public, private_storage
from cunwu.towns.models import Role


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refusal(name, data, kinds=("image", "pdf")):
    with pytest.raises(UploadRefused) as caught:
        check_upload(upload(name, data), kinds)
    return caught.value.messages[0]


# ---- samples -------------------------------------------------------------------------------------------------

def pdf_with(change=None):
    """A one-page PDF, changed by `change(writer)` first."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if change:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def name(text):
    return NameObject(text)


def action(kind, **entries):
    return DictionaryObject({name("/S"): name(kind), **{name("/" + key): value for key, value in entries.items()}})


def open_action(value):
    def change(writer):
        writer._root_object[name("/OpenAction")] = value
    return change


def on_page(key, value):
    def change(writer):
        writer.pages[0][name(key)] = value
    return change


def link(action_dict):
    """A link annotation on the page that runs `action_dict` when tapped."""
    def change(writer):
        annotation = DictionaryObject({
            name("/Type"): name("/Annot"), name("/Subtype"): name("/Link"),
            name("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(50)]),
            name("/A"): action_dict,
        })
        writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return change


def jpeg_with_gps(size=(60, 30), orientation=6, **save):
    """A phone photo: GPS position, camera make and an orientation telling viewers to turn it."""
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "VillagePhone"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (30.0, 15.0, 7.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (120.0, 9.0, 3.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, **save)
    return out.getvalue()


def has_metadata(data):
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return bool(len(exif) or exif.get_ifd(ExifTags.IFD.GPSInfo) or
                    {"exif", "icc_profile", "comment", "xmp", "XML:com.adobe.xmp"} & set(image.info)
                    or getattr(image, "text", {}))


def png_bomb(width=100_000, height=100_000):
    """A PNG whose header promises 10 gigapixels in a few dozen bytes: decoding it would take the server down."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


# ---- PDFs ----------------------------------------------------------------------------------------------------

def test_a_plain_pdf_is_kept_as_it_is():
    data = pdf_with()
    stored, content_type = check_upload(upload("会议纪要.pdf", data))
    assert content_type == "application/pdf"
    assert stored.read() == data


@pytest.mark.parametrize("change", [
    open_action(action("/JavaScript", JS=TextStringObject("app.alert('x')"))),
    lambda writer: writer.add_open_action(JavaScript("this.print();")),  # document-level JavaScript names tree
    open_action(action("/Launch", F=TextStringObject("cmd.exe"))),
    link(action("/Launch", F=TextStringObject("calc.exe"))),
    link(action("/JavaScript", JS=TextStringObject("app.launchURL('http://x')"))),
    link(action("/SubmitForm", F=TextStringObject("http://x/collect"))),
    link(action("/GoToR", F=TextStringObject("other.pdf"))),
    lambda writer: writer.add_attachment("病毒.exe", b"MZ..."),
    on_page("/AA", DictionaryObject({name("/O"): action("/URI", URI=TextStringObject("http://x/track"))})),
    open_action(action("/GoTo", Next=action("/JavaScript", JS=TextStringObject("1")))),
    lambda writer: writer._root_object.__setitem__(name("/AcroForm"), DictionaryObject({name("/XFA"): ArrayObject()})),
], ids=["open-javascript", "names-javascript", "open-launch", "link-launch", "link-javascript", "submit-form",
        "remote-goto", "embedded-file", "page-open-uri", "goto-then-javascript", "xfa"])
def test_active_pdfs_are_refused(change):
    assert refusal("通知.pdf", pdf_with(change)) == "“通知.pdf”含有脚本或嵌入文件，已拒收。"


def test_an_escaped_name_is_seen_for_what_it_is():
    data = pdf_with(open_action(action("/JavaScript", JS=TextStringObject("1"))))
    assert b"/JavaScript" in data
    assert "拒收" in refusal("x.pdf", data.replace(b"/JavaScript", b"/J#61vaScript"))


@pytest.mark.parametrize("change", [
    None,
    # What scanners and Word write: open at page 1, as a destination or as a GoTo action.
    lambda writer: open_action(ArrayObject([writer.pages[0].indirect_reference, name("/Fit")]))(writer),
    lambda writer: open_action(action("/GoTo", D=ArrayObject([writer.pages[0].indirect_reference, name("/Fit")])))(writer),
    link(action("/URI", URI=TextStringObject("https://www.gov.cn/"))),
    link(action("/Named", N=name("/NextPage"))),
    # /S means a structure type outside actions (tagged PDFs carry it on every paragraph).
    lambda writer: writer._root_object.__setitem__(name("/StructTreeRoot"), DictionaryObject(
        {name("/Type"): name("/StructTreeRoot"), name("/K"): DictionaryObject({name("/S"): name("/P")})})),
], ids=["plain", "open-at-page", "open-goto", "link-uri", "named", "tagged"])
def test_ordinary_pdfs_are_accepted(change):
    assert check_upload(upload("x.pdf", pdf_with(change)))[1] == "application/pdf"


@pytest.mark.parametrize("data", [
    b"%PDF-<html><script>alert(document.cookie)</script></html>",
    b"%PDF-1.7\n<html><script>alert(1)</script>\n" + pdf_with()[9:],
    pdf_with() + b"\n<script>alert(1)</script>",
], ids=["html-after-header", "html-in-first-kb", "html-after-eof"])
def test_pdf_html_polyglots_are_refused(data):
    assert refusal("p.pdf", data) in ("“p.pdf”含有脚本或嵌入文件，已拒收。", "“p.pdf”不是可读的 PDF 文件。")


def test_a_broken_pdf_is_refused_as_unreadable():
    assert refusal("坏.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF") == "“坏.pdf”不是可读的 PDF 文件。"


def test_a_pdf_that_needs_a_password_is_refused_one_merely_restricted_is_judged():
    def locked(user_password):
        def change(writer):
            writer.encrypt(user_password, "owner-secret", algorithm="RC4-128")
        return change
    assert "密码" in refusal("加密.pdf", pdf_with(locked("open-sesame")))
    assert check_upload(upload("限制.pdf", pdf_with(locked(""))))[1] == "application/pdf"
    restricted_js = pdf_with(lambda w: (open_action(action("/JavaScript", JS=TextStringObject("1")))(w), locked("")(w)))
    assert "拒收" in refusal("限制.pdf", restricted_js)


# ---- images --------------------------------------------------------------------------------------------------

def test_a_phone_photo_loses_gps_and_exif_and_is_turned_upright():
    original = jpeg_with_gps(size=(60, 30), orientation=6)
    assert has_metadata(original)
    stored, content_type = check_upload(upload("现场.jpg", original), ("image",))
    data = stored.read()
    assert content_type == "image/jpeg"
    assert not has_metadata(data)
    assert Image.open(io.BytesIO(data)).size == (30, 60)  # orientation 6: turned a quarter, then forgotten


def test_trailing_bytes_and_comments_do_not_survive():
    original = jpeg_with_gps(comment=b"secret note") + b"<script>alert(1)</script>"
    data = check_upload(upload("a.jpg", original), ("image",))[0].read()
    assert b"secret note" not in data and b"<script>" not in data
    assert data.endswith(b"\xff\xd9")


def test_png_text_chunks_are_gone_and_transparency_kept():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "GPS 30.25N 120.15E")
    image = Image.new("RGBA", (10, 10), (255, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    data = check_upload(upload("a.png", out.getvalue()), ("image",))[0].read()
    assert b"GPS" not in data and not has_metadata(data)
    assert Image.open(io.BytesIO(data)).getpixel((0, 0))[3] == 0


def test_a_cmyk_jpeg_becomes_an_rgb_jpeg():
    out = io.BytesIO()
    Image.new("CMYK", (20, 20), (0, 255, 255, 0)).save(out, "JPEG")
    stored, content_type = check_upload(upload("印刷.jpg", out.getvalue()), ("image",))
    with Image.open(stored) as image:
        assert (image.format, image.mode) == ("JPEG", "RGB")
        red, green, blue = image.getpixel((10, 10))
        assert red > 200 and green < 60 and blue < 60


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_an_animation_keeps_only_its_first_frame(fmt):
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("blue", "yellow", "green")]
    out = io.BytesIO()
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    stored, _content_type = check_upload(upload("动图." + fmt.lower(), out.getvalue()), ("image",))
    with Image.open(stored) as image:
        assert getattr(image, "n_frames", 1) == 1
        assert image.convert("RGB").getpixel((8, 8))[2] > 200  # blue: the first frame


def test_a_heic_photo_from_a_phone_is_stored_as_jpeg():
    import pillow_heif

    out = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (32, 16), "red")).save(out, format="HEIF", quality=90)
    stored, content_type = check_upload(upload("IMG_0001.HEIC", out.getvalue()), ("image",))
    assert content_type == "image/jpeg" and stored.name == "IMG_0001.jpg"
    assert Image.open(stored).format == "JPEG"


def test_a_decompression_bomb_is_refused_before_decoding():
    assert refusal("bomb.png", png_bomb(), ("image",)) == "图片“bomb.png”像素过大。"


def test_pictures_over_the_pixel_limit_are_refused(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    assert refusal("大.jpg", jpeg_with_gps(size=(20, 20)), ("image",)) == "图片“大.jpg”像素过大。"


def test_a_gif_or_svg_is_not_a_picture_we_take():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "GIF")
    assert refusal("a.gif", out.getvalue(), ("image",)) == "“a.gif”不是允许的文件类型。"
    assert refusal("a.jpg", b"<svg onload=alert(1)>", ("image",)) == "“a.jpg”不是允许的文件类型。"


def test_a_file_claiming_to_be_a_jpeg_is_judged_by_content():
    assert refusal("photo.jpg", pdf_with(), ("image",)) == "“photo.jpg”不是允许的文件类型。"
    assert refusal("a.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 10, ("image",)) in (
        "图片“a.jpg”无法读取。", "“a.jpg”不是 JPEG、PNG、WebP 或 HEIC 格式的图片。")


def test_an_upload_over_the_size_limit_is_refused():
    with pytest.raises(UploadRefused) as caught:
        check_upload(upload("大文件.pdf", pdf_with()), max_bytes=100)
    assert caught.value.messages == ["“大文件.pdf”超过 100\xa0字节。"]


PREFIXES = [b"", b"%PDF-1.4\n", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\0\0\0\0WEBP", b"\0\0\0\x18ftypheic"]


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2048))
def test_random_bytes_are_refused_never_an_error(prefix, body):
    try:
        check_upload(upload("随机", prefix + body))
    except UploadRefused:
        pass


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extension=st.sampled_from(["pdf", "doc", "xls", "docx", "xlsx", "zip", "csv", "txt", "jpg", "png", "exe"]),
       prefix=st.sampled_from(PREFIXES + [b"PK\x03\x04", b"PK\x05\x06" + b"\0" * 18, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]),
       body=st.binary(max_size=2048))
def test_random_documents_are_refused_never_an_error(extension, prefix, body):
    from cunwu.security.document_hooks import check_document

    try:
        check_document(upload("随机." + extension, prefix + body))
    except UploadRefused:
        pass


# ---- private files -------------------------------------------------------------------------------------------

@pytest.fixture
def attachment():
    """A villager's attachment as the plugins store it: a file on private_storage, no model needed."""
    stored = private_storage.save("appeals/申诉材料.pdf", ContentFile(pdf_with()))
    field_file = FieldFile(None, FileField(storage=private_storage), stored)
    yield field_file
    private_storage.delete(stored)


def get(user=None, **headers):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/appeals/files/1/", **headers)
    request.user = user or AnonymousUser()
    return request


def body(response):
    return b"".join(response.streaming_content)


def test_staff_of_the_town_download_it_named_in_chinese_never_cached(town, make_user, attachment):
    editor = make_user("editor", town, Role.TOWN_EDITOR)
    response = private_file_response(get(editor), attachment, town, "towns.change_village", "申诉材料.pdf")
    assert response.status_code == 200
    assert body(response) == attachment.open("rb").read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E7%94%B3%E8%AF%89%E6%9D%90%E6%96%99.pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_picture_is_shown_inline_with_its_type_read_from_content(town, make_user):
    stored = private_storage.save("appeals/photo.bin", ContentFile(check_upload(upload("p.jpg", jpeg_with_gps()))[0].read()))
    try:
        field_file = FieldFile(None, FileField(storage=private_storage), stored)
        response = private_file_response(get(make_user("e", town, Role.TOWN_EDITOR)), field_file, town, "towns.change_village")
        assert response["Content-Type"] == "image/jpeg"
        assert response["Content-Disposition"].startswith("inline")
    finally:
        private_storage.delete(stored)


def test_a_byte_range_is_answered_with_206(town, make_user, attachment):
    editor = make_user("editor", town, Role.TOWN_EDITOR)
    data = attachment.open("rb").read()
    size = len(data)
    response = private_file_response(get(editor, HTTP_RANGE="bytes=0-3"), attachment, town, "towns.change_village")
    assert (response.status_code, body(response), response["Content-Range"]) == (206, data[:4], f"bytes 0-3/{size}")
    response = private_file_response(get(editor, HTTP_RANGE="bytes=-5"), attachment, town, "towns.change_village")
    assert (response.status_code, body(response)) == (206, data[-5:])
    response = private_file_response(get(editor, HTTP_RANGE=f"bytes={size}-"), attachment, town, "towns.change_village")
    assert (response.status_code, response["Content-Range"]) == (416, f"bytes */{size}")
    response = private_file_response(get(editor, HTTP_RANGE="bytes=0-1,5-6"), attachment, town, "towns.change_village")
    assert (response.status_code, body(response)) == (200, data)


def test_anonymous_visitors_are_sent_to_the_login(town, attachment):
    response = private_file_response(get(), attachment, town, "towns.change_village")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_staff_of_another_town_or_without_the_right_are_refused(town, other_town, make_user, attachment):
    for user in (make_user("liuhe", other_town, Role.TOWN_EDITOR), make_user("staff", town, Role.VILLAGE_STAFF)):
        with pytest.raises(PermissionDenied):
            private_file_response(get(user), attachment, town, "towns.change_village")


def test_a_missing_file_is_404(town, make_user):
    gone = FieldFile(None, FileField(storage=private_storage), "appeals/gone.pdf")
    with pytest.raises(Http404):
        private_file_response(get(make_user("e", town, Role.TOWN_EDITOR)), gone, town, "towns.change_village")


@pytest.mark.parametrize("path, public", [
    ("images/photo.jpg", True), ("original_images/photo.jpg", True), ("documents/通知.pdf", False),
    ("images/../documents/通知.pdf", False), ("/documents/x.pdf", False), ("./documents/x.pdf", False),
    ("uploaded_files/x.jpg", False),
])
def test_documents_are_never_public_media(path, public):
    assert media_path_is_public(path) is public
