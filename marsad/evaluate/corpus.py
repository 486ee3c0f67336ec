"""Locating ../shared and reading the SaudiNewsNet JSONL used by benchmarks."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[2]


def shared_dir(explicit: str | os.PathLike | None = None) -> Path:
    """``--shared`` if given, else MARSAD_SHARED, else ``../shared`` beside the repository."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("MARSAD_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def saudinewsnet(shared: Path, limit: int | None = None) -> Iterator[dict]:
    """Articles in file order (the first N are always the same N)."""
    folder = shared / "data" / "saudinewsnet" / "articles"
    if not folder.is_dir():
        raise FileNotFoundError(f"SaudiNewsNet not found under {folder}; pass --shared or set MARSAD_SHARED")
    n = 0
    for f in sorted(folder.glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                if limit is not None and n >= limit:
                    return
                rec = json.loads(line)
                n += 1
                yield rec
