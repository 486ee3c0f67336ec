"""`create_app(store, settings)`: the REST API under /api/v1 and the dashboard at /, in one FastAPI app."""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from importlib import metadata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.errors import CATALOGUE, MarsadError
from marsad.settings import Settings, load_settings
from marsad.store import Store
from marsad.web.access import StoreAccess
from marsad.web.actors import ActorIndex
from marsad.web.api import PipelineHolder, router
from marsad.web.middleware import SecurityHeaders, SizeLimit
from marsad.web.views import ResultCache, SummaryCache

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
SEARCH_THREADS = 2
STATUS = {"M030": 400, "M031": 404, "M032": 401, "M033": 413, "M034": 500, "M020": 500, "M010": 500}


@dataclass
class AppState:
    """What the handlers share: store access, settings, caches and the lazily loaded pipeline."""

    access: StoreAccess
    settings: Settings
    actors: ActorIndex = field(default_factory=ActorIndex)
    summaries: SummaryCache = field(default_factory=SummaryCache)
    pipeline: PipelineHolder = field(default_factory=PipelineHolder)
    results: ResultCache = field(default_factory=ResultCache)
    _pool: ThreadPoolExecutor | None = None
    _pool_lock: threading.Lock = field(default_factory=threading.Lock)

    def search_pool(self) -> ThreadPoolExecutor:
        """Where searches and document lists run, rather than in the 40-thread default pool: they are Python
        work under one GIL. Uncached, 50 clients, 27k articles (8 s each): 40 threads cost 6.6 ms CPU per request
        and answered p50 434 / p99 1,750 ms; 4 threads behind a first-come-first-served queue 5.1 ms and
        p50 377 / p99 561 ms. Once a search cost ~2.5 ms of CPU (Nov 2026) the threads mostly fought over the GIL:
        4 threads 218-226 req/s, p99 266-271 ms; 2 threads 259 req/s, p99 228 ms; 1 thread 266 req/s, p99 228 ms.
        Two keep one slow search (a relevance sort on a common word) from holding up all others. Made on first use
        and again after ``close`` (a test may run the app twice)."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(SEARCH_THREADS, thread_name_prefix="marsad-search")
            return self._pool

    def close(self) -> None:
        """Stop the search threads, then close the store connections the threads opened."""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self.access.close()

    def changed(self) -> None:
        """The corpus changed through this app: cached registry and summaries are stale."""
        self.actors.invalidate()
        self.summaries.invalidate()
        self.results.invalidate()


def error_response(status: int, code: str, message: str) -> JSONResponse:
    err: dict[str, Any] = {"code": code, "message": message}
    entry = CATALOGUE.get(code)
    if entry and entry.hint:
        err["hint"] = entry.hint
    return JSONResponse({"error": err}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:3]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path", "header"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "request not valid"


def _version() -> str:
    try:
        return metadata.version("marsad")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.marsad.close()


def create_app(store: Store | str | None = None, settings: Settings | None = None, *,
               cache_seconds: float = 30.0) -> FastAPI:
    """The app over ``store`` (a Store, a SQLite path or a postgresql:// URL; default: the configured db).

    ``cache_seconds``: how long search and document-list results are reused (0: every request asks the store).
    """
    settings = settings or load_settings()
    access = StoreAccess(store if store is not None else settings.db)
    app = FastAPI(
        title="Marsad API", version=_version(),
        description="Arabic news as data: documents, actors, events, quotes and story clusters. "
                    "Errors are JSON: {\"error\": {\"code\": \"M0xx\", \"message\": ...}}.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; the dashboard must work offline
        lifespan=_lifespan,
    )
    app.state.marsad = AppState(access=access, settings=settings, results=ResultCache(ttl=cache_seconds),
                                summaries=SummaryCache(ttl=cache_seconds))
    app.include_router(router)

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError) -> JSONResponse:
        status = STATUS.get(exc.code, 400)
        if exc.code == "M032" and not settings.api_key:
            status = 403  # no key would help: the server is read-only
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, "M030", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error_response(404, "M031", f"no such path: {request.url.path}")
        if exc.status_code == 405:
            return error_response(405, "M030", f"{request.method} is not allowed on {request.url.path}")
        code = "M033" if exc.status_code in (413, 414) else ("M034" if exc.status_code >= 500 else "M030")
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "M034", f"{type(exc).__name__} while answering {request.url.path}")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # Outermost last: the size limit sees the request before anything parses it.
    app.add_middleware(SecurityHeaders)
    app.add_middleware(SizeLimit, max_bytes=settings.max_request_bytes)
    return app
