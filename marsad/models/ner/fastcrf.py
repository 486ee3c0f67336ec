"""Fast CRF tagging: the committed crfsuite model's weights, scored per word type and decoded in batches.

pycrfsuite spends ~20 µs per token turning Python feature strings into C++ items. Almost every feature of
the template in ``features.py`` depends on one word only (the word itself, or a neighbour seen from the
left or right), so its weight vector is summed once per word type and cached; per token only the few
pair features are looked up. Viterbi then runs over all sentences of a document at once in numpy. The
tags are the same as pycrfsuite's (``tests/test_ner_fastcrf.py`` checks it on real text).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from marsad.models.ner.features import FeatureExtractor

_PAD = ("<s>", "<s>", "-", "<s>", "<s>")
_END = ("</s>", "</s>", "-", "</s>", "</s>")
# The per-neighbour templates of FeatureExtractor.sentence_features, by the neighbour's context tuple.
_P1 = (("w-1=", 0), ("c-1=", 1), ("q-1=", 2), ("b-1=", 3), ("k-1=", 4))
_N1 = (("w+1=", 0), ("c+1=", 1), ("q+1=", 2), ("b+1=", 3), ("k+1=", 4))
_P2 = (("w-2=", 0), ("c-2=", 1), ("q-2=", 2))
_N2 = (("w+2=", 0), ("c+2=", 1), ("q+2=", 2))
_GAZ_CODE = {"B": 0, "I": 1, "O": 2}


class FastCrf:
    """Tags sentences of folded words with the weights of a crfsuite model and a FeatureExtractor."""

    def __init__(self, model_path: Path, features: FeatureExtractor) -> None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_path))
        info = tagger.info()
        tagger.close()
        self.labels = sorted(info.labels, key=lambda lab: int(info.labels[lab]))
        lid = {lab: i for i, lab in enumerate(self.labels)}
        n_lab = len(self.labels)
        self._w: dict[str, np.ndarray] = {}
        for (attr, label), w in info.state_features.items():
            vec = self._w.get(attr)
            if vec is None:
                vec = self._w[attr] = np.zeros(n_lab)
            vec[lid[label]] = w
        self.trans = np.zeros((n_lab, n_lab))
        for (a, b), w in info.transitions.items():
            self.trans[lid[a], lid[b]] = w
        self.fx = features
        self._zero = np.zeros(n_lab)
        # every state feature as a row of one matrix (the last row is zeros), for one-call sums per word type
        self._attr_row = {a: i for i, a in enumerate(self._w)}
        self._W = np.vstack([np.stack(list(self._w.values())) if self._w else np.zeros((0, n_lab)),
                             np.zeros((1, n_lab))])
        self._zero_row = self._W.shape[0] - 1
        # word type -> row in the per-role tables (own, as previous, as next, as 2nd previous, as 2nd next)
        self._ids: dict[str, int] = {}
        self._size = 0
        self._table = np.zeros((0, 5, n_lab))
        self._pad_id, self._end_id = 0, 1
        self._append(self._role_vectors(None, _PAD))
        self._append(self._role_vectors(None, _END))
        # gazetteer marks B/I/O (codes 0-2); code 3 is the sentence edge (<s> before, </s> after)
        self._gaz_own = np.stack([self._sum(["gaz=" + k]) for k in ("B", "I", "O")])
        self._gaz_prev = np.stack([self._sum(["gaz-1=" + k]) for k in ("B", "I", "O", "<s>")])
        self._gaz_next = np.stack([self._sum(["gaz+1=" + k]) for k in ("B", "I", "O", "</s>")])
        self._bos = self._sum(["BOS"])
        # pair features (w-1|w, c|c+1 ...) are the only ones looked up per token
        pair_attrs = [a for a in self._w if "|" in a.split("=", 1)[0]]
        self._row = {a: i for i, a in enumerate(pair_attrs)}
        self._pairs = np.stack([self._w[a] for a in pair_attrs]) if pair_attrs else np.zeros((1, n_lab))

    def _sum(self, feats: Sequence[str]) -> np.ndarray:
        out = self._zero.copy()
        get = self._w.get
        for f in feats:
            v = get(f)
            if v is not None:
                out += v
        return out

    def _role_vectors(self, own: list[str] | None, ctx: tuple) -> np.ndarray:
        """(5, labels): the word's own features, and its features seen as w-1, w+1, w-2, w+2."""
        get = self._attr_row.get
        zero = self._zero_row
        rows: list[int] = []
        starts: list[int] = []
        for feats in (own or (), [p + ctx[i] for p, i in _P1], [p + ctx[i] for p, i in _N1],
                      [p + ctx[i] for p, i in _P2], [p + ctx[i] for p, i in _N2]):
            starts.append(len(rows))
            rows.append(zero)  # keeps every role's slice non-empty for reduceat
            rows.extend(r for r in map(get, feats) if r is not None)
        return np.add.reduceat(self._W[rows], starts, axis=0)

    def _word_ids(self, words: Sequence[str]) -> tuple[list[int], list[tuple]]:
        ids: list[int] = []
        ctxs: list[tuple] = []
        table_ids = self._ids
        for w in words:
            own, ctx = self.fx.word_features(w)
            k = table_ids.get(w)
            if k is None:
                k = table_ids[w] = self._size
                self._append(self._role_vectors(own, ctx))
            ids.append(k)
            ctxs.append(ctx)
        return ids, ctxs

    def _append(self, rows: np.ndarray) -> None:
        """Add one word type's role vectors; the table grows by doubling, never re-stacked per sentence."""
        if self._size == self._table.shape[0]:
            grown = np.zeros((max(1024, 2 * self._size), *rows.shape))
            grown[: self._size] = self._table[: self._size]
            self._table = grown
        self._table[self._size] = rows
        self._size += 1

    def state_scores(self, words: Sequence[str]) -> np.ndarray:
        """(n, labels) sum of feature weights for one sentence, equal to crfsuite's state scores."""
        n = len(words)
        ids, ctxs = self._word_ids(words)
        r = self._table[[self._pad_id, self._pad_id, *ids, self._end_id, self._end_id]]  # (n+4, 5, L)
        # own + previous seen as w-1 + next as w+1 + second previous as w-2 + second next as w+2
        s = r[2:n + 2, 0] + r[1:n + 1, 1] + r[3:n + 3, 2] + r[0:n, 3] + r[4:n + 4, 4]
        # pair features: one dict lookup each, then a single scatter-add into the sentence's scores
        row = self._row.get
        pos: list[int] = []
        rows: list[int] = []
        pad_ctx, end_ctx = _PAD, _END
        for i in range(n):
            p1 = ctxs[i - 1] if i else pad_ctx
            n1 = ctxs[i + 1] if i + 1 < n else end_ctx
            cur = ctxs[i]
            for key in ("w-1|w=" + p1[0] + "|" + cur[0], "w|w+1=" + cur[0] + "|" + n1[0],
                        "c-1|c=" + p1[1] + "|" + cur[1], "c|c+1=" + cur[1] + "|" + n1[1],
                        "q-1|q+1=" + p1[2] + "|" + n1[2]):
                r = row(key)
                if r is not None:
                    pos.append(i)
                    rows.append(r)
        if rows:
            np.add.at(s, pos, self._pairs[rows])
        g = np.fromiter((_GAZ_CODE[t] for t in self.fx.gazetteer_tags(words)), dtype=np.intp, count=n)
        s += self._gaz_own[g]
        s[1:] += self._gaz_prev[g[:-1]]
        s[0] += self._gaz_prev[3]
        s[:-1] += self._gaz_next[g[1:]]
        s[-1] += self._gaz_next[3]
        s[0] += self._bos
        # sentence-level extras (lexicon marks, neighbours' name-likeness): few per token, summed directly
        arow = self._attr_row.get
        pos = []
        rows = []
        for i, feats in enumerate(self.fx.sentence_extras(words)):
            for f in feats:
                r = arow(f)
                if r is not None:
                    pos.append(i)
                    rows.append(r)
        if rows:
            np.add.at(s, pos, self._W[rows])
        return s

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags for several sentences, decoded together (one numpy step per token position)."""
        sents = [s for s in sentences]
        if not sents:
            return []
        scores = [self.state_scores(s) if len(s) else None for s in sents]
        out: list[list[str] | None] = [[] if sc is None else None for sc in scores]
        order = sorted((i for i, sc in enumerate(scores) if sc is not None), key=lambda i: len(sents[i]))
        n_lab = len(self.labels)
        # decode in length buckets so short sentences don't pay for the longest one
        for start in range(0, len(order), 64):
            group = order[start:start + 64]
            tmax = max(len(sents[i]) for i in group)
            b = len(group)
            em = np.zeros((b, tmax, n_lab))
            lens = np.array([len(sents[i]) for i in group])
            for r, i in enumerate(group):
                em[r, : lens[r]] = scores[i]
            back = np.zeros((b, tmax, n_lab), dtype=np.intp)
            score = em[:, 0].copy()
            final = score.copy()  # each sentence's scores at its own last token
            ends = lens - 1
            trans = self.trans
            for t in range(1, tmax):
                m = score[:, :, None] + trans           # (b, from, to); padded rows run on harmlessly
                back[:, t] = m.argmax(axis=1)
                score = m.max(axis=1) + em[:, t]
                done = ends == t
                if done.any():
                    final[done] = score[done]
            last = final.argmax(axis=1)
            labels = self.labels
            for r, i in enumerate(group):
                k = int(last[r])
                path = [k]
                for t in range(lens[r] - 1, 0, -1):
                    k = int(back[r, t, k])
                    path.append(k)
                out[i] = [labels[j] for j in reversed(path)]
        return out  # type: ignore[return-value]
