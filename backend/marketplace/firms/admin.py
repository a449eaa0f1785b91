"""Firms and their members."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from marketplace.firms.models import Firm, FirmMembership


class FirmMembershipInline(admin.TabularInline):
    model = FirmMembership
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(Firm)
class FirmAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "country", "time_zone", "size", "member_count", "created_at")
    list_filter = ("size", ("country", CountryFilter))
    search_fields = ("name", "slug", "memberships__user__email")
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "website", "size")}),
        (
            _("Location and hours"),
            {"fields": ("country", "time_zone", "working_hours_start", "working_hours_end")},
        ),
        (_("Audit"), {"fields": ("created_at", "updated_at")}),
    )
    readonly_fields = ("created_at", "updated_at")
    inlines = (FirmMembershipInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Firm]:
        return super().get_queryset(request).annotate(member_total=Count("memberships"))

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, obj: Any) -> int:
        return int(obj.member_total)


@admin.register(FirmMembership)
class FirmMembershipAdmin(admin.ModelAdmin):
    list_display = ("firm", "user", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("firm", "user")
    search_fields = ("firm__name", "firm__slug", "user__email", "user__full_name")
    date_hierarchy = "created_at"
    autocomplete_fields = ("firm", "user")
    fields = ("firm", "user", "role", "created_at", "updated_at")
    readonly_fields = ("created_at", "updated_at")
