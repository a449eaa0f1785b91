"""The moderation queue in Django admin: reports with their filters and bulk actions, the
sanctions record, and the sanction actions the user admin offers.

Every action calls a service (`moderation.reports`, `moderation.sanctions`) once per selected
row, each in its own transaction; refusals are counted by code. Hiding, warning, suspending
and banning ask for a reason first (suspending also for a duration). The actions are offered
to moderators only, and the services check the role again.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from marketplace.accounts.models import User
from marketplace.moderation.admin import (
    ModerationReasonForm,
    ModeratorAdminMixin,
    ReadOnlyAdminMixin,
    moderate_each,
    moderate_with_form,
    moderate_with_reason,
    moderator,
)
from marketplace.moderation.models import Report, Sanction
from marketplace.moderation.registry import reportable_choices, reportable_get
from marketplace.moderation.reports import (
    report_ban_owner,
    report_dismiss,
    report_hide_target,
    report_suspend_owner,
    report_uphold,
    report_warn_owner,
)
from marketplace.moderation.sanctions import SUSPENSION_MAX_DAYS, user_ban, user_lift, user_suspend


class SuspensionForm(ModerationReasonForm):
    days = forms.IntegerField(
        label=_("Days"),
        min_value=1,
        max_value=SUSPENSION_MAX_DAYS,
        initial=7,
        help_text=_("The suspension ends on its own after this many days."),
    )


class KindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return reportable_choices()

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(kind=self.value()) if self.value() else queryset


class AgeFilter(admin.SimpleListFilter):
    """How long a report has waited: the queue is worked oldest first."""

    title = _("age")
    parameter_name = "age"
    # (value, label, lower bound of the age, upper bound of the age)
    RANGES: tuple[tuple[str, Any, timedelta | None, timedelta | None], ...] = (
        ("lt1d", _("Less than a day"), None, timedelta(days=1)),
        ("1-7d", _("1 to 7 days"), timedelta(days=1), timedelta(days=7)),
        ("gt7d", _("More than 7 days"), timedelta(days=7), None),
    )

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [(value, label) for value, label, _lo, _hi in self.RANGES]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        now = timezone.now()
        for value, _label, older_than, younger_than in self.RANGES:
            if self.value() == value:
                if older_than is not None:
                    queryset = queryset.filter(created_at__lte=now - older_than)
                if younger_than is not None:
                    queryset = queryset.filter(created_at__gt=now - younger_than)
        return queryset


@admin.register(Report)
class ReportAdmin(ModeratorAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The queue: reports are filed through the API and closed only by these actions."""

    list_display = (
        "created_at",
        "kind",
        "target_link",
        "reason",
        "text",
        "reporter",
        "target_owner",
        "status",
        "resolution",
    )
    list_filter = (
        "status",
        KindFilter,
        "reason",
        AgeFilter,
        ("target_owner", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("text", "reporter__email", "target_owner__email")
    list_select_related = ("reporter", "target_owner")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "kind",
        "target_link",
        "reason",
        "text",
        "reporter",
        "target_owner",
        "status",
        "resolution",
        "resolved_at",
        "resolved_by",
    )
    readonly_fields = fields
    actions = (
        "uphold_selected",
        "dismiss_selected",
        "hide_targets",
        "warn_owners",
        "suspend_owners",
        "ban_owners",
    )

    @admin.display(description=_("target"))
    def target_link(self, obj: Report) -> SafeString | str:
        label = f"{obj.kind} #{obj.object_id}"
        try:
            model = reportable_get(obj.kind).model_class()
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                args=[obj.object_id],
            )
        except (NoReverseMatch, LookupError, DomainError):  # a kind no longer registered
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.action(description=_("Approve: uphold the selected reports"), permissions=["moderate"])
    def uphold_selected(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        by = moderator(request)
        moderate_each(
            self,
            request,
            queryset,
            apply=lambda report: report_uphold(report=report, by=by),
            done_message=_("Upheld %(count)d %(items)s."),
        )

    @admin.action(description=_("Dismiss the selected reports"), permissions=["moderate"])
    def dismiss_selected(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        by = moderator(request)
        moderate_each(
            self,
            request,
            queryset,
            apply=lambda report: report_dismiss(report=report, by=by),
            done_message=_("Dismissed %(count)d %(items)s."),
        )

    @admin.action(description=_("Hide the reported content…"), permissions=["moderate"])
    def hide_targets(
        self, request: HttpRequest, queryset: QuerySet[Report]
    ) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_reason(
            self,
            request,
            queryset,
            action_name="hide_targets",
            title=_("Hide the reported content"),
            apply=lambda report, reason: report_hide_target(report=report, by=by, reason=reason),
            done_message=_("Hid the content of %(count)d %(items)s."),
        )

    @admin.action(description=_("Warn the owners…"), permissions=["moderate"])
    def warn_owners(
        self, request: HttpRequest, queryset: QuerySet[Report]
    ) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_reason(
            self,
            request,
            queryset,
            action_name="warn_owners",
            title=_("Warn the owners"),
            intro=_("The owners are emailed this reason, in their language, as a warning."),
            submit_label=_("Warn"),
            apply=lambda report, reason: report_warn_owner(report=report, by=by, reason=reason),
            done_message=_("Warned the owners of %(count)d %(items)s."),
        )

    @admin.action(description=_("Suspend the owners…"), permissions=["moderate"])
    def suspend_owners(
        self, request: HttpRequest, queryset: QuerySet[Report]
    ) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_form(
            self,
            request,
            queryset,
            form_class=SuspensionForm,
            action_name="suspend_owners",
            title=_("Suspend the owners"),
            intro=_("Suspended users are signed out at once and cannot sign in or act."),
            submit_label=_("Suspend"),
            apply=lambda report, data: report_suspend_owner(
                report=report, by=by, reason=data["reason"], days=data["days"]
            ),
            done_message=_("Suspended the owners of %(count)d %(items)s."),
        )

    @admin.action(description=_("Ban the owners…"), permissions=["moderate"])
    def ban_owners(
        self, request: HttpRequest, queryset: QuerySet[Report]
    ) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_reason(
            self,
            request,
            queryset,
            action_name="ban_owners",
            title=_("Ban the owners"),
            intro=_("Banned users are signed out at once, for good; their profile is hidden."),
            submit_label=_("Ban"),
            apply=lambda report, reason: report_ban_owner(report=report, by=by, reason=reason),
            done_message=_("Banned the owners of %(count)d %(items)s."),
        )


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Warnings, suspensions and bans: written by the services only."""

    list_display = ("created_at", "user", "kind", "reason", "ends_at", "lifted_at", "created_by")
    list_filter = ("kind",)
    list_select_related = ("user", "created_by")
    search_fields = ("user__email", "reason")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "user",
        "kind",
        "reason",
        "ends_at",
        "lifted_at",
        "created_by",
        "report",
    )
    readonly_fields = fields


class SanctionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Sanction
    fk_name = "user"
    fields = ("created_at", "kind", "reason", "ends_at", "lifted_at", "created_by")
    readonly_fields = fields
    extra = 0


class UserSanctionActions(ModeratorAdminMixin):
    """Suspend, ban and lift on the user admin, through `moderation.sanctions`.

    A mixin of the user admin: mypy sees no ModelAdmin in `self`, hence the `arg-type`
    ignores where `self` is passed as the model admin.
    """

    @admin.action(description=_("Suspend selected users…"), permissions=["moderate"])
    def suspend_users(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_form(
            self,  # type: ignore[arg-type]
            request,
            queryset,
            form_class=SuspensionForm,
            action_name="suspend_users",
            title=_("Suspend users"),
            intro=_("Suspended users are signed out at once and cannot sign in or act."),
            submit_label=_("Suspend"),
            apply=lambda user, data: user_suspend(
                user=user, by=by, reason=data["reason"], days=data["days"]
            ),
            done_message=_("Suspended %(count)d %(items)s."),
        )

    @admin.action(description=_("Ban selected users…"), permissions=["moderate"])
    def ban_users(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_reason(
            self,  # type: ignore[arg-type]
            request,
            queryset,
            action_name="ban_users",
            title=_("Ban users"),
            intro=_("Banned users are signed out at once, for good; their profile is hidden."),
            submit_label=_("Ban"),
            apply=lambda user, reason: user_ban(user=user, by=by, reason=reason),
            done_message=_("Banned %(count)d %(items)s."),
        )

    @admin.action(
        description=_("Lift suspension or ban of selected users…"), permissions=["moderate"]
    )
    def lift_users(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_reason(
            self,  # type: ignore[arg-type]
            request,
            queryset,
            action_name="lift_users",
            title=_("Lift suspensions and bans"),
            intro=_("The users may sign in again at once."),
            submit_label=_("Lift"),
            apply=lambda user, reason: user_lift(user=user, by=by, reason=reason),
            done_message=_("Lifted the sanctions of %(count)d %(items)s."),
        )


class StandingFilter(admin.SimpleListFilter):
    title = _("standing")
    parameter_name = "standing"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("suspended", _("Suspended")), ("banned", _("Banned"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "suspended":
            return queryset.filter(suspended_until__gt=timezone.now())
        if self.value() == "banned":
            return queryset.filter(banned_at__isnull=False)
        return queryset
