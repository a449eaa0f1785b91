"""Error codes the marketplace's services raise, registered for the OpenAPI schema."""

from common.errors import register_codes

register_codes(
    {
        "email_taken": "An account with this email address exists already.",
        "profile_exists": "The user has a freelancer profile already.",
        "profile_incomplete": "The profile lacks what publishing needs (skills, a rate).",
        "slug_taken": "That public address is taken.",
        "unknown_skill": "A skill id or name does not match the taxonomy.",
        "currency_unsupported": "The currency is not accepted.",
        "budget_invalid": "The budget range is empty or reversed.",
        "gig_not_open": "The gig does not take proposals in its current state.",
        "gig_not_editable": "The gig can no longer be edited.",
        "gig_incomplete": "The gig lacks what publishing needs.",
        "proposal_exists": "You already have an active proposal on this gig.",
        "own_gig": "You cannot propose on or be invited to your own firm's gig.",
        "currency_mismatch": "The amount's currency differs from the gig's.",
        "milestones_invalid": "Milestones must be positive and sum to the agreed price.",
        "invitation_exists": "This freelancer was invited to this gig already.",
        "profile_not_public": "The freelancer's profile is not public.",
        "last_owner": "A firm must keep at least one owner.",
        "member_exists": "That user is a member of the firm already.",
        "user_not_found": "No active user has that email address.",
        "reason_required": "Hiding content needs a reason for the owner and the audit log.",
        "price_invalid": "The price must be a positive amount of minor units within limits.",
        # reviews (docs/trust.md)
        "contract_not_ended": "Reviews open when the contract is completed or cancelled.",
        "contract_not_reviewable": "No money was ever escrowed on the contract; no reviews.",
        "review_window_closed": "The review window of the contract has closed.",
        "review_exists": "This side of the contract has reviewed it already.",
        # endorsements (docs/trust.md)
        "endorser_not_public": "Only freelancers with a public profile may endorse.",
        "self_endorsement": "A freelancer cannot endorse themselves.",
        "account_too_new": "The account is younger than the minimum age for endorsing.",
        "skill_not_listed": "The endorsed freelancer does not list that skill.",
        "contract_not_shared": "The contract is not one the two freelancers shared.",
        "endorsement_exists": "An active endorsement for that skill exists already.",
        "endorsement_mutual_cap": "Mutual endorsements without a shared contract are capped.",
        "endorsement_ring": "The endorsement would close a ring of 3 or 4 endorsers.",
    }
)

register_codes(
    {
        "image_too_large": "The upload has more bytes than the image limit (413).",
        "image_too_many_pixels": "The image's width × height passes the pixel limit.",
        "image_format_unsupported": "The file is not a JPEG, PNG or WebP image.",
        "image_corrupt": "The image is truncated or damaged and cannot be decoded.",
        "upload_quota_exceeded": "Today's upload count or bytes are used up (429).",
        "proposal_quota_exceeded": "Proposals allowed per rolling 24 hours are used up (429).",
        "invitation_quota_exceeded": "Invitations allowed per rolling 24 hours are used up (429).",
        "portfolio_full": "The portfolio has the maximum number of items.",
        "portfolio_order_invalid": "A reorder must list every portfolio item exactly once.",
        "already_reported": "You reported this already and your report is still open.",
        "report_own_content": "You cannot report your own content.",
        "report_closed": "The report was dealt with already.",
        "report_no_owner": "The reported content has nobody answering for it any more.",
        "suspension_invalid": "A suspension lasts from 1 to 365 days.",
        "own_account": "Moderators cannot sanction their own account.",
        "account_suspended": "The account is suspended; `details.until` says until when.",
        "account_banned": "The account is banned.",
    }
)
