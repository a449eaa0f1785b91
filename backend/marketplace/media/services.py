"""Writes of the image pipeline: storing an upload under the quota, deleting images with their
files, and the records that use them: avatars, firm logos, portfolio items, attachments.

A stored image's file is written inside the transaction that counts it against the quota and
creates its row; when that transaction fails, the file is deleted again, so a refused upload
leaves neither a row nor a file. Files of deleted images go after commit, so a rolled-back
delete never loses a file its row still points to.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import Forbidden, NotFound, RateLimited
from marketplace.accounts.models import User
from marketplace.firms.models import Firm
from marketplace.firms.selectors import firm_is_owner
from marketplace.media.models import (
    EXTENSIONS,
    ImageContent,
    ImagePurpose,
    StoredImage,
    UploadQuotaDay,
)
from marketplace.media.processing import image_clean
from marketplace.media.tasks import image_thumbnails_make

logger = logging.getLogger(__name__)


def image_store(
    *,
    by: User,
    purpose: str,
    source: IO[bytes],
    size: int,
    attach: Callable[[StoredImage], Any] | None = None,
) -> StoredImage:
    """Clean the upload (see `media.processing`) and store it for `purpose`, counting it
    against `by`'s daily quota (`upload_quota_exceeded`, 429). Thumbnails follow after commit.

    `attach(image)` runs in the same transaction (to set an avatar, create a portfolio item);
    when it refuses, the row, the quota count and the file are all undone.

    The quota is checked twice: once before the (costly) decode, so a user over the limit
    costs no CPU, and again under a row lock while storing, which is the check that counts.
    """
    _quota_check(user=by, size=size, lock=False)
    clean = image_clean(source=source, size=size)
    name = _new_name(extension=EXTENSIONS[clean.format])
    saved: str | None = None
    try:
        with transaction.atomic():
            _quota_check(user=by, size=size, lock=True)
            saved = default_storage.save(name, ImageContent(clean.data, image_format=clean.format))
            image = StoredImage.objects.create(
                uploaded_by=by,
                purpose=purpose,
                format=clean.format,
                file=saved,
                width=clean.width,
                height=clean.height,
                upload_bytes=size,
                stored_bytes=len(clean.data),
            )
            if attach is not None:
                attach(image)
            image_thumbnails_make.delay_on_commit(image.pk)
    except BaseException:
        if saved is not None:
            default_storage.delete(saved)
        raise
    if not transaction.get_connection().in_atomic_block:
        # Committed: with in-process tasks (embedded mode) the thumbnails exist already.
        image.refresh_from_db(fields=["thumbnails"])
    logger.info(
        "image_stored",
        extra={"image_id": image.pk, "purpose": purpose, "format": clean.format},
    )
    return image


def image_delete(*, image: StoredImage) -> None:
    """Delete the image's row now and its files (original and thumbnails) after commit.
    Avatars and logos pointing at it are cleared (SET_NULL); a portfolio item goes with it."""
    names = [image.file.name, *(t["name"] for t in image.thumbnails.values())]
    image.delete()
    transaction.on_commit(lambda: _files_delete(names))


def _files_delete(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            # The row is gone already; a file left behind is harmless and logged for cleanup.
            logger.warning("image_file_delete_failed", extra={"name": name})


def _new_name(*, extension: str) -> str:
    """A random name: never the uploader's file name, never guessable, never reused. Two hex
    levels keep a local folder at ~256 entries per directory."""
    token = uuid.uuid4().hex
    return f"images/{token[:2]}/{token}.{extension}"


def _quota_check(*, user: User, size: int, lock: bool) -> None:
    """Refuse when one more upload of `size` bytes would pass today's count or byte limit.
    With `lock`, the day's row is locked and the upload counted (inside the caller's
    transaction); concurrent uploads of the user wait for it and see the new counts."""
    day = timezone.now().date()
    if lock:
        # Insert the day's row if missing (a conflict with a concurrent insert is fine), then
        # lock it: every concurrent upload of this user queues on this one row.
        UploadQuotaDay.objects.bulk_create(
            [UploadQuotaDay(user=user, day=day)], ignore_conflicts=True
        )
        quota = UploadQuotaDay.objects.select_for_update().get(user=user, day=day)
    else:
        found = UploadQuotaDay.objects.filter(user=user, day=day).first()
        quota = found or UploadQuotaDay(user=user, day=day)
    max_uploads = settings.MEDIA_UPLOADS_PER_DAY
    max_bytes = settings.MEDIA_UPLOAD_BYTES_PER_DAY
    if quota.uploads + 1 > max_uploads or quota.upload_bytes + size > max_bytes:
        raise RateLimited(
            "upload_quota_exceeded",
            _("You have reached today's upload limit; try again tomorrow."),
            max_uploads=max_uploads,
            max_bytes=max_bytes,
            uploads=quota.uploads,
            upload_bytes=quota.upload_bytes,
        )
    if lock:
        quota.uploads += 1
        quota.upload_bytes += size
        quota.save(update_fields=["uploads", "upload_bytes"])


# --- avatars, logos, attachments ------------------------------------------------------------


def user_avatar_set(*, user: User, source: IO[bytes], size: int) -> User:
    """Make the upload the user's avatar; the previous one is deleted."""

    def attach(image: StoredImage) -> None:
        locked = User.objects.select_for_update().get(pk=user.pk)
        previous = locked.avatar
        locked.avatar = image
        locked.save(update_fields=["avatar"])
        if previous is not None:
            image_delete(image=previous)
        user.avatar = image

    image_store(by=user, purpose=ImagePurpose.AVATAR, source=source, size=size, attach=attach)
    return user


def user_avatar_remove(*, user: User) -> User:
    """Remove the user's avatar (nothing happens when there is none)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.avatar is not None:
            image_delete(image=locked.avatar)
    user.avatar = None
    return user


def firm_logo_set(*, firm: Firm, by: User, source: IO[bytes], size: int) -> Firm:
    """Make the upload the firm's logo; owners only (`permission_denied`), checked before the
    image is decoded and again under the firm's lock. The previous logo is deleted."""
    _require_firm_owner(firm=firm, by=by)

    def attach(image: StoredImage) -> None:
        locked = _firm_locked(firm)
        _require_firm_owner(firm=locked, by=by)
        previous = locked.logo
        locked.logo = image
        locked.save(update_fields=["logo", "updated_at"])
        if previous is not None:
            image_delete(image=previous)
        firm.logo = image

    image_store(by=by, purpose=ImagePurpose.LOGO, source=source, size=size, attach=attach)
    return firm


def firm_logo_remove(*, firm: Firm, by: User) -> Firm:
    """Remove the firm's logo; owners only."""
    with transaction.atomic():
        locked = _firm_locked(firm)
        _require_firm_owner(firm=locked, by=by)
        if locked.logo is not None:
            image_delete(image=locked.logo)
    firm.logo = None
    return firm


def attachment_upload(*, by: User, source: IO[bytes], size: int) -> StoredImage:
    """Store an image to attach to something later (a chat message): the uploader gets its id
    and URLs; whoever links it checks that the linking user uploaded it."""
    return image_store(by=by, purpose=ImagePurpose.ATTACHMENT, source=source, size=size)


def _firm_locked(firm: Firm) -> Firm:
    locked = Firm.objects.select_for_update().filter(pk=firm.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _require_firm_owner(*, firm: Firm, by: User) -> None:
    if not firm_is_owner(firm=firm, user=by):
        raise Forbidden("permission_denied", _("Only the firm's owners may change its logo."))
