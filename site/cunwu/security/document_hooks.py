"""Editors' documents: judged by content on upload, served only on their own town's host.

A document's extension (WAGTAILDOCS_EXTENSIONS) must be matched by its content: a PDF is checked as any upload
(uploads.check_pdf), a picture is written again without its metadata, Word/Excel files must be what they say and
carry no macros, a zip must be a zip, a csv/txt must be text and not markup. An extension with no rule here is
refused, so widening WAGTAILDOCS_EXTENSIONS never lets a kind through unjudged.
"""

import codecs
import os
import zipfile

from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.documents.forms import BaseDocumentForm

from .uploads import UploadRefused, check_pdf, display_name, replace_content

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ZIP_MAX_ENTRIES = 10_000
ZIP_MAX_UNPACKED = 1024**3  # what a villager's phone would have to unpack: a zip bomb is refused


def _read(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _check_zip(upload, name, extension):
    not_matching = UploadRefused(_("The content of “%(name)s” does not match its .%(extension)s name.")
                                 % {"name": name, "extension": extension})
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise not_matching from exc
    finally:
        upload.seek(0)
    if len(entries) > ZIP_MAX_ENTRIES or sum(entry.file_size for entry in entries) > ZIP_MAX_UNPACKED:
        raise UploadRefused(_("“%(name)s” unpacks to too many or too large files.") % {"name": name})
    names = {entry.filename for entry in entries}
    if extension in OOXML_MAIN_PART:
        if "[Content_Types].xml" not in names or OOXML_MAIN_PART[extension] not in names:
            raise not_matching
        if any(entry.lower().endswith("vbaproject.bin") for entry in names):
            raise UploadRefused(_("“%(name)s” contains macros and was refused.") % {"name": name})


def _check_ole(upload, name, extension):
    data = _read(upload)
    if not data.startswith(OLE_SIGNATURE):
        raise UploadRefused(_("The content of “%(name)s” does not match its .%(extension)s name.")
                            % {"name": name, "extension": extension})
    # Macros live in a stream named _VBA_PROJECT (Word: Macros/VBA, Excel: _VBA_PROJECT_CUR/VBA); OLE names are UTF-16.
    if "_VBA_PROJECT".encode("utf-16-le") in data:
        raise UploadRefused(_("“%(name)s” contains macros and was refused.") % {"name": name})


def _check_text(upload, name, extension):
    data = _read(upload)
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            break
    else:
        encoding = None
    text = None
    for candidate in ([encoding] if encoding else ["utf-8-sig", "gb18030"]):
        try:
            text = data.decode(candidate)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise UploadRefused(_("The content of “%(name)s” does not match its .%(extension)s name.")
                            % {"name": name, "extension": extension})
    if text.lstrip().startswith("<"):
        raise UploadRefused(_("“%(name)s” looks like a web page or script and was refused.") % {"name": name})


def _check_pdf(upload, name, extension):
    check_pdf(upload, name)


CHECKS = {
    "pdf": _check_pdf, "doc": _check_ole, "xls": _check_ole, "docx": _check_zip, "xlsx": _check_zip,
    "pptx": _check_zip, "zip": _check_zip, "csv": _check_text, "txt": _check_text,
}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}


def check_document(upload):
    """Refuse the upload unless its content is what its extension says; pictures are cleaned in place."""
    from .images import reencode_image

    name = display_name(upload)
    extension = os.path.splitext(name)[1][1:].lower()
    if extension in IMAGE_EXTENSIONS:
        data, _content_type, filename = reencode_image(upload, name)
        if os.path.splitext(filename)[1][1:] not in {extension, "jpg" if extension == "jpeg" else extension}:
            raise UploadRefused(_("The content of “%(name)s” does not match its .%(extension)s name.")
                                % {"name": name, "extension": extension})
        replace_content(upload, data, os.path.splitext(name)[0] + "." + extension)
        return
    check = CHECKS.get(extension)
    if check is None:
        raise UploadRefused(_("“%(name)s” is not an allowed kind of file.") % {"name": name})
    check(upload, name, extension)


class CheckedDocumentForm(BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: the add, edit, multiple upload and chooser upload forms all build on it."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            check_document(upload)
        return upload

    def _post_clean(self):
        refused = self._errors.get("file")
        refused = refused.copy() if refused else None
        super()._post_clean()
        if refused:
            # The model's extension check then sees no file and adds "extension “” not allowed": only ours stays.
            self._errors["file"] = refused


@hooks.register("before_serve_document")
def serve_only_on_own_town(document, request):
    """A document belongs to the town whose media collection holds it (or a collection below it); on any other
    host, or on a host that is no town, it does not exist."""
    from cunwu.towns.models import Town

    town = Town.for_request(request)
    own = town.collection if town is not None else None
    if own is None or not document.collection.path.startswith(own.path):
        raise Http404
