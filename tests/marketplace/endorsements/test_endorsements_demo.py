"""The demo data carries endorsements, created through the rules, once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.demo.data import ENDORSEMENTS
from marketplace.demo.seed import demo_seed
from marketplace.endorsements.models import Endorsement
from marketplace.endorsements.selectors import SkillEndorsements, profile_reputation_map
from marketplace.models import FreelancerProfile, Skill

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_its_endorsements_once() -> None:
    assert demo_seed().created["endorsements"] == len(ENDORSEMENTS) == 10
    assert demo_seed().created["endorsements"] == 0
    assert Endorsement.objects.count() == 10

    lena = FreelancerProfile.objects.get(slug="lena-hoffmann")
    react = Skill.objects.get(slug="react")
    reputation = profile_reputation_map(profile_ids=[lena.pk])[lena.pk]
    # Aylin has no reviews or completed contracts, one peer (Camille) endorses her: 1 + 0.05
    assert reputation.endorsements[react.pk] == SkillEndorsements(peers=1, weight=Decimal("1.05"))
    assert len(reputation.endorsements) == 4
