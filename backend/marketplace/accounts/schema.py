"""The OpenAPI schema describes the API's sign-in as before: the session cookie."""

from __future__ import annotations

from drf_spectacular.authentication import SessionScheme


class SanctionAwareSessionScheme(SessionScheme):
    target_class = "marketplace.accounts.authentication.SanctionAwareSessionAuthentication"
