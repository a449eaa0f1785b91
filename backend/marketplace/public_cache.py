"""Anonymous public reads (the gig list and a gig's detail) answered from the cache.

The busiest reads are the same for every anonymous caller; they are kept in the Django cache
(Redis) for a few seconds with the version they were built under, keyed by the URL (scheme,
host, path, query: the pagination links are absolute), the language and the time zone (dates
render in it). Only
anonymous callers are served from it: members see proposal counts and their own firms' gigs.

Every write that can change what these pages show bumps the version (when written and again
once its transaction commits), so the next anonymous read sees the change at once: gigs, their
skills and languages, firms, skills (labels), and what a firm's reputation is computed from
(contracts, milestones, reviews). Model saves and deletes bump it through signals (below); bulk
writes, which send no signals, call `public_reads_changed` themselves (gigs.validation,
skills.services, reviews.services, contracts.services). What no write announces (a reputation
share moving because a deadline passed, a row changed by hand in SQL or by another bulk write
added later) is at most PUBLIC_READ_TTL old.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save
from rest_framework.request import Request
from rest_framework.response import Response

from common.versioned_cache import cache_version_bump, cached_response

PUBLIC_READ_TTL = 5  # seconds
_VERSION_KEY = "public-reads:version"


def public_reads_changed(**_signal: Any) -> None:
    """Anonymous public reads change: bump their version now and again after commit."""
    cache_version_bump(version_key=_VERSION_KEY)


def public_read(request: Request, build: Callable[[], Response]) -> Response:
    """`build()`'s response; for anonymous callers from the cache when a fresh copy is there
    (`cached_response`: keyed by URL, language and time zone; only 200s kept)."""
    if request.user.is_authenticated:
        return build()
    return cached_response(
        request, version_key=_VERSION_KEY, scope="public-read", ttl=PUBLIC_READ_TTL, build=build
    )


def public_reads_watch() -> None:
    """Bump the version on every save and delete of what the cached pages are built from."""
    from marketplace.contracts.models import Contract, Milestone
    from marketplace.firms.models import Firm
    from marketplace.gigs.models import Gig, GigLanguage, GigSkill
    from marketplace.reviews.models import Review
    from marketplace.skills.models import Skill

    for model in (Gig, GigSkill, GigLanguage, Firm, Skill, Contract, Milestone, Review):
        for signal in (post_save, post_delete):
            signal.connect(
                public_reads_changed, sender=model, dispatch_uid=f"public_reads.{model.__name__}"
            )
