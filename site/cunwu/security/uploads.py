"""Uploads are judged by their content, never by their name or the browser's claim.

check_upload(upload, kinds) returns (file, content_type) to store, or raises UploadRefused (a ValidationError
with a Chinese message naming the file):
- images (JPEG, PNG, WebP) are decoded and re-encoded: EXIF, GPS and any trailing bytes are gone, the picture is
  turned upright first; size and pixel limits are checked before decoding;
- PDFs are parsed (pypdf); one that runs JavaScript, launches a program, opens an action on opening, carries
  embedded files, or is not a well-formed PDF (e.g. `%PDF-<html>...`) is refused.
"""

import io
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"%PDF-", "application/pdf"),
]
KINDS = {"image": {"image/jpeg", "image/png", "image/webp"}, "pdf": {"application/pdf"}}
# Names in a PDF's objects that make it do something when opened: never needed in an invoice or minutes.
PDF_ACTIVE_NAMES = ("/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/OpenAction", "/AA",
                    "/RichMedia", "/SubmitForm", "/ImportData", "/XFA")


class UploadRefused(ValidationError):
    pass


def sniff(upload):
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def _name(upload):
    return os.path.basename(getattr(upload, "name", "") or "") or _("the file")


def check_upload(upload, kinds=("image", "pdf"), max_bytes=None):
    name = _name(upload)
    max_bytes = max_bytes or getattr(settings, "CUNWU_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
    if upload.size > max_bytes:
        raise UploadRefused(_("“%(name)s” is larger than %(size)d MB.") % {"name": name, "size": max_bytes // 2**20})
    content_type = sniff(upload)
    allowed = set().union(*(KINDS[kind] for kind in kinds))
    if content_type not in allowed:
        raise UploadRefused(_("“%(name)s” is not an allowed kind of file.") % {"name": name})
    if content_type == "application/pdf":
        check_pdf(upload, name)
        upload.seek(0)
        return upload, content_type
    return reencode_image(upload, name)


def check_pdf(upload, name):
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, IndirectObject

    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=True)
        objects = [reader.trailer["/Root"]]
        seen = set()
        # Walk every object reachable from the catalogue: an action can hide in any page or annotation.
        while objects:
            item = objects.pop()
            if isinstance(item, IndirectObject):
                if (item.idnum, item.generation) in seen:
                    continue
                seen.add((item.idnum, item.generation))
                item = item.get_object()
            if isinstance(item, DictionaryObject):
                if any(key in item for key in PDF_ACTIVE_NAMES) or item.get("/S") in ("/JavaScript", "/Launch"):
                    raise UploadRefused(_("“%(name)s” contains scripts or embedded files and was refused.") % {"name": name})
                objects.extend(item.values())
            elif isinstance(item, list):
                objects.extend(item)
        if len(reader.pages) == 0:
            raise ValueError("no pages")
    except UploadRefused:
        raise
    except Exception as exc:  # pypdf raises many kinds for a malformed file
        raise UploadRefused(_("“%(name)s” is not a readable PDF.") % {"name": name}) from exc
    finally:
        upload.seek(0)


def reencode_image(upload, name):
    from PIL import Image, ImageOps

    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > limit:
                raise UploadRefused(_("The picture “%(name)s” is too large in pixels.") % {"name": name})
            fmt = image.format
            if fmt not in IMAGE_FORMATS:
                raise UploadRefused(_("“%(name)s” is not an allowed kind of file.") % {"name": name})
            image.load()
            upright = ImageOps.exif_transpose(image)
            if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            out = io.BytesIO()
            # No exif=, no icc/info carried over: the new file has pixels only.
            upright.save(out, format=fmt, **({"quality": 90} if fmt in ("JPEG", "WEBP") else {}))
    except UploadRefused:
        raise
    except Image.DecompressionBombError as exc:
        raise UploadRefused(_("The picture “%(name)s” is too large in pixels.") % {"name": name}) from exc
    except Exception as exc:
        raise UploadRefused(_("The picture “%(name)s” cannot be read.") % {"name": name}) from exc
    finally:
        upload.seek(0)
    content_type = IMAGE_FORMATS[fmt]
    return SimpleUploadedFile(os.path.basename(upload.name or "image"), out.getvalue(), content_type), content_type
