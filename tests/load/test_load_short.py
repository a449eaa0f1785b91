"""A short run of the sustained load (`make load` runs it for 5 minutes): real gunicorn on the
test database, the full mix for LOAD_TEST_SECONDS (20), then every write counted in
PostgreSQL. Fails on any error or lost, unacknowledged or duplicated write."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from tests.faults.servers import gunicorn
from tests.load import report
from tests.load.driver import Load
from tests.load.run import SERVER_ENV
from tests.load.seed import cast_create
from tests.load.verify import writes_check

SECONDS = float(os.environ.get("LOAD_TEST_SECONDS", "20"))


@pytest.mark.django_db(transaction=True)
def test_mixed_load_has_no_error_and_loses_no_write(tmp_path: Path) -> None:
    cast = cast_create(freelancers=12, owners=4, gigs_per_owner=6)
    log = tmp_path / "gunicorn.log"
    with gunicorn(log, workers=2, env=SERVER_ENV) as base:
        load = Load(cast, base_url=base, public_gig_ids=cast.gig_ids)
        results = asyncio.run(load.run(seconds=SECONDS, workers=8, rate=0))
    checks = writes_check(results, run=cast.run)
    loadavg = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    context = {"load_before": "-", "load_after": loadavg}
    assert report.print_summary(results, checks, context), "errors or lost writes (see above)"
    assert all(check.acked > 0 for check in checks), "a kind of write never ran"
    assert "Traceback" not in log.read_text()


def test_the_write_check_catches_lost_duplicated_and_unacknowledged_rows() -> None:
    from tests.load.verify import _compare

    assert _compare("message_send", ["a", "b"], ["a", "b"], []).ok
    lost = _compare("message_send", ["a", "b"], ["a"], [])
    assert not lost.ok
    assert lost.lost == ["b"]
    twice = _compare("message_send", ["a"], ["a", "a"], [])
    assert not twice.ok
    assert twice.duplicated == ["a"]
    extra = _compare("message_send", ["a"], ["a", "c"], [])
    assert not extra.ok
    assert extra.unacked_stored == ["c"]
    # a write whose answer never came may be stored; the run fails on its error anyway
    assert _compare("message_send", ["a"], ["a", "c"], ["c"]).unacked_stored == []
