"""Firms and their members.

Memberships are read-only here: who belongs to a firm in which role changes only through
`firms.services` (the API), which keep every firm with at least one owner (`last_owner`) and
lock the firm while its members change. Editing the rows in admin would bypass both.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from marketplace.firms.models import Firm, FirmMembership
from marketplace.moderation.admin import (
    ModeratorAdminMixin,
    ReadOnlyAdminMixin,
    moderation_actions,
    moderation_history_field,
)
from marketplace.moderation.services import firm_hide, firm_restore


class FirmMembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = FirmMembership
    fields = ("user", "role", "created_at")
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[FirmMembership]:
        # Each row shows its user; one join instead of a query per member.
        return super().get_queryset(request).select_related("user")


@admin.register(Firm)
class FirmAdmin(ModeratorAdminMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "country",
        "time_zone",
        "size",
        "member_count",
        "moderation_state",
        "created_at",
    )
    list_filter = ("moderation_state", "size", ("country", CountryFilter))
    search_fields = ("name", "slug", "memberships__user__email")
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ("name",)}
    # A bare "studio.example" means https, as Django 6 will assume for every URL field.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A firm is founded by its owner through the API (`firm_create` makes them owner);
        # one added here would have no owner and nobody able to manage it.
        return False

    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "website", "size")}),
        (
            _("Location and hours"),
            {"fields": ("country", "time_zone", "working_hours_start", "working_hours_end")},
        ),
        (
            _("Moderation"),
            {"fields": ("moderation_state", "moderation_reason", "moderation_history")},
        ),
        (_("Audit"), {"fields": ("created_at", "updated_at")}),
    )
    # The moderation state changes only through the actions (services, audit row).
    readonly_fields = (
        "moderation_state",
        "moderation_reason",
        "moderation_history",
        "created_at",
        "updated_at",
    )
    inlines = (FirmMembershipInline,)
    actions = ("restore_selected", "hide_selected")
    moderation_history = moderation_history_field
    restore_selected, hide_selected = moderation_actions(
        restore=lambda firm, by: firm_restore(firm=firm, by=by),
        hide=lambda firm, by, reason: firm_hide(firm=firm, by=by, reason=reason),
        restore_description=_("Restore selected firms"),
        restore_done_message=_("Restored %(count)d %(items)s."),
        hide_description=_("Hide selected firms…"),
        hide_title=_("Hide firms"),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Firm]:
        return super().get_queryset(request).annotate(member_total=Count("memberships"))

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, obj: Any) -> int:
        return int(obj.member_total)


@admin.register(FirmMembership)
class FirmMembershipAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("firm", "user", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("firm", "user")
    search_fields = ("firm__name", "firm__slug", "user__email", "user__full_name")
    date_hierarchy = "created_at"
    fields = ("firm", "user", "role", "created_at", "updated_at")
    readonly_fields = fields
