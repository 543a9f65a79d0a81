"""Editors' images (WAGTAILIMAGES_IMAGE_FORM_BASE): the add, edit, multiple upload and choosers' upload forms all
build on CleanImageForm, so every picture an editor uploads is written again from its pixels (no GPS, no EXIF)
before Wagtail's own checks (size, pixels, extension) look at it, and a file that is not a picture is refused."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .images import reencode_image
from .uploads import check_size, display_name, replace_content


class CleanImageField(WagtailImageField):
    def to_python(self, data):
        if isinstance(data, UploadedFile):
            name = display_name(data)
            check_size(data, name, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
            content, _content_type, filename = reencode_image(data, name)
            # In place: the multiple uploader may keep request.FILES itself for a second step.
            replace_content(data, content, filename)
        return super().to_python(data)


class CleanImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, CleanImageField):
            # Wagtail builds the field itself (formfield_for_dbfield); swapping its class keeps the label, widget
            # and limits Wagtail set, and only puts our cleaning in front of its checks.
            field.__class__ = CleanImageField
