"""Reviews in admin: read-only. Staff read the private feedback here; hiding a review goes
through moderation (`reviews.services.review_set_hidden`), never a field edit."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from marketplace.reviews.models import Review

REVIEW_FIELDS = (
    "contract",
    "author_side",
    "author",
    "firm",
    "freelancer",
    "rating",
    "text",
    "private_feedback",
    "published_at",
    "hidden_at",
    "moderation_reason",
    "created_at",
    "updated_at",
)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("contract", "author_side", "rating", "firm", "freelancer", "published")
    list_filter = ("author_side", "rating", ("published_at", admin.EmptyFieldListFilter))
    list_select_related = ("contract", "firm", "freelancer")
    search_fields = ("contract__title", "firm__name", "freelancer__slug", "text")
    date_hierarchy = "created_at"
    fields = REVIEW_FIELDS
    readonly_fields = REVIEW_FIELDS

    @admin.display(boolean=True, description=_("Published"))
    def published(self, review: Review) -> bool:
        return review.published_at is not None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Aggregates and the other side's blind period depend on every review ever written.
        return False
