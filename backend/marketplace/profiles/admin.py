"""Freelancer profiles. Visibility changes only through the moderation actions (services)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from common.money import format_minor
from marketplace.moderation.admin import (
    ModeratorAdminMixin,
    moderation_actions,
    moderation_history_field,
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
class FreelancerProfileAdmin(ModeratorAdminMixin, admin.ModelAdmin):
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

    moderation_history = moderation_history_field
    restore_selected, hide_selected = moderation_actions(
        restore=lambda profile, by: profile_restore(profile=profile, by=by),
        hide=lambda profile, by, reason: profile_hide(profile=profile, by=by, reason=reason),
        restore_description=_("Publish (restore) selected profiles"),
        restore_done_message=_("Published %(count)d %(items)s."),
        hide_description=_("Hide selected profiles…"),
        hide_title=_("Hide profiles"),
    )
