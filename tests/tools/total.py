"""Total the JUnit XML reports of every test runner `make test` ran into one closing line.

Usage: python tests/tools/total.py var/test-reports

Prints one line per report, then `N passed, N failed` (`, N skipped` when some were) as the
very last line. Errors (a broken fixture, a collection error) count as failures. Exits 1 when
anything failed or no report was found, so the line never claims a run that did not happen.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Tally:
    passed: int = 0
    failed: int = 0
    skipped: int = 0

    def add(self, other: Tally) -> None:
        self.passed += other.passed
        self.failed += other.failed
        self.skipped += other.skipped

    def line(self) -> str:
        text = f"{self.passed} passed, {self.failed} failed"
        return f"{text}, {self.skipped} skipped" if self.skipped else text


def tally_report(path: Path) -> Tally:
    """Sum the <testsuite> counters of one JUnit XML file (pytest writes one suite per run)."""
    root = ET.parse(path).getroot()  # noqa: S314  (our own runners' reports, not untrusted input)
    suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
    tally = Tally()
    for suite in suites:
        tests, failures, errors, skipped = (
            int(suite.get(name, "0")) for name in ("tests", "failures", "errors", "skipped")
        )
        # pytest's `tests` includes errors, so an error in a passing test's teardown shows as
        # one passed and one failed, as pytest's own summary line says.
        tally.failed += failures + errors
        tally.skipped += skipped
        tally.passed += max(0, tests - failures - errors - skipped)
    return tally


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else Path("var/test-reports")
    reports = sorted(directory.glob("*.xml"))
    total = Tally()
    for report in reports:
        tally = tally_report(report)
        print(f"{report.stem}: {tally.line()}")
        total.add(tally)
    if not reports:
        print(f"no test reports in {directory}", file=sys.stderr)
    print(total.line())
    return 0 if reports and total.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
