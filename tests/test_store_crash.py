"""Crash safety: an ingest killed with SIGKILL midway, then run again, leaves the same database as an
uninterrupted run — same documents, entities, events, clusters; no duplicates and no partial documents.

Articles: MARSAD_CRASH_N generated articles (default 300; the acceptance run uses 2000).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


from marsad.store import Store
from store_backends import store_target  # noqa: F401
from marsad.evaluate.synthetic import MAPPING, write_jsonl

REPO = Path(__file__).resolve().parents[1]
N = int(os.environ.get("MARSAD_CRASH_N", "300"))


def ingest_cmd(src: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "marsad.cli.main", "ingest", str(src), "--map", MAPPING, "--db", db, "-q"]


def run_ingest(src: Path, db: str) -> None:
    r = subprocess.run(ingest_cmd(src, db), cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert r.returncode in (0, 1), r.stderr[-2000:]


def count(db: str) -> int:
    try:
        with Store.open(db) as s:
            return int(s.value("SELECT COUNT(*) FROM documents"))
    except Exception:
        return 0  # not created yet


def snapshot(db: str) -> dict[str, list]:
    """Everything a run decides, keyed by document and actor identity (not by row numbers)."""
    with Store.open(db) as s:
        q = s.rows
        return {
            "documents": q("SELECT d.id, d.content_hash, d.title, d.published, d.source, d.url, d.cluster_id, "
                           "d.problems, t.text FROM documents d JOIN doc_texts t ON t.pk = d.pk ORDER BY d.id"),
            "records": [s.get(r["id"]).to_dict() for r in q("SELECT id FROM documents ORDER BY id")],
            "entities": q("SELECT de.doc_id, de.local_id, a.key, de.type, de.name, de.role, de.country, "
                          "de.n_mentions FROM doc_entities de JOIN actors a ON a.id = de.actor_id "
                          "ORDER BY de.doc_id, de.local_id"),
            "actors": q("SELECT key, type, name FROM actors ORDER BY key"),
            "mentions": q("SELECT doc_id, entity_id, start_char, end_char, text FROM mentions "
                          "ORDER BY doc_id, start_char, end_char, entity_id"),
            "events": q("SELECT doc_id, local_id, type, cameo, actors, recipients, trigger_start FROM events "
                        "ORDER BY doc_id, local_id"),
            "quotes": q("SELECT doc_id, local_id, speaker, start_char, end_char FROM quotes "
                        "ORDER BY doc_id, local_id"),
            "times": q("SELECT doc_id, local_id, value FROM times ORDER BY doc_id, local_id"),
            "clusters": q("SELECT id, size FROM clusters ORDER BY id"),
            "indexed": [{"n": s.value("SELECT COUNT(*) FROM doc_search")}],
        }


def _diff(a: list, b: list) -> str:
    if len(a) != len(b):
        return f"{len(a)} rows in the uninterrupted run, {len(b)} after the crash"
    for x, y in zip(a, b):
        if x != y:
            keys = [k for k in x if x.get(k) != y.get(k)] if isinstance(x, dict) else []
            return f"first difference in {x.get('id') or x.get('doc_id')}: fields {keys}"
    return ""


def test_store_survives_kill_9_midway_and_resumes_to_the_same_database(tmp_path, store_target):
    src = write_jsonl(tmp_path / "articles.jsonl", N)
    if "://" in store_target:  # PostgreSQL: two schemas of one server
        crashed, reference = store_target, store_target.replace("search_path%3D", "search_path%3Dref_")
        import psycopg

        from store_backends import PG
        schema = store_target.split("search_path%3D")[1]
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA ref_{schema}")
    else:
        crashed, reference = str(tmp_path / "crashed.db"), str(tmp_path / "reference.db")
    try:
        run_ingest(src, reference)
        proc = subprocess.Popen(ingest_cmd(src, crashed), cwd=REPO, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 900
        while count(crashed) < N // 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        done = count(crashed)
        assert 0 < done < N, f"the kill landed at {done} of {N} documents; not midway"
        run_ingest(src, crashed)
        a, b = snapshot(reference), snapshot(crashed)
        assert len(a["documents"]) == len({d["content_hash"] for d in a["documents"]}) > N * 0.8
        for table in a:
            assert a[table] == b[table], (f"{table} differs after kill -9 at {done}/{N} and resume: "
                                          f"{_diff(a[table], b[table])}")
        if "://" not in crashed:
            import sqlite3

            assert sqlite3.connect(crashed).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        if "://" in store_target:
            with psycopg.connect(PG, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA ref_{schema} CASCADE")
