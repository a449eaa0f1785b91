"""Gig rules: creation, editing and every lifecycle transition, with their refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from tests.factories_flow import (
    ProposalFactory,
    draft_gig,
    member_of,
    open_gig,
    skill,
)

from common.errors import Conflict, Forbidden, ValidationFailed
from common.money import MAX_AMOUNT_MINOR
from marketplace.gigs.models import Gig, GigStatus
from marketplace.gigs.services import (
    gig_create,
    gig_update,
)

pytestmark = pytest.mark.django_db


def _gig_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Online shop for handmade ceramics",
        "description": "Shopify or WooCommerce, payments, shipping to the EU.",
        "engagement_type": "fixed",
        "budget_min_minor": 200_000,
        "budget_max_minor": 400_000,
        "currency": "EUR",
        "required_skills": ["python"],
    }
    values.update(overrides)
    return values


@pytest.fixture
def skills(db: Any) -> dict[str, Any]:
    return {slug: skill(slug) for slug in ("python", "django", "react")}


# --- create ------------------------------------------------------------------------------------


def test_member_creates_a_draft_gig_with_skills_and_languages(
    firm: Any, firm_owner: Any, skills: Any
) -> None:
    # Given a member of the firm (not an owner)
    member = member_of(firm)
    # When they post a gig
    gig = gig_create(
        firm=firm,
        by=member,
        **_gig_values(
            required_skills=["python", skills["django"].id],
            nice_skills=["React"],
            languages=["de", "EN", "de"],
            location_type="hybrid",
            location_country="fr",
            location_city=" Lyon ",
            start_date=dt.date(2030, 1, 6),
            hours_per_week=20,
        ),
    )
    # Then it is a draft with the resolved skills and de-duplicated languages
    gig.refresh_from_db()
    assert gig.status == GigStatus.DRAFT
    assert gig.published_at is None
    assert gig.created_by == member
    assert gig.location_country == "FR"
    assert gig.location_city == "Lyon"
    assert sorted(
        (gs.skill.slug, gs.is_required) for gs in gig.gig_skills.select_related("skill")
    ) == [("django", True), ("python", True), ("react", False)]
    assert sorted(gig.languages.values_list("code", flat=True)) == ["de", "en"]


def test_a_draft_may_lack_required_skills(firm: Any, firm_owner: Any) -> None:
    gig = gig_create(firm=firm, by=firm_owner, **_gig_values(required_skills=[]))
    assert gig.gig_skills.count() == 0


def test_non_member_cannot_create_a_gig(firm: Any, stranger: Any, skills: Any) -> None:
    with pytest.raises(Forbidden) as info:
        gig_create(firm=firm, by=stranger, **_gig_values())
    assert info.value.code == "permission_denied"
    assert Gig.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"budget_min_minor": 0}, "budget_invalid", "budget_min_minor"),
        ({"budget_min_minor": -5}, "budget_invalid", "budget_min_minor"),
        ({"budget_min_minor": 500_000}, "budget_invalid", "budget_min_minor"),
        ({"budget_max_minor": MAX_AMOUNT_MINOR + 1}, "budget_invalid", "budget_max_minor"),
        ({"budget_max_minor": 2**70}, "budget_invalid", "budget_max_minor"),
        ({"currency": "XYZ"}, "currency_unsupported", "currency"),
        ({"currency": "eur"}, "currency_unsupported", "currency"),
        ({"languages": ["xx"]}, "validation_error", "languages"),
        ({"languages": ["zh-hans"]}, "validation_error", "languages"),
        ({"location_type": "onsite"}, "validation_error", "location_country"),
        ({"location_country": "ZZ"}, "validation_error", "location_country"),
        ({"title": "   "}, "validation_error", "title"),
        ({"description": ""}, "validation_error", "description"),
        ({"nice_skills": ["python"]}, "validation_error", "nice_skills"),
        ({"required_skills": ["no-such-skill"]}, "unknown_skill", "required_skills"),
        ({"required_skills": [f"s{i}" for i in range(21)]}, "validation_error", "required_skills"),
    ],
)
def test_invalid_gig_is_refused_and_nothing_is_written(
    firm: Any, firm_owner: Any, skills: Any, overrides: dict[str, Any], code: str, field: str
) -> None:
    with pytest.raises(ValidationFailed) as info:
        gig_create(firm=firm, by=firm_owner, **_gig_values(**overrides))
    assert info.value.code == code
    assert field in info.value.details
    assert Gig.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"engagement_type": "barter"}, "engagement_type"),
        ({"hours_per_week": 81}, "hours_per_week"),
        ({"timezone_overlap_hours": 13}, "timezone_overlap_hours"),
        ({"title": "x" * 141}, "title"),
        ({"location_type": "moon"}, "location_type"),
    ],
)
def test_model_field_rules_are_enforced(
    firm: Any, firm_owner: Any, skills: Any, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(DjangoValidationError) as info:
        gig_create(firm=firm, by=firm_owner, **_gig_values(**overrides))
    assert field in info.value.message_dict
    assert Gig.objects.count() == 0


# --- update ------------------------------------------------------------------------------------


def test_member_edits_a_draft_and_lists_are_replaced(
    firm: Any, firm_owner: Any, skills: Any
) -> None:
    gig = gig_create(
        firm=firm, by=firm_owner, **_gig_values(nice_skills=["react"], languages=["de"])
    )
    updated = gig_update(
        gig=gig,
        by=firm_owner,
        title="Shop, payments and newsletter",
        required_skills=["django"],
        languages=[],
        budget_max_minor=450_000,
    )
    assert updated.title == "Shop, payments and newsletter"
    gig.refresh_from_db()
    assert gig.budget_max_minor == 450_000
    assert sorted(
        (gs.skill.slug, gs.is_required) for gs in gig.gig_skills.select_related("skill")
    ) == [("django", True), ("react", False)]
    assert gig.languages.count() == 0


def test_update_keeps_the_other_skill_list_when_one_changes(
    firm: Any, firm_owner: Any, skills: Any
) -> None:
    gig = gig_create(firm=firm, by=firm_owner, **_gig_values(nice_skills=["react"]))
    # When only nice skills change to one that is required: refused, the lists are checked together
    with pytest.raises(ValidationFailed) as info:
        gig_update(gig=gig, by=firm_owner, nice_skills=["python"])
    assert "nice_skills" in info.value.details
    assert sorted(gig.gig_skills.values_list("skill__slug", flat=True)) == ["python", "react"]


def test_update_revalidates_and_leaves_the_row_unchanged(
    firm: Any, firm_owner: Any, skills: Any
) -> None:
    gig = gig_create(firm=firm, by=firm_owner, **_gig_values())
    with pytest.raises(ValidationFailed) as info:
        gig_update(gig=gig, by=firm_owner, title="New title", budget_min_minor=900_000)
    assert info.value.code == "budget_invalid"
    gig.refresh_from_db()
    assert (gig.title, gig.budget_min_minor) == ("Online shop for handmade ceramics", 200_000)


@pytest.mark.parametrize("status", ["in_progress", "completed", "cancelled", "closed"])
def test_only_draft_or_open_gigs_are_editable(firm: Any, firm_owner: Any, status: str) -> None:
    gig = draft_gig(firm=firm, status=status, title="Before")
    with pytest.raises(Conflict) as info:
        gig_update(gig=gig, by=firm_owner, title="After")
    assert info.value.code == "gig_not_editable"
    assert info.value.details == {"status": status}
    gig.refresh_from_db()
    assert gig.title == "Before"


def test_open_gig_must_keep_a_required_skill(firm: Any, firm_owner: Any) -> None:
    gig = open_gig(firm=firm)
    with pytest.raises(Conflict) as info:
        gig_update(gig=gig, by=firm_owner, required_skills=[])
    assert info.value.code == "gig_incomplete"
    assert gig.gig_skills.filter(is_required=True).count() == 1


def test_currency_is_fixed_once_proposals_quote_in_it(firm: Any, firm_owner: Any) -> None:
    gig = open_gig(firm=firm)
    ProposalFactory.create(gig=gig)
    with pytest.raises(Conflict) as info:
        gig_update(gig=gig, by=firm_owner, currency="USD")
    assert info.value.code == "gig_not_editable"
    gig.refresh_from_db()
    assert gig.currency == "EUR"


def test_currency_may_change_when_only_withdrawn_proposals_quote(
    firm: Any, firm_owner: Any
) -> None:
    gig = open_gig(firm=firm)
    ProposalFactory.create(gig=gig, status="withdrawn")
    assert gig_update(gig=gig, by=firm_owner, currency="USD").currency == "USD"


def test_non_member_cannot_edit(firm: Any, stranger: Any) -> None:
    gig = open_gig(firm=firm, title="Before")
    with pytest.raises(Forbidden):
        gig_update(gig=gig, by=stranger, title="After")
    gig.refresh_from_db()
    assert gig.title == "Before"


def test_update_rejects_fields_outside_the_editable_set(firm: Any, firm_owner: Any) -> None:
    gig = draft_gig(firm=firm)
    with pytest.raises(TypeError):
        gig_update(gig=gig, by=firm_owner, status="open")
