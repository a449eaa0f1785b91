"""The signed-in user's account as the API shows and edits it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import serializers

from marketplace.firms.models import FirmRole
from marketplace.media.api.serializers import ImageOutput


class MyFirmSummary(serializers.Serializer[Any]):
    slug = serializers.CharField(source="firm.slug")
    name = serializers.CharField(source="firm.name")
    role = serializers.ChoiceField(choices=FirmRole.choices)


class MeOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    avatar = ImageOutput(allow_null=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    time_zone = serializers.CharField(help_text="IANA name; times are shown in it.")
    date_joined = serializers.DateTimeField()
    freelancer_profile = serializers.CharField(
        allow_null=True, help_text="Slug of the user's freelancer profile, or null."
    )
    firms = MyFirmSummary(many=True)


class MeUpdateInput(serializers.Serializer[Any]):
    full_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    time_zone = serializers.CharField(max_length=64, required=False, help_text="IANA name.")
