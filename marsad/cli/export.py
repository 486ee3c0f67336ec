"""`marsad export`: the stored corpus as marsad/1 JSON Lines, CSV or Parquet tables, or GDELT 2.0 event TSV."""
from __future__ import annotations

import json
import sys
from contextlib import nullcontext

import click

from marsad.cli._output import filter_options, open_store_and_filters


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt"]), default="jsonl",
              show_default=True)
@click.option("--table", type=click.Choice(["documents", "entities", "events", "quotes"]), default="events",
              show_default=True, help="csv/parquet: which table.")
@click.option("-o", "--output", help="Output file (default: standard output; required for parquet).")
@click.option("--header", is_flag=True, help="gdelt: write a header line (GDELT files have none).")
@filter_options
def command(fmt, table, output, header, db, date_from, date_to, source, entity, country, event_type, cluster):
    """Export stored documents and facts, optionally filtered.

    \b
    Examples:
      marsad export --format jsonl -o corpus.jsonl
      marsad export --format csv --table entities --from 2015-08-01 > entities.csv
      marsad export --format parquet --table events -o events.parquet
      marsad export --format gdelt --country IRQ -o events.tsv
    """
    from marsad.store import export as ex

    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    store, f = open_store_and_filters(db, date_from=date_from, date_to=date_to, source=source, entity=entity,
                                      country=country, event_type=event_type, cluster=cluster)
    with store:
        if fmt == "parquet":
            n = ex.write_parquet(ex.table_rows(store, table, f), ex.TABLES[table], output)
        else:
            ctx = open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)
            with ctx as out:
                if fmt == "jsonl":
                    n = ex.write_jsonl(store.iter_documents(f), out)
                elif fmt == "csv":
                    n = ex.write_csv(ex.table_rows(store, table, f), ex.TABLES[table], out)
                else:
                    n = ex.write_gdelt(store.iter_documents(f), out, header=header)
    what = "documents" if fmt == "jsonl" else ("events" if fmt == "gdelt" else f"{table} rows")
    click.echo(json.dumps({"format": fmt, "written": n, "what": what, "output": output or "-"},
                          ensure_ascii=False), err=True)
