"""Uploads are judged by their content, never by their name or the browser's claim.

check_upload(upload, kinds) returns (file, content_type) to store, or raises UploadRefused (a ValidationError
with a Chinese message naming the file):
- images (JPEG, PNG, WebP, HEIC from phones) are decoded and written again from their pixels (images.py);
- PDFs must start as a PDF, carry no HTML where a browser would sniff it, and parse (pypdf) into at least one page
  with nothing that runs by itself: no JavaScript, launch, form submission, embedded or attached files, rich
  media, XFA, and no action run on opening or by a field (/OpenAction, /AA) except going to a page (a plain
  "/OpenAction /GoTo page 1" is what scanners and Word write, so it stays allowed). Links (/URI), named menu
  actions and go-to-page on click stay allowed. A PDF encrypted with a password needed to open it is refused
  (its content cannot be judged); one merely restricted (empty user password) is read and judged.
"""

import io
import os
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"%PDF-", "application/pdf"),
]
KINDS = {"image": {"image/jpeg", "image/png", "image/webp", "image/heif"}, "pdf": {"application/pdf"}}

PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9][\s%]")
# Markup a browser's sniffer (or an old one ignoring the content type) would run as a page: `%PDF-<html><script>`.
MARKUP = re.compile(rb"<\s*(?:html|script|svg|body|iframe|object|embed|meta|!doctype)", re.IGNORECASE)
# Keys and types that make a PDF carry files, scripts or media a viewer may run; never in an invoice or minutes.
PDF_ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent", "/RichMediaSettings"}
PDF_ACTIVE_TYPES = {"/EmbeddedFile", "/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"}
PDF_CLICK_ACTIONS = {"/GoTo", "/URI", "/Named", "/Thread", "/Hide", "/ResetForm", "/SetOCGState", "/Trans"}
PDF_AUTO_ACTIONS = {"/GoTo"}  # what may happen with no click: on opening the file, a page or a field
PDF_MAX_OBJECTS = 200_000
_AUTO_ROLES = {"open", "auto", "next-auto"}


class UploadRefused(ValidationError):
    pass


def sniff(upload):
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "image/heif"
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def display_name(upload):
    return os.path.basename(getattr(upload, "name", "") or "") or _("the file")


def check_size(upload, name, max_bytes=None):
    max_bytes = max_bytes or getattr(settings, "CUNWU_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
    if upload.size is None or upload.size > max_bytes:
        raise UploadRefused(_("“%(name)s” is larger than %(size)s.") % {"name": name, "size": size_text(max_bytes)})


def size_text(size):
    """ "5 MB" for a whole number of megabytes (what the form's help text says), else Django's "5.5 MB"."""
    megabyte = 1024 * 1024
    return f"{size // megabyte} MB" if size % megabyte == 0 else filesizeformat(size)


def check_upload(upload, kinds=("image", "pdf"), max_bytes=None):
    name = display_name(upload)
    check_size(upload, name, max_bytes)
    content_type = sniff(upload)
    allowed = set().union(*(KINDS[kind] for kind in kinds))
    if content_type not in allowed:
        raise UploadRefused(_("“%(name)s” is not an allowed kind of file.") % {"name": name})
    if content_type == "application/pdf":
        check_pdf(upload, name)
        return upload, content_type
    from .images import reencode_image

    data, content_type, filename = reencode_image(upload, name)
    return SimpleUploadedFile(filename, data, content_type), content_type


def replace_content(upload, data, filename):
    """Write `data` into the very upload object the request holds (memory or temporary file), so every later
    use of it (Wagtail's multiple upload keeps request.FILES for a second step) sees the cleaned bytes."""
    handle = upload.file
    handle.seek(0)
    handle.truncate()
    handle.write(data)
    handle.flush()
    handle.seek(0)
    upload.size = len(data)
    upload.name = filename


def check_pdf(upload, name):
    refused = UploadRefused(_("“%(name)s” contains scripts or embedded files and was refused.") % {"name": name})
    unreadable = UploadRefused(_("“%(name)s” is not a readable PDF.") % {"name": name})
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not PDF_HEADER.match(data[:16]):
        raise unreadable
    end = data.rfind(b"%%EOF")
    if MARKUP.search(data[:1024]) or (end != -1 and MARKUP.search(data[end:])):
        raise refused
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UploadRefused(_("“%(name)s” is protected by a password. Save it without the password and upload it again.")
                                % {"name": name})
        if not _pdf_is_inert(reader.trailer):
            raise refused
        if len(reader.pages) == 0:
            raise ValueError("no pages")
    except UploadRefused:
        raise
    except Exception as exc:  # pypdf raises many kinds for a malformed file (and DependencyError for AES)
        if reader_is_locked(exc):
            raise UploadRefused(_("“%(name)s” is protected by a password. Save it without the password and upload it again.")
                                % {"name": name}) from exc
        raise unreadable from exc


def reader_is_locked(exc):
    from pypdf.errors import DependencyError, FileNotDecryptedError

    return isinstance(exc, (DependencyError, FileNotDecryptedError))


def _child_role(key, value_role):
    if key == "/OpenAction":
        return "open"
    if key == "/A":
        return "action"
    if key == "/AA":
        return "aa"
    if key == "/Next":
        return "next-auto" if value_role in _AUTO_ROLES else "next-action"
    return None


def _pdf_is_inert(trailer):
    """Walk every object reachable from the trailer: an action can hide in any page, annotation or field.
    `role` says how the object was reached, since /S means an action's kind only inside an action."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    stack, seen = [(trailer, None)], set()
    while stack:
        item, role = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation, role)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > PDF_MAX_OBJECTS:
                raise ValueError("too many objects")
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if PDF_ACTIVE_KEYS.intersection(item) or {item.get("/Type"), item.get("/Subtype")} & PDF_ACTIVE_TYPES:
                return False
            if role == "aa":
                stack.extend((value, "auto") for value in item.values())
                continue
            if role in ("open", "action", "auto", "next-action", "next-auto") or item.get("/Type") == "/Action":
                allowed = PDF_AUTO_ACTIONS if role in _AUTO_ROLES else PDF_CLICK_ACTIONS
                if item.get("/S") not in allowed:
                    return False
            stack.extend((value, _child_role(key, role)) for key, value in item.items())
        elif isinstance(item, ArrayObject):
            element_role = {"next-action": "action", "next-auto": "auto"}.get(role)
            stack.extend((value, element_role) for value in item)
    return True
