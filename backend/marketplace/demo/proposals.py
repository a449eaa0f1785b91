"""Proposals freelancers sent, in every status; the demo freelancer's come first.

`days_ago` puts every proposal after its gig was published and after the invitation that
prompted it. The proposal the contract accepts is left `submitted` here: `CONTRACT` in
`invitations.py` accepts it through `proposal_accept`.
"""

from __future__ import annotations

from marketplace.demo.specs import ProposalSpec

LENA = "lena-hoffmann"

PROPOSALS: tuple[ProposalSpec, ...] = (
    # The demo freelancer: accepted (see CONTRACT), submitted, shortlisted, withdrawn.
    ProposalSpec(
        gig="kaolin-shop",
        freelancer=LENA,
        cover_letter=(
            "Hi Jonas, hi Inês,\n\nI moved two small shops off hosted platforms last year, "
            "one of them with prices in four currencies — happy to show you both. I'd split "
            "the work into three milestones: catalogue and accounts on staging, checkout with "
            "Stripe and shipping rules, then launch with redirects and two weeks of "
            "aftercare.\n\nLena"
        ),
        price_minor=680_000,
        estimated_duration_days=56,
        days_ago=13,
    ),
    ProposalSpec(
        gig="kaolin-shop",
        freelancer="arjun-mehta",
        cover_letter=(
            "I have built three Django shops with Stripe and multi-currency pricing. I can "
            "overlap four hours a day with Hamburg."
        ),
        price_minor=620_000,
        estimated_duration_days=60,
        status="declined",
        days_ago=14,
    ),
    ProposalSpec(
        gig="sonnenkorn-preorder",
        freelancer=LENA,
        cover_letter=(
            "Hallo Frau Lindner,\n\nich habe für eine andere Berliner Bäckerei bereits ein "
            "Buchungstool gebaut und kenne das Problem mit den Backlisten um vier Uhr "
            "morgens. Ich schlage eine schlanke Django-Anwendung vor, die Sie selbst betreiben "
            "können, mit Stripe für Karte und PayPal.\n\nViele Grüße\nLena Hoffmann"
        ),
        price_minor=1_150_000,
        estimated_duration_days=70,
        days_ago=4,
    ),
    ProposalSpec(
        gig="bergsicht-site",
        freelancer=LENA,
        cover_letter=(
            "Grüezi Herr Baumann,\n\ngerne baue ich Ihre neue Website mit Tourenkatalog und "
            "Anfrageformular in drei Sprachen. Für das Design arbeite ich mit einer "
            "Kölner UX-Designerin zusammen. Zum Kick-off komme ich nach Zürich.\n\nLena "
            "Hoffmann"
        ),
        price_minor=1_450_000,
        estimated_duration_days=80,
        status="shortlisted",
        days_ago=10,
    ),
    ProposalSpec(
        gig="suedhang-shop",
        freelancer=LENA,
        cover_letter="Gern übernehme ich den Shop — Django mit Stripe und CSV-Import.",
        price_minor=620_000,
        estimated_duration_days=50,
        status="withdrawn",
        days_ago=12,
    ),
    ProposalSpec(
        gig="kaolin-photos",
        freelancer="luca-bernasconi",
        cover_letter=(
            "I photograph ceramics every month and bring my own lighting and a sweep. Two "
            "days in Hamburg plus one day of editing; travel included in the price."
        ),
        price_minor=240_000,
        estimated_duration_days=14,
        days_ago=7,
    ),
    ProposalSpec(
        gig="kaolin-translate",
        freelancer="haruto-sato",
        cover_letter=(
            "I localise shops for Japanese restaurants and home cooks. I would add the "
            "Japanese care-instruction conventions and size notes your customers expect. "
            "For French I work with a trusted partner in Lyon."
        ),
        price_minor=165_000,
        estimated_duration_days=21,
        status="shortlisted",
        days_ago=5,
    ),
    ProposalSpec(
        gig="kaolin-translate",
        freelancer="maxime-gagnon",
        cover_letter=(
            "Bonjour, je traduirais la partie française moi-même et confierais le japonais à "
            "une collègue de confiance. Terminologie culinaire garantie."
        ),
        price_minor=185_000,
        estimated_duration_days=25,
        days_ago=4,
    ),
    ProposalSpec(
        gig="kaolin-social",
        freelancer="ines-benali",
        cover_letter=(
            "Hello! I manage accounts for two French ceramics brands selling to the US. I'd "
            "start with a Pinterest board per collection and a posting calendar."
        ),
        price_minor=150_000,
        estimated_duration_days=90,
        days_ago=3,
    ),
    ProposalSpec(
        gig="sonnenkorn-seo",
        freelancer="maximilian-weber",
        cover_letter=(
            "Hallo Herr Yılmaz, Bäckereien sind meine Lieblingskunden. Ich fange mit den "
            "sieben Unternehmensprofilen an und baue dann lokale Landingpages auf."
        ),
        price_minor=65_000,
        estimated_duration_days=180,
        status="shortlisted",
        days_ago=8,
    ),
    ProposalSpec(
        gig="sonnenkorn-bookkeeping",
        freelancer="tobias-krueger",
        cover_letter=(
            "Guten Tag, ich betreue bereits zwei Gastronomiebetriebe mit mehreren Kassen. "
            "Dienstags könnte ich vor Ort in Kreuzberg sein."
        ),
        price_minor=6_000,
        estimated_duration_days=365,
        days_ago=5,
    ),
    ProposalSpec(
        gig="boreal-props",
        freelancer="ethan-wong",
        cover_letter=(
            "Love the painted look! I can deliver ten props a week, textured and with LODs, "
            "and join your Monday review over video."
        ),
        price_minor=1_050_000,
        estimated_duration_days=60,
        status="shortlisted",
        days_ago=13,
    ),
    ProposalSpec(
        gig="boreal-sound",
        freelancer="callum-macleod",
        cover_letter=(
            "I've recorded real sled runners in the Cairngorms for a previous game and still "
            "have the raw library. FMOD events and weather-reactive loops included."
        ),
        price_minor=780_000,
        estimated_duration_days=50,
        days_ago=10,
    ),
    ProposalSpec(
        gig="boreal-unity",
        freelancer="gabriel-tremblay",
        cover_letter=(
            "Salut ! J'ai programmé la physique de véhicules sur deux jeux Switch et je suis "
            "à Montréal : je peux passer au studio quand il le faut."
        ),
        price_minor=10_000,
        estimated_duration_days=90,
        days_ago=4,
    ),
    ProposalSpec(
        gig="bergsicht-site",
        freelancer="valeria-ruiz",
        cover_letter=(
            "I design and build multilingual Webflow sites for tour operators; your team "
            "could edit tours and dates without a developer."
        ),
        price_minor=1_350_000,
        estimated_duration_days=70,
        days_ago=12,
    ),
    ProposalSpec(
        gig="thistle-email",
        freelancer="rosa-martinez",
        cover_letter=(
            "I've built Klaviyo flows for three yarn and craft shops. Welcome, cart and "
            "post-purchase flows, written in your voice, live within four weeks."
        ),
        price_minor=210_000,
        estimated_duration_days=28,
        days_ago=8,
    ),
    ProposalSpec(
        gig="thistle-copy",
        freelancer="olivia-bennett",
        cover_letter=(
            "I knit (badly) and write (well). I'd interview you for an hour about the farms "
            "and dyes, then write ten descriptions for your feedback before the rest."
        ),
        price_minor=120_000,
        estimated_duration_days=21,
        status="shortlisted",
        days_ago=6,
    ),
    ProposalSpec(
        gig="thistle-copy",
        freelancer="chiamaka-okafor",
        cover_letter="I write product copy for e-commerce brands and can start this week.",
        price_minor=95_000,
        estimated_duration_days=14,
        status="declined",
        days_ago=7,
    ),
    ProposalSpec(
        gig="thistle-support",
        freelancer="aoife-byrne",
        cover_letter=(
            "I've covered the Christmas rush for two Irish gift shops and I knit, so pattern "
            "questions are welcome."
        ),
        price_minor=2_200,
        estimated_duration_days=50,
        days_ago=2,
    ),
    ProposalSpec(
        gig="hudson-ios",
        freelancer="piotr-zielinski",
        cover_letter="I would build it in React Native so Android comes for free later.",
        price_minor=2_000_000,
        estimated_duration_days=84,
        status="withdrawn",
        days_ago=9,
    ),
    ProposalSpec(
        gig="uji-german-shop",
        freelancer="sophie-becker",
        cover_letter=(
            "I translate tea and food texts for German shops and drink far too much sencha. "
            "I'd work from the English version with a Japanese reviewer for the garden "
            "stories."
        ),
        price_minor=420_000,
        estimated_duration_days=21,
        days_ago=7,
    ),
    ProposalSpec(
        gig="uji-ui",
        freelancer="aiko-nakamura",
        cover_letter=(
            "I designed shops for two Kyoto tea houses. I'd start with a short usability "
            "test of your current checkout with customers in Japan and Germany."
        ),
        price_minor=780_000,
        estimated_duration_days=35,
        status="shortlisted",
        days_ago=6,
    ),
    ProposalSpec(
        gig="eucalypt-cro",
        freelancer="jack-wilson",
        cover_letter=(
            "Two skincare brands I worked with lifted conversion by a fifth with bundles and "
            "clearer ingredient pages. Same city, happy to meet at the lab."
        ),
        price_minor=650_000,
        estimated_duration_days=42,
        days_ago=8,
    ),
    ProposalSpec(
        gig="eucalypt-videos",
        freelancer="thomas-lefevre",
        cover_letter=(
            "I edit short-form videos for French cosmetics brands; delivery of the first "
            "three clips within a week of receiving the footage."
        ),
        price_minor=380_000,
        estimated_duration_days=20,
        days_ago=3,
    ),
    ProposalSpec(
        gig="eucalypt-dashboard",
        freelancer="tan-wei-ling",
        cover_letter=(
            "I'd pull Shopify, Amazon and your stockist sheets into one model and build the "
            "dashboard in Tableau — first version in two weeks."
        ),
        price_minor=12_000,
        estimated_duration_days=42,
        days_ago=4,
    ),
    ProposalSpec(
        gig="eucalypt-dashboard",
        freelancer="hugo-fontaine",
        cover_letter="Je propose Power BI, mais le décalage horaire sera important.",
        price_minor=9_500,
        estimated_duration_days=42,
        status="declined",
        days_ago=5,
    ),
    ProposalSpec(
        gig="morel-site",
        freelancer="julien-moreau",
        cover_letter=(
            "Bonjour Claire, je fais des sites WordPress rapides pour des photographes : "
            "galeries optimisées, formulaire de devis et version anglaise. Vous pourrez tout "
            "gérer vous-même."
        ),
        price_minor=190_000,
        estimated_duration_days=30,
        days_ago=6,
    ),
    ProposalSpec(
        gig="suedhang-shop",
        freelancer="florian-huber",
        cover_letter=(
            "Servus! Ich habe drei Weinshops auf Shopify umgesetzt, inklusive Altersprüfung "
            "und Versand in die Schweiz. WooCommerce geht natürlich auch."
        ),
        price_minor=550_000,
        estimated_duration_days=45,
        days_ago=11,
    ),
    ProposalSpec(
        gig="morel-social",
        freelancer="ines-benali",
        cover_letter="Bonjour Claire, je serais ravie de gérer votre Instagram cet été.",
        price_minor=50_000,
        estimated_duration_days=90,
        status="declined",
        days_ago=28,
    ),
)
