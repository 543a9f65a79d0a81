"""Private files: stored outside MEDIA_ROOT (CUNWU_PRIVATE_ROOT), so no web server serves them by address;
only a view that checked the staff member's right in the file's own town streams them.

The response: a login page for someone not signed in, 403 for staff without the right in that town, 404 for a
missing file; otherwise the file, never cached, its type read from its content (what check_upload stored), shown
inline only if it is a picture (a PDF, or anything else, downloads), the Chinese file name kept (RFC 5987), and a
single byte range answered with 206 (phones' viewers ask for ranges).
"""

import io
import os
import posixpath
import re

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.functional import LazyObject

INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class PrivateStorage(LazyObject):
    def _setup(self):
        from django.conf import settings

        self._wrapped = _NoAddressStorage(location=settings.CUNWU_PRIVATE_ROOT)


class _NoAddressStorage(FileSystemStorage):
    """A private file has no public address: asking for one is a programming error, not a /media/ link."""

    def url(self, name):
        raise ValueError("a private file has no public URL; serve it with api.private_file_response")


private_storage = PrivateStorage()


def _byte_range(header, size):
    """(start, end inclusive) of a single satisfiable range, None to send it all, or "unsatisfiable"."""
    match = RANGE.match(header.strip()) if header else None
    if not match or match.groups() == ("", ""):
        return None  # absent, several ranges or malformed: the whole file (RFC 9110 allows ignoring Range)
    first, last = match.groups()
    if first == "":
        start, end = max(size - int(last), 0), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return "unsatisfiable"
    return start, end


def private_file_response(request, field_file, town, permission, download_name=None):
    from cunwu.towns.authz import has_town_perm

    from .uploads import sniff

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_town_perm(request.user, town, permission):
        raise PermissionDenied
    try:
        handle = field_file.open("rb")
        size = field_file.size
    except (FileNotFoundError, ValueError, OSError):
        raise Http404 from None
    content_type = sniff(handle) or "application/octet-stream"
    name = download_name or os.path.basename(field_file.name)
    inline = content_type in INLINE_TYPES
    byte_range = None if "HTTP_IF_RANGE" in request.META else _byte_range(request.META.get("HTTP_RANGE"), size)
    if byte_range == "unsatisfiable":
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif byte_range:
        start, end = byte_range
        handle.seek(start)
        part = handle.read(end - start + 1)
        handle.close()
        response = FileResponse(io.BytesIO(part), content_type=content_type, as_attachment=not inline, filename=name)
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(len(part))
    else:
        response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=name)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


def media_path_is_public(path):
    """False for what must never be served from MEDIA_ROOT by address (documents go through Wagtail's serve view,
    which checks the town; uploaded_files holds the multiple uploader's files between its two steps). Normalised
    first, as django.views.static.serve does, so `images/../documents/x.pdf` is caught too."""
    first = posixpath.normpath(path.replace("\\", "/")).lstrip("/").split("/", 1)[0]
    return first not in ("documents", "uploaded_files")


def public_media(request, path, document_root=None, show_indexes=False):
    """The development server's /media/ (urls.py in DEBUG), without the paths media_path_is_public refuses."""
    from django.views.static import serve

    if not media_path_is_public(path):
        raise Http404
    return serve(request, path, document_root=document_root, show_indexes=show_indexes)
