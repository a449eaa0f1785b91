"""The server's websocket frames, built in one place so REST, catch-up and live pushes agree."""

from __future__ import annotations

from typing import Any

from chat.attachments import attachment_output, message_attachment_images
from chat.models import Message, Notification


def message_frame(message: Message) -> dict[str, Any]:
    return {
        "type": "message",
        "id": message.id,
        "conversation_id": message.conversation_id,
        "author_id": message.author_id,
        "author_name": message.author.get_full_name(),
        "text": message.text,
        "client_message_id": message.client_message_id,
        "created_at": message.created_at.isoformat(),
        "edited_at": message.edited_at.isoformat() if message.edited_at else None,
        "attachments": [attachment_output(i) for i in message_attachment_images(message)],
    }


def notification_frame(notification: Notification) -> dict[str, Any]:
    return {
        "type": "notification",
        "id": notification.id,
        "kind": notification.kind,
        "payload": notification.payload,
        "created_at": notification.created_at.isoformat(),
    }


def error_frame(code: str, message: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "error", "code": code, "message": str(message), **extra}
