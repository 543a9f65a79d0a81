"""Private files: stored outside MEDIA_ROOT (CUNWU_PRIVATE_ROOT), so no web server serves them by address;
only a view that checked the staff member's right in the file's own town streams them."""

import mimetypes
import os

from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    def _setup(self):
        from django.conf import settings

        self._wrapped = FileSystemStorage(location=settings.CUNWU_PRIVATE_ROOT, base_url=None)


private_storage = PrivateStorage()


def private_file_response(request, field_file, town, permission, download_name=None):
    from cunwu.towns.authz import has_town_perm

    if not (request.user.is_authenticated and has_town_perm(request.user, town, permission)):
        raise PermissionDenied
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    name = download_name or os.path.basename(field_file.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, as_attachment=content_type not in (
        "image/jpeg", "image/png", "image/webp"), filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
