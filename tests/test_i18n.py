"""German and French translations: complete, compiled, and actually served by the API.

The `.po` files under `backend/locale/` are the source; the committed `.mo` files are what
Django loads at runtime (no gettext needed in production), so they must match the `.po`.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from chat.digest import notification_digest_send_for_user
from chat.notifications import notification_create
from marketplace.accounts.models import OutboundEmail
from tests.conftest import client_for
from tests.factories import UserFactory

LOCALE_DIR = Path(__file__).resolve().parent.parent / "backend" / "locale"
LANGUAGES = ("de", "fr")
SOME_FIELDS_ARE_INVALID = {
    "de": "Einige Felder sind ungültig.",
    "fr": "Certains champs ne sont pas valides.",
}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_CONTINUATION = re.compile(r'^(".*")\s*$')


def _unquote(literal: str) -> str:
    # A .po string literal uses C escapes (\" \\ \n \t), which Python's literal syntax shares.
    value = ast.literal_eval(literal)
    assert isinstance(value, str)
    return value


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: header included, obsolete (`#~`) entries skipped, no msgctxt."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal entry, target
        if target is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if target is not None and target[0] != "msgid":
                flush()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if target is not None and target[0] != "msgid":
                flush()
        elif match := _KEYWORD.match(line):
            keyword, index, literal = match.groups()
            assert keyword != "msgctxt", f"{path}:{number}: msgctxt is not supported"
            if keyword == "msgid" and target is not None:
                flush()
            if keyword == "msgid":
                entry.line = number
            value = _unquote(literal)
            if keyword == "msgid":
                entry.msgid, target = value, ("msgid", 0)
            elif keyword == "msgid_plural":
                entry.msgid_plural, target = value, ("msgid_plural", 0)
            else:
                slot = int(index) if index is not None else 0
                entry.msgstr[slot] = value
                target = ("msgstr", slot)
        elif match := _CONTINUATION.match(line):
            assert target is not None, f"{path}:{number}: string outside an entry"
            value = _unquote(match.group(1))
            kind, slot = target
            if kind == "msgid":
                entry.msgid += value
            elif kind == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + value
            else:
                entry.msgstr[slot] += value
        else:
            raise AssertionError(f"{path}:{number}: cannot parse {raw!r}")
    flush()
    return entries


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def messages(language: str) -> list[Entry]:
    return [e for e in parse_po(po_path(language)) if e.msgid]


def header(language: str) -> dict[str, str]:
    (head,) = [e for e in parse_po(po_path(language)) if not e.msgid]
    lines = head.msgstr[0].splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line)


# --- the catalogues --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_a_real_header(language: str) -> None:
    meta = header(language)
    assert meta["Language"] == language
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    plural = {"de": "(n != 1)", "fr": "(n > 1)"}[language]
    assert meta["Plural-Forms"] == f"nplurals=2; plural={plural};"
    (head,) = [e for e in parse_po(po_path(language)) if not e.msgid]
    assert "fuzzy" not in head.flags


def test_both_languages_translate_the_same_messages() -> None:
    de, fr = ({e.msgid for e in messages(lang)} for lang in LANGUAGES)
    assert de == fr
    assert len(de) > 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    untranslated, fuzzy = [], []
    for entry in messages(language):
        forms = 2 if entry.msgid_plural is not None else 1
        if sorted(entry.msgstr) != list(range(forms)) or not all(entry.msgstr.values()):
            untranslated.append(f"line {entry.line}: {entry.msgid!r}")
        if "fuzzy" in entry.flags:
            fuzzy.append(f"line {entry.line}: {entry.msgid!r}")
    assert untranslated == []
    assert fuzzy == []


_PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|\{\w*\}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    wrong = []
    for entry in messages(language):
        singular = sorted(_PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural is None:
            if sorted(_PLACEHOLDER.findall(entry.msgstr[0])) != singular:
                wrong.append(entry.msgid)
            continue
        plural = sorted(_PLACEHOLDER.findall(entry.msgid_plural))
        # The "one" form may leave the count out; the other form carries them all.
        if not set(_PLACEHOLDER.findall(entry.msgstr[0])) <= set(singular) | set(plural):
            wrong.append(entry.msgid)
        if sorted(_PLACEHOLDER.findall(entry.msgstr[1])) != plural:
            wrong.append(entry.msgid_plural)
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_matches_the_po(language: str) -> None:
    mo = po_path(language).with_suffix(".mo")
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages(language):
        if entry.msgid_plural is None:
            served = {0: catalogue.gettext(entry.msgid)}
        else:
            # n=1 and n=2 pick forms 0 and 1 in both German and French.
            served = {i: catalogue.ngettext(entry.msgid, entry.msgid_plural, i + 1) for i in (0, 1)}
        if served != entry.msgstr:
            stale.append(entry.msgid)
    assert stale == [], "run `manage.py compilemessages -l de -l fr`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_django_loads_the_project_catalogue(language: str) -> None:
    with translation.override(language):
        assert (
            str(translation.gettext("Some fields are invalid."))
            == SOME_FIELDS_ARE_INVALID[language]
        )


# --- the API answers in the request's language -----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_validation_errors_follow_accept_language(api: APIClient, language: str) -> None:
    response = api.get("/api/v1/skills/", {"q": "x" * 500}, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 400
    assert response["Content-Language"] == language
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["message"] == SOME_FIELDS_ARE_INVALID[language]


@pytest.mark.django_db
def test_english_stays_the_default(api: APIClient) -> None:
    response = api.get("/api/v1/skills/", {"q": "x" * 500})
    assert response.json()["message"] == "Some fields are invalid."


@pytest.mark.django_db
def test_anonymous_me_is_refused_in_german(api: APIClient) -> None:
    response = api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "not_authenticated"
    # DRF's own message, from DRF's German catalogue.
    english = "Authentication credentials were not provided."
    with translation.override("de"):
        german = str(translation.gettext(english))
    assert german != english
    assert body["message"] == german


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"), [("de", "Nicht gefunden."), ("fr", "Introuvable.")]
)
def test_unknown_urls_answer_in_the_request_language(
    api: APIClient, language: str, message: str
) -> None:
    response = api.get("/api/v1/no-such-endpoint/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": message, "details": {}}


@pytest.mark.django_db
def test_a_user_who_chose_french_gets_french_messages() -> None:
    # Given a signed-in user who switches the interface to French
    user = UserFactory.create(language="en")
    client = client_for(user)
    switched = client.patch("/api/v1/me/", {"language": "fr"})
    assert switched.status_code == 200
    assert switched.cookies["django_language"].value == "fr"
    user.refresh_from_db()
    assert user.language == "fr"

    # When later requests fail, even with a browser asking for German
    missing = client.get("/api/v1/me/freelancer-profile/", HTTP_ACCEPT_LANGUAGE="de")
    invalid = client.patch("/api/v1/me/", {"time_zone": "Mars/Olympus"})

    # Then the messages are French: the language cookie wins over Accept-Language
    assert missing.status_code == 404
    assert missing["Content-Language"] == "fr"
    assert missing.json()["message"] == "Vous n’avez pas encore de profil freelance."
    assert invalid.status_code == 400
    assert invalid.json()["message"] == SOME_FIELDS_ARE_INVALID["fr"]


# --- sentences built at runtime still translate whole --------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject", "line"),
    [
        (
            "de",
            "[Nanoguild] 1 ungelesene Benachrichtigung",
            "Eine Meilensteinzahlung für „Logo“ hat jetzt den Status Finanziert.",
        ),
        (
            "fr",
            "[Nanoguild] 1 notification non lue",
            "Un paiement de jalon pour «\u00a0Logo\u00a0» est désormais au statut Financé.",
        ),
    ],
)
def test_the_digest_counts_in_the_plural_and_names_the_payment_state(
    language: str, subject: str, line: str
) -> None:
    # Given one unread payment notification whose payload holds the raw state code
    user = UserFactory.create(language=language)
    (notification,) = notification_create(
        user_ids=[user.id],
        kind="payment",
        payload={"gig_title": "Logo", "state": "funded"},
        event_key="payment:1:funded",
    )

    # When the digest runs an hour later
    sent = notification_digest_send_for_user(
        user_id=user.id, now=notification.created_at + timedelta(hours=1)
    )

    # Then the subject takes the singular and the line shows the state's translated label
    assert sent is True
    email = OutboundEmail.objects.get(to=user.email)
    assert email.subject == subject
    assert line in email.body_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [("de", "Unbekannte Sprache: xx"), ("fr", "Langue inconnue\u00a0: xx")],
)
def test_an_unknown_search_filter_value_is_named_in_a_whole_sentence(
    api: APIClient, language: str, message: str
) -> None:
    response = api.get(
        "/api/v1/search/freelancers/", {"languages": "xx"}, HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 400
    assert response.json()["details"]["languages"] == [message]
