"""Store benchmark: store-only ingest throughput, and search latency (p50/p99 over 100 varied Arabic queries)
against a naive LIKE scan of the same database measured in the same run.

    python -m marsad.evaluate.bench_store --db corpus.db            # search figures on an ingested corpus
    python -m marsad.evaluate.bench_store --synthetic 2000          # build a generated corpus first

Timing belongs here, not in tests: the figures are printed as JSON for docs/evaluation.md.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.store import Filters, Store
from marsad.store.search import parse_query


def queries() -> list[str]:
    text = resources.files("marsad.evaluate").joinpath("search_queries.txt").read_text(encoding="utf-8")
    return [q.strip() for q in text.splitlines()[1:] if q.strip() and not q.startswith("#")]


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def _filters_for(i: int, sources: list[str], days: list[str]) -> Filters:
    """Every third query carries a filter, as an analyst's would."""
    if i % 3 == 1 and sources:
        return Filters(source=sources[i % len(sources)])
    if i % 3 == 2 and len(days) > 1:
        return Filters(date_from=days[len(days) // 3], date_to=days[2 * len(days) // 3])
    return Filters()


def like_scan(store: Store, query: str) -> int:
    """The baseline: what one writes without an index — a LIKE per word over the raw text, latest first."""
    q = parse_query(query)
    ws = list(q.terms) + [" ".join(p) for p in q.phrases]
    where = " AND ".join("t.text LIKE ?" for _ in ws)
    # The same job as the indexed search: the 20 latest matches (no folding, no clitics: it finds fewer).
    return len(store.rows(f"SELECT d.pk FROM doc_texts t JOIN documents d ON d.pk = t.pk WHERE {where} "
                          "ORDER BY d.published DESC LIMIT 20", [f"%{w}%" for w in ws]))


def bench_search(store: Store, repeat: int = 3, baseline_queries: int = 34) -> dict[str, Any]:
    qs = queries()
    sources = [r["source"] for r in store.rows("SELECT DISTINCT source FROM documents WHERE source IS NOT NULL "
                                               "ORDER BY source")]
    days = [r["published"] for r in store.rows("SELECT DISTINCT published FROM documents WHERE published IS NOT "
                                               "NULL ORDER BY published")]
    for i, q in enumerate(qs[:10]):  # warm the page cache so the figures are about the index, not the disk
        store.search(q, _filters_for(i, sources, days))
    times, cpu, hits = [], [], []
    for _ in range(repeat):
        for i, q in enumerate(qs):
            f = _filters_for(i, sources, days)
            t, c = time.perf_counter(), time.process_time()
            res = store.search(q, f, limit=20)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            hits.append(len(res))
    base = []
    for q in qs[::max(1, len(qs) // baseline_queries)]:
        t = time.perf_counter()
        like_scan(store, q)
        base.append((time.perf_counter() - t) * 1000)
    return {
        "queries": len(qs), "runs": len(times), "p50_ms": round(percentile(times, 50), 2),
        "p99_ms": round(percentile(times, 99), 2), "max_ms": round(max(times), 2),
        # CPU time per query: what a search costs when the machine is not shared
        "cpu_p50_ms": round(percentile(cpu, 50), 2), "cpu_p99_ms": round(percentile(cpu, 99), 2),
        "relevance_p50_ms": round(_relevance_p50(store, qs), 2),
        "queries_with_hits": sum(1 for h in hits[:len(qs)] if h),
        "like_scan_queries": len(base), "like_scan_p50_ms": round(percentile(base, 50), 2),
        "like_scan_p99_ms": round(percentile(base, 99), 2),
        "speedup_vs_like_p50": round(percentile(base, 50) / max(percentile(times, 50), 1e-6), 1),
        "speedup_vs_like_p99": round(percentile(base, 99) / max(percentile(times, 99), 1e-6), 1),
    }


def _relevance_p50(store: Store, qs: list[str]) -> float:
    times = []
    for q in qs:
        t = time.perf_counter()
        store.search(q, Filters(), limit=20, sort="relevance")
        times.append((time.perf_counter() - t) * 1000)
    return percentile(times, 50)


def bench_ingest_synthetic(db: str, n: int) -> dict[str, Any]:
    """Store-side throughput on generated articles with only segmentation (the pipeline's cost is measured by
    `marsad bench`): reading, hashing, clustering, index terms and the per-document commit."""
    from marsad.evaluate.synthetic import MAPPING, write_jsonl
    from marsad.ingest.readers import iter_items, parse_mapping
    from marsad.ingest.runner import ingest
    from marsad.pipeline import Pipeline
    from marsad.stages.segment import segment

    with tempfile.TemporaryDirectory() as tmp:
        src = write_jsonl(Path(tmp) / "syn.jsonl", n)
        with Store.open(db) as store:
            rep = ingest(store, iter_items([str(src)], mapping=parse_mapping(MAPPING)), pipeline=Pipeline([segment]))
            t = time.perf_counter()
            again = ingest(store, iter_items([str(src)], mapping=parse_mapping(MAPPING)), pipeline=Pipeline([segment]))
            rerun = time.perf_counter() - t
    return {"articles": rep.added, "articles_per_s": round(rep.added / rep.seconds, 1),
            "articles_per_cpu_s": round(rep.added / rep.cpu_seconds, 1),
            "words_per_s": round(rep.words / rep.seconds), "rerun_s": round(rerun, 2), "rerun_added": again.added,
            "clusters_joined": rep.joined_clusters}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="an ingested corpus (SQLite path or postgresql:// URL)")
    ap.add_argument("--synthetic", type=int, help="generate and ingest this many articles into a temporary store")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        if args.synthetic:
            out["ingest_store_only"] = bench_ingest_synthetic(db, args.synthetic)
        with Store.open(db) as store:
            out["corpus"] = {k: v for k, v in store.stats().items() if k in ("documents", "actors", "clusters",
                                                                             "multi_document_clusters")}
            size = getattr(store, "size_bytes", None)
            if size:
                out["corpus"]["db_mb"] = round(size() / 1e6, 1)
            out["search"] = bench_search(store, repeat=args.repeat)
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
