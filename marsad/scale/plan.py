"""What a batch has to do: find the input partitions, name their outputs, and skip what the manifest says is done.

The manifest (``_manifest.jsonl`` in the output folder) gets one line per completed partition, appended by the
driver only after the partition's output has been renamed into place, so a line always means a whole output.
A rerun skips a partition when the manifest has a line for it with the same options digest, the output file is
still there, and the input is unchanged: same size and modification time, or, when only the time moved (a copy,
a ``touch``), the same SHA-1 of its content.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from marsad.errors import MarsadError
from marsad.scale.partition import JSONL_SUFFIXES, PARQUET_SUFFIXES, PartitionResult, file_sha1

MANIFEST = "_manifest.jsonl"
PROBLEMS = "_problems.jsonl"
# Looked for inside folders; a ``.json`` file (often metadata, like a corpus's stats.json) only when named itself.
FOLDER_SUFFIXES = (JSONL_SUFFIXES - {".json"}) | PARQUET_SUFFIXES


@dataclass(frozen=True)
class Partition:
    """One unit of work: an input file and where its output goes."""

    input_path: str
    output_path: str
    size: int
    mtime_ns: int


def find_partitions(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike) -> list[Partition]:
    """Files given, and *.jsonl / *.parquet under folders given (recursively, hidden entries skipped).

    Outputs mirror the input layout: ``in/2015/07-21.jsonl`` under folder ``in`` becomes ``OUT/2015/07-21.parquet``;
    a file given by name lands at ``OUT/<name>.parquet``. Two inputs that would share an output are an error.
    """
    out = Path(out_dir).resolve()
    found: list[tuple[Path, Path]] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and f.suffix.lower() in FOLDER_SUFFIXES and not any(s.startswith((".", "_"))
                                                                                    for s in rel.parts):
                    found.append((f.resolve(), rel))
        elif p.is_file():
            found.append((p.resolve(), Path(p.name)))
        else:
            raise MarsadError("M008", f"{raw}: no such file or folder")
    parts: list[Partition] = []
    seen: dict[Path, Path] = {}
    for src, rel in found:
        if src.is_relative_to(out):
            continue  # never read our own output back as input
        dest = out / rel.with_suffix(".parquet")
        if dest in seen and seen[dest] != src:
            raise MarsadError("M008", f"{seen[dest]} and {src} would both be written to {dest}; "
                              "rename one or run them into different --out folders")
        if dest in seen:
            continue
        seen[dest] = src
        st = src.stat()
        parts.append(Partition(str(src), str(dest), st.st_size, st.st_mtime_ns))
    return parts


class Manifest:
    """The record of completed partitions in an output folder (append-only JSON Lines, last entry wins)."""

    def __init__(self, out_dir: str | os.PathLike) -> None:
        self.path = Path(out_dir) / MANIFEST
        self.entries: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            with self.path.open(encoding="utf-8") as fh:
                for line in fh:
                    try:
                        e = json.loads(line)
                        self.entries[e["input"]] = e
                    except (ValueError, KeyError, TypeError):
                        continue  # a line cut short by a crash: that partition is simply done again

    def is_done(self, part: Partition, digest: str) -> bool:
        e = self.entries.get(part.input_path)
        if e is None or e.get("options") != digest or e.get("output") != part.output_path:
            return False
        if not Path(part.output_path).exists() or (e.get("jsonl") and not Path(e["jsonl"]).exists()):
            return False
        if e.get("size") != part.size:
            return False
        if e.get("mtime_ns") == part.mtime_ns:
            return True
        return e.get("sha1") == file_sha1(Path(part.input_path))

    def record(self, part: Partition, result: PartitionResult, digest: str) -> None:
        entry = {
            "input": part.input_path, "size": result.input_size, "mtime_ns": part.mtime_ns,
            "sha1": result.input_sha1, "output": result.output_path, "jsonl": result.jsonl_path,
            "options": digest, "pipeline_version": result.pipeline_version, "documents": result.documents,
            "failed": result.failed, "with_problems": result.with_problems, "problems": result.problems_total,
            "words": result.words, "stored": result.stored, "seconds": round(result.seconds, 3),
            "worker_pid": result.worker_pid, "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        self.entries[part.input_path] = entry
        _append(self.path, entry)


def record_problems(out_dir: str | os.PathLike, result: PartitionResult) -> None:
    """Append a partition's problem entries to ``_problems.jsonl`` (the driver is the only writer)."""
    if result.problems:
        path = Path(out_dir) / PROBLEMS
        for p in result.problems:
            _append(path, {"partition": result.input_path, **p})


def _append(path: Path, entry: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
