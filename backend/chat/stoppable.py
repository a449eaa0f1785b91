"""A websocket consumer whose channel-layer poll ends for certain when the socket goes.

Channels' `AsyncConsumer` reads the socket and the channel layer side by side
(`await_many_dispatch`); when the socket closes it cancels the layer's `receive` and waits for
it. That wait can last forever: redis-py sends every command through `asyncio.wait_for`, and on
Python 3.11 `wait_for` swallows a cancellation that arrives just as the wrapped write
completes (CPython gh-86296, fixed in 3.12). The poll then carries on in channels-redis'
BZPOPMIN loop on a channel nobody writes to, the consumer never returns, and a graceful
uvicorn shutdown waits on it until something kills the process.

Here the poll runs in a task of its own and the consumer waits on it through a shield; when
the consumer stops it cancels the poll again until it has ended. A swallowed cancellation
leaves the poll at its next await (the BZPOPMIN read), where the next cancel lands, so the
poll ends after at most one retry however the race fell.

It also fails cleanly when the channel layer's Redis is unreachable (the poll, a `group_add` in
`connect`, or the presence cache on the same Redis raise a connection error): a handshake not
yet accepted is refused with 503, `Retry-After` and an error body (a refused handshake never
fires the browser's `open`, so the SPA's backoff grows through an outage), an open socket is
closed with 1013 "try again later"; one warning line, no traceback, no 500. The consumer's
`disconnect` is skipped then: its group and presence clean-up needs the Redis that is gone,
and what it would remove expires on its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
from typing import Any
from urllib.parse import urlparse

from channels.consumer import get_handler_name
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from channels.security.websocket import (
    AllowedHostsOriginValidator,
    OriginValidator,
    WebsocketDenier,
)
from channels.utils import await_many_dispatch
from django.utils.translation import gettext as _
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from common.errors import error_body

logger = logging.getLogger(__name__)

# How long one cancellation may take before it is repeated. Not a timeout on the outcome: the
# loop below ends only when the poll has ended.
CANCEL_RETRY_SECONDS = 0.1
# What an unreachable Redis raises: redis-py wraps refused, reset and timed-out connections in
# these. Not OSError: the server's "client disconnected" is one and must stay the server's.
# Other errors stay errors: they are bugs, not an outage.
LAYER_DOWN_ERRORS = (RedisConnectionError, RedisTimeoutError)
# Close code for an open socket whose channel layer failed: RFC 6455 "Try Again Later".
CLOSE_TRY_AGAIN_LATER = 1013
# Seconds a refused handshake's Retry-After asks for (the SPA's own backoff decides, though).
RETRY_AFTER_SECONDS = 5


async def task_stop(task: asyncio.Future[Any]) -> None:
    """Cancel `task` until it has ended, even if one cancellation was swallowed."""
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=CANCEL_RETRY_SECONDS)
    if not task.cancelled():
        # A message or an error that arrived as we stopped: nobody is left to handle it.
        with contextlib.suppress(Exception):
            task.result()


class StoppableWebsocketConsumer(AsyncWebsocketConsumer):
    """`AsyncWebsocketConsumer` whose channel-layer poll ends when the consumer does."""

    # The handshake's state as this consumer sent it: what a layer failure may still send.
    _accepted = False
    _closed = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        # AsyncConsumer.__call__ (channels 4.3), with the layer poll of _channel_receive.
        self.scope = scope
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        self.base_send = functools.partial(self._send_tracked, send)
        sources = [receive]
        if self.channel_layer is not None:
            self.channel_name = await self.channel_layer.new_channel()
            self.channel_receive = functools.partial(self.channel_layer.receive, self.channel_name)
            sources.append(self._channel_receive)
        try:
            with contextlib.suppress(StopConsumer):
                await await_many_dispatch(sources, self.dispatch)
        except LAYER_DOWN_ERRORS as exc:
            await self._layer_down(exc)

    async def _send_tracked(self, send: Any, message: dict[str, Any]) -> None:
        if message["type"] == "websocket.accept":
            self._accepted = True
        elif message["type"] in {"websocket.close", "websocket.http.response.start"}:
            self._closed = True
        await send(message)

    async def _layer_down(self, exc: BaseException) -> None:
        """Refuse the handshake (503) or close the open socket (1013); log one warning."""
        state = "closed" if self._closed else ("open" if self._accepted else "handshake")
        logger.warning(
            "chat channel layer unavailable (%s: %s); %s",
            type(exc).__name__,
            exc,
            {"handshake": "handshake refused with 503", "open": "socket closed with 1013"}.get(
                state, "socket already closed"
            ),
        )
        if self._closed:
            return
        # The client may have gone meanwhile; the server then refuses the late message.
        with contextlib.suppress(RuntimeError, OSError):
            if self._accepted:
                await self.base_send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN_LATER})
            elif "websocket.http.response" in self.scope.get("extensions", {}):
                await self._deny_unavailable()
            else:  # a server without the denial extension answers a close before accept: 403
                await self.base_send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN_LATER})

    async def _deny_unavailable(self) -> None:
        body = error_body(
            "chat_unavailable",
            _("Chat is unavailable for a moment. Try again shortly."),
            {"retry_after": RETRY_AFTER_SECONDS},
        )
        await self.base_send(
            {
                "type": "websocket.http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
                ],
            }
        )
        await self.base_send(
            {"type": "websocket.http.response.body", "body": json.dumps(body).encode()}
        )

    async def dispatch(self, message: dict[str, Any]) -> None:
        # AsyncConsumer.dispatch without its `aclose_old_connections()`: that hops to the one
        # shared sync thread on every event (three per chat message) to tidy connections of
        # that thread, while this consumer's database work runs in pool threads through
        # `database_sync_to_async`, which closes stale connections around each call itself.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def _channel_receive(self) -> dict[str, Any]:
        poll = asyncio.ensure_future(self.channel_receive())
        try:
            return await asyncio.shield(poll)
        except asyncio.CancelledError:
            await task_stop(poll)
            raise


class LayerlessDenier(WebsocketDenier):
    """Refuses the handshake without opening a channel-layer poll (there is nothing to poll)."""

    channel_layer_alias = "chat.none"  # no such layer: get_channel_layer returns None


class OriginValidatorLayerless(OriginValidator):
    """Channels' `AllowedHostsOriginValidator`, refusing a foreign Origin with `LayerlessDenier`.

    Channels' own denier is a full consumer with a channel-layer poll: the poll that could
    outlive the refused socket (see the module docstring).
    """

    async def __call__(self, scope: Any, receive: Any, send: Any) -> Any:
        parsed_origin = None
        for name, value in scope.get("headers", []):
            if name == b"origin":
                with contextlib.suppress(UnicodeDecodeError):
                    parsed_origin = urlparse(value.decode("latin1"))
        if self.valid_origin(parsed_origin):
            return await self.application(scope, receive, send)
        return await LayerlessDenier()(scope, receive, send)


def allowed_hosts_origin_validator(application: Any) -> OriginValidatorLayerless:
    """The Origin must name one of ALLOWED_HOSTS (as `AllowedHostsOriginValidator` checks)."""
    reference = AllowedHostsOriginValidator(application)
    return OriginValidatorLayerless(application, reference.allowed_origins)
