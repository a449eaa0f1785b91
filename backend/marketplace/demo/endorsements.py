"""Peer endorsements between demo freelancers, so profile pages show "validated by N peers".

Each is (endorser slug, endorsee slug, skill slug); the endorsee lists the skill. No three or
four of them form a ring and mutual pairs stay under the cap, so every one passes the rules of
`endorsements.services` (docs/trust.md) the seed creates them through.
"""

from __future__ import annotations

ENDORSEMENTS: tuple[tuple[str, str, str], ...] = (
    ("florian-huber", "lena-hoffmann", "ecommerce-development"),
    ("julien-moreau", "lena-hoffmann", "postgresql"),
    ("aylin-demir", "lena-hoffmann", "react"),
    ("florian-huber", "lena-hoffmann", "stripe-integration"),
    ("lena-hoffmann", "florian-huber", "api-integration"),
    ("camille-laurent", "aylin-demir", "ui-design"),
    ("tobias-krueger", "nicole-brunner", "vat-returns"),
    ("nicole-brunner", "tobias-krueger", "datev"),
    ("elodie-garnier", "maximilian-weber", "keyword-research"),
    ("maximilian-weber", "elodie-garnier", "seo-writing"),
)
