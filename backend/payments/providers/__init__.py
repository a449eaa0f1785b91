"""The payment provider chosen by settings: Stripe Connect with a secret key, else offline."""

from __future__ import annotations

from django.conf import settings

from payments.providers.base import Provider

_override: Provider | None = None


def get_provider() -> Provider:
    if _override is not None:
        return _override
    if settings.PAYMENTS_PROVIDER == "stripe":
        import stripe

        from payments.providers.stripe_connect import StripeConnectProvider

        key = settings.STRIPE_SECRET_KEY
        # The SDK's own retries reuse its request's key; ours come from Celery with row keys.
        base = stripe.DEFAULT_API_BASE
        client = stripe.StripeClient(
            key,
            max_network_retries=2,
            base_addresses={"api": settings.STRIPE_API_BASE or base},
        )
        return StripeConnectProvider(client, test_mode=key.startswith(("sk_test_", "rk_test_")))
    from payments.providers.offline import OfflineProvider

    return OfflineProvider()


def set_provider(provider: Provider | None) -> None:
    """Use `provider` instead of the configured one (tests plug the SDK into a fake server)."""
    global _override
    _override = provider
