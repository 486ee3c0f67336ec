"""Self-trained name lists: how often the tagger itself calls each word a person, place, organisation or MISC in
raw news.

ANERcorp's 125k training tokens name few of the people, clubs and companies a reader meets in other news. A first
CRF (every other feature, no auto-gazetteer) tags all of SaudiNewsNet (8.7M tokens, one ~2 min pass, with the
document consistency pass as the pipeline runs it); for each word, under its clitic-stripped ``cluster_key`` form, we
count its occurrences and how often it was tagged B-/I- of each type. The second CRF — the one that ships — sees
these counts as bucketed ratios for the word (``aPER=3`` …, ``aPB=`` the share of its person tags that start a name)
and, for its neighbours, the word's dominant type when a third or more of its occurrences carry it. Words the first
model saw in training are thereby generalised to the hundred other contexts raw news puts them in, and a word ANERcorp
never shows (a club, a car maker, a foreign player) gets the type news keeps giving it.

The committed table holds words and counts only, no text. Chosen on dev (last 10% of ANERcorp train, both stages
trained on the other 90%); see docs/model-card-ner.md.
"""
from __future__ import annotations

import gzip
import logging
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator, Sequence

from marsad.models.ner.clusters import _TOKEN, cluster_key, folded_articles
from marsad.models.ner.distrib import _bucket

log = logging.getLogger(__name__)

TYPES = ("PER", "LOC", "ORG", "MISC")
COLUMNS = ("B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MIN_COUNT = 3  # below this many occurrences a word's ratios are noise: 'a=?'
_SENTENCE_END = frozenset(".!?؟")
_MAX_SENTENCE = 60  # tokens; paragraphs without a full stop are cut here, as a tagger input would be

Entry = tuple[int, ...]  # (occurrences, *COLUMNS counts)


def corpus_documents(shared_dir: Path) -> Iterator[list[list[str]]]:
    """SaudiNewsNet articles as lists of folded token sentences (the tagger's input form)."""
    for text in folded_articles(shared_dir):
        sents: list[list[str]] = []
        for para in text.split("\n"):
            cur: list[str] = []
            for t in _TOKEN.findall(para):
                cur.append(t)
                if t in _SENTENCE_END or len(cur) >= _MAX_SENTENCE:
                    sents.append(cur)
                    cur = []
            if cur:
                sents.append(cur)
        if sents:
            yield sents


def mine(documents: Iterator[list[list[str]]], tag_doc: Callable[[list[list[str]]], Sequence[Sequence[str]]],
         out_path: Path) -> int:
    """Tag every document with ``tag_doc`` and write ``word n B-PER I-PER … I-MISC`` rows (gzip, sorted, fixed
    mtime) for the words tagged at least once and seen at least twice; returns the number of tokens read."""
    col = {c: i for i, c in enumerate(COLUMNS)}
    n: Counter = Counter()
    counts: dict[str, list[int]] = {}
    tokens = 0
    for sents in documents:
        for words, tags in zip(sents, tag_doc(sents)):
            tokens += len(words)
            for w, t in zip(words, tags):
                k = cluster_key(w)
                n[k] += 1
                if t != "O":
                    c = counts.get(k)
                    if c is None:
                        c = counts[k] = [0] * len(COLUMNS)
                    c[col[t]] += 1
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("# word\tn\t" + "\t".join(COLUMNS) + " -- folded word (cluster_key form), its SaudiNewsNet count, "
                  "how often a first CRF tagged it with each label\n").encode("utf-8"))
        for k in sorted(counts):
            if n[k] >= 2:
                gz.write(("\t".join((k, str(n[k]), *map(str, counts[k]))) + "\n").encode("utf-8"))
    log.info("auto-gazetteer: %d tokens tagged, %d words kept", tokens, sum(1 for k in counts if n[k] >= 2))
    return tokens


def autogaz_features(entry: Entry | None) -> tuple[list[str], str]:
    """(the word's own features, the summary its neighbours see: a type, 'low', '?' or '-' for nothing)."""
    if entry is None:
        return ["a=0"], "-"
    n = entry[0]
    if n < MIN_COUNT:
        return ["a=?"], "?"
    per_type = [entry[1 + 2 * i] + entry[2 + 2 * i] for i in range(len(TYPES))]
    f = ["a" + t + "=" + _bucket(k, n) for t, k in zip(TYPES, per_type) if k]
    if per_type[0]:
        f.append("aPB=" + _bucket(entry[1], per_type[0]))
    best = max(range(len(TYPES)), key=per_type.__getitem__)
    if per_type[best] * 3 >= n:
        summary = TYPES[best]
    else:
        summary = "low" if sum(per_type) * 10 >= n else "-"
    return f or ["a=none"], summary
