"""Read the O*NET 29.3 .xlsx files without openpyxl (an .xlsx is zipped XML).

This product includes information from the O*NET 29.3 Database by the U.S. Department of
Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license.
O*NET® is a trademark of USDOL/ETA. See https://www.onetcenter.org/license_db.html.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

# The O*NET files live in the shared data folder beside the repository (not committed here);
# ONET_DIR overrides the place.
ONET_DIR = Path(
    os.environ.get("ONET_DIR", Path(__file__).resolve().parents[3] / "shared" / "data" / "onet")
)
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _col(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref)
    n = 0
    for ch in letters.group(0) if letters else "A":
        n = n * 26 + ord(ch) - 64
    return n - 1


def rows(name: str) -> Iterator[list[str]]:
    """Rows of the first sheet of `name` as lists of strings (header first)."""
    with zipfile.ZipFile(ONET_DIR / name) as z:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))  # noqa: S314  (local O*NET file)
            for si in root.findall("m:si", _NS):
                shared.append("".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")))
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))  # noqa: S314
        for row in sheet.iter(f"{{{_NS['m']}}}row"):
            out: list[str] = []
            for cell in row.findall("m:c", _NS):
                i = _col(cell.get("r", "A1"))
                while len(out) < i:
                    out.append("")
                v = cell.find("m:v", _NS)
                if cell.get("t") == "s" and v is not None:
                    out.append(shared[int(v.text or 0)])
                elif cell.get("t") == "inlineStr":
                    out.append("".join(t.text or "" for t in cell.iter(f"{{{_NS['m']}}}t")))
                else:
                    out.append(v.text if v is not None and v.text else "")
            yield out
