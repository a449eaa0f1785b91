"""Per-user daily limits on the marketplace's writes (proposals, invitations).

DRF's throttles are not a security control: they read and write a cache counter in two steps,
so racing requests all pass (DRF PR #6950). These limits are counted inside the writing
transaction instead, under the acting user's row lock, so one user's writes of a kind queue
behind each other and the count each one reads includes the rows the others committed
(ASVS 11.1.3 / 11.1.6, OWASP API6).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import RateLimited
from marketplace.accounts.models import User


def user_lock(*, user: User) -> None:
    """Serialise one user's limited writes; call first inside the transaction.

    The user's row is locked before any gig row, the order moderation and media use too.
    """
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))


def daily_quota_check(*, done: QuerySet[Any], limit: int, code: str, message: Any) -> None:
    """Refuse with 429 `code` when `done` (rows with `created_at`) holds `limit` rows of the
    last rolling 24 hours. Call under `user_lock`, in the transaction that writes the row."""
    since = timezone.now() - timedelta(days=1)
    count = done.filter(created_at__gte=since).count()
    if count >= limit:
        raise RateLimited(code, message, limit=limit)


PROPOSAL_QUOTA_MESSAGE = _("You have sent the most proposals allowed today; try again tomorrow.")
INVITATION_QUOTA_MESSAGE = _(
    "You have sent the most invitations allowed today; try again tomorrow."
)
