"""`marsad bench`: pipeline throughput on SaudiNewsNet, one core."""
from __future__ import annotations

import click


@click.command("bench")
@click.option("-n", "--articles", "n", default=2000, show_default=True, help="First N SaudiNewsNet articles.")
@click.option("--shared", type=click.Path(file_okay=False), help="Path to ../shared (default: MARSAD_SHARED or ../shared).")
@click.option("--all-cores", is_flag=True, help="Do not pin the process to one core.")
def command(n, shared, all_cores):
    """Benchmark the whole pipeline (words/s, articles/s, per-stage cost).

    \b
    Example:
      marsad bench -n 2000
    """
    from marsad.evaluate.bench import pin_one_core, report, run_bench
    from marsad.evaluate.corpus import shared_dir

    if not all_cores:
        pin_one_core()
    try:
        result = run_bench(shared_dir(shared), n)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(report(result))
