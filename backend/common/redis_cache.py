"""Django's Redis cache with one `redis.Redis` client per connection pool, kept for the process.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` on every cache call; each
construction fills ~170 response callbacks, measurable on the busiest reads (a session, a
throttle and a cached page are three calls a request). A client over a pool is thread-safe (it
takes a connection from the pool per command), so one per pool serves every thread.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django_client: Any = self  # Django's private attributes, untyped in django-stubs
        index = django_client._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            # The pool of that very index (Django's _get_connection_pool would draw a replica
            # again at random); building a pool twice in a race only costs a spare client.
            pools = django_client._pools
            if index not in pools:
                pools[index] = django_client._pool_class.from_url(
                    django_client._servers[index], **django_client._pool_options
                )
            client = django_client._client(connection_pool=pools[index])
            self._clients[index] = client
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient
