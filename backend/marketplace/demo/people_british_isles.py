"""Demo freelancers in the United Kingdom and Ireland."""

from __future__ import annotations

from marketplace.demo.specs import PersonSpec

PEOPLE_BRITISH_ISLES: tuple[PersonSpec, ...] = (
    PersonSpec(
        email="olivia.bennett@demo.nanoguild.test",
        full_name="Olivia Bennett",
        ui_language="en",
        slug="olivia-bennett",
        headline="Conversion copywriter for independent brands",
        bio=(
            "Manchester copywriter. Product pages, welcome emails and About pages for small "
            "brands that want to sound like people, not press releases. I interview your "
            "customers before I write a word."
        ),
        country="GB",
        time_zone="Europe/London",
        hourly_rate_minor=6000,
        daily_rate_minor=45000,
        currency="GBP",
        hours_per_week=25,
        skills=(
            ("copywriting", 4, 9),
            ("email-marketing", 3, 6),
            ("product-descriptions", 4, 7),
            ("ux-writing", 3, 3),
            ("brand-strategy", 2, 3),
        ),
        languages=(("en", "native"), ("fr", "basic")),
        links=(("Website", "https://oliviabennett.example"),),
    ),
    PersonSpec(
        email="priya.shah@demo.nanoguild.test",
        full_name="Priya Shah",
        ui_language="en",
        slug="priya-shah",
        headline="Fractional CFO: cash flow, pricing and investor-ready models",
        bio=(
            "Chartered accountant (ACA), ex-Big Four, now part-time finance lead for small "
            "companies in London and beyond. Thirteen-week cash forecasts, pricing reviews, "
            "fundraising models and board packs."
        ),
        country="GB",
        time_zone="Europe/London",
        daily_rate_minor=90000,
        currency="GBP",
        hours_per_week=12,
        available_in_days=28,
        skills=(
            ("fractional-cfo", 4, 6),
            ("financial-modelling", 4, 11),
            ("cash-flow-management", 4, 10),
            ("pricing-strategy", 3, 6),
            ("xero", 3, 7),
        ),
        languages=(("en", "native"), ("hi", "fluent")),
    ),
    PersonSpec(
        email="callum.macleod@demo.nanoguild.test",
        full_name="Callum MacLeod",
        ui_language="en",
        slug="callum-macleod",
        headline="Sound designer and podcast producer in Glasgow",
        bio=(
            "From game audio to weekly podcasts: recording, editing, mixing and mastering. "
            "I built the sound for three indie games and produce two business podcasts."
        ),
        country="GB",
        time_zone="Europe/London",
        hourly_rate_minor=5000,
        currency="GBP",
        hours_per_week=30,
        skills=(
            ("sound-design", 4, 8),
            ("podcast-production", 4, 5),
            ("mixing-mastering", 3, 8),
            ("audio-editing", 4, 9),
        ),
        languages=(("en", "native"), ("gd", "conversational")),
    ),
    PersonSpec(
        email="aoife.byrne@demo.nanoguild.test",
        full_name="Aoife Byrne",
        ui_language="en",
        slug="aoife-byrne",
        headline="Customer support and virtual assistant for online shops",
        bio=(
            "I answer your customers' emails and chats in English and French, keep Zendesk "
            "tidy, chase late parcels and handle returns — so you can make things. Galway, "
            "flexible hours including weekends."
        ),
        country="IE",
        time_zone="Europe/Dublin",
        hourly_rate_minor=3200,
        currency="EUR",
        hours_per_week=30,
        working_hours=("10:00", "18:00"),
        skills=(
            ("customer-support", 4, 7),
            ("zendesk", 3, 5),
            ("virtual-assistance", 4, 6),
            ("online-shop-management", 3, 3),
        ),
        languages=(("en", "native"), ("ga", "fluent"), ("fr", "fluent")),
    ),
)
