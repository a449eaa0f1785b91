"""Per-user abuse limits of the marketplace's writes (read from the environment; see .env.example).

Counted per rolling 24 hours in the writing transaction (marketplace/limits.py), so racing
requests cannot pass them. Uploads (MEDIA_UPLOADS_PER_DAY), chat messages
(CHAT_RATE_LIMIT_MESSAGES) and reports (MODERATION_REPORTS_PER_DAY) have their own settings.
"""

from __future__ import annotations

from config.env import env

# A busy freelancer sends a handful of proposals a day; 30 leaves room and stops spraying.
MARKETPLACE_PROPOSALS_PER_DAY = env.int("MARKETPLACE_PROPOSALS_PER_DAY", default=30)
# A firm member sourcing for several gigs invites a few dozen freelancers a day at most.
MARKETPLACE_INVITATIONS_PER_DAY = env.int("MARKETPLACE_INVITATIONS_PER_DAY", default=50)
