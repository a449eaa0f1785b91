"""Query parameters of the proposal and invitation lists."""

from __future__ import annotations

import django_filters

from marketplace.proposals.models import Invitation, InvitationStatus, Proposal, ProposalStatus


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=ProposalStatus.choices, help_text="Repeat for several statuses."
    )
    gig = django_filters.NumberFilter(field_name="gig_id", help_text="A gig's id.")

    class Meta:
        model = Proposal
        fields: list[str] = []


class InvitationFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=InvitationStatus.choices, help_text="Repeat for several statuses."
    )
    gig = django_filters.NumberFilter(field_name="gig_id", help_text="A gig's id.")

    class Meta:
        model = Invitation
        fields: list[str] = []
