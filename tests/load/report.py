"""The load run's summary: totals, per-kind counts and latencies, errors, the write checks."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tests.load.driver import WRITES, Results, by_kind, percentile
from tests.load.verify import WriteCheck


def print_summary(results: Results, checks: list[WriteCheck], context: dict[str, Any]) -> bool:
    """Print the summary; True when there was no error and no lost or duplicated write."""
    seconds = max(results.ended - results.started, 1e-9)
    outcomes = results.outcomes
    failures = results.failures()
    statuses = Counter(o.status for o in failures)
    latencies = [o.ms for o in outcomes]
    print(
        f"load: {len(outcomes)} requests in {seconds:.1f} s = {len(outcomes) / seconds:.1f} rps;"
        f" p50 {percentile(latencies, 0.5):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms,"
        f" p99 {percentile(latencies, 0.99):.1f} ms, max {max(latencies, default=0):.0f} ms"
    )
    slowest = max(outcomes, key=lambda o: o.ms, default=None)
    if slowest is not None:
        print(f"load: slowest: {slowest.kind}, {slowest.ms:.0f} ms, started at {slowest.at:.1f} s")
    print(f"load: machine load average (1/5/15 min) before {context['load_before']},"
          f" after {context['load_after']}")  # fmt: skip
    print(f"{'kind':<20}{'requests':>9}{'ok':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}")
    table = by_kind(results)
    for kind in sorted(table, key=lambda k: (k in WRITES, k)):
        ms = [o.ms for o in outcomes if o.kind == kind]
        total = sum(table[kind].values())
        ok = len([o for o in outcomes if o.kind == kind]) - len(
            [o for o in failures if o.kind == kind]
        )
        print(
            f"{kind:<20}{total:>9}{ok:>9}{total - ok:>8}"
            f"{percentile(ms, 0.5):>9.1f}{percentile(ms, 0.95):>9.1f}"
        )
    socket_errors = statuses.pop(0, 0)
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    print(
        f"load: errors {len(failures)} (5xx {server_errors}, socket/timeout {socket_errors},"
        f" other {sum(statuses.values()) - server_errors}: {dict(statuses)})"
    )
    for failure in failures[:10]:
        print(f"  {failure.kind} {failure.status} {failure.detail[:200]}")
    all_ok = not failures
    for check in checks:
        expected = check.acked if check.expected_rows is None else check.expected_rows
        verdict = "ok" if check.ok else "FAILED"
        print(
            f"writes {check.kind:<16} 2xx {check.acked:>6}  rows {check.rows:>6}"
            f" (expected {expected})  lost {len(check.lost)}"
            f"  unacknowledged {len(check.unacked_stored)}  duplicated {len(check.duplicated)}"
            f"  {verdict}"
        )
        for name in ("lost", "unacked_stored", "duplicated"):
            if getattr(check, name):
                print(f"  {name}: {getattr(check, name)[:10]}")
        all_ok = all_ok and check.ok
    writes = sum(c.acked for c in checks)
    print(
        f"load {'PASSED' if all_ok else 'FAILED'}: {len(outcomes)} requests,"
        f" {len(outcomes) / seconds:.1f} rps, {writes} writes acknowledged,"
        f" {len(failures)} errors, p95 {percentile(latencies, 0.95):.1f} ms"
    )
    return all_ok
