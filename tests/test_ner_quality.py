"""Quality gate: the committed NER model must keep its ANERcorp test F1 at or above the recorded floor."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.evaluate.ner import anercorp_test_path, evaluate_file, format_table

FLOORS = Path(__file__).resolve().parents[1] / "marsad" / "evaluate" / "floors.json"


def test_ner_f1_on_anercorp_test_stays_above_the_floor(shared_dir):
    path = anercorp_test_path(shared_dir)
    if not path.exists():
        pytest.skip(f"ANERcorp test split absent ({path})")
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["ner_anercorp_test_f1"]
    scores = evaluate_file(path)
    print(format_table(scores))
    assert scores["overall"].f1 >= floor, f"NER F1 {scores['overall'].f1:.2f} fell below the floor {floor}"
