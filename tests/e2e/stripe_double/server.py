"""TEST DOUBLE: the stateful fake Stripe (tests/payments/fake_stripe) served over HTTP for the
browser suite, with Stripe's webhook deliveries.

The live server (a uvicorn subprocess) reaches it as its Stripe API (`STRIPE_API_BASE`); the
browser's calls to https://api.stripe.com are routed here by Playwright. Every event the fake
records is POSTed, signed as Stripe signs it, to the live server's webhook endpoint (the
Connect one for events about a connected account), from a thread of its own: Stripe delivers
asynchronously, after answering the request that caused the event.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from tests.payments.fake_stripe.server import FakeStripe
from tests.payments.fake_stripe.signing import sign

# Test values shared by the double and the live server it answers, not credentials.
PLATFORM_SECRET = "whsec_e2e_platform"
CONNECT_SECRET = "whsec_e2e_connect"
PUBLISHABLE_KEY = "pk_test_e2e"
SECRET_KEY = "sk_test_e2e"


class StripeDouble:
    def __init__(self) -> None:
        self.fake = FakeStripe()
        self.webhook_base: str | None = None
        self.delivered: list[tuple[str, int]] = []
        self._sent = 0
        self._deliveries: list[threading.Thread] = []
        double = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                text, status, headers = double.fake.request(
                    self.command, f"http://stripe.test{self.path}", dict(self.headers), body
                )
                payload = text.encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                # Stripe's API answers browsers from any origin (Stripe.js calls it directly).
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(payload)
                double.deliver_new_events()

            # http.server dispatches to do_<METHOD>.
            do_GET = do_POST = do_DELETE = _serve  # noqa: N815

            def log_message(self, *args: Any) -> None:  # quiet: pytest shows failures
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> StripeDouble:
        self._thread.start()
        return self

    def stop(self) -> None:
        for delivery in self._deliveries:
            delivery.join(timeout=10)
        self.server.shutdown()
        self.server.server_close()

    def live_server_env(self) -> dict[str, str]:
        """The live server's Stripe settings: this double as its API, our test keys."""
        return {
            "STRIPE_SECRET_KEY": SECRET_KEY,
            "STRIPE_PUBLISHABLE_KEY": PUBLISHABLE_KEY,
            "STRIPE_WEBHOOK_SECRET": PLATFORM_SECRET,
            "STRIPE_CONNECT_WEBHOOK_SECRET": CONNECT_SECRET,
            "STRIPE_API_BASE": self.url,
        }

    def deliver_new_events(self) -> None:
        with self.fake.lock:
            events = self.fake.events[self._sent :]
            self._sent = len(self.fake.events)
        if events and self.webhook_base:
            thread = threading.Thread(target=self._deliver, args=(events,), daemon=True)
            self._deliveries.append(thread)
            thread.start()

    def _deliver(self, events: list[dict[str, Any]]) -> None:
        for event in events:
            connect = bool(event.get("account"))
            path = "stripe-connect" if connect else "stripe"
            payload = json.dumps(event)
            secret = CONNECT_SECRET if connect else PLATFORM_SECRET
            response = httpx.post(
                f"{self.webhook_base}/api/v1/payments/webhooks/{path}/",
                content=payload,
                headers={
                    "Content-Type": "application/json",
                    "Stripe-Signature": sign(payload, secret),
                },
                timeout=30,
            )
            self.delivered.append((event["type"], response.status_code))
