"""`marsad demo`: ingest the bundled example articles into the embedded database and show what was found."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def example_items(folder: Path, max_chars: int):
    """Items for every example article, with title/source/published from the folder's metadata.json."""
    from marsad.ingest.readers import read_text

    meta_file = folder / "metadata.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
    for path in sorted(folder.glob("*.txt")):
        yield read_text(path, max_chars, dict(meta.get(path.name, {})), root=folder)


@click.command("demo")
@click.option("--db", help="SQLite file or postgresql:// URL (default: setting `db`, marsad.db).")
@click.option("--examples", type=click.Path(file_okay=False, path_type=Path), default=EXAMPLES, show_default=True,
              help="Folder of .txt articles with an optional metadata.json.")
def command(db, examples):
    """Ingest the example articles into the store and print what Marsad found in each.

    \b
    Example:
      marsad demo --db marsad.db
    """
    from marsad.cli.analyze import render_text
    from marsad.ingest.runner import ingest
    from marsad.settings import load_settings
    from marsad.store import Store

    settings = load_settings({"db": db})
    if not examples.is_dir():
        raise click.UsageError(f"no example articles at {examples}; pass --examples FOLDER")
    store = Store.open(settings.db)
    try:
        items = list(example_items(examples, settings.max_chars))
        report = ingest(store, items)
        for item in items:
            if item.doc is None:
                continue
            doc = store.get(item.doc.id)
            if doc is not None:
                click.echo(render_text(doc))
        stats = store.stats()
    finally:
        store.close()
    click.echo(f"store: {settings.db}")
    click.echo("  " + "   ".join(f"{k}: {v}" for k, v in stats.items() if k in (
        "documents", "actors", "mentions", "events", "quotes", "quantities", "times", "clusters")))
    click.echo(f"  this run: added {report.added}, already stored {report.duplicates}, failed {report.failed}")
    click.echo("next: marsad search 'الأمين العام' --db " + settings.db)
    sys.exit(0 if report.ok else 1)
