"""Shapes of endorsements; the rules live in endorsements.services and .selectors."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.endorsements.models import Endorsement
from marketplace.gigs.api.serializers import FirmRefOutput


class SkillEndorsementOutput(serializers.Serializer[Any]):
    """One listed skill of a profile: "validated by `peers` peers", and their summed weight."""

    skill_id = serializers.IntegerField()
    slug = serializers.CharField()
    peers = serializers.IntegerField(help_text="Distinct freelancers endorsing the skill.")
    weight = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        coerce_to_string=False,
        help_text="Sum of the endorsements' weights (each 1.00–5.25, docs/trust.md).",
    )


class EndorserOutput(serializers.Serializer[Any]):
    slug = serializers.CharField()
    full_name = serializers.CharField(source="user.full_name")


class EndorsementOutput(serializers.Serializer[Endorsement]):
    id = serializers.IntegerField()
    endorser = EndorserOutput()
    skill_id = serializers.IntegerField()
    skill_slug = serializers.CharField(source="skill.slug")
    contract_backed = serializers.SerializerMethodField(
        help_text="Tied to a contract the two shared (weighs 1.5 times as much)."
    )
    weight = serializers.SerializerMethodField(help_text="This endorsement's weight, now.")
    created_at = serializers.DateTimeField()

    def get_contract_backed(self, endorsement: Endorsement) -> bool:
        return endorsement.contract_id is not None

    @extend_schema_field(
        serializers.DecimalField(max_digits=4, decimal_places=2, coerce_to_string=False)
    )
    def get_weight(self, endorsement: Endorsement) -> float:
        return float(self.context["weights"][endorsement.id])


class EndorsementCreateInput(serializers.Serializer[Any]):
    skill = serializers.CharField(
        max_length=120, help_text="Skill id, slug, label or alias; the endorsee must list it."
    )
    contract_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="A contract of the endorsee that you shared (docs/trust.md).",
    )


class SharedContractOutput(serializers.Serializer[Any]):
    """A contract of the freelancer's that the viewer shared: an endorsement may name it."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    firm = FirmRefOutput(help_text="The hiring firm.")
    created_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
