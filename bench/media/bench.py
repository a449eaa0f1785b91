"""Image pipeline figures: time and peak memory of `image_clean` on typical and hostile inputs.

Runs the pipeline in-process (no database, no storage) on images made here with Pillow, each
case in a fresh child process so its peak resident memory (ru_maxrss) is its own. Prints one
line per case; figures, not pass/fail. `make bench-media`.
"""

from __future__ import annotations

import io
import json
import os
import resource
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "backend"))


def _photo(width: int, height: int) -> bytes:
    """A noisy photo-like JPEG (noise defeats compression, like a real photo's detail)."""
    from PIL import Image

    image = Image.effect_noise((width, height), 64).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def _png_bomb(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


CASES = {
    "jpeg 12 MP (4000x3000)": lambda: _photo(4000, 3000),
    "jpeg 2 MP (1600x1200)": lambda: _photo(1600, 1200),
    "png bomb 900 MP (110 KB)": lambda: _png_bomb(30_000, 30_000),
}


def _run_case(name: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from common.errors import DomainError
    from marketplace.media.processing import image_clean

    data = CASES[name]()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        result = image_clean(source=io.BytesIO(data), size=len(data))
        outcome = f"stored {result.width}x{result.height}, {len(result.data)} bytes"
    except DomainError as exc:
        outcome = exc.code
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "case": name,
                "upload_bytes": len(data),
                "outcome": outcome,
                "ms": round(elapsed * 1000),
                "peak_rss_growth_mb": round((peak - baseline) / 1024, 1),
            }
        )
    )


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        _run_case(sys.argv[2])
        return
    for name in CASES:
        subprocess.run([sys.executable, __file__, "--case", name], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
