"""Gigs. Lifecycle status and moderation state change only through services."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.money import format_minor
from marketplace.gigs.models import Gig, GigLanguage, GigSkill
from marketplace.moderation.admin import (
    ModeratorAdminMixin,
    moderation_actions,
    moderation_history_field,
)
from marketplace.moderation.services import gig_hide, gig_restore


class GigSkillInline(admin.TabularInline):
    model = GigSkill
    fields = ("skill", "is_required")
    autocomplete_fields = ("skill",)
    extra = 0


class GigLanguageInline(admin.TabularInline):
    model = GigLanguage
    fields = ("code",)
    extra = 0


@admin.register(Gig)
class GigAdmin(ModeratorAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "firm",
        "engagement_type",
        "budget",
        "status",
        "moderation_state",
        "published_at",
        "created_at",
    )
    list_filter = (
        "moderation_state",
        "status",
        "engagement_type",
        "currency",
        "location_type",
    )
    list_select_related = ("firm",)
    search_fields = ("title", "description", "firm__name", "firm__slug", "created_by__email")
    date_hierarchy = "created_at"
    autocomplete_fields = ("firm", "created_by")
    fieldsets = (
        (None, {"fields": ("firm", "created_by", "title", "description")}),
        (
            _("Terms"),
            {
                "fields": (
                    "engagement_type",
                    "budget_min_minor",
                    "budget_max_minor",
                    "currency",
                    "hours_per_week",
                    "duration_weeks",
                    "start_date",
                    "timezone_overlap_hours",
                )
            },
        ),
        (_("Location"), {"fields": ("location_type", "location_country", "location_city")}),
        (
            _("Lifecycle and moderation"),
            {
                "fields": (
                    "status",
                    "published_at",
                    "moderation_state",
                    "moderation_reason",
                    "moderation_history",
                )
            },
        ),
        (_("Audit"), {"fields": ("created_at", "updated_at")}),
    )
    # The lifecycle (draft → open → …) belongs to the gig services and the moderation state to
    # the moderation services: both change only through them, never by editing the field here.
    readonly_fields = (
        "status",
        "published_at",
        "moderation_state",
        "moderation_reason",
        "moderation_history",
        "created_at",
        "updated_at",
    )
    inlines = (GigSkillInline, GigLanguageInline)
    actions = ("restore_selected", "hide_selected")

    @admin.display(description=_("budget"), ordering="budget_max_minor")
    def budget(self, obj: Gig) -> str:
        low = format_minor(obj.budget_min_minor, obj.currency)
        if obj.budget_min_minor == obj.budget_max_minor:
            return low
        return f"{low} – {format_minor(obj.budget_max_minor, obj.currency)}"

    moderation_history = moderation_history_field
    restore_selected, hide_selected = moderation_actions(
        restore=lambda gig, by: gig_restore(gig=gig, by=by),
        hide=lambda gig, by, reason: gig_hide(gig=gig, by=by, reason=reason),
        restore_description=_("Restore selected gigs"),
        restore_done_message=_("Restored %(count)d %(items)s."),
        hide_description=_("Hide selected gigs…"),
        hide_title=_("Hide gigs"),
    )
