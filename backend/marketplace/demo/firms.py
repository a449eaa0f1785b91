"""The ten demo firms and their members; the demo owner's firm comes first."""

from __future__ import annotations

from marketplace.demo.logins import DEMO_OWNER_EMAIL
from marketplace.demo.specs import FirmSpec, MemberSpec

DEMO_FIRM_SLUG = "kaolin-and-co"

FIRMS: tuple[FirmSpec, ...] = (
    FirmSpec(
        slug=DEMO_FIRM_SLUG,
        name="Kaolin & Co.",
        description=(
            "Three people, one kiln, customers in 31 countries. We make stoneware tableware in "
            "a former boatyard in Hamburg-Altona and sell it online to restaurants and home "
            "cooks from Oslo to Osaka. Jonas throws and glazes, Inês runs operations from "
            "Lisbon, Mei handles wholesale from Hamburg. We hire freelancers for everything "
            "that isn't clay: the shop, photos, translations and the odd spreadsheet."
        ),
        country="DE",
        time_zone="Europe/Berlin",
        size="2-10",
        website="https://kaolin-and-co.example",
        members=(
            MemberSpec(
                email=DEMO_OWNER_EMAIL,
                full_name="Jonas Petersen",
                ui_language="en",
                time_zone="Europe/Berlin",
            ),
            MemberSpec(
                email="ines.carvalho@demo.nanoguild.test",
                full_name="Inês Carvalho",
                ui_language="en",
                time_zone="Europe/Lisbon",
                role="member",
            ),
        ),
    ),
    FirmSpec(
        slug="atelier-claire-morel",
        name="Atelier Claire Morel — Photographie",
        description=(
            "Photographe indépendante à Lyon depuis 2012 : portraits, mariages et photos de "
            "produits pour les artisans de la région. Je cherche ponctuellement de l'aide pour "
            "la retouche, mon site et ma communication."
        ),
        country="FR",
        time_zone="Europe/Paris",
        size="solo",
        website="https://clairemorel-photo.example",
        members=(
            MemberSpec(
                email="claire.morel@demo.nanoguild.test",
                full_name="Claire Morel",
                ui_language="fr",
                time_zone="Europe/Paris",
            ),
        ),
    ),
    FirmSpec(
        slug="baeckerei-sonnenkorn",
        name="Bäckerei Sonnenkorn",
        description=(
            "Handwerksbäckerei mit sieben Filialen in Berlin-Kreuzberg, Neukölln und "
            "Friedrichshain. Sauerteig, lange Teigführung, Bio-Getreide aus Brandenburg. Wir "
            "suchen Unterstützung für Vorbestellungen online, unsere Website und die "
            "Buchhaltung der Filialen."
        ),
        country="DE",
        time_zone="Europe/Berlin",
        size="11-50",
        working_hours=("06:00", "14:00"),
        website="https://sonnenkorn.example",
        members=(
            MemberSpec(
                email="petra.lindner@demo.nanoguild.test",
                full_name="Petra Lindner",
                ui_language="de",
                time_zone="Europe/Berlin",
            ),
            MemberSpec(
                email="murat.yilmaz@demo.nanoguild.test",
                full_name="Murat Yılmaz",
                ui_language="de",
                time_zone="Europe/Berlin",
                role="member",
            ),
        ),
    ),
    FirmSpec(
        slug="pixel-boreal",
        name="Studio Pixel Boréal",
        description=(
            "Studio de jeux indépendant de Montréal (cinq personnes). Notre premier jeu, "
            "« Nordlys », un jeu d'exploration en traîneau, sort sur PC et Switch l'an "
            "prochain. Nous cherchons des renforts en 3D, en son et en localisation."
        ),
        country="CA",
        time_zone="America/Toronto",
        size="2-10",
        website="https://pixelboreal.example",
        members=(
            MemberSpec(
                email="emilie.roy@demo.nanoguild.test",
                full_name="Émilie Roy",
                ui_language="fr",
                time_zone="America/Toronto",
            ),
            MemberSpec(
                email="kevin.nguyen@demo.nanoguild.test",
                full_name="Kevin Nguyen",
                ui_language="en",
                time_zone="America/Toronto",
                role="member",
            ),
        ),
    ),
    FirmSpec(
        slug="bergsicht-reisen",
        name="Bergsicht Reisen GmbH",
        description=(
            "Kleiner Reiseveranstalter in Zürich für geführte Wanderreisen in den Alpen — "
            "Hüttentouren, Weitwanderwege, Gepäcktransport inklusive. Unsere Gäste kommen aus "
            "der Schweiz, Deutschland, den USA und Japan."
        ),
        country="CH",
        time_zone="Europe/Zurich",
        size="2-10",
        website="https://bergsicht-reisen.example",
        members=(
            MemberSpec(
                email="reto.baumann@demo.nanoguild.test",
                full_name="Reto Baumann",
                ui_language="de",
                time_zone="Europe/Zurich",
            ),
        ),
    ),
    FirmSpec(
        slug="thistle-and-thread",
        name="Thistle & Thread",
        description=(
            "Hand-dyed yarn and knitting kits from a converted mill in the Scottish Borders, "
            "shipped to knitters in the UK, the US and Australia. Two of us, plus a lot of "
            "sheep."
        ),
        country="GB",
        time_zone="Europe/London",
        size="2-10",
        website="https://thistleandthread.example",
        members=(
            MemberSpec(
                email="fiona.campbell@demo.nanoguild.test",
                full_name="Fiona Campbell",
                ui_language="en",
                time_zone="Europe/London",
            ),
        ),
    ),
    FirmSpec(
        slug="hudson-bike-works",
        name="Hudson Bike Works",
        description=(
            "Bike repair shop and custom builds in Brooklyn since 2016, now selling refurbished "
            "frames online across the US. We want an app for repair bookings and help with "
            "our store."
        ),
        country="US",
        time_zone="America/New_York",
        size="2-10",
        website="https://hudsonbikeworks.example",
        members=(
            MemberSpec(
                email="dana.kowalski@demo.nanoguild.test",
                full_name="Dana Kowalski",
                ui_language="en",
                time_zone="America/New_York",
            ),
            MemberSpec(
                email="luis.ortega@demo.nanoguild.test",
                full_name="Luis Ortega",
                ui_language="en",
                time_zone="America/New_York",
                role="member",
            ),
        ),
    ),
    FirmSpec(
        slug="uji-leaf-tea",
        name="Uji Leaf Tea Trading",
        description=(
            "Family tea business from Uji, Kyoto, in its third generation. We export matcha "
            "and sencha directly to cafés and tea lovers in Europe and North America and are "
            "building our English and German web shop."
        ),
        country="JP",
        time_zone="Asia/Tokyo",
        size="2-10",
        website="https://ujileaf.example",
        members=(
            MemberSpec(
                email="kenji.morita@demo.nanoguild.test",
                full_name="Kenji Morita",
                ui_language="en",
                time_zone="Asia/Tokyo",
            ),
        ),
    ),
    FirmSpec(
        slug="weingut-suedhang",
        name="Weingut Südhang",
        description=(
            "Familienweingut in der Wachau mit zwölf Hektar Grünem Veltliner und Riesling. Wir "
            "verkaufen ab Hof, an die Gastronomie und zunehmend online nach Deutschland und "
            "in die Schweiz."
        ),
        country="AT",
        time_zone="Europe/Vienna",
        size="solo",
        website="https://weingut-suedhang.example",
        members=(
            MemberSpec(
                email="katharina.gruber@demo.nanoguild.test",
                full_name="Katharina Gruber",
                ui_language="de",
                time_zone="Europe/Vienna",
            ),
        ),
    ),
    FirmSpec(
        slug="eucalypt-skincare",
        name="Eucalypt Skincare",
        description=(
            "Small-batch skincare made with native Australian botanicals in Fitzroy, "
            "Melbourne. Twelve people, a lab the size of a kitchen, stockists in four "
            "countries."
        ),
        country="AU",
        time_zone="Australia/Melbourne",
        size="11-50",
        website="https://eucalypt-skincare.example",
        members=(
            MemberSpec(
                email="grace.mitchell@demo.nanoguild.test",
                full_name="Grace Mitchell",
                ui_language="en",
                time_zone="Australia/Melbourne",
            ),
        ),
    ),
)
