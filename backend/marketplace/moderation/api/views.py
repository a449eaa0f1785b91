"""Reports: a signed-in user reports content and lists the reports they filed."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from common.throttling import WritesThrottleMixin
from marketplace.api_base import signed_in_user
from marketplace.moderation.api.serializers import ContentReportOutput, ReportCreateInput
from marketplace.moderation.models import Report
from marketplace.moderation.reports import report_create, report_list_of_reporter


class ReportListCreateView(WritesThrottleMixin, generics.ListAPIView[Report]):
    """GET: the reports I filed, newest first. POST: report a profile, gig, firm, message…"""

    permission_classes = (IsAuthenticated,)
    serializer_class = ContentReportOutput
    queryset = Report.objects.none()
    filter_backends = ()

    def get_queryset(self) -> QuerySet[Report]:
        return report_list_of_reporter(user=self.request.user)

    @extend_schema(summary="Reports I filed", responses=ContentReportOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Report content to the moderators",
        description=(
            "Refusals: `not_found` (no such object, or not visible to you), "
            "`report_own_content` (403), `already_reported` (409: your earlier report of it "
            "is still open), `rate_limited` (429: too many reports today)."
        ),
        request=ReportCreateInput,
        responses={201: ContentReportOutput},
    )
    def post(self, request: Request) -> Response:
        data = ReportCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = report_create(by=signed_in_user(request), **data.validated_data)
        return Response(ContentReportOutput(report).data, status=201)
