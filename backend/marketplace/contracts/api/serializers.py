"""Contract and milestone input and output shapes."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from common.money import MAX_AMOUNT_MINOR
from marketplace.contracts.models import Contract, ContractStatus, Milestone, MilestoneStatus
from marketplace.contracts.services import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from marketplace.gigs.api.serializers import FirmRefOutput, FreelancerRefOutput, GigRefOutput


class MilestoneInput(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    # Bounded by the service, which answers with `milestones_invalid`.
    amount_minor = serializers.IntegerField(help_text=f"1 … {MAX_AMOUNT_MINOR} minor units.")
    due_date = serializers.DateField(allow_null=True, default=None)
    description = serializers.CharField(
        max_length=DESCRIPTION_MAX_LENGTH, allow_blank=True, default=""
    )


class MilestoneOutput(serializers.Serializer[Milestone]):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    amount_minor = serializers.IntegerField()
    currency = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=MilestoneStatus.choices)
    created_at = serializers.DateTimeField()


class ContractOutput(serializers.Serializer[Contract]):
    id = serializers.IntegerField()
    proposal_id = serializers.IntegerField()
    gig = GigRefOutput()
    firm = FirmRefOutput()
    freelancer = FreelancerRefOutput()
    title = serializers.CharField()
    terms = serializers.JSONField(
        help_text="The agreed terms, frozen when the proposal was accepted."
    )
    currency = serializers.CharField()
    status = serializers.ChoiceField(choices=ContractStatus.choices)
    ended_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    milestones = MilestoneOutput(many=True)
