"""A message send on PostgreSQL in one statement (the hot path of the chat).

The ORM path in `chat.services.message_send` takes seven round trips per message (read the
members, begin, insert, two updates, the notifications, commit). Under load each round trip
waits for PostgreSQL to be scheduled on the shared cores, so here the membership check, the
insert, the conversation's `last_message_at`, the author's read marker and the recipients'
unread notification are one statement with data-modifying CTEs: one round trip, one
implicit transaction (all or nothing), the same rules and constraints.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chat import realtime
from chat.attachments import (
    AttachmentRefused,
    attachment_refusal,
    attachments_link_postgresql,
)
from chat.broadcast import broadcast_on_commit, conversation_group
from chat.frames import message_frame
from chat.models import Message
from common.errors import NotFound, RateLimited
from marketplace.accounts.models import User
from marketplace.media.models import StoredImage

_SEND = """
WITH member AS (
    SELECT user_id FROM chat_participant WHERE conversation_id = %(conversation_id)s
), stored AS (
    INSERT INTO chat_message (conversation_id, author_id, text, client_message_id,
                              created_at, hidden_by_moderation, hidden_reason)
    SELECT %(conversation_id)s, %(author_id)s, %(text)s, %(client_message_id)s, %(now)s,
           false, ''
    WHERE EXISTS (SELECT 1 FROM member WHERE user_id = %(author_id)s)
    ON CONFLICT (conversation_id, author_id, client_message_id) DO NOTHING
    RETURNING id
), moved AS (
    UPDATE chat_conversation SET last_message_at = %(now)s
    FROM stored WHERE chat_conversation.id = %(conversation_id)s
), marker AS (
    UPDATE chat_participant SET last_read_message_id = stored.id
    FROM stored
    WHERE chat_participant.conversation_id = %(conversation_id)s
      AND chat_participant.user_id = %(author_id)s
), notified AS (
    INSERT INTO chat_notification (user_id, kind, payload, conversation_id, event_key,
                                   created_at)
    SELECT member.user_id, 'message',
           jsonb_build_object('conversation_id', %(conversation_id)s::bigint,
                              'message_id', stored.id),
           %(conversation_id)s, '', %(now)s
    FROM member CROSS JOIN stored
    WHERE member.user_id <> %(author_id)s
    ON CONFLICT DO NOTHING  -- one unread `message` notification per conversation and user
)
SELECT EXISTS (SELECT 1 FROM member WHERE user_id = %(author_id)s), (SELECT id FROM stored)
"""


def maybe_async_commit() -> None:
    """With CHAT_ASYNC_COMMIT, this transaction's commit does not wait for the WAL fsync.

    PostgreSQL stays consistent; a crash of the database server (not of the app) may lose the
    last ~0.6 s of acknowledged messages. Off by default: a send is as durable as any write.
    """
    if settings.CHAT_ASYNC_COMMIT and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def message_send_postgresql(
    *,
    conversation_id: int,
    by: User,
    text: str,
    client_message_id: str,
    image_ids: list[int] | None = None,
) -> tuple[Message, bool]:
    """`chat.services.message_send` (validated input) in one statement; same rules and result.

    In autocommit the statement is its own transaction; `on_commit` then broadcasts at once
    (inside an outer transaction, after it commits). CHAT_ASYNC_COMMIT needs a transaction for
    its `SET LOCAL`, so only then is the statement wrapped in one. With attachments, the
    message and the links are one transaction of two statements (`chat.attachments`).
    """
    if realtime.rate_limit_hit(
        user_id=by.id, bucket="message", limit=settings.CHAT_RATE_LIMIT_MESSAGES
    ):
        raise RateLimited("rate_limited", _("You are sending messages too fast."))
    now = timezone.now()
    images: list[StoredImage] = []
    in_transaction = settings.CHAT_ASYNC_COMMIT or bool(image_ids)
    try:
        with transaction.atomic() if in_transaction else contextlib.nullcontext():
            maybe_async_commit()
            stored = _store(
                conversation_id=conversation_id,
                author_id=by.id,
                text=text,
                client_message_id=client_message_id,
                now=now,
            )
            if image_ids and stored.message_id is not None:
                images = attachments_link_postgresql(
                    message_id=stored.message_id, author_id=by.id, image_ids=image_ids
                )
    except AttachmentRefused:
        raise attachment_refusal(image_ids=image_ids or [], by_id=by.id) from None
    if not stored.is_member:
        raise NotFound()
    if stored.message_id is None:  # a resend (after a reconnect), or a race on another socket
        existing = Message.objects.get(
            conversation_id=conversation_id, author=by, client_message_id=client_message_id
        )
        existing.author = by
        return existing, False
    message = Message(
        id=stored.message_id,
        conversation_id=conversation_id,
        author=by,
        text=text,
        client_message_id=client_message_id,
        created_at=now,
    )
    message.linked_images = images
    broadcast_on_commit(conversation_group(conversation_id), message_frame(message))
    return message, True


@dataclass(frozen=True)
class Stored:
    is_member: bool
    message_id: int | None  # None: not a member, or this client_message_id was stored before


def _store(
    *, conversation_id: int, author_id: int, text: str, client_message_id: str, now: datetime
) -> Stored:
    with connection.cursor() as cursor:
        cursor.execute(
            _SEND,
            {
                "conversation_id": conversation_id,
                "author_id": author_id,
                "text": text,
                "client_message_id": client_message_id,
                "now": now,
            },
        )
        is_member, message_id = cursor.fetchone()
    return Stored(is_member=bool(is_member), message_id=message_id)
