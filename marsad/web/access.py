"""How request threads reach the store: one connection per worker thread for a path or URL, a lock for a given store.

FastAPI runs plain ``def`` endpoints in a thread pool. A SQLite connection must not run two statements at once,
so a ``Store`` handed in by a caller (tests, an embedding application) is shared behind a lock, while a path or
URL gets one connection per thread: WAL lets those readers run side by side while an ingest writes.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from marsad.store import Store


class StoreAccess:
    """``with access() as store:`` yields a store usable by the calling thread."""

    def __init__(self, store: Store | str) -> None:
        self._shared: Store | None = None
        self._target: str | None = None
        if isinstance(store, Store):
            self._shared = store
        elif str(store) == ":memory:":  # an in-memory database exists once, so it is shared
            self._shared = Store.open(":memory:")
        else:
            self._target = str(store)
            Store.open(self._target).close()  # create and migrate once, before threads race to do it
        self._lock = threading.RLock()
        self._local = threading.local()
        self._opened: list[Store] = []

    @property
    def target(self) -> str:
        return self._target or getattr(self._shared, "target", ":memory:")

    @contextmanager
    def __call__(self) -> Iterator[Store]:
        if self._shared is not None:
            with self._lock:
                yield self._shared
            return
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self._target)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        yield store

    def close(self) -> None:
        """Close the per-thread connections this object opened (a store handed in stays open: the caller owns it)."""
        with self._lock:
            for s in self._opened:
                try:
                    s.close()
                except Exception:  # a connection already closed by its thread's end is fine
                    pass
            self._opened.clear()
