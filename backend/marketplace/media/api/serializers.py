"""Shapes of images in the API: each with its URL, size and thumbnail URLs; and the upload
inputs (multipart). The file's checks live in `media.processing`, not here."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.media import portfolio
from marketplace.media.models import PortfolioItem, StoredImage
from marketplace.media.thumbnails import THUMBNAIL_SIZES

# --- output ---------------------------------------------------------------------------------


class ThumbnailsOutput(serializers.Serializer[Any]):
    """URLs of the thumbnails; null until the background job has made them (seconds)."""

    small = serializers.CharField(allow_null=True, help_text="At most 96 px on the long side.")
    medium = serializers.CharField(allow_null=True, help_text="At most 320 px on the long side.")
    large = serializers.CharField(allow_null=True, help_text="At most 960 px on the long side.")


class ImageOutput(serializers.Serializer[StoredImage]):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="The stored image (≤ 2048 px).")
    content_type = serializers.CharField(help_text="image/jpeg, image/png or image/webp.")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    thumbnails = serializers.SerializerMethodField()

    def get_url(self, image: StoredImage) -> str:
        return default_storage.url(image.file.name)

    @extend_schema_field(ThumbnailsOutput)
    def get_thumbnails(self, image: StoredImage) -> dict[str, str | None]:
        made = image.thumbnails
        return {
            size: default_storage.url(made[size]["name"]) if size in made else None
            for size in THUMBNAIL_SIZES
        }


class PortfolioItemOutput(serializers.Serializer[PortfolioItem]):
    id = serializers.IntegerField()
    position = serializers.IntegerField(help_text="0 first; the order the owner chose.")
    caption = serializers.CharField()
    link = serializers.CharField(help_text="http(s) URL, or empty.")
    image = ImageOutput()
    created_at = serializers.DateTimeField()


# --- input ----------------------------------------------------------------------------------


class ImageUploadInput(serializers.Serializer[Any]):
    image = serializers.FileField(
        allow_empty_file=False,
        help_text="A JPEG, PNG or WebP image; its name and declared type are ignored.",
    )


class PortfolioItemCreateInput(ImageUploadInput):
    caption = serializers.CharField(
        max_length=portfolio.CAPTION_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    link = serializers.CharField(
        max_length=portfolio.LINK_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class PortfolioItemUpdateInput(serializers.Serializer[Any]):
    """Every field optional; a new `image` replaces the old one (multipart only)."""

    image = serializers.FileField(allow_empty_file=False, required=False)
    caption = serializers.CharField(
        max_length=portfolio.CAPTION_MAX_LENGTH, required=False, allow_blank=True
    )
    link = serializers.CharField(
        max_length=portfolio.LINK_MAX_LENGTH, required=False, allow_blank=True
    )


class PortfolioReorderInput(serializers.Serializer[Any]):
    item_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        max_length=200,
        help_text="Every item id of the portfolio, once each, in the new order.",
    )
