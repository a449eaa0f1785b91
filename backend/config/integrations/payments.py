"""Settings of the payments app (read from the environment; see .env.example)."""

from __future__ import annotations

from celery.schedules import crontab

from config.env import env

# Stripe Connect when a secret key is set; otherwise the offline provider (test mode, no money).
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_CONNECT_WEBHOOK_SECRET = env.str("STRIPE_CONNECT_WEBHOOK_SECRET", default="")
# Public by design: Stripe.js in the browser needs it to mount the payment form (fund step).
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
# Another Stripe API origin than api.stripe.com, e.g. stripe-mock or the browser suite's fake
# (tests/e2e/stripe_double.py). Empty: Stripe's own.
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
PAYMENTS_PROVIDER = "stripe" if STRIPE_SECRET_KEY else "offline"
# Where Stripe's hosted onboarding sends the freelancer back (the SPA's payout settings page).
PAYMENTS_ONBOARDING_RETURN_URL = env.str(
    "PAYMENTS_ONBOARDING_RETURN_URL", default="http://localhost:8000/settings/payouts"
)

# ISO country of the platform's Stripe account: a freelancer in another Stripe region is paid
# through charges made `on_behalf_of` their account (payments.regions). Empty: never set.
PAYMENTS_PLATFORM_COUNTRY = env.str("PAYMENTS_PLATFORM_COUNTRY", default="").upper()
# Platform fee: basis points of the milestone amount, at least the minimum (major units,
# converted per currency and rounded up to a whole minor unit).
PAYMENTS_FEE_BPS = env.int("PAYMENTS_FEE_BPS", default=1000)
PAYMENTS_FEE_MINIMUM = env.str("PAYMENTS_FEE_MINIMUM", default="0.50")

# Timers: auto-release after submission, a reminder before it, and the holding-window guard.
PAYMENTS_AUTO_RELEASE_DAYS = env.int("PAYMENTS_AUTO_RELEASE_DAYS", default=14)
PAYMENTS_AUTO_RELEASE_REMINDER_DAYS = env.int("PAYMENTS_AUTO_RELEASE_REMINDER_DAYS", default=3)
PAYMENTS_HOLD_WINDOW_DAYS = env.int("PAYMENTS_HOLD_WINDOW_DAYS", default=90)
PAYMENTS_HOLD_WARN_DAYS = env.int("PAYMENTS_HOLD_WARN_DAYS", default=7)
PAYMENTS_HOLD_REFUND_DAYS = env.int("PAYMENTS_HOLD_REFUND_DAYS", default=2)

# The auto-release and guard jobs are cheap scans of indexed timestamps: hourly is precise
# enough for day-scale timers; stored webhook events that could not be applied yet (the row
# they refer to was not there) are retried every minute.
PAYMENTS_BEAT_SCHEDULE = {
    "payments-auto-release": {
        "task": "payments.tasks.auto_release_due",
        "schedule": crontab(minute=5),
    },
    "payments-hold-guard": {
        "task": "payments.tasks.hold_window_guard",
        "schedule": crontab(minute=35),
    },
    "payments-webhook-retry": {
        "task": "payments.tasks.webhook_events_retry",
        "schedule": 60.0,
    },
    "payments-operations-retry": {
        "task": "payments.tasks.operations_retry",
        "schedule": 300.0,
    },
}
