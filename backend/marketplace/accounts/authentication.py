"""The API's default authentication: DRF's session authentication, refusing restricted users.

Every request of a suspended or banned user is refused with 403 and the refusal's code
(`account_suspended`, `account_banned`), so no view needs its own check before proposing,
funding or sending. DRF imports this module while `common.errors` is still importing DRF, so
the check is imported when first used.
"""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request


class SanctionAwareSessionAuthentication(SessionAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        from marketplace.accounts.access import user_access_require

        result = super().authenticate(request)
        if result is not None:
            user_access_require(user=result[0])
        return result
