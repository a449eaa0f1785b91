"""Hardening suites: uploads land in a temporary folder, never var/media.

`make fuzz` splits the fuzz run over FUZZ_JOBS processes: FUZZ_SHARD=k/n keeps every n-th
test from the k-th on, and gives the process a test database of its own (test_…_fuzzk), as
pytest-xdist does for its workers.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import _set_suffix_to_test_databases


def _shard() -> tuple[int, int] | None:
    value = os.environ.get("FUZZ_SHARD")
    if not value:
        return None
    index, count = (int(part) for part in value.split("/"))
    assert 0 <= index < count, f"FUZZ_SHARD={value}: expected k/n with 0 <= k < n"
    return index, count


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    shard = _shard()
    if shard is None:
        return
    index, count = shard
    kept = [item for position, item in enumerate(items) if position % count == index]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.hardening.tally import STATUSES

    if not STATUSES.counts:
        return
    path = STATUSES.write(Path("var/test-reports"))
    total = sum(sum(c.values()) for c in STATUSES.counts.values())
    by_class: Counter[str] = Counter()
    for counts in STATUSES.counts.values():
        for status, n in counts.items():
            by_class[f"{status // 100}xx"] += n
    terminalreporter.write_line(
        f"fuzz: {total} responses ({', '.join(f'{k} {v}' for k, v in sorted(by_class.items()))})"
        f"; per operation in {path}"
    )
    never = STATUSES.never_succeeded()
    if never:
        terminalreporter.write_line(f"fuzz: no 2xx for {len(never)} operations: {', '.join(never)}")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    shard = _shard()
    if shard is not None:
        _set_suffix_to_test_databases(suffix=f"fuzz{shard[0]}")


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root
