"""Lexicon membership marks for the NER CRF, from the team's data files (snapshotted next to the model).

Classes: first names, well-known people, titles/honorifics, nationality adjectives (with ال, feminine and plural
forms), countries, cities, regions, international organisations, other organisations (clubs, media, companies,
parties: class ``org``, apart from ``igo``), institutions and organisation head nouns.
Each sentence gets B/I marks per class for the longest match starting at a token; the first token may carry
proclitics (وبالعراق). The snapshot matters: other modules edit these files, and the CRF weights are only valid for
the lists it was trained with.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from marsad.arabic.clitics import proclitic_splits
from marsad.arabic.lexicon import read_tsv
from marsad.arabic.normalize import fold_str

Lexicon = dict[str, list[tuple[tuple[str, ...], str]]]
# nisba inflections (folded: ة -> ه): feminine, sound plurals, dual
_NISBA_ENDINGS = ("", "ه", "ون", "ين", "ات", "تان", "تين", "ان")


def _phrase(s: str) -> str:
    return " ".join(fold_str(s).split())


def _aliases(row: list[str], *cols: int) -> list[str]:
    out: list[str] = []
    for c in cols:
        if c < len(row) and row[c]:
            out.extend(a for a in row[c].split("|") if a.strip())
    return out


def build_lexicon() -> dict[str, str]:
    """Folded phrase -> '|'-joined classes, from marsad/arabic/data (the snapshot written beside the model)."""
    entries: dict[str, set[str]] = {}

    def add(phrase: str, cls: str) -> None:
        p = _phrase(phrase)
        if len(p) > 1:
            entries.setdefault(p, set()).add(cls)

    for row in read_tsv("names_en.tsv"):
        if len(row) > 2 and row[2] in ("first", "person") and not (len(row) > 3 and row[3] == "1"):
            add(row[0], "first" if row[2] == "first" else "person")
    for name in ("titles.tsv", "honorifics.tsv"):
        for row in read_tsv(name):
            if row and row[0]:
                add(row[0], "title")
    for row in read_tsv("nationalities.tsv"):
        if len(row) < 5 or not row[0] or row[3] == "1":
            continue
        adj = _phrase(row[0])
        if row[4] == "plural":
            add(adj, "nat")
            add("ال" + adj, "nat")
            continue
        for end in _NISBA_ENDINGS:
            words = [w + end for w in adj.split()]  # multi-word adjectives inflect on every word
            add(" ".join(words), "nat")
            add(" ".join("ال" + w for w in words), "nat")
    # data file, its Arabic name and alias columns, the class
    for name, cols, cls in (("countries.tsv", (3, 4), "country"), ("cities.tsv", (1, 2), "city"),
                            ("regions.tsv", (1, 2), "region"), ("igos.tsv", (5, 6), "igo"),
                            ("organisations.tsv", (5, 6), "org")):
        for row in read_tsv(name):
            for a in _aliases(row, *cols):
                add(a, cls)
    for name, cls in (("institutions.tsv", "inst"), ("org_heads.tsv", "orghead")):
        for row in read_tsv(name):
            if row and row[0]:
                add(row[0], cls)
    return {p: "|".join(sorted(c)) for p, c in entries.items()}


def write_lexicon(path: Path, lex: dict[str, str]) -> None:
    path.write_text("# phrase\tclasses -- folded lexicon entries the NER model was trained with (from marsad/arabic/data)\n"
                    + "".join(f"{p}\t{c}\n" for p, c in sorted(lex.items())), encoding="utf-8")


def read_lexicon(path: Path) -> Lexicon:
    """Folded first token -> [(phrase tokens, class)], longest first."""
    by_first: Lexicon = {}
    if not path.exists():
        return by_first
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            p, classes = line.rstrip("\n").split("\t")
            toks = tuple(p.split())
            for cls in classes.split("|"):
                by_first.setdefault(toks[0], []).append((toks, cls))
    for v in by_first.values():
        v.sort(key=lambda e: (-len(e[0]), e[1]))
    return by_first


def lexicon_marks(lex: Lexicon, words: Sequence[str], memo: dict | None = None) -> list[list[str]] | None:
    """Per token, the marks 'B-city', 'I-igo', ... of the longest match per class (matches of a class don't overlap);
    None when no token of the sentence starts an entry. ``memo`` caches each word's candidate entries."""
    n = len(words)
    if not lex:
        return None
    memo = {} if memo is None else memo
    cands = []
    for w in words:
        c = memo.get(w)
        if c is None:
            c = tuple(e for _, first in proclitic_splits(w) for e in lex.get(first, ()))
            if len(memo) < 300_000:
                memo[w] = c
        cands.append(c)
    if not any(cands):
        return None
    marks: list[list[str]] = [[] for _ in range(n)]
    covered: dict[str, int] = {}
    for i, cand in enumerate(cands):
        if not cand:
            continue
        best: dict[str, int] = {}
        for toks, cls in cand:
            m = len(toks)
            if m > best.get(cls, 0) and covered.get(cls, 0) <= i and (
                    m == 1 or (i + 1 < n and words[i + 1] == toks[1] and tuple(words[i + 1:i + m]) == toks[1:])):
                best[cls] = m
        for cls, m in best.items():
            marks[i].append("B-" + cls)
            for j in range(i + 1, i + m):
                marks[j].append("I-" + cls)
            covered[cls] = i + m
    return marks
