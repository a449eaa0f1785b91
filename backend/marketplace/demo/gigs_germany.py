"""Gigs of the Hamburg ceramics studio (the demo owner's firm) and the Berlin bakery chain."""

from __future__ import annotations

from marketplace.demo.logins import DEMO_OWNER_EMAIL
from marketplace.demo.specs import GigSpec

INES = "ines.carvalho@demo.nanoguild.test"
PETRA = "petra.lindner@demo.nanoguild.test"
MURAT = "murat.yilmaz@demo.nanoguild.test"

GIGS_GERMANY: tuple[GigSpec, ...] = (
    GigSpec(
        ref="kaolin-shop",
        firm="kaolin-and-co",
        created_by=DEMO_OWNER_EMAIL,
        title="Headless web shop: move from a hosted shop to Django + React",
        description=(
            "Our hosted shop charges per order and cannot show prices in the customer's "
            "currency. We want our own shop: Django back end (catalogue, orders, wholesale "
            "accounts), React front end, Stripe payments, prices in EUR, USD, GBP and JPY, "
            "and shipping rules for 31 countries.\n\n"
            "About 120 products with variants. The old shop's URLs must redirect. We pay in "
            "three milestones and want two weeks of aftercare after launch."
        ),
        engagement_type="fixed",
        budget_min_minor=600_000,
        budget_max_minor=800_000,
        currency="EUR",
        required_skills=("django", "react", "stripe-integration"),
        nice_skills=("postgresql", "typescript", "ecommerce-development"),
        languages=("en", "de"),
        duration_weeks=8,
        start_in_days=-5,
        timezone_overlap_hours=4,
        status="in_progress",
        days_ago=16,
    ),
    GigSpec(
        ref="kaolin-photos",
        firm="kaolin-and-co",
        created_by=DEMO_OWNER_EMAIL,
        title="Product photos for our autumn tableware collection (Hamburg studio)",
        description=(
            "Forty new pieces in four glazes: plates, bowls, cups and a teapot. We need "
            "white-background shots for the shop (three angles each) and twenty styled "
            "table scenes for the newsletter and Instagram. Two shooting days in our "
            "Hamburg-Altona workshop, props and food styling provided."
        ),
        engagement_type="fixed",
        budget_min_minor=180_000,
        budget_max_minor=260_000,
        currency="EUR",
        required_skills=("product-photography", "photo-editing"),
        nice_skills=("food-photography", "adobe-lightroom"),
        languages=("en", "de"),
        duration_weeks=3,
        start_in_days=20,
        location_type="onsite",
        location_country="DE",
        location_city="Hamburg",
        days_ago=9,
    ),
    GigSpec(
        ref="kaolin-translate",
        firm="kaolin-and-co",
        created_by=INES,
        title="Translate our shop into French and Japanese",
        description=(
            "Restaurants in Paris and Osaka now order from us. We want the shop (about 9,000 "
            "words: product pages, shipping and care instructions, checkout emails) in French "
            "and Japanese, written for chefs, not by a machine. English source, German "
            "available for reference."
        ),
        engagement_type="fixed",
        budget_min_minor=120_000,
        budget_max_minor=200_000,
        currency="EUR",
        required_skills=("website-localisation", "marketing-translation"),
        nice_skills=("english-french-translation",),
        languages=("en", "fr", "ja"),
        duration_weeks=4,
        days_ago=7,
    ),
    GigSpec(
        ref="kaolin-maintenance",
        firm="kaolin-and-co",
        created_by=DEMO_OWNER_EMAIL,
        title="Monthly maintenance retainer for our new Django shop",
        description=(
            "Once the new shop is live we want someone to keep it healthy: security and "
            "dependency updates, small features (gift cards, a wholesale price list), and "
            "being reachable when something breaks during European business hours. About "
            "four hours a week, billed monthly."
        ),
        engagement_type="retainer",
        budget_min_minor=80_000,
        budget_max_minor=120_000,
        currency="EUR",
        hours_per_week=4,
        required_skills=("django", "website-maintenance"),
        nice_skills=("docker", "postgresql"),
        languages=("en",),
        start_in_days=60,
        timezone_overlap_hours=4,
        days_ago=2,
    ),
    GigSpec(
        ref="kaolin-social",
        firm="kaolin-and-co",
        created_by=INES,
        title="Instagram and Pinterest for our US customers",
        description=(
            "A third of our orders now come from the US. We want a part-time social media "
            "manager who posts for American home cooks and restaurants: three posts a week, "
            "Pinterest boards for each collection, replies to comments. Photos are provided. "
            "Paid monthly in USD."
        ),
        engagement_type="retainer",
        budget_min_minor=120_000,
        budget_max_minor=180_000,
        currency="USD",
        hours_per_week=6,
        required_skills=("social-media-management", "pinterest-marketing"),
        nice_skills=("canva", "content-marketing"),
        languages=("en",),
        days_ago=5,
    ),
    GigSpec(
        ref="kaolin-wholesale-sheet",
        firm="kaolin-and-co",
        created_by=INES,
        title="Wholesale price list and order sheet in Google Sheets",
        description=(
            "Draft. A shared sheet for restaurant customers: price tiers, stock from the "
            "shop, an order form that emails us."
        ),
        engagement_type="hourly",
        budget_min_minor=4_000,
        budget_max_minor=6_000,
        currency="EUR",
        hours_per_week=5,
        required_skills=("google-sheets",),
        nice_skills=("google-apps-script",),
        status="draft",
        days_ago=1,
    ),
    GigSpec(
        ref="sonnenkorn-preorder",
        firm="baeckerei-sonnenkorn",
        created_by=PETRA,
        title="Online-Vorbestellung für sieben Filialen (Web-App)",
        description=(
            "Unsere Kundschaft soll Brot, Kuchen und Torten online vorbestellen und in der "
            "Filiale ihrer Wahl abholen können. Jede Filiale braucht morgens um 4 Uhr eine "
            "Backliste, die Verkäuferinnen eine einfache Abholansicht auf dem Tablet.\n\n"
            "Bezahlung vorab per Karte und PayPal, Torten mit Vorlauf von drei Tagen. Wir "
            "wünschen uns eine schlanke Lösung, die wir selbst betreiben können."
        ),
        engagement_type="fixed",
        budget_min_minor=900_000,
        budget_max_minor=1_400_000,
        currency="EUR",
        required_skills=("web-development", "python"),
        nice_skills=("django", "ux-design", "stripe-integration"),
        languages=("de",),
        duration_weeks=10,
        start_in_days=21,
        timezone_overlap_hours=4,
        days_ago=12,
    ),
    GigSpec(
        ref="sonnenkorn-seo",
        firm="baeckerei-sonnenkorn",
        created_by=MURAT,
        title="Lokales SEO für sieben Filialen",
        description=(
            "Wer „Sauerteigbrot Kreuzberg“ sucht, soll uns finden. Wir suchen Unterstützung "
            "bei Google-Unternehmensprofilen, Bewertungen, lokalen Landingpages und einem "
            "kurzen Monatsbericht. Etwa vier Stunden pro Woche, monatliche Abrechnung."
        ),
        engagement_type="retainer",
        budget_min_minor=50_000,
        budget_max_minor=80_000,
        currency="EUR",
        hours_per_week=4,
        required_skills=("local-seo", "seo"),
        nice_skills=("google-analytics",),
        languages=("de",),
        days_ago=10,
    ),
    GigSpec(
        ref="sonnenkorn-bookkeeping",
        firm="baeckerei-sonnenkorn",
        created_by=PETRA,
        title="Laufende Buchhaltung der Filialen mit DATEV",
        description=(
            "Kassenabschlüsse, Lieferantenrechnungen und Bankkonten von sieben Filialen "
            "buchen, monatlich an unsere Steuerberaterin übergeben. Etwa zehn Stunden pro "
            "Woche; an einem Vormittag pro Woche gern bei uns in der Backstube in Kreuzberg."
        ),
        engagement_type="hourly",
        budget_min_minor=5_000,
        budget_max_minor=7_000,
        currency="EUR",
        hours_per_week=10,
        required_skills=("bookkeeping", "datev"),
        nice_skills=("vat-returns",),
        languages=("de",),
        location_type="hybrid",
        location_country="DE",
        location_city="Berlin",
        days_ago=6,
    ),
    GigSpec(
        ref="sonnenkorn-photos",
        firm="baeckerei-sonnenkorn",
        created_by=MURAT,
        title="Fotos unserer Brote und Torten für Website und Instagram",
        description=(
            "Ein Shooting in der Backstube am frühen Morgen: 30 Produktbilder auf hellem "
            "Grund, dazu Stimmungsbilder vom Backen. Nutzungsrechte für Web, Social Media und "
            "Plakate in den Filialen."
        ),
        engagement_type="fixed",
        budget_min_minor=80_000,
        budget_max_minor=150_000,
        currency="EUR",
        required_skills=("food-photography", "photo-editing"),
        nice_skills=("commercial-photography",),
        languages=("de",),
        location_type="onsite",
        location_country="DE",
        location_city="Berlin",
        start_in_days=14,
        days_ago=4,
    ),
    GigSpec(
        ref="sonnenkorn-app",
        firm="baeckerei-sonnenkorn",
        created_by=PETRA,
        title="Kunden-App mit digitaler Stempelkarte",
        description=(
            "Eine App für iOS und Android mit Stempelkarte, Filialfinder und Wochenangeboten. "
            "Abgesagt: Wir setzen zuerst die Online-Vorbestellung um."
        ),
        engagement_type="fixed",
        budget_min_minor=2_000_000,
        budget_max_minor=3_000_000,
        currency="EUR",
        required_skills=("react-native", "mobile-app-development"),
        languages=("de",),
        status="cancelled",
        days_ago=40,
    ),
)
