"""Whether a user may use their account now: the one check behind login, the API and sockets.

Moderation suspends (until a time) or bans (for good) a user through
`marketplace.moderation.sanctions`; this module only reads the two fields it sets, so every
entry point refuses the same way with the same codes:

- sign-in (Django's backends below, the allauth adapter, the admin login form);
- every authenticated API request (`accounts.authentication`, the default DRF
  authentication class), so no view needs its own check before proposing, funding, sending…;
- the chat websocket (its consumer refuses to connect, and moderation closes open sockets).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from common.errors import Forbidden
from marketplace.accounts.session_user import session_user_get


class AccountRestricted(Forbidden):
    """403 `account_suspended` or `account_banned`; `details.until` for a suspension."""


def user_access_refusal(*, user: Any, now: datetime | None = None) -> AccountRestricted | None:
    """The refusal for a banned or currently suspended user, or None when they may act."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if getattr(user, "banned_at", None) is not None:
        return AccountRestricted(
            "account_banned", _("This account is banned. Contact support if this is a mistake.")
        )
    until = getattr(user, "suspended_until", None)
    if until is not None and until > (now or timezone.now()):
        return AccountRestricted(
            "account_suspended",
            _("This account is suspended until %(until)s (UTC).")
            % {"until": formats.date_format(until, "DATETIME_FORMAT", use_l10n=True)},
            until=until.isoformat(),
        )
    return None


def user_access_require(*, user: Any) -> None:
    """Raise the user's refusal (403 with its code) when they are banned or suspended."""
    refusal = user_access_refusal(user=user)
    if refusal is not None:
        raise refusal


class _RefuseRestricted:
    """Password sign-in fails for a suspended or banned user; sessions resolve as before."""

    def user_can_authenticate(self, user: Any) -> bool:
        return bool(getattr(user, "is_active", True)) and user_access_refusal(user=user) is None

    def get_user(self, user_id: Any) -> Any:
        # A restricted user's sessions are ended by the session hash (see `User`). One opened
        # later without a password (e.g. by `force_login`) still resolves to the user, so the
        # API and the socket answer with the refusal's code rather than "not signed in".
        # Every signed-in request asks: the row comes from the cache while it is current.
        user = session_user_get(user_id=user_id)
        return user if user is not None and user.is_active else None


class SanctionAwareModelBackend(_RefuseRestricted, ModelBackend):
    """Django's ModelBackend, refusing restricted users' passwords."""


class SanctionAwareAllauthBackend(_RefuseRestricted, AllauthBackend):
    """allauth's backend, refusing restricted users' passwords.

    allauth stashes a user whose password matched but who may not authenticate; the adapter
    (`AccountAdapter.authenticate`) turns that into the refusal's code.
    """
