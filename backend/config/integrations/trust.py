"""Settings of reviews, endorsements and firm reputation (read from the environment).

The rules and formulas they tune are in docs/trust.md.
"""

from __future__ import annotations

from celery.schedules import crontab

from config.env import env

# Each party may review the other for this many days after the contract ended; the same span is
# the double-blind period: a lone review is published when it closes. One number for both, or a
# review written after the other side's was published would no longer be blind.
TRUST_REVIEW_WINDOW_DAYS = env.int("TRUST_REVIEW_WINDOW_DAYS", default=14)
# An account must be this old before it may endorse anyone (sock puppets made for one
# endorsement spree must wait a month first).
TRUST_ENDORSER_MIN_ACCOUNT_AGE_DAYS = env.int("TRUST_ENDORSER_MIN_ACCOUNT_AGE_DAYS", default=30)
# When B endorses A, A may endorse B back for this many skills without a shared contract.
TRUST_MUTUAL_ENDORSEMENT_CAP = env.int("TRUST_MUTUAL_ENDORSEMENT_CAP", default=2)
# A firm funds a milestone "on time" within this many days of the milestone being added, and
# releases it "on time" within this many days of the freelancer submitting the work (payments'
# auto-release, 14 days, is later than this, so a timer release counts as late).
TRUST_FUNDING_GRACE_DAYS = env.int("TRUST_FUNDING_GRACE_DAYS", default=7)
TRUST_RELEASE_GRACE_DAYS = env.int("TRUST_RELEASE_GRACE_DAYS", default=7)
# Below this many ended contracts a firm is shown as "new firm, not enough history", and a
# share (on-time funding, on-time release) needs this many measured milestones to be shown.
TRUST_FIRM_MIN_CONTRACTS = env.int("TRUST_FIRM_MIN_CONTRACTS", default=3)
TRUST_FIRM_MIN_MILESTONES = env.int("TRUST_FIRM_MIN_MILESTONES", default=3)

# Lone reviews become public when their window closes; running every 15 minutes publishes them
# at most a quarter of an hour late, and a run touches only due, unpublished rows.
TRUST_BEAT_SCHEDULE = {
    "trust-reviews-publish-due": {
        "task": "marketplace.reviews.tasks.reviews_publish_due_task",
        "schedule": crontab(minute="*/15"),
    },
}
