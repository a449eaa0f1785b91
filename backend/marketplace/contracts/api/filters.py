"""Query parameters of `GET /contracts/`."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from marketplace.contracts.models import Contract, ContractStatus


class ContractFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=ContractStatus.choices, help_text="Repeat for several statuses."
    )
    role = django_filters.ChoiceFilter(
        choices=[("freelancer", "freelancer"), ("firm", "firm")],
        method="filter_role",
        help_text="`freelancer`: contracts you work on; `firm`: contracts your firms hired for.",
    )

    class Meta:
        model = Contract
        fields: list[str] = []

    def filter_role(
        self, contracts: QuerySet[Contract], name: str, value: str
    ) -> QuerySet[Contract]:
        user: Any = self.request.user if self.request is not None else None
        if value == "freelancer":
            return contracts.filter(freelancer__user=user)
        return contracts.exclude(freelancer__user=user)
