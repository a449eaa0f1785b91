"""What the fuzzer's requests got back, per operation: proof that cases reach the handlers.

A fuzz run whose cases all bounce with 401/403/400 checks the front door only. Every response
status is counted per operation (and separately for the stateful runs); at the end of the
session the counts go to var/test-reports/fuzz-statuses[-shard].json and the terminal summary
names the operations where no case got a 2xx.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


class StatusTally:
    def __init__(self) -> None:
        self.counts: dict[str, Counter[int]] = defaultdict(Counter)

    def record(self, case: Any, status: int, *, stateful: bool = False) -> None:
        label = f"{case.operation.method.upper()} {case.operation.path}"
        self.counts[f"stateful {label}" if stateful else label][status] += 1

    def write(self, folder: Path) -> Path:
        shard = os.environ.get("FUZZ_SHARD", "").replace("/", "of")
        path = folder / (f"fuzz-statuses-{shard}.json" if shard else "fuzz-statuses.json")
        folder.mkdir(parents=True, exist_ok=True)
        data = {label: dict(sorted(c.items())) for label, c in sorted(self.counts.items())}
        path.write_text(json.dumps(data, indent=1) + "\n")
        return path

    def never_succeeded(self) -> list[str]:
        return sorted(
            label
            for label, counts in self.counts.items()
            if not label.startswith("stateful ") and not any(200 <= s < 300 for s in counts)
        )


STATUSES = StatusTally()
