"""Versioned schema migrations: plain functions, each applied in its own transaction, recorded in schema_version.

A migration takes ``(db, dialect)``: ``db.execute(sql)``, ``db.rows(sql)``, ``db.value(sql)`` and ``db.reindex()`` run
in the migration's transaction; ``dialect`` is "sqlite" or "postgres". Append new migrations at the end,
never edit one that has shipped: a database records the number of the last migration it has.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

log = logging.getLogger(__name__)

Execute = Any  # the store: .execute(sql) and .rows(sql)


def _types(dialect: str) -> dict[str, str]:
    if dialect == "postgres":
        return {"pk": "BIGSERIAL PRIMARY KEY", "int": "BIGINT", "real": "DOUBLE PRECISION", "blob": "BYTEA"}
    return {"pk": "INTEGER PRIMARY KEY", "int": "INTEGER", "real": "REAL", "blob": "BLOB"}


def columns(db: Execute, dialect: str, table: str) -> set[str]:
    if dialect == "postgres":
        return {r["column_name"] for r in db.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            f"AND table_name = '{table}'")}
    return {r["name"] for r in db.rows(f"PRAGMA table_info({table})")}


def m001_corpus(db: Execute, dialect: str) -> None:
    """Documents, the cross-document actor registry, extracted facts, story clusters, ingest failures."""
    t = _types(dialect)
    execute = db.execute
    ver = "schema TEXT NOT NULL, pipeline_version TEXT NOT NULL"
    execute(f"""CREATE TABLE documents (
        pk {t['pk']}, id TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL UNIQUE,
        source TEXT, url TEXT, title TEXT, published TEXT, text TEXT NOT NULL,
        dateline TEXT, record TEXT NOT NULL, problems TEXT NOT NULL, n_problems {t['int']} NOT NULL DEFAULT 0,
        cluster_id TEXT, origin TEXT, ingested_at TEXT NOT NULL, {ver})""")
    execute("CREATE INDEX documents_published ON documents (published)")
    execute("CREATE INDEX documents_source ON documents (source)")
    execute("CREATE INDEX documents_cluster ON documents (cluster_id)")
    execute("CREATE INDEX documents_url ON documents (url)")
    execute(f"""CREATE TABLE actors (
        id {t['pk']}, key TEXT NOT NULL UNIQUE, type TEXT NOT NULL, name TEXT NOT NULL, norm TEXT NOT NULL,
        name_en TEXT, country TEXT, role TEXT, kind TEXT, lat {t['real']}, lon {t['real']}, geo_id TEXT, {ver})""")
    execute("CREATE INDEX actors_norm ON actors (norm)")
    execute("CREATE INDEX actors_name_en ON actors (name_en)")
    execute("CREATE INDEX actors_country ON actors (country)")
    # One row per entity per document: what this article says about the actor (role, country can differ).
    execute(f"""CREATE TABLE doc_entities (
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL, actor_id {t['int']} NOT NULL, type TEXT NOT NULL,
        name TEXT NOT NULL, norm TEXT NOT NULL, name_en TEXT, country TEXT, role TEXT, kind TEXT,
        affiliation TEXT, confidence {t['real']}, n_mentions {t['int']} NOT NULL, {ver},
        PRIMARY KEY (doc_id, local_id))""")
    execute("CREATE INDEX doc_entities_actor ON doc_entities (actor_id)")
    execute("CREATE INDEX doc_entities_norm ON doc_entities (norm)")
    execute("CREATE INDEX doc_entities_country ON doc_entities (country)")
    execute(f"""CREATE TABLE mentions (
        doc_id TEXT NOT NULL, entity_id TEXT NOT NULL, actor_id {t['int']} NOT NULL,
        start_char {t['int']} NOT NULL, end_char {t['int']} NOT NULL, text TEXT NOT NULL, {ver})""")
    execute("CREATE INDEX mentions_doc ON mentions (doc_id)")
    execute("CREATE INDEX mentions_actor ON mentions (actor_id)")
    execute(f"""CREATE TABLE events (
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, cameo TEXT,
        quad {t['int']}, intensity {t['real']}, negated {t['int']} NOT NULL, confidence {t['real']},
        sentence {t['int']}, trigger_start {t['int']}, trigger_end {t['int']}, trigger_text TEXT,
        actors TEXT NOT NULL, recipients TEXT NOT NULL, actor_id {t['int']}, recipient_id {t['int']},
        location TEXT, location_id {t['int']}, time TEXT, time_value TEXT, published TEXT, {ver},
        PRIMARY KEY (doc_id, local_id))""")
    execute("CREATE INDEX events_type ON events (type)")
    execute("CREATE INDEX events_cameo ON events (cameo)")
    execute("CREATE INDEX events_published ON events (published)")
    execute("CREATE INDEX events_actor ON events (actor_id)")
    execute(f"""CREATE TABLE quotes (
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL, speaker TEXT, speaker_id {t['int']}, text TEXT NOT NULL,
        start_char {t['int']} NOT NULL, end_char {t['int']} NOT NULL, cue TEXT, {ver}, PRIMARY KEY (doc_id, local_id))""")
    execute("CREATE INDEX quotes_speaker ON quotes (speaker_id)")
    execute(f"""CREATE TABLE quantities (
        doc_id TEXT NOT NULL, idx {t['int']} NOT NULL, text TEXT NOT NULL, start_char {t['int']} NOT NULL,
        end_char {t['int']} NOT NULL, value {t['real']}, low {t['real']}, high {t['real']}, unit TEXT, kind TEXT,
        {ver}, PRIMARY KEY (doc_id, idx))""")
    execute(f"""CREATE TABLE times (
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL, text TEXT NOT NULL, start_char {t['int']} NOT NULL,
        end_char {t['int']} NOT NULL, value TEXT, kind TEXT, {ver}, PRIMARY KEY (doc_id, local_id))""")
    execute("CREATE INDEX times_value ON times (value)")
    # A story cluster is named after the first document that started it; signatures let a later run rebuild LSH.
    execute(f"""CREATE TABLE clusters (
        id TEXT PRIMARY KEY, title TEXT, size {t['int']} NOT NULL, first_published TEXT,
        last_published TEXT, created_at TEXT NOT NULL)""")
    execute("CREATE INDEX clusters_size ON clusters (size)")
    execute(f"CREATE TABLE signatures (doc_pk {t['int']} PRIMARY KEY, minhash {t['blob']} NOT NULL)")
    execute(f"""CREATE TABLE ingest_failures (
        id {t['pk']}, origin TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL)""")
    if dialect == "postgres":
        execute("CREATE TABLE doc_search (doc_pk BIGINT PRIMARY KEY, exact TSVECTOR NOT NULL, stems TSVECTOR NOT NULL)")
        execute("CREATE INDEX doc_search_exact ON doc_search USING GIN (exact)")
        execute("CREATE INDEX doc_search_stems ON doc_search USING GIN (stems)")
    else:
        # Contentless: the index holds our folded tokens only; the ascii tokenizer splits on ASCII
        # whitespace/punctuation and keeps every Arabic letter as part of a word.
        execute("CREATE VIRTUAL TABLE doc_search USING fts5(exact, stems, content='', tokenize='ascii')")


def m002_texts_apart(db: Execute, dialect: str) -> None:
    """Text and record move to `doc_texts` so `documents` rows stay small: a search that filters thousands of
    matches by date or source then reads many rows per page instead of a page or more per article."""
    t = _types(dialect)
    execute = db.execute
    execute(f"CREATE TABLE IF NOT EXISTS doc_texts (pk {t['int']} PRIMARY KEY, text TEXT NOT NULL, "
            f"record {t['blob']} NOT NULL)")
    if "text" not in columns(db, dialect, "documents"):
        return  # a development database created with the split already in place
    record = "convert_to(record, 'UTF8')" if dialect == "postgres" else "record"
    execute(f"INSERT INTO doc_texts (pk, text, record) SELECT pk, text, {record} FROM documents")
    execute("ALTER TABLE documents DROP COLUMN text")
    execute("ALTER TABLE documents DROP COLUMN record")


def m003_search_order_keys(db: Execute, dialect: str) -> None:
    """SQLite: the full-text rowid becomes the document's order key (publication day and pk, see
    ``store/sqlite.py``) so newest-first search reads one page of the index instead of sorting every match; the
    index is rebuilt from the stored texts in this transaction (about a minute per 25,000 articles), so a crash
    leaves the old index and version 2. A partial index finds the rare document whose date the key cannot order.
    PostgreSQL's GIN index has no order to exploit: nothing changes there."""
    if dialect != "sqlite":
        return
    from marsad.store.sqlite import ODD_PUBLISHED

    db.execute(f"CREATE INDEX IF NOT EXISTS documents_odd_published ON documents (pk) WHERE {ODD_PUBLISHED}")
    n = db.value("SELECT COUNT(*) FROM documents")
    if n:
        log.warning("rebuilding the search index of %d documents in search order (migration 3, once)", n)
        db.reindex()


def m004_country_documents_index(db: Execute, dialect: str) -> None:
    """The country filter (``d.id IN (documents naming an actor of that country)``) reads the ids from the index
    alone: (country, doc_id) replaces (country). For a common country (SAU: 17,000 rows on the 27k-article
    store) the per-row table lookups were most of a filtered search."""
    db.execute("CREATE INDEX IF NOT EXISTS doc_entities_country_doc ON doc_entities (country, doc_id)")
    db.execute("DROP INDEX IF EXISTS doc_entities_country")


MIGRATIONS: tuple[Callable[[Any, str], None], ...] = (m001_corpus, m002_texts_apart, m003_search_order_keys,
                                                      m004_country_documents_index)
LATEST = len(MIGRATIONS)
