"""Writes of the chat: messages, read state, reports and moderation (conversations are
started in `chat.conversations`).

Every write persists first; the broadcast to the conversation's sockets is scheduled with
`transaction.on_commit`, so a socket never sees a message that was rolled back.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chat import realtime
from chat.attachments import (
    AttachmentRefused,
    attachment_ids_clean,
    attachment_refusal,
    attachments_link_orm,
)
from chat.broadcast import broadcast_on_commit, conversation_group
from chat.frames import message_frame
from chat.message_store import maybe_async_commit, message_send_postgresql
from chat.models import (
    Conversation,
    Message,
    MessageReport,
    Notification,
    NotificationKind,
    Participant,
)
from chat.selectors import message_visible_qs
from common.errors import Conflict, Forbidden, NotFound, RateLimited, ValidationFailed
from marketplace.accounts.models import User
from marketplace.moderation.models import ModerationActionKind, Report, ReportReason
from marketplace.moderation.reports import report_close_for_target, report_create
from marketplace.moderation.services import audit_record, moderator_require, reason_clean

CLIENT_MESSAGE_ID_MAX = 64

# --- messages ----------------------------------------------------------------------------------


def _message_validate(*, text: Any, client_message_id: Any, has_attachments: bool = False) -> str:
    if not isinstance(client_message_id, str) or not (
        0 < len(client_message_id) <= CLIENT_MESSAGE_ID_MAX
    ):
        raise ValidationFailed(
            "invalid_frame",
            _("client_message_id must be a string of 1 to 64 characters."),
            field="client_message_id",
        )
    if text is None and has_attachments:
        text = ""
    if not isinstance(text, str) or not (text.strip() or has_attachments):
        raise ValidationFailed("message_empty", _("A message needs some text or an image."))
    if len(text.encode("utf-8")) > settings.CHAT_MESSAGE_MAX_BYTES:
        raise ValidationFailed(
            "message_too_long",
            _("The message is too long."),
            max_bytes=settings.CHAT_MESSAGE_MAX_BYTES,
        )
    return text


def message_send(
    *,
    conversation_id: int,
    by: User,
    text: Any,
    client_message_id: Any,
    attachments: Any = None,
) -> tuple[Message, bool]:
    """Persist a message, then broadcast it to the conversation after commit.

    Idempotent on (conversation, author, client_message_id): a resend returns the first
    message and `False`, and broadcasts nothing. Only participants may send (`not_found`
    otherwise); the text is capped at CHAT_MESSAGE_MAX_BYTES; a user may send
    CHAT_RATE_LIMIT_MESSAGES per window across all their sockets (`rate_limited`).
    `attachments`: ids of the sender's own unlinked attachment uploads (`chat.attachments`),
    linked in the message's transaction; the text may then be empty.
    """
    image_ids = attachment_ids_clean(attachments)
    text = _message_validate(
        text=text, client_message_id=client_message_id, has_attachments=bool(image_ids)
    )
    send = message_send_postgresql if connection.vendor == "postgresql" else message_send_orm
    return send(
        conversation_id=conversation_id,
        by=by,
        text=text,
        client_message_id=client_message_id,
        image_ids=image_ids,
    )


def message_send_orm(
    *,
    conversation_id: int,
    by: User,
    text: str,
    client_message_id: str,
    image_ids: list[int] | None = None,
) -> tuple[Message, bool]:
    """`message_send` (validated input) through the ORM: any database (SQLite when embedded)."""
    member_ids = list(
        Participant.objects.filter(conversation_id=conversation_id).values_list(
            "user_id", flat=True
        )
    )
    if by.id not in member_ids:
        raise NotFound()
    if realtime.rate_limit_hit(
        user_id=by.id, bucket="message", limit=settings.CHAT_RATE_LIMIT_MESSAGES
    ):
        raise RateLimited("rate_limited", _("You are sending messages too fast."))
    try:
        # The unique constraint, not a prior read, catches a resend: the common path is one
        # transaction of four statements (the commit's fsync is most of a send's time).
        with transaction.atomic():
            maybe_async_commit()
            message = Message.objects.create(
                conversation_id=conversation_id,
                author=by,
                text=text,
                client_message_id=client_message_id,
            )
            message.linked_images = (
                attachments_link_orm(message=message, image_ids=image_ids) if image_ids else []
            )
            Conversation.objects.filter(pk=conversation_id).update(
                last_message_at=message.created_at
            )
            # Answering means having read: the author's marker moves to their message.
            Participant.objects.filter(conversation_id=conversation_id, user=by).update(
                last_read_message_id=message.id
            )
            # One unread `message` notification per conversation and recipient: the insert is
            # skipped for those who have one already (partial unique constraint).
            Notification.objects.bulk_create(
                [
                    Notification(
                        user_id=uid,
                        kind=NotificationKind.MESSAGE,
                        conversation_id=conversation_id,
                        payload={"conversation_id": conversation_id, "message_id": message.id},
                    )
                    for uid in member_ids
                    if uid != by.id
                ],
                ignore_conflicts=True,
            )
            broadcast_on_commit(conversation_group(conversation_id), message_frame(message))
    except AttachmentRefused:
        raise attachment_refusal(image_ids=image_ids or [], by_id=by.id) from None
    except IntegrityError:  # a resend (after a reconnect), a race on another socket or image
        existing = Message.objects.filter(
            conversation_id=conversation_id, author=by, client_message_id=client_message_id
        ).first()
        if existing is None:  # the conflict was an image linked meanwhile
            raise attachment_refusal(image_ids=image_ids or [], by_id=by.id) from None
        existing.author = by
        return existing, False
    return message, True


def message_edit(*, message_id: int, by: User, text: Any) -> Message:
    """The author replaces a message's text within CHAT_EDIT_WINDOW_MINUTES of sending it.

    `edited_at` is stamped and the conversation's sockets get `message_edited` after commit.
    A message the user cannot see (a stranger's, a hidden one) is `not_found`; another
    participant's is `not_author`; after the window, `edit_window_closed`. The text follows the
    rules of a send (`message_empty`, `message_too_long`); an edit counts as a message against
    the rate limit.
    """
    text = _message_validate(text=text, client_message_id="edit")
    with transaction.atomic():
        message = (
            message_visible_qs()
            .select_for_update()
            .select_related("author")
            .filter(pk=message_id)
            .first()
        )
        if (
            message is None
            or not Participant.objects.filter(
                conversation_id=message.conversation_id, user=by
            ).exists()
        ):
            raise NotFound()
        if message.author_id != by.id:
            raise Forbidden("not_author", _("Only the author may edit a message."))
        now = timezone.now()
        window = timedelta(minutes=settings.CHAT_EDIT_WINDOW_MINUTES)
        if now - message.created_at > window:
            raise Conflict(
                "edit_window_closed",
                _("Messages can be edited only within %(minutes)d minutes of sending.")
                % {"minutes": settings.CHAT_EDIT_WINDOW_MINUTES},
                minutes=settings.CHAT_EDIT_WINDOW_MINUTES,
            )
        if realtime.rate_limit_hit(
            user_id=by.id, bucket="message", limit=settings.CHAT_RATE_LIMIT_MESSAGES
        ):
            raise RateLimited("rate_limited", _("You are sending messages too fast."))
        message.text = text
        message.edited_at = now
        message.save(update_fields=["text", "edited_at"])
        broadcast_on_commit(
            conversation_group(message.conversation_id),
            {
                "type": "message_edited",
                "conversation_id": message.conversation_id,
                "message_id": message.id,
                "text": message.text,
                "edited_at": now.isoformat(),
            },
        )
    return message


def message_mark_read(*, conversation_id: int, by: User, message_id: int) -> int:
    """Move the user's read marker forward to `message_id` (never back); returns the marker.

    When everything visible is read, the conversation's unread `message` notification is
    marked read too, so no digest email goes out for it. Read receipts go to the conversation.
    """
    participant = Participant.objects.filter(conversation_id=conversation_id, user=by).first()
    if participant is None:
        raise NotFound()
    latest = (
        message_visible_qs()
        .filter(conversation_id=conversation_id)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    ) or 0
    # Hidden messages leave gaps; the marker may point past the newest visible one.
    target = max(0, min(int(message_id), max(latest, participant.last_read_message_id)))
    with transaction.atomic():
        moved = Participant.objects.filter(
            pk=participant.pk, last_read_message_id__lt=target
        ).update(last_read_message_id=target)
        marker = max(target, participant.last_read_message_id)
        if marker >= latest:
            Notification.objects.filter(
                user=by,
                kind=NotificationKind.MESSAGE,
                conversation_id=conversation_id,
                read_at__isnull=True,
            ).update(read_at=timezone.now())
        if moved:
            broadcast_on_commit(
                conversation_group(conversation_id),
                {
                    "type": "read",
                    "conversation_id": conversation_id,
                    "user_id": by.id,
                    "message_id": marker,
                },
            )
    return marker


def message_report(*, message_id: int, by: User, reason: str) -> Report:
    """A participant reports a message: it joins the moderation queue like any other report.

    The rules are the queue's (`marketplace.moderation.reports.report_create`): only a
    participant can see the message (`not_found` for anyone else), not their own message
    (`report_own_content`), one open report per reporter (`already_reported`), a daily cap.
    The free text is the report's text; its reason category is "other".
    """
    return report_create(
        by=by, kind="message", object_id=message_id, reason=ReportReason.OTHER, text=reason
    )


def message_find_for_reporter(*, message_id: int, user: User) -> Message:
    """A visible message the user takes part in (the registry's `find` for "message")."""
    message = message_visible_qs().filter(pk=message_id).first()
    if (
        message is None
        or not Participant.objects.filter(
            conversation_id=message.conversation_id, user=user
        ).exists()
    ):
        raise NotFound()
    return message


def message_hide(*, message: Message, by: User, reason: str) -> Message:
    """A moderator hides a message: it leaves every list and catch-up, and open sockets drop
    it. Needs the moderator role and a reason; writes an audit row and closes the message's
    open reports. Hiding a hidden message changes nothing."""
    moderator_require(user=by)
    reason = reason_clean(reason, required=True)
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.hidden_by_moderation:
            return locked
        locked.hidden_by_moderation = True
        locked.hidden_reason = reason
        locked.save(update_fields=["hidden_by_moderation", "hidden_reason"])
        audit_record(target=locked, action=ModerationActionKind.HIDE, reason=reason, by=by)
        report_close_for_target(kind="message", object_id=locked.pk, by=by, resolution="hide")
        # Reports filed before they joined the moderation queue.
        MessageReport.objects.filter(message=locked, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        broadcast_on_commit(
            conversation_group(locked.conversation_id),
            {
                "type": "message_hidden",
                "conversation_id": locked.conversation_id,
                "message_id": locked.id,
            },
        )
    return locked
