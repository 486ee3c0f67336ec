"""Per-token CRF features on folded forms: word, clitic-stripped stems, affixes, shape, clusters, lexicons, context.

Speed comes from caching: everything that depends on one word only is computed once per word type and reused;
per token we only concatenate the word's own list with a few neighbour keys.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from marsad.arabic.clitics import base_form, proclitic_splits
from marsad.arabic.lexicon import read_tsv
from marsad.arabic.normalize import fold_str
from marsad.models.ner.autogaz import autogaz_features
from marsad.models.ner.clusters import cluster_key
from marsad.models.ner.distrib import distrib_features, likeness
from marsad.models.ner.lexicons import Lexicon, lexicon_marks

_ARABIC = re.compile(r"^[\u0621-\u064A\u0671-\u06D3]+$")
_LATIN = re.compile(r"^[A-Za-z]+$")
_DIGITS = re.compile(r"^\d+(?:[.,/:]\d+)*%?$")
_HAS_DIGIT = re.compile(r"\d")
_CACHE_MAX = 300_000
_NONE = ("", "", "", 0)
_GAZ_TAGS = ("B", "I", "O")


def build_cue_table() -> dict[str, str]:
    """Folded word -> cue (per/org/loc/misc/report) from the team's data files (snapshotted into the model)."""
    cues: dict[str, str] = {}
    for row in read_tsv("ner_triggers.tsv"):
        cues[fold_str(row[0])] = row[1]
    for name, cue in (("honorifics.tsv", "per"), ("reporting_verbs.tsv", "report")):
        for row in read_tsv(name):
            w = fold_str(row[0])
            if " " not in w and w not in cues:
                cues[w] = cue
    for row in read_tsv("titles.tsv"):  # first word of a title phrase
        w = fold_str(row[0]).split()
        if w and w[0] not in cues:
            cues[w[0]] = "per"
    return cues


def write_cues(path: Path, cues: dict[str, str]) -> None:
    """Snapshot the cue table next to the model: the CRF weights only make sense with the cues it was trained on."""
    path.write_text("# word\tcue -- folded cue words the NER model was trained with (from marsad/arabic/data)\n"
                    + "".join(f"{w}\t{c}\n" for w, c in sorted(cues.items())), encoding="utf-8")


def read_cues(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as fh:
        next(fh)
        return dict(line.rstrip("\n").split("\t") for line in fh if line.strip())


def read_gazetteer(path: Path) -> dict[str, list[tuple[str, ...]]]:
    """Folded first token -> folded place names (token tuples), longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            toks = tuple(line.rstrip("\n").split("\t")[0].split())
            if toks:
                by_first.setdefault(toks[0], []).append(toks)
    for v in by_first.values():
        v.sort(key=len, reverse=True)
    return by_first


def _with_stems(table: dict, key: str, w: str) -> tuple[str, Any]:
    """(key, table[key]), else the first of ``w``'s proclitic-stripped stems found in ``table`` and its value;
    (key, None) when none is."""
    value = table.get(key)
    if value is None:
        for _, stem in proclitic_splits(w)[1:]:
            value = table.get(stem)
            if value is not None:
                return stem, value
    return key, value


@dataclass
class FeatureExtractor:
    """Turns a sentence of tokens into crfsuite feature lists; holds the cluster table and lexicons."""

    clusters: dict[str, tuple[str, str, str, int]]
    gazetteer: dict[str, list[tuple[str, ...]]]
    cues: dict[str, str]
    lexicon: Lexicon = field(default_factory=dict)
    distrib: dict[str, tuple[int, ...]] = field(default_factory=dict)
    autogaz: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _cache: dict[str, tuple[list[str], tuple[str, ...]]] = field(default_factory=dict)
    _marks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _lex_memo: dict[str, tuple] = field(default_factory=dict)
    _gaz_memo: dict[str, tuple] = field(default_factory=dict)

    def _clusters_of(self, w: str) -> tuple[str, tuple[str, str, str, int] | None]:
        # a conjunction or preposition on a word without article: the stripped stems are tried next
        return _with_stems(self.clusters, cluster_key(w), w)

    def _article_ratio(self, k: str) -> str:
        """How often the bare stem takes the article in raw news, bucketed: names (محمد، فرنسا) almost never do."""
        bare = k[2:] if k.startswith("ال") else k
        n_bare = self.clusters.get(bare, _NONE)[3]
        n_al = self.clusters.get("ال" + bare, _NONE)[3]
        if n_bare + n_al < 5:
            return "?"
        return str(min(4, int(5 * n_al / (n_bare + n_al))))

    def _cue_of(self, w: str) -> str:
        return _with_stems(self.cues, w, w)[1] or "-"

    def _distrib_of(self, w: str, k: str) -> tuple[int, ...] | None:
        return _with_stems(self.distrib, k, w)[1]

    def word_features(self, w: str) -> tuple[list[str], tuple[str, ...]]:
        """(own features, context values seen by neighbours: word, c256, cue, base, c1024) for one word, cached."""
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        splits = proclitic_splits(w)
        base = base_form(w)
        al_stem = next((s for _, s in splits if s.startswith("ال")), "")
        pre = next((w[:k] for k, s in splits[1:] if s.startswith("ال")), "")
        if _DIGITS.match(w):
            shape = "num"
        elif _ARABIC.match(w):
            shape = "ar"
        elif _LATIN.match(w):
            shape = "lat"
        elif _HAS_DIGIT.search(w):
            shape = "mixdig"
        elif len(w) == 1:
            shape = "punct"
        else:
            shape = "other"
        key = w if shape != "num" else "<num>"
        k, c = self._clusters_of(w)
        cue = self._cue_of(w)
        f = [
            "w=" + key, "b=" + base, "sh=" + shape, "cue=" + cue,
            "p2=" + base[:2], "p3=" + base[:3], "s2=" + base[-2:], "s3=" + base[-3:], "s1=" + w[-1:],
            "wp2=" + w[:2], "al=" + ("1" if al_stem else "0"), "pre=" + pre, "len=" + str(min(len(base), 8)),
        ]
        if c is None:
            f.append("c=none")
            ctx = (key, "none", cue, base, "none")
        else:
            f += ["c64=" + c[0], "c256=" + c[1], "c1k=" + c[2], "f=" + str(min(c[3].bit_length(), 20))]
            ctx = (key, c[1], cue, base, c[2])
        if shape == "ar":
            f.append("alr=" + self._article_ratio(k))
        own, marks = self._likeness(w, k, shape == "ar")
        f += own
        if len(self._cache) < _CACHE_MAX:
            self._cache[w] = (f, ctx)
            if marks:
                self._marks[w] = marks
        return f, ctx

    def _likeness(self, w: str, k: str, arabic: bool) -> tuple[list[str], tuple[str, ...]]:
        """The word's name-likeness features (mined cue contexts, self-trained types) and the marks its neighbours
        see of them."""
        f: list[str] = []
        marks: list[str] = []
        if arabic and self.distrib:
            d = self._distrib_of(w, k)
            f += distrib_features(d)
            like = likeness(d)
            if like != "-":
                marks.append(like)
        if self.autogaz:
            own, summary = autogaz_features(_with_stems(self.autogaz, cluster_key(w), w)[1])
            f += own
            if summary != "-":
                marks.append("a" + summary)
        return f, tuple(marks)

    @property
    def has_marks(self) -> bool:
        """Whether words show their neighbours name-likeness marks (``lk-1=``/``lk+1=`` features)."""
        return bool(self.distrib or self.autogaz)

    def neighbour_marks(self, w: str) -> tuple[str, ...]:
        """What a word's neighbours see of it: its name-likeness summary (``per+sur``) and its self-trained type
        (``aPER``); empty when neither says anything."""
        hit = self._marks.get(w)
        if hit is not None:
            return hit
        if w not in self._cache:
            if len(self._cache) >= _CACHE_MAX:  # the cache is full: only the marks are computed, not kept
                return self._likeness(w, self._clusters_of(w)[0], bool(_ARABIC.match(w)))[1]
            self.word_features(w)
        return self._marks.get(w, ())

    def gazetteer_tags(self, words: Sequence[str]) -> list[str]:
        """B/I/O marks for the longest place-name match starting at each token (proclitics allowed on the first)."""
        return [_GAZ_TAGS[c] for c in self.gazetteer_codes(words)]

    def gazetteer_codes(self, words: Sequence[str]) -> list[int]:
        """``gazetteer_tags`` as codes: 0 = B, 1 = I, 2 = O."""
        n = len(words)
        out = [2] * n
        i = 0
        memo = self._gaz_memo
        while i < n:
            cands = memo.get(words[i])
            if cands is None:  # the place names this word can start, over its proclitic splits
                cands = tuple(t for _, first in proclitic_splits(words[i]) for t in self.gazetteer.get(first, ()))
                if len(memo) < _CACHE_MAX:
                    memo[words[i]] = cands
            matched = 0
            for toks in cands:
                m = len(toks)
                if m > matched and (m == 1 or tuple(words[i + 1:i + m]) == toks[1:]):
                    matched = m
            if matched:
                out[i] = 0
                for j in range(i + 1, i + matched):
                    out[j] = 1
                i += matched
            else:
                i += 1
        return out

    def sentence_features(self, words: Sequence[str]) -> list[list[str]]:
        """Features for each token of one sentence; ``words`` are already folded."""
        info = [self.word_features(w) for w in words]
        gaz = self.gazetteer_tags(words)
        n = len(words)
        pad = ("<s>", "<s>", "-", "<s>", "<s>")
        end = ("</s>", "</s>", "-", "</s>", "</s>")
        ext = [pad, pad, *(ctx for _, ctx in info), end, end]
        out: list[list[str]] = []
        for i in range(n):
            p2, p1, cur, n1, n2 = ext[i], ext[i + 1], ext[i + 2], ext[i + 3], ext[i + 4]
            f = list(info[i][0])
            f += [
                "w-1=" + p1[0], "w+1=" + n1[0], "w-2=" + p2[0], "w+2=" + n2[0],
                "c-1=" + p1[1], "c+1=" + n1[1], "c-2=" + p2[1], "c+2=" + n2[1],
                "q-1=" + p1[2], "q+1=" + n1[2], "q-2=" + p2[2], "q+2=" + n2[2],
                "w-1|w=" + p1[0] + "|" + cur[0], "w|w+1=" + cur[0] + "|" + n1[0],
                "c-1|c=" + p1[1] + "|" + cur[1], "c|c+1=" + cur[1] + "|" + n1[1],
                "b-1=" + p1[3], "b+1=" + n1[3], "k-1=" + p1[4], "k+1=" + n1[4],
                "q-1|q+1=" + p1[2] + "|" + n1[2],
                "gaz=" + gaz[i], "gaz-1=" + (gaz[i - 1] if i else "<s>"), "gaz+1=" + (gaz[i + 1] if i + 1 < n else "</s>"),
            ]
            if i == 0:
                f.append("BOS")
            out.append(f)
        for f, extra in zip(out, self.sentence_extras(words)):
            f += extra
        return out

    def sentence_extras(self, words: Sequence[str]) -> list[list[str]]:
        """Per-token features appended after the fixed template: lexicon B/I marks of the token and its neighbours
        (lx=, lx-1=, lx+1=) and the name-likeness marks of the neighbours (lk-1=, lk+1=). fastcrf sums these."""
        n = len(words)
        out: list[list[str]] = [[] for _ in range(n)]
        lex = lexicon_marks(self.lexicon, words, self._lex_memo) if self.lexicon else None
        if lex:  # sentence-level lexicon marks
            for i in range(n):
                f = out[i]
                if lex[i]:
                    f += ["lx=" + m for m in lex[i]]
                if i and lex[i - 1]:
                    f += ["lx-1=" + m for m in lex[i - 1]]
                if i + 1 < n and lex[i + 1]:
                    f += ["lx+1=" + m for m in lex[i + 1]]
        if self.has_marks:  # name-likeness of the neighbours (a surname after, a title before ...)
            marks = self.neighbour_marks
            for i in range(n):
                out[i] += ["lk-1=" + m for m in (marks(words[i - 1]) if i else ("<s>",))]
                out[i] += ["lk+1=" + m for m in (marks(words[i + 1]) if i + 1 < n else ("</s>",))]
        return out
