"""`marsad search`: Arabic-aware full-text search over the corpus, with filters."""
from __future__ import annotations

import click

from marsad.cli._output import FORMATS, emit, filter_options, open_store_and_filters
from marsad.store.queries import SEARCH_COLUMNS


@click.command("search")
@click.argument("query", required=False, default="")
@filter_options
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--sort", type=click.Choice(["recent", "relevance"]), default="recent", show_default=True,
              help="Latest published first, or best match first (BM25).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
def command(query, db, date_from, date_to, source, entity, country, event_type, cluster, limit, offset, sort, fmt):
    """Search stored articles. Words match in any clitic form (قال finds وقال and فقال); hamza, alef, yaa and taa
    marbuta forms are folded; "quoted words" match as an exact phrase. All words must occur.

    \b
    Examples:
      marsad search 'الكاظمي "حلف شمال الأطلسي"' --from 2021-03-01 --format table
      marsad search قال --source okaz --limit 5
    """
    store, f = open_store_and_filters(db, date_from=date_from, date_to=date_to, source=source, entity=entity,
                                      country=country, event_type=event_type, cluster=cluster)
    with store:
        emit(store.search(query, f, limit=limit, offset=offset, sort=sort), SEARCH_COLUMNS, fmt)
