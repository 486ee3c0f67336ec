"""Distributional name-likeness mined from raw news: how often a word follows person, place and organisation cues.

One pass over SaudiNewsNet (folded, clitic-split like the clusters). For each word type we count its occurrences and
how often the token before it is a title/honorific/reporting verb (person-like), a place preposition (في، من، إلى،
عن؛ place-like), an organisation head noun (شركة، جامعة، وزارة؛ organisation-like), a MISC cue (بطولة، كأس), a known
first name (surname-like), and how often the token after it is بن/ابن (first-name-like). The committed table holds words
and counts only, no text; the CRF sees bucketed ratios.
"""
from __future__ import annotations

import gzip
import logging
from bisect import bisect_right
from collections import Counter
from pathlib import Path

from marsad.arabic.lexicon import read_tsv
from marsad.arabic.normalize import fold_str
from marsad.models.ner.clusters import corpus_sentences

log = logging.getLogger(__name__)

TOP_WORDS = 100_000
MIN_COUNT = 3
COLUMNS = ("n", "per", "loc", "org", "misc", "sur", "bin")
_BIN = frozenset(("بن", "ابن", "بنت"))
# place prepositions (folded): a name after them is usually a place
_LOC_PREV = frozenset(fold_str(w) for w in ("في", "من", "إلى", "عن", "نحو", "داخل", "شمال", "جنوب", "شرق", "غرب"))


def cue_sets(cues: dict[str, str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Person cues (titles, honorifics, reporting verbs), organisation heads and MISC cues, from the cue snapshot."""
    per = frozenset(w for w, c in cues.items() if c in ("per", "report"))
    org = {w for w, c in cues.items() if c == "org"}
    org.update(fold_str(r[0]) for r in read_tsv("org_heads.tsv") if r and r[0] and " " not in r[0])
    misc = frozenset(w for w, c in cues.items() if c == "misc")
    return per, frozenset(org), misc


def mine(shared_dir: Path, out_path: Path, cues: dict[str, str], lexicon: dict[str, str]) -> None:
    """Write ``word`` and the COLUMNS counts for the most frequent words (gzip, deterministic order)."""
    per_cues, org_cues, misc_cues = cue_sets(cues)
    firsts = frozenset(p for p, c in lexicon.items() if "first" in c.split("|") and " " not in p)
    n: Counter = Counter()
    ctx = [Counter() for _ in COLUMNS[1:]]
    n_per, n_loc, n_org, n_misc, n_sur, n_bin = ctx
    for toks in corpus_sentences(shared_dir):
        n.update(toks)
        prev = toks[0]
        for t in toks[1:]:
            if prev in per_cues:
                n_per[t] += 1
            elif prev in _LOC_PREV:
                n_loc[t] += 1
            elif prev in org_cues:
                n_org[t] += 1
            elif prev in misc_cues:
                n_misc[t] += 1
            if prev in firsts:
                n_sur[t] += 1
            if t in _BIN:
                n_bin[prev] += 1
            prev = t
    rows = sorted(((c, w) for w, c in n.items() if c >= MIN_COUNT), key=lambda x: (-x[0], x[1]))[:TOP_WORDS]
    with gzip.GzipFile(out_path, "wb", mtime=0) as gz:
        gz.write(("# word\t" + "\t".join(COLUMNS) + " -- SaudiNewsNet counts (CC BY-NC-SA 4.0 source; counts only): "
                  "all, after a person cue, after a place preposition, after an organisation head, after a MISC cue, "
                  "after a known first name, before بن/ابن\n").encode())
        for c, w in rows:
            gz.write(("\t".join([w, str(c), *(str(k[w]) for k in ctx)]) + "\n").encode())
    log.info("distributional table: %d words", len(rows))


def load_word_counts(path: Path) -> dict[str, tuple[int, ...]]:
    """A gzip ``word count...`` table with a header line (this module's, ``autogaz.py``'s); empty when absent."""
    out: dict[str, tuple[int, ...]] = {}
    if not path.exists():
        return out
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            w, *counts = line.rstrip("\n").split("\t")
            out[w] = tuple(map(int, counts))
    return out


_BUCKETS = (0.005, 0.02, 0.05, 0.15, 0.4)  # ratio thresholds: below the first "1", at or above the last "6"


def _bucket(k: int, n: int) -> str:
    return str(bisect_right(_BUCKETS, k / n) + 1) if k else "0"


def distrib_features(entry: tuple[int, ...] | None) -> list[str]:
    """Bucketed person/place/organisation/MISC/surname/first-name-likeness ratios for one word; zero counts are left
    out (each feature string costs crfsuite time per token, and most words have most counts at zero)."""
    if entry is None or entry[0] < MIN_COUNT:
        return ["d=?"]
    n = entry[0]
    return ["d" + name + "=" + _bucket(k, n) for name, k in zip(COLUMNS[1:], entry[1:]) if k]


def likeness(entry: tuple[int, ...] | None) -> str:
    """A short summary for neighbours: the classes whose ratio is high ('per+sur', '-' when none, '?' unknown)."""
    if entry is None or entry[0] < MIN_COUNT:
        return "?"
    n = entry[0]
    hot = [name for name, k in zip(COLUMNS[1:], entry[1:]) if k * 20 >= n]  # ratio >= 5%
    return "+".join(hot) or "-"
