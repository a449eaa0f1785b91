"""Demo freelancers in Africa, Asia and Oceania."""

from __future__ import annotations

from marketplace.demo.specs import PersonSpec

PEOPLE_WORLD: tuple[PersonSpec, ...] = (
    PersonSpec(
        email="arjun.mehta@demo.nanoguild.test",
        full_name="Arjun Mehta",
        ui_language="en",
        slug="arjun-mehta",
        headline="Backend developer: Django and DRF APIs, payments and integrations",
        bio=(
            "Bengaluru backend developer with eight years of Django. I build REST APIs, "
            "payment flows and integrations with shipping and accounting tools. I shift my "
            "day to overlap four hours with European clients."
        ),
        country="IN",
        time_zone="Asia/Kolkata",
        working_hours=("11:00", "19:00"),
        hourly_rate_minor=4500,
        currency="USD",
        hours_per_week=40,
        skills=(
            ("django", 4, 8),
            ("django-rest-framework", 4, 7),
            ("python", 4, 9),
            ("postgresql", 3, 7),
            ("api-integration", 4, 6),
            ("redis", 3, 5),
        ),
        languages=(("en", "fluent"), ("hi", "native"), ("kn", "conversational")),
        links=(("Website", "https://arjunmehta.example"),),
    ),
    PersonSpec(
        email="ananya.iyer@demo.nanoguild.test",
        full_name="Ananya Iyer",
        ui_language="en",
        slug="ananya-iyer",
        headline="Virtual assistant: data entry, research and product listings",
        bio=(
            "Pune. I keep product catalogues tidy, upload listings to Shopify and Amazon, "
            "research suppliers and manage inboxes. Accurate, quick and glad to learn your "
            "tools."
        ),
        country="IN",
        time_zone="Asia/Kolkata",
        hourly_rate_minor=90000,
        currency="INR",
        hours_per_week=40,
        skills=(
            ("virtual-assistance", 4, 5),
            ("data-entry", 4, 6),
            ("online-research", 3, 5),
            ("online-shop-management", 3, 3),
        ),
        languages=(("en", "fluent"), ("ta", "native"), ("hi", "fluent")),
    ),
    PersonSpec(
        email="rohan.kapoor@demo.nanoguild.test",
        full_name="Rohan Kapoor",
        ui_language="en",
        slug="rohan-kapoor",
        headline="SEO consultant: technical audits and content that ranks",
        bio=(
            "Delhi-based SEO. I run technical audits, fix Core Web Vitals with your "
            "developers and plan content around what your customers actually search for."
        ),
        country="IN",
        time_zone="Asia/Kolkata",
        hourly_rate_minor=4000,
        currency="USD",
        hours_per_week=30,
        skills=(
            ("technical-seo", 4, 7),
            ("seo", 4, 8),
            ("content-marketing", 3, 5),
            ("link-building", 3, 6),
        ),
        languages=(("en", "fluent"), ("hi", "native")),
    ),
    PersonSpec(
        email="wanjiru.kamau@demo.nanoguild.test",
        full_name="Wanjiru Kamau",
        ui_language="en",
        slug="wanjiru-kamau",
        headline="Android and Kotlin developer: payments, maps and low-bandwidth apps",
        bio=(
            "Nairobi developer building Android apps that work on patchy networks and "
            "entry-level phones, with mobile-money payments and offline maps. Kotlin, "
            "Jetpack Compose, Firebase."
        ),
        country="KE",
        time_zone="Africa/Nairobi",
        hourly_rate_minor=4500,
        currency="USD",
        hours_per_week=35,
        skills=(
            ("android-development", 4, 7),
            ("kotlin", 4, 6),
            ("firebase", 3, 5),
            ("mobile-app-development", 4, 7),
            ("api-integration", 3, 5),
        ),
        languages=(("en", "fluent"), ("sw", "native")),
        links=(("Website", "https://wanjirukamau.example"),),
    ),
    PersonSpec(
        email="brian.otieno@demo.nanoguild.test",
        full_name="Brian Otieno",
        ui_language="en",
        slug="brian-otieno",
        headline="Graphic designer: posters, social media and brand kits",
        bio="Nairobi graphic designer. Portfolio coming soon.",
        country="KE",
        time_zone="Africa/Nairobi",
        hourly_rate_minor=2500,
        currency="USD",
        hours_per_week=30,
        skills=(
            ("graphic-design", 3, 4),
            ("social-media-graphics", 3, 4),
            ("adobe-photoshop", 3, 5),
        ),
        languages=(("en", "fluent"), ("sw", "native")),
        visibility="draft",
    ),
    PersonSpec(
        email="chiamaka.okafor@demo.nanoguild.test",
        full_name="Chiamaka Okafor",
        ui_language="en",
        slug="chiamaka-okafor",
        headline="Content writer for SaaS and fintech: blogs, case studies, white papers",
        bio=(
            "Lagos writer with a background in banking. I turn interviews with your customers "
            "and engineers into case studies, white papers and articles people finish."
        ),
        country="NG",
        time_zone="Africa/Lagos",
        hourly_rate_minor=3500,
        currency="USD",
        hours_per_week=30,
        skills=(
            ("content-writing", 4, 6),
            ("case-study-writing", 4, 4),
            ("white-papers", 3, 3),
            ("blog-writing", 4, 6),
        ),
        languages=(("en", "native"), ("ig", "native")),
    ),
    PersonSpec(
        email="haruto.sato@demo.nanoguild.test",
        full_name="Haruto Sato",
        ui_language="en",
        slug="haruto-sato",
        headline="English ↔ Japanese localisation for shops, apps and games",
        bio=(
            "Osaka-based translator. I localise web shops, apps and games for Japanese "
            "customers — tone, honorifics, sizes and payment methods included — and translate "
            "Japanese product information into English."
        ),
        country="JP",
        time_zone="Asia/Tokyo",
        hourly_rate_minor=6000,
        currency="JPY",
        hours_per_week=30,
        skills=(
            ("website-localisation", 4, 8),
            ("marketing-translation", 4, 7),
            ("subtitling", 3, 4),
            ("transcription", 3, 5),
        ),
        languages=(("ja", "native"), ("en", "fluent")),
    ),
    PersonSpec(
        email="aiko.nakamura@demo.nanoguild.test",
        full_name="Aiko Nakamura",
        ui_language="en",
        slug="aiko-nakamura",
        headline="UI designer: calm interfaces for e-commerce and tea, food and craft brands",
        bio=(
            "Tokyo designer. I design web shops and mobile screens with generous whitespace "
            "and clear hierarchy, and hand over Figma files developers love."
        ),
        country="JP",
        time_zone="Asia/Tokyo",
        daily_rate_minor=60000,
        currency="JPY",
        hours_per_week=25,
        skills=(
            ("ui-design", 4, 7),
            ("web-design", 4, 8),
            ("figma", 4, 5),
            ("typography", 3, 7),
        ),
        languages=(("ja", "native"), ("en", "fluent")),
        links=(("Portfolio", "https://aikonakamura.example"),),
    ),
    PersonSpec(
        email="jack.wilson@demo.nanoguild.test",
        full_name="Jack Wilson",
        ui_language="en",
        slug="jack-wilson",
        headline="E-commerce growth: Shopify, Meta ads and conversion tuning",
        bio=(
            "Melbourne e-commerce marketer. I've grown skincare, coffee and outdoor brands "
            "with Meta and Google ads, better product pages and a tidy analytics setup."
        ),
        country="AU",
        time_zone="Australia/Melbourne",
        hourly_rate_minor=11000,
        currency="AUD",
        hours_per_week=30,
        skills=(
            ("meta-ads", 4, 6),
            ("ecommerce-marketing", 4, 7),
            ("conversion-rate-optimisation", 3, 5),
            ("shopify", 3, 6),
            ("google-analytics", 3, 6),
        ),
        languages=(("en", "native"),),
    ),
    PersonSpec(
        email="mia.thompson@demo.nanoguild.test",
        full_name="Mia Thompson",
        ui_language="en",
        slug="mia-thompson",
        headline="Bookkeeper and BAS agent for Australian small businesses (Xero)",
        bio=(
            "Sydney bookkeeper. Xero set-up and clean-up, BAS lodgement, payroll and "
            "monthly reports, for cafés, studios and online shops."
        ),
        country="AU",
        time_zone="Australia/Sydney",
        hourly_rate_minor=8500,
        currency="AUD",
        hours_per_week=20,
        skills=(
            ("bookkeeping", 4, 9),
            ("xero", 4, 8),
            ("payroll", 3, 6),
            ("bank-reconciliation", 4, 9),
        ),
        languages=(("en", "native"),),
    ),
    PersonSpec(
        email="weiling.tan@demo.nanoguild.test",
        full_name="Tan Wei Ling",
        ui_language="en",
        slug="tan-wei-ling",
        headline="Data visualisation: dashboards and interactive charts with D3 and Tableau",
        bio=(
            "Singapore. I design dashboards executives read and interactive charts for "
            "reports and websites. Tableau, D3.js, Power BI, and the SQL underneath."
        ),
        country="SG",
        time_zone="Asia/Singapore",
        hourly_rate_minor=12000,
        currency="SGD",
        hours_per_week=20,
        skills=(
            ("data-visualisation", 4, 7),
            ("d3js", 4, 5),
            ("tableau", 4, 6),
            ("sql", 3, 7),
        ),
        languages=(("en", "fluent"), ("ms", "conversational")),
    ),
)
