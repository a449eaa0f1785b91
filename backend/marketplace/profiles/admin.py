"""Freelancer profiles. Visibility changes only through the moderation actions (services)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from common.money import format_minor
from marketplace.moderation.admin import (
    moderate_each,
    moderate_with_reason,
    moderation_history_html,
    moderator,
)
from marketplace.moderation.services import profile_hide, profile_restore
from marketplace.profiles.models import FreelancerProfile, ProfileLanguage, ProfileSkill


class ProfileSkillInline(admin.TabularInline):
    model = ProfileSkill
    fields = ("skill", "level", "years")
    autocomplete_fields = ("skill",)
    extra = 0


class ProfileLanguageInline(admin.TabularInline):
    model = ProfileLanguage
    fields = ("code", "proficiency")
    extra = 0


@admin.register(FreelancerProfile)
class FreelancerProfileAdmin(admin.ModelAdmin):
    list_display = (
        "slug",
        "user",
        "headline",
        "country",
        "rate",
        "hours_per_week",
        "visibility",
        "created_at",
    )
    list_filter = ("visibility", ("country", CountryFilter), "rate_currency")
    list_select_related = ("user",)
    search_fields = ("slug", "headline", "user__email", "user__full_name")
    date_hierarchy = "created_at"
    autocomplete_fields = ("user",)
    fieldsets = (
        (None, {"fields": ("user", "slug", "headline", "bio", "links")}),
        (
            _("Location and hours"),
            {
                "fields": (
                    "country",
                    "time_zone",
                    "working_hours_start",
                    "working_hours_end",
                    "hours_per_week",
                    "available_from",
                )
            },
        ),
        (_("Rates"), {"fields": ("hourly_rate_minor", "daily_rate_minor", "rate_currency")}),
        (
            _("Moderation"),
            {"fields": ("visibility", "moderation_reason", "moderation_history")},
        ),
        (_("Audit"), {"fields": ("created_at", "updated_at")}),
    )
    # Visibility and its reason belong to the services: the owner publishes, moderators hide
    # and restore through the actions below, each leaving an audit row.
    readonly_fields = (
        "visibility",
        "moderation_reason",
        "moderation_history",
        "created_at",
        "updated_at",
    )
    inlines = (ProfileSkillInline, ProfileLanguageInline)
    actions = ("restore_selected", "hide_selected")

    @admin.display(description=_("rate"))
    def rate(self, obj: FreelancerProfile) -> str:
        parts = []
        if obj.hourly_rate_minor is not None:
            parts.append(
                _("%(amount)s/h")
                % {"amount": format_minor(obj.hourly_rate_minor, obj.rate_currency)}
            )
        if obj.daily_rate_minor is not None:
            parts.append(
                _("%(amount)s/day")
                % {"amount": format_minor(obj.daily_rate_minor, obj.rate_currency)}
            )
        return ", ".join(parts) or "—"

    @admin.display(description=_("moderation history"))
    def moderation_history(self, obj: FreelancerProfile | None) -> SafeString | str:
        return moderation_history_html(obj)

    @admin.action(description=_("Publish (restore) selected profiles"), permissions=["change"])
    def restore_selected(self, request: HttpRequest, queryset: QuerySet[FreelancerProfile]) -> None:
        by = moderator(request)
        moderate_each(
            self,
            request,
            queryset,
            apply=lambda profile: profile_restore(profile=profile, by=by),
            done_message=_("Published %(count)d %(items)s."),
        )

    @admin.action(description=_("Hide selected profiles…"), permissions=["change"])
    def hide_selected(
        self, request: HttpRequest, queryset: QuerySet[FreelancerProfile]
    ) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_reason(
            self,
            request,
            queryset,
            action_name="hide_selected",
            title=_("Hide profiles"),
            apply=lambda profile, reason: profile_hide(profile=profile, by=by, reason=reason),
            done_message=_("Hid %(count)d %(items)s."),
        )
