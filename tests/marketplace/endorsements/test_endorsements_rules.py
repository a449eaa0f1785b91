"""Endorsement anti-gaming rules: each refusal has its code and writes no row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import override_settings
from tests.factories import FirmMembershipFactory, SkillFactory
from tests.factories_flow import PublicProfileFactory
from tests.factories_trust import ago, contract_between, firm_with_owner, veteran

from common.errors import Conflict, DomainError
from marketplace.endorsements.models import Endorsement
from marketplace.endorsements.services import endorsement_create, endorsement_withdraw
from marketplace.models import FreelancerProfile, Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def django_skill(db: Any) -> Skill:
    return SkillFactory.create(slug="django")


def _refused(code: str, action: Callable[[], Any]) -> None:
    """`action` raises `code`, and the endorsements table is unchanged."""
    before = list(Endorsement.objects.order_by("id").values_list("id", "withdrawn_at"))
    with pytest.raises(DomainError) as refused:
        action()
    assert refused.value.code == code
    assert list(Endorsement.objects.order_by("id").values_list("id", "withdrawn_at")) == before


def _endorse(a: FreelancerProfile, b: FreelancerProfile, skill: Skill, **kw: Any) -> Endorsement:
    return endorsement_create(by=a.user, endorsee=b, skill=skill, **kw)


def test_a_veteran_endorses_a_listed_skill(django_skill: Skill) -> None:
    a, b = veteran(), veteran(skills=[django_skill])
    endorsement = _endorse(a, b, django_skill)
    assert (endorsement.endorser, endorsement.endorsee, endorsement.skill) == (a, b, django_skill)
    assert endorsement.contract is None
    assert endorsement.withdrawn_at is None


def test_self_endorsement_is_refused(django_skill: Skill) -> None:
    a = veteran(skills=[django_skill])
    _refused("self_endorsement", lambda: _endorse(a, a, django_skill))


def test_a_young_account_cannot_endorse(django_skill: Skill) -> None:
    # Given an account created 29 days ago (the minimum is 30)
    young = PublicProfileFactory.create(user__date_joined=ago(days=29))
    b = veteran(skills=[django_skill])
    _refused("account_too_new", lambda: _endorse(young, b, django_skill))
    # and the minimum is a setting
    with override_settings(TRUST_ENDORSER_MIN_ACCOUNT_AGE_DAYS=28):
        assert _endorse(young, b, django_skill).endorser == young


def test_only_freelancers_with_a_public_profile_endorse(django_skill: Skill) -> None:
    b = veteran(skills=[django_skill])
    draft = veteran()
    FreelancerProfile.objects.filter(pk=draft.pk).update(visibility="draft")
    firm_user = FirmMembershipFactory.create(user__date_joined=ago(days=90)).user
    _refused("endorser_not_public", lambda: _endorse(draft, b, django_skill))
    _refused(
        "endorser_not_public",
        lambda: endorsement_create(by=firm_user, endorsee=b, skill=django_skill),
    )


def test_a_skill_the_endorsee_does_not_list_is_refused(django_skill: Skill) -> None:
    a, b = veteran(), veteran(skills=[SkillFactory.create(slug="react")])
    _refused("skill_not_listed", lambda: _endorse(a, b, django_skill))


def test_one_active_endorsement_per_endorser_endorsee_and_skill(django_skill: Skill) -> None:
    a, b = veteran(), veteran(skills=[django_skill])
    first = _endorse(a, b, django_skill)
    _refused("endorsement_exists", lambda: _endorse(a, b, django_skill))
    # After a withdrawal the endorser may endorse again (the old row stays as history)
    endorsement_withdraw(endorsement=first, by=a.user)
    again = _endorse(a, b, django_skill)
    assert again.pk != first.pk
    assert Endorsement.objects.filter(endorser=a, endorsee=b).count() == 2


def test_mutual_endorsements_are_capped_without_a_shared_contract() -> None:
    # Given B endorses A, and both list four skills
    skills = [SkillFactory.create(slug=f"s{n}") for n in range(4)]
    a, b = veteran(skills=skills), veteran(skills=skills)
    _endorse(b, a, skills[0])
    # When A endorses B back: two skills pass, the third hits the cap (2)
    _endorse(a, b, skills[0])
    _endorse(a, b, skills[1])
    _refused("endorsement_mutual_cap", lambda: _endorse(a, b, skills[2]))
    # B, who started, is held to the same cap now that A endorses them
    _endorse(b, a, skills[1])
    _refused("endorsement_mutual_cap", lambda: _endorse(b, a, skills[2]))


def test_one_sided_endorsements_are_not_capped() -> None:
    skills = [SkillFactory.create(slug=f"t{n}") for n in range(4)]
    a, b = veteran(), veteran(skills=skills)
    for skill in skills:
        _endorse(a, b, skill)
    assert Endorsement.objects.filter(endorser=a, endorsee=b).count() == 4


def test_closing_a_ring_of_three_is_refused(django_skill: Skill) -> None:
    a, b, c = (veteran(skills=[django_skill]) for _ in range(3))
    _endorse(b, c, django_skill)
    _endorse(c, a, django_skill)
    # A → B would close A → B → C → A
    _refused("endorsement_ring", lambda: _endorse(a, b, django_skill))


def test_closing_a_ring_of_four_is_refused(django_skill: Skill) -> None:
    a, b, c, d = (veteran(skills=[django_skill]) for _ in range(4))
    _endorse(b, c, django_skill)
    _endorse(c, d, django_skill)
    _endorse(d, a, django_skill)
    _refused("endorsement_ring", lambda: _endorse(a, b, django_skill))


def test_a_ring_of_five_and_chains_are_allowed(django_skill: Skill) -> None:
    a, b, c, d, e = (veteran(skills=[django_skill]) for _ in range(5))
    _endorse(b, c, django_skill)
    _endorse(c, d, django_skill)
    _endorse(d, e, django_skill)
    _endorse(e, a, django_skill)
    assert _endorse(a, b, django_skill).endorsee == b


def test_withdrawn_endorsements_do_not_close_rings(django_skill: Skill) -> None:
    a, b, c = (veteran(skills=[django_skill]) for _ in range(3))
    _endorse(b, c, django_skill)
    endorsement_withdraw(endorsement=_endorse(c, a, django_skill), by=c.user)
    assert _endorse(a, b, django_skill).endorsee == b


def test_a_shared_contract_exempts_from_the_mutual_cap_and_rings() -> None:
    # Given A and B worked for the same firm at the same time, and B endorses A twice
    skills = [SkillFactory.create(slug=f"u{n}") for n in range(3)]
    a, b = veteran(skills=skills), veteran(skills=skills)
    firm, _owner = firm_with_owner()
    contract_between(firm=firm, freelancer=a, status="active", created=ago(days=10))
    b_contract = contract_between(firm=firm, freelancer=b)
    _endorse(b, a, skills[0])
    _endorse(a, b, skills[0])
    _endorse(a, b, skills[1])
    # When A endorses B for a third skill, tied to B's contract they shared: allowed
    backed = _endorse(a, b, skills[2], contract_id=b_contract.pk)
    assert backed.contract == b_contract


def test_shared_means_hiring_firm_member_or_overlapping_work_for_the_same_firm(
    django_skill: Skill,
) -> None:
    firm, _owner = firm_with_owner()
    b = veteran(skills=[django_skill])
    b_contract = contract_between(firm=firm, freelancer=b, created=ago(days=40), ended=ago(days=20))
    # A member of the hiring firm shared it
    hirer = veteran(skills=[django_skill])
    FirmMembershipFactory.create(firm=firm, user=hirer.user, role="member")
    assert _endorse(hirer, b, django_skill, contract_id=b_contract.pk).contract == b_contract
    # A freelancer whose own contract with the firm overlapped shared it
    colleague = veteran()
    contract_between(firm=firm, freelancer=colleague, created=ago(days=25), ended=ago(days=5))
    assert _endorse(colleague, b, django_skill, contract_id=b_contract.pk).contract == b_contract
    # One whose contract with the firm started after B's ended did not
    later = veteran()
    contract_between(firm=firm, freelancer=later, created=ago(days=10), ended=ago(days=1))
    _refused(
        "contract_not_shared",
        lambda: _endorse(later, b, django_skill, contract_id=b_contract.pk),
    )
    # Nor one who worked for another firm at the same time
    elsewhere = veteran()
    other_firm, _ = firm_with_owner()
    contract_between(firm=other_firm, freelancer=elsewhere, created=ago(days=30))
    _refused(
        "contract_not_shared",
        lambda: _endorse(elsewhere, b, django_skill, contract_id=b_contract.pk),
    )
    # Nor a contract that is not the endorsee's
    _refused(
        "contract_not_shared",
        lambda: _endorse(b, hirer, django_skill, contract_id=b_contract.pk),
    )


def test_only_the_endorser_withdraws(django_skill: Skill) -> None:
    a, b = veteran(), veteran(skills=[django_skill])
    endorsement = _endorse(a, b, django_skill)
    _refused("permission_denied", lambda: endorsement_withdraw(endorsement=endorsement, by=b.user))
    endorsement_withdraw(endorsement=endorsement, by=a.user)
    endorsement.refresh_from_db()
    assert endorsement.withdrawn_at is not None
    with pytest.raises(Conflict) as again:
        endorsement_withdraw(endorsement=endorsement, by=a.user)
    assert again.value.code == "invalid_state"
