"""Invitations firms sent and the one contract a firm signed.

`days_ago` puts every invitation after its gig was published, and before the proposal it
prompted (see `proposals.py`).
"""

from __future__ import annotations

from marketplace.demo.logins import DEMO_OWNER_EMAIL
from marketplace.demo.specs import ContractSpec, InvitationSpec, MilestoneSpec

LENA = "lena-hoffmann"

INVITATIONS: tuple[InvitationSpec, ...] = (
    InvitationSpec(
        gig="kaolin-maintenance",
        freelancer=LENA,
        invited_by=DEMO_OWNER_EMAIL,
        message=(
            "Lena, the new shop is shaping up nicely. Would you look after it once it is "
            "live? Four hours a week, starting right after the aftercare period."
        ),
        days_ago=1,
    ),
    InvitationSpec(
        gig="kaolin-photos",
        freelancer="luca-bernasconi",
        invited_by=DEMO_OWNER_EMAIL,
        message="We love your ceramics work for the Ticino potters. Would you come to Hamburg?",
        status="proposed",
        days_ago=8,
    ),
    InvitationSpec(
        gig="kaolin-translate",
        freelancer="haruto-sato",
        invited_by="ines.carvalho@demo.nanoguild.test",
        message="Our Osaka customers would be glad to read the shop in Japanese. Interested?",
        status="proposed",
        days_ago=6,
    ),
    InvitationSpec(
        gig="sonnenkorn-preorder",
        freelancer="arjun-mehta",
        invited_by="petra.lindner@demo.nanoguild.test",
        message="Hallo Arjun, wir haben Ihr Profil gesehen. Hätten Sie Interesse?",
        status="declined",
        days_ago=11,
    ),
    InvitationSpec(
        gig="boreal-props",
        freelancer="ethan-wong",
        invited_by="emilie.roy@demo.nanoguild.test",
        message="Your stylised props are exactly our style. Want to help us finish Nordlys?",
        status="proposed",
        days_ago=14,
    ),
    InvitationSpec(
        gig="boreal-localisation",
        freelancer="maxime-gagnon",
        invited_by="emilie.roy@demo.nanoguild.test",
        message="Bonjour Maxime, ton expérience en jeux nous intéresse beaucoup !",
        days_ago=6,
    ),
    InvitationSpec(
        gig="bergsicht-accounting",
        freelancer="nicole-brunner",
        invited_by="reto.baumann@demo.nanoguild.test",
        message="Grüezi Frau Brunner, hätten Sie ab nächstem Monat Kapazität für uns?",
        days_ago=8,
    ),
    InvitationSpec(
        gig="thistle-email",
        freelancer="rosa-martinez",
        invited_by="fiona.campbell@demo.nanoguild.test",
        message="Half our knitters are in the US — your flows for craft brands caught our eye.",
        status="proposed",
        days_ago=9,
    ),
    InvitationSpec(
        gig="hudson-ios",
        freelancer="marcus-johnson",
        invited_by="dana.kowalski@demo.nanoguild.test",
        message="Hey Marcus, you're just across the bridge. Coffee and a chat about the app?",
        days_ago=3,
    ),
    InvitationSpec(
        gig="eucalypt-bookkeeping",
        freelancer="mia-thompson",
        invited_by="grace.mitchell@demo.nanoguild.test",
        message="Hi Mia, would you take on our monthly close?",
        status="declined",
        days_ago=6,
    ),
    InvitationSpec(
        gig="suedhang-legal",
        freelancer="mathilde-favre",
        invited_by="katharina.gruber@demo.nanoguild.test",
        message="Grüß Gott, Sie kennen das Schweizer Recht — genau das brauchen wir.",
        days_ago=3,
    ),
    InvitationSpec(
        gig="uji-german-shop",
        freelancer="sophie-becker",
        invited_by="kenji.morita@demo.nanoguild.test",
        message="We would be honoured if you translated our teas into German.",
        status="proposed",
        days_ago=8,
    ),
)

CONTRACT = ContractSpec(
    gig="kaolin-shop",
    freelancer=LENA,
    accepted_by=DEMO_OWNER_EMAIL,
    days_ago=6,
    milestones=(
        MilestoneSpec(
            title="Catalogue, wholesale accounts and multi-currency prices on staging",
            description="All 120 products with variants imported; EUR/USD/GBP/JPY price lists.",
            amount_minor=200_000,
            due_in_days=14,
        ),
        MilestoneSpec(
            title="Checkout with Stripe, taxes and shipping rules for 31 countries",
            description="Card and wallet payments, order emails in EN/DE, shipping zones.",
            amount_minor=280_000,
            due_in_days=35,
        ),
        MilestoneSpec(
            title="Launch, redirects from the old shop and two weeks of aftercare",
            amount_minor=200_000,
            due_in_days=56,
        ),
    ),
)
