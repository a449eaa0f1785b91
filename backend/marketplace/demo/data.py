"""Every demo record in one place, in the order the seed creates them."""

from __future__ import annotations

from marketplace.demo.endorsements import ENDORSEMENTS
from marketplace.demo.firms import FIRMS
from marketplace.demo.gigs_europe import GIGS_EUROPE
from marketplace.demo.gigs_germany import GIGS_GERMANY
from marketplace.demo.gigs_world import GIGS_WORLD
from marketplace.demo.invitations import CONTRACT, INVITATIONS
from marketplace.demo.people_americas import PEOPLE_AMERICAS
from marketplace.demo.people_british_isles import PEOPLE_BRITISH_ISLES
from marketplace.demo.people_dach import PEOPLE_DACH
from marketplace.demo.people_europe import PEOPLE_EUROPE
from marketplace.demo.people_world import PEOPLE_WORLD
from marketplace.demo.proposals import PROPOSALS
from marketplace.demo.specs import GigSpec, PersonSpec

PEOPLE: tuple[PersonSpec, ...] = (
    PEOPLE_DACH + PEOPLE_EUROPE + PEOPLE_BRITISH_ISLES + PEOPLE_AMERICAS + PEOPLE_WORLD
)
GIGS: tuple[GigSpec, ...] = GIGS_GERMANY + GIGS_EUROPE + GIGS_WORLD

__all__ = ["CONTRACT", "ENDORSEMENTS", "FIRMS", "GIGS", "INVITATIONS", "PEOPLE", "PROPOSALS"]
