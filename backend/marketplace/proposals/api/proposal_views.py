"""Proposal endpoints: freelancers propose; the gig's firm shortlists, declines or hires."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.throttling import WritesThrottleMixin
from marketplace.api_base import ActionView, signed_in_user
from marketplace.contracts.api.serializers import ContractOutput
from marketplace.contracts.selectors import contract_get_visible
from marketplace.firms.selectors import firm_is_member
from marketplace.gigs.selectors import gig_get_visible
from marketplace.proposals.api.filters import ProposalFilter
from marketplace.proposals.api.serializers import (
    ProposalAcceptInput,
    ProposalCreateInput,
    ProposalOutput,
    ProposalUpdateInput,
)
from marketplace.proposals.models import Proposal
from marketplace.proposals.selectors import (
    proposal_get_visible,
    proposal_list_for_gig,
    proposal_list_mine,
)
from marketplace.proposals.services import (
    proposal_accept,
    proposal_decline,
    proposal_shortlist,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)


def render_proposal(
    request: Request, proposal: Proposal, *, status: int = 200, reload: bool = True
) -> Response:
    """Render the proposal; after a write, reload it as the caller sees it."""
    fresh = proposal_get_visible(proposal_id=proposal.pk, user=request.user) if reload else proposal
    return Response(ProposalOutput(fresh).data, status=status)


class GigProposalListCreateView(WritesThrottleMixin, generics.ListAPIView[Proposal]):
    """A gig's proposals: the firm's members (and staff) see all; a freelancer their own."""

    permission_classes = (IsAuthenticated,)
    serializer_class = ProposalOutput
    filterset_class = ProposalFilter
    queryset = Proposal.objects.none()

    def get_queryset(self) -> QuerySet[Proposal]:
        user = self.request.user
        gig = gig_get_visible(gig_id=self.kwargs["gig_id"], user=user, details=False)
        return proposal_list_for_gig(
            gig=gig, user=user, is_firm_member=firm_is_member(firm=gig.firm, user=user)
        )

    @extend_schema(summary="Proposals on a gig", responses=ProposalOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Propose on an open gig",
        request=ProposalCreateInput,
        responses={201: ProposalOutput},
    )
    def post(self, request: Request, gig_id: int) -> Response:
        gig = gig_get_visible(gig_id=gig_id, user=request.user, details=False)
        data = ProposalCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = proposal_submit(gig=gig, by=signed_in_user(request), **data.validated_data)
        return render_proposal(request, proposal, status=201)


class ProposalListView(generics.ListAPIView[Proposal]):
    """Proposals you made, and those received on your firms' gigs."""

    permission_classes = (IsAuthenticated,)
    serializer_class = ProposalOutput
    filterset_class = ProposalFilter
    queryset = Proposal.objects.none()

    def get_queryset(self) -> QuerySet[Proposal]:
        return proposal_list_mine(user=self.request.user)

    @extend_schema(summary="Your proposals", responses=ProposalOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ProposalDetailView(WritesThrottleMixin, APIView):
    """One proposal, for its freelancer and the gig firm's members."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(summary="A proposal", responses=ProposalOutput)
    def get(self, request: Request, proposal_id: int) -> Response:
        proposal = proposal_get_visible(proposal_id=proposal_id, user=request.user)
        return render_proposal(request, proposal, reload=False)

    @extend_schema(
        summary="Revise a submitted or shortlisted proposal (its freelancer)",
        request=ProposalUpdateInput,
        responses=ProposalOutput,
    )
    def patch(self, request: Request, proposal_id: int) -> Response:
        proposal = proposal_get_visible(proposal_id=proposal_id, user=request.user)
        data = ProposalUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        proposal = proposal_update(
            proposal=proposal, by=signed_in_user(request), **data.validated_data
        )
        return render_proposal(request, proposal)


@extend_schema(request=None, responses=ProposalOutput)
class _ProposalActionView(ActionView[Proposal]):
    target_name = "proposal"

    def get_target(self, request: Request) -> Proposal:
        return proposal_get_visible(proposal_id=self.kwargs["proposal_id"], user=request.user)

    def render(self, request: Request, target: Proposal) -> Response:
        return render_proposal(request, target)


class ProposalWithdrawView(_ProposalActionView):
    """The freelancer takes back a submitted or shortlisted proposal."""

    service = staticmethod(proposal_withdraw)


class ProposalShortlistView(_ProposalActionView):
    """The gig's firm shortlists a submitted proposal."""

    service = staticmethod(proposal_shortlist)


class ProposalDeclineView(_ProposalActionView):
    """The gig's firm declines a submitted or shortlisted proposal."""

    service = staticmethod(proposal_decline)


class ProposalAcceptView(APIView):
    """The gig's firm hires: creates the contract with its milestones; the gig starts."""

    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(
        summary="Accept a proposal and create the contract",
        request=ProposalAcceptInput,
        responses={201: ContractOutput},
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        proposal = proposal_get_visible(proposal_id=proposal_id, user=request.user)
        data = ProposalAcceptInput(data=request.data)
        data.is_valid(raise_exception=True)
        contract = proposal_accept(
            proposal=proposal,
            by=signed_in_user(request),
            milestones=data.validated_data.get("milestones"),
        )
        fresh = contract_get_visible(contract_id=contract.pk, user=request.user)
        return Response(ContractOutput(fresh).data, status=201)
