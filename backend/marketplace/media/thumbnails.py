"""Thumbnails of stored images, made after commit by `media.tasks.image_thumbnails_make`.

Idempotent by construction: a thumbnail's storage name is derived from the image's name and the
size, the image's `thumbnails` map records which exist, and a run makes only the missing ones.
A redelivered or duplicated task finds the map complete and does nothing; a run that died
between writing a file and recording it overwrites that file on the next run.
"""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage
from django.db import transaction

from marketplace.media.models import EXTENSIONS, ImageContent, StoredImage
from marketplace.media.processing import image_resize

logger = logging.getLogger(__name__)

# Long-side pixels per thumbnail: small for lists and chat (2× a 48 px avatar), medium for
# cards and portfolio grids, large for a portfolio item opened on a phone.
THUMBNAIL_SIZES: dict[str, int] = {"small": 96, "medium": 320, "large": 960}


def thumbnail_name(*, image: StoredImage, size: str) -> str:
    base = str(image.file.name).rsplit(".", 1)[0]
    return f"{base}_{size}.{EXTENSIONS[image.format]}"


def image_thumbnails_ensure(*, image_id: int) -> list[str]:
    """Make the thumbnails `image_id` lacks; return the sizes made (empty when none was
    missing or the image was deleted meanwhile)."""
    image = StoredImage.objects.filter(pk=image_id).first()
    if image is None:
        return []
    missing = [size for size in THUMBNAIL_SIZES if size not in image.thumbnails]
    if not missing:
        return []
    with default_storage.open(str(image.file.name), "rb") as stored:
        data = stored.read()
    made: dict[str, dict[str, object]] = {}
    for size in missing:
        thumbnail = image_resize(data=data, max_side=THUMBNAIL_SIZES[size])
        name = thumbnail_name(image=image, size=size)
        if default_storage.exists(name):
            # Left by a run that died before recording it: replace it, same name.
            default_storage.delete(name)
        saved = default_storage.save(
            name, ImageContent(thumbnail.data, image_format=thumbnail.format)
        )
        made[size] = {"name": saved, "width": thumbnail.width, "height": thumbnail.height}
    with transaction.atomic():
        locked = StoredImage.objects.select_for_update().filter(pk=image_id).first()
        if locked is None:
            # Deleted while we worked: its delete removed the files it knew, so remove ours.
            for entry in made.values():
                default_storage.delete(str(entry["name"]))
            return []
        locked.thumbnails = {**made, **locked.thumbnails}
        locked.save(update_fields=["thumbnails", "updated_at"])
    logger.info("image_thumbnails_made", extra={"image_id": image_id, "sizes": missing})
    return missing
