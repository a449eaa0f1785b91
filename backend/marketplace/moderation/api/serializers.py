from __future__ import annotations

from rest_framework import serializers

from marketplace.moderation.models import Report, ReportReason
from marketplace.moderation.registry import reportable_choices
from marketplace.moderation.reports import REPORT_TEXT_MAX_LENGTH


class ReportCreateInput(serializers.Serializer[None]):
    # The kinds registered when the apps were loaded (profile, gig, firm, message, …).
    kind = serializers.ChoiceField(choices=reportable_choices())
    object_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    reason = serializers.ChoiceField(choices=ReportReason.choices)
    text = serializers.CharField(
        max_length=REPORT_TEXT_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class ContentReportOutput(serializers.ModelSerializer[Report]):
    class Meta:
        model = Report
        fields = (
            "id",
            "kind",
            "object_id",
            "reason",
            "text",
            "status",
            "created_at",
            "resolved_at",
        )
        read_only_fields = fields
