"""Shapes of firms and memberships in the API; the rules live in `firms.services`."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.fields import SLUG_MAX_LENGTH
from marketplace.firms import services
from marketplace.firms.models import Firm, FirmMembership, FirmRole, FirmSize
from marketplace.firms.reputation import firm_reputation_get
from marketplace.media.api.serializers import ImageOutput
from marketplace.reviews.api.serializers import FirmReputationOutput

# --- output ---------------------------------------------------------------------------------


class FirmOutput(serializers.Serializer[Firm]):
    """A firm's public page."""

    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    country = serializers.CharField(source="country.code", help_text="ISO 3166 alpha-2.")
    time_zone = serializers.CharField()
    working_hours_start = serializers.TimeField(help_text="In the firm's time zone.")
    working_hours_end = serializers.TimeField(help_text="In the firm's time zone.")
    size = serializers.ChoiceField(choices=FirmSize.choices)
    website = serializers.CharField()
    logo = ImageOutput(allow_null=True)
    created_at = serializers.DateTimeField()


class FirmPageOutput(FirmOutput):
    """A firm's page: also its reputation, for freelancers deciding whether to propose."""

    # The id is what `POST /reports/` names a firm by (kind `firm`).
    id = serializers.IntegerField(read_only=True, help_text="For reports (`object_id`).")
    reputation = serializers.SerializerMethodField()

    @extend_schema_field(FirmReputationOutput)
    def get_reputation(self, firm: Firm) -> dict[str, Any]:
        return dict(FirmReputationOutput(firm_reputation_get(firm_id=firm.pk)).data)


class MyFirmOutput(FirmOutput):
    """A firm the signed-in user belongs to, with their role in it."""

    role = serializers.ChoiceField(choices=FirmRole.choices, source="my_role")


class MemberOutput(serializers.Serializer[FirmMembership]):
    user_id = serializers.IntegerField()
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")
    role = serializers.ChoiceField(choices=FirmRole.choices)
    joined_at = serializers.DateTimeField(source="created_at")


# --- input ----------------------------------------------------------------------------------


class FirmUpdateInput(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=services.NAME_MAX_LENGTH, required=False)
    description = serializers.CharField(
        max_length=services.DESCRIPTION_MAX_LENGTH, required=False, allow_blank=True
    )
    country = serializers.CharField(max_length=2, required=False, help_text="ISO 3166 alpha-2.")
    time_zone = serializers.CharField(max_length=64, required=False, help_text="IANA name.")
    working_hours_start = serializers.TimeField(required=False)
    working_hours_end = serializers.TimeField(required=False)
    size = serializers.ChoiceField(choices=FirmSize.choices, required=False)
    website = serializers.CharField(
        max_length=services.WEBSITE_MAX_LENGTH, required=False, allow_blank=True
    )


class FirmCreateInput(FirmUpdateInput):
    name = serializers.CharField(max_length=services.NAME_MAX_LENGTH)
    country = serializers.CharField(max_length=2, help_text="ISO 3166 alpha-2.")
    slug = serializers.CharField(
        max_length=SLUG_MAX_LENGTH,
        required=False,
        help_text="Public address; made from the name when left out.",
    )


class MemberAddInput(serializers.Serializer[Any]):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=FirmRole.choices, default=FirmRole.MEMBER)


class MemberChangeInput(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=FirmRole.choices)
