"""Viterbi decoding of many sentences at once, compiled with numba.

The numpy version stepped through token positions with five array calls per step, ~6 µs per token in the
pipeline; compiled loops over the 9 x 9 label pairs take ~0.1 µs per token. Ties go to the lowest label index
and additions run in crfsuite's order (previous score + transition, then + state score), so paths equal
pycrfsuite's. The compiled function is cached on disk by numba (first use in a fresh install ~1.5 s).
"""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def _decode(em, starts, lens, trans):  # pragma: no cover - compiled
    n_lab = trans.shape[0]
    out = np.empty(em.shape[0], dtype=np.int64)
    score = np.empty(n_lab)
    nxt = np.empty(n_lab)
    back = np.empty((em.shape[0], n_lab), dtype=np.int64)
    for s in range(starts.shape[0]):
        a = starts[s]
        n = lens[s]
        if n == 0:
            continue
        for j in range(n_lab):
            score[j] = em[a, j]
        for t in range(a + 1, a + n):
            for j in range(n_lab):
                best = score[0] + trans[0, j]
                arg = 0
                for i in range(1, n_lab):
                    v = score[i] + trans[i, j]
                    if v > best:
                        best = v
                        arg = i
                nxt[j] = best + em[t, j]
                back[t, j] = arg
            for j in range(n_lab):
                score[j] = nxt[j]
        k = 0
        for j in range(1, n_lab):
            if score[j] > score[k]:
                k = j
        t = a + n - 1
        out[t] = k
        while t > a:
            k = back[t, k]
            t -= 1
            out[t] = k
    return out


def decode(em: np.ndarray, starts: np.ndarray, lens: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Best label index per row of ``em`` (tokens x labels), sentence i being rows starts[i]:starts[i]+lens[i]."""
    return _decode(np.ascontiguousarray(em, dtype=np.float64), np.asarray(starts, dtype=np.int64),
                   np.asarray(lens, dtype=np.int64), np.ascontiguousarray(trans, dtype=np.float64))
