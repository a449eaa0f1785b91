"""Chat in Django admin: reported messages for moderators, who hide them with a reason.

The hide action calls `chat.services.message_hide`, like any other moderation action (reason
page and per-object transactions from `marketplace.moderation.admin`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from chat.models import Conversation, Message, MessageReport, Notification
from chat.services import message_hide
from marketplace.moderation.admin import ModeratorAdminMixin, moderate_with_reason, moderator
from marketplace.moderation.models import Report


@admin.register(Message)
class MessageAdmin(ModeratorAdminMixin, admin.ModelAdmin[Message]):
    list_display = ("id", "conversation", "author", "created_at", "hidden_by_moderation", "reports")
    list_filter = ("hidden_by_moderation",)
    search_fields = ("text", "author__email")
    # Every field is read-only: hiding goes through the action, which calls the service.
    readonly_fields = (
        "conversation",
        "author",
        "text",
        "client_message_id",
        "created_at",
        "hidden_by_moderation",
        "hidden_reason",
    )
    actions = ("hide_selected",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Message]:
        return (
            super()
            .get_queryset(request)
            .select_related("conversation", "author")
            # Reports live in the moderation queue (kind "message"), counted in one subquery.
            .annotate(
                report_count=Coalesce(
                    Subquery(
                        Report.objects.filter(kind="message", object_id=OuterRef("pk"))
                        .values("object_id")
                        .annotate(total=Count("id"))
                        .values("total")[:1]
                    ),
                    0,
                )
            )
        )

    @admin.display(description=_("reports"), ordering="report_count")
    def reports(self, obj: Any) -> int:
        return int(getattr(obj, "report_count", 0))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Hide selected messages"), permissions=["moderate"])
    def hide_selected(
        self, request: HttpRequest, queryset: QuerySet[Message]
    ) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_reason(
            self,
            request,
            queryset,
            action_name="hide_selected",
            title=_("Hide messages"),
            apply=lambda message, reason: message_hide(message=message, by=by, reason=reason),
            done_message=_("Hid %(count)d %(items)s."),
        )


@admin.register(MessageReport)
class MessageReportAdmin(admin.ModelAdmin[MessageReport]):
    list_display = ("id", "message", "reporter", "reason", "created_at", "resolved_at")
    list_filter = ("resolved_at",)
    list_select_related = ("message", "reporter")
    readonly_fields = ("message", "reporter", "reason", "created_at", "resolved_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin[Conversation]):
    list_display = ("id", "kind", "title", "created_at", "last_message_at")
    list_filter = ("kind",)
    readonly_fields = ("kind", "gig", "proposal", "contract", "inquirer", "title", "created_at")
    exclude = ("participants",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ("id", "user", "kind", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    list_select_related = ("user",)
    readonly_fields = ("user", "kind", "payload", "conversation", "event_key", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
