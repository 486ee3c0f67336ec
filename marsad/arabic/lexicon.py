"""Reading the language data files, and a token-sequence lexicon that sees through proclitics."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Sequence

from marsad.arabic.clitics import lexicon_splits
from marsad.arabic.normalize import fold_str


DATA_DIR = Path(__file__).parent / "data"

# An honorific with a pronoun standing for a titled person named before (كما تلقى سموه، وقال فخامته), with the
# roles it is used for (the words are their own folded forms)
HONOURED_PRONOUNS = {"سموه": ("الأمير", "ولي العهد", "ولي ولي العهد", "الشيخ"), "فخامته": ("الرئيس",),
                     "جلالته": ("الملك", "السلطان"), "معاليه": ("وزير", "الأمين العام"), "سعادته": ("السفير",),
                     "سماحته": ("المفتي", "الشيخ", "الإمام"), "دولته": ("رئيس الوزراء",)}


def read_tsv(name: str) -> Iterator[list[str]]:
    """Rows of ``marsad/arabic/data/<name>``; the header line and ``#`` comment lines are skipped."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    lines = text.splitlines()
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """First column of a data file, folded."""
    return frozenset(fold_str(r[0]) for r in read_tsv(name) if r and r[0])


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(fold_str(phrase).split())


@dataclass(frozen=True, slots=True)
class LexMatch:
    start: int        # first token index
    end: int          # token index after the match
    prefix: int       # proclitic letters to skip in the first token
    value: Any


class PhraseLexicon:
    """Multi-word phrases keyed by their folded first token; the first token may carry proclitics."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        # word form -> its proclitic splits that start some phrase (most words: none); cleared by add()
        self._starts: dict[str, tuple[tuple[int, str, list], ...]] = {}

    def add(self, phrase: str | Sequence[str], value: Any) -> None:
        toks = phrase_tokens(phrase) if isinstance(phrase, str) else tuple(phrase)
        if not toks:
            return
        self._starts.clear()
        bucket = self._by_first.setdefault(toks[0], [])
        bucket.append((toks[1:], value))
        bucket.sort(key=lambda e: -len(e[0]))  # longest first

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def match_at(self, norms: Sequence[str], i: int, limit: int, clitics: bool = True) -> LexMatch | None:
        """Longest phrase starting at token ``i`` and ending before ``limit``."""
        if i >= limit:
            return None
        best: LexMatch | None = None
        if clitics:
            starts = self._starts.get(norms[i])
            if starts is None:
                starts = tuple((plen, stem, self._by_first[stem]) for plen, stem in lexicon_splits(norms[i])
                               if stem in self._by_first)
                if len(self._starts) < 200_000:
                    self._starts[norms[i]] = starts
        else:
            bucket = self._by_first.get(norms[i])
            starts = ((0, norms[i], bucket),) if bucket else ()
        for plen, stem, bucket in starts:
            for rest, value in bucket:
                n = len(rest)
                if i + 1 + n > limit:
                    continue
                if not n or (norms[i + 1] == rest[0] and tuple(norms[i + 1:i + 1 + n]) == rest):
                    if best is None or n + 1 > best.end - best.start:
                        prefix = plen
                        if stem.startswith("ال") and not norms[i][plen:].startswith("ال") \
                                and norms[i][plen:] != stem[2:]:
                            prefix += 1  # لل: the article's ل is written once; skip it too (not in للجنة)
                        best = LexMatch(i, i + 1 + n, prefix, value)
                    break
        return best
