"""Render a hit's structured reasons as one line of text in the request language (en/de/fr).

The API returns both: `reasons` (code + params, for a UI that lays them out itself) and
`explanation`, e.g. "4 of 5 required skills: missing Figma · 3 h overlap with your working
day · rate within budget · speaks German". The phrases live here, not in the project's .po
files, so the three languages ship with the app and need no compiled catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import translation

from marketplace.skills.models import Skill
from matching.scoring import Reason

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "required_skills": "{matched} of {total} required skills",
        "missing": "missing {skills}",
        "related_skills": "related experience in {skills}",
        "nice_skills": "{matched} of {total} nice-to-have skills",
        "rate_within_budget": "rate within budget",
        "rate_above_budget": "rate {percent}% above budget",
        "rate_other_currency": "rate in {currency} (not compared)",
        "overlap": "{hours} h overlap with your working day",
        "hours_enough": "{hours} h/week available",
        "hours_short": "only {hours} h/week available",
        "available_later": "available from {date}",
        "speaks": "speaks {language}",
        "lacks_language": "does not list {language}",
        "completed_contracts": "{count} completed contracts",
        "completed_contracts_one": "1 completed contract",
        "rated": "rated {average} from {count} reviews",
        "rated_one": "rated {average} from 1 review",
        "endorsed_skill": "{skills} validated by {peers} peers",
        "endorsed_skill_one": "{skills} validated by 1 peer",
    },
    "de": {
        "required_skills": "{matched} von {total} Pflicht-Skills",
        "missing": "es fehlt {skills}",
        "related_skills": "verwandte Erfahrung in {skills}",
        "nice_skills": "{matched} von {total} Wunsch-Skills",
        "rate_within_budget": "Satz im Budget",
        "rate_above_budget": "Satz {percent} % über Budget",
        "rate_other_currency": "Satz in {currency} (nicht verglichen)",
        "overlap": "{hours} Std. Überschneidung mit Ihrem Arbeitstag",
        "hours_enough": "{hours} Std./Woche verfügbar",
        "hours_short": "nur {hours} Std./Woche verfügbar",
        "available_later": "verfügbar ab {date}",
        "speaks": "spricht {language}",
        "lacks_language": "gibt {language} nicht an",
        "completed_contracts": "{count} abgeschlossene Aufträge",
        "completed_contracts_one": "1 abgeschlossener Auftrag",
        "rated": "mit {average} bewertet ({count} Bewertungen)",
        "rated_one": "mit {average} bewertet (1 Bewertung)",
        "endorsed_skill": "{skills} von {peers} Fachkollegen bestätigt",
        "endorsed_skill_one": "{skills} von einem Fachkollegen bestätigt",
    },
    "fr": {
        "required_skills": "{matched} compétences requises sur {total}",
        "missing": "manque {skills}",
        "related_skills": "expérience voisine en {skills}",
        "nice_skills": "{matched} compétences souhaitées sur {total}",
        "rate_within_budget": "tarif dans le budget",
        "rate_above_budget": "tarif {percent} % au-dessus du budget",
        "rate_other_currency": "tarif en {currency} (non comparé)",
        "overlap": "{hours} h de chevauchement avec votre journée",
        "hours_enough": "{hours} h/semaine disponibles",
        "hours_short": "seulement {hours} h/semaine disponibles",
        "available_later": "disponible à partir du {date}",
        "speaks": "parle {language}",
        "lacks_language": "n'indique pas {language}",
        "completed_contracts": "{count} contrats terminés",
        "completed_contracts_one": "1 contrat terminé",
        "rated": "noté {average} ({count} avis)",
        "rated_one": "noté {average} (1 avis)",
        "endorsed_skill": "{skills} validé par {peers} pairs",
        "endorsed_skill_one": "{skills} validé par un pair",
    },
}

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian"},
    "de": {
        "en": "Englisch",
        "de": "Deutsch",
        "fr": "Französisch",
        "es": "Spanisch",
        "it": "Italienisch",
    },
    "fr": {"en": "anglais", "de": "allemand", "fr": "français", "es": "espagnol", "it": "italien"},
}


def _lang() -> str:
    code = (translation.get_language() or "en")[:2]
    return code if code in PHRASES else "en"


def skill_labels(*, skill_ids: Iterable[int], language: str | None = None) -> dict[int, str]:
    lang = language or _lang()
    return {s.id: s.label(lang) for s in Skill.objects.filter(id__in=set(skill_ids))}


def reason_skill_ids(reasons: Iterable[Reason]) -> set[int]:
    ids: set[int] = set()
    for reason in reasons:
        ids.update(reason.params.get("missing", []))
        ids.update(reason.params.get("skills", []))
    return ids


# Codes whose phrase has a singular form (`<code>_one`) chosen when this parameter is 1.
SINGULAR_BY = {"completed_contracts": "count", "rated": "count", "endorsed_skill": "peers"}


def _stars(value: Any, lang: str) -> str:
    """A rating with one decimal (half up), with the language's decimal separator."""
    text = str(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))
    return text if lang == "en" else text.replace(".", ",")


def render(
    reasons: Iterable[Reason], *, labels: dict[int, str], language: str | None = None
) -> str:
    """One line: the phrases joined by " · "."""
    lang = language or _lang()
    phrases = PHRASES[lang]
    parts: list[str] = []
    for reason in reasons:
        params: dict[str, Any] = dict(reason.params)
        if "language" in params:
            params["language"] = LANGUAGE_NAMES[lang].get(params["language"], params["language"])
        if "skills" in params:
            params["skills"] = ", ".join(labels.get(s, str(s)) for s in params["skills"])
        if (
            "hours" in params
            and isinstance(params["hours"], float)
            and params["hours"].is_integer()
        ):
            params["hours"] = int(params["hours"])
        if "average" in params:
            params["average"] = _stars(params["average"], lang)
        key = reason.code
        if params.get(SINGULAR_BY.get(key, "")) == 1:
            key += "_one"
        text = phrases[key].format(**params)
        if reason.code == "required_skills" and params["missing"]:
            names = ", ".join(labels.get(s, str(s)) for s in params["missing"])
            text += ": " + phrases["missing"].format(skills=names)
        parts.append(text)
    return " · ".join(parts)
