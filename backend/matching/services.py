"""Keeping the index true: (re)index or drop profiles and gigs, rebuild, and compare.

Every function is idempotent: it re-reads the rows and makes the index agree with them, so a
task that runs twice, or late, leaves the same index. What may not be matched (a draft, a
hidden or deleted profile, a gig that is not open) is removed from the index.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from marketplace.contracts.models import Contract
from marketplace.gigs.models import Gig, GigSkill, GigStatus, ModerationState
from marketplace.profiles.models import FreelancerProfile, ProfileSkill, ProfileVisibility
from matching import backends
from matching.documents import gig_documents, profile_documents
from matching.result_cache import matching_index_changed

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500


def _chunks(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for item in ids:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _each_backend(action: Callable[[backends.MatchingBackend], None]) -> None:
    """Apply a write to every write backend; a failing Elasticsearch does not stop the database
    index from being written, and the error is raised afterwards so the task retries."""
    failure: Exception | None = None
    try:
        for backend in backends.get_write_backends():
            try:
                action(backend)
            except Exception as exc:
                if backend.name == "database":
                    raise
                backends.mark_down(exc)
                failure = exc
    finally:
        # After the write (and again after commit): cached match pages are stale from here.
        matching_index_changed()
    if failure is not None:
        raise failure


def index_profiles_sync(*, profile_ids: Iterable[int], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Index the public ones of `profile_ids`, drop the others; returns how many are indexed."""
    indexed = 0
    for batch in _chunks(sorted(set(profile_ids)), batch_size):
        docs = profile_documents(profile_ids=batch)
        gone = [i for i in batch if i not in docs]
        present = list(docs.values())

        def write(
            backend: backends.MatchingBackend, present: list[Any] = present, gone: list[int] = gone
        ) -> None:
            backend.index_profiles(docs=present)
            if gone:
                backend.delete_profiles(ids=gone)

        _each_backend(write)
        indexed += len(present)
    return indexed


def index_gigs_sync(*, gig_ids: Iterable[int], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Index the open, visible ones of `gig_ids`, drop the others; returns how many are indexed."""
    indexed = 0
    for batch in _chunks(sorted(set(gig_ids)), batch_size):
        docs = gig_documents(gig_ids=batch)
        gone = [i for i in batch if i not in docs]
        present = list(docs.values())

        def write(
            backend: backends.MatchingBackend, present: list[Any] = present, gone: list[int] = gone
        ) -> None:
            backend.index_gigs(docs=present)
            if gone:
                backend.delete_gigs(ids=gone)

        _each_backend(write)
        indexed += len(present)
    return indexed


def index_for_skills(*, skill_ids: Iterable[int]) -> None:
    """A skill's labels or state changed: re-index every profile and gig that holds it."""
    ids = list(skill_ids)
    matching_index_changed()  # its related skills may have changed, whether anyone holds it
    index_profiles_sync(
        profile_ids=ProfileSkill.objects.filter(skill_id__in=ids)
        .values_list("profile_id", flat=True)
        .distinct()
    )
    index_gigs_sync(
        gig_ids=GigSkill.objects.filter(skill_id__in=ids)
        .values_list("gig_id", flat=True)
        .distinct()
    )


def index_for_contract(*, contract_id: int) -> None:
    """A contract changed state: the freelancer's completed-contract count may have changed."""
    profile_id = (
        Contract.objects.filter(id=contract_id).values_list("freelancer_id", flat=True).first()
    )
    if profile_id is not None:
        index_profiles_sync(profile_ids=[profile_id])


def public_profile_ids() -> Iterator[int]:
    return (
        FreelancerProfile.objects.filter(visibility=ProfileVisibility.PUBLIC, user__is_active=True)
        .order_by("id")
        .values_list("id", flat=True)
        .iterator(chunk_size=5000)
    )


def open_gig_ids() -> Iterator[int]:
    return (
        Gig.objects.filter(status=GigStatus.OPEN, moderation_state=ModerationState.VISIBLE)
        .order_by("id")
        .values_list("id", flat=True)
        .iterator(chunk_size=5000)
    )


def search_rebuild(
    *, batch_size: int = DEFAULT_BATCH_SIZE, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Rebuild every write backend's index from the database.

    The database index is emptied and refilled in one pass; Elasticsearch builds a new
    versioned index and swaps the alias at the end, so readers never see a half-built index.
    """
    counts = {"profile": 0, "gig": 0}
    for backend in backends.get_write_backends():
        backend.begin_rebuild()
        for kind, ids in (("profile", public_profile_ids()), ("gig", open_gig_ids())):
            counts[kind] = 0
            for batch in _chunks(ids, batch_size):
                if kind == "profile":
                    backend.index_profiles(docs=list(profile_documents(profile_ids=batch).values()))
                else:
                    backend.index_gigs(docs=list(gig_documents(gig_ids=batch).values()))
                counts[kind] += len(batch)
                if progress is not None:
                    progress(f"{backend.name}:{kind}", len(batch))
        backend.finish_rebuild()
        matching_index_changed()
    return counts


@dataclass
class CheckReport:
    backend: str
    kind: str
    expected: int
    indexed: int
    missing: list[int]
    extra: list[int]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


def search_check() -> list[CheckReport]:
    """Per backend and kind: counts, and the ids missing from the index or extra in it."""
    expected = {"profile": set(public_profile_ids()), "gig": set(open_gig_ids())}
    reports = []
    for backend in backends.get_write_backends():
        for kind, ids in expected.items():
            indexed = backend.indexed_ids(kind=kind)
            reports.append(
                CheckReport(
                    backend=backend.name,
                    kind=kind,
                    expected=len(ids),
                    indexed=len(indexed),
                    missing=sorted(ids - indexed),
                    extra=sorted(indexed - ids),
                )
            )
    return reports
