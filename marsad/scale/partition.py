"""The pure per-partition function: one JSONL or Parquet file in, one Parquet file (and optionally JSONL) out.

It knows nothing about Dask, so any engine (Dask, a process pool, a plain loop, a Spark ``mapPartitions``) can
call it. The pipeline is loaded once per process and cached by pipeline version; a record that cannot be read
or analysed becomes a problem entry, never a lost partition. Outputs are written under a temporary name and
renamed into place, so a killed or retried task never leaves a half-written file where a reader looks.
"""
from __future__ import annotations

import hashlib
import json
import os
import resource
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from marsad.document import Document
from marsad.ingest.readers import DEFAULT_MAX_CHARS, Item, read_jsonl, record_to_item
from marsad.pipeline import Pipeline, load_pipeline
from marsad.scale.columns import ROW_GROUP, SCHEMA, document_row, record_json

PARQUET_SUFFIXES = {".parquet", ".pq"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
MAX_REPORTED = 1000  # problem entries carried back to the driver per partition; all stay in the Parquet file


@dataclass(frozen=True)
class PartitionOptions:
    """Everything that decides what a partition's output is (its digest keys the manifest)."""

    mapping: tuple[tuple[str, str], ...] = ()
    defaults: tuple[tuple[str, str], ...] = ()  # source/published for records that give none
    max_chars: int = DEFAULT_MAX_CHARS
    jsonl: bool = False
    store: str | None = None  # postgresql:// URL: also bulk-load each document into the corpus store

    def digest(self, pipeline_version: str) -> str:
        spec = {"mapping": sorted(self.mapping), "defaults": sorted(self.defaults), "max_chars": self.max_chars,
                "jsonl": self.jsonl, "store": bool(self.store), "pipeline": pipeline_version}
        return hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class PartitionResult:
    """What one partition produced; small, so it travels back to the driver cheaply."""

    input_path: str
    output_path: str
    jsonl_path: str | None
    input_size: int
    input_sha1: str
    documents: int  # rows written
    failed: int  # input records that could not become documents (not in the output; see ``problems``)
    with_problems: int  # written documents that carry at least one problem
    words: int
    stored: int
    problems: tuple[dict[str, str], ...] = ()
    problems_total: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker process on this partition (wall time minus waiting for a core)
    worker_pid: int = 0
    peak_rss_bytes: int = 0
    pipeline_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problems_total == 0


_PIPELINES: dict[str, Pipeline] = {}  # one loaded pipeline per worker process, keyed by version
_STORES: dict[str, Any] = {}


def pipeline_version() -> str:
    from marsad import PIPELINE_VERSION

    return PIPELINE_VERSION


def worker_pipeline() -> Pipeline:
    """The process's pipeline: built on first use, then reused by every partition this worker runs."""
    key = pipeline_version()
    pipe = _PIPELINES.get(key)
    if pipe is None:
        pipe = _PIPELINES[key] = load_pipeline()
    return pipe


# One short sentence written for Marsad that touches every stage, so lexicons that load on first use are loaded.
_WARM_UP_TEXT = "بغداد - قال وزير الخارجية العراقي يوم الأحد: \"سنستضيف 3 آلاف زائر في آذار المقبل\"."


def warm_up() -> int:
    """Load the pipeline and run one sentence through it; returns the process id (for ``client.run``)."""
    worker_pipeline().run(Document(id="warm-up", text=_WARM_UP_TEXT, published="2021-03-01"))
    return os.getpid()


def _worker_store(url: str) -> Any:
    store = _STORES.get(url)
    if store is None:
        from marsad.store import Store

        store = _STORES[url] = Store.open(url)
    return store


def close_worker_stores() -> int:
    """Close this process's store connections (run on every worker when a batch ends)."""
    n = 0
    while _STORES:
        _url, store = _STORES.popitem()
        try:
            store.close()
            n += 1
        except Exception:  # a connection the server already dropped: nothing left to close
            pass
    return n


def file_sha1(path: Path) -> str:
    h = hashlib.sha1()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_partition(path: Path, options: PartitionOptions) -> Iterator[Item]:
    """Items (documents or failures) from a JSONL or Parquet partition, in file order."""
    mapping = dict(options.mapping)
    defaults = dict(options.defaults)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        import pyarrow.parquet as pq

        row = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=ROW_GROUP):
            for rec in batch.to_pylist():
                row += 1
                yield record_to_item(rec, mapping, f"{path}#{row}", options.max_chars, defaults)
    else:
        yield from read_jsonl(path, mapping, options.max_chars, defaults)


def _temp_name(final: Path) -> Path:
    return final.with_name(f".{final.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def process_partition(input_path: str | os.PathLike, output_path: str | os.PathLike,
                      options: PartitionOptions = PartitionOptions(), *,
                      pipeline: Pipeline | None = None) -> PartitionResult:
    """Analyse every record of ``input_path`` and write the results to ``output_path`` (Parquet), atomically.

    With ``options.jsonl`` the same records also go to ``output_path`` with a ``.jsonl`` suffix. Raises only
    when the partition itself cannot be read or written (so the engine retries it); bad records are problems.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    t0, c0 = time.perf_counter(), time.process_time()
    src, out = Path(input_path), Path(output_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    pipe = pipeline or worker_pipeline()
    version = pipeline_version()
    store = _worker_store(options.store) if options.store else None
    jsonl_out = out.with_suffix(".jsonl") if options.jsonl else None
    tmp_pq = _temp_name(out)
    tmp_jl = _temp_name(jsonl_out) if jsonl_out else None
    size, sha1 = src.stat().st_size, file_sha1(src)
    counts = {"documents": 0, "failed": 0, "with_problems": 0, "words": 0, "stored": 0, "problems": 0}
    reported: list[dict[str, str]] = []

    def problem(origin: str, doc_id: str | None, stage: str, code: str, message: str) -> None:
        counts["problems"] += 1
        if len(reported) < MAX_REPORTED:
            reported.append({"origin": origin, "id": doc_id or "", "stage": stage, "code": code, "message": message})

    rows: list[dict[str, Any]] = []
    jl = writer = None
    try:
        jl = tmp_jl.open("w", encoding="utf-8") if tmp_jl else None
        writer = pq.ParquetWriter(tmp_pq, SCHEMA, compression="zstd")

        def flush() -> None:
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
                rows.clear()

        for item in read_partition(src, options):
            if item.doc is None:
                counts["failed"] += 1
                p = item.problem
                problem(item.origin, None, p.stage, p.code, p.message)
                continue
            try:
                doc = pipe.run(item.doc)
                record = doc.to_dict()
                row = document_row(doc, record, version, item.origin)
            except Exception as exc:  # not a stage error (those are already problems): keep going all the same
                counts["failed"] += 1
                problem(item.origin, item.doc.id, "batch", "M010", f"{type(exc).__name__}: {exc}")
                continue
            rows.append(row)
            counts["documents"] += 1
            counts["words"] += len(doc.text.split())
            if doc.problems:
                counts["with_problems"] += 1
                for p in doc.problems:
                    problem(item.origin, doc.id, p.stage, p.code, p.message)
            if jl:
                jl.write(row["record"] + "\n")
            if store is not None:
                counts["stored"] += _store_put(store, doc, version, item.origin, problem)
            if len(rows) >= ROW_GROUP:
                flush()
        flush()
        writer.close()
        if jl:
            jl.close()
            os.replace(tmp_jl, jsonl_out)
        os.replace(tmp_pq, out)
    except BaseException:
        if writer is not None:
            writer.close()
        if jl and not jl.closed:
            jl.close()
        for t in (tmp_pq, tmp_jl):
            if t is not None and t.exists():
                t.unlink()
        raise
    return PartitionResult(
        input_path=str(src), output_path=str(out), jsonl_path=str(jsonl_out) if jsonl_out else None,
        input_size=size, input_sha1=sha1, documents=counts["documents"], failed=counts["failed"],
        with_problems=counts["with_problems"], words=counts["words"], stored=counts["stored"],
        problems=tuple(reported), problems_total=counts["problems"], seconds=time.perf_counter() - t0,
        cpu_seconds=time.process_time() - c0, worker_pid=os.getpid(), peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        pipeline_version=version)


def _store_put(store: Any, doc: Document, version: str, origin: str, problem) -> int:
    """Write one document to the corpus store; a store error is that document's problem, not the partition's."""
    try:
        return int(store.put(doc, origin=origin, pipeline_version=version) is not None)
    except Exception as exc:
        problem(origin, doc.id, "store", "M020", f"{type(exc).__name__}: {exc}")
        return 0


def read_output(path: str | os.PathLike) -> list[Document]:
    """The documents in a partition's Parquet output, rebuilt from the full ``record`` column."""
    import pyarrow.parquet as pq

    col = pq.read_table(path, columns=["record"]).column("record").to_pylist()
    return [Document.from_dict(json.loads(r)) for r in col]


__all__ = ["PartitionOptions", "PartitionResult", "process_partition", "read_output", "worker_pipeline",
           "record_json"]
