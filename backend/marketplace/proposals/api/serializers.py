"""Invitation and proposal input and output shapes."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from common.money import MAX_AMOUNT_MINOR
from marketplace.contracts.api.serializers import MilestoneInput
from marketplace.contracts.services import MAX_MILESTONES
from marketplace.gigs.api.serializers import FreelancerRefOutput, GigRefOutput
from marketplace.proposals.models import (
    Invitation,
    InvitationStatus,
    Proposal,
    ProposalStatus,
)
from marketplace.proposals.services import COVER_LETTER_MAX_LENGTH, MAX_DURATION_DAYS


class InvitationCreateInput(serializers.Serializer[Any]):
    freelancer = serializers.SlugField(max_length=80, help_text="Slug of the freelancer profile.")
    message = serializers.CharField(max_length=2000, allow_blank=True, default="")


class InvitationOutput(serializers.Serializer[Invitation]):
    id = serializers.IntegerField()
    gig = GigRefOutput()
    freelancer = FreelancerRefOutput()
    message = serializers.CharField()
    status = serializers.ChoiceField(choices=InvitationStatus.choices)
    responded_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ProposalTermsFields(serializers.Serializer[Any]):
    cover_letter = serializers.CharField(max_length=COVER_LETTER_MAX_LENGTH)
    # Bounded by the service, which answers with `price_invalid`.
    price_minor = serializers.IntegerField(
        help_text=f"Minor units of the gig's currency, 1 … {MAX_AMOUNT_MINOR}; total for a "
        "fixed-price gig, per hour or per month otherwise."
    )
    estimated_duration_days = serializers.IntegerField(min_value=1, max_value=MAX_DURATION_DAYS)


class ProposalCreateInput(ProposalTermsFields):
    currency = serializers.CharField(max_length=3, help_text="Must be the gig's currency.")


class ProposalUpdateInput(ProposalTermsFields):
    """Used with `partial=True`: send only what changes."""


class ProposalOutput(serializers.Serializer[Proposal]):
    id = serializers.IntegerField()
    gig = GigRefOutput()
    freelancer = FreelancerRefOutput()
    cover_letter = serializers.CharField()
    price_minor = serializers.IntegerField()
    currency = serializers.CharField()
    estimated_duration_days = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ProposalStatus.choices)
    decided_at = serializers.DateTimeField(allow_null=True)
    contract_id = serializers.IntegerField(
        allow_null=True, help_text="The contract created when the proposal was accepted."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ProposalAcceptInput(serializers.Serializer[Any]):
    milestones: serializers.ListSerializer[Any] = serializers.ListSerializer(
        child=MilestoneInput(),
        max_length=MAX_MILESTONES,
        required=False,
        help_text="For a fixed price they sum to the price; default: one milestone for it all.",
    )
