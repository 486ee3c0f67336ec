"""The marsad/1 contract: schema validity, round trips, and spans that always point at their text."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.document import Document, all_spans, from_dict
from marsad.pipeline import load_pipeline

REPO = Path(__file__).resolve().parents[1]
PIPELINE = load_pipeline()

WORDS = ["قال", "وزير", "الخارجية", "العراقي", "في", "بغداد", "الأربعاء", "إن", "«", "»", '"', "حلف", "الناتو",
         "الحلف", "500", "٣", "ألف", "مليون", "من", "إلى", "شباط", "فبراير", "الماضي", "أمس", "مساء", "بنسبة", "%",
         "دولار", "أكد", "مقدما", ".", "،", "؟", "\n", "ـ", "َ", "\u200f", "أضعاف", "ثمانية", "الرئيس", "ستولتنبرغ",
         "الاتحاد", "الأوروبي", "ﻻ", "2021", "/", "3", "قتيلا", "بين", "و", "عشرات", "رمضان", "1442", "هـ"]


def test_docs_schema_is_the_packaged_schema(schema):
    assert json.loads((REPO / "docs" / "schema.json").read_text(encoding="utf-8")) == schema


@given(text=st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
       published=st.sampled_from([None, "2021-03-03", "2015-08-01"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pipeline_spans_point_at_text_and_records_validate_and_round_trip(text, published, schema):
    doc = PIPELINE.analyze(text, published=published)
    for kind, a, b, t in all_spans(doc):
        assert 0 <= a <= b <= len(doc.text), kind
        assert doc.text[a:b] == t, kind
    for s in doc.sentences:
        assert doc.text[s.start:s.end].strip()
    d = doc.to_dict()
    jsonschema.validate(d, schema)
    assert from_dict(json.loads(json.dumps(d, ensure_ascii=False))) == doc
    ids = [e.id for e in doc.entities] + [q.id for q in doc.quotes] + [t.id for t in doc.times] + [v.id for v in doc.events]
    assert len(ids) == len(set(ids))
    known = {e.id for e in doc.entities}
    assert all(q.speaker in known for q in doc.quotes if q.speaker)
    for v in doc.events:
        assert set(v.actor) | set(v.recipient) <= known


def test_batch_turns_a_stage_failure_into_a_problem_and_goes_on():
    from marsad.pipeline import Pipeline, stage
    from marsad.stages.segment import segment

    @stage("explode", requires=("tokens",), provides=())
    def explode(doc):
        if "بوم" in doc.text:
            raise RuntimeError("boom")
        return doc

    out = list(Pipeline([segment, explode]).analyze_many(["نص عادي", "بوم", "نص آخر"]))
    assert [d.problems[0].code if d.problems else None for d in out] == [None, "M010", None]


def test_pipeline_names_a_missing_requirement_when_built():
    import pytest

    from marsad.errors import MarsadError
    from marsad.pipeline import Pipeline
    from marsad.stages.quotes import quotes

    with pytest.raises(MarsadError, match="requires"):
        Pipeline([quotes])
