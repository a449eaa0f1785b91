"""The authorisation matrix: every /api/ route and method, with the status each role gets.

One line per route and method. Object routes name a `Subject` (tests/hardening/world.py) and the
status for its owner, its counterparty, a stranger, an anonymous visitor and staff (not a
moderator); routes without an object in their URL have no counterparty (None) and act as the
world's freelancer for "owner". Write routes send `body` (built from the world when callable) so
that a refusal is an authorisation decision, not a validation error.

Adding a route: add one line here; test_every_api_route_has_a_matrix_entry fails until you do.
Anonymous visitors get 403 `not_authenticated` (session authentication sends no challenge).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.hardening.world import World

Body = dict[str, Any] | Callable[[World], dict[str, Any]] | None


@dataclass(frozen=True)
class Entry:
    subject: str | None
    owner: int
    counterparty: int | None
    stranger: int
    anonymous: int
    staff: int
    body: Body = None

    def expected(self, role: str) -> int | None:
        return int(getattr(self, role)) if getattr(self, role) is not None else None


E = Entry
_PEER_INVITE: Body = lambda w: {"freelancer": w.peer.freelancer_profile.slug}  # noqa: E731
_PEER_EMAIL: Body = lambda w: {"email": w.peer.email}  # noqa: E731
_READ: Body = lambda w: {"message_id": w.message.id}  # noqa: E731

# (route name, method): Entry(subject, owner, counterparty, stranger, anonymous, staff, body)
MATRIX: dict[tuple[str, str], Entry] = {
    # --- objects -------------------------------------------------------------------------------
    ("skill-detail", "get"): E("skill", 200, 200, 200, 200, 200),
    ("freelancer-detail", "get"): E("profile", 200, 200, 200, 200, 200),
    ("freelancer-reviews", "get"): E("profile", 200, 200, 200, 200, 200),
    ("freelancer-endorsements", "get"): E("profile", 200, 200, 200, 200, 200),
    ("freelancer-endorsements", "post"): E("profile", 400, 403, 403, 403, 403, {"skill": "python"}),
    ("freelancer-shared-contracts", "get"): E("profile", 200, 200, 200, 403, 200),
    ("endorsement-detail", "delete"): E("endorsement", 204, 403, 403, 403, 403),
    ("firm-detail", "get"): E("firm", 200, 200, 200, 200, 200),
    ("firm-detail", "patch"): E("firm", 200, 403, 403, 403, 403, {"name": "Renamed"}),
    ("firm-reviews", "get"): E("firm", 200, 200, 200, 200, 200),
    ("firm-logo", "put"): E("firm", 415, 415, 415, 403, 415),
    ("firm-logo", "delete"): E("firm", 204, 403, 403, 403, 403),
    ("firm-member-list", "get"): E("firm", 200, 404, 404, 403, 200),
    ("firm-member-list", "post"): E("firm", 201, 404, 404, 403, 403, _PEER_EMAIL),
    ("firm-member-detail", "patch"): E("member", 200, 403, 404, 403, 403, {"role": "owner"}),
    ("firm-member-detail", "delete"): E("member", 204, 204, 404, 403, 403),
    ("gig-detail", "get"): E("draft", 200, 404, 404, 404, 200),
    ("gig-detail", "patch"): E("draft", 200, 404, 404, 403, 403, {"title": "Renamed gig"}),
    ("gig-publish", "post"): E("draft", 409, 404, 404, 403, 403),
    ("gig-close", "post"): E("gig", 200, 403, 403, 403, 403),
    ("gig-reopen", "post"): E("gig", 409, 403, 403, 403, 403),
    ("gig-cancel", "post"): E("gig", 200, 403, 403, 403, 403),
    ("gig-matches", "get"): E("gig", 200, 404, 404, 403, 404),
    ("gig-proposals", "get"): E("gig", 200, 200, 200, 403, 200),
    ("gig-proposals", "post"): E("gig", 400, 400, 400, 403, 400),
    ("gig-invitations", "get"): E("gig", 200, 403, 403, 403, 200),
    ("gig-invitations", "post"): E("gig", 201, 403, 403, 403, 403, _PEER_INVITE),
    ("proposal-detail", "get"): E("proposal", 200, 200, 404, 403, 200),
    ("proposal-detail", "patch"): E("proposal", 200, 403, 404, 403, 403),
    ("proposal-withdraw", "post"): E("proposal", 200, 403, 404, 403, 403),
    ("proposal-shortlist", "post"): E("proposal", 403, 200, 404, 403, 403),
    ("proposal-decline", "post"): E("proposal", 403, 200, 404, 403, 403),
    ("proposal-accept", "post"): E("proposal", 403, 201, 404, 403, 403),
    ("invitation-decline", "post"): E("invitation", 403, 200, 404, 403, 403),
    ("invitation-revoke", "post"): E("invitation", 200, 403, 404, 403, 403),
    ("contract-detail", "get"): E("contract", 200, 200, 404, 403, 200),
    ("contract-complete", "post"): E("contract", 200, 403, 404, 403, 403),
    ("contract-cancel", "post"): E("contract", 200, 200, 404, 403, 403),
    ("contract-milestones", "post"): E(
        "contract", 201, 403, 404, 403, 403, {"title": "Extra", "amount_minor": 5000}
    ),
    ("contract-reviews", "get"): E("contract", 200, 200, 404, 403, 200),
    ("contract-reviews", "post"): E("contract", 409, 409, 404, 403, 403, {"rating": 5}),
    ("payment-detail", "get"): E("milestone", 200, 200, 404, 403, 200),
    ("payment-history", "get"): E("milestone", 200, 200, 404, 403, 200),
    ("payment-receipts", "get"): E("milestone", 200, 200, 404, 403, 200),
    ("payment-fund", "post"): E("milestone", 200, 403, 404, 403, 403),
    ("payment-submit", "post"): E("milestone", 403, 409, 404, 403, 403),
    ("payment-release", "post"): E("milestone", 409, 403, 404, 403, 403),
    ("payment-refund", "post"): E("milestone", 409, 409, 404, 403, 403),
    ("payment-dispute", "post"): E("milestone", 409, 409, 404, 403, 403, {"reason": "late"}),
    ("payment-cancel", "post"): E("milestone", 200, 200, 404, 403, 403),
    ("payment-chargeback-evidence", "post"): E("milestone", 400, 400, 404, 403, 400),
    ("me-portfolio-item", "patch"): E("portfolio_item", 200, 404, 404, 403, 404),
    ("me-portfolio-item", "delete"): E("portfolio_item", 204, 404, 404, 403, 404),
    ("attachment-image-detail", "get"): E("image", 200, 404, 404, 403, 404),
    ("conversation-detail", "get"): E("conversation", 200, 200, 404, 403, 404),
    ("conversation-messages", "get"): E("conversation", 200, 200, 404, 403, 404),
    ("conversation-read", "post"): E("conversation", 200, 200, 404, 403, 404, _READ),
    ("message-report", "post"): E("message", 403, 201, 404, 403, 404, {"reason": "spam"}),
    # Both participants may post; staff read no conversations, so for them it does not exist.
    ("conversation-messages", "post"): E(
        "conversation", 201, 201, 404, 403, 404, {"client_message_id": "m-1", "text": "Hello"}
    ),
    # Only the author edits (the counterparty gets `not_author`).
    ("message-detail", "patch"): E("message", 200, 403, 404, 403, 404, {"text": "Edited"}),
    ("message-attachments", "get"): E("message", 200, 200, 404, 403, 404),
    ("notification-read", "post"): E("notification", 200, 404, 404, 403, 404),
    # --- collections and the signed-in user's own resources ------------------------------------
    ("me", "get"): E(None, 200, None, 200, 403, 200),
    ("me", "patch"): E(None, 200, None, 200, 403, 200),
    ("me-avatar", "put"): E(None, 415, None, 415, 403, 415),
    ("me-avatar", "delete"): E(None, 204, None, 204, 403, 204),
    ("me-freelancer-profile", "get"): E(None, 200, None, 200, 403, 404),
    ("me-freelancer-profile", "post"): E(None, 400, None, 400, 403, 400),
    ("me-freelancer-profile", "patch"): E(None, 200, None, 409, 403, 404),
    ("me-freelancer-profile-publish", "post"): E(None, 200, None, 200, 403, 404),
    ("me-freelancer-profile-unpublish", "post"): E(None, 200, None, 200, 403, 404),
    ("me-portfolio", "get"): E(None, 200, None, 200, 403, 404),
    ("me-portfolio", "post"): E(None, 415, None, 415, 403, 404),
    ("me-portfolio-reorder", "post"): E(None, 400, None, 400, 403, 404),
    ("gig-feed", "get"): E(None, 200, None, 200, 403, 404),
    ("search-freelancers", "get"): E(None, 200, None, 200, 200, 200),
    ("search-gigs", "get"): E(None, 200, None, 200, 200, 200),
    ("skill-suggest", "get"): E(None, 400, None, 400, 400, 400),
    ("search-skills", "get"): E(None, 400, None, 400, 400, 400),
    ("skill-list", "get"): E(None, 200, None, 200, 200, 200),
    ("skill-category-list", "get"): E(None, 200, None, 200, 200, 200),
    ("freelancer-list", "get"): E(None, 200, None, 200, 200, 200),
    ("firm-list", "get"): E(None, 200, None, 200, 403, 200),
    ("firm-list", "post"): E(None, 400, None, 400, 403, 400),
    ("gig-list", "get"): E(None, 200, None, 200, 200, 200),
    ("gig-list", "post"): E(None, 400, None, 400, 403, 400),
    ("proposal-list", "get"): E(None, 200, None, 200, 403, 200),
    ("invitation-list", "get"): E(None, 200, None, 200, 403, 200),
    ("contract-list", "get"): E(None, 200, None, 200, 403, 200),
    ("attachment-images", "post"): E(None, 415, None, 415, 403, 415),
    ("report-list", "get"): E(None, 200, None, 200, 403, 200),
    ("report-list", "post"): E(None, 400, None, 400, 403, 400),
    ("payout-account", "get"): E(None, 200, None, 200, 403, 200),
    ("payout-onboarding-link", "post"): E(None, 200, None, 200, 403, 403),
    ("stripe-webhook", "post"): E(None, 400, None, 400, 400, 400),
    ("stripe-connect-webhook", "post"): E(None, 400, None, 400, 400, 400),
    ("conversation-list", "get"): E(None, 200, None, 200, 403, 200),
    ("conversation-list", "post"): E(None, 400, None, 400, 403, 400),
    ("notification-list", "get"): E(None, 200, None, 200, 403, 200),
    ("notification-read-all", "post"): E(None, 200, None, 200, 403, 200),
    ("notification-preferences", "get"): E(None, 200, None, 200, 403, 200),
    ("notification-preferences", "patch"): E(None, 200, None, 200, 403, 200),
    ("schema", "get"): E(None, 200, None, 200, 200, 200),
    ("api-docs", "get"): E(None, 200, None, 200, 200, 200),
}
