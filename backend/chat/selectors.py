"""Reads of conversations and messages: only participants see a conversation.

A non-participant — staff included — gets `not_found` for a conversation, its messages and its
members, exactly as if it did not exist; moderators read reported messages in Django admin.
Hidden messages are never listed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from chat.models import (
    Conversation,
    Message,
    MessageAttachment,
    Notification,
    NotificationPreference,
    Participant,
)
from common.errors import NotFound
from marketplace.media.models import StoredImage


def conversation_member_ids(*, conversation_id: int) -> list[int]:
    return list(
        Participant.objects.filter(conversation_id=conversation_id).values_list(
            "user_id", flat=True
        )
    )


def conversation_is_member(*, conversation_id: int, user_id: int) -> bool:
    return Participant.objects.filter(conversation_id=conversation_id, user_id=user_id).exists()


def conversation_check_member(*, conversation_id: int, user_id: int) -> None:
    if not conversation_is_member(conversation_id=conversation_id, user_id=user_id):
        raise NotFound()


def message_visible_qs() -> QuerySet[Message]:
    return Message.objects.filter(hidden_by_moderation=False)


def message_attachments_prefetch() -> Prefetch[Any]:
    """Add to a message queryset: its attachments in order with their images (one query)."""
    return Prefetch(
        "attachments",
        queryset=MessageAttachment.objects.select_related("image").order_by("position"),
    )


def message_attachments_for_user(*, message_id: int, user: Any) -> list[StoredImage]:
    """A visible message's images, for a participant of its conversation (else `NotFound`)."""
    message = (
        message_visible_qs()
        .filter(pk=message_id, conversation__memberships__user_id=user.id)
        .prefetch_related(message_attachments_prefetch())
        .first()
    )
    if message is None:
        raise NotFound()
    return [attachment.image for attachment in message.attachments.all()]


def conversation_list_for_user(*, user: Any) -> QuerySet[Conversation]:
    """The user's conversations with their unread count and last visible message.

    Four subqueries ride on the one list query and the participants come in one prefetch, so a
    page costs the same number of queries whatever it holds.
    """
    mine = Participant.objects.filter(conversation=OuterRef("pk"), user=user)
    visible = message_visible_qs().filter(conversation=OuterRef("pk"))
    last = visible.order_by("-id")
    unread = (
        visible.filter(id__gt=OuterRef("my_last_read_message_id"))
        .exclude(author=user)
        .order_by()
        .values("conversation")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Conversation.objects.filter(memberships__user=user)
        .annotate(my_last_read_message_id=Subquery(mine.values("last_read_message_id")[:1]))
        .annotate(
            unread_count=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
            last_message_id=Subquery(last.values("id")[:1]),
            last_message_text=Subquery(last.values("text")[:1]),
            last_message_author_id=Subquery(last.values("author_id")[:1]),
            last_message_created_at=Subquery(last.values("created_at")[:1]),
        )
        .prefetch_related(
            Prefetch("memberships", queryset=Participant.objects.select_related("user"))
        )
    )


def conversation_get_for_user(*, conversation_id: int, user: Any) -> Conversation:
    conversation = conversation_list_for_user(user=user).filter(pk=conversation_id).first()
    if conversation is None:
        raise NotFound()
    return conversation


def message_list_for_user(*, conversation_id: int, user: Any) -> QuerySet[Message]:
    """A conversation's visible messages, for a participant (else `NotFound`)."""
    conversation_check_member(conversation_id=conversation_id, user_id=user.id)
    return (
        message_visible_qs()
        .filter(conversation_id=conversation_id)
        .select_related("author")
        .prefetch_related(message_attachments_prefetch())
    )


def message_list_after(*, conversation_id: int, after_id: int, limit: int) -> list[Message]:
    """Missed messages for a catch-up, oldest first; the caller checked membership."""
    return list(
        message_visible_qs()
        .filter(conversation_id=conversation_id, id__gt=after_id)
        .select_related("author")
        .prefetch_related(message_attachments_prefetch())
        .order_by("id")[:limit]
    )


def notification_list_for_user(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def notification_preference_get(*, user: Any) -> NotificationPreference:
    """The user's preferences, the defaults when they never changed them (not saved)."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user)
