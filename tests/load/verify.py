"""After the load: every acknowledged write is in PostgreSQL exactly once, nothing else is.

Each write carried a unique marker (`load-<run>-<letter><n>`): proposals in the cover letter,
chat messages as client_message_id, gigs in the title, profile edits in the headline. Rows
are counted by the run's marker prefix, so earlier runs in the same database do not count.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from chat.models import Message
from marketplace.gigs.models import Gig
from marketplace.profiles.models import FreelancerProfile
from marketplace.proposals.models import Proposal
from tests.load.driver import Results

MARKER = re.compile(r"^(load-[0-9a-f]+-[a-z]\d+)")


@dataclass
class WriteCheck:
    kind: str
    acked: int  # 2xx answers
    rows: int  # rows carrying one of this run's markers
    lost: list[str] = field(default_factory=list)  # acknowledged, not stored
    unacked_stored: list[str] = field(default_factory=list)  # stored, never acknowledged
    duplicated: list[str] = field(default_factory=list)  # stored more than once
    expected_rows: int | None = None  # default: one row per acknowledged write

    @property
    def ok(self) -> bool:
        expected = self.acked if self.expected_rows is None else self.expected_rows
        return self.rows == expected and not (self.lost or self.unacked_stored or self.duplicated)


def _markers(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        match = MARKER.match(text)
        if match:
            found.append(match.group(1))
    return found


def _compare(kind: str, acked: list[str], stored: list[str], unanswered: list[str]) -> WriteCheck:
    counts = Counter(stored)
    acked_set = set(acked)
    return WriteCheck(
        kind=kind,
        acked=len(acked),
        rows=len(stored),
        lost=sorted(acked_set - set(counts)),
        # A write whose answer never came (counted as an error already) may be stored.
        unacked_stored=sorted(set(counts) - acked_set - set(unanswered)),
        duplicated=sorted(m for m, n in counts.items() if n > 1),
    )


def writes_check(results: Results, *, run: str) -> list[WriteCheck]:
    prefix = f"load-{run}-"
    stored = {
        "proposal_submit": _markers(
            list(
                Proposal.objects.filter(cover_letter__startswith=f"{prefix}p").values_list(
                    "cover_letter", flat=True
                )
            )
        ),
        "message_send": list(
            Message.objects.filter(client_message_id__startswith=f"{prefix}m").values_list(
                "client_message_id", flat=True
            )
        ),
        "gig_post": _markers(
            list(Gig.objects.filter(title__startswith=f"{prefix}g").values_list("title", flat=True))
        ),
    }
    checks = [
        _compare(kind, results.acked(kind), rows, results.unanswered(kind))
        for kind, rows in stored.items()
    ]
    checks.append(_profile_check(results, prefix=prefix))
    return checks


def _profile_check(results: Results, *, prefix: str) -> WriteCheck:
    """Edits update a row: each edited profile must hold its last acknowledged headline."""
    headlines = dict(
        FreelancerProfile.objects.filter(user_id__in=list(results.last_headline)).values_list(
            "user_id", "headline"
        )
    )
    held = {user_id: _markers([headlines.get(user_id, "")]) for user_id in results.last_headline}
    lost = sorted(
        marker
        for user_id, marker in results.last_headline.items()
        if held[user_id] != [marker]
        # an unanswered later edit of the same user may have landed instead
        and not any(m in results.unanswered("profile_edit") for m in held[user_id])
    )
    edited = sum(1 for markers in held.values() if markers and markers[0].startswith(prefix))
    return WriteCheck(
        kind="profile_edit",
        acked=len(results.acked("profile_edit")),
        rows=edited,  # profiles holding one of this run's headlines
        lost=lost,
        expected_rows=len(results.last_headline),  # edits overwrite: one row per edited profile
    )
