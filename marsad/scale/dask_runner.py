"""Run ``process_partition`` over many partitions on Dask distributed: one task per partition, retried, resumable.

``--workers N`` starts a LocalCluster of N single-threaded worker processes (the pipeline is pure Python, so
threads would only fight over the GIL); ``--scheduler tcp://host:port`` uses a cluster that is already running
(``dask scheduler`` + ``dask worker`` on each node, ``dask ssh``, the Kubernetes operator, dask-yarn; see
docs/scale.md). Workers must see the input and output paths (a shared file system) and have marsad installed.

Run as a module for the same thing as ``marsad batch``: ``python -m marsad.scale.dask_runner INPUT... --out DIR``.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from marsad.scale.partition import PartitionOptions, PartitionResult, pipeline_version, process_partition
from marsad.scale.plan import Manifest, Partition, find_partitions, record_problems

log = logging.getLogger(__name__)
RETRIES = 2


@dataclass
class BatchReport:
    partitions: int = 0
    skipped: int = 0
    done: int = 0
    failed_partitions: list[dict[str, str]] = field(default_factory=list)
    documents: int = 0
    failed_records: int = 0
    with_problems: int = 0
    problems: int = 0
    words: int = 0
    stored: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over partitions: the work itself, however many cores it waited for
    workers: dict[int, int] = field(default_factory=dict)  # worker pid -> peak RSS bytes
    results: list[PartitionResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed_partitions and self.problems == 0

    def add(self, r: PartitionResult) -> None:
        self.done += 1
        self.documents += r.documents
        self.failed_records += r.failed
        self.with_problems += r.with_problems
        self.problems += r.problems_total
        self.words += r.words
        self.stored += r.stored
        self.cpu_seconds += r.cpu_seconds
        self.workers[r.worker_pid] = max(self.workers.get(r.worker_pid, 0), r.peak_rss_bytes)
        self.results.append(r)

    def as_dict(self) -> dict[str, Any]:
        secs = max(self.seconds, 1e-9)
        return {
            "partitions": self.partitions, "skipped": self.skipped, "done": self.done,
            "failed_partitions": self.failed_partitions, "documents": self.documents,
            "failed_records": self.failed_records, "documents_with_problems": self.with_problems,
            "problems": self.problems, "words": self.words, "stored": self.stored,
            "seconds": round(self.seconds, 2), "cpu_seconds": round(self.cpu_seconds, 2), "words_per_s": round(self.words / secs),
            "articles_per_s": round(self.documents / secs, 1),
            "peak_rss_mb_per_worker": sorted(round(v / 2**20) for v in self.workers.values()),
        }


def _worker_env() -> None:
    # One thread per worker process: keep numeric libraries from starting their own thread pools.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client: on ``scheduler`` if given, else on a new LocalCluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout="30s") as client:
            yield client
        return
    _worker_env()
    n = workers or max(1, (os.cpu_count() or 2))
    # ":0": a free port, so two batches (or a batch and a test) on one machine never clash on 8787.
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
        yield client


def _progress(total: int, enabled: bool):
    if not enabled or total == 0:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[detail]}"),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=False)
    bar.start()
    bar.add_task("batch", total=total, detail="")
    return bar


def run_batch(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike,
              options: PartitionOptions = PartitionOptions(), *, client: Any = None, workers: int | None = None,
              scheduler: str | None = None, force: bool = False, progress: bool = False,
              on_result: Callable[[PartitionResult], None] | None = None) -> BatchReport:
    """Process every partition under ``inputs`` not already done into ``out_dir``; returns counts and figures.

    A partition that still fails after RETRIES attempts is reported in ``failed_partitions`` and left out of
    the manifest, so the next run tries it again.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    parts = find_partitions(inputs, out)
    manifest = Manifest(out)
    digest = options.digest(pipeline_version())
    todo = [p for p in parts if force or not manifest.is_done(p, digest)]
    report = BatchReport(partitions=len(parts), skipped=len(parts) - len(todo))
    if not todo:
        return report
    if client is None:
        with connect(workers, scheduler) as c:
            return _run(c, todo, out, options, manifest, digest, report, progress, on_result)
    return _run(client, todo, out, options, manifest, digest, report, progress, on_result)


def _run(client: Any, todo: list[Partition], out: Path, options: PartitionOptions, manifest: Manifest,
         digest: str, report: BatchReport, progress: bool, on_result) -> BatchReport:
    from distributed import as_completed

    t0 = time.perf_counter()
    by_key: dict[str, Partition] = {}
    futures = []
    for p in todo:
        key = f"marsad-partition-{Path(p.input_path).stem}-{os.urandom(4).hex()}"
        by_key[key] = p
        futures.append(client.submit(process_partition, p.input_path, p.output_path, options, key=key,
                                     retries=RETRIES, pure=False))
    bar = _progress(len(todo), progress)
    try:
        for fut in as_completed(futures):
            part = by_key[fut.key]
            try:
                result = fut.result()
            except Exception as exc:
                report.failed_partitions.append({"input": part.input_path, "error": f"{type(exc).__name__}: {exc}"})
                log.error("partition %s failed after %d retries: %s", part.input_path, RETRIES, exc)
            else:
                manifest.record(part, result, digest)
                record_problems(out, result)
                report.add(result)
                if on_result:
                    on_result(result)
            fut.release()
            if bar:
                bar.update(bar.task_ids[0], advance=1,
                           detail=f"{report.documents:,} docs · {report.problems:,} problems · "
                                  f"{len(report.failed_partitions)} failed")
    finally:
        if bar:
            bar.stop()
        if options.store:
            from marsad.scale.partition import close_worker_stores

            client.run(close_worker_stores)
    report.seconds = time.perf_counter() - t0
    _remove_orphans(todo)
    return report


def _remove_orphans(parts: list[Partition]) -> None:
    """Temporary files of tasks that died with their worker (SIGKILL leaves no chance to clean up).

    Every task of this run has finished by now, so a temporary file beside one of its outputs has no writer.
    """
    for p in parts:
        out = Path(p.output_path)
        for stem in (out.name, out.with_suffix(".jsonl").name):
            for orphan in out.parent.glob(f".{stem}.*.tmp"):
                orphan.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> None:
    from marsad.cli.batch import command

    command.main(args=argv, prog_name="python -m marsad.scale.dask_runner")


if __name__ == "__main__":
    main(sys.argv[1:])
