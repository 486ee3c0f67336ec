"""Document-level consistency for the CRF's tags: a name tagged once is the same name elsewhere in the document.

A linear-chain CRF sees one sentence; news repeats a person's surname alone (عرفات، الربيعي) or an organisation's
name in sentences whose context gives the model little to go on. After tagging, every PER or ORG span the model found
in the surrounding sentences (``WINDOW`` before and after) is looked up in the tokens it left as O: a match of the
whole span — or, for a person of two or more words, the surname alone — gets that type. The first word may carry
one proclitic letter (وعرفات). Tags already given are never changed; function words are never a surname.

Chosen on the last 10% of ANERcorp train with a model trained on the other 90% (dev F1 73.24 -> 75.34, window 20;
windows 10/30/60, all four types, without surnames and without proclitics were each lower), then measured once on
test (docs/model-card-ner.md).
"""
from __future__ import annotations

from typing import Sequence

from marsad.arabic.clitics import proclitic_splits
from marsad.arabic.lexicon import word_set
from marsad.evaluate.ner import chunks

WINDOW = 20
TYPES = ("PER", "ORG")
MAX_SPAN = 4


def propagate(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], window: int = WINDOW) \
        -> list[list[str]]:
    """IOB2 tags with names found nearby added where the model said O; ``sentences`` are folded words in order."""
    function_words = word_set("function_words.tsv")
    # every name found, under the word a match starts with (its first word, or a person's surname), in document order
    index: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
    for j, (words, tg) in enumerate(zip(sentences, tags)):
        for t, s, e in chunks(tg):
            if t not in TYPES:
                continue
            toks = tuple(words[s:e])
            if len(toks) <= MAX_SPAN:
                index.setdefault(toks[0], []).append((j, toks, t))
            last = toks[-1]
            if t == "PER" and len(toks) >= 2 and len(last) > 2 and last not in function_words:
                index.setdefault(last, []).append((j, (last,), t))
    out = [list(tg) for tg in tags]
    if not index:
        return out
    for i, (words, row) in enumerate(zip(sentences, out)):
        lo, hi = i - window, i + window
        near: dict[str, dict[tuple[str, ...], str]] = {}  # start word -> names found within the window -> type

        def known(stem: str) -> dict[tuple[str, ...], str]:
            hit = near.get(stem)
            if hit is None:
                hit = near[stem] = {}
                for j, toks, t in index.get(stem, ()):
                    if lo <= j <= hi:
                        hit.setdefault(toks, t)  # the first finding of a name gives its type
            return hit

        k = 0
        while k < len(words):
            best: tuple[int, str] | None = None
            w = words[k]
            if row[k] == "O" and (w in index or w[1:] in index):  # (a one-letter proclitic's stem is w[1:])
                # the word as written first, then with one proclitic letter off (وعرفات); longest span wins
                for stem in (w, *(st for plen, st in proclitic_splits(w)[1:] if plen == 1)):
                    if stem not in index:
                        continue
                    for toks, t in known(stem).items():
                        m = len(toks)
                        if (best is None or m > best[0]) and k + m <= len(words) \
                                and tuple(words[k + 1:k + m]) == toks[1:] and all(x == "O" for x in row[k:k + m]):
                            best = (m, t)
            if best:
                m, t = best
                row[k] = "B-" + t
                for x in range(k + 1, k + m):
                    row[x] = "I-" + t
                k += m
            else:
                k += 1
    return out
