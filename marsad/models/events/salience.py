"""Run-time scoring of PROTEST/ASSAULT candidates with the committed salience weights (plain Python, no sklearn).

``salience.json`` holds, per type, a bias and weights over CRC-32 buckets of the feature strings built in
:mod:`marsad.models.events.features`; the bias already absorbs the tuned decision threshold, so a confidence of
0.5 or more means "reports a current event of the type" (the operating point `marsad eval events` scores).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from marsad.models.events.features import hashed

MODEL = Path(__file__).resolve().parent / "salience.json"


class SalienceModel:
    """Per-type logistic weights over hashed features."""

    def __init__(self, spec: dict) -> None:
        self.types = {typ: (float(t["bias"]), {int(k): float(v) for k, v in t["weights"].items()})
                      for typ, t in spec["types"].items()}
        self.spec = spec

    @classmethod
    def load(cls, path: Path | None = None) -> "SalienceModel":
        return cls(json.loads((path or MODEL).read_text(encoding="utf-8")))

    def confidence(self, typ: str, features: list[str]) -> float | None:
        """Calibrated confidence (0.5 = the tuned threshold) for a candidate's features; None for other types."""
        got = self.types.get(typ)
        if got is None:
            return None
        bias, weights = got
        buckets = hashed(features)
        z = bias + sum(weights.get(f, 0.0) for f in buckets) / math.sqrt(max(1, len(buckets)))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


@lru_cache(maxsize=1)
def salience_model() -> SalienceModel | None:
    """The committed model, loaded once per process; None when the file is missing (rule confidences stay)."""
    return SalienceModel.load() if MODEL.is_file() else None
