"""A browser as far as the production server can tell: cookies kept by hand, CSRF header from
the cookie, Origin set, and the `X-Forwarded-Proto: https` nginx adds in front of gunicorn.

httpx's cookie jar, like a browser, never sends a `Secure` cookie over plain http — and the
production session and CSRF cookies are Secure. Behind nginx the client speaks https; here
the smoke talks http to gunicorn directly, so it carries the cookies itself.
"""

from __future__ import annotations

from typing import Any

import httpx


class Browser:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.origin = base_url.replace("http://", "https://")
        self.cookies: dict[str, str] = {}
        self.http = httpx.Client(base_url=base_url, timeout=30)

    def close(self) -> None:
        self.http.close()

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, body: Any = None, **headers: str) -> httpx.Response:
        sent = {
            "X-Forwarded-Proto": "https",
            "Origin": self.origin,
            "Referer": f"{self.origin}/",
            "Accept": "application/json",
            **headers,
        }
        if self.cookies:
            sent["Cookie"] = self.cookie_header()
        if "csrftoken" in self.cookies and method != "GET":
            sent["X-CSRFToken"] = self.cookies["csrftoken"]
        response = self.http.request(method, path, json=body, headers=sent)
        for name, value in response.cookies.items():
            self.cookies[name] = value
        # A deleted cookie comes back empty (Max-Age=0): forget it.
        self.cookies = {name: value for name, value in self.cookies.items() if value}
        return response

    def get(self, path: str, **headers: str) -> httpx.Response:
        return self.request("GET", path, **headers)

    def post(self, path: str, body: Any = None, **headers: str) -> httpx.Response:
        return self.request("POST", path, body if body is not None else {}, **headers)

    def patch(self, path: str, body: Any) -> httpx.Response:
        return self.request("PATCH", path, body)
