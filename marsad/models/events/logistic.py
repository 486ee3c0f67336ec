"""L2-regularised logistic regression over sparse binary features, in numpy (training and cross-validation only).

Scikit-learn is not needed: the quality gate retrains inside cross-validation on every run, so the trainer must be
small, deterministic and available wherever numpy is. Each row is scaled to unit length (1/sqrt(#features)), which
bounds the loss's curvature and lets a fixed-step accelerated gradient descent converge in a few hundred steps.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np


class SparseRows:
    """Rows of feature bucket numbers as CSR arrays, each row scaled to unit length."""

    def __init__(self, rows: Sequence[Sequence[int]], columns: dict[int, int] | None = None) -> None:
        if columns is None:
            columns = {}
            for r in rows:
                for f in r:
                    columns.setdefault(f, len(columns))
        self.columns = columns
        idx, ptr, val = [], [0], []
        for r in rows:
            known = [columns[f] for f in r if f in columns]
            idx += known
            val += [1.0 / math.sqrt(max(1, len(r)))] * len(known)
            ptr.append(len(idx))
        self.indices = np.asarray(idx, dtype=np.int64)
        self.values = np.asarray(val, dtype=np.float64)
        self.indptr = np.asarray(ptr, dtype=np.int64)
        self.lengths = np.diff(self.indptr)
        self.n = len(rows)

    def dot(self, w: np.ndarray) -> np.ndarray:
        prod = w[self.indices] * self.values
        out = np.zeros(self.n)
        nz = self.lengths > 0
        out[nz] = np.add.reduceat(prod, self.indptr[:-1][nz]) if len(prod) else 0.0
        return out

    def tdot(self, err: np.ndarray, width: int) -> np.ndarray:
        return np.bincount(self.indices, weights=self.values * np.repeat(err, self.lengths), minlength=width)


def fit(rows: Sequence[Sequence[int]], labels: Sequence[float], c: float, steps: int = 400,
        keep: frozenset[int] | None = None) -> tuple[dict[int, float], float]:
    """Weights per feature bucket (only those in ``keep``, when given) and the intercept minimising
    mean log-loss + ||w||^2 / (2 c n); labels are 0/1 or soft targets in [0, 1] (cross-entropy against them)."""
    columns = None
    if keep is not None:
        columns = {}
        for r in rows:
            for f in r:
                if f in keep:
                    columns.setdefault(f, len(columns))
    X = SparseRows(rows, columns)
    y = np.asarray(labels, dtype=np.float64)
    d, n = len(X.columns), max(1, X.n)
    lam = 1.0 / (c * n)
    w = np.zeros(d + 1)  # last entry: intercept
    v = w.copy()
    step = 1.0 / (0.25 * 2 + lam)  # curvature bound: rows of unit length plus the intercept's column of ones
    prev = w.copy()
    for t in range(1, steps + 1):
        z = X.dot(v[:-1]) + v[-1]
        err = (1.0 / (1.0 + np.exp(-z)) - y) / n
        g = np.empty_like(w)
        g[:-1] = X.tdot(err, d) + lam * v[:-1]
        g[-1] = err.sum()
        w = v - step * g
        v = w + (t - 1) / (t + 2) * (w - prev)
        prev = w
    cols = {f: float(w[j]) for f, j in X.columns.items()}
    return cols, float(w[-1])


def predict(weights: dict[int, float], bias: float, rows: Sequence[Sequence[int]]) -> np.ndarray:
    """Probabilities for rows of bucket numbers (unknown buckets count in the length, weigh nothing)."""
    z = np.array([bias + sum(weights.get(f, 0.0) for f in r) / math.sqrt(max(1, len(r))) for r in rows])
    return 1.0 / (1.0 + np.exp(-z))
