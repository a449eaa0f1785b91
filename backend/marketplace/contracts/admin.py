"""Contracts and milestones: created by accepting a proposal, so admin mostly reads them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.money import format_minor
from marketplace.contracts.models import Contract, Milestone

# Who agreed to what is frozen when the proposal is accepted; admin shows it, never edits it.
CONTRACT_FROZEN_FIELDS = (
    "proposal",
    "gig",
    "firm",
    "freelancer",
    "accepted_by",
    "terms",
    "currency",
    "status",
    "ended_at",
    "cancelled_by",
    "created_at",
    "updated_at",
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = (
        "position",
        "title",
        "amount_minor",
        "currency",
        "due_date",
        "status",
        "funded_at",
        "submitted_at",
        "released_at",
        "disputed_at",
    )
    # The payments app owns a milestone's status after creation (funding, release, refunds),
    # and the moments it reached each state feed firm reputation.
    readonly_fields = ("status", "funded_at", "submitted_at", "released_at", "disputed_at")
    extra = 0


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ("title", "firm", "freelancer", "currency", "status", "created_at", "ended_at")
    list_filter = ("status", "currency")
    list_select_related = ("firm", "freelancer")
    search_fields = ("title", "firm__name", "freelancer__slug", "gig__title")
    date_hierarchy = "created_at"
    fields = ("title", *CONTRACT_FROZEN_FIELDS)
    readonly_fields = CONTRACT_FROZEN_FIELDS
    inlines = (MilestoneInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A contract exists only as the result of accepting a proposal (a service).
        return False


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("title", "contract", "position", "amount", "due_date", "status")
    list_filter = ("status", "currency")
    list_select_related = ("contract",)
    search_fields = ("title", "contract__title")
    raw_id_fields = ("contract",)
    fields = (
        "contract",
        "position",
        "title",
        "description",
        "amount_minor",
        "currency",
        "due_date",
        "status",
        "funded_at",
        "submitted_at",
        "released_at",
        "disputed_at",
        "created_at",
        "updated_at",
    )
    readonly_fields = (
        "status",
        "funded_at",
        "submitted_at",
        "released_at",
        "disputed_at",
        "created_at",
        "updated_at",
    )

    @admin.display(description=_("amount"), ordering="amount_minor")
    def amount(self, obj: Milestone) -> str:
        return format_minor(obj.amount_minor, obj.currency)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A milestone stays on the contract it was agreed for.
        if obj is not None:
            return ("contract", *self.readonly_fields)
        return self.readonly_fields
