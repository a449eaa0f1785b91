"""Receivers of the marketplace's domain events: they only enqueue indexing tasks.

The events fire after commit, so a task never sees a rolled-back row; `delay_on_commit` keeps
that true if an event is ever sent inside a transaction.
"""

from __future__ import annotations

from typing import Any

from marketplace import events
from matching import tasks


def on_profile_changed(*, profile_id: int, **_: Any) -> None:
    tasks.index_profiles.delay_on_commit([profile_id])


def on_gig_changed(*, gig_id: int, **_: Any) -> None:
    tasks.index_gigs.delay_on_commit([gig_id])


def on_skills_changed(*, skill_ids: list[int], **_: Any) -> None:
    tasks.index_skills.delay_on_commit(list(skill_ids))


def on_contract_changed(*, contract_id: int, **_: Any) -> None:
    tasks.index_contract.delay_on_commit(contract_id)


def connect() -> None:
    events.profile_changed.connect(on_profile_changed, dispatch_uid="matching.profile")
    events.gig_changed.connect(on_gig_changed, dispatch_uid="matching.gig")
    events.skills_changed.connect(on_skills_changed, dispatch_uid="matching.skills")
    events.contract_changed.connect(on_contract_changed, dispatch_uid="matching.contract")
