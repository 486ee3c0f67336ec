"""Shared output for the read commands: JSON Lines (Arabic unescaped), CSV, or a table for people."""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Iterable, Sequence

import click

FORMATS = ("json", "csv", "table")


def emit(rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str) -> int:
    """Write ``rows`` to standard output; returns how many."""
    n = 0
    out = sys.stdout
    if fmt == "json":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
            n += 1
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)
            n += 1
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for r in rows:
            table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
            n += 1
        Console(width=200).print(table)
    out.flush()
    return n


def filter_options(func):
    """The filters every read command shares."""
    opts = [
        click.option("--db", help="SQLite file or postgresql:// URL (default: setting `db`)."),
        click.option("--from", "date_from", help="Published on or after YYYY-MM-DD."),
        click.option("--to", "date_to", help="Published on or before YYYY-MM-DD."),
        click.option("--source", help="Only this source outlet."),
        click.option("--entity", help="Only documents naming this actor (Arabic or English name)."),
        click.option("--country", help="Only documents with an entity of this ISO3 country (IRQ, SAU ...)."),
        click.option("--event-type", help="Only documents with an event of this type or CAMEO code."),
        click.option("--cluster", help="Only documents of this story cluster."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def open_store_and_filters(db: str | None, **kw: Any):
    from marsad.errors import MarsadError
    from marsad.settings import load_settings
    from marsad.store import Filters, Store

    try:
        store = Store.open(load_settings({"db": db}).db)
    except MarsadError as exc:
        raise click.UsageError(str(exc)) from exc
    return store, Filters(**kw)
