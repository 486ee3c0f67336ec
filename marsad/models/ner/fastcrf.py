"""Fast CRF tagging: the committed crfsuite model's weights, scored per word type and decoded in batches.

pycrfsuite spends ~20 µs per token turning Python feature strings into C++ items. Almost every feature of
the template in ``features.py`` depends on one word only (the word itself, or a neighbour seen from the
left or right, including the neighbour's name-likeness summary), so its weight vector is summed once per
word type and cached in a table. A document's sentences are then laid end to end with two edge rows
between them, and the state scores of all its tokens come from a few numpy gathers: the five roles of the
table, the pair features (w-1|w, c|c+1 ...) found by integer codes in sorted arrays, and the gazetteer
marks. Only the lexicon marks and the gazetteer are matched per sentence in Python; Viterbi is compiled
(``viterbi.py``). The tags are pycrfsuite's (``tests/test_ner_fastcrf.py``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from marsad.models.ner.features import FeatureExtractor
from marsad.models.ner.lexicons import lexicon_marks
from marsad.models.ner.viterbi import decode

_PAD = ("<s>", "<s>", "-", "<s>", "<s>")
_END = ("</s>", "</s>", "-", "</s>", "</s>")
# The per-neighbour templates of FeatureExtractor.sentence_features, by the neighbour's context tuple.
_P1 = (("w-1=", 0), ("c-1=", 1), ("q-1=", 2), ("b-1=", 3), ("k-1=", 4))
_N1 = (("w+1=", 0), ("c+1=", 1), ("q+1=", 2), ("b+1=", 3), ("k+1=", 4))
_P2 = (("w-2=", 0), ("c-2=", 1), ("q-2=", 2))
_N2 = (("w+2=", 0), ("c+2=", 1), ("q+2=", 2))
# Pair templates: name -> (context field, offset of the left item, offset of the right item).
_PAIRS = {"w-1|w": (0, -1, 0), "w|w+1": (0, 0, 1), "c-1|c": (1, -1, 0), "c|c+1": (1, 0, 1), "q-1|q+1": (2, -1, 1)}
_EDGE = 3  # gazetteer code at the rows between sentences: <s> before a sentence, </s> after it
_TABLE_MAX = 400_000  # word types kept before the table is rebuilt (bounds memory in long runs)


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
        self._init_pairs()
        self._reset_table()
        # gazetteer marks B/I/O (codes 0-2); code 3 is the sentence edge (<s> before, </s> after)
        self._gaz_own = np.stack([self._sum(["gaz=" + k]) for k in ("B", "I", "O")])
        self._gaz_prev = np.stack([self._sum(["gaz-1=" + k]) for k in ("B", "I", "O", "<s>")])
        self._gaz_next = np.stack([self._sum(["gaz+1=" + k]) for k in ("B", "I", "O", "</s>")])
        self._bos = self._sum(["BOS"])
        self._mark_rows: dict[str, tuple[int, int, int]] = {}
        self._slot_memo: dict[tuple[int, str], tuple[list[int], ...]] = {}

    def _init_pairs(self) -> None:
        """Integer codes for the pair features: each item (word, cluster, cue) gets an id, a pair a*V+b."""
        by_name: dict[str, list[tuple[str, str, int]]] = {name: [] for name in _PAIRS}
        for row, attr in enumerate(self._w):
            name, _, value = attr.partition("=")
            if name in by_name:
                # an item may itself contain '|': every split that rebuilds the value is a pair crfsuite would match
                for k, ch in enumerate(value):
                    if ch == "|":
                        by_name[name].append((value[:k], value[k + 1:], row))
        vocab: dict[str, int] = {}
        for items in by_name.values():
            for a, b, _ in items:
                vocab.setdefault(a, len(vocab))
                vocab.setdefault(b, len(vocab))
        self._vocab = vocab
        self._v = max(1, len(vocab))
        self._pair_codes: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for name, items in by_name.items():
            codes = np.array([vocab[a] * self._v + vocab[b] for a, b, _ in items], dtype=np.int64)
            rows = np.array([r for _, _, r in items], dtype=np.intp)
            order = np.argsort(codes, kind="stable")
            self._pair_codes[name] = (codes[order], rows[order])

    def _reset_table(self) -> None:
        n_lab = len(self.labels)
        # word type -> row in the per-role tables (own, as previous, as next, as 2nd previous, as 2nd next)
        self._ids: dict[str, int] = {}
        self._size = 0
        self._table = np.zeros((1024, 5, n_lab))
        self._items = np.full((1024, 3), -1, dtype=np.int64)  # pair-vocabulary ids of word, c256 and cue
        self._pad_id, self._end_id = 0, 1
        marks = self.fx.has_marks  # the neighbours' likeness marks exist only with a name-likeness table
        self._append(np.stack([self._edge_vectors(_PAD, "lk-1=<s>" if marks else None, 1),
                               self._edge_vectors(_END, "lk+1=</s>" if marks else None, 2)]), (_PAD, _END))

    def _sum(self, feats: Sequence[str]) -> np.ndarray:
        out = self._zero.copy()
        get = self._w.get
        for f in feats:
            v = get(f)
            if v is not None:
                out += v
        return out

    def _edge_vectors(self, ctx: tuple, extra: str | None, role: int) -> np.ndarray:
        """(5, labels) for a sentence-edge row (<s> before, </s> after): its context seen as w-1, w+1, w-2, w+2
        (it has no features of its own), plus ``extra`` — the edge's name-likeness feature — in ``role``."""
        out = np.zeros((5, len(self.labels)))
        for r, templates in enumerate((_P1, _N1, _P2, _N2), start=1):
            feats = [p + ctx[i] for p, i in templates]
            if r == role and extra:
                feats.append(extra)
            out[r] = self._sum(feats)
        return out

    def _append(self, rows: np.ndarray, ctxs: Sequence[tuple]) -> int:
        """Add word types' role vectors (m, 5, labels) and their pair items; returns the first new id. The table
        grows by doubling, never re-stacked per sentence."""
        m = len(ctxs)
        if self._size + m > self._table.shape[0]:
            cap = max(2 * self._table.shape[0], self._size + m)
            grown = np.zeros((cap, *self._table.shape[1:]))
            grown[: self._size] = self._table[: self._size]
            self._table = grown
            items = np.full((cap, 3), -1, dtype=np.int64)
            items[: self._size] = self._items[: self._size]
            self._items = items
        k = self._size
        self._table[k:k + m] = rows
        get = self._vocab.get
        self._items[k:k + m] = [(get(c[0], -1), get(c[1], -1), get(c[2], -1)) for c in ctxs]
        self._size += m
        return k

    def _slot_rows(self, slot: int, value: str) -> tuple[list[int], ...]:
        """Feature rows of one context value (a cluster, a cue ...) in the roles w-1, w+1, w-2, w+2; memoised, as
        there are few such values."""
        key = (slot, value)
        hit = self._slot_memo.get(key)
        if hit is None:
            get = self._attr_row.get
            hit = self._slot_memo[key] = tuple(
                [r for r in (get(p + value) for p, i in templates if i == slot) if r is not None]
                for templates in (_P1, _N1, _P2, _N2))
        return hit

    def _add_types(self, words: Sequence[str]) -> None:
        """Score new word types: their feature rows are collected in Python and summed in one numpy call."""
        fx = self.fx
        get = self._attr_row.get
        zero = self._zero_row
        slot = self._slot_rows
        marks_of = fx.neighbour_marks if fx.has_marks else None
        rows: list[int] = []
        starts: list[int] = []
        ctxs: list[tuple] = []
        for w in words:
            own, ctx = fx.word_features(w)
            ctxs.append(ctx)
            marks = marks_of(w) if marks_of else ()
            c, q, k = slot(1, ctx[1]), slot(2, ctx[2]), slot(4, ctx[4])
            word_prev, word_next = get("w-1=" + ctx[0]), get("w+1=" + ctx[0])
            base_prev, base_next = get("b-1=" + ctx[3]), get("b+1=" + ctx[3])
            # the order of each role's rows is _P1/_N1's (word, cluster, cue, base, 1024-cluster), then likeness
            starts.append(len(rows))
            rows.append(zero)
            rows += [r for r in map(get, own) if r is not None]
            for role, (wr, br, lk) in enumerate(((word_prev, base_prev, "lk-1="), (word_next, base_next, "lk+1="))):
                starts.append(len(rows))
                rows.append(zero)
                if wr is not None:
                    rows.append(wr)
                rows += c[role]
                rows += q[role]
                if br is not None:
                    rows.append(br)
                rows += k[role]
                for m in marks:
                    r = get(lk + m)
                    if r is not None:
                        rows.append(r)
            for role, prefix in ((2, "w-2="), (3, "w+2=")):
                starts.append(len(rows))
                rows.append(zero)
                r = get(prefix + ctx[0])
                if r is not None:
                    rows.append(r)
                rows += c[role]
                rows += q[role]
        k = self._append(np.add.reduceat(self._W[rows], starts, axis=0).reshape(len(words), 5, -1), ctxs)
        self._ids.update(zip(words, range(k, k + len(words))))

    def _mark(self, m: str) -> tuple[int, int, int]:
        rows = self._mark_rows.get(m)
        if rows is None:
            get = self._attr_row.get
            rows = self._mark_rows[m] = tuple(get(p + m, self._zero_row) for p in ("lx=", "lx-1=", "lx+1="))
        return rows

    def doc_state_scores(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[int]]:
        """(tokens, labels) state scores of all non-empty sentences laid end to end, equal to crfsuite's, and each
        sentence's start row in that array."""
        if self._size > _TABLE_MAX:
            self._reset_table()
        ids = self._ids
        new = [w for w in dict.fromkeys(w for words in sentences for w in words) if w not in ids]
        if new:
            self._add_types(new)
        flat: list[int] = []
        gaz: list[int] = []
        pos: list[int] = []
        starts: list[int] = []
        mark_pos: list[int] = []
        mark_rows: list[int] = []
        fx = self.fx
        pad, end = self._pad_id, self._end_id
        for words in sentences:
            if not words:
                continue
            n = len(words)
            base = len(flat) + 2
            starts.append(len(pos))
            pos.extend(range(base, base + n))
            flat += (pad, pad)
            flat.extend([ids[w] for w in words])
            flat += (end, end)
            gaz += (_EDGE, _EDGE)
            gaz += fx.gazetteer_codes(words)
            gaz += (_EDGE, _EDGE)
            marks = lexicon_marks(fx.lexicon, words, fx._lex_memo) if fx.lexicon else None
            if marks:
                t0 = len(pos) - n
                for i, ms in enumerate(marks):
                    for m in ms:
                        own, as_prev, as_next = self._mark(m)
                        mark_pos.append(t0 + i)
                        mark_rows.append(own)
                        if i + 1 < n:
                            mark_pos.append(t0 + i + 1)
                            mark_rows.append(as_prev)
                        if i:
                            mark_pos.append(t0 + i - 1)
                            mark_rows.append(as_next)
        if not pos:
            return np.zeros((0, len(self.labels))), []
        f = np.array(flat, dtype=np.intp)
        p = np.array(pos, dtype=np.intp)
        t = self._table
        s = t[f[p], 0] + t[f[p - 1], 1] + t[f[p + 1], 2] + t[f[p - 2], 3] + t[f[p + 2], 4]
        items = self._items[f]  # (flat, 3)
        v = self._v
        for name, (field, left, right) in _PAIRS.items():
            codes, rows = self._pair_codes[name]
            if not len(codes):
                continue
            a = items[p + left, field]
            b = items[p + right, field]
            c = a * v + b
            k = np.minimum(np.searchsorted(codes, c), len(codes) - 1)
            hit = (codes[k] == c) & (a >= 0) & (b >= 0)
            if hit.any():
                s[hit] += self._W[rows[k[hit]]]
        g = np.array(gaz, dtype=np.intp)
        s += self._gaz_own[g[p]] + self._gaz_prev[g[p - 1]] + self._gaz_next[g[p + 1]]
        s[starts] += self._bos
        if mark_rows:
            np.add.at(s, mark_pos, self._W[mark_rows])
        return s, starts

    def state_scores(self, words: Sequence[str]) -> np.ndarray:
        """(n, labels) sum of feature weights for one sentence, equal to crfsuite's state scores."""
        return self.doc_state_scores([words])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags for several sentences (a document's), scored and decoded together."""
        sents = list(sentences)
        flat, starts = self.doc_state_scores(sents)
        lens = [len(s) for s in sents if len(s)]
        path = decode(flat, starts, lens, self.trans).tolist()
        labels = self.labels
        tags = iter(starts)
        out: list[list[str]] = []
        for s in sents:
            if len(s):
                a = next(tags)
                out.append([labels[k] for k in path[a:a + len(s)]])
            else:
                out.append([])
        return out
