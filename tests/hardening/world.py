"""One small marketplace with an object of every kind, and the people around each object.

The authorisation matrix asks, for every object route, what its owner, its counterparty, a
stranger, an anonymous visitor and a staff member (not a moderator) get. `Subject`s name the
object a route acts on and who plays owner and counterparty for it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chat.conversations import conversation_start_for_gig
from chat.models import Message, Notification
from chat.services import message_send
from marketplace.endorsements.models import Endorsement
from marketplace.media.models import PortfolioItem, StoredImage
from marketplace.media.services import attachment_upload
from marketplace.models import (
    Contract,
    Firm,
    Gig,
    Invitation,
    Milestone,
    ProfileSkill,
    Proposal,
    Skill,
    User,
)
from tests.factories import FirmMembershipFactory, SkillFactory, UserFactory
from tests.factories_flow import (
    ContractFactory,
    InvitationFactory,
    MilestoneFactory,
    ProposalFactory,
    draft_gig,
    member_of,
    open_gig,
    public_profile,
)
from tests.marketplace.media.images import png_bytes

ROLES = ("owner", "counterparty", "stranger", "anonymous", "staff")


@dataclass
class World:
    firm: Firm
    firm_owner: User
    member: User
    freelancer: User
    peer: User
    stranger: User
    staff: User
    gig: Gig
    draft: Gig
    proposal: Proposal
    invitation: Invitation
    contract: Contract
    milestone: Milestone
    endorsement: Endorsement
    image: StoredImage
    portfolio_item: PortfolioItem
    conversation_id: int
    message: Message
    notification: Notification


def _image(by: User) -> StoredImage:
    data = png_bytes()
    return attachment_upload(by=by, source=io.BytesIO(data), size=len(data))


def world_build() -> World:
    owner = FirmMembershipFactory.create(role="owner")
    firm = owner.firm
    freelancer = public_profile().user
    peer = public_profile().user
    gig = open_gig(firm=firm)
    contract = ContractFactory.create(
        proposal__freelancer=freelancer.freelancer_profile,
        proposal__gig=open_gig(firm=firm, status="in_progress", required_skills=[]),
    )
    conversation, _ = conversation_start_for_gig(gig_id=gig.id, by=freelancer)
    message, *_ = message_send(
        conversation_id=conversation.id, by=freelancer, text="hello", client_message_id="m1"
    )
    image = _image(freelancer)
    # A complete profile (a rate and a skill), so profile edits are judged on their own merits.
    ProfileSkill.objects.create(
        profile=freelancer.freelancer_profile, skill=Skill.objects.get(slug="python"), level=3
    )
    return World(
        firm=firm,
        firm_owner=owner.user,
        member=member_of(firm),
        freelancer=freelancer,
        peer=peer,
        stranger=public_profile().user,
        staff=UserFactory.create(is_staff=True),
        gig=gig,
        draft=draft_gig(firm=firm, required_skills=[]),
        proposal=ProposalFactory.create(gig=gig, freelancer=freelancer.freelancer_profile),
        invitation=InvitationFactory.create(
            gig=gig, freelancer=freelancer.freelancer_profile, invited_by=owner.user
        ),
        contract=contract,
        milestone=MilestoneFactory.create(contract=contract),
        endorsement=Endorsement.objects.create(
            endorser=freelancer.freelancer_profile,
            endorsee=peer.freelancer_profile,
            skill=SkillFactory.create(slug="django"),
        ),
        image=image,
        portfolio_item=PortfolioItem.objects.create(
            profile=freelancer.freelancer_profile, image=_image(freelancer), caption="shop"
        ),
        conversation_id=conversation.id,
        message=message,
        notification=Notification.objects.create(user=freelancer, kind="message"),
    )


@dataclass(frozen=True)
class Subject:
    """The object a route acts on: its URL arguments, its owner and its counterparty."""

    kwargs: Callable[[World], dict[str, Any]]
    owner: Callable[[World], User]
    counterparty: Callable[[World], User]

    def user(self, world: World, role: str) -> User | None:
        if role == "owner":
            return self.owner(world)
        if role == "counterparty":
            return self.counterparty(world)
        return None if role == "anonymous" else getattr(world, role)


def _firm_side(kwargs: Callable[[World], dict[str, Any]]) -> Subject:
    return Subject(kwargs, lambda w: w.firm_owner, lambda w: w.freelancer)


def _freelancer_side(kwargs: Callable[[World], dict[str, Any]]) -> Subject:
    return Subject(kwargs, lambda w: w.freelancer, lambda w: w.firm_owner)


SUBJECTS: dict[str, Subject] = {
    "firm": _firm_side(lambda w: {"slug": w.firm.slug}),
    "member": Subject(
        lambda w: {"slug": w.firm.slug, "user_id": w.member.id},
        lambda w: w.firm_owner,
        lambda w: w.member,
    ),
    "gig": _firm_side(lambda w: {"gig_id": w.gig.id}),
    "draft": _firm_side(lambda w: {"gig_id": w.draft.id}),
    "proposal": _freelancer_side(lambda w: {"proposal_id": w.proposal.id}),
    "invitation": _firm_side(lambda w: {"invitation_id": w.invitation.id}),
    "contract": _firm_side(lambda w: {"contract_id": w.contract.id}),
    "milestone": _firm_side(lambda w: {"milestone_id": w.milestone.id}),
    "profile": _freelancer_side(lambda w: {"slug": w.freelancer.freelancer_profile.slug}),
    "endorsement": Subject(
        lambda w: {"endorsement_id": w.endorsement.id},
        lambda w: w.freelancer,
        lambda w: w.peer,
    ),
    "image": _freelancer_side(lambda w: {"image_id": w.image.id}),
    "portfolio_item": _freelancer_side(lambda w: {"item_id": w.portfolio_item.id}),
    "conversation": _freelancer_side(lambda w: {"conversation_id": w.conversation_id}),
    "message": _freelancer_side(lambda w: {"message_id": w.message.id}),
    "notification": _freelancer_side(lambda w: {"notification_id": w.notification.id}),
    "skill": _freelancer_side(lambda w: {"slug": "python"}),
}
