"""The default stage order. Each import loads that stage's data or model once."""
from __future__ import annotations

import importlib

from marsad.pipeline import Stage

# (module, attribute) in run order.
DEFAULT = (
    ("marsad.stages.segment", "segment"),
    ("marsad.stages.dateline", "dateline"),
    ("marsad.stages.entities", "entities"),
    ("marsad.stages.times", "times"),
    ("marsad.stages.quantities", "quantities"),
    ("marsad.stages.quotes", "quotes"),
    ("marsad.stages.events", "events"),
)


def default_stages() -> list[Stage]:
    out = []
    for mod, attr in DEFAULT:
        obj = getattr(importlib.import_module(mod), attr)
        out.append(obj() if isinstance(obj, type) else obj)
    return out
