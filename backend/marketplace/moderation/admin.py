"""The moderation log in admin (read-only), and the helpers every moderation action uses.

Profile and gig admins get their hide and restore actions from `moderation_actions`, worded
for their model; the actions call the moderation services through `moderate_each` (one service
call per selected object, refusals counted by code) and ask for a reason through
`moderate_with_reason` (an intermediate confirmation page). `ReadOnlyAdminMixin` is for the
records admin shows but must never write (the audit log, the outbox, firm memberships).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import model_ngettext
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from marketplace.accounts.models import User
from marketplace.accounts.roles import StaffRole, user_has_staff_role
from marketplace.moderation.models import ModerationAction
from marketplace.moderation.selectors import moderation_history
from marketplace.moderation.services import REASON_MAX_LENGTH

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# The shape of an admin action: (model admin, request, selected rows) -> a page or None.
_Action = Callable[[admin.ModelAdmin[Any], HttpRequest, QuerySet[Any]], "TemplateResponse | None"]

REASON_TEMPLATE = "admin/marketplace/moderation_reason.html"
# The change page shows the latest decisions; the full log is one click away.
HISTORY_ON_CHANGE_PAGE = 10


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Shown to the owner and kept in the moderation log."),
    )


def moderator(request: HttpRequest) -> User:
    """The signed-in admin user; admin views only ever run for an authenticated staff user."""
    user = request.user
    if not isinstance(user, User):
        raise TypeError("admin requests carry an authenticated user")
    return user


def moderate_each(
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    apply: Callable[[Any], object],
    done_message: str | StrPromise,
) -> None:
    """Call `apply` (a service call) on each object; report how many were done and skipped.

    Each call runs in its own transaction, so one refusal does not undo the others; refusals
    are counted by their error code (e.g. `invalid_state` for an object already hidden).
    """
    done = 0
    skipped: Counter[str] = Counter()
    for obj in queryset:
        try:
            apply(obj)
        except DomainError as exc:
            skipped[exc.code] += 1
        else:
            done += 1
    if done:
        modeladmin.message_user(
            request,
            done_message % {"count": done, "items": model_ngettext(modeladmin.opts, done)},
            messages.SUCCESS,
        )
    if skipped:
        total = sum(skipped.values())
        codes = ", ".join(f"{code}: {count}" for code, count in sorted(skipped.items()))
        modeladmin.message_user(
            request,
            _("Skipped %(count)d %(items)s (%(codes)s).")
            % {"count": total, "items": model_ngettext(modeladmin.opts, total), "codes": codes},
            messages.WARNING,
        )


def moderate_with_reason(
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    action_name: str,
    title: str | StrPromise,
    apply: Callable[[Any, str], object],
    done_message: str | StrPromise,
    intro: str | StrPromise = "",
    submit_label: str | StrPromise = "",
) -> TemplateResponse | None:
    """Ask for a reason on an intermediate page, then apply the action to every object.

    The first POST (from the changelist's action menu) renders the page; the page posts back
    the same action with `apply=yes` and the reason. Without a valid reason nothing changes and
    the page is shown again with the error.
    """
    return moderate_with_form(
        modeladmin,
        request,
        queryset,
        form_class=ModerationReasonForm,
        action_name=action_name,
        title=title,
        apply=lambda obj, data: apply(obj, data["reason"]),
        done_message=done_message,
        intro=intro,
        submit_label=submit_label,
    )


def moderate_with_form(
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    form_class: type[forms.Form],
    action_name: str,
    title: str | StrPromise,
    apply: Callable[[Any, dict[str, Any]], object],
    done_message: str | StrPromise,
    intro: str | StrPromise = "",
    submit_label: str | StrPromise = "",
) -> TemplateResponse | None:
    """`moderate_with_reason` with any form (a reason and a duration, say): `apply(obj, data)`
    gets the form's cleaned data."""
    form = form_class(request.POST if request.POST.get("apply") else None)
    if form.is_valid():
        data = form.cleaned_data
        moderate_each(
            modeladmin,
            request,
            queryset,
            apply=lambda obj: apply(obj, data),
            done_message=done_message,
        )
        return None
    objects = list(queryset)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.opts,
        "objects": objects,
        "objects_name": model_ngettext(modeladmin.opts, len(objects)),
        "form": form,
        "action_name": action_name,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
        "intro": intro,
        "submit_label": submit_label,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, REASON_TEMPLATE, context)


def moderation_actions(
    *,
    restore: Callable[[Any, User], object],
    hide: Callable[[Any, User, str], object],
    restore_description: str | StrPromise,
    restore_done_message: str | StrPromise,
    hide_description: str | StrPromise,
    hide_title: str | StrPromise,
) -> tuple[_Action, _Action]:
    """The `restore_selected` and `hide_selected` actions of a moderated model's admin.

    `restore(obj, by)` and `hide(obj, by, reason)` call the model's moderation services; the
    texts are the model's own (and translated as such). Both actions are offered to moderators
    (`ModeratorAdminMixin`); hiding asks for a reason first.
    """

    @admin.action(description=restore_description, permissions=["moderate"])
    def restore_selected(
        modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
    ) -> None:
        by = moderator(request)
        moderate_each(
            modeladmin,
            request,
            queryset,
            apply=lambda obj: restore(obj, by),
            done_message=restore_done_message,
        )

    @admin.action(description=hide_description, permissions=["moderate"])
    def hide_selected(
        modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
    ) -> TemplateResponse | None:
        by = moderator(request)
        return moderate_with_reason(
            modeladmin,
            request,
            queryset,
            action_name="hide_selected",
            title=hide_title,
            apply=lambda obj, reason: hide(obj, by, reason),
            done_message=_("Hid %(count)d %(items)s."),
        )

    return restore_selected, hide_selected


@admin.display(description=_("moderation history"))
def moderation_history_field(
    modeladmin: admin.ModelAdmin[Any], obj: Model | None
) -> SafeString | str:
    """The `moderation_history` read-only field of a moderated model's admin."""
    return moderation_history_html(obj)


def moderation_history_html(obj: Model | None) -> SafeString | str:
    """The latest moderation decisions about `obj`, for a read-only field on its change page."""
    if obj is None or obj.pk is None:
        return "—"
    entries = list(moderation_history(target=obj)[:HISTORY_ON_CHANGE_PAGE])
    if not entries:
        return gettext("No moderation actions.")
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{} · {} · {}{}</li>",
            (
                (
                    entry.created_at.strftime("%Y-%m-%d %H:%M UTC"),
                    entry.get_action_display(),
                    entry.actor.email if entry.actor else gettext("system"),
                    f" · {entry.reason}" if entry.reason else "",
                )
                for entry in entries
            ),
        ),
    )


class ModeratorAdminMixin:
    """Offers the actions declared with `permissions=["moderate"]` to holders of the moderator
    staff role (and superusers) only. The services check the role again: the admin only
    decides what to show."""

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return user_has_staff_role(user=request.user, role=StaffRole.MODERATOR)


class ReadOnlyAdminMixin:
    """Admin shows these rows but never adds, changes or deletes them: another part of the
    system owns the writes (an audit log, an outbox, the services' rules). Without the delete
    permission the bulk delete action goes too. Fits model admins and inlines alike (`obj` is
    optional, as the inline signatures have it)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log: readable by moderators, never added to, edited or deleted in admin."""

    list_display = ("created_at", "action", "target_link", "actor", "reason")
    list_filter = (
        "action",
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("actor", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("reason", "actor__email")
    list_select_related = ("actor", "content_type")
    date_hierarchy = "created_at"
    fields = ("created_at", "action", "target_link", "actor", "reason", "details")
    readonly_fields = fields

    @admin.display(description=_("target"), ordering="object_id")
    def target_link(self, obj: ModerationAction) -> SafeString | str:
        # Built from the (joined) content type alone: loading each target would cost a query
        # per row of the changelist.
        content_type = obj.content_type
        label = f"{content_type.name} #{obj.object_id}"
        try:
            url = reverse(
                f"admin:{content_type.app_label}_{content_type.model}_change",
                args=[obj.object_id],
            )
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)
