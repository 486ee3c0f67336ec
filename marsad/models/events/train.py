"""Train and cross-validate the event-salience model on the Arabic event gold standard (development half).

Data: ``../shared/data/arabic-event-gsr-dev`` (Open Event Data Alliance; MIT annotations, research-only text that is
read here and never written out). One instance per (segmented sentence, type) candidate. A row counts as positive
when accept > reject (that is what is scored), but the model is fitted to the row's share of accepting votes: with
three annotators, a 2-1 row and a 3-0 row are not equally sure, and half the PROTEST positives are 2-1 or 1-2 splits. The vote share (logistic regression
on soft targets) keeps that information instead of rounding it away; the threshold is still chosen on the hard
labels. A row is predicted positive when any of its candidates scores at or above the threshold.

Cross-validation: 5 folds stratified by label, fixed by a seeded CRC-32 order of the row ids. Inside each outer fold
the threshold (and, with ``tune_c``, the regularisation) is chosen by an inner 4-fold CV on the training folds only,
so the pooled out-of-fold predictions are never scored with a threshold that saw them.
"""
from __future__ import annotations

import csv
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from marsad.models.events.features import TYPES, hashed
from marsad.models.events.logistic import fit, predict

GSR = Path("data") / "arabic-event-gsr-dev"
MODEL = Path(__file__).resolve().parent / "salience.json"
C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0)
C_DEFAULT = 2.0
SEED = 13
FOLDS = 5
MIN_COUNT = 3


@dataclass
class Row:
    id: str
    label: int
    candidates: list[list[int]]  # hashed features of each candidate of the type in the row
    target: float | None = None  # the training target: the share of accepting votes (None: the label)

    @property
    def soft(self) -> float:
        return float(self.label) if self.target is None else self.target


def gsr_rows(shared: Path, typ: str) -> list[tuple[str, str, int, float]]:
    """(id, text, label = accept > reject, share of accepting votes) per GSR row."""
    out = []
    with (shared / GSR / f"{typ.lower()}_sentences.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            yes, no = int(r["accept"]), int(r["reject"])
            out.append((r["id"], r["text"], int(yes > no), yes / max(1, yes + no)))
    return out


def build_rows(shared: Path, pipeline=None) -> dict[str, list[Row]]:
    """Every GSR row with the hashed features of its candidates, per type (runs the pipeline once per row)."""
    from marsad.document import Document
    from marsad.stages.events import candidate_features

    pre = _pre_events(pipeline)
    out: dict[str, list[Row]] = {}
    for typ in TYPES:
        rows = []
        for rid, text, label, share in gsr_rows(shared, typ):
            doc = pre.run(Document(id=rid, text=text))
            cands = [hashed(c.features) for c in candidate_features(doc) if c.type == typ]
            rows.append(Row(rid, label, cands, share))
        out[typ] = rows
    return out


def _pre_events(pipeline=None):
    """The pipeline's stages before ``events`` (the default pipeline's when none is given)."""
    from marsad.pipeline import Pipeline

    if pipeline is None:
        from marsad.evaluate.events import default_pipeline

        pipeline = default_pipeline()
    return Pipeline([s for s in pipeline.stages if s.name != "events"])


def folds(rows: list[Row], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """Fold number of each row: stratified by label, in a seeded hash order of the ids."""
    out = [0] * len(rows)
    for label in (0, 1):
        idx = [i for i, r in enumerate(rows) if r.label == label]
        idx.sort(key=lambda i: (zlib.crc32(f"{seed}:{rows[i].id}".encode()), i))
        for n, i in enumerate(idx):
            out[i] = n % k
    return out


def _instances(rows: list[Row]) -> tuple[list[list[int]], list[float]]:
    X, y = [], []
    for r in rows:
        for c in r.candidates:
            X.append(c)
            y.append(r.soft)
    return X, y


def _train(rows: list[Row], c: float) -> tuple[dict[int, float], float]:
    """Fit on the candidates of ``rows``; features seen in fewer than MIN_COUNT candidates get no weight (they
    still count in a row's length), which keeps the committed file small and the model off one-off words."""
    X, y = _instances(rows)
    seen: dict[int, int] = {}
    for x in X:
        for f in x:
            seen[f] = seen.get(f, 0) + 1
    return fit(X, y, c, keep=frozenset(f for f, n in seen.items() if n >= MIN_COUNT))


def row_scores(model: tuple[dict[int, float], float], rows: list[Row]) -> np.ndarray:
    """The best candidate's probability per row (0 for rows without a candidate)."""
    w, b = model
    out = np.zeros(len(rows))
    for i, r in enumerate(rows):
        if r.candidates:
            out[i] = predict(w, b, r.candidates).max()
    return out


def prf(scores: np.ndarray, labels: np.ndarray, thr: float) -> tuple[float, float, float]:
    pred = scores >= thr
    tp = float((pred & (labels == 1)).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / labels.sum() if labels.sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The threshold maximising F1 on these scores (midpoint between neighbouring scores, for stability)."""
    cand = np.unique(scores[scores > 0])
    best, thr = -1.0, 0.5
    for n, s in enumerate(cand):
        f = prf(scores, labels, s)[2]
        if f > best:
            best = f
            thr = (s + cand[n - 1]) / 2 if n else s
    return float(thr)


def oof_scores(rows: list[Row], c: float, k: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """Out-of-fold row scores from k-fold CV."""
    fold = folds(rows, k, seed)
    out = np.zeros(len(rows))
    for f in range(k):
        train = [r for r, g in zip(rows, fold) if g != f]
        test = [i for i, g in enumerate(fold) if g == f]
        out[test] = row_scores(_train(train, c), [rows[i] for i in test])
    return out


def choose(rows: list[Row], tune_c: bool, seed: int = SEED) -> tuple[float, float]:
    """Regularisation and threshold chosen by CV on ``rows`` alone (F1 of the pooled out-of-fold scores)."""
    labels = np.array([r.label for r in rows])
    best = (-1.0, C_DEFAULT, 0.5)
    for c in (C_GRID if tune_c else (C_DEFAULT,)):
        s = oof_scores(rows, c, FOLDS - 1, seed + 1)
        thr = best_threshold(s, labels)
        f = prf(s, labels, thr)[2]
        if f > best[0]:
            best = (f, c, thr)
    return best[1], best[2]


def nested_cv(rows: list[Row], tune_c: bool = False, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Outer 5-fold CV with the threshold (and c) chosen inside each outer training part: (calibrated scores,
    labels), the scores shifted so that each fold's own threshold sits at 0.5."""
    fold = folds(rows, FOLDS, seed)
    out = np.zeros(len(rows))
    for f in range(FOLDS):
        train = [r for r, g in zip(rows, fold) if g != f]
        test = [i for i, g in enumerate(fold) if g == f]
        c, thr = choose(train, tune_c, seed)
        w, b = _train(train, c)
        b -= _logit(thr)
        out[test] = row_scores((w, b), [rows[i] for i in test])
    return out, np.array([r.label for r in rows])


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return float(np.log(p / (1 - p)))


def train_events(shared: Path, out: Path | None = None, tune_c: bool = False, echo=print) -> Path:
    """Fit the committed model on the whole dev half; report nested-CV figures; write ``salience.json``."""
    data = build_rows(shared)
    model: dict = {"format": "marsad-event-salience/1", "buckets": 1 << 20, "seed": SEED,
                   "data": "Open Event Data Alliance arabic_event_gsr, development half (MIT annotations)",
                   "types": {}}
    for typ in TYPES:
        rows = data[typ]
        scores, labels = nested_cv(rows, tune_c)
        p, r, f = prf(scores, labels, 0.5)
        ceiling = sum(1 for x in rows if x.label and x.candidates) / max(1, sum(x.label for x in rows))
        c, thr = choose(rows, tune_c)
        w, b = _train(rows, c)
        b -= _logit(thr)  # confidence 0.5 is the tuned threshold
        echo(f"{typ}: nested 5-fold CV P {p:.3f} R {r:.3f} F1 {f:.3f} (recall ceiling {ceiling:.3f}); "
             f"final c={c} threshold={thr:.3f}, {len(w)} features")
        model["types"][typ] = {
            "c": c, "threshold": round(thr, 4), "bias": round(b, 5),
            "cv": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "recall_ceiling": round(ceiling, 4)},
            "weights": {str(k): round(v, 5) for k, v in sorted(w.items()) if abs(v) >= 1e-5},
        }
    path = Path(out) / "salience.json" if out else MODEL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    return path
