"""Settings of moderation: reports and sanctions (read from the environment; see .env.example)."""

from __future__ import annotations

from config.env import env

# A user may file this many reports per rolling 24 hours: enough for anyone who meets real
# abuse, and a cap on one account flooding the moderators' queue.
MODERATION_REPORTS_PER_DAY = env.int("MODERATION_REPORTS_PER_DAY", default=20)

# Suspensions end on their own: beat lifts the expired ones every 5 minutes. Access is refused
# only while `suspended_until` is in the future anyway, so the task tidies state and writes
# the audit row; a late run never keeps anyone locked out.
MODERATION_BEAT_SCHEDULE = {
    "moderation-suspensions-expire": {
        "task": "marketplace.moderation.tasks.suspensions_expire",
        "schedule": 300.0,
    },
}
