"""Demo freelancers in North and South America."""

from __future__ import annotations

from marketplace.demo.specs import PersonSpec

PEOPLE_AMERICAS: tuple[PersonSpec, ...] = (
    PersonSpec(
        email="marcus.johnson@demo.nanoguild.test",
        full_name="Marcus Johnson",
        ui_language="en",
        slug="marcus-johnson",
        headline="iOS developer: SwiftUI apps for shops, studios and clinics",
        bio=(
            "Brooklyn-based iOS developer. I've shipped 20+ apps in SwiftUI and UIKit — "
            "booking, loyalty, a bike-fitting tool. Clean architecture, TestFlight every "
            "Friday, and I write the App Store copy too."
        ),
        country="US",
        time_zone="America/New_York",
        hourly_rate_minor=12500,
        currency="USD",
        hours_per_week=30,
        skills=(
            ("swift", 4, 9),
            ("swiftui", 4, 5),
            ("ios-development", 4, 9),
            ("firebase", 3, 5),
            ("app-store-optimisation", 2, 3),
        ),
        languages=(("en", "native"), ("es", "conversational")),
        links=(("Website", "https://marcusjohnson.example"),),
    ),
    PersonSpec(
        email="emily.chen@demo.nanoguild.test",
        full_name="Emily Chen",
        ui_language="en",
        slug="emily-chen",
        headline="Machine learning engineer: LLM features that are measurable and cheap",
        bio=(
            "I add search, classification and assistant features to existing products with "
            "LLMs and classic ML — with an evaluation set first, so you know it works. "
            "Previously at two Bay Area start-ups."
        ),
        country="US",
        time_zone="America/Los_Angeles",
        hourly_rate_minor=16000,
        currency="USD",
        hours_per_week=20,
        working_hours=("08:00", "16:00"),
        skills=(
            ("machine-learning", 4, 8),
            ("llm-integration", 4, 3),
            ("python", 4, 10),
            ("nlp", 3, 6),
            ("mlops", 3, 4),
        ),
        languages=(("en", "native"),),
    ),
    PersonSpec(
        email="rosa.martinez@demo.nanoguild.test",
        full_name="Rosa Martínez",
        ui_language="en",
        slug="rosa-martinez",
        headline="Email marketing and automation for e-commerce (Klaviyo, Mailchimp)",
        bio=(
            "Welcome flows, abandoned-cart series and campaigns that pay for themselves. I "
            "write, design and send — in English and Spanish — from Austin, Texas."
        ),
        country="US",
        time_zone="America/Chicago",
        hourly_rate_minor=8500,
        currency="USD",
        hours_per_week=25,
        skills=(
            ("email-marketing", 4, 7),
            ("marketing-automation", 4, 5),
            ("email-design", 3, 5),
            ("ecommerce-marketing", 3, 6),
        ),
        languages=(("en", "native"), ("es", "native")),
    ),
    PersonSpec(
        email="gabriel.tremblay@demo.nanoguild.test",
        full_name="Gabriel Tremblay",
        ui_language="fr",
        slug="gabriel-tremblay",
        headline="Développeur de jeux Unity : gameplay, outils et portages console",
        bio=(
            "Programmeur gameplay à Montréal depuis neuf ans. J'ai travaillé sur deux jeux "
            "indépendants sortis sur Switch et Steam. Je prototype vite, j'écris des outils "
            "pour les artistes et je m'occupe des portages."
        ),
        country="CA",
        time_zone="America/Toronto",
        hourly_rate_minor=9500,
        currency="CAD",
        hours_per_week=35,
        skills=(
            ("unity", 4, 9),
            ("csharp", 4, 9),
            ("game-development", 4, 9),
            ("cpp", 2, 4),
        ),
        languages=(("fr", "native"), ("en", "fluent")),
        links=(("Portfolio", "https://gabrieltremblay.example"),),
    ),
    PersonSpec(
        email="sarah.oconnor@demo.nanoguild.test",
        full_name="Sarah O'Connor",
        ui_language="en",
        slug="sarah-oconnor",
        headline="UX writer and content designer (English and French)",
        bio=(
            "Toronto content designer. Button labels, onboarding, error messages and help "
            "centres, in English and Canadian French. I work inside your Figma files."
        ),
        country="CA",
        time_zone="America/Toronto",
        hourly_rate_minor=9000,
        currency="CAD",
        hours_per_week=20,
        skills=(
            ("ux-writing", 4, 6),
            ("technical-writing", 3, 5),
            ("english-french-translation", 3, 4),
            ("figma", 2, 4),
        ),
        languages=(("en", "native"), ("fr", "fluent")),
    ),
    PersonSpec(
        email="maxime.gagnon@demo.nanoguild.test",
        full_name="Maxime Gagnon",
        ui_language="fr",
        slug="maxime-gagnon",
        headline="Traducteur agréé anglais-français (OTTIAQ) : jeux, logiciels, marketing",
        bio=(
            "Traducteur agréé à Québec. Je localise des jeux vidéo, des applications et des "
            "sites pour le Québec et la France — avec les bonnes différences. Glossaires et "
            "mémoires de traduction fournis."
        ),
        country="CA",
        time_zone="America/Toronto",
        hourly_rate_minor=7000,
        currency="CAD",
        hours_per_week=35,
        skills=(
            ("english-french-translation", 4, 12),
            ("website-localisation", 4, 8),
            ("certified-translation", 4, 10),
            ("subtitling", 3, 5),
        ),
        languages=(("fr", "native"), ("en", "fluent")),
    ),
    PersonSpec(
        email="ethan.wong@demo.nanoguild.test",
        full_name="Ethan Wong",
        ui_language="en",
        slug="ethan-wong",
        headline="3D artist: stylised props, characters and product renders in Blender",
        bio=(
            "Vancouver 3D generalist. Game-ready stylised assets, product visualisation for "
            "web shops, and turntables that load fast. Blender, Substance, some Unreal."
        ),
        country="CA",
        time_zone="America/Vancouver",
        hourly_rate_minor=8000,
        currency="CAD",
        hours_per_week=30,
        working_hours=("10:00", "18:00"),
        skills=(
            ("blender", 4, 7),
            ("3d-modelling", 4, 8),
            ("game-art", 3, 5),
            ("3d-rendering", 3, 6),
            ("unreal-engine", 2, 2),
        ),
        languages=(("en", "native"), ("fr", "basic")),
        links=(("ArtStation", "https://ethanwong.example"),),
    ),
    PersonSpec(
        email="ana.oliveira@demo.nanoguild.test",
        full_name="Ana Oliveira",
        ui_language="en",
        slug="ana-oliveira",
        headline="Flutter developer: cross-platform apps with offline sync",
        bio=(
            "São Paulo developer building Flutter apps for delivery, field service and "
            "retail. Firebase or your own API, clean state management, automated releases."
        ),
        country="BR",
        time_zone="America/Sao_Paulo",
        hourly_rate_minor=5500,
        currency="USD",
        hours_per_week=40,
        skills=(
            ("flutter", 4, 5),
            ("dart", 4, 5),
            ("firebase", 3, 5),
            ("android-development", 3, 6),
            ("rest-api", 3, 6),
        ),
        languages=(("pt", "native"), ("en", "fluent"), ("es", "conversational")),
    ),
    PersonSpec(
        email="thiago.costa@demo.nanoguild.test",
        full_name="Thiago Costa",
        ui_language="en",
        slug="thiago-costa",
        headline="Motion designer: explainer videos and animated brand assets",
        bio=(
            "I animate logos, explainers and product launches in After Effects, with "
            "character animation when it helps. Based in Recife, working with teams in "
            "Europe and North America."
        ),
        country="BR",
        time_zone="America/Recife",
        daily_rate_minor=120000,
        currency="BRL",
        hours_per_week=30,
        skills=(
            ("motion-graphics", 4, 7),
            ("explainer-videos", 4, 6),
            ("2d-animation", 3, 6),
            ("adobe-after-effects", 4, 7),
        ),
        languages=(("pt", "native"), ("en", "fluent")),
    ),
    PersonSpec(
        email="valeria.ruiz@demo.nanoguild.test",
        full_name="Valeria Ruiz",
        ui_language="en",
        slug="valeria-ruiz",
        headline="Webflow designer and developer for studios and small brands",
        bio=(
            "Mexico City. I design and build Webflow sites your team can edit without me: "
            "CMS collections, interactions, multilingual setups and clean SEO basics."
        ),
        country="MX",
        time_zone="America/Mexico_City",
        hourly_rate_minor=6000,
        currency="USD",
        hours_per_week=30,
        skills=(
            ("webflow", 4, 5),
            ("web-design", 4, 7),
            ("no-code-development", 3, 4),
            ("seo", 2, 3),
        ),
        languages=(("es", "native"), ("en", "fluent")),
        links=(("Portfolio", "https://valeriaruiz.example"),),
    ),
)
