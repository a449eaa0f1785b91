"""Reads of contracts: only the freelancer and the hiring firm's members see one (and staff)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from common.errors import NotFound
from marketplace.contracts.models import Contract
from marketplace.firms.selectors import firm_ids_of_user


def _party_q(user: Any) -> Q:
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    return Q(freelancer__user=user) | Q(firm_id__in=firm_ids_of_user(user=user))


def _details(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    return contracts.select_related("gig__firm", "firm", "freelancer").prefetch_related(
        "milestones"
    )


def contract_list_mine(*, user: Any) -> QuerySet[Contract]:
    """Contracts the user works on as the freelancer, or hired for through one of their firms."""
    return _details(Contract.objects.filter(_party_q(user)))


def contract_get_visible(*, contract_id: int, user: Any) -> Contract:
    contracts = Contract.objects.filter(pk=contract_id)
    if not (getattr(user, "is_authenticated", False) and user.is_staff):
        contracts = contracts.filter(_party_q(user))
    contract = _details(contracts).first()
    if contract is None:
        raise NotFound()
    return contract
