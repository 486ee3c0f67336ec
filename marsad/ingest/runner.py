"""The ingest run: items -> skip what is stored -> analyse (streaming) -> cluster -> commit each document.

Known texts are dropped before analysis, so re-running an ingest costs reading and hashing only. Documents are
committed one by one: a run killed at any point leaves whole documents only, and the next run picks up after
the last one committed.
"""
from __future__ import annotations

import itertools
import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from marsad.document import Document
from marsad.ingest.readers import Item
from marsad.store import Store, content_hash
from marsad.store.rows import folded_text

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What a run did; ``failures`` are (origin, code, message) of inputs that gave no document."""

    seen: int = 0
    added: int = 0
    duplicates: int = 0
    joined_clusters: int = 0
    with_problems: int = 0
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time: the figure that does not depend on a busy machine
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.with_problems

    def as_dict(self) -> dict[str, Any]:
        return {"seen": self.seen, "added": self.added, "duplicates": self.duplicates, "failed": self.failed,
                "with_problems": self.with_problems, "joined_clusters": self.joined_clusters,
                "words": self.words, "seconds": round(self.seconds, 3), "cpu_seconds": round(self.cpu_seconds, 3),
                "articles_per_s": round(self.added / self.seconds, 2) if self.seconds and self.added else None,
                "articles_per_cpu_s": round(self.added / self.cpu_seconds, 2) if self.cpu_seconds and self.added
                else None}


def ingest(store: Store, items: Iterable[Item], *, pipeline: Any = None, clusters: Any = "default",
           on_item: Callable[[str, Item | Document], None] | None = None, limit: int | None = None) -> IngestReport:
    """Analyse and store every new document in ``items``.

    ``pipeline``: anything with ``analyze_many`` (default: the full Marsad pipeline). ``clusters``: a
    StoryClusters, None to skip near-duplicate grouping, or "default". ``on_item(kind, obj)`` is told of each
    "failure", "duplicate", "added" and "problem" for progress display.
    """
    if clusters == "default":
        from marsad.ingest.dedup import StoryClusters

        clusters = StoryClusters()
    report = IngestReport()
    notify = on_item or (lambda kind, obj: None)
    origins: deque[str] = deque()
    run_hashes: set[str] = set()
    start, cpu_start = time.perf_counter(), time.process_time()

    def fresh() -> Iterator[Document]:
        for item in items:
            if limit is not None and report.seen >= limit:
                return
            report.seen += 1
            if item.doc is None:
                p = item.problem
                report.failures.append((item.origin, p.code, p.message))
                store.record_failure(item.origin, p.code, p.message)
                notify("failure", item)
                continue
            h = content_hash(item.doc.text)
            if h in run_hashes or store.has_hash(h):
                report.duplicates += 1
                notify("duplicate", item)
                continue
            run_hashes.add(h)
            origins.append(item.origin)
            yield item.doc

    new = fresh()
    first = next(new, None)
    if first is not None and pipeline is None:
        from marsad.pipeline import load_pipeline

        pipeline = load_pipeline()  # only when there is something new: a re-run costs reading and hashing
    if first is not None and clusters is not None:
        clusters.load(store)
    for doc in pipeline.analyze_many(itertools.chain([first], new)) if first is not None else ():
        origin = origins.popleft()
        a = clusters.assign(doc.text, folded_text(doc), doc.published) if clusters is not None else None
        stored = store.put(doc, cluster_id=a.cluster_id if a else None, signature=a.signature if a else None,
                           origin=origin)
        if stored is None:  # another writer stored the same text meanwhile
            report.duplicates += 1
            continue
        if a is not None:
            clusters.add(stored, a.cluster_id or stored, a.minhash, doc.published)
            report.joined_clusters += a.cluster_id is not None
        report.added += 1
        report.words += len(doc.text.split())
        if doc.problems:
            report.with_problems += 1
            notify("problem", doc)
        notify("added", doc)
    report.seconds = time.perf_counter() - start
    report.cpu_seconds = time.process_time() - cpu_start
    return report
