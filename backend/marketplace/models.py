"""The marketplace's models live in sub-packages; Django finds them through this module."""

from marketplace.accounts.models import OutboundEmail, User
from marketplace.contracts.models import Contract, Milestone
from marketplace.endorsements.models import Endorsement
from marketplace.firms.models import Firm, FirmMembership
from marketplace.gigs.models import Gig, GigLanguage, GigSkill
from marketplace.media.models import PortfolioItem, StoredImage, UploadQuotaDay
from marketplace.moderation.models import ModerationAction, Report, Sanction
from marketplace.profiles.models import FreelancerProfile, ProfileLanguage, ProfileSkill
from marketplace.proposals.models import Invitation, Proposal
from marketplace.reviews.models import Review
from marketplace.skills.models import Skill, SkillAlias, SkillCategory

__all__ = [
    "Contract",
    "Endorsement",
    "Firm",
    "FirmMembership",
    "FreelancerProfile",
    "Gig",
    "GigLanguage",
    "GigSkill",
    "Invitation",
    "Milestone",
    "ModerationAction",
    "OutboundEmail",
    "PortfolioItem",
    "ProfileLanguage",
    "ProfileSkill",
    "Proposal",
    "Report",
    "Review",
    "Sanction",
    "Skill",
    "SkillAlias",
    "SkillCategory",
    "StoredImage",
    "UploadQuotaDay",
    "User",
]
