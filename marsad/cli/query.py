"""`marsad query entities|events|quotes|clusters|stats`: the facts stored for the corpus, filtered."""
from __future__ import annotations

import json

import click

from marsad.cli._output import FORMATS, emit, filter_options, open_store_and_filters
from marsad.store.queries import ENTITY_COLUMNS, EVENT_COLUMNS, QUOTE_COLUMNS

CLUSTER_COLUMNS = ("id", "title", "size", "first_published", "last_published")


@click.command("query")
@click.argument("what", type=click.Choice(["entities", "events", "quotes", "clusters", "stats"]))
@filter_options
@click.option("--type", "type_", help="entities: only PER, ORG, LOC or MISC.")
@click.option("--speaker", help="quotes: only this speaker (Arabic or English name).")
@click.option("--min-size", type=int, default=2, show_default=True, help="clusters: smallest size shown.")
@click.option("--limit", type=int, default=100, show_default=True, help="0 for no limit.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
def command(what, db, date_from, date_to, source, entity, country, event_type, cluster, type_, speaker, min_size,
            limit, fmt):
    """List the actors, events, quotes or story clusters of the stored corpus (or its summary figures).

    \b
    Examples:
      marsad query entities --type PER --from 2015-08-01 --format table
      marsad query events --country IRQ --format csv > events.csv
      marsad query quotes --speaker الكاظمي
      marsad query clusters --min-size 3
    """
    store, f = open_store_and_filters(db, date_from=date_from, date_to=date_to, source=source, entity=entity,
                                      country=country, event_type=event_type, cluster=cluster)
    lim = limit or None
    with store:
        if what == "entities":
            emit(store.entities(f, type_=type_, limit=lim), ENTITY_COLUMNS, fmt)
        elif what == "events":
            emit(store.events(f, limit=lim), EVENT_COLUMNS, fmt)
        elif what == "quotes":
            emit(store.quotes(f, speaker=speaker, limit=lim), QUOTE_COLUMNS, fmt)
        elif what == "clusters":
            emit(store.clusters(min_size=min_size, limit=lim), CLUSTER_COLUMNS, fmt)
        else:
            stats = store.stats()
            if fmt == "json":
                click.echo(json.dumps(stats, ensure_ascii=False))
            else:
                emit([{"figure": k, "value": v} for k, v in stats.items()], ("figure", "value"), fmt)
