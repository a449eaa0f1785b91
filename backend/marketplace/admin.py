"""Django admin for every marketplace model; each package registers its own in `<package>/admin.py`.

Django autodiscovers this module only, so importing the packages' modules registers them.
Moderation actions in these admins call `marketplace.moderation.services`.
"""

from marketplace.accounts import admin as accounts_admin
from marketplace.contracts import admin as contracts_admin
from marketplace.endorsements import admin as endorsements_admin
from marketplace.firms import admin as firms_admin
from marketplace.gigs import admin as gigs_admin
from marketplace.media import admin as media_admin
from marketplace.moderation import admin as moderation_admin
from marketplace.moderation import admin_queue as moderation_queue_admin
from marketplace.profiles import admin as profiles_admin
from marketplace.proposals import admin as proposals_admin
from marketplace.reviews import admin as reviews_admin
from marketplace.skills import admin as skills_admin

__all__ = [
    "accounts_admin",
    "contracts_admin",
    "endorsements_admin",
    "firms_admin",
    "gigs_admin",
    "media_admin",
    "moderation_admin",
    "moderation_queue_admin",
    "profiles_admin",
    "proposals_admin",
    "reviews_admin",
    "skills_admin",
]
