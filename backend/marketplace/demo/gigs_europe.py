"""Gigs of the Lyon photographer, the Zürich tour operator, the Wachau winery and the
Scottish yarn shop."""

from __future__ import annotations

from marketplace.demo.specs import GigSpec

CLAIRE = "claire.morel@demo.nanoguild.test"
RETO = "reto.baumann@demo.nanoguild.test"
KATHARINA = "katharina.gruber@demo.nanoguild.test"
FIONA = "fiona.campbell@demo.nanoguild.test"

GIGS_EUROPE: tuple[GigSpec, ...] = (
    GigSpec(
        ref="morel-retouch",
        firm="atelier-claire-morel",
        created_by=CLAIRE,
        title="Retouche de photos de mariage (lot de 400 images)",
        description=(
            "Je cherche un·e retoucheur·se pour un lot de 400 photos de mariage déjà "
            "triées : balance des blancs, peau naturelle, harmonisation des couleurs selon "
            "mon preset Lightroom. Livraison sous dix jours, possibilité de collaboration "
            "régulière pendant la saison."
        ),
        engagement_type="fixed",
        budget_min_minor=60_000,
        budget_max_minor=90_000,
        currency="EUR",
        required_skills=("photo-editing", "adobe-lightroom"),
        languages=("fr",),
        duration_weeks=2,
        days_ago=3,
    ),
    GigSpec(
        ref="morel-site",
        firm="atelier-claire-morel",
        created_by=CLAIRE,
        title="Refonte de mon site portfolio (WordPress)",
        description=(
            "Mon site date de 2017 et s'affiche mal sur téléphone. Je voudrais un portfolio "
            "rapide avec galeries par catégorie, formulaire de demande de devis et pages en "
            "français et en anglais. Je dois pouvoir ajouter mes galeries moi-même."
        ),
        engagement_type="fixed",
        budget_min_minor=150_000,
        budget_max_minor=250_000,
        currency="EUR",
        required_skills=("wordpress", "web-design"),
        nice_skills=("seo", "web-performance"),
        languages=("fr",),
        duration_weeks=5,
        days_ago=8,
    ),
    GigSpec(
        ref="morel-social",
        firm="atelier-claire-morel",
        created_by=CLAIRE,
        title="Community management Instagram (trois mois)",
        description=(
            "Trois publications par semaine pendant la saison des mariages. Pourvu en "
            "interne, annonce fermée."
        ),
        engagement_type="retainer",
        budget_min_minor=40_000,
        budget_max_minor=60_000,
        currency="EUR",
        hours_per_week=3,
        required_skills=("social-media-management",),
        languages=("fr",),
        status="closed",
        days_ago=30,
    ),
    GigSpec(
        ref="bergsicht-site",
        firm="bergsicht-reisen",
        created_by=RETO,
        title="Neue Website mit Buchungsanfrage in Deutsch, Englisch und Japanisch",
        description=(
            "Unsere Website ist ein Baukasten von 2015. Wir wünschen uns eine neue Seite mit "
            "Tourenkatalog (ca. 25 Touren), Verfügbarkeiten, Anfrageformular und "
            "Kundenbewertungen, in drei Sprachen. Die Texte liefern wir; Design und Umsetzung "
            "aus einer Hand wären ideal. Ein Kick-off-Workshop in Zürich ist erwünscht."
        ),
        engagement_type="fixed",
        budget_min_minor=1_200_000,
        budget_max_minor=1_800_000,
        currency="CHF",
        required_skills=("web-development", "web-design"),
        nice_skills=("website-localisation", "seo", "django"),
        languages=("de", "en"),
        duration_weeks=12,
        start_in_days=30,
        timezone_overlap_hours=3,
        location_type="hybrid",
        location_country="CH",
        location_city="Zürich",
        days_ago=14,
    ),
    GigSpec(
        ref="bergsicht-photos",
        firm="bergsicht-reisen",
        created_by=RETO,
        title="Landschafts- und Drohnenfotos für den Katalog 2027 (Engadin)",
        description=(
            "Drei Fototage im Oberengadin im September: Wanderwege, Hütten, Gäste unterwegs, "
            "Luftaufnahmen (Bewilligungen organisieren wir). Unterkunft und Bergbahnen "
            "übernehmen wir."
        ),
        engagement_type="fixed",
        budget_min_minor=300_000,
        budget_max_minor=500_000,
        currency="CHF",
        required_skills=("drone-photography", "photo-editing"),
        nice_skills=("architecture-photography",),
        languages=("de", "en"),
        location_type="onsite",
        location_country="CH",
        location_city="Pontresina",
        start_in_days=45,
        days_ago=11,
    ),
    GigSpec(
        ref="bergsicht-accounting",
        firm="bergsicht-reisen",
        created_by=RETO,
        title="Buchhaltung und MWST-Abrechnung, ca. 6 Stunden pro Woche",
        description=(
            "Laufende Buchhaltung in Bexio, quartalsweise MWST-Abrechnung, Lohnläufe für "
            "vier Angestellte und Saisonguides. Monatliche Pauschale."
        ),
        engagement_type="retainer",
        budget_min_minor=150_000,
        budget_max_minor=220_000,
        currency="CHF",
        hours_per_week=6,
        required_skills=("bookkeeping", "vat-returns"),
        nice_skills=("payroll",),
        languages=("de",),
        timezone_overlap_hours=4,
        days_ago=9,
    ),
    GigSpec(
        ref="bergsicht-japanese",
        firm="bergsicht-reisen",
        created_by=RETO,
        title="Japanese translation of our tour descriptions",
        description=(
            "Guests from Japan are our fastest-growing group. Please translate 25 tour "
            "descriptions and our travel conditions (about 14,000 words, English source) "
            "into natural Japanese for travellers, not a literal translation."
        ),
        engagement_type="fixed",
        budget_min_minor=250_000,
        budget_max_minor=400_000,
        currency="CHF",
        required_skills=("marketing-translation", "website-localisation"),
        languages=("en", "ja"),
        duration_weeks=4,
        days_ago=6,
    ),
    GigSpec(
        ref="suedhang-shop",
        firm="weingut-suedhang",
        created_by=KATHARINA,
        title="Onlineshop für Wein mit Altersprüfung und Versand nach DE und CH",
        description=(
            "Wir möchten unsere Weine direkt verkaufen: ca. 30 Weine, Probierpakete, "
            "Altersbestätigung, Versandkosten nach Österreich, Deutschland und in die Schweiz "
            "(inkl. Zollpapiere), Anbindung an unsere Warenwirtschaft per CSV."
        ),
        engagement_type="fixed",
        budget_min_minor=400_000,
        budget_max_minor=700_000,
        currency="EUR",
        required_skills=("ecommerce-development", "woocommerce"),
        nice_skills=("shopify", "ecommerce-law"),
        languages=("de",),
        duration_weeks=8,
        days_ago=13,
    ),
    GigSpec(
        ref="suedhang-labels",
        firm="weingut-suedhang",
        created_by=KATHARINA,
        title="Etiketten-Redesign für die Linie „Steinterrassen“",
        description=(
            "Vier Etiketten für unsere Lagenweine, gezeichnet statt fotografiert: die "
            "Trockensteinmauern der Wachau. Druckfertig für Prägung und Heißfolie. Englisch "
            "sprechende Illustratorinnen sind sehr willkommen."
        ),
        engagement_type="fixed",
        budget_min_minor=200_000,
        budget_max_minor=350_000,
        currency="EUR",
        required_skills=("packaging-design", "illustration"),
        languages=("de", "en"),
        duration_weeks=6,
        days_ago=5,
    ),
    GigSpec(
        ref="suedhang-legal",
        firm="weingut-suedhang",
        created_by=KATHARINA,
        title="AGB und Datenschutzerklärung für den Onlineshop (AT/DE/CH)",
        description=(
            "Für den neuen Shop brauchen wir AGB, Widerrufsbelehrung, Datenschutzerklärung "
            "und Impressum, passend für Verkäufe nach Österreich, Deutschland und in die "
            "Schweiz, inklusive Hinweisen zum Jugendschutz."
        ),
        engagement_type="fixed",
        budget_min_minor=80_000,
        budget_max_minor=150_000,
        currency="EUR",
        required_skills=("terms-and-conditions", "privacy-policy"),
        nice_skills=("gdpr-compliance",),
        languages=("de",),
        duration_weeks=2,
        days_ago=4,
    ),
    GigSpec(
        ref="thistle-email",
        firm="thistle-and-thread",
        created_by=FIONA,
        title="Klaviyo welcome and abandoned-cart flows",
        description=(
            "We send a monthly newsletter and nothing else. We'd like a welcome series, an "
            "abandoned-cart flow and a post-purchase flow with knitting tips, written in our "
            "voice and designed to match the shop. Klaviyo is set up; the flows are empty."
        ),
        engagement_type="fixed",
        budget_min_minor=150_000,
        budget_max_minor=250_000,
        currency="GBP",
        required_skills=("email-marketing", "marketing-automation"),
        nice_skills=("copywriting", "email-design"),
        languages=("en",),
        duration_weeks=4,
        days_ago=10,
    ),
    GigSpec(
        ref="thistle-copy",
        firm="thistle-and-thread",
        created_by=FIONA,
        title="Product descriptions for 60 yarns and knitting kits",
        description=(
            "Each yarn has a story (the farm, the dye, the colour's name); each kit needs "
            "clear contents and difficulty. Warm, knowledgeable, a bit funny. We provide "
            "notes and photos."
        ),
        engagement_type="fixed",
        budget_min_minor=90_000,
        budget_max_minor=140_000,
        currency="GBP",
        required_skills=("copywriting", "product-descriptions"),
        languages=("en",),
        duration_weeks=3,
        days_ago=8,
    ),
    GigSpec(
        ref="thistle-support",
        firm="thistle-and-thread",
        created_by=FIONA,
        title="Customer support for the Christmas rush",
        description=(
            "From mid-November to early January we need help answering customer emails in "
            "Zendesk: order questions, delivery delays, pattern help (knitters preferred!). "
            "About 20 hours a week, mostly UK daytime."
        ),
        engagement_type="hourly",
        budget_min_minor=1_800,
        budget_max_minor=2_500,
        currency="GBP",
        hours_per_week=20,
        required_skills=("customer-support", "zendesk"),
        languages=("en",),
        timezone_overlap_hours=6,
        start_in_days=25,
        days_ago=3,
    ),
    GigSpec(
        ref="thistle-patterns",
        firm="thistle-and-thread",
        created_by=FIONA,
        title="Layout for our knitting pattern PDFs",
        description="A template for our pattern PDFs. Closed: we found someone locally.",
        engagement_type="fixed",
        budget_min_minor=40_000,
        budget_max_minor=70_000,
        currency="GBP",
        required_skills=("layout-desktop-publishing",),
        nice_skills=("adobe-indesign",),
        languages=("en",),
        status="closed",
        days_ago=35,
    ),
)
