"""The email digest: notifications still unread N minutes after they arrived, one email per user.

Beat runs `chat.tasks.notification_digest_send_due` every minute. A notification is due when it
is unread, not emailed, older than the user's delay (their preference, else
CHAT_DIGEST_DELAY_MINUTES) and of a kind the user wants by email. Each user's due rows are
locked, rendered in the user's language and stamped `emailed_at` in the same transaction that
queues the email (outbox), so a notification is emailed at most once, and never once read.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from chat.models import Notification, NotificationKind, NotificationPreference
from chat.notifications import notification_text
from marketplace.accounts.models import User
from marketplace.accounts.services import email_queue

# At most this many users per run; the next run (a minute later) takes the rest.
USERS_PER_RUN = 500


def _wants_email_q() -> Q:
    """Rows whose user kept email on for their kind (no preference row = every kind on)."""
    q = Q(user__chat_preference__isnull=True)
    for kind in NotificationKind.values:
        q |= Q(kind=kind, **{f"user__chat_preference__email_{kind}": True})
    return q


def _delay_of(preference: NotificationPreference | None) -> timedelta:
    minutes = settings.CHAT_DIGEST_DELAY_MINUTES
    if preference is not None and preference.digest_delay_minutes is not None:
        minutes = preference.digest_delay_minutes
    return timedelta(minutes=minutes)


def _pending() -> Q:
    return Q(read_at__isnull=True, emailed_at__isnull=True)


def notification_digest_send_due(*, now: datetime) -> int:
    """Queue one digest email per user with due notifications; returns the emails queued."""
    # The shortest possible delay is 0 minutes, so every pending row is a candidate; the
    # per-user delay is applied below, where the preference is at hand.
    candidates = (
        Notification.objects.filter(_pending(), _wants_email_q(), created_at__lte=now)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()[:USERS_PER_RUN]
    )
    sent = 0
    for user_id in list(candidates):
        sent += int(notification_digest_send_for_user(user_id=user_id, now=now))
    return sent


def notification_digest_send_for_user(*, user_id: int, now: datetime) -> bool:
    """Email the user's due notifications once; False when none is due (or all were read)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    preference = NotificationPreference.objects.filter(user=user).first()
    cutoff = now - _delay_of(preference)
    with transaction.atomic():
        due = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(_pending(), _wants_email_q(), user=user, created_at__lte=cutoff)
            .select_related("conversation")
            .order_by("created_at", "id")
        )
        if not due:
            return False
        counts = _unread_counts(user=user, notifications=due)
        with translation.override(user.language):
            lines = [{"text": notification_text(n), "count": counts.get(n.id)} for n in due]
            context = {"user": user, "lines": lines, "site_url": settings.SITE_URL}
            email_queue(
                to=user.email,
                subject=ngettext(
                    "[Nanoguild] %(count)d unread notification",
                    "[Nanoguild] %(count)d unread notifications",
                    len(due),
                )
                % {"count": len(due)},
                body_text=render_to_string("chat/email/digest.txt", context),
                body_html=render_to_string("chat/email/digest.html", context),
                template="chat/digest",
            )
        Notification.objects.filter(pk__in=[n.id for n in due]).update(emailed_at=now)
    return True


def _unread_counts(*, user: User, notifications: list[Notification]) -> dict[int, int]:
    """Unread message counts for the digest's `message` lines, in one query."""
    from django.db.models import Count, F

    from chat.models import Message

    conversation_ids = {n.conversation_id for n in notifications if n.conversation_id}
    if not conversation_ids:
        return {}
    rows = (
        Message.objects.filter(
            conversation_id__in=conversation_ids,
            hidden_by_moderation=False,
            conversation__memberships__user=user,
            id__gt=F("conversation__memberships__last_read_message_id"),
        )
        .exclude(author=user)
        .values("conversation_id")
        .annotate(n=Count("id"))
    )
    by_conversation: dict[int, int] = defaultdict(int)
    for row in rows:
        by_conversation[row["conversation_id"]] = row["n"]
    return {
        n.id: by_conversation[n.conversation_id]
        for n in notifications
        if n.conversation_id is not None
    }
