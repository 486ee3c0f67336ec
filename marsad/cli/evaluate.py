"""`marsad eval`: score Marsad against gold data in ../shared; each task is one small subcommand below."""
from __future__ import annotations

from pathlib import Path

import click

from marsad.cli.train import default_shared

SHARED_OPTION = click.option(
    "--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Shared data folder (default: $MARSAD_SHARED or <repo>/../shared).")


def resolve_shared(shared: Path | None, needs: str) -> Path:
    """The shared folder, or a usage error naming what is missing."""
    shared = shared or default_shared()
    if not (shared / needs).exists():
        raise click.UsageError(f"{shared / needs} not found; pass --shared or set MARSAD_SHARED")
    return shared


@click.group(name="eval")
def command() -> None:
    """Evaluate Marsad against gold data (scores print as tables).

    \b
    Example:
      marsad eval ner
      marsad eval ner-speed
    """


@command.command(name="ner")
@SHARED_OPTION
@click.option("--model", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Model folder (default: the committed model).")
@click.option("--bench", is_flag=True, help="Also run the speed benchmark (same as `marsad eval ner-speed`).")
def ner(shared: Path | None, model: Path | None, bench: bool) -> None:
    """Precision, recall and F1 per type on the ANERcorp test split (exact span match, CoNLL definition).

    \b
    Example:
      marsad eval ner --shared ../shared
    """
    from marsad.evaluate.ner import anercorp_test_path, evaluate_file, format_table
    from marsad.models.ner.tagger import NerTagger

    shared = resolve_shared(shared, "data/anercorp-camel")
    click.echo(format_table(evaluate_file(anercorp_test_path(shared), NerTagger.load(model))))
    if bench:
        from marsad.evaluate.bench_ner import run_benchmark

        run_benchmark(anercorp_test_path(shared), echo=click.echo)


@command.command(name="ner-speed")
@SHARED_OPTION
@click.option("--no-bert", is_flag=True, help="Skip the BERT-base baseline.")
def ner_speed(shared: Path | None, no_bert: bool) -> None:
    """Tokens/s of the NER tagger (features + tagging, one core) against a BERT-base forward pass.

    \b
    Example:
      marsad eval ner-speed
    """
    from marsad.evaluate.bench_ner import run_benchmark
    from marsad.evaluate.ner import anercorp_test_path

    shared = resolve_shared(shared, "data/anercorp-camel")
    run_benchmark(anercorp_test_path(shared), echo=click.echo, bert=not no_bert)


@command.command(name="events")
@SHARED_OPTION
@click.option("--min-confidence", type=float, default=None,
              help="Count only events at or above this confidence (default: the evaluation's operating point).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object (the floors.json keys).")
def events_command(shared: Path | None, min_confidence: float | None, as_json: bool) -> None:
    """PROTEST and ASSAULT sentence detection (P/R/F1) and actor agreement on the Arabic event gold standard.

    \b
    Example:
      marsad eval events --shared ../shared
    """
    import json

    from marsad.evaluate.events import GSR, MIN_CONFIDENCE, default_pipeline, evaluate, format_table

    shared = resolve_shared(shared, str(GSR))
    scores = evaluate(shared, default_pipeline(),
                      MIN_CONFIDENCE if min_confidence is None else min_confidence)
    click.echo(json.dumps(scores, indent=2) if as_json else format_table(scores))
