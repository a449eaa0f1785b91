"""Endorsements: a freelancer's endorsements (public), endorsing them, withdrawing one's own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.throttling import WritesThrottleMixin
from marketplace.api_base import signed_in_user
from marketplace.endorsements import selectors, services
from marketplace.endorsements.api.serializers import (
    EndorsementCreateInput,
    EndorsementOutput,
    SharedContractOutput,
)
from marketplace.endorsements.models import Endorsement
from marketplace.profiles.selectors import profile_get_visible, profile_of_user
from marketplace.skills.selectors import skill_resolve_many


class EndorsementListView(WritesThrottleMixin, generics.ListAPIView[Endorsement]):
    """Endorsements that count on the freelancer's profile, newest first; POST endorses them."""

    permission_classes = (IsAuthenticatedOrReadOnly,)
    serializer_class = EndorsementOutput

    def get_queryset(self) -> QuerySet[Endorsement]:
        if getattr(self, "swagger_fake_view", False):
            return Endorsement.objects.none()
        profile = profile_get_visible(slug=self.kwargs["slug"], user=self.request.user)
        return selectors.endorsement_list_counting(endorsee_id=profile.pk)

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        rows = args[0] if args else []
        kwargs["context"] = {
            **self.get_serializer_context(),
            "weights": selectors.endorsement_weights(rows),
        }
        return EndorsementOutput(*args, **kwargs)

    @extend_schema(summary="Endorsements of a freelancer")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Endorse a freelancer for a skill they list",
        request=EndorsementCreateInput,
        responses={201: EndorsementOutput},
    )
    def post(self, request: Request, slug: str) -> Response:
        endorsee = profile_get_visible(slug=slug, user=request.user)
        data = EndorsementCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        (skill,) = skill_resolve_many(refs=[data.validated_data["skill"]], field="skill")
        endorsement = services.endorsement_create(
            by=signed_in_user(request),
            endorsee=endorsee,
            skill=skill,
            contract_id=data.validated_data.get("contract_id"),
        )
        return Response(self.get_serializer([endorsement], many=True).data[0], status=201)


class EndorsementDetailView(APIView):
    """The endorser withdraws their endorsement."""

    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(summary="Withdraw an endorsement", request=None, responses={204: None})
    def delete(self, request: Request, endorsement_id: int) -> Response:
        endorsement = selectors.endorsement_get_active(endorsement_id=endorsement_id)
        services.endorsement_withdraw(endorsement=endorsement, by=signed_in_user(request))
        return Response(status=204)


SHARED_CONTRACTS_SHOWN = 20


class SharedContractListView(APIView):
    """The freelancer's contracts the signed-in freelancer shared, for tying an endorsement."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="Contracts of a freelancer that I shared",
        description=(
            "Their contracts with a firm I belong to, or with a firm I worked for at the same "
            "time (docs/trust.md), newest first, at most 20. Empty without a freelancer "
            "profile of my own. Endorsing with one of these ids makes the endorsement "
            "contract-backed."
        ),
        responses=SharedContractOutput(many=True),
    )
    def get(self, request: Request, slug: str) -> Response:
        endorsee = profile_get_visible(slug=slug, user=request.user)
        endorser = profile_of_user(user=request.user)
        if endorser is None or endorser.pk == endorsee.pk:
            return Response([])
        shared = selectors.contracts_shared_with(endorser=endorser, endorsee=endorsee)
        rows = shared.select_related("firm")[:SHARED_CONTRACTS_SHOWN]
        return Response(SharedContractOutput(rows, many=True).data)
