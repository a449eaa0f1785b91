"""Connected accounts in the fake: created with the capabilities asked for (Stripe refuses
`card_payments` without `transfers`), onboarded by the test (`activate_account`, in the country
the freelancer gave), and the Stripe region of a country (transfers across regions are limited;
see `_post_transfers`)."""

from __future__ import annotations

import time
from typing import Any

_EUROPE_CODES = (
    "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE "
    "SI SK"
)
EUROPE = frozenset(_EUROPE_CODES.split())


class AccountsMixin:
    """Mixed into `FakeStripe` (which provides the storage, events and errors used here)."""

    def activate_account(
        self: Any, account_id: str, *, active: bool = True, country: str | None = None
    ) -> dict[str, Any]:
        """Onboarding finished (or lapsed); `country` is where the freelancer said they live."""
        with self.lock:
            account = self.objects[account_id]
            account["country"] = country or account["country"]
            state = "active" if active else "inactive"
            account["capabilities"] = dict.fromkeys(account["capabilities"], state)
            account["payouts_enabled"] = active
            account["charges_enabled"] = active
            return self._event("account.updated", account, account=account_id)

    def _post_accounts(self: Any, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        from tests.payments.fake_stripe.server import StripeFailure

        requested = sorted(params.get("capabilities", {}))
        if "card_payments" in requested and "transfers" not in requested:
            raise StripeFailure(
                400, "invalid_request", "Accounts do not support card_payments without transfers"
            )
        return self._store(
            "acct",
            {
                "object": "account",
                "email": params.get("email"),
                "country": params.get("country") or self.platform_country,
                "capabilities": dict.fromkeys(requested, "inactive"),
                "payouts_enabled": False,
                "charges_enabled": False,
                "metadata": params.get("metadata", {}),
            },
        )

    def _get_accounts(self: Any, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        return self._get(rest[0], "account")

    def _post_account_links(self: Any, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        account = self._get(params.get("account", ""), "account")
        return {
            "object": "account_link",
            "url": f"https://connect.stripe.test/setup/e/{account['id']}/{next(self.counter)}",
            "created": int(time.time()),
            "expires_at": int(time.time()) + 300,
        }

    @staticmethod
    def _region(country: str) -> str:
        # Stripe's regions as the design notes read them: Europe (EEA, UK, CH) is one region.
        return "europe" if country.upper() in EUROPE else country.upper()
