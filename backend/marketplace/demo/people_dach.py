"""Demo freelancers in Germany, Austria and Switzerland (the demo login comes first)."""

from __future__ import annotations

from marketplace.demo.logins import DEMO_FREELANCER_EMAIL
from marketplace.demo.specs import PersonSpec

PEOPLE_DACH: tuple[PersonSpec, ...] = (
    PersonSpec(
        email=DEMO_FREELANCER_EMAIL,
        full_name="Lena Hoffmann",
        ui_language="en",
        slug="lena-hoffmann",
        headline="Full-stack Django & React developer for small shops that sell worldwide",
        bio=(
            "I build and look after web shops and internal tools for small businesses — the "
            "kind where the founder still answers customer emails. Ten years of Python, nine "
            "of Django, and a soft spot for boring, well-tested code that keeps working while "
            "you sleep.\n\n"
            "Recent work: moved a Hamburg ceramics studio from a hosted shop to a headless "
            "Django + React setup with Stripe and multi-currency prices; built a booking tool "
            "for a Berlin bakery chain; rescued a Django 1.11 app and brought it to 5.2 without "
            "downtime.\n\n"
            "I work from Berlin, mostly 08:30–16:30 CET, in English, German and (slowly) "
            "French. I prefer fixed-price milestones for new features and a small monthly "
            "retainer for maintenance."
        ),
        country="DE",
        time_zone="Europe/Berlin",
        working_hours=("08:30", "16:30"),
        hourly_rate_minor=9500,
        daily_rate_minor=72000,
        currency="EUR",
        hours_per_week=30,
        available_in_days=14,
        skills=(
            ("django", 4, 9),
            ("python", 4, 10),
            ("react", 3, 6),
            ("typescript", 3, 5),
            ("postgresql", 4, 8),
            ("stripe-integration", 3, 4),
            ("ecommerce-development", 3, 5),
            ("docker", 3, 6),
        ),
        languages=(("de", "native"), ("en", "fluent"), ("fr", "conversational")),
        links=(
            ("Portfolio", "https://lenahoffmann.example"),
            ("Code", "https://code.lenahoffmann.example"),
            ("Talk: Django for tiny shops", "https://talks.lenahoffmann.example/tiny-shops"),
        ),
    ),
    PersonSpec(
        email="maximilian.weber@demo.nanoguild.test",
        full_name="Maximilian Weber",
        ui_language="de",
        slug="maximilian-weber",
        headline="SEO & Google Ads für lokale Geschäfte und kleine Onlineshops",
        bio=(
            "Seit acht Jahren helfe ich Bäckereien, Handwerksbetrieben und kleinen Shops, "
            "bei Google gefunden zu werden. Ich kümmere mich um technisches SEO, lokale "
            "Einträge und Anzeigenkampagnen mit überschaubarem Budget — und erkläre alles "
            "ohne Fachchinesisch. Monatliche Berichte mit klaren Zahlen statt bunter Folien."
        ),
        country="DE",
        time_zone="Europe/Berlin",
        hourly_rate_minor=8000,
        daily_rate_minor=60000,
        currency="EUR",
        hours_per_week=25,
        skills=(
            ("seo", 4, 8),
            ("local-seo", 4, 6),
            ("google-ads", 3, 6),
            ("google-analytics", 3, 7),
            ("keyword-research", 3, 8),
        ),
        languages=(("de", "native"), ("en", "fluent")),
        links=(("Website", "https://weber-seo.example"),),
    ),
    PersonSpec(
        email="aylin.demir@demo.nanoguild.test",
        full_name="Aylin Demir",
        ui_language="de",
        slug="aylin-demir",
        headline="UX/UI-Designerin: Apps und Shops, die Kundinnen gern benutzen",
        bio=(
            "Ich gestalte Oberflächen für Apps und Onlineshops — von der ersten Nutzerbefragung "
            "über Wireframes bis zum fertigen Figma-Designsystem. Vorher war ich fünf Jahre in "
            "einer Kölner Agentur, heute arbeite ich am liebsten direkt mit kleinen Teams. "
            "Ich spreche Deutsch, Türkisch und Englisch."
        ),
        country="DE",
        time_zone="Europe/Berlin",
        hourly_rate_minor=8500,
        currency="EUR",
        hours_per_week=30,
        available_in_days=7,
        skills=(
            ("ux-design", 4, 7),
            ("ui-design", 4, 7),
            ("figma", 4, 6),
            ("design-systems", 3, 4),
            ("ux-research", 3, 5),
            ("prototyping", 3, 6),
        ),
        languages=(("de", "native"), ("tr", "native"), ("en", "fluent")),
        links=(("Portfolio", "https://aylindemir.example"),),
    ),
    PersonSpec(
        email="tobias.krueger@demo.nanoguild.test",
        full_name="Tobias Krüger",
        ui_language="de",
        slug="tobias-krueger",
        headline="Buchhaltung mit DATEV für Kleinunternehmen und Gründerinnen",
        bio=(
            "Geprüfter Bilanzbuchhalter aus Hamburg. Ich übernehme die laufende Buchhaltung, "
            "Umsatzsteuervoranmeldungen und die Vorbereitung des Jahresabschlusses für "
            "Kleinunternehmen — auch mit Verkäufen ins EU-Ausland (OSS). Belege digital, "
            "Rückfragen schnell, Termine zuverlässig."
        ),
        country="DE",
        time_zone="Europe/Berlin",
        hourly_rate_minor=6500,
        currency="EUR",
        hours_per_week=20,
        skills=(
            ("bookkeeping", 4, 12),
            ("datev", 4, 10),
            ("vat-returns", 4, 10),
            ("annual-accounts", 3, 8),
        ),
        languages=(("de", "native"), ("en", "conversational")),
    ),
    PersonSpec(
        email="sophie.becker@demo.nanoguild.test",
        full_name="Sophie Becker",
        ui_language="de",
        slug="sophie-becker",
        headline="Übersetzerin Englisch/Französisch → Deutsch für Shops und Marketing",
        bio=(
            "Ich übersetze Produkttexte, Newsletter und Websites aus dem Englischen und "
            "Französischen ins Deutsche — so, dass niemand merkt, dass es eine Übersetzung ist. "
            "Schwerpunkt: Mode, Design, Lebensmittel. Ermächtigte Übersetzerin (LG Leipzig) für "
            "beglaubigte Übersetzungen."
        ),
        country="DE",
        time_zone="Europe/Berlin",
        daily_rate_minor=42000,
        hourly_rate_minor=5500,
        currency="EUR",
        hours_per_week=35,
        skills=(
            ("english-german-translation", 4, 11),
            ("french-german-translation", 4, 9),
            ("marketing-translation", 4, 8),
            ("website-localisation", 3, 6),
            ("certified-translation", 3, 5),
            ("proofreading", 4, 11),
        ),
        languages=(("de", "native"), ("en", "fluent"), ("fr", "fluent")),
        links=(("Website", "https://becker-uebersetzungen.example"),),
    ),
    PersonSpec(
        email="jan.schroeder@demo.nanoguild.test",
        full_name="Jan Schröder",
        ui_language="en",
        slug="jan-schroeder",
        headline="DevOps engineer: Kubernetes, Terraform and calm on-call nights",
        bio=(
            "Platform engineer from Stuttgart. I set up CI/CD, infrastructure as code and "
            "monitoring for small product teams that have outgrown a single server. Profile "
            "still being written."
        ),
        country="DE",
        time_zone="Europe/Berlin",
        hourly_rate_minor=11000,
        currency="EUR",
        hours_per_week=16,
        available_in_days=30,
        skills=(
            ("kubernetes", 4, 6),
            ("terraform", 4, 5),
            ("aws", 3, 7),
            ("ci-cd", 4, 8),
        ),
        languages=(("de", "native"), ("en", "fluent")),
        visibility="draft",
    ),
    PersonSpec(
        email="florian.huber@demo.nanoguild.test",
        full_name="Florian Huber",
        ui_language="de",
        slug="florian-huber",
        headline="Shopify-Entwickler aus Wien: Themes, Apps und saubere Migrationen",
        bio=(
            "Ich baue Shopify-Themes nach Maß, binde Warenwirtschaft und Versand an und ziehe "
            "Shops von WooCommerce oder Magento um, ohne dass Google es merkt. Kunden von "
            "Tirol bis Hamburg, viele davon mit Verkauf in die Schweiz."
        ),
        country="AT",
        time_zone="Europe/Vienna",
        hourly_rate_minor=8500,
        currency="EUR",
        hours_per_week=30,
        skills=(
            ("shopify", 4, 7),
            ("shopify-theme-development", 4, 6),
            ("javascript", 3, 9),
            ("ecommerce-development", 3, 7),
            ("api-integration", 3, 5),
        ),
        languages=(("de", "native"), ("en", "fluent")),
        links=(("Website", "https://huber-commerce.example"),),
    ),
    PersonSpec(
        email="nicole.brunner@demo.nanoguild.test",
        full_name="Nicole Brunner",
        ui_language="de",
        slug="nicole-brunner",
        headline="Treuhand & Buchhaltung für KMU in der Schweiz (Bexio, Abacus, MWST)",
        bio=(
            "Eidg. dipl. Treuhandexpertin in Zürich. Ich führe die Buchhaltung, rechne die "
            "Mehrwertsteuer ab und erstelle Lohnabrechnungen für kleine Unternehmen — auf "
            "Deutsch oder Englisch, gern auch für ausländische Firmen mit Schweizer Tochter."
        ),
        country="CH",
        time_zone="Europe/Zurich",
        hourly_rate_minor=14000,
        currency="CHF",
        hours_per_week=20,
        skills=(
            ("bookkeeping", 4, 14),
            ("vat-returns", 4, 12),
            ("payroll", 4, 10),
            ("financial-reporting", 3, 9),
            ("tax-advisory", 3, 7),
        ),
        languages=(("de", "native"), ("en", "fluent"), ("fr", "conversational")),
    ),
    PersonSpec(
        email="luca.bernasconi@demo.nanoguild.test",
        full_name="Luca Bernasconi",
        ui_language="en",
        slug="luca-bernasconi",
        headline="Product and architecture photographer based in Lugano",
        bio=(
            "I photograph products, interiors and the people who make them — for catalogues, "
            "web shops and hotel websites across Ticino, Lombardy and Graubünden. Studio with "
            "daylight and a flatbed for ceramics and textiles; drone licence for exteriors."
        ),
        country="CH",
        time_zone="Europe/Zurich",
        daily_rate_minor=120000,
        currency="CHF",
        hours_per_week=30,
        skills=(
            ("product-photography", 4, 11),
            ("architecture-photography", 4, 8),
            ("drone-photography", 3, 4),
            ("photo-editing", 4, 11),
            ("adobe-lightroom", 4, 11),
        ),
        languages=(("it", "native"), ("de", "fluent"), ("en", "fluent")),
        links=(("Portfolio", "https://lucabernasconi.example"),),
    ),
    PersonSpec(
        email="mathilde.favre@demo.nanoguild.test",
        full_name="Mathilde Favre",
        ui_language="fr",
        slug="mathilde-favre",
        headline="Juriste RGPD et contrats pour PME et boutiques en ligne (Genève)",
        bio=(
            "Juriste d'entreprise pendant huit ans, je conseille aujourd'hui les PME sur la "
            "protection des données (RGPD et nLPD suisse), les conditions générales de vente "
            "et les contrats avec les prestataires. Des documents clairs, que vos clients "
            "peuvent lire."
        ),
        country="CH",
        time_zone="Europe/Zurich",
        hourly_rate_minor=16000,
        currency="CHF",
        hours_per_week=15,
        available_in_days=10,
        skills=(
            ("gdpr-compliance", 4, 8),
            ("terms-and-conditions", 4, 8),
            ("contract-drafting", 4, 9),
            ("privacy-policy", 4, 7),
            ("ecommerce-law", 3, 5),
        ),
        languages=(("fr", "native"), ("de", "fluent"), ("en", "fluent")),
    ),
)
