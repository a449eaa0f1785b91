"""Notifications: created from domain events, pushed live to the user's sockets, read via REST.

Event notifications carry an `event_key` ("proposal:12:shortlisted"); the unique constraint on
(user, event_key) makes a redelivered event a no-op. Payloads hold what the text needs (gig
title, status), so rendering a list or an email costs no further queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from chat.broadcast import broadcast_on_commit, user_group
from chat.frames import notification_frame
from chat.models import Notification, NotificationKind, NotificationPreference
from common.errors import NotFound
from marketplace.accounts.models import User
from payments.escrow.models import EscrowState


def notification_create(
    *, user_ids: Iterable[int], kind: str, payload: dict[str, Any], event_key: str
) -> list[Notification]:
    """One notification per user (once per `event_key`), each pushed live after commit."""
    user_ids = sorted(set(user_ids))
    rows = [
        Notification(user_id=uid, kind=kind, payload=payload, event_key=event_key)
        for uid in user_ids
    ]
    with transaction.atomic():
        if not event_key:
            created = Notification.objects.bulk_create(rows)
        else:
            # Without ids back from an ignoring insert, re-read what this event left unread.
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
            created = list(
                Notification.objects.filter(
                    user_id__in=user_ids, event_key=event_key, read_at__isnull=True
                )
            )
        for notification in created:
            broadcast_on_commit(user_group(notification.user_id), notification_frame(notification))
    return created


def notification_mark_read(*, notification_id: int, by: User) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, user=by).first()
    if notification is None:
        raise NotFound()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, by: User) -> int:
    return Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())


def notification_preference_update(*, user: User, **changes: Any) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    for field, value in changes.items():
        setattr(preference, field, value)
    preference.save()
    return preference


def notification_text(notification: Notification) -> str:
    """One line describing the notification, in the active language (emails, admin)."""
    p = notification.payload
    gig = p.get("gig_title", "")
    match notification.kind:
        case NotificationKind.MESSAGE:
            title = notification.conversation.title if notification.conversation else gig
            return _("Unread messages in “%(title)s”.") % {"title": title}
        case NotificationKind.INVITATION:
            return _("You were invited to propose on “%(gig)s”.") % {"gig": gig}
        case NotificationKind.PROPOSAL:
            texts = {
                "submitted": _("A new proposal arrived on “%(gig)s”."),
                "withdrawn": _("A proposal on “%(gig)s” was withdrawn."),
                "shortlisted": _("Your proposal on “%(gig)s” was shortlisted."),
                "declined": _("Your proposal on “%(gig)s” was declined."),
                "accepted": _("Your proposal on “%(gig)s” was accepted."),
            }
            return texts.get(p.get("status", ""), _("A proposal on “%(gig)s” changed.")) % {
                "gig": gig
            }
        case NotificationKind.CONTRACT:
            texts = {
                "active": _("The contract “%(gig)s” started."),
                "completed": _("The contract “%(gig)s” was completed."),
                "cancelled": _("The contract “%(gig)s” was cancelled."),
            }
            return texts.get(p.get("status", ""), _("The contract “%(gig)s” changed.")) % {
                "gig": gig
            }
        case NotificationKind.MILESTONE:
            return _("A milestone was added to “%(gig)s”.") % {"gig": gig}
        case NotificationKind.PAYMENT:
            if p.get("notice"):
                return _payment_notice_text(p)
            if "ready" in p:
                return (
                    _("Your payout account is ready.")
                    if p["ready"]
                    else _("Your payout account needs attention.")
                )
            return _("A milestone payment of “%(gig)s” is now %(state)s.") % {
                "gig": gig,
                # The payload holds the state code; show its translated label.
                "state": _escrow_state_label(p.get("state", "")),
            }
    return str(notification.kind)


def _escrow_state_label(state: str) -> str:
    return str(EscrowState(state).label) if state in EscrowState.values else state


def _payment_notice_text(p: dict[str, Any]) -> str:
    """A payments reminder or warning, its due date in the active language's format."""
    due = date_format(datetime.fromisoformat(p["due_at"]), "DATE_FORMAT")
    names = {"gig": p.get("gig_title", ""), "milestone": p.get("milestone_title", ""), "due": due}
    if p["notice"] == "auto_release_reminder":
        return (
            _(
                "“%(milestone)s” of “%(gig)s” will be released to the freelancer on %(due)s "
                "unless you release it or open a dispute first."
            )
            % names
        )
    return (
        _(
            "The money held for “%(milestone)s” of “%(gig)s” will be refunded to the client "
            "on %(due)s unless it is released first."
        )
        % names
    )
