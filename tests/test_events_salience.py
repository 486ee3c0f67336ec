"""The event-salience model: its trainer, its features, and how the events stage uses its confidence."""
from __future__ import annotations

import math
import zlib

import numpy as np
import pytest

import marsad.stages.events as events_module
from marsad.document import Document
from marsad.models.events.features import hashed
from marsad.models.events.logistic import SparseRows, fit, predict
from marsad.models.events.salience import SalienceModel, salience_model
from marsad.models.events.train import Row, _instances, folds, nested_cv, prf
from marsad.stages.events import candidate_features, events
from marsad.stages.segment import segment


class Always:
    """A stand-in model that gives every candidate the same confidence."""

    def __init__(self, value: float) -> None:
        self.value = value

    def confidence(self, typ: str, features: list[str]) -> float:
        return self.value


def code(text: str, model=None, monkeypatch=None) -> Document:
    if monkeypatch is not None:
        monkeypatch.setattr(events_module, "salience_model", lambda: model)
    return events(segment(Document(id="t", text=text, published="2024-05-08")))


def test_salience_feature_buckets_are_stable_crc32_numbers():
    assert hashed(["w=PROTEST:مظاهره"]) == [zlib.crc32("w=PROTEST:مظاهره".encode()) & ((1 << 20) - 1)]
    assert hashed(["a", "a", "b"]) == sorted(set(hashed(["a"]) + hashed(["b"])))


def test_salience_logistic_fit_reaches_the_regularised_optimum():
    rng = np.random.default_rng(0)
    rows = [sorted(set(rng.integers(0, 30, size=6).tolist())) for _ in range(200)]
    y = [int((3 in r) or (7 in r and rng.random() < 0.5)) for r in rows]
    c = 2.0
    w, b = fit(rows, y, c, steps=3000)
    X = SparseRows(rows)
    wv = np.zeros(len(X.columns))
    for f, j in X.columns.items():
        wv[j] = w[f]
    err = (1 / (1 + np.exp(-(X.dot(wv) + b))) - np.array(y)) / len(y)
    grad = X.tdot(err, len(wv)) + wv / (c * len(y))
    assert abs(err.sum()) < 1e-4 and np.abs(grad).max() < 1e-4
    assert w[3] > 0


def test_salience_folds_are_stratified_and_fixed():
    rows = [Row(f"r{i}", int(i % 4 == 0), [[i]]) for i in range(100)]
    f1, f2 = folds(rows), folds(rows)
    assert f1 == f2
    for k in range(5):
        assert sum(1 for r, g in zip(rows, f1) if g == k and r.label) == 5


def test_salience_nested_cv_scores_only_rows_it_did_not_train_on():
    # Each row's only feature is unique to it: no fold can learn it, so held-out scores carry no label signal.
    rows = [Row(f"r{i}", int(i % 3 == 0), [[1000 + i]]) for i in range(60)]
    scores, labels = nested_cv(rows)
    assert len(set(np.round(scores, 6))) <= 5  # one value per fold: the fold's intercept
    assert prf(scores, labels, 0.5)[2] <= 0.6


def test_salience_confidence_is_half_at_the_tuned_threshold():
    spec = {"types": {"PROTEST": {"bias": 0.0, "weights": {}}}}
    m = SalienceModel(spec)
    assert m.confidence("PROTEST", ["x"]) == pytest.approx(0.5)
    assert m.confidence("CONSULT", ["x"]) is None
    spec["types"]["PROTEST"]["weights"] = {str(hashed(["x"])[0]): 2.0}
    assert SalienceModel(spec).confidence("PROTEST", ["x", "y"]) == pytest.approx(1 / (1 + math.exp(-2 / math.sqrt(2))))


def test_salience_committed_model_loads_with_both_types():
    m = salience_model()
    assert m is not None and set(m.types) == {"PROTEST", "ASSAULT"}
    assert 0 < m.spec["types"]["PROTEST"]["threshold"] < 1


def test_salience_sets_the_confidence_of_protest_events_from_the_model(monkeypatch):
    doc = code("وتظاهر آلاف الطلاب أمس أمام وزارة التعليم في عمان.", Always(0.83), monkeypatch)
    protests = [e for e in doc.events if e.type == "PROTEST"]
    assert protests and all(e.confidence == 0.83 for e in protests)


def test_salience_leaves_other_event_types_to_the_rules(monkeypatch):
    text = "وتظاهر آلاف الطلاب أمس أمام وزارة التعليم. والتقى الوزير وفدا من الطلاب."
    ruled = {e.type: e.confidence for e in code(text, None, monkeypatch).events if e.type != "PROTEST"}
    scored = {e.type: e.confidence for e in code(text, Always(0.2), monkeypatch).events if e.type != "PROTEST"}
    assert ruled == scored


def test_salience_codes_protesters_without_a_trigger_word_when_confident(monkeypatch):
    text = "وهتف المتظاهرون أمام مبنى البرلمان مطالبين بخفض الأسعار."
    assert not [e for e in code(text, Always(0.3), monkeypatch).events if e.type == "PROTEST"]
    doc = code(text, Always(0.9), monkeypatch)
    (ev,) = [e for e in doc.events if e.type == "PROTEST"]
    assert ev.trigger.text == "المتظاهرون" and doc.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
    assert ev.actor and doc.entity(ev.actor[0]).role == "protester"


def test_salience_never_turns_a_negated_protest_into_an_event(monkeypatch):
    doc = code("ولم يتظاهر الطلاب أمس رغم دعوات النقابة.", Always(0.99), monkeypatch)
    assert not [e for e in doc.events if e.type == "PROTEST" and not e.negated]


def test_salience_candidates_carry_features_for_assault_triggers():
    doc = segment(Document(id="t", text="وفجر انتحاري نفسه في سوق مزدحم فقتل عشرة أشخاص."))
    cands = [c for c in candidate_features(doc) if c.type == "ASSAULT"]
    assert cands and "type=ASSAULT" in cands[0].features


def test_salience_trainer_agrees_with_scikit_learn():
    sklearn = pytest.importorskip("sklearn.linear_model", reason="scikit-learn (train extra) not installed")
    sparse = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(1)
    rows = [sorted(set(rng.integers(0, 40, size=8).tolist())) for _ in range(300)]
    y = [int(len({1, 2, 3} & set(r)) >= 1 and rng.random() < 0.8) for r in rows]
    w, b = fit(rows, y, 2.0, steps=3000)
    X = SparseRows(rows)
    M = sparse.csr_matrix((X.values, X.indices, X.indptr), shape=(X.n, len(X.columns)))
    ref = sklearn.LogisticRegression(C=2.0, tol=1e-10, max_iter=10_000).fit(M, y)
    ours = np.array([w[f] for f, _ in sorted(X.columns.items(), key=lambda kv: kv[1])])
    assert np.abs(ours - ref.coef_[0]).max() < 1e-3 and abs(b - ref.intercept_[0]) < 1e-3


def test_salience_fit_follows_soft_targets_between_the_hard_ones():
    # Three kinds of rows, all with the same single feature apart from a marker: a row whose target is the vote
    # share 2/3 must end up between rows labelled 0 and 1, and near 2/3 when the penalty is weak.
    rows = [[1, 10], [1, 11], [1, 12]] * 40
    y = [0.0, 2 / 3, 1.0] * 40
    w, b = fit(rows, y, c=1000.0, steps=4000)
    p = predict(w, b, [[1, 10], [1, 11], [1, 12]])
    assert p[0] < p[1] < p[2]
    assert p[1] == pytest.approx(2 / 3, abs=0.03)


def test_salience_rows_train_on_the_vote_share_and_score_on_the_label():
    assert Row("a", 1, [[1]], 2 / 3).soft == pytest.approx(2 / 3)
    assert Row("b", 0, [[1]]).soft == 0.0
    assert _instances([Row("a", 1, [[1], [2]], 0.75)]) == ([[1], [2]], [0.75, 0.75])
