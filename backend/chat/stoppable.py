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
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
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

# How long one cancellation may take before it is repeated. Not a timeout on the outcome: the
# loop below ends only when the poll has ended.
CANCEL_RETRY_SECONDS = 0.1


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

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        # AsyncConsumer.__call__ (channels 4.3), with the layer poll of _channel_receive.
        self.scope = scope
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        self.base_send = send
        sources = [receive]
        if self.channel_layer is not None:
            self.channel_name = await self.channel_layer.new_channel()
            self.channel_receive = functools.partial(self.channel_layer.receive, self.channel_name)
            sources.append(self._channel_receive)
        with contextlib.suppress(StopConsumer):
            await await_many_dispatch(sources, self.dispatch)

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
