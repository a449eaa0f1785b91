"""A stateful fake of the Stripe endpoints we call, behind the real SDK's HTTP client seam.

`StripeClient(key, http_client=FakeStripe(), max_network_retries=0)` sends real form-encoded
requests here; the SDK parses our JSON into its objects and maps our error bodies to its
exceptions. Modelled: PaymentIntents (confirmed by a helper, as Stripe.js would), charges and
the platform balance, Transfers (list by transfer_group, `source_transaction` limits), transfer
reversals (refused when the connected account's balance is too low), Refunds, Accounts and
AccountLinks, Events; `Idempotency-Key` replay (including stored 500s) and reuse with other
parameters; injected 500s and timeouts before or after the effect.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import stripe
from stripe._http_client import HTTPClient

from tests.payments.fake_stripe.accounts import AccountsMixin
from tests.payments.fake_stripe.confirm import ConfirmMixin
from tests.payments.fake_stripe.disputes import DisputesMixin

THREE_DECIMAL = {"bhd", "jod", "kwd", "omr", "tnd"}


class StripeFailure(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        type_: str = "invalid_request_error",
        extra: dict[str, Any] | None = None,
    ):
        self.status, self.code, self.message, self.type = status, code, message, type_
        self.extra = extra or {}  # more fields of Stripe's error object (decline_code, …)
        super().__init__(message)


def _nest(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """`metadata[milestone]=7` → {"metadata": {"milestone": "7"}} (Stripe's form encoding)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


class FakeStripe(AccountsMixin, ConfirmMixin, DisputesMixin, HTTPClient):
    name = "fake"

    def __init__(self, *, platform_country: str = "DE") -> None:
        super().__init__()
        self.platform_country = platform_country
        self.lock = threading.RLock()
        self.counter = itertools.count(1)
        self.objects: dict[str, dict[str, Any]] = {}
        self.idempotency: dict[str, tuple[str, str, str, int, str]] = {}
        self.events: list[dict[str, Any]] = []
        self.platform_balance: dict[str, int] = {}
        self.account_balance: dict[tuple[str, str], int] = {}
        self.faults: list[tuple[str, str]] = []
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    # --- test controls -------------------------------------------------------------------

    def fail_next(self, path_prefix: str, mode: str) -> None:
        """The next POST under `path_prefix` fails: "400" (refused), "500" (stored under the
        key, as Stripe does), "timeout_before" or "timeout_after" (the effect happened)."""
        self.faults.append((path_prefix, mode))

    def of_type(self, obj: str) -> list[dict[str, Any]]:
        return [o for o in self.objects.values() if o["object"] == obj]

    def succeed_payment_intent(self, pi_id: str) -> dict[str, Any]:
        """What Stripe.js confirming the card does: a charge, platform balance, an event."""
        with self.lock:
            pi = self.objects[pi_id]
            charge = self._store(
                "ch",
                {
                    "object": "charge",
                    "amount": pi["amount"],
                    "amount_refunded": 0,
                    "currency": pi["currency"],
                    "payment_intent": pi_id,
                    "transfer_group": pi.get("transfer_group"),
                    "on_behalf_of": pi.get("on_behalf_of"),
                    "status": "succeeded",
                },
            )
            pi["status"] = "succeeded"
            pi["latest_charge"] = charge["id"]
            self.platform_balance[pi["currency"]] = (
                self.platform_balance.get(pi["currency"], 0) + pi["amount"]
            )
            return self._event("payment_intent.succeeded", pi)

    def dashboard_refund(self, pi_id: str, amount: int) -> dict[str, Any]:
        """A refund made by hand in the Stripe Dashboard (no metadata of ours)."""
        with self.lock:
            self._post_refunds("/v1/refunds", [], {"payment_intent": pi_id, "amount": str(amount)})
            return self.events[-1]

    # --- the HTTP seam -------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        headers: Any,
        post_data: Any = None,
        *,
        _usage: Any = None,
    ) -> tuple[str, int, dict[str, str]]:
        with self.lock:
            return self._request(method.lower(), url, dict(headers or {}), post_data)

    def request_stream(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def _request(
        self, method: str, url: str, headers: dict[str, str], post_data: Any
    ) -> tuple[str, int, dict[str, str]]:
        parts = urlsplit(url)
        path = parts.path
        raw = post_data.decode() if isinstance(post_data, bytes) else (post_data or "")
        params = _nest(parse_qsl(raw if method == "post" else parts.query, keep_blank_values=True))
        self.calls.append((method, path, params))
        key = headers.get("Idempotency-Key")
        fingerprint = json.dumps(params, sort_keys=True)
        if method == "post" and key in self.idempotency:
            m, p, f, status, body = self.idempotency[key]
            if (m, p, f) != (method, path, fingerprint):
                return self._error(
                    StripeFailure(
                        400,
                        "idempotency_key_in_use",
                        "Keys for idempotent requests can only be used with the same "
                        "parameters they were first used with.",
                        "idempotency_error",
                    )
                )
            return body, status, {"Request-Id": "req_replay", "Idempotent-Replayed": "true"}
        fault = next((f for f in self.faults if method == "post" and path.startswith(f[0])), None)
        if fault is not None:
            self.faults.remove(fault)
            if fault[1] == "timeout_before":
                raise stripe.APIConnectionError("Request timed out (injected, before effect)")
            if fault[1] == "400":
                return self._error(StripeFailure(400, "parameter_invalid", "Injected refusal"))
            if fault[1] == "500":
                response = self._error(StripeFailure(500, "", "Injected error", "api_error"))
                if key:
                    self.idempotency[key] = (method, path, fingerprint, response[1], response[0])
                return response
        try:
            status, body = 200, json.dumps(self._route(method, path, params))
        except StripeFailure as failure:
            body, status, _ = self._error(failure)
        if key and method == "post":
            self.idempotency[key] = (method, path, fingerprint, status, body)
        if fault is not None and fault[1] == "timeout_after":
            raise stripe.APIConnectionError("Request timed out (injected, after effect)")
        return body, status, {"Request-Id": f"req_{next(self.counter)}"}

    def _error(self, failure: StripeFailure) -> tuple[str, int, dict[str, str]]:
        body = {
            "error": {
                "type": failure.type,
                "code": failure.code,
                "message": failure.message,
                **failure.extra,
            }
        }
        return json.dumps(body), failure.status, {"Request-Id": "req_error"}

    # --- objects -------------------------------------------------------------------------

    def _store(self, prefix: str, obj: dict[str, Any]) -> dict[str, Any]:
        obj["id"] = f"{prefix}_fake{next(self.counter):06d}"
        obj.setdefault("created", int(time.time()))
        # Only the fields Stripe's own resource declares (checked by a drift test).
        if obj["object"] not in ("account", "transfer_reversal", "refund"):
            obj.setdefault("livemode", False)
        if obj["object"] != "event":
            obj.setdefault("metadata", {})
        self.objects[obj["id"]] = obj
        return obj

    def _event(self, kind: str, obj: dict[str, Any], account: str | None = None) -> dict[str, Any]:
        event = self._store(
            "evt",
            {
                "object": "event",
                "type": kind,
                "api_version": stripe.api_version,
                "data": {"object": json.loads(json.dumps(obj))},
                "pending_webhooks": 1,
            },
        )
        if account:
            event["account"] = account
        self.events.append(event)
        return event

    def _get(self, object_id: str, kind: str) -> dict[str, Any]:
        obj = self.objects.get(object_id)
        if obj is None or obj["object"] != kind:
            raise StripeFailure(404, "resource_missing", f"No such {kind}: '{object_id}'")
        return obj

    @staticmethod
    def _list(path: str, items: list[dict[str, Any]]) -> dict[str, Any]:
        return {"object": "list", "data": items, "has_more": False, "url": path}

    @staticmethod
    def _amount(params: dict[str, Any], currency: str) -> int:
        try:
            amount = int(params["amount"])
        except (KeyError, ValueError) as exc:
            raise StripeFailure(400, "parameter_invalid_integer", "Invalid amount") from exc
        if amount <= 0:
            raise StripeFailure(400, "amount_too_small", "Amount must be positive")
        if currency in THREE_DECIMAL and amount % 10:
            raise StripeFailure(400, "invalid_amount", "Three-decimal amounts must end in 0")
        return amount

    def _route(self, method: str, path: str, params: dict[str, Any]) -> dict[str, Any]:
        segments = path.strip("/").split("/")[1:]  # drop "v1"
        head = segments[0]
        handler = getattr(self, f"_{method}_{head}", None)
        if handler is None:
            raise StripeFailure(404, "resource_missing", f"Unrecognized request URL ({path})")
        return dict(handler(path, segments[1:], params))

    def _post_payment_intents(self, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        if rest[1:] == ["confirm"]:
            return self._confirm_payment_intent(rest[0], params)
        currency = params.get("currency", "")
        on_behalf_of = params.get("on_behalf_of")
        if on_behalf_of:
            merchant = self._get(on_behalf_of, "account")
            if merchant["capabilities"].get("card_payments") != "active":
                raise StripeFailure(
                    400,
                    "",
                    "You cannot create a charge on a connected account without the "
                    "`card_payments` capability enabled.",
                )
        pi = self._store(
            "pi",
            {
                "on_behalf_of": on_behalf_of,
                "object": "payment_intent",
                "amount": self._amount(params, currency),
                "currency": currency,
                "status": "requires_payment_method",
                "transfer_group": params.get("transfer_group"),
                "latest_charge": None,
                "metadata": params.get("metadata", {}),
            },
        )
        # Stripe's shape: the intent's id, then the secret (Stripe.js reads the id from it).
        pi["client_secret"] = f"{pi['id']}_secret_fake{next(self.counter):06d}"
        return pi

    def _get_payment_intents(self, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        return self._get(rest[0], "payment_intent")

    def _post_transfers(self, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        if rest:
            return self._post_reversal(path, rest[0], params)
        currency = params.get("currency", "")
        amount = self._amount(params, currency)
        account = self._get(params.get("destination", ""), "account")
        if account["capabilities"].get("transfers") != "active":
            raise StripeFailure(
                400, "insufficient_capabilities_for_transfer", "Destination cannot receive"
            )
        source = params.get("source_transaction")
        if self._region(account["country"]) != self._region(self.platform_country):
            # Across regions only the account a charge settled on behalf of may be paid.
            charge_for = self.objects.get(source or "", {}).get("on_behalf_of")
            if charge_for != account["id"]:
                raise StripeFailure(
                    400,
                    "",
                    f"Funds can't be sent to accounts located in {account['country']} because "
                    "it's restricted outside of your platform's region.",
                )
        if source:
            charge = self._get(source, "charge")
            used = sum(
                t["amount"]
                for t in self.of_type("transfer")
                if t.get("source_transaction") == source
            )
            if used + amount > charge["amount"] - charge["amount_refunded"]:
                raise StripeFailure(400, "balance_insufficient", "Charge balance too low")
        elif self.platform_balance.get(currency, 0) < amount:
            raise StripeFailure(400, "balance_insufficient", "Insufficient available funds")
        transfer = self._store(
            "tr",
            {
                "object": "transfer",
                "amount": amount,
                "amount_reversed": 0,
                "currency": currency,
                "destination": account["id"],
                "source_transaction": source,
                "transfer_group": params.get("transfer_group"),
                "reversed": False,
                "metadata": params.get("metadata", {}),
            },
        )
        self.platform_balance[currency] = self.platform_balance.get(currency, 0) - amount
        bal = (account["id"], currency)
        self.account_balance[bal] = self.account_balance.get(bal, 0) + amount
        self._event("transfer.created", transfer)
        return transfer

    def _post_reversal(self, path: str, transfer_id: str, params: dict[str, Any]) -> Any:
        transfer = self._get(transfer_id, "transfer")
        amount = self._amount(params, transfer["currency"])
        if amount > transfer["amount"] - transfer["amount_reversed"]:
            raise StripeFailure(400, "amount_too_large", "More than is left on the transfer")
        bal = (transfer["destination"], transfer["currency"])
        if self.account_balance.get(bal, 0) < amount:
            raise StripeFailure(
                400, "balance_insufficient", "The destination account's balance is too low"
            )
        self.account_balance[bal] -= amount
        transfer["amount_reversed"] += amount
        transfer["reversed"] = transfer["amount_reversed"] == transfer["amount"]
        self.platform_balance[transfer["currency"]] += amount
        reversal = self._store(
            "trr",
            {
                "object": "transfer_reversal",
                "amount": amount,
                "currency": transfer["currency"],
                "transfer": transfer_id,
                "metadata": params.get("metadata", {}),
            },
        )
        self._event("transfer.reversed", transfer)
        return reversal

    def _get_transfers(self, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        if len(rest) == 2 and rest[1] == "reversals":
            items = [r for r in self.of_type("transfer_reversal") if r["transfer"] == rest[0]]
            return self._list(path, items)
        if rest:
            return self._get(rest[0], "transfer")
        group = params.get("transfer_group")
        items = [
            t for t in self.of_type("transfer") if group is None or t["transfer_group"] == group
        ]
        return self._list(path, items)

    def _post_refunds(self, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        pi = self._get(params.get("payment_intent", ""), "payment_intent")
        if pi["status"] != "succeeded":
            raise StripeFailure(400, "charge_not_refundable", "Nothing was charged")
        charge = self.objects[pi["latest_charge"]]
        amount = self._amount(params, pi["currency"])
        if amount > charge["amount"] - charge["amount_refunded"]:
            raise StripeFailure(400, "amount_too_large", "More than is left to refund")
        if self.platform_balance.get(pi["currency"], 0) < amount:
            raise StripeFailure(400, "balance_insufficient", "Insufficient platform balance")
        charge["amount_refunded"] += amount
        self.platform_balance[pi["currency"]] -= amount
        refund = self._store(
            "re",
            {
                "object": "refund",
                "amount": amount,
                "currency": pi["currency"],
                "payment_intent": pi["id"],
                "charge": charge["id"],
                "status": "succeeded",
                "metadata": params.get("metadata", {}),
            },
        )
        self._event("charge.refunded", charge)
        return refund

    def _get_refunds(self, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        pi = params.get("payment_intent")
        items = [r for r in self.of_type("refund") if pi is None or r["payment_intent"] == pi]
        return self._list(path, items)

    def _get_events(self, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        return self._get(rest[0], "event")
