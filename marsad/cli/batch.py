"""`marsad batch`: analyse folders of JSONL/Parquet partitions on Dask, writing Parquet (and JSONL) per partition."""
from __future__ import annotations

import json
import logging
import sys

import click

from marsad.errors import MarsadError


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output folder: one Parquet file per input partition, plus _manifest.jsonl and _problems.jsonl.")
@click.option("--workers", type=click.IntRange(1), help="Start a local cluster of N worker processes "
              "(default: one per CPU).")
@click.option("--scheduler", help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("--jsonl", is_flag=True, help="Also write each partition as marsad/1 JSON Lines.")
@click.option("--map", "mapping", help="JSONL/Parquet field mapping, e.g. text=content,published=date_extracted.")
@click.option("--preset", type=click.Choice(["saudinewsnet"]), help="A known field mapping (see docs/ingest.md).")
@click.option("--source", help="Source outlet for records that do not name one.")
@click.option("--published", help="Publication date YYYY-MM-DD for records that do not give one.")
@click.option("--max-chars", type=click.IntRange(1000), help="Truncate longer articles (default from configuration).")
@click.option("--pg", "pg_url", help="Also load every document into the PostgreSQL corpus store at this URL.")
@click.option("--force", is_flag=True, help="Redo every partition, ignoring the manifest.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on standard error (default: on a TTY).")
def command(inputs, out_dir, workers, scheduler, jsonl, mapping, preset, source, published, max_chars, pg_url,
            force, progress):
    """Run the full pipeline over JSONL or Parquet partitions on Dask distributed.

    INPUTS are *.jsonl / *.parquet files or folders of them (read recursively). Each input file is one task;
    its output keeps the input's relative path under --out. Completed partitions are listed in
    OUT/_manifest.jsonl and skipped on a rerun; a failed task is retried twice. Records that cannot be read and
    document problems go to OUT/_problems.jsonl. Prints a JSON summary on standard output.
    Exit status: 0 all fine, 1 some documents or partitions had problems, 2 usage error.

    \b
    Examples:
      marsad batch ../shared/data/saudinewsnet/articles --preset saudinewsnet --out snn-out --workers 2
      marsad batch s3mirror/2024/ --map text=body,published=date --out out --scheduler tcp://10.0.0.5:8786
    """
    from marsad.ingest.readers import parse_mapping
    from marsad.scale.dask_runner import run_batch
    from marsad.scale.partition import PartitionOptions
    from marsad.settings import load_settings

    if workers and scheduler:
        raise click.UsageError("give either --workers (local cluster) or --scheduler (existing cluster), not both")
    if pg_url and not pg_url.startswith(("postgresql://", "postgres://")):
        raise click.UsageError("--pg takes a postgresql:// URL (many workers writing one SQLite file would "
                               "queue on its lock; load SQLite from the Parquet output with `marsad ingest`)")
    try:
        settings = load_settings({"max_chars": max_chars})
        fields = parse_mapping(mapping, preset)
        if pg_url:
            from marsad.store import Store

            Store.open(pg_url).close()  # migrate once here, before many workers connect at the same time
    except (MarsadError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc
    defaults = tuple((k, v) for k, v in (("source", source), ("published", published)) if v)
    options = PartitionOptions(mapping=tuple(sorted(fields.items())), defaults=defaults,
                               max_chars=settings.max_chars, jsonl=jsonl, store=pg_url)
    show = sys.stderr.isatty() if progress is None else progress
    if not logging.getLogger().isEnabledFor(logging.INFO):
        # Dask sets its loggers to INFO when imported and logs every worker start and stop; show that only
        # with `marsad -v batch`.
        import distributed  # noqa: F401  (import first, or it would set the level back)

        logging.getLogger("distributed").setLevel(logging.WARNING)
    try:
        report = run_batch(inputs, out_dir, options, workers=workers, scheduler=scheduler, force=force,
                           progress=show)
    except MarsadError as exc:
        raise click.UsageError(str(exc)) from exc
    for f in report.failed_partitions:
        click.echo(f"error: partition {f['input']} failed: {f['error']}", err=True)
    if report.problems:
        click.echo(f"{report.problems} problem(s) in {report.failed_records} unreadable record(s) and "
                   f"{report.with_problems} document(s); see {out_dir}/_problems.jsonl", err=True)
    click.echo(json.dumps({"out": out_dir, **report.as_dict()}, ensure_ascii=False))
    sys.exit(0 if report.ok else 1)
