"""Demo freelancers in France and continental Europe outside the DACH countries."""

from __future__ import annotations

from marketplace.demo.specs import PersonSpec

PEOPLE_EUROPE: tuple[PersonSpec, ...] = (
    PersonSpec(
        email="camille.laurent@demo.nanoguild.test",
        full_name="Camille Laurent",
        ui_language="fr",
        slug="camille-laurent",
        headline="Designer de marque : identités visuelles pour artisans et petites marques",
        bio=(
            "Installée à Paris, je crée des identités visuelles pour des artisans, des "
            "restaurants et des marques qui démarrent : logo, charte graphique, packaging, "
            "étiquettes. Je travaille en trois étapes claires et je livre des fichiers prêts "
            "pour l'imprimeur comme pour Instagram."
        ),
        country="FR",
        time_zone="Europe/Paris",
        daily_rate_minor=55000,
        currency="EUR",
        hours_per_week=30,
        skills=(
            ("branding", 4, 9),
            ("logo-design", 4, 9),
            ("packaging-design", 3, 6),
            ("brand-guidelines", 4, 7),
            ("adobe-illustrator", 4, 10),
        ),
        languages=(("fr", "native"), ("en", "fluent")),
        links=(("Portfolio", "https://camillelaurent.example"),),
    ),
    PersonSpec(
        email="julien.moreau@demo.nanoguild.test",
        full_name="Julien Moreau",
        ui_language="fr",
        slug="julien-moreau",
        headline="Développeur WordPress & WooCommerce à Bordeaux",
        bio=(
            "Je développe des sites WordPress rapides et des boutiques WooCommerce pour les "
            "viticulteurs, les commerces et les associations de la région. Thèmes sur mesure, "
            "extensions, maintenance mensuelle et sauvegardes : vous vous occupez de votre "
            "métier, je m'occupe du site."
        ),
        country="FR",
        time_zone="Europe/Paris",
        hourly_rate_minor=6000,
        daily_rate_minor=45000,
        currency="EUR",
        hours_per_week=35,
        skills=(
            ("wordpress", 4, 10),
            ("woocommerce", 4, 7),
            ("php", 3, 10),
            ("website-maintenance", 4, 8),
            ("web-performance", 3, 4),
        ),
        languages=(("fr", "native"), ("en", "conversational")),
    ),
    PersonSpec(
        email="elodie.garnier@demo.nanoguild.test",
        full_name="Élodie Garnier",
        ui_language="fr",
        slug="elodie-garnier",
        headline="Rédactrice web et conceptrice-rédactrice : fiches produits, newsletters, SEO",
        bio=(
            "Ancienne journaliste à Lyon, j'écris aujourd'hui pour les marques : fiches "
            "produits qui donnent envie, articles de blog optimisés pour le référencement, "
            "newsletters que l'on ouvre vraiment. Je relis aussi vos traductions vers le "
            "français."
        ),
        country="FR",
        time_zone="Europe/Paris",
        hourly_rate_minor=5500,
        currency="EUR",
        hours_per_week=25,
        skills=(
            ("copywriting", 4, 7),
            ("seo-writing", 3, 6),
            ("product-descriptions", 4, 6),
            ("newsletter-writing", 3, 5),
            ("copy-editing", 4, 10),
        ),
        languages=(("fr", "native"), ("en", "fluent"), ("es", "conversational")),
    ),
    PersonSpec(
        email="thomas.lefevre@demo.nanoguild.test",
        full_name="Thomas Lefèvre",
        ui_language="fr",
        slug="thomas-lefevre",
        headline="Monteur vidéo et motion designer pour réseaux sociaux et films d'entreprise",
        bio=(
            "Depuis Nantes, je monte des vidéos courtes pour Instagram et TikTok, des films "
            "de présentation et des animations de logo. Étalonnage sous DaVinci Resolve, "
            "sous-titres en plusieurs langues, livraison en 72 heures pour les formats courts."
        ),
        country="FR",
        time_zone="Europe/Paris",
        daily_rate_minor=40000,
        currency="EUR",
        hours_per_week=30,
        skills=(
            ("video-editing", 4, 8),
            ("motion-graphics", 3, 6),
            ("short-form-video", 4, 4),
            ("davinci-resolve", 3, 5),
            ("adobe-after-effects", 3, 6),
        ),
        languages=(("fr", "native"), ("en", "conversational")),
        links=(("Showreel", "https://thomaslefevre.example/reel"),),
    ),
    PersonSpec(
        email="ines.benali@demo.nanoguild.test",
        full_name="Inès Benali",
        ui_language="fr",
        slug="ines-benali",
        headline="Community manager freelance : Instagram, TikTok et Pinterest",
        bio=(
            "Je gère les réseaux sociaux de marques de mode, de cosmétiques et de décoration : "
            "calendrier éditorial, création de visuels sur Canva, réponses aux commentaires "
            "et rapport mensuel. Basée à Marseille, je publie en français et en anglais."
        ),
        country="FR",
        time_zone="Europe/Paris",
        hourly_rate_minor=4500,
        currency="EUR",
        hours_per_week=30,
        skills=(
            ("social-media-management", 4, 6),
            ("social-media-marketing", 3, 6),
            ("canva", 4, 5),
            ("pinterest-marketing", 3, 3),
            ("content-marketing", 3, 4),
        ),
        languages=(("fr", "native"), ("en", "fluent"), ("ar", "conversational")),
    ),
    PersonSpec(
        email="hugo.fontaine@demo.nanoguild.test",
        full_name="Hugo Fontaine",
        ui_language="fr",
        slug="hugo-fontaine",
        headline="Analyste de données : tableaux de bord Power BI et Excel pour PME",
        bio=(
            "Je transforme vos exports de caisse, de boutique en ligne et de comptabilité en "
            "tableaux de bord lisibles. Power BI, Excel avancé, un peu de Python quand il le "
            "faut. Basé à Lille, disponible deux à trois jours par semaine."
        ),
        country="FR",
        time_zone="Europe/Paris",
        daily_rate_minor=50000,
        currency="EUR",
        hours_per_week=20,
        skills=(
            ("power-bi", 4, 5),
            ("excel", 4, 10),
            ("data-analysis", 4, 7),
            ("dashboard-development", 3, 5),
            ("python", 2, 3),
        ),
        languages=(("fr", "native"), ("en", "fluent")),
    ),
    PersonSpec(
        email="katarzyna.nowak@demo.nanoguild.test",
        full_name="Katarzyna Nowak",
        ui_language="en",
        slug="katarzyna-nowak",
        headline="QA engineer: test automation with Playwright and pytest",
        bio=(
            "I help small product teams ship without fear: test plans, Playwright end-to-end "
            "suites, API tests in pytest and a CI pipeline that actually blocks broken "
            "releases. Based in Kraków, overlapping comfortably with Berlin and London."
        ),
        country="PL",
        time_zone="Europe/Warsaw",
        hourly_rate_minor=22000,
        currency="PLN",
        hours_per_week=30,
        skills=(
            ("qa-testing", 4, 8),
            ("test-automation", 4, 6),
            ("python", 3, 5),
            ("ci-cd", 3, 4),
        ),
        languages=(("pl", "native"), ("en", "fluent"), ("de", "basic")),
    ),
    PersonSpec(
        email="piotr.zielinski@demo.nanoguild.test",
        full_name="Piotr Zieliński",
        ui_language="en",
        slug="piotr-zielinski",
        headline="React Native developer: one codebase, two app stores",
        bio=(
            "Seven years of mobile apps for retail and hospitality: loyalty apps, ordering, "
            "push notifications, offline-first sync. I take an app from Figma to both stores "
            "and stay on for updates."
        ),
        country="PL",
        time_zone="Europe/Warsaw",
        hourly_rate_minor=6500,
        currency="EUR",
        hours_per_week=40,
        available_in_days=21,
        skills=(
            ("react-native", 4, 6),
            ("typescript", 4, 6),
            ("mobile-app-development", 4, 7),
            ("firebase", 3, 5),
            ("ios-development", 2, 3),
        ),
        languages=(("pl", "native"), ("en", "fluent")),
    ),
    PersonSpec(
        email="beatriz.santos@demo.nanoguild.test",
        full_name="Beatriz Santos",
        ui_language="en",
        slug="beatriz-santos",
        headline="Illustrator for packaging, children's books and shop windows",
        bio=(
            "Lisbon-based illustrator with a warm, hand-drawn style. I draw labels, tea tins, "
            "picture books and the odd shop-window mural. Happy to work on a fixed price per "
            "illustration with two rounds of changes."
        ),
        country="PT",
        time_zone="Europe/Lisbon",
        daily_rate_minor=35000,
        currency="EUR",
        hours_per_week=25,
        skills=(
            ("illustration", 4, 9),
            ("childrens-book-illustration", 4, 6),
            ("packaging-design", 3, 4),
            ("vector-illustration", 3, 7),
        ),
        languages=(("pt", "native"), ("en", "fluent"), ("es", "conversational")),
        links=(("Portfolio", "https://beatrizsantos.example"),),
    ),
    PersonSpec(
        email="rui.almeida@demo.nanoguild.test",
        full_name="Rui Almeida",
        ui_language="en",
        slug="rui-almeida",
        headline="Data engineer: pipelines, warehouses and clean numbers",
        bio=(
            "I move data from shops, ad platforms and spreadsheets into one warehouse and keep "
            "it correct. Python, SQL, dbt-style modelling on PostgreSQL or BigQuery. Porto, "
            "same time zone as London."
        ),
        country="PT",
        time_zone="Europe/Lisbon",
        hourly_rate_minor=7000,
        currency="EUR",
        hours_per_week=30,
        skills=(
            ("data-engineering", 4, 6),
            ("python", 4, 8),
            ("sql", 4, 9),
            ("data-warehousing", 3, 5),
            ("pandas", 3, 6),
        ),
        languages=(("pt", "native"), ("en", "fluent")),
    ),
    PersonSpec(
        email="lucia.fernandez@demo.nanoguild.test",
        full_name="Lucía Fernández",
        ui_language="en",
        slug="lucia-fernandez",
        headline="English → Spanish translator and website localiser",
        bio=(
            "I localise shops, apps and marketing for Spain and Latin America, adapting tone, "
            "units and payment habits — not just words. Valencia, with a network of native "
            "reviewers in Mexico and Argentina."
        ),
        country="ES",
        time_zone="Europe/Madrid",
        hourly_rate_minor=4500,
        currency="EUR",
        hours_per_week=30,
        skills=(
            ("english-spanish-translation", 4, 9),
            ("website-localisation", 4, 6),
            ("marketing-translation", 3, 6),
            ("subtitling", 3, 3),
        ),
        languages=(("es", "native"), ("en", "fluent"), ("fr", "conversational")),
    ),
    PersonSpec(
        email="daan.devries@demo.nanoguild.test",
        full_name="Daan de Vries",
        ui_language="en",
        slug="daan-de-vries",
        headline="Fractional product manager for two-to-twenty person teams",
        bio=(
            "Former head of product at a Dutch e-commerce scale-up. I join small teams two days "
            "a week to sort the roadmap, write the specs developers ask for, and run user "
            "interviews. Utrecht, English and Dutch."
        ),
        country="NL",
        time_zone="Europe/Amsterdam",
        daily_rate_minor=80000,
        currency="EUR",
        hours_per_week=16,
        skills=(
            ("product-management", 4, 10),
            ("ux-research", 3, 6),
            ("agile-coaching", 3, 5),
            ("product-analytics", 3, 5),
        ),
        languages=(("nl", "native"), ("en", "fluent"), ("de", "conversational")),
    ),
)
