"""Contract endpoints: the two parties read a contract, end it, and add milestones."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.api_base import ActionView, SkipIdleFiltersMixin, signed_in_user
from marketplace.contracts.api.filters import ContractFilter
from marketplace.contracts.api.render import contract_payloads
from marketplace.contracts.api.serializers import ContractOutput, MilestoneInput, MilestoneOutput
from marketplace.contracts.list_cache import contract_list_cached
from marketplace.contracts.models import Contract
from marketplace.contracts.selectors import (
    contract_get_visible,
    contract_list_mine_rows,
    milestone_rows,
)
from marketplace.contracts.services import contract_cancel, contract_complete, milestone_add


def render_contract(request: Request, contract: Contract, *, reload: bool = True) -> Response:
    """Render the contract; after a write, reload it with its milestones."""
    fresh = contract_get_visible(contract_id=contract.pk, user=request.user) if reload else contract
    return Response(ContractOutput(fresh).data)


class ContractListView(SkipIdleFiltersMixin, generics.ListAPIView[Contract]):
    """Contracts you work on as a freelancer, and those your firms hired for."""

    permission_classes = (IsAuthenticated,)
    serializer_class = ContractOutput
    filterset_class = ContractFilter
    queryset = Contract.objects.none()

    def get_queryset(self) -> QuerySet[Contract, dict[str, Any]]:
        # Rows, not instances: the page is rendered by `contract_payloads` (= ContractOutput).
        return contract_list_mine_rows(user=self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return contract_list_cached(request, lambda: self._build_page())

    def _build_page(self) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset())) or []
        milestones = milestone_rows(contract_ids=[row["id"] for row in page])
        return self.get_paginated_response(contract_payloads(page, milestones=milestones))

    @extend_schema(summary="Your contracts", responses=ContractOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ContractDetailView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(summary="A contract with its milestones", responses=ContractOutput)
    def get(self, request: Request, contract_id: int) -> Response:
        contract = contract_get_visible(contract_id=contract_id, user=request.user)
        return render_contract(request, contract, reload=False)


class _ContractActionView(ActionView[Contract]):
    target_name = "contract"

    def get_target(self, request: Request) -> Contract:
        return contract_get_visible(contract_id=self.kwargs["contract_id"], user=request.user)

    def render(self, request: Request, target: Contract) -> Response:
        return render_contract(request, target)


@extend_schema(summary="Complete a contract", request=None, responses=ContractOutput)
class ContractCompleteView(_ContractActionView):
    """The hiring firm declares the work done: active → completed; the gig completes."""

    service = staticmethod(contract_complete)


@extend_schema(summary="Cancel a contract", request=None, responses=ContractOutput)
class ContractCancelView(_ContractActionView):
    """Either party ends the contract: milestones awaiting funding are cancelled."""

    service = staticmethod(contract_cancel)


class MilestoneCreateView(APIView):
    """The hiring firm adds a milestone at the end of an active contract."""

    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(
        summary="Add a milestone", request=MilestoneInput, responses={201: MilestoneOutput}
    )
    def post(self, request: Request, contract_id: int) -> Response:
        contract = contract_get_visible(contract_id=contract_id, user=request.user)
        data = MilestoneInput(data=request.data)
        data.is_valid(raise_exception=True)
        milestone = milestone_add(
            contract=contract, by=signed_in_user(request), **data.validated_data
        )
        return Response(MilestoneOutput(milestone).data, status=201)
