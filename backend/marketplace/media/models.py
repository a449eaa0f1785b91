"""Stored images and the records that use them (portfolio items; avatars and logos are foreign
keys on the user and the firm), plus the per-user daily upload counters behind the quotas."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimestampedModel


class ImagePurpose(models.TextChoices):
    AVATAR = "avatar", _("Avatar")
    LOGO = "logo", _("Firm logo")
    PORTFOLIO = "portfolio", _("Portfolio image")
    ATTACHMENT = "attachment", _("Attachment")


class ImageFormat(models.TextChoices):
    """The only formats accepted and stored; each is re-encoded in its own format."""

    JPEG = "JPEG", "JPEG"
    PNG = "PNG", "PNG"
    WEBP = "WEBP", "WebP"


class StoredImage(TimestampedModel):
    """An uploaded image after the pipeline: decoded within limits, turned upright, stripped of
    every metadata block and re-encoded. `file` is that re-encoded image, never the upload."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uploaded_images"
    )
    purpose = models.CharField(max_length=16, choices=ImagePurpose.choices)
    format = models.CharField(max_length=4, choices=ImageFormat.choices)
    file = models.FileField(max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # Bytes of the upload as received (what the quota counts) and of the stored file.
    upload_bytes = models.PositiveBigIntegerField()
    stored_bytes = models.PositiveBigIntegerField()
    # Thumbnail name → {"name": storage name, "width": …, "height": …}; filled by
    # `image_thumbnails_make` after commit, empty until then.
    thumbnails = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["uploaded_by", "purpose"])]
        constraints = [
            models.CheckConstraint(condition=Q(width__gt=0, height__gt=0), name="image_has_size"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.pk} ({self.width}×{self.height})"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


CONTENT_TYPES: dict[str, str] = {
    ImageFormat.JPEG: "image/jpeg",
    ImageFormat.PNG: "image/png",
    ImageFormat.WEBP: "image/webp",
}
EXTENSIONS: dict[str, str] = {
    ImageFormat.JPEG: "jpg",
    ImageFormat.PNG: "png",
    ImageFormat.WEBP: "webp",
}


class ImageContent(ContentFile):
    """Bytes to store, carrying their content type: S3 storage records it on the object, so the
    media domain serves it as sent rather than as guessed from the name."""

    def __init__(self, data: bytes, *, image_format: str) -> None:
        super().__init__(data)
        self.content_type = CONTENT_TYPES[image_format]


class PortfolioItem(TimestampedModel):
    """A piece of work on a freelancer's profile: an image, a caption and an optional link."""

    profile = models.ForeignKey(
        "marketplace.FreelancerProfile", on_delete=models.CASCADE, related_name="portfolio_items"
    )
    image = models.OneToOneField(
        StoredImage, on_delete=models.CASCADE, related_name="portfolio_item"
    )
    caption = models.CharField(max_length=300, blank=True)
    link = models.URLField(max_length=500, blank=True)
    # 0, 1, 2 … in display order; services keep them dense under a lock on the profile.
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("profile_id", "position", "id")

    def __str__(self) -> str:
        return f"{self.profile_id}#{self.position}"


class UploadQuotaDay(models.Model):
    """How much one user uploaded on one UTC day. Services lock this row while they check and
    raise the counts, so concurrent uploads are counted one after the other."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="upload_quota_days"
    )
    day = models.DateField()
    uploads = models.PositiveIntegerField(default=0)
    upload_bytes = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="upload_quota_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.day}: {self.uploads}"
