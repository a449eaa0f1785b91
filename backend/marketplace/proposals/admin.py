"""Invitations and proposals. Their statuses change only through the proposal services."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.money import format_minor
from marketplace.proposals.models import Invitation, Proposal


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("gig", "freelancer", "invited_by", "status", "created_at", "responded_at")
    list_filter = ("status",)
    list_select_related = ("gig", "freelancer", "invited_by")
    search_fields = (
        "gig__title",
        "freelancer__slug",
        "freelancer__user__email",
        "invited_by__email",
    )
    date_hierarchy = "created_at"
    autocomplete_fields = ("gig", "freelancer", "invited_by")
    fields = (
        "gig",
        "freelancer",
        "invited_by",
        "message",
        "status",
        "responded_at",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("status", "responded_at", "created_at", "updated_at")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "gig",
        "freelancer",
        "price",
        "estimated_duration_days",
        "status",
        "created_at",
        "decided_at",
    )
    list_filter = ("status", "currency")
    list_select_related = ("gig", "freelancer")
    search_fields = ("gig__title", "freelancer__slug", "freelancer__user__email", "cover_letter")
    date_hierarchy = "created_at"
    autocomplete_fields = ("gig", "freelancer")
    fields = (
        "gig",
        "freelancer",
        "cover_letter",
        "price_minor",
        "currency",
        "estimated_duration_days",
        "status",
        "decided_at",
        "created_at",
        "updated_at",
    )
    # submitted → shortlisted → accepted / declined / withdrawn is the services' business.
    readonly_fields = ("status", "decided_at", "created_at", "updated_at")

    @admin.display(description=_("price"), ordering="price_minor")
    def price(self, obj: Proposal) -> str:
        return format_minor(obj.price_minor, obj.currency)
