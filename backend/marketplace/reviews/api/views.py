"""Reviews: a contract's reviews for its parties, and the public reviews of a freelancer or a
firm."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from common.throttling import WritesThrottleMixin
from marketplace.api_base import signed_in_user
from marketplace.contracts.selectors import contract_get_visible
from marketplace.firms.selectors import firm_get
from marketplace.profiles.selectors import profile_get_visible
from marketplace.reviews import selectors, services
from marketplace.reviews.api.serializers import (
    ContractReviewsOutput,
    ReviewCreateInput,
    ReviewOutput,
)
from marketplace.reviews.models import Review


class ContractReviewsView(WritesThrottleMixin):
    """The contract's reviews as the caller may see them; POST writes the caller's review.

    Parties only (others get 404); staff read both reviews.
    """

    permission_classes = (IsAuthenticated,)

    @extend_schema(summary="Reviews of a contract", responses=ContractReviewsOutput)
    def get(self, request: Request, contract_id: int) -> Response:
        contract = contract_get_visible(contract_id=contract_id, user=request.user)
        return _render(request, contract)

    @extend_schema(
        summary="Review the other party of an ended contract",
        request=ReviewCreateInput,
        responses={201: ContractReviewsOutput},
    )
    def post(self, request: Request, contract_id: int) -> Response:
        contract = contract_get_visible(contract_id=contract_id, user=request.user)
        data = ReviewCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.review_create(contract=contract, by=signed_in_user(request), **data.validated_data)
        return _render(request, contract, status=201)


def _render(request: Request, contract: Any, *, status: int = 200) -> Response:
    reviews = selectors.contract_reviews_for(contract=contract, user=request.user)
    context = {"user": request.user}
    return Response(ContractReviewsOutput(reviews, context=context).data, status=status)


class _PublicReviewList(generics.ListAPIView[Review]):
    permission_classes = (AllowAny,)
    serializer_class = ReviewOutput

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "user": self.request.user}


class FreelancerReviewListView(_PublicReviewList):
    """Published reviews firms wrote about the freelancer, newest first."""

    def get_queryset(self) -> QuerySet[Review]:
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        profile = profile_get_visible(slug=self.kwargs["slug"], user=self.request.user)
        return selectors.review_list_about_freelancer(profile_id=profile.pk)

    @extend_schema(summary="Reviews of a freelancer")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class FirmReviewListView(_PublicReviewList):
    """Published reviews freelancers wrote about the firm, newest first."""

    def get_queryset(self) -> QuerySet[Review]:
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        firm = firm_get(slug=self.kwargs["slug"])
        return selectors.review_list_about_firm(firm_id=firm.pk)

    @extend_schema(summary="Reviews of a firm")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
