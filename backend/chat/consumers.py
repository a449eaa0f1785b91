"""The chat websocket: one socket per signed-in user, carrying all of their conversations.

The consumer authenticates (session cookie, via AuthMiddlewareStack), checks each frame's
shape and size, authorises every subscribe and send against conversation membership, and calls
the services; it holds no rules. The protocol is documented in docs/chat.md.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils.translation import gettext as _

from chat import realtime, selectors, services
from chat.broadcast import conversation_group, user_group
from chat.frames import error_frame, message_frame
from chat.stoppable import StoppableWebsocketConsumer
from common.errors import DomainError, NotFound, RateLimited, ValidationFailed
from marketplace.accounts.access import user_access_refusal

# Presence is refreshed at most every 20 s per socket: well inside the 60 s key lifetime, and
# it keeps the cache writes to one per socket per 20 s however chatty the socket is.
PRESENCE_REFRESH_SECONDS = 20
# Close code for a suspended or banned user's socket (4000–4999 are the application's).
CLOSE_ACCOUNT_RESTRICTED = 4403
# Sync work runs in the default thread pool, not the one shared thread: one socket's database
# round trip must not hold up every other socket of the process.
_db = database_sync_to_async


def _sync(func: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    return _db(func, thread_sensitive=False)


def _int_field(frame: dict[str, Any], name: str, *, required: bool = True) -> int | None:
    value = frame.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationFailed(
            "invalid_frame",
            _("The field %(field)s must be a whole number.") % {"field": name},
            field=name,
        )
    return value


class ChatConsumer(StoppableWebsocketConsumer):
    user: Any
    # conversation id → the highest message id the catch-up delivered (drops live copies of
    # messages the catch-up sent already)
    subscribed: dict[int, int]

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        if user_access_refusal(user=user) is not None:  # suspended or banned
            await self.close(code=CLOSE_ACCOUNT_RESTRICTED)
            return
        self.user = user
        self.subscribed = {}
        await self.channel_layer.group_add(user_group(user.id), self.channel_name)
        await self.accept()
        await _sync(realtime.presence_touch)(user_id=user.id)
        self.presence_at = time.monotonic()

    async def disconnect(self, code: int) -> None:
        user = getattr(self, "user", None)
        if user is None:
            return
        await self.channel_layer.group_discard(user_group(user.id), self.channel_name)
        last_seen = await _sync(realtime.presence_leave)(user_id=user.id)
        for conversation_id in self.subscribed:
            group = conversation_group(conversation_id)
            await self.channel_layer.group_discard(group, self.channel_name)
            await self._group_send(
                group,
                {
                    "type": "presence",
                    "conversation_id": conversation_id,
                    "user_id": user.id,
                    "online": False,
                    "last_seen": last_seen,
                },
            )

    # --- frames from the client ---------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        raw: str | bytes = text_data if text_data is not None else (bytes_data or b"")
        size = len(raw.encode("utf-8")) if isinstance(raw, str) else len(raw)
        if size > settings.CHAT_FRAME_MAX_BYTES:
            await self._send_frame(
                error_frame(
                    "frame_too_large",
                    _("The frame is too large."),
                    max_bytes=settings.CHAT_FRAME_MAX_BYTES,
                )
            )
            await self.close(code=1009)
            return
        try:
            frame = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            frame = None
        if not isinstance(frame, dict):
            await self._send_frame(error_frame("malformed_frame", _("Send a JSON object.")))
            return
        frame_type = frame.get("type")
        # Only a string names a handler (a list as "type" would not even hash).
        handler = self.HANDLERS.get(frame_type) if isinstance(frame_type, str) else None
        if handler is None:
            await self._send_frame(
                error_frame("unknown_type", _("Unknown frame type."), ref=frame.get("type"))
            )
            return
        try:
            if frame["type"] != "send":  # a send passes the gate in its own database call
                await self._gate()
            await handler(self, frame)
        except DomainError as exc:
            extra = {"details": exc.details} if exc.details else {}
            for echo in ("conversation_id", "client_message_id", "message_id"):
                if echo in frame:
                    extra[echo] = frame[echo]
            await self._send_frame(error_frame(exc.code, exc.message, **extra))

    async def _gate(self) -> None:
        """Every frame counts against the user's frame budget, and keeps them online."""
        limited = await _sync(_frame_gate)(user_id=self.user.id, refresh_presence=self._refresh())
        if limited:
            raise RateLimited("rate_limited", _("Too many frames; slow down."))

    def _refresh(self) -> bool:
        refresh = time.monotonic() - self.presence_at > PRESENCE_REFRESH_SECONDS
        if refresh:
            self.presence_at = time.monotonic()
        return refresh

    async def on_subscribe(self, frame: dict[str, Any]) -> None:
        conversation_id = _int_field(frame, "conversation_id")
        after_id = _int_field(frame, "after_id", required=False)
        assert conversation_id is not None
        if not await _sync(selectors.conversation_is_member)(
            conversation_id=conversation_id, user_id=self.user.id
        ):
            raise NotFound()
        group = conversation_group(conversation_id)
        # Join first, then read the backlog: a message committed in between arrives both ways
        # and the watermark below drops the second copy.
        await self.channel_layer.group_add(group, self.channel_name)
        watermark = self.subscribed.get(conversation_id, 0)
        missed: list[dict[str, Any]] = []
        complete = True
        if after_id is not None:
            limit = settings.CHAT_CATCHUP_LIMIT
            messages = await _sync(_catch_up)(
                conversation_id=conversation_id, after_id=max(after_id, watermark), limit=limit
            )
            missed = messages
            complete = len(messages) < limit
            watermark = max([after_id, watermark, *(m["id"] for m in messages)])
        self.subscribed[conversation_id] = watermark
        for message in missed:
            await self._send_frame(message)
        await self._send_frame(
            {
                "type": "subscribed",
                "conversation_id": conversation_id,
                "last_message_id": watermark,
                "complete": complete,
            }
        )
        await self._group_send(
            group,
            {
                "type": "presence",
                "conversation_id": conversation_id,
                "user_id": self.user.id,
                "online": True,
                "last_seen": None,
            },
        )

    async def on_unsubscribe(self, frame: dict[str, Any]) -> None:
        conversation_id = _int_field(frame, "conversation_id")
        assert conversation_id is not None
        self.subscribed.pop(conversation_id, None)
        await self.channel_layer.group_discard(
            conversation_group(conversation_id), self.channel_name
        )
        await self._send_frame({"type": "unsubscribed", "conversation_id": conversation_id})

    async def on_send(self, frame: dict[str, Any]) -> None:
        conversation_id = _int_field(frame, "conversation_id")
        message, created = await _sync(_gate_and_send)(
            refresh_presence=self._refresh(),
            conversation_id=conversation_id,
            by=self.user,
            text=frame.get("text"),
            client_message_id=frame.get("client_message_id"),
            attachments=frame.get("attachments"),
        )
        await self._send_frame(
            {
                "type": "ack",
                "conversation_id": conversation_id,
                "client_message_id": message.client_message_id,
                "message_id": message.id,
                "created_at": message.created_at.isoformat(),
                "duplicate": not created,
            }
        )

    async def on_edit(self, frame: dict[str, Any]) -> None:
        message_id = _int_field(frame, "message_id")
        assert message_id is not None
        message = await _sync(services.message_edit)(
            message_id=message_id, by=self.user, text=frame.get("text")
        )
        await self._send_frame(
            {
                "type": "edit_ack",
                "conversation_id": message.conversation_id,
                "message_id": message.id,
                "edited_at": message.edited_at.isoformat(),
            }
        )

    async def on_typing(self, frame: dict[str, Any]) -> None:
        conversation_id = await self._member_conversation(frame)
        await self._group_send(
            conversation_group(conversation_id),
            {
                "type": "typing",
                "conversation_id": conversation_id,
                "user_id": self.user.id,
                "is_typing": frame.get("is_typing", True) is not False,
            },
        )

    async def on_read(self, frame: dict[str, Any]) -> None:
        conversation_id = _int_field(frame, "conversation_id")
        message_id = _int_field(frame, "message_id")
        marker = await _sync(services.message_mark_read)(
            conversation_id=conversation_id, by=self.user, message_id=message_id
        )
        await self._send_frame(
            {"type": "read_ok", "conversation_id": conversation_id, "message_id": marker}
        )

    async def on_presence(self, frame: dict[str, Any]) -> None:
        conversation_id = await self._member_conversation(frame)
        users = await _sync(_presence_of_conversation)(conversation_id=conversation_id)
        await self._send_frame(
            {"type": "presence_state", "conversation_id": conversation_id, "users": users}
        )

    async def on_ping(self, frame: dict[str, Any]) -> None:
        await self._send_frame({"type": "pong"})

    HANDLERS: dict[str, Callable[[ChatConsumer, dict[str, Any]], Awaitable[None]]] = {
        "subscribe": on_subscribe,
        "unsubscribe": on_unsubscribe,
        "send": on_send,
        "edit": on_edit,
        "typing": on_typing,
        "read": on_read,
        "presence": on_presence,
        "ping": on_ping,
    }

    # --- events from the groups ---------------------------------------------------------------

    async def chat_event(self, event: dict[str, Any]) -> None:
        frame = event["frame"]
        kind = frame.get("type")
        if kind == "message":
            conversation_id = frame["conversation_id"]
            if conversation_id not in self.subscribed:
                return
            # Only the catch-up's ids can come twice (a socket is in a group once). The mark
            # stays where the catch-up ended: live messages of concurrent senders may arrive
            # out of id order, and moving it up with each would drop the lower one.
            if frame["id"] <= self.subscribed[conversation_id]:
                return  # delivered already by the catch-up
        elif kind == "conversation_removed":
            # The user left the firm: leave those groups before anything else is delivered.
            for conversation_id in frame["conversation_ids"]:
                if self.subscribed.pop(conversation_id, None) is not None:
                    await self.channel_layer.group_discard(
                        conversation_group(conversation_id), self.channel_name
                    )
        elif kind in {"typing", "presence"} and frame.get("user_id") == self.user.id:
            return  # a user's own typing and presence are no news to them
        elif (
            kind != "notification"
            and "conversation_id" in frame
            and frame["conversation_id"] not in self.subscribed
        ):
            return
        await self._send_frame(frame)

    async def chat_close(self, event: dict[str, Any]) -> None:
        """Moderation suspended or banned this user: say why, then close the socket."""
        await self._send_frame(error_frame(event["code"], _("Your account can no longer be used.")))
        await self.close(code=CLOSE_ACCOUNT_RESTRICTED)

    # --- helpers ------------------------------------------------------------------------------

    async def _member_conversation(self, frame: dict[str, Any]) -> int:
        conversation_id = _int_field(frame, "conversation_id")
        assert conversation_id is not None
        if conversation_id in self.subscribed:
            return conversation_id  # membership was checked on subscribe
        if not await _sync(selectors.conversation_is_member)(
            conversation_id=conversation_id, user_id=self.user.id
        ):
            raise NotFound()
        return conversation_id

    async def _group_send(self, group: str, frame: dict[str, Any]) -> None:
        await self.channel_layer.group_send(group, {"type": "chat.event", "frame": frame})

    async def _send_frame(self, frame: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(frame))


def _frame_gate(*, user_id: int, refresh_presence: bool) -> bool:
    if refresh_presence:
        realtime.presence_touch(user_id=user_id)
    return realtime.rate_limit_hit(
        user_id=user_id, bucket="frame", limit=settings.CHAT_RATE_LIMIT_FRAMES
    )


def _gate_and_send(*, refresh_presence: bool, by: Any, **message: Any) -> Any:
    """The frame gate and the send in one trip to the thread pool (sends are the hot path)."""
    if _frame_gate(user_id=by.id, refresh_presence=refresh_presence):
        raise RateLimited("rate_limited", _("Too many frames; slow down."))
    return services.message_send(by=by, **message)


def _catch_up(*, conversation_id: int, after_id: int, limit: int) -> list[dict[str, Any]]:
    messages = selectors.message_list_after(
        conversation_id=conversation_id, after_id=after_id, limit=limit
    )
    return [message_frame(m) for m in messages]


def _presence_of_conversation(*, conversation_id: int) -> list[dict[str, object]]:
    return realtime.presence_of(
        user_ids=selectors.conversation_member_ids(conversation_id=conversation_id)
    )
