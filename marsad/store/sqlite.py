"""SQLite backend: one file, WAL journal (readers never block the writer), FTS5 over our own Arabic tokens."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from marsad.store import search as fts
from marsad.store.base import Store
from marsad.store.queries import RECENT


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

    def index_document(self, pk: int, idx: fts.IndexText) -> None:
        self.execute("INSERT INTO doc_search (rowid, exact, stems) VALUES (?, ?, ?)", (pk, idx.exact, idx.stems))

    def unindex_document(self, pk: int, idx: fts.IndexText) -> None:
        # A contentless FTS5 table forgets a row only when given the same tokens it indexed.
        self.execute("INSERT INTO doc_search (doc_search, rowid, exact, stems) VALUES ('delete', ?, ?, ?)",
                     (pk, idx.exact, idx.stems))

    def clear_index(self) -> None:
        self.execute("INSERT INTO doc_search (doc_search) VALUES ('delete-all')")

    def fulltext(self, q: fts.Query, where: str, params: list[Any], limit: int, offset: int,
                 sort: str) -> list[int]:
        order = "s.rank" if sort == "relevance" else RECENT
        return [r[0] for r in self.execute(
            f"SELECT d.pk FROM doc_search s JOIN documents d ON d.pk = s.rowid "
            f"WHERE doc_search MATCH ? AND {where} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
            [fts.fts5_match(q), *params])]

    def size_bytes(self) -> int:
        p = Path(self.target)
        return sum(f.stat().st_size for f in (p, Path(f"{p}-wal")) if f.exists())
