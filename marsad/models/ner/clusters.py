"""Word clusters learned from raw Arabic news: word2vec (gensim) then k-means at several granularities.

The NER model never sees the vectors, only a word -> (c64, c256, c1024) table, so the committed file is small
and lookups are a dict access. Words are folded and the conjunction/preposition + article prefix is split off
(وبالعراق -> العراق) before training and before lookup, so clitic variants share one cluster.
"""
from __future__ import annotations

import gzip
import json
import logging
import re
import unicodedata
import zlib
from pathlib import Path
from typing import Iterator

from marsad.arabic.clitics import proclitic_splits
from marsad.arabic.normalize import fold_str

log = logging.getLogger(__name__)

GRANULARITIES = (64, 256, 1024)
VOCAB_MAX = 150_000
MIN_COUNT = 5
# Same token shapes as marsad.arabic.tokenize: numbers, letter runs, single punctuation marks.
_TOKEN = re.compile(r"\d+(?:[.,/:]\d+)*%?|[\u0621-\u064A\u0671-\u06D3A-Za-z]+|[^\s\w]")
_DIGIT = re.compile(r"\d")
# fold() recurses without end on presentation-range characters that NFKC leaves unchanged (U+FD3E ﴾ ...);
# reported to the lead, worked around here by blanking them in raw training text.
_UNFOLDABLE = re.compile("[" + "".join(
    c for c in map(chr, [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]) if unicodedata.normalize("NFKC", c) == c
) + "]")


def cluster_key(word: str) -> str:
    """The form a word is clustered under: digits masked, و/ف + ب/ك/ل prefix removed before an article."""
    if _DIGIT.search(word):
        return _DIGIT.sub("0", word)
    splits = proclitic_splits(word)
    for k, stem in splits[1:]:
        if stem.startswith("ال") and len(stem) > 3:
            return stem
    return word


def folded_articles(shared_dir: Path) -> Iterator[str]:
    """Each SaudiNewsNet article's ``content``, folded, in file order (the raw text every table here is mined from)."""
    for path in sorted((shared_dir / "data" / "saudinewsnet" / "articles").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                yield fold_str(_UNFOLDABLE.sub(" ", json.loads(line).get("content") or ""))


def corpus_sentences(shared_dir: Path) -> Iterator[list[str]]:
    """Folded, clitic-split token lists, one per paragraph, from SaudiNewsNet ``content``."""
    for text in folded_articles(shared_dir):
        for para in text.split("\n"):
            toks = [cluster_key(t) for t in _TOKEN.findall(para)]
            if len(toks) > 1:
                yield toks


def _stable_hash(s: str) -> int:
    # gensim seeds each word vector with hashfxn(word + seed); Python's hash() varies per process.
    return zlib.crc32(s.encode("utf-8"))


def _kmeans(x, k: int, seed: int, iterations: int = 25):
    """Spherical k-means (x rows are unit vectors); deterministic for a given seed."""
    import numpy as np

    rng = np.random.default_rng(seed)
    # initialise from frequent words spread over the vocabulary (rows are sorted by frequency)
    centres = x[rng.choice(min(len(x), k * 20), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        for s in range(0, len(x), 50_000):
            labels[s:s + 50_000] = np.argmax(x[s:s + 50_000] @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x)
        counts = np.bincount(labels, minlength=k)
        empty = counts == 0
        sums[empty] = x[rng.choice(len(x), size=int(empty.sum()), replace=False)]
        centres = sums / np.linalg.norm(sums, axis=1, keepdims=True).clip(1e-9)
    return labels


def train_clusters(shared_dir: Path, out_path: Path, seed: int = 13, vectors_out: Path | None = None) -> None:
    """Train word2vec on SaudiNewsNet, cluster the most frequent words, write a gzip TSV table.

    ``vectors_out`` (optional, never committed) keeps the vectors so other granularities can be tried.
    """
    import numpy as np
    from gensim.models import Word2Vec

    sentences = list(corpus_sentences(shared_dir))
    log.info("word2vec on %d paragraphs", len(sentences))
    model = Word2Vec(
        sentences, vector_size=100, window=5, min_count=MIN_COUNT, sg=1, negative=5, sample=1e-4, epochs=5,
        workers=1, seed=seed, hashfxn=_stable_hash, max_final_vocab=VOCAB_MAX,
    )
    words = list(model.wv.index_to_key[:VOCAB_MAX])  # sorted by frequency
    counts = [int(model.wv.get_vecattr(w, "count")) for w in words]
    vecs = model.wv[words].astype(np.float32)
    if vectors_out is not None:
        np.savez_compressed(vectors_out, words=np.array(words), counts=np.array(counts), vecs=vecs)
    write_table(out_path, words, counts, vecs, seed)


def write_table(out_path: Path, words: list[str], counts: list[int], vecs, seed: int) -> None:
    """k-means at each granularity, then ``word count c64 c256 c1024`` rows, gzip with a fixed mtime."""
    import numpy as np

    vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True).clip(1e-9)
    tables = [_kmeans(vecs, k, seed + i) for i, k in enumerate(GRANULARITIES)]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        header = ("# word\tcount\t" + "\t".join(f"c{k}" for k in GRANULARITIES)
                  + " -- folded word (cluster_key form), its SaudiNewsNet count, its k-means cluster per granularity\n")
        gz.write(header.encode("utf-8"))
        for i, w in enumerate(words):
            row = [w, str(counts[i]), *(str(int(t[i])) for t in tables)]
            gz.write(("\t".join(row) + "\n").encode("utf-8"))


def load_clusters(path: Path) -> dict[str, tuple[str, str, str, int]]:
    """word -> (c64, c256, c1024, corpus count); cluster ids stay strings, ready to use as feature values."""
    table: dict[str, tuple[str, str, str, int]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            w, n, a, b, c = line.rstrip("\n").split("\t")
            table[w] = (a, b, c, int(n))
    return table


if __name__ == "__main__":  # python -m marsad.models.ner.clusters SHARED OUT
    import sys

    logging.basicConfig(level=logging.INFO)
    train_clusters(Path(sys.argv[1]), Path(sys.argv[2]), vectors_out=Path(sys.argv[3]) if len(sys.argv) > 3 else None)
