"""The store interface: one class over a DB-API connection; SQLite and PostgreSQL supply the dialect parts.

The store is the only code that writes SQL. Each document is written in one transaction (all its rows or none),
and a content hash makes writing the same article twice a no-op.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from marsad.document import SCHEMA, Document
from marsad.errors import MarsadError
from marsad.store import migrations, search as fts
from marsad.store.queries import QueryMixin
from marsad.store.rows import content_hash, document_from_row, document_rows, fold_str, folded_text, now

log = logging.getLogger(__name__)

DOC_READ = "d.*, t.text, t.record FROM documents d JOIN doc_texts t ON t.pk = d.pk"


@dataclass(frozen=True)
class Filters:
    """What every read command can narrow by; None means no constraint."""

    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    entity: str | None = None
    country: str | None = None
    event_type: str | None = None
    cluster: str | None = None
    doc_id: str | None = None


class Store(QueryMixin):
    """A Marsad corpus database. Use :meth:`Store.open`; subclasses provide ``connect`` and the dialect hooks."""

    dialect = "base"

    def __init__(self, target: str) -> None:
        self.target = target
        self.conn = self.connect(target)
        self.migrate()

    # ---- opening ------------------------------------------------------------
    @staticmethod
    def open(target: str | Path) -> "Store":
        """A SQLite file path (created if missing) or a ``postgresql://`` URL."""
        t = str(target)
        if t.startswith(("postgresql://", "postgres://")):
            from marsad.store.postgres import PostgresStore

            return PostgresStore(t)
        from marsad.store.sqlite import SQLiteStore

        return SQLiteStore(t)

    def connect(self, target: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ---- dialect hooks ------------------------------------------------------
    def sql(self, text: str) -> str:
        """SQL is written with ``?`` placeholders; PostgreSQL rewrites them."""
        return text

    @contextmanager
    def transaction(self) -> Iterator[None]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def index_document(self, pk: int, idx: fts.IndexText, published: str | None) -> None:  # pragma: no cover
        raise NotImplementedError

    def unindex_document(self, pk: int, idx: fts.IndexText, published: str | None) -> None:  # pragma: no cover
        raise NotImplementedError

    # ---- low level ----------------------------------------------------------
    def execute(self, text: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(self.sql(text), tuple(params))
        except Exception as exc:
            raise MarsadError("M020", f"{type(exc).__name__}: {exc}") from exc

    def executemany(self, text: str, rows: list[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(self.sql(text), rows)

    def rows(self, text: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.execute(text, params)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def value(self, text: str, params: Sequence[Any] = ()) -> Any:
        r = self.execute(text, params).fetchone()
        return None if r is None else r[0]

    # ---- migrations ---------------------------------------------------------
    def schema_version(self) -> int:
        return int(self.value("SELECT COALESCE(MAX(version), 0) FROM schema_version") or 0)

    def migrate(self) -> None:
        """Apply missing migrations, each in its own transaction."""
        try:  # an up-to-date database is only read: opening a store never waits for a running writer
            if self.schema_version() >= migrations.LATEST:
                return
        except MarsadError:
            pass  # no schema_version table yet
        with self.transaction():
            self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
        for n, mig in enumerate(migrations.MIGRATIONS, start=1):
            with self.transaction():
                if self.value("SELECT 1 FROM schema_version WHERE version = ?", (n,)):
                    continue
                log.info("applying migration %d %s", n, mig.__name__)
                mig(self, self.dialect)
                self.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (n, now()))

    # ---- writing ------------------------------------------------------------
    def has_hash(self, h: str) -> bool:
        return self.value("SELECT 1 FROM documents WHERE content_hash = ?", (h,)) is not None

    def put(self, doc: Document, *, cluster_id: str | None = None, signature: bytes | None = None,
            origin: str | None = None, pipeline_version: str | None = None) -> str | None:
        """Store ``doc`` and all its facts atomically; returns the stored id, or None when the text is already
        stored. An id taken by a different text gets the hash appended (``id-1a2b3c4d``)."""
        from marsad import PIPELINE_VERSION

        pv = pipeline_version or PIPELINE_VERSION
        folded = folded_text(doc)
        h = content_hash(doc.text, folded)
        for attempt in range(4):
            try:
                return self._put_once(doc, h, folded, pv, cluster_id, signature, origin)
            except Exception as exc:  # concurrent writers (Dask workers on PostgreSQL) may deadlock: retry
                if attempt == 3 or not self.is_retryable(exc):
                    raise
                log.info("store write of %s retried after %s", doc.id, type(exc).__name__)
        return None  # unreachable

    def is_retryable(self, exc: Exception) -> bool:
        """A transaction the backend aborted only because of a concurrent writer (deadlock, serialization)."""
        return False

    def _put_once(self, doc: Document, h: str, folded: str, pv: str, cluster_id: str | None,
                  signature: bytes | None, origin: str | None) -> str | None:
        with self.transaction():
            if self.has_hash(h):
                return None
            if self.value("SELECT 1 FROM documents WHERE id = ?", (doc.id,)):
                doc = doc.evolve(id=f"{doc.id}-{h[:8]}")
            cid = cluster_id or doc.id
            r = document_rows(doc, content_hash_=h, pipeline_version=pv, cluster_id=cid, origin=origin)
            cols = list(r.document)
            pk = self.value(f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                            "ON CONFLICT (content_hash) DO NOTHING RETURNING pk", [r.document[c] for c in cols])
            if pk is None:  # a concurrent writer committed the same text after our check (PostgreSQL)
                return None
            self.execute("INSERT INTO doc_texts (pk, text, record) VALUES (?, ?, ?)", (pk, doc.text, r.record))
            self._write_facts(doc, r, pv)
            self.index_document(pk, fts.index_text(doc.title, doc.text, folded), doc.published)
            if signature is not None:
                self.execute("INSERT INTO signatures (doc_pk, minhash) VALUES (?, ?)", (pk, signature))
            self.execute(
                "INSERT INTO clusters (id, title, size, first_published, last_published, created_at) "
                "VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET size = clusters.size + 1, "
                "first_published = CASE WHEN clusters.first_published IS NULL "
                "OR excluded.first_published < clusters.first_published "
                "THEN COALESCE(excluded.first_published, clusters.first_published) ELSE clusters.first_published END, "
                "last_published = CASE WHEN clusters.last_published IS NULL "
                "OR excluded.last_published > clusters.last_published "
                "THEN COALESCE(excluded.last_published, clusters.last_published) ELSE clusters.last_published END",
                (cid, doc.title, doc.published, doc.published, now()))
        return doc.id

    def _write_facts(self, doc: Document, r: Any, pv: str) -> None:
        ver = (SCHEMA, pv)
        actor_of: dict[str, int] = {}
        ent_rows = []
        # upsert actors in key order: concurrent writers then take row locks in one order and cannot deadlock
        for key, e in sorted(r.entities, key=lambda ke: ke[0]):
            actor_of[e.id] = self.value(
                "INSERT INTO actors (key, type, name, norm, name_en, country, role, kind, lat, lon, geo_id, "
                "schema, pipeline_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET name_en = COALESCE(actors.name_en, excluded.name_en), "
                "country = COALESCE(actors.country, excluded.country), role = COALESCE(actors.role, excluded.role), "
                "lat = COALESCE(actors.lat, excluded.lat), lon = COALESCE(actors.lon, excluded.lon) RETURNING id",
                (key, e.type, e.name, fold_str(e.name), e.name_en, e.country, e.role, e.kind, e.lat, e.lon,
                 e.geo_id, *ver))
            ent_rows.append((doc.id, e.id, actor_of[e.id], e.type, e.name, fold_str(e.name), e.name_en, e.country,
                             e.role, e.kind, e.affiliation, e.confidence, len(e.mentions), *ver))
        self.executemany(
            "INSERT INTO doc_entities (doc_id, local_id, actor_id, type, name, norm, name_en, country, role, kind, "
            "affiliation, confidence, n_mentions, schema, pipeline_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ent_rows)
        self.executemany(
            "INSERT INTO mentions (doc_id, entity_id, actor_id, start_char, end_char, text, schema, pipeline_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, eid, actor_of[eid], a, b, t, *ver) for eid, a, b, t in r.mentions])
        ev_rows = []
        for v in r.events:
            ev_rows.append((doc.id, v["local_id"], v["type"], v["mode"], v["cameo"], v["quad"], v["intensity"],
                            v["negated"], v["confidence"], v["sentence"], v["trigger_start"], v["trigger_end"],
                            v["trigger_text"], v["actors"], v["recipients"], actor_of.get(v["actor"]),
                            actor_of.get(v["recipient"]), v["location"], actor_of.get(v["location"]), v["time"],
                            v["time_value"], v["published"], *ver))
        self.executemany(
            "INSERT INTO events (doc_id, local_id, type, mode, cameo, quad, intensity, negated, confidence, sentence, "
            "trigger_start, trigger_end, trigger_text, actors, recipients, actor_id, recipient_id, location, "
            "location_id, time, time_value, published, schema, pipeline_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ev_rows)
        self.executemany(
            "INSERT INTO quotes (doc_id, local_id, speaker, speaker_id, text, start_char, end_char, cue, schema, "
            "pipeline_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, q["local_id"], q["speaker"], actor_of.get(q["speaker"]), q["text"], q["start"], q["end"],
              q["cue"], *ver) for q in r.quotes])
        self.executemany(
            "INSERT INTO quantities (doc_id, idx, text, start_char, end_char, value, low, high, unit, kind, schema, "
            "pipeline_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, *q, *ver) for q in r.quantities])
        self.executemany(
            "INSERT INTO times (doc_id, local_id, text, start_char, end_char, value, kind, schema, pipeline_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [(doc.id, *t, *ver) for t in r.times])

    def delete(self, doc_id: str) -> bool:
        """Remove one document and its facts (for re-processing); clusters keep their name."""
        with self.transaction():
            row = self.rows("SELECT d.pk, d.title, d.published, t.text, d.cluster_id FROM documents d JOIN doc_texts t "
                            "ON t.pk = d.pk WHERE d.id = ?", (doc_id,))
            if not row:
                return False
            pk = row[0]["pk"]
            self.unindex_document(pk, fts.index_text(row[0]["title"], row[0]["text"]), row[0]["published"])
            for table in ("doc_entities", "mentions", "events", "quotes", "quantities", "times"):
                self.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            self.execute("DELETE FROM signatures WHERE doc_pk = ?", (pk,))
            self.execute("DELETE FROM doc_texts WHERE pk = ?", (pk,))
            self.execute("UPDATE clusters SET size = size - 1 WHERE id = ?", (row[0]["cluster_id"],))
            self.execute("DELETE FROM documents WHERE pk = ?", (pk,))
        return True

    def reindex(self, batch: int = 500) -> int:
        """Rebuild the full-text index from the stored texts (after the search normalisation changed)."""
        with self.transaction():
            self.clear_index()
            last, n = 0, 0
            while True:
                rows = self.rows("SELECT d.pk, d.title, d.published, t.text FROM documents d "
                                 "JOIN doc_texts t ON t.pk = d.pk "
                                 f"WHERE d.pk > ? ORDER BY d.pk LIMIT {batch}", (last,))
                if not rows:
                    return n
                for r in rows:
                    self.index_document(r["pk"], fts.index_text(r["title"], r["text"]), r["published"])
                n += len(rows)
                last = rows[-1]["pk"]

    def clear_index(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def record_failure(self, origin: str, code: str, message: str) -> None:
        """An input that could not become a document, kept so a later look shows what was skipped."""
        with self.transaction():
            self.execute("INSERT INTO ingest_failures (origin, code, message, at) VALUES (?, ?, ?, ?)",
                         (origin, code, message, now()))

    # ---- reading ------------------------------------------------------------
    def get(self, doc_id: str) -> Document | None:
        rows = self.rows(f"SELECT {DOC_READ} WHERE d.id = ?", (doc_id,))
        return document_from_row(rows[0]) if rows else None

    def iter_documents(self, filters: Filters | None = None, batch: int = 200) -> Iterator[Document]:
        """Documents in ingest order, fetched in pages so memory stays flat."""
        where, params = self.doc_where(filters or Filters())
        last = 0
        while True:
            rows = self.rows(f"SELECT {DOC_READ} WHERE d.pk > ? AND {where} ORDER BY d.pk LIMIT {batch}",
                             (last, *params))
            if not rows:
                return
            for r in rows:
                yield document_from_row(r)
            last = rows[-1]["pk"]

    def signatures(self) -> Iterator[tuple[str, str, bytes, str | None]]:
        """(doc id, cluster id, MinHash signature, published) for every document, to rebuild the LSH index."""
        cur = self.execute("SELECT d.id, d.cluster_id, s.minhash, d.published FROM signatures s JOIN documents d "
                           "ON d.pk = s.doc_pk ORDER BY d.pk")
        for doc_id, cid, sig, published in cur:
            yield doc_id, cid, bytes(sig), published

    def hashes(self) -> set[str]:
        return {r[0] for r in self.execute("SELECT content_hash FROM documents")}


__all__ = ["Store", "Filters", "content_hash"]
