"""Pictures are decoded and written again from their pixels alone: nothing of the original file but the picture survives.

- Only JPEG, PNG, WebP and HEIC/HEIF (what phones take; written as JPEG, which every browser shows) are decoded:
  Pillow is told which decoders it may try, so a crafted file never reaches a rarely used one.
- Width x height is checked from the header before a single pixel is decoded (WAGTAILIMAGES_MAX_IMAGE_PIXELS).
- The picture is turned upright by its EXIF orientation, colours are converted to sRGB by its ICC profile, then
  EXIF (GPS, camera, time), XMP, ICC, PNG text chunks and JPEG comments are gone, with anything after the image.
- An animated picture keeps its first frame only: villagers' evidence and editors' photos are still pictures.
"""

import io
import os

from django.conf import settings
from django.utils.translation import gettext as _

# Pillow format name -> (format written, content type, extension).
OUTPUT = {
    "JPEG": ("JPEG", "image/jpeg", "jpg"),
    "PNG": ("PNG", "image/png", "png"),
    "WEBP": ("WEBP", "image/webp", "webp"),
    "HEIF": ("JPEG", "image/jpeg", "jpg"),
}
_heif_registered = False


def _open_image(data):
    global _heif_registered
    from PIL import Image

    if not _heif_registered:
        from pillow_heif import register_heif_opener

        register_heif_opener()
        _heif_registered = True
    return Image.open(data, formats=list(OUTPUT))


def _to_srgb(image):
    """Colours as the camera meant them once the ICC profile is dropped (iPhones shoot in Display P3)."""
    from PIL import ImageCms

    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: the pixels as they are


def _pixels_for(image, fmt):
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if fmt == "JPEG":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image
    return image.convert("RGBA" if has_alpha else "RGB")


def reencode_image(upload, name):
    """(bytes, content type, file name) of the picture written afresh; raises UploadRefused."""
    from PIL import Image, ImageOps

    from .uploads import UploadRefused

    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    too_large = _("The picture “%(name)s” is too large in pixels.") % {"name": name}
    upload.seek(0)
    try:
        with _open_image(upload) as image:
            if image.width * image.height > limit:
                raise UploadRefused(too_large)
            fmt, content_type, extension = OUTPUT[image.format]
            image.seek(0)  # the first frame of an animation
            image.load()
            picture = _to_srgb(ImageOps.exif_transpose(image) or image)
            picture = _pixels_for(picture, fmt)
            picture.info = {}  # Pillow would otherwise copy a comment, ICC profile or transparency from here
            out = io.BytesIO()
            options = {"quality": 90} if fmt in ("JPEG", "WEBP") else {"optimize": True}
            picture.save(out, format=fmt, **options)
    except UploadRefused:
        raise
    except Image.UnidentifiedImageError as exc:
        from .uploads import KINDS, sniff

        if sniff(upload) not in KINDS["image"]:
            raise UploadRefused(_("“%(name)s” is not a JPEG, PNG, WebP or HEIC picture.") % {"name": name}) from exc
        # A picture's signature with nothing Pillow can identify after it: a damaged picture, not another file.
        raise UploadRefused(_("The picture “%(name)s” cannot be read.") % {"name": name}) from exc
    except Image.DecompressionBombError as exc:
        raise UploadRefused(too_large) from exc
    except Exception as exc:  # noqa: BLE001  Pillow raises many kinds (OSError, SyntaxError, ValueError...)
        raise UploadRefused(_("The picture “%(name)s” cannot be read.") % {"name": name}) from exc
    finally:
        upload.seek(0)
    stem = os.path.splitext(os.path.basename(getattr(upload, "name", "") or ""))[0] or "image"
    return out.getvalue(), content_type, f"{stem}.{extension}"
