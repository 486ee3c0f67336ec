"""`marsad ingest`: read articles from files, folders, JSONL/CSV, pages and feeds; analyse and store the new ones."""
from __future__ import annotations

import json
import sys

import click

from marsad.errors import MarsadError


def _progress(enabled: bool):
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=False)


@click.command("ingest")
@click.argument("sources", nargs=-1)
@click.option("--db", help="SQLite file or postgresql:// URL (default: setting `db`, marsad.db).")
@click.option("--map", "mapping", help="JSONL/CSV field mapping, e.g. text=content,published=date_extracted.")
@click.option("--preset", type=click.Choice(["saudinewsnet"]), help="A known field mapping (see docs/ingest.md).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "text"]),
              help="Read every file as this format (default: by file extension).")
@click.option("--source", help="Source outlet for inputs that do not name one.")
@click.option("--published", help="Publication date YYYY-MM-DD for inputs that do not give one.")
@click.option("--limit", type=int, help="Read at most this many inputs.")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds to wait for a web server.")
@click.option("--no-clusters", is_flag=True, help="Skip near-duplicate story clustering.")
@click.option("--max-chars", type=int, help="Truncate longer articles (default from configuration).")
@click.option("--quiet", "-q", is_flag=True, help="No per-input messages, only the summary.")
@click.option("--reindex", is_flag=True, help="Rebuild the search index from the stored texts (no SOURCES needed).")
def command(sources, db, mapping, preset, fmt, source, published, limit, timeout, no_clusters, max_chars, quiet,
            reindex):
    """Ingest articles into the corpus database; already stored texts are skipped.

    SOURCES are files (text, HTML, .jsonl, .csv), folders (read recursively) or http(s) URLs of article pages or
    RSS/Atom feeds. Prints a JSON summary on standard output; problems go to standard error.
    Exit status: 0 all fine, 1 some inputs or documents had problems, 2 usage error.

    \b
    Examples:
      marsad ingest ../shared/data/saudinewsnet/articles --preset saudinewsnet --db corpus.db
      marsad ingest articles.csv --map text=body,published=date --source "Example Daily"
      marsad ingest https://example.org/feed.xml
      marsad ingest --reindex --db corpus.db
    """
    from marsad.ingest.readers import iter_items, parse_mapping
    from marsad.ingest.runner import ingest
    from marsad.settings import load_settings
    from marsad.store import Store

    try:
        settings = load_settings({"db": db, "max_chars": max_chars})
        fields = parse_mapping(mapping, preset)
        store = Store.open(settings.db)
    except (MarsadError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc
    if reindex:
        n = store.reindex()
        store.close()
        click.echo(json.dumps({"reindexed": n}))
        if not sources:
            return
        store = Store.open(settings.db)
    elif not sources:
        raise click.UsageError("give at least one SOURCE (file, folder or URL), or --reindex")
    items = iter_items(sources, mapping=fields, max_chars=settings.max_chars, timeout=timeout, fmt=fmt,
                       defaults={"source": source, "published": published})
    bar = _progress(sys.stderr.isatty() and not quiet)
    counts = {"added": 0, "duplicate": 0, "failure": 0, "problem": 0}

    def on_item(kind, obj):
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "failure" and not quiet:
            msg = f"{obj.problem.code} {obj.problem.message}"
            (bar.console.print(msg, markup=False, highlight=False) if bar else click.echo(msg, err=True))
        elif kind == "problem" and not quiet:
            for p in obj.problems:
                msg = f"{obj.id}: {p.code} [{p.stage}] {p.message}"
                (bar.console.print(msg, markup=False, highlight=False) if bar else click.echo(msg, err=True))
        if bar and kind != "problem":
            bar.update(task, advance=1, detail=f"new {counts['added']} · known {counts['duplicate']} · "
                                                f"failed {counts['failure']}")

    task = None
    try:
        if bar:
            bar.start()
            task = bar.add_task("ingest", total=limit, detail="")
        report = ingest(store, items, pipeline=None, clusters=None if no_clusters else "default",
                        on_item=on_item, limit=limit)
    except MarsadError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    finally:
        if bar:
            bar.stop()
    summary = report.as_dict()
    summary["db"] = settings.db if "://" not in settings.db else settings.db.split("@")[-1]
    summary["store"] = {k: v for k, v in store.stats().items()
                        if k in ("documents", "actors", "events", "clusters", "multi_document_clusters")}
    store.close()
    click.echo(json.dumps(summary, ensure_ascii=False))
    if report.failures and not quiet:
        click.echo(f"{report.failed} input(s) could not be ingested; see the messages above "
                   "(also kept in the ingest_failures table).", err=True)
    sys.exit(0 if report.ok else 1)
