"""Reads of contracts: only the freelancer and the hiring firm's members see one (and staff)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet

from common.errors import NotFound
from marketplace.contracts.models import Contract, Milestone
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


# --- rows for the list endpoint: plain values, no model instances -------------------------------

CONTRACT_ROW_FIELDS = (
    "id",
    "proposal_id",
    "title",
    "terms",
    "currency",
    "status",
    "ended_at",
    "created_at",
    "updated_at",
)
MILESTONE_ROW_FIELDS = (
    "id",
    "contract_id",
    "position",
    "title",
    "description",
    "amount_minor",
    "currency",
    "due_date",
    "status",
    "created_at",
)


def contract_list_mine_rows(*, user: Any) -> QuerySet[Contract, dict[str, Any]]:
    """`contract_list_mine` as rows, one query: CONTRACT_ROW_FIELDS, the gig's (`gig_*`, its
    firm's under `gig_firm_*`), the hiring firm's (`firm_*`) and the freelancer's (`freelancer_*`)
    fields that ContractOutput renders. Milestones: `milestone_rows`."""
    return Contract.objects.filter(_party_q(user)).values(
        *CONTRACT_ROW_FIELDS,
        gig_id_=F("gig_id"),
        gig_title=F("gig__title"),
        gig_status=F("gig__status"),
        gig_engagement_type=F("gig__engagement_type"),
        gig_currency=F("gig__currency"),
        gig_firm_slug=F("gig__firm__slug"),
        gig_firm_name=F("gig__firm__name"),
        gig_firm_country=F("gig__firm__country"),
        firm_slug=F("firm__slug"),
        firm_name=F("firm__name"),
        firm_country=F("firm__country"),
        freelancer_slug=F("freelancer__slug"),
        freelancer_headline=F("freelancer__headline"),
        freelancer_country=F("freelancer__country"),
    )


def milestone_rows(*, contract_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The contracts' milestones as rows (MILESTONE_ROW_FIELDS), by contract, in position order."""
    by_contract: dict[int, list[dict[str, Any]]] = {i: [] for i in contract_ids}
    if contract_ids:
        rows = Milestone.objects.filter(contract_id__in=contract_ids).order_by(
            "contract_id", "position"
        )
        for row in rows.values(*MILESTONE_ROW_FIELDS):
            by_contract[row["contract_id"]].append(row)
    return by_contract
