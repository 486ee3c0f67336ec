"""SQLite backend: one file, WAL journal (readers never block the writer), FTS5 over our own Arabic tokens.

The FTS rowid of a document is its *order key*, not its pk: the publication day and the pk packed into one integer
that sorts like ``published DESC NULLS LAST, pk DESC`` when read in descending order. A newest-first search then
walks the index backwards and stops after one page, instead of joining and sorting every match of a common word
(3,000-5,000 on the 27k-article corpus). The pk is the key's low ``PK_BITS`` bits.
"""
from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from marsad.store import search as fts
from marsad.store.base import Store
from marsad.errors import MarsadError
from marsad.store.queries import RECENT

PK_BITS = 35  # 34 billion documents; the day part (YYYYMMDD + 1 <= 99991232) keeps the key under 2**62
PK_MASK = (1 << PK_BITS) - 1
# A publication date the key can order exactly: ASCII digits only, as GLOB's [0-9] (\d would take ٢٠١٥).
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Documents whose date the key cannot order; the partial index (migration 3) makes asking for one a lookup.
ODD_PUBLISHED = "published IS NOT NULL AND NOT published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"


def _day(published: str | None) -> int:
    """YYYYMMDD + 1 for a plain date (digit strings of one width sort as their numbers), 0 otherwise."""
    return int(published[:4] + published[5:7] + published[8:]) + 1 if published and _PLAIN_DATE.fullmatch(
        published) else 0


def order_key(published: str | None, pk: int) -> int:
    """The FTS rowid of document ``pk``: descending keys are ``published DESC NULLS LAST, pk DESC`` order for
    every document whose date is plain YYYY-MM-DD or missing."""
    if not 0 < pk <= PK_MASK:
        raise MarsadError("M020", f"document pk {pk} does not fit the search index's order key")
    return (_day(published) << PK_BITS) | pk


class SQLiteStore(Store):
    dialect = "sqlite"

    def connect(self, target: str) -> sqlite3.Connection:
        if target != ":memory:":
            Path(target).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly, one per document.
        conn = sqlite3.connect(target, isolation_level=None, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives a killed process (only power loss can drop the last commits).
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA cache_size=-65536")
        # Checkpoint (the only fsync in WAL+NORMAL) every ~16 MB rather than every 4 MB.
        conn.execute("PRAGMA wal_autocheckpoint=4000")
        self._depth = 0
        return conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def index_document(self, pk: int, idx: fts.IndexText, published: str | None) -> None:
        self.execute("INSERT INTO doc_search (rowid, exact, stems) VALUES (?, ?, ?)",
                     (order_key(published, pk), idx.exact, idx.stems))

    def unindex_document(self, pk: int, idx: fts.IndexText, published: str | None) -> None:
        # A contentless FTS5 table forgets a row only when given the same tokens it indexed.
        self.execute("INSERT INTO doc_search (doc_search, rowid, exact, stems) VALUES ('delete', ?, ?, ?)",
                     (order_key(published, pk), idx.exact, idx.stems))

    def clear_index(self) -> None:
        self.execute("INSERT INTO doc_search (doc_search) VALUES ('delete-all')")

    def fulltext(self, q: fts.Query, filters: Any, where: str, params: list[Any], limit: int, offset: int,
                 sort: str) -> list[int]:
        match = [fts.fts5_match(q), *params]
        join = f"SELECT d.pk FROM doc_search s JOIN documents d ON d.pk = (s.rowid & {PK_MASK}) WHERE doc_search MATCH ?"
        page = f"LIMIT {limit} OFFSET {offset}"
        if sort == "relevance":  # ties (equal BM25) in pk order, as PostgreSQL's ts_rank sort
            return [r[0] for r in self.execute(f"{join} AND {where} ORDER BY s.rank, d.pk {page}", match)]
        if not self.keys_ordered():
            return [r[0] for r in self.execute(f"{join} AND {where} ORDER BY {RECENT} {page}", match)]
        lo, hi = key_range(getattr(filters, "date_from", None), getattr(filters, "date_to", None))
        return [r[0] for r in self.execute(
            f"{join} AND s.rowid BETWEEN {lo} AND {hi} AND {where} ORDER BY s.rowid DESC {page}", match)]

    def keys_ordered(self) -> bool:
        """Whether the FTS rowids are in search order: no stored document has a date other than YYYY-MM-DD."""
        # Named: the planner would rather range-scan documents_published for the IS NOT NULL (10 ms vs 6 us).
        return self.value(f"SELECT 1 FROM documents INDEXED BY documents_odd_published WHERE {ODD_PUBLISHED} "
                          "LIMIT 1") is None

    def size_bytes(self) -> int:
        p = Path(self.target)
        return sum(f.stat().st_size for f in (p, Path(f"{p}-wal")) if f.exists())


def key_range(date_from: str | None, date_to: str | None) -> tuple[int, int]:
    """Order keys a date filter can match (the filter itself still applies): the index is read only there."""
    lo, hi = 0, (1 << 62) - 1
    if date_from and _PLAIN_DATE.fullmatch(date_from):
        lo = _day(date_from) << PK_BITS
    if date_to and _PLAIN_DATE.fullmatch(date_to):
        hi = ((_day(date_to) + 1) << PK_BITS) - 1
    return lo, hi
