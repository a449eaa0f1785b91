"""Image attachments of chat messages: the ids a send carries, linking them, showing them.

Users upload an image first (`POST /api/v1/attachments/images/`, purpose `attachment`), then send
its id with the message. Linking happens in the message's transaction: each image must be the
sender's own attachment upload, not linked yet, or the message is not stored either.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext_lazy as _

from chat.models import Message, MessageAttachment
from common.errors import Conflict, ValidationFailed
from marketplace.media.models import ImagePurpose, StoredImage
from marketplace.media.services import image_delete
from marketplace.media.thumbnails import THUMBNAIL_SIZES

_BIGINT_MAX = 2**63 - 1


class AttachmentRefused(Exception):
    """Raised inside the send's transaction to roll the message back; diagnosed after."""


def attachment_ids_clean(value: Any) -> list[int]:
    """The image ids of a send: a list of distinct positive ints, at most the setting's count."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in value
    ):
        raise ValidationFailed(
            "invalid_frame",
            _("attachments must be a list of image ids."),
            field="attachments",
        )
    if len(value) > settings.CHAT_MESSAGE_MAX_ATTACHMENTS:
        raise ValidationFailed(
            "too_many_attachments",
            _("A message can carry at most %(n)d images.")
            % {"n": settings.CHAT_MESSAGE_MAX_ATTACHMENTS},
            max_attachments=settings.CHAT_MESSAGE_MAX_ATTACHMENTS,
        )
    if len(set(value)) != len(value):
        raise ValidationFailed(
            "invalid_frame", _("An image can be attached once."), field="attachments"
        )
    # Ids are bigint: a larger one names no image, and the link's `::bigint[]` cast would fail
    # the statement (a 500; found by the fuzzer).
    beyond = [i for i in value if i > _BIGINT_MAX]
    if beyond:
        raise ValidationFailed(
            "attachment_not_found",
            _("Attach only images you uploaded as attachments."),
            image_ids=beyond,
        )
    return list(value)


# One statement: link the sender's own, still unlinked attachment uploads and return what the
# frame shows. An image that is someone else's, of another purpose or linked already is simply
# not returned; the caller compares counts and rolls the message back.
_LINK = """
WITH wanted AS (
    SELECT image_id, position - 1 AS position
    FROM unnest(%(image_ids)s::bigint[]) WITH ORDINALITY AS w(image_id, position)
), linked AS (
    INSERT INTO chat_messageattachment (message_id, image_id, position)
    SELECT %(message_id)s, i.id, wanted.position
    FROM wanted JOIN marketplace_storedimage i ON i.id = wanted.image_id
    WHERE i.uploaded_by_id = %(author_id)s AND i.purpose = %(purpose)s
    ON CONFLICT (image_id) DO NOTHING
    RETURNING image_id, position
)
SELECT i.id, i.file, i.format, i.width, i.height, i.thumbnails, i.uploaded_by_id, i.purpose
FROM linked JOIN marketplace_storedimage i ON i.id = linked.image_id
ORDER BY linked.position
"""


def attachments_link_postgresql(
    *, message_id: int, author_id: int, image_ids: list[int]
) -> list[StoredImage]:
    """Link in one statement (inside the send's transaction); `AttachmentRefused` if short."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                _LINK,
                {
                    "message_id": message_id,
                    "author_id": author_id,
                    "image_ids": image_ids,
                    "purpose": ImagePurpose.ATTACHMENT.value,
                },
            )
            rows = cursor.fetchall()
    except IntegrityError as gone:  # the clean-up deleted an image while it was being linked
        raise AttachmentRefused from gone
    if len(rows) != len(image_ids):
        raise AttachmentRefused
    images = []
    for image_id, file, fmt, width, height, thumbnails, uploaded_by_id, purpose in rows:
        image = StoredImage(
            id=image_id,
            file=file,
            format=fmt,
            width=width,
            height=height,
            # Django reads jsonb as text and parses it in the field; raw SQL gets the text.
            thumbnails=json.loads(thumbnails) if isinstance(thumbnails, str) else thumbnails,
            uploaded_by_id=uploaded_by_id,
            purpose=purpose,
        )
        image._state.adding = False
        images.append(image)
    return images


def attachments_link_orm(*, message: Message, image_ids: list[int]) -> list[StoredImage]:
    """The same through the ORM (SQLite): lock the images, check them, link them."""
    found = {
        image.id: image
        for image in StoredImage.objects.select_for_update(of=("self",)).filter(
            pk__in=image_ids,
            uploaded_by_id=message.author_id,
            purpose=ImagePurpose.ATTACHMENT,
            chat_attachment__isnull=True,
        )
    }
    if len(found) != len(image_ids):
        raise AttachmentRefused
    MessageAttachment.objects.bulk_create(
        MessageAttachment(message=message, image_id=image_id, position=n)
        for n, image_id in enumerate(image_ids)
    )
    return [found[image_id] for image_id in image_ids]


def attachment_refusal(*, image_ids: list[int], by_id: int) -> Exception:
    """Why a link failed (read after the rollback): not the sender's upload, or linked already."""
    own = StoredImage.objects.filter(
        pk__in=image_ids, uploaded_by_id=by_id, purpose=ImagePurpose.ATTACHMENT
    )
    own_ids = set(own.values_list("id", flat=True))
    missing = [i for i in image_ids if i not in own_ids]
    if missing:
        return ValidationFailed(
            "attachment_not_found",
            _("Attach only images you uploaded as attachments."),
            image_ids=missing,
        )
    linked = sorted(
        MessageAttachment.objects.filter(image_id__in=image_ids).values_list("image_id", flat=True)
    )
    return Conflict(
        "attachment_already_linked",
        _("An image can be attached to one message only; upload it again."),
        image_ids=linked or image_ids,
    )


def message_attachment_images(message: Message) -> list[StoredImage]:
    """The message's images in order: those the send linked, else its (prefetched) rows."""
    linked = getattr(message, "linked_images", None)
    if linked is not None:
        return list(linked)
    return [attachment.image for attachment in message.attachments.all()]


def attachment_output(image: StoredImage) -> dict[str, Any]:
    """What frames and the API show of an attached image (the shape of media's ImageOutput)."""
    made = image.thumbnails or {}
    return {
        "id": image.id,
        "url": default_storage.url(image.file.name),
        "content_type": image.content_type,
        "width": image.width,
        "height": image.height,
        "thumbnails": {
            size: default_storage.url(made[size]["name"]) if size in made else None
            for size in THUMBNAIL_SIZES
        },
    }


def attachment_uploads_purge(*, now: datetime, limit: int = 500) -> int:
    """Delete attachment uploads no message links once older than the setting (rows and files).

    Idempotent: a second run finds nothing. Each row is locked and its link re-read in a new
    statement, so an image linked by a send that committed meanwhile is kept.
    """
    cutoff = now - timedelta(hours=settings.CHAT_ATTACHMENT_UNLINKED_MAX_AGE_HOURS)
    deleted = 0
    with transaction.atomic():
        candidates = list(
            StoredImage.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                purpose=ImagePurpose.ATTACHMENT,
                created_at__lt=cutoff,
                chat_attachment__isnull=True,
            )
            .order_by("id")[:limit]
        )
        linked = set(
            MessageAttachment.objects.filter(image_id__in=[i.id for i in candidates]).values_list(
                "image_id", flat=True
            )
        )
        for image in candidates:
            if image.id not in linked:
                image_delete(image=image)
                deleted += 1
    return deleted
