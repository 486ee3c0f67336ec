"""`marsad train`: rebuild trained models from the shared data (``marsad train ner``)."""
from __future__ import annotations

import os
from pathlib import Path

import click

REPO = Path(__file__).resolve().parents[2]


def default_shared() -> Path:
    """``$MARSAD_SHARED``, else the ``shared`` folder next to the repository."""
    return Path(os.environ.get("MARSAD_SHARED") or REPO.parent / "shared")


@click.group(name="train")
def command() -> None:
    """Train Marsad's models from ../shared data (reproducible, fixed seeds).

    \b
    Example:
      marsad train ner --shared ../shared
    """


@command.command(name="ner")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Shared data folder (default: $MARSAD_SHARED or <repo>/../shared).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the model files (default: the committed model in marsad/models/ner).")
@click.option("--seed", type=int, default=13, show_default=True, help="Seed for word2vec and k-means.")
@click.option("--reuse-clusters", is_flag=True,
              help="Keep an existing clusters.tsv.gz in --out (the two CRF stages only, ~8 min).")
@click.option("--dev", "dev_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Instead of training the model: train both stages on the first 90% of ANERcorp train (with the "
                   "committed clusters and tables), print their scores on the last 10% (dev), keep files here.")
def ner(shared: Path | None, out: Path | None, seed: int, reuse_clusters: bool, dev_dir: Path | None) -> None:
    """Train the NER tagger: word2vec + k-means clusters on SaudiNewsNet, then two CRF stages on ANERcorp train
    (the first tags SaudiNewsNet to give the second self-trained name counts).

    \b
    Examples:
      marsad train ner --out /tmp/ner-model
      marsad train ner --dev /tmp/ner-dev
    """
    from marsad.models.ner.train import dev_scores, train_ner

    shared = shared or default_shared()
    if not (shared / "data" / "anercorp-camel").is_dir():
        raise click.UsageError(f"no ANERcorp data under {shared}/data; pass --shared or set MARSAD_SHARED")
    if dev_dir is not None:
        from marsad.evaluate.ner import format_table
        from marsad.models.ner.tagger import MODEL_DIR

        for name, scores in dev_scores(shared, out or MODEL_DIR, dev_dir).items():
            click.echo(f"dev, {name}:\n{format_table(scores)}\n")
        return
    path = train_ner(shared, out, seed=seed, reuse_clusters=reuse_clusters)
    click.echo(f"NER model written to {path}", err=True)


@command.command(name="events")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Shared data folder (default: $MARSAD_SHARED or <repo>/../shared).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for salience.json (default: the committed model in marsad/models/events).")
@click.option("--tune-c", is_flag=True, help="Also choose the regularisation by inner CV (slower; default c=2).")
def events(shared: Path | None, out: Path | None, tune_c: bool) -> None:
    """Train the PROTEST/ASSAULT salience model on the event gold standard's dev half (fixed folds and seed);
    prints nested 5-fold cross-validated P/R/F1.

    \b
    Example:
      marsad train events --shared ../shared
    """
    from marsad.models.events.train import GSR, train_events

    shared = shared or default_shared()
    if not (shared / GSR).is_dir():
        raise click.UsageError(f"no event gold standard under {shared / GSR}; pass --shared or set MARSAD_SHARED")
    path = train_events(shared, out, tune_c=tune_c, echo=lambda m: click.echo(m, err=True))
    click.echo(f"event salience model written to {path}", err=True)
