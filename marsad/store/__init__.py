"""The corpus store: SQLite by default, PostgreSQL with a ``postgresql://`` URL, one interface."""
from marsad.store.base import Filters, Store, content_hash

__all__ = ["Store", "Filters", "content_hash", "open_store"]


def open_store(target: str) -> Store:
    return Store.open(target)
