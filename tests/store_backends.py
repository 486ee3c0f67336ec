"""The `store_target` fixture: every store test runs on SQLite and, when MARSAD_TEST_PG names a server
(scripts/pg-test-server.sh start), on PostgreSQL in a schema of its own that is dropped afterwards.

Import it into a test module with ``from store_backends import store_target, make_store  # noqa: F401``.
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

PG = os.environ.get("MARSAD_TEST_PG")
PG_SKIP = "PostgreSQL tests need MARSAD_TEST_PG (run: eval \"$(scripts/pg-test-server.sh start)\")"


def _pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG else "?"
    return f"{PG}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=["sqlite", "postgres"])
def store_target(request, tmp_path):
    """A database location (file path or postgresql:// URL) that starts empty."""
    if request.param == "sqlite":
        yield str(tmp_path / "marsad.db")
        return
    if not PG:
        pytest.skip(PG_SKIP)
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _pg_schema_url(schema)
    finally:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def make_store(store_target):
    """Open (and later close) stores on the test's database; call it again to reopen."""
    from marsad.store import Store

    opened = []

    def make():
        s = Store.open(store_target)
        opened.append(s)
        return s

    yield make
    for s in opened:
        try:
            s.close()
        except Exception:
            pass
