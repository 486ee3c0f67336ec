"""Event scoring on the Arabic event gold standard (development half) in ../shared.

Sentence-level detection: a sentence is gold-positive for PROTEST/ASSAULT when accept > reject, and
predicted-positive when a non-negated event of that type is coded in it with confidence >= 0.5 (the salience
model's tuned threshold). The committed salience model was trained on this same dev half, so the detection
figures reported (and gated) are CROSS-VALIDATED: nested 5-fold CV retrains the model on four folds, chooses the
threshold by an inner CV on those folds, and scores the fifth (:func:`marsad.models.events.train.nested_cv`).
``detect`` scores the pipeline as it ships (in-sample for the dev half, so inflated). Actor agreement: on the span
files, how often the coded actor's mention shares a word with what annotators marked as the source actor.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from marsad.arabic.clitics import base_form
from marsad.arabic.normalize import fold_str
from marsad.document import Document
from marsad.pipeline import Pipeline, load_pipeline

GSR = Path("data") / "arabic-event-gsr-dev"
TYPES = ("PROTEST", "ASSAULT")
# Events below this confidence are not counted as detections; the stage still emits them. For PROTEST and ASSAULT
# the confidence is the salience model's, whose bias absorbs the tuned threshold: 0.5 is its operating point.
MIN_CONFIDENCE = 0.5


@dataclass
class Detection:
    type: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (fp|fn, sentence id), for inspection only
    ceiling: float | None = None  # share of positives with a candidate (sentences without one are negative)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ActorMatch:
    type: str
    gold: int = 0       # span records with an annotated source actor
    coded: int = 0      # ... where an event of the type was coded
    matched: int = 0    # ... whose actor overlaps the annotated source

    @property
    def rate(self) -> float:
        return self.matched / self.coded if self.coded else 0.0

    @property
    def coverage(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


def default_pipeline() -> Pipeline:
    """The default pipeline, with the events stage appended when the registry does not list it yet."""
    pipe = load_pipeline()
    if "events" in {s.name for s in pipe.stages}:
        return pipe
    from marsad.stages.events import events

    return Pipeline([*pipe.stages, events])


def _coded(doc: Document, typ: str, min_confidence: float = MIN_CONFIDENCE) -> list:
    return [e for e in doc.events if e.type == typ and not e.negated and e.confidence >= min_confidence]


def detect(shared: Path, typ: str, pipeline: Pipeline, min_confidence: float = MIN_CONFIDENCE) -> Detection:
    """Sentence-level detection scores for one event type."""
    path = shared / GSR / f"{typ.lower()}_sentences.csv"
    res = Detection(typ)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gold = int(row["accept"]) > int(row["reject"])
            doc = pipeline.run(Document(id=row["id"], text=row["text"]))
            pred = bool(_coded(doc, typ, min_confidence))
            if gold and pred:
                res.tp += 1
            elif pred:
                res.fp += 1
                res.errors.append(("fp", row["id"]))
            elif gold:
                res.fn += 1
                res.errors.append(("fn", row["id"]))
            else:
                res.tn += 1
    return res


def _words(tokens: Iterable[str]) -> set[str]:
    return {base_form(fold_str(t)) for t in tokens if len(t) > 1}


def actor_match(shared: Path, typ: str, pipeline: Pipeline) -> ActorMatch:
    """How often the coded actor overlaps the annotated source actor (any annotator's, or the consensus)."""
    res = ActorMatch(typ)
    records = json.loads((shared / GSR / f"{typ.lower()}_spans.json").read_text(encoding="utf-8"))
    for rec in records:
        gold: set[str] = set()
        for sp in rec.get("spans", ()):
            gold |= _words(sp.get("source_actor") or ())
        if rec.get("source_gold"):
            gold |= _words(rec["source_gold"].split())
        if not gold:
            continue
        res.gold += 1
        doc = pipeline.run(Document(id=str(rec.get("_id", "")), text=rec["text"]))
        evs = _coded(doc, typ)
        if not evs:
            continue
        res.coded += 1
        names: set[str] = set()
        for ev in evs:
            for eid in ev.actor:
                ent = doc.entity(eid)
                if ent is not None:
                    for m in ent.mentions:
                        names |= _words(m.text.split())
        if names & gold:
            res.matched += 1
    return res


def cross_validated(shared: Path, pipeline: Pipeline, min_confidence: float = MIN_CONFIDENCE
                    ) -> dict[str, Detection]:
    """Detection per type from the salience model's pooled out-of-fold predictions (nested 5-fold CV)."""
    from marsad.models.events.train import build_rows, nested_cv

    out = {}
    for typ, rows in build_rows(shared, pipeline).items():
        scores, _ = nested_cv(rows)
        res = Detection(typ)
        for row, score in zip(rows, scores):
            pred = bool(row.candidates) and score >= min_confidence
            if row.label and pred:
                res.tp += 1
            elif pred:
                res.fp += 1
                res.errors.append(("fp", row.id))
            elif row.label:
                res.fn += 1
                res.errors.append(("fn", row.id))
            else:
                res.tn += 1
        res.ceiling = sum(1 for r in rows if r.label and r.candidates) / max(1, sum(r.label for r in rows))
        out[typ] = res
    return out


def evaluate(shared: Path, pipeline: Pipeline | None = None,
             min_confidence: float = MIN_CONFIDENCE, cv: bool = True) -> dict[str, float]:
    """All figures as a flat dict (the keys the quality gate in floors.json uses); detection cross-validated
    unless ``cv`` is False (then the shipped model scores the data it was trained on)."""
    pipeline = pipeline or default_pipeline()
    out: dict[str, float] = {}
    cvd = cross_validated(shared, pipeline, min_confidence) if cv else {}
    for typ in TYPES:
        d = cvd[typ] if cv else detect(shared, typ, pipeline, min_confidence)
        a = actor_match(shared, typ, pipeline)
        t = typ.lower()
        out.update({
            f"events_{t}_precision": d.precision, f"events_{t}_recall": d.recall, f"events_{t}_f1": d.f1,
            f"events_{t}_actor_match": a.rate, f"events_{t}_actor_coverage": a.coverage,
        })
        if d.ceiling is not None:
            out[f"events_{t}_recall_ceiling"] = d.ceiling
    return out


def format_table(scores: dict[str, float]) -> str:
    cv = any(k.endswith("_recall_ceiling") for k in scores)
    lines = [("detection: nested 5-fold cross-validated (salience model retrained per fold)" if cv else
              "detection: the shipped model on its own training data (in-sample, inflated)"),
             f"{'type':<9} {'P':>6} {'R':>6} {'F1':>6}   actor-match  actor-coverage"]
    for typ in TYPES:
        t = typ.lower()
        lines.append(
            f"{typ:<9} {scores[f'events_{t}_precision']:6.3f} {scores[f'events_{t}_recall']:6.3f} "
            f"{scores[f'events_{t}_f1']:6.3f}   {scores[f'events_{t}_actor_match']:11.3f}  "
            f"{scores[f'events_{t}_actor_coverage']:14.3f}")
    return "\n".join(lines)
