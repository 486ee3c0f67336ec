"""Quality gate: PROTEST and ASSAULT detection on the Arabic event gold standard (dev half) stays above its floors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.evaluate.events import GSR, default_pipeline, evaluate, format_table

FLOORS = Path(__file__).resolve().parents[1] / "marsad" / "evaluate" / "floors.json"
KEYS = ("events_protest_f1", "events_assault_f1", "events_protest_actor_match", "events_assault_actor_match")


@pytest.fixture(scope="module")
def scores(shared_dir):
    if not (shared_dir / GSR).is_dir():
        pytest.skip(f"event gold standard absent ({shared_dir / GSR})")
    out = evaluate(shared_dir, default_pipeline())
    print(format_table(out))
    return out


@pytest.mark.parametrize("key", KEYS)
def test_events_quality_on_the_gold_standard_stays_above_the_floor(scores, key):
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))[key]
    assert scores[key] >= floor, f"{key} {scores[key]:.3f} fell below the floor {floor}"
