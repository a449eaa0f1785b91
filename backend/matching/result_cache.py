"""A gig's match pages from the cache, until the gig, the matching index or the firm changes.

Ranking a gig's candidates is the costly part of the match endpoint, and its inputs change
rarely: the gig's own document, the indexed profiles, the taxonomy's related skills, and the
firm's members (left out of the results). A page is kept keyed by the gig's id, a hash of its
document (so any edit of what the ranking reads is a new key), the request's paging and filters
and the language (explanations and skill labels are translated), and is stored with the
matching index's version it was built under; the page and the current version are read in one
MGET, and a page of another version is stale.

The version is bumped by every write of the index (`matching.services`: profiles and gigs
indexed or dropped, skill changes, rebuilds) and by every save or delete of a firm membership,
when written and again after commit (a concurrent read may have stored the not-yet-committed
state under the first bump). What no write announces is at most MATCH_RESULT_TTL old: the
score's time-dependent parts (recent activity, availability from a date) and writes made while
Redis is unreachable (the bump logs a warning instead of failing the write).

The caller checks that the viewer may see the gig before asking for a page: the cached page
never replaces the permission check.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save

from common.versioned_cache import cache_version_bump, cache_versioned_get, cache_versioned_set

MATCH_RESULT_TTL = 60  # seconds
_VERSION_KEY = "matching-index:version"


def matching_index_changed(**_signal: Any) -> None:
    """The matching index (or the firm memberships) changed: bump now and after commit."""
    cache_version_bump(version_key=_VERSION_KEY)


def match_page_cached(
    *, gig_doc: dict[str, Any], request_key: dict[str, Any], build: Callable[[], tuple[Any, bool]]
) -> Any:
    """`build()`'s page for `gig_doc` and the request's paging, filters and language; from the
    cache when a page of the current index version is there. `build` returns the page and
    whether it may be kept (not a degraded read)."""
    digest = hashlib.sha256(
        json.dumps([gig_doc, request_key], sort_keys=True, default=str).encode()
    ).hexdigest()
    key = f"match-page:{gig_doc['id']}:{digest}"
    version, page = cache_versioned_get(version_key=_VERSION_KEY, key=key)
    if page is not None:
        return page
    built, keep = build()
    if keep:
        cache_versioned_set(key=key, version=version, page=built, ttl=MATCH_RESULT_TTL)
    return built


def match_results_watch() -> None:
    """Bump the version on every save and delete of a firm membership (members are left out
    of their own firm's matches)."""
    from marketplace.firms.models import FirmMembership

    for signal in (post_save, post_delete):
        signal.connect(
            matching_index_changed, sender=FirmMembership, dispatch_uid="matching.membership"
        )
