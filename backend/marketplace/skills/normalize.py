"""The one normalisation of skill names, used for aliases at load time and lookups at query time.

"React.js", "ReactJS", "react js" and "React" must meet: case, accents kept (they carry
meaning in de/fr), but spaces, dots, hyphens, underscores and slashes dropped.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[\s.\-_/]+")


def normalize_skill_name(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).casefold().strip()
    return _DROP.sub("", text)
