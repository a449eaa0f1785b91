"""Stored images, portfolio items and upload counters in Django admin.

Images are never added or edited here (only the upload pipeline writes them); deleting one,
alone or in bulk, goes through `media.services.image_delete`, which also removes its files
after commit and clears the avatar or logo that used it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from marketplace.media.models import PortfolioItem, StoredImage, UploadQuotaDay
from marketplace.media.services import image_delete
from marketplace.media.tasks import image_thumbnails_make
from marketplace.moderation.admin import ReadOnlyAdminMixin


def _preview(image: StoredImage | None) -> str:
    if image is None:
        return "—"
    made = image.thumbnails.get("small")
    name = made["name"] if made else image.file.name
    return format_html(
        '<img src="{}" alt="" style="max-height:48px;max-width:96px">', default_storage.url(name)
    )


@admin.register(StoredImage)
class StoredImageAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "preview",
        "purpose",
        "format",
        "width",
        "height",
        "stored_bytes",
        "uploaded_by",
        "created_at",
    )
    list_filter = ("purpose", "format")
    search_fields = ("uploaded_by__email",)
    date_hierarchy = "created_at"
    list_select_related = ("uploaded_by",)
    fields = (
        "preview",
        "purpose",
        "format",
        "file",
        "width",
        "height",
        "upload_bytes",
        "stored_bytes",
        "thumbnails",
        "uploaded_by",
        "created_at",
    )
    readonly_fields = fields
    actions = ("make_thumbnails",)

    @admin.display(description=_("preview"))
    def preview(self, image: StoredImage) -> str:
        return _preview(image)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Viewing only; moderators remove an image with "delete".
        return False

    def delete_model(self, request: HttpRequest, obj: StoredImage) -> None:
        image_delete(image=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[StoredImage]) -> None:
        for image in queryset:
            image_delete(image=image)

    @admin.action(description=_("Make missing thumbnails"))
    def make_thumbnails(self, request: HttpRequest, queryset: QuerySet[StoredImage]) -> None:
        ids = list(queryset.values_list("id", flat=True))
        for image_id in ids:
            image_thumbnails_make.delay_on_commit(image_id)
        self.message_user(
            request, _("Thumbnails queued for %(n)d images.") % {"n": len(ids)}, messages.INFO
        )


@admin.register(PortfolioItem)
class PortfolioItemAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: freelancers edit their portfolio through the API; deleting the image (above)
    removes its item."""

    list_display = ("id", "preview", "profile", "position", "caption", "link", "created_at")
    search_fields = ("profile__slug", "caption")
    list_select_related = ("profile", "image")
    fields = ("preview", "profile", "image", "position", "caption", "link", "created_at")
    readonly_fields = fields

    @admin.display(description=_("preview"))
    def preview(self, item: PortfolioItem) -> str:
        return _preview(item.image)


@admin.register(UploadQuotaDay)
class UploadQuotaDayAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("day", "user", "uploads", "upload_bytes")
    list_filter = ("day",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    fields = ("day", "user", "uploads", "upload_bytes")
    readonly_fields = fields
