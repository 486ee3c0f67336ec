"""`marsad bench`: pipeline throughput on SaudiNewsNet, one core."""
from __future__ import annotations

import click


@click.command("bench")
@click.option("-n", "--articles", "n", default=2000, show_default=True, help="First N SaudiNewsNet articles.")
@click.option("--shared", type=click.Path(file_okay=False), help="Path to ../shared (default: MARSAD_SHARED or ../shared).")
@click.option("--all-cores", is_flag=True, help="Do not pin the process to one core.")
@click.option("--slice/--no-slice", "slice_too", default=True, show_default=True,
              help="Also time the lexicon-only slice (no trained tagger, no events).")
def command(n, shared, all_cores, slice_too):
    """Benchmark the whole pipeline (words/s, articles/s, per-stage cost).

    \b
    Example:
      marsad bench -n 2000
    """
    from marsad.evaluate.bench import pin_one_core, report, run_bench
    from marsad.evaluate.corpus import shared_dir

    from marsad.evaluate.bench import lexicon_slice
    from marsad.pipeline import load_pipeline

    if not all_cores:
        pin_one_core()
    full = load_pipeline()
    try:
        click.echo("== full pipeline (trained tagger + events)")
        click.echo(report(run_bench(shared_dir(shared), n, full)))
        if slice_too:
            click.echo("\n== lexicon slice (no trained tagger, no events)")
            click.echo(report(run_bench(shared_dir(shared), n, lexicon_slice(full))))
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc
