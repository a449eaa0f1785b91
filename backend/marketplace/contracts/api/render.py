"""Contract payloads for the list endpoint, built from plain rows (`contract_list_mine_rows`,
`milestone_rows`) instead of `ContractOutput`, which stays the schema and renders a single
contract. Why: the serializer over model instances (contract, gig, two firms, freelancer, every
milestone) was most of a signed-in list request's own time (docs/benchmarks.md, "Profiling and
fixes"). Tests hold both to the same output (tests/marketplace/test_contracts_render.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rest_framework import serializers

# DRF's own fields: dates and times formatted exactly as ContractOutput does.
_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField()


def _date(value: Any) -> Any:
    return None if value is None else _DATE.to_representation(value)


def _datetime(value: Any) -> Any:
    return None if value is None else _DATETIME.to_representation(value)


def contract_payloads(
    rows: Sequence[dict[str, Any]], *, milestones: Mapping[int, Sequence[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """`ContractOutput(contract).data` for each row, keys in its order."""
    return [
        {
            "id": row["id"],
            "proposal_id": row["proposal_id"],
            "gig": {
                "id": row["gig_id_"],
                "title": row["gig_title"],
                "status": row["gig_status"],
                "engagement_type": row["gig_engagement_type"],
                "currency": row["gig_currency"],
                "firm": {
                    "slug": row["gig_firm_slug"],
                    "name": row["gig_firm_name"],
                    "country": str(row["gig_firm_country"]),
                },
            },
            "firm": {
                "slug": row["firm_slug"],
                "name": row["firm_name"],
                "country": str(row["firm_country"]),
            },
            "freelancer": {
                "slug": row["freelancer_slug"],
                "headline": row["freelancer_headline"],
                "country": str(row["freelancer_country"]),
            },
            "title": row["title"],
            "terms": row["terms"],
            "currency": row["currency"],
            "status": row["status"],
            "ended_at": _datetime(row["ended_at"]),
            "created_at": _datetime(row["created_at"]),
            "updated_at": _datetime(row["updated_at"]),
            "milestones": [
                {
                    "id": m["id"],
                    "position": m["position"],
                    "title": m["title"],
                    "description": m["description"],
                    "amount_minor": m["amount_minor"],
                    "currency": m["currency"],
                    "due_date": _date(m["due_date"]),
                    "status": m["status"],
                    "created_at": _datetime(m["created_at"]),
                }
                for m in milestones.get(row["id"], ())
            ],
        }
        for row in rows
    ]
