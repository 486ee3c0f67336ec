"""PostgreSQL backend (psycopg 3): the same tables; full-text search on tsvectors written from our own tokens.

PostgreSQL's ``arabic`` configuration over-stems names (فلسطين -> لسط) and its parser depends on the server
locale, so the tsvectors are written out literally from the folded tokens and no parser or stemmer is involved.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Iterator

from marsad.errors import MarsadError
from marsad.store import search as fts
from marsad.store.base import Store
from marsad.store.queries import RECENT

_MARK = re.compile(r"\?")


class PostgresStore(Store):
    dialect = "postgres"

    def connect(self, target: str) -> Any:
        try:
            import psycopg
        except ImportError as exc:  # optional dependency
            raise MarsadError("M020", 'PostgreSQL needs psycopg 3: pip install "psycopg[binary]"') from exc
        try:
            conn = psycopg.connect(target, autocommit=True)
        except psycopg.Error as exc:
            raise MarsadError("M020", f"cannot connect to {_redact(target)}: {exc}") from exc
        self._tx = None
        return conn

    def is_retryable(self, exc: Exception) -> bool:
        import psycopg

        return isinstance(exc, (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure))

    def sql(self, text: str) -> str:
        # Our SQL has no literal '?' or '%': placeholders become psycopg's.
        return _MARK.sub("%s", text)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._tx is not None:
            yield
            return
        with self.conn.transaction() as tx:
            self._tx = tx
            try:
                yield
            finally:
                self._tx = None

    def index_document(self, pk: int, idx: fts.IndexText, published: str | None) -> None:
        self.execute("INSERT INTO doc_search (doc_pk, exact, stems) VALUES (?, ?::tsvector, ?::tsvector)",
                     (pk, fts.tsvector_literal(idx.exact_words, True),
                      fts.tsvector_literal(sorted(idx.stem_set), False)))

    def unindex_document(self, pk: int, idx: fts.IndexText, published: str | None) -> None:
        self.execute("DELETE FROM doc_search WHERE doc_pk = ?", (pk,))

    def clear_index(self) -> None:
        self.execute("DELETE FROM doc_search")

    def fulltext(self, q: fts.Query, filters: Any, where: str, params: list[Any], limit: int, offset: int,
                 sort: str) -> list[int]:
        stems, exact = fts.tsquery(q)
        conds, qp = [], []
        if stems:
            conds.append("s.stems @@ ?::tsquery")
            qp.append(stems)
        if exact:
            conds.append("s.exact @@ ?::tsquery")
            qp.append(exact)
        if sort == "relevance":
            col = "s.stems" if stems else "s.exact"
            order, op = f"ts_rank({col}, ?::tsquery) DESC, d.pk", [stems or exact]
        else:
            order, op = RECENT, []
        return [r[0] for r in self.execute(
            f"SELECT d.pk FROM doc_search s JOIN documents d ON d.pk = s.doc_pk "
            f"WHERE {' AND '.join(conds)} AND {where} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
            [*qp, *params, *op])]

    def size_bytes(self) -> int:
        return int(self.value("SELECT pg_database_size(current_database())"))


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
