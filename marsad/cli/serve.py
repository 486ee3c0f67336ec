"""`marsad serve`: the REST API and the dashboard over a store, with uvicorn."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict

import click

WORKER_ENV = "MARSAD_SERVE_WORKER"  # the settings a worker process rebuilds its app from (see worker_app)


@click.command("serve")
@click.option("--db", "db", default=None, metavar="PATH_OR_URL",
              help="SQLite file or postgresql:// URL (default: the configured db, marsad.db).")
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1: this machine only).")
@click.option("--port", default=None, type=click.IntRange(0, 65535), help="Port (default 8000).")
@click.option("--cache-seconds", default=30.0, type=click.FloatRange(0, 3600), show_default=True,
              help="Reuse search results this long (0: off). An ingest through the API clears the cache.")
@click.option("--log-level", default="info", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              show_default=True)
@click.option("--workers", default=1, type=click.IntRange(1, 64), show_default=True,
              help="Server processes sharing the port (each with its own store connections and caches).")
def command(db: str | None, host: str | None, port: int | None, cache_seconds: float, log_level: str,
            workers: int) -> None:
    """Serve the dashboard at / and the REST API at /api/v1 (OpenAPI: /api/v1/openapi.json).

    Read-only unless api_key is set in the configuration (or MARSAD_API_KEY); writes then need the header
    X-API-Key.

    \b
    Example:
      marsad ingest examples/articles && marsad serve --db marsad.db --port 8000
      marsad serve --db corpus.db --workers 2 --cache-seconds 0   # two processes, no result cache
    """
    import uvicorn

    from marsad.errors import MarsadError
    from marsad.settings import load_settings
    from marsad.web.app import create_app

    try:
        settings = load_settings({"db": db, "host": host, "port": port})
        app = create_app(settings.db, settings, cache_seconds=cache_seconds)  # opens (and migrates) the store once
    except MarsadError as exc:
        click.echo(f"error {exc.code}: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""), err=True)
        sys.exit(2)
    if settings.host not in ("127.0.0.1", "localhost", "::1") and not settings.api_key:
        click.echo(f"note: listening on {settings.host}; the API is read-only (no api_key configured)", err=True)
    click.echo(f"Marsad dashboard: http://{settings.host}:{settings.port}/  (store: {settings.db})", err=True)
    if workers == 1:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level=log_level)
        return
    # Several processes need an importable factory; it rebuilds the same app from these settings.
    os.environ[WORKER_ENV] = json.dumps({"settings": asdict(settings), "cache_seconds": cache_seconds})
    uvicorn.run("marsad.cli.serve:worker_app", factory=True, workers=workers, host=settings.host, port=settings.port,
                log_level=log_level)


def worker_app() -> object:
    """The app of one ``--workers`` process (uvicorn imports and calls this in each)."""
    from marsad.settings import Settings
    from marsad.web.app import create_app

    conf = json.loads(os.environ[WORKER_ENV])
    settings = Settings(**conf["settings"])
    return create_app(settings.db, settings, cache_seconds=conf["cache_seconds"])
