"""Story clusters: near-duplicate articles (the same wire story in several outlets) found with MinHash LSH.

Exact re-ingest is caught earlier by the content hash (:func:`marsad.store.content_hash`). Here each document gets a
MinHash of its folded word 3-shingles; LSH proposes earlier documents that probably share most shingles, the
estimated Jaccard similarity confirms, and the document joins the cluster of its best match (ties go to the
earliest document, so a resumed run assigns exactly what an uninterrupted one would). A document with no match
starts a cluster named after itself. Shingles are hashed with crc32 into the affine32 scheme; signatures are stored, so a later run rebuilds the index from the database.
"""
from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from marsad.store.search import words

log = logging.getLogger(__name__)

WINDOW_DAYS = 7  # a story's copies appear within days; templated notices weeks apart are different stories
NUM_PERM = 64
# Stored signatures are this scheme's 32-bit values; changing it means re-signing the corpus.
SCHEME = "affine32"
THRESHOLD = 0.5
SHINGLE = 3


def shingles(text: str, k: int = SHINGLE, folded: str | None = None) -> set[bytes]:
    """Word k-grams of the folded text (single words for very short texts)."""
    ws = words(text, folded)
    if len(ws) < k:
        return {w.encode("utf-8") for w in ws}
    return {" ".join(ws[i:i + k]).encode("utf-8") for i in range(len(ws) - k + 1)}


@dataclass(frozen=True)
class Assignment:
    cluster_id: str | None  # None: the document starts its own cluster
    similarity: float
    signature: bytes
    minhash: Any


class StoryClusters:
    """An in-memory LSH index over the stored documents' signatures."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM,
                 window_days: int | None = WINDOW_DAYS) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.window_days = window_days
        self.day: dict[str, int] = {}
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.minhashes: dict[str, Any] = {}
        self.cluster_of: dict[str, str] = {}
        self.order: dict[str, int] = {}

    def minhash(self, sh: set[bytes]) -> Any:
        from datasketch import MinHash

        # crc32 is a C builtin: hashing shingles in Python is the cost that matters here.
        m = MinHash(num_perm=self.num_perm, scheme=SCHEME, hashfunc=zlib.crc32)
        if sh:
            m.update_batch(list(sh))
        return m

    def _restore(self, sig: bytes) -> Any:
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, scheme=SCHEME, hashvalues=np.frombuffer(sig, dtype=np.uint32).copy())

    def load(self, store: Any) -> int:
        """Index every stored signature; returns how many."""
        n = 0
        for doc_id, cluster_id, sig, published in store.signatures():
            if len(sig) != self.num_perm * 4:
                continue  # written with another num_perm: that document is not a candidate
            self.add(doc_id, cluster_id or doc_id, self._restore(sig), published)
            n += 1
        log.info("story clusters: %d signatures loaded", n)
        return n

    def assign(self, text: str, folded: str | None = None, published: str | None = None) -> Assignment:
        """Which cluster a new text joins (it is not added until :meth:`add`, after it is stored); candidates
        published more than ``window_days`` apart are not the same story."""
        day = _day(published)
        sh = shingles(text, folded=folded)
        m = self.minhash(sh)
        sig = m.hashvalues.astype(np.uint32).tobytes()
        if not self.minhashes or not sh:
            return Assignment(None, 0.0, sig, m)
        best: tuple[float, int, str] | None = None
        for cand in self.lsh.query(m):
            sim = m.jaccard(self.minhashes[cand])
            if sim < self.threshold:
                continue
            other = self.day.get(cand)
            if self.window_days is not None and day is not None and other is not None \
                    and abs(day - other) > self.window_days:
                continue
            key = (sim, -self.order[cand], cand)
            if best is None or key > best:
                best = key
        if best is None:
            return Assignment(None, 0.0, sig, m)
        return Assignment(self.cluster_of[best[2]], best[0], sig, m)

    def add(self, doc_id: str, cluster_id: str, minhash: Any, published: str | None = None) -> None:
        if doc_id in self.minhashes:
            return
        day = _day(published)
        if day is not None:
            self.day[doc_id] = day
        self.lsh.insert(doc_id, minhash)
        self.minhashes[doc_id] = minhash
        self.cluster_of[doc_id] = cluster_id
        self.order[doc_id] = len(self.order)


def _day(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
