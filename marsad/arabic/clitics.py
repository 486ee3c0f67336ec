"""Clitic analysis on folded words: which prefix/suffix splits give a candidate stem.

Only the orthographic layer is modelled (no morphology database): conjunctions و ف, prepositions ب ك ل,
the future marker س, the article ال (with ل+ال written لل), and possessive/object pronouns.
"""
from __future__ import annotations

from functools import lru_cache

CONJ = ("و", "ف")
PREP = ("ب", "ك", "ل")
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ي", "ك")
MIN_STEM = 2


@lru_cache(maxsize=200_000)
def proclitic_splits(word: str) -> tuple[tuple[int, str], ...]:
    """Candidate ``(prefix_length, stem)`` pairs, the unsplit word first.

    ``للعراق`` gives ``(1, "لعراق")``... and ``(1, "العراق")``: ل + ال is written لل, so the article is restored.
    """
    out: list[tuple[int, str]] = [(0, word)]
    seen = {word}

    def add(k: int, stem: str) -> None:
        if len(stem) >= MIN_STEM and stem not in seen:
            seen.add(stem)
            out.append((k, stem))

    for c in ("", *CONJ):
        if c and not word.startswith(c):
            continue
        rest = word[len(c):]
        if c:
            add(len(c), rest)
        for p in PREP:
            if rest.startswith(p) and len(rest) > len(p) + 1:
                stem = rest[len(p):]
                add(len(c) + len(p), stem)
                if p == "ل" and stem.startswith("ل") and not stem.startswith("ال"):
                    add(len(c) + len(p), "ا" + stem)  # لل -> ل + ال
    return tuple(out)


@lru_cache(maxsize=200_000)
def lexicon_splits(word: str) -> tuple[tuple[int, str], ...]:
    """``proclitic_splits`` plus ل + ال before a word that starts with ل: للجنة is لـ + اللجنة (the committee),
    not only لـ + الجنة. For phrase lexicons; the NER model keeps ``proclitic_splits``, the splits it was
    trained with."""
    out = proclitic_splits(word)
    extra = tuple((k, "ال" + stem) for k, stem in out if k and stem.startswith("ل") and not stem.startswith("ال")
                  and word[k - 1:k] == "ل" and len(stem) >= MIN_STEM)
    return out + tuple(e for e in extra if e[1] not in {s for _, s in out})


@lru_cache(maxsize=200_000)
def enclitic_splits(word: str) -> tuple[tuple[int, str], ...]:
    """Candidate ``(suffix_length, stem)`` pairs, the unsplit word first."""
    out = [(0, word)]
    for s in ENCLITICS:
        if word.endswith(s) and len(word) - len(s) >= 3:
            stem = word[: -len(s)]
            out.append((len(s), stem))
            if stem.endswith("ت"):  # taa marbuta is written ت before a pronoun: حكومته -> حكومه
                out.append((len(s), stem[:-1] + "ه"))
    return tuple(out)


def strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def base_form(word: str) -> str:
    """A crude stem for features and search: conjunction, preposition and article removed."""
    splits = proclitic_splits(word)
    best = word
    for _, stem in splits[1:]:
        if stem.startswith("ال"):
            return stem[2:] if len(stem) > 3 else stem
        best = stem if len(best) > len(stem) + 2 else best
    return strip_article(best)
