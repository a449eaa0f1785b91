"""The Pillow pipeline: from untrusted upload bytes to a clean, re-encoded image.

Order matters, each step bounding the next:
1. the byte size, from the upload's length, before anything is read;
2. the header, with `Image.open(formats=...)`: only JPEG, PNG and WebP parsers ever see the
   bytes, whatever the file is called or claims to be, and nothing is decoded yet;
3. the pixel count, from the header, against our limit (far below Pillow's own);
4. the decode (`load`), only now, with JPEG's draft mode shrinking large photos while they are
   decoded, so a 16 MP photo is never held at full size when 2048 px are kept;
5. EXIF orientation applied (`exif_transpose`), then every metadata block dropped (EXIF with
   its GPS tags, XMP, ICC profiles, comments, text chunks) and the pixels re-encoded.

Anything after the image data (an HTML page glued to a PNG, a ZIP behind a JPEG) is never read
by the decoder and so never reaches storage. Animated images keep their first frame.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from common.errors import DomainError, ValidationFailed
from marketplace.media.models import ImageFormat

logger = logging.getLogger(__name__)

ACCEPTED_FORMATS = (ImageFormat.JPEG.value, ImageFormat.PNG.value, ImageFormat.WEBP.value)
# Quality 85 is the usual point past which photos grow much more than they improve.
JPEG_QUALITY = 85
WEBP_QUALITY = 85


class PayloadTooLarge(DomainError):
    status = 413
    default_code = "image_too_large"


@dataclass(frozen=True)
class CleanImage:
    """The re-encoded image, ready to store."""

    data: bytes
    format: str
    width: int
    height: int


def image_too_large(*, max_bytes: int) -> PayloadTooLarge:
    message = _("The image is larger than %(mb).1f MB.") % {"mb": max_bytes / 1024 / 1024}
    return PayloadTooLarge("image_too_large", message, image=[message], max_bytes=max_bytes)


def _refused(code: str, message: str, **details: object) -> ValidationFailed:
    return ValidationFailed(code, message, image=[message], **details)


def image_clean(*, source: IO[bytes], size: int, max_side: int | None = None) -> CleanImage:
    """Check, decode and re-encode one upload, or raise a `DomainError` saying why not:
    `image_too_large` (bytes), `image_too_many_pixels`, `image_format_unsupported`,
    `image_corrupt`. `max_side` (default `MEDIA_IMAGE_STORED_MAX_SIDE`) bounds the result."""
    max_bytes = settings.MEDIA_IMAGE_MAX_BYTES
    if size > max_bytes:
        raise image_too_large(max_bytes=max_bytes)
    max_side = max_side or settings.MEDIA_IMAGE_STORED_MAX_SIDE
    with _opened(source) as image:
        _check_pixels(image.size)
        image_format = str(image.format)
        # Encoded before the file closes: an upright image is the opened one, not a copy.
        return _encode(_decoded_upright(image, max_side=max_side), image_format)


def image_resize(*, data: bytes, max_side: int) -> CleanImage:
    """A smaller copy of an image this pipeline stored (for thumbnails). The stored bytes are
    ours, but they pass the same checks: storage is not a trust boundary worth relying on."""
    return image_clean(source=io.BytesIO(data), size=len(data), max_side=max_side)


@contextmanager
def _opened(source: IO[bytes]) -> Iterator[Image.Image]:
    """`Image.open` restricted to the accepted formats, mapping its failures to our codes.
    Pillow's own bomb check runs in `open`; its warning is made an error too."""
    source.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(source, formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except UnidentifiedImageError:
        if _has_accepted_signature(source):
            # It starts as a JPEG, PNG or WebP would but Pillow could not parse the header:
            # a damaged file of an accepted format, which the client should hear as such.
            raise _corrupt() from None
        raise _refused(
            "image_format_unsupported",
            _("Upload a JPEG, PNG or WebP image."),
            accepted=["image/jpeg", "image/png", "image/webp"],
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _corrupt() from None
    except Exception as exc:
        logger.warning("image_open_failed", extra={"error": type(exc).__name__})
        raise _corrupt() from None
    with image:
        yield image


# The first bytes of each accepted format (WebP: a RIFF container whose type is WEBP).
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def _has_accepted_signature(source: IO[bytes]) -> bool:
    source.seek(0)
    head = source.read(12)
    return head.startswith(_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _too_many_pixels() -> ValidationFailed:
    limit = settings.MEDIA_IMAGE_MAX_PIXELS
    return _refused(
        "image_too_many_pixels",
        _("The image has more than %(mp).1f megapixels.") % {"mp": limit / 1_000_000},
        max_pixels=limit,
    )


def _corrupt() -> ValidationFailed:
    return _refused("image_corrupt", _("The image is damaged or incomplete."))


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise _corrupt()
    if width * height > settings.MEDIA_IMAGE_MAX_PIXELS:
        raise _too_many_pixels()


def _decoded_upright(image: Image.Image, *, max_side: int) -> Image.Image:
    """Decode (first frame only), turn upright, shrink to `max_side`, normalise the mode."""
    try:
        with warnings.catch_warnings():
            # Damaged EXIF makes Pillow warn per tag; the EXIF is dropped anyway.
            warnings.simplefilter("ignore", UserWarning)
            if image.format == ImageFormat.JPEG:
                # Decode at 1/2, 1/4 or 1/8 scale when that still covers max_side: less
                # memory and time. EXIF rotation may swap the sides, so the box is square.
                image.draft("RGB", (max_side, max_side))
            image.seek(0)
            image.load()
            _turn_upright(image)
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        return _normal_mode(image)
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (OSError, SyntaxError, ValueError, EOFError, KeyError, TypeError, IndexError):
        # Truncated data, a broken chunk, a bad palette: Pillow reports them all this way.
        raise _corrupt() from None
    except Exception as exc:
        # The parsers face hostile bytes; whatever else they raise (struct.error,
        # ZeroDivisionError …) is still a file we cannot read, not a server error.
        logger.warning("image_decode_failed", extra={"error": type(exc).__name__})
        raise _corrupt() from None


def _turn_upright(image: Image.Image) -> None:
    """Apply the EXIF orientation in place (an upright photo, the common case, is not copied,
    which halves the peak memory). EXIF that Pillow cannot rewrite afterwards (fuzzed or
    damaged tags) does not cost the upload: the pixels are sound and the EXIF is dropped."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except Exception as exc:
        logger.info("image_exif_unreadable", extra={"error": type(exc).__name__})


def _normal_mode(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when the image has transparency; palettes and 16-bit greys converted so
    every format can encode the result."""
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode in {"I;16", "I;16B", "I;16L", "I"}:
        # 16-bit greys: scale to 8 bits before conversion, which would otherwise clip.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    target = "RGBA" if has_alpha else "RGB"
    return image if image.mode == target else image.convert(target)


def _encode(image: Image.Image, image_format: str) -> CleanImage:
    """Re-encode with no metadata: `info` is emptied, because Pillow copies ICC profiles and
    JPEG comments from it when saving, and nothing else is passed to `save`."""
    image.info = {}
    out = io.BytesIO()
    if image_format == ImageFormat.JPEG:
        if image.mode == "RGBA":  # JPEG has no alpha; cannot happen for a decoded JPEG
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    elif image_format == ImageFormat.PNG:
        image.save(out, format="PNG", optimize=False, compress_level=6)
    else:
        image.save(out, format="WEBP", quality=WEBP_QUALITY, method=4)
    return CleanImage(
        data=out.getvalue(), format=image_format, width=image.width, height=image.height
    )
