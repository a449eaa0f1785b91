"""Pushes to websocket groups, always after the writing transaction commits.

Groups: `chat.c.<conversation_id>` (sockets subscribed to a conversation) and `chat.u.<user_id>`
(every socket of a user: notifications, new conversations). Each event is a dict with a
`type` the consumer dispatches on (`chat.event`) and the `frame` it forwards to the client.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def conversation_group(conversation_id: int) -> str:
    return f"chat.c.{conversation_id}"


def user_group(user_id: int) -> str:
    return f"chat.u.{user_id}"


def _send_now(group: str, frame: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": "chat.event", "frame": frame})
    except Exception:  # a broadcast must never undo or fail a committed write
        logger.exception("chat_broadcast_failed", extra={"group": group})


def broadcast_on_commit(group: str, frame: dict[str, Any]) -> None:
    """Send `frame` to every socket in `group` once the current transaction commits."""
    transaction.on_commit(lambda: _send_now(group, frame))


def close_user_sockets(*, user_id: int, code: str) -> None:
    """Tell every socket of the user to close (the consumer's `chat.close` handler): sent at
    once, as the event that calls it fires after the sanction's commit."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(user_group(user_id), {"type": "chat.close", "code": code})
    except Exception:  # the sanction is committed; sockets then close on their next frame
        logger.exception("chat_close_failed", extra={"user_id": user_id})
