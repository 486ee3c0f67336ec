"""Pipeline throughput on SaudiNewsNet: words/s, articles/s, per-stage cost, against a baseline in the same run."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from marsad.document import Document
from marsad.evaluate.corpus import saudinewsnet
from marsad.pipeline import Pipeline, Stage, load_pipeline


class Throughput:
    """Rates of a timed run that has ``articles``, ``words`` and ``seconds`` (wall clock)."""

    articles: int
    words: int
    seconds: float

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds


@dataclass(frozen=True)
class BenchResult(Throughput):
    articles: int
    words: int
    seconds: float
    stage_seconds: dict[str, float]
    baseline_seconds: float


def pin_one_core() -> None:
    """Run on one core, as the figures claim: pin the process and stop BLAS from threading."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})


def _timed(st: Stage, acc: dict[str, float]) -> Stage:
    def run(doc: Document) -> Document:
        t = time.perf_counter()
        out = st.func(doc)
        acc[st.name] = acc.get(st.name, 0.0) + time.perf_counter() - t
        return out

    return Stage(st.name, run, st.requires, st.provides)


def run_bench(shared: Path, n: int = 2000, pipeline: Pipeline | None = None) -> BenchResult:
    pipeline = pipeline or load_pipeline()
    recs = list(saudinewsnet(shared, n))
    docs = [Document(id=r["id"], text=r["content"], published=(r.get("date_extracted") or "")[:10] or None)
            for r in recs]
    words = sum(len(d.text.split()) for d in docs)
    # Baseline: the cheapest useful pass over the same text (whitespace split + fold of every word), so the
    # ratio says how many times a bare read of the corpus the full analysis costs.
    from marsad.arabic.normalize import fold

    t = time.perf_counter()
    for d in docs:
        fold(d.text).text.split()
    baseline = time.perf_counter() - t
    acc: dict[str, float] = {}
    timed = Pipeline([_timed(s, acc) for s in pipeline.stages])
    for d in docs[:20]:  # warm caches and lazy loads outside the measurement
        pipeline.run(d)
    acc.clear()
    t = time.perf_counter()
    for _ in timed.analyze_many(docs):
        pass
    total = time.perf_counter() - t
    return BenchResult(len(docs), words, total, acc, baseline)


def lexicon_slice(pipeline: Pipeline) -> Pipeline:
    """The first issue's slice of the pipeline: entities from lexicons only (no trained tagger), no events."""
    from marsad.stages.entities import entities_lexicon_only

    return Pipeline([entities_lexicon_only if s.name == "entities" else s
                     for s in pipeline.stages if s.name != "events"])


def report(r: BenchResult) -> str:
    lines = [
        f"articles: {r.articles:,}   words: {r.words:,}   one core",
        f"pipeline: {r.seconds:.2f} s   {r.words_per_s:,.0f} words/s   {r.articles_per_s:,.1f} articles/s",
        f"baseline (fold + split only): {r.baseline_seconds:.2f} s   {r.words / r.baseline_seconds:,.0f} words/s"
        f"   pipeline costs {r.seconds / r.baseline_seconds:.1f}x the baseline",
        "per stage (µs/word):",
    ]
    for name, s in r.stage_seconds.items():
        lines.append(f"  {name:<12} {1e6 * s / r.words:7.2f}   {100 * s / r.seconds:5.1f}%")
    return "\n".join(lines)
