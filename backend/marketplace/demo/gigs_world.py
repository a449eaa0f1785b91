"""Gigs of the Montréal game studio, the Brooklyn bike shop, the Kyoto tea house and the
Melbourne skincare brand."""

from __future__ import annotations

from marketplace.demo.specs import GigSpec

EMILIE = "emilie.roy@demo.nanoguild.test"
KEVIN = "kevin.nguyen@demo.nanoguild.test"
DANA = "dana.kowalski@demo.nanoguild.test"
LUIS = "luis.ortega@demo.nanoguild.test"
KENJI = "kenji.morita@demo.nanoguild.test"
GRACE = "grace.mitchell@demo.nanoguild.test"

GIGS_WORLD: tuple[GigSpec, ...] = (
    GigSpec(
        ref="boreal-props",
        firm="pixel-boreal",
        created_by=EMILIE,
        title="Modélisation 3D : 40 accessoires stylisés pour « Nordlys »",
        description=(
            "Traîneaux, lanternes, tentes, caisses de ravitaillement… 40 accessoires dans "
            "notre style peint à la main (références fournies), prêts pour Unity : "
            "low-poly, textures 1K, LOD. Livraison par lots de dix avec retours hebdomadaires."
        ),
        engagement_type="fixed",
        budget_min_minor=800_000,
        budget_max_minor=1_200_000,
        currency="CAD",
        required_skills=("blender", "3d-modelling", "game-art"),
        nice_skills=("unity",),
        languages=("fr", "en"),
        duration_weeks=10,
        timezone_overlap_hours=3,
        days_ago=15,
    ),
    GigSpec(
        ref="boreal-sound",
        firm="pixel-boreal",
        created_by=KEVIN,
        title="Sound design and ambient loops for a sled exploration game",
        description=(
            "Snow under runners, wind, dogs, a crackling campfire, aurora shimmer. About 120 "
            "sound effects plus eight ambient loops that react to weather. Delivered as "
            "FMOD-ready assets."
        ),
        engagement_type="fixed",
        budget_min_minor=600_000,
        budget_max_minor=900_000,
        currency="CAD",
        required_skills=("sound-design",),
        nice_skills=("mixing-mastering", "game-development"),
        languages=("en",),
        duration_weeks=8,
        days_ago=12,
    ),
    GigSpec(
        ref="boreal-localisation",
        firm="pixel-boreal",
        created_by=EMILIE,
        title="Localisation du jeu en français (FR-CA et FR-FR) et en allemand",
        description=(
            "Environ 45 000 mots (dialogues, interface, page Steam) à partir de l'anglais. "
            "Deux variantes de français et l'allemand. Glossaire et captures d'écran "
            "fournis ; tests en jeu à prévoir."
        ),
        engagement_type="fixed",
        budget_min_minor=1_000_000,
        budget_max_minor=1_500_000,
        currency="CAD",
        required_skills=("english-french-translation", "website-localisation"),
        nice_skills=("english-german-translation",),
        languages=("fr", "en", "de"),
        duration_weeks=8,
        days_ago=7,
    ),
    GigSpec(
        ref="boreal-unity",
        firm="pixel-boreal",
        created_by=KEVIN,
        title="Programmeur·se gameplay Unity (trois mois, 30 h par semaine)",
        description=(
            "Renfort pour la dernière ligne droite : physique du traîneau, système de météo, "
            "sauvegardes. Code en C#, revue de code avec notre équipe, réunions à 10 h heure "
            "de Montréal."
        ),
        engagement_type="hourly",
        budget_min_minor=8_000,
        budget_max_minor=11_000,
        currency="CAD",
        hours_per_week=30,
        duration_weeks=12,
        required_skills=("unity", "csharp", "game-development"),
        languages=("fr", "en"),
        timezone_overlap_hours=4,
        start_in_days=14,
        days_ago=5,
    ),
    GigSpec(
        ref="boreal-trailer",
        firm="pixel-boreal",
        created_by=KEVIN,
        title="Trailer for our Steam page",
        description="Draft: a 60-second trailer cut from gameplay capture.",
        engagement_type="fixed",
        budget_min_minor=300_000,
        budget_max_minor=500_000,
        currency="CAD",
        required_skills=("video-editing",),
        nice_skills=("motion-graphics",),
        status="draft",
        days_ago=1,
    ),
    GigSpec(
        ref="hudson-ios",
        firm="hudson-bike-works",
        created_by=DANA,
        title="iOS app for repair bookings and pick-up notifications",
        description=(
            "Customers should book a repair slot, get a quote approved in the app and a push "
            "when the bike is ready. Staff need a simple queue view on iPad. Our booking "
            "data lives in Airtable today; we're open to moving it."
        ),
        engagement_type="fixed",
        budget_min_minor=1_800_000,
        budget_max_minor=2_600_000,
        currency="USD",
        required_skills=("swiftui", "ios-development"),
        nice_skills=("firebase", "airtable"),
        languages=("en",),
        duration_weeks=12,
        timezone_overlap_hours=4,
        days_ago=11,
    ),
    GigSpec(
        ref="hudson-shopify",
        firm="hudson-bike-works",
        created_by=LUIS,
        title="Shopify store tune-up and a catalogue for refurbished frames",
        description=(
            "Every refurbished frame is one of a kind: size, condition grade, photos. We need "
            "a product template and collection filters for that, faster pages, and a few "
            "hours a week of ongoing fixes."
        ),
        engagement_type="hourly",
        budget_min_minor=6_000,
        budget_max_minor=9_000,
        currency="USD",
        hours_per_week=10,
        required_skills=("shopify", "shopify-theme-development"),
        nice_skills=("web-performance",),
        languages=("en",),
        days_ago=6,
    ),
    GigSpec(
        ref="hudson-ads",
        firm="hudson-bike-works",
        created_by=DANA,
        title="Google and Meta ads for the spring tune-up season",
        description=(
            "Local campaigns for Brooklyn and Queens from March to June, plus shopping ads "
            "for refurbished frames nationwide. Monthly budget for ads is separate."
        ),
        engagement_type="retainer",
        budget_min_minor=150_000,
        budget_max_minor=250_000,
        currency="USD",
        hours_per_week=5,
        required_skills=("google-ads", "meta-ads"),
        nice_skills=("local-seo",),
        languages=("en",),
        days_ago=2,
    ),
    GigSpec(
        ref="uji-german-shop",
        firm="uji-leaf-tea",
        created_by=KENJI,
        title="German and English product pages for our tea shop",
        description=(
            "We have Japanese descriptions for 45 teas and tea ware. We need natural English "
            "and German versions: taste notes, brewing instructions, the story of each "
            "garden. Tea knowledge is a plus."
        ),
        engagement_type="fixed",
        budget_min_minor=300_000,
        budget_max_minor=500_000,
        currency="JPY",
        required_skills=("marketing-translation", "english-german-translation"),
        nice_skills=("product-descriptions",),
        languages=("ja", "en", "de"),
        duration_weeks=4,
        days_ago=9,
    ),
    GigSpec(
        ref="uji-ui",
        firm="uji-leaf-tea",
        created_by=KENJI,
        title="Redesign of our web shop's product and checkout pages",
        description=(
            "A calm, modern design for product pages, cart and checkout that works for "
            "customers in Japan and abroad. Figma deliverables; our developer builds it."
        ),
        engagement_type="fixed",
        budget_min_minor=600_000,
        budget_max_minor=900_000,
        currency="JPY",
        required_skills=("ui-design", "web-design", "figma"),
        nice_skills=("ux-research",),
        languages=("en", "ja"),
        duration_weeks=5,
        days_ago=8,
    ),
    GigSpec(
        ref="uji-assistant",
        firm="uji-leaf-tea",
        created_by=KENJI,
        title="Wholesale enquiries assistant during European business hours",
        description=(
            "Cafés in Europe write to us while we sleep. We need someone to answer enquiries, "
            "send price lists and samples, and keep the CRM up to date, 15 hours a week in "
            "European daytime. German a plus."
        ),
        engagement_type="hourly",
        budget_min_minor=2_500,
        budget_max_minor=3_500,
        currency="JPY",
        hours_per_week=15,
        required_skills=("customer-support", "virtual-assistance"),
        nice_skills=("crm-administration",),
        languages=("en", "de"),
        days_ago=4,
    ),
    GigSpec(
        ref="eucalypt-cro",
        firm="eucalypt-skincare",
        created_by=GRACE,
        title="Conversion audit and fixes for our Shopify store",
        description=(
            "Traffic is up, conversion is flat. We want an audit of product pages, bundles "
            "and checkout, a prioritised list, and the first fixes implemented with A/B "
            "tests. Analytics access provided."
        ),
        engagement_type="fixed",
        budget_min_minor=500_000,
        budget_max_minor=800_000,
        currency="AUD",
        required_skills=("conversion-rate-optimisation", "shopify"),
        nice_skills=("google-analytics",),
        languages=("en",),
        duration_weeks=6,
        days_ago=10,
    ),
    GigSpec(
        ref="eucalypt-bookkeeping",
        firm="eucalypt-skincare",
        created_by=GRACE,
        title="Bookkeeper for the monthly Xero close and BAS",
        description=(
            "Reconcile three bank accounts, Shopify and Amazon payouts, stockist invoices; "
            "monthly close in Xero and quarterly BAS. About eight hours a week, Melbourne "
            "business hours overlap needed."
        ),
        engagement_type="retainer",
        budget_min_minor=150_000,
        budget_max_minor=220_000,
        currency="AUD",
        hours_per_week=8,
        required_skills=("bookkeeping", "xero"),
        nice_skills=("bank-reconciliation", "payroll"),
        languages=("en",),
        timezone_overlap_hours=4,
        days_ago=7,
    ),
    GigSpec(
        ref="eucalypt-videos",
        firm="eucalypt-skincare",
        created_by=GRACE,
        title="Ten short product videos for TikTok and Reels",
        description=(
            "We film raw clips in the lab and with customers; you edit ten vertical videos "
            "with captions, music and our brand colours. Two rounds of changes."
        ),
        engagement_type="fixed",
        budget_min_minor=300_000,
        budget_max_minor=450_000,
        currency="AUD",
        required_skills=("short-form-video", "video-editing"),
        nice_skills=("motion-graphics",),
        languages=("en",),
        duration_weeks=3,
        days_ago=5,
    ),
    GigSpec(
        ref="eucalypt-dashboard",
        firm="eucalypt-skincare",
        created_by=GRACE,
        title="Sales dashboard across Shopify, stockists and Amazon",
        description=(
            "One dashboard with sales by channel, country and product, updated daily. About "
            "ten hours a week for six weeks, then occasional changes."
        ),
        engagement_type="hourly",
        budget_min_minor=9_000,
        budget_max_minor=13_000,
        currency="AUD",
        hours_per_week=10,
        duration_weeks=6,
        required_skills=("dashboard-development", "data-visualisation"),
        nice_skills=("power-bi", "tableau", "sql"),
        languages=("en",),
        days_ago=6,
    ),
)
