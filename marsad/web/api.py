"""REST API v1: thin handlers over the store's public read methods, the pipeline and the ingest runner."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from pydantic import BaseModel, Field

from marsad.errors import MarsadError
from marsad.store import Filters
from marsad.web.actors import actor_detail, name_filter
from marsad.web.params import (MAX_TEXT_PARAM, Page, TextParam, doc_filters, page, search_openapi,
                                search_params, slice_page)
from marsad.web.views import cluster_detail, highlights

router = APIRouter(prefix="/api/v1")

FiltersDep = Annotated[Filters, Depends(doc_filters)]
PageDep = Annotated[Page, Depends(page)]
DocId = Annotated[str, Path(max_length=300, description="document id")]
MAX_INGEST_BATCH = 100


class ErrorDetail(BaseModel):
    code: str = Field(examples=["M031"])
    message: str
    hint: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "invalid request (M030)"},
    404: {"model": ErrorBody, "description": "not found (M031)"},
    413: {"model": ErrorBody, "description": "request too large (M033)"},
}


class Article(BaseModel):
    """An article to analyse or store; only ``text`` is required."""

    text: str = Field(min_length=1, description="the article body (plain text; HTML is stripped)")
    id: str | None = Field(None, max_length=300, pattern=r"^[^\x00-\x1f]*$")
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", examples=["2024-03-06"])
    source: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)


class IngestRequest(BaseModel):
    documents: list[Article] = Field(min_length=1, max_length=MAX_INGEST_BATCH)


def _state(request: Request) -> Any:
    return request.app.state.marsad


def json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


async def cached_json(st: Any, key: tuple, compute: Any) -> Response:
    """The hot read paths: a cache hit is answered on the event loop from stored bytes; a miss asks the store
    in a few threads of their own (the store's calls block; see ``AppState.search_pool``)."""
    body = st.results.peek(key)
    if body is None:
        body = await asyncio.get_running_loop().run_in_executor(st.search_pool(), st.results.get, key, compute)
    return Response(body, media_type="application/json")


def require_key(request: Request,
                x_api_key: Annotated[str | None, Header(max_length=500, description="the configured api_key")] = None
                ) -> None:
    """Writes are refused unless a key is configured and sent; compared in constant time."""
    key = _state(request).settings.api_key
    if not key:
        raise MarsadError("M032", "this server is read-only: no api_key is configured")
    if not x_api_key or not hmac.compare_digest(x_api_key.encode(), key.encode()):
        raise MarsadError("M032", "missing or wrong X-API-Key header")


# ---- documents and search ------------------------------------------------------------------------------------
@router.get("/stats", summary="Corpus figures", tags=["corpus"])
def stats(request: Request) -> dict[str, Any]:
    with _state(request).access() as store:
        return store.stats()


@router.get("/documents", summary="Documents, newest first, with the CLI filters", tags=["documents"],
            responses={**ERRORS, 200: {"description": "a page of documents", "content": {"application/json": {}}}})
async def documents(request: Request, f: FiltersDep, p: PageDep) -> Response:
    st = _state(request)

    def compute() -> bytes:
        with st.access() as store:
            rows = store.search("", f, limit=p.limit + 1, offset=p.offset)
        for r in rows:
            r.pop("snippet", None)
        return json_bytes(p.wrap(rows))

    return await cached_json(st, ("documents", f, p), compute)


# An id may hold a slash (JSONL ids are the user's); the /actors route is tried first.
@router.get("/documents/{doc_id:path}/actors", summary="Document entity id -> actor registry id", tags=["documents"],
            responses=ERRORS)
def document_actors(request: Request, doc_id: DocId) -> dict[str, int | None]:
    st = _state(request)
    with st.access() as store:
        doc = store.get(doc_id)
        if doc is None:
            raise MarsadError("M031", f"no document with id {doc_id!r}")
        return st.actors.links(store, doc)


@router.get("/documents/{doc_id:path}", summary="One document as its marsad/1 record", tags=["documents"],
            responses=ERRORS)
def document(request: Request, doc_id: DocId) -> dict[str, Any]:
    with _state(request).access() as store:
        doc = store.get(doc_id)
    if doc is None:
        raise MarsadError("M031", f"no document with id {doc_id!r}")
    return doc.to_dict()


# The parameters are read by search_params in one pydantic call and documented through openapi_extra: this is
# the busiest endpoint, and FastAPI's per-parameter handling cost more CPU than the search itself.
@router.get("/search", summary="Arabic-aware full-text search", tags=["documents"],
            responses={**ERRORS, 200: {"description": "a page of hits with snippets and highlight offsets",
                                       "content": {"application/json": {}}}},
            openapi_extra={"parameters": search_openapi()})
async def search(request: Request) -> Response:
    q, f, p = search_params(request.query_params)
    if "\x00" in q:
        raise MarsadError("M030", "the query may not contain NUL characters")
    st = _state(request)

    def compute() -> bytes:
        with st.access() as store:
            rows = store.search(q, f, limit=p.limit + 1, offset=p.offset, snippets=p.limit)
        for r in rows[:p.limit]:  # the extra row only tells whether there is a next page
            r["highlights"] = highlights(r.get("snippet") or "", q)
        return json_bytes({**p.wrap(rows), "q": q})

    return await cached_json(st, ("search", q, f, p), compute)


# ---- actors ---------------------------------------------------------------------------------------------------
@router.get("/entities", summary="The actor registry: actors in the filtered documents, most documents first",
            tags=["entities"], responses=ERRORS)
def entities(request: Request, f: FiltersDep, p: PageDep,
             type: Annotated[Literal["PER", "ORG", "LOC", "MISC"] | None, Query()] = None,
             q: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM,
                                            description="part of the actor's name (Arabic, folded, or English)")] = None
             ) -> dict[str, Any]:
    st = _state(request)
    q = (q or "").strip()
    if "\x00" in q:
        raise MarsadError("M030", "parameters may not contain NUL characters")
    with st.access() as store:
        if not q:
            return slice_page(p, store.entities(f, type_=type, limit=p.fetch))
        if f == Filters():  # the whole registry is cached; no need to ask the store
            return slice_page(p, st.actors.matching(store, q, type))
        return slice_page(p, name_filter(store.entities(f, type_=type, limit=None), q))


@router.get("/entities/{actor_id}", summary="One actor: names, roles, events by quad class, quotes, co-actors",
            tags=["entities"], responses=ERRORS)
def entity(request: Request, actor_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    st = _state(request)
    with st.access() as store:
        row = st.actors.get(store, actor_id)
        if row is None:
            raise MarsadError("M031", f"no actor with id {actor_id}")
        return actor_detail(store, row)


# ---- events, quotes, clusters ---------------------------------------------------------------------------------
@router.get("/events", summary="Coded events with the CLI filters, and counts over time with map points",
            tags=["events"], responses=ERRORS)
def events(request: Request, f: FiltersDep, p: PageDep,
           interval: Annotated[Literal["day", "month", "year"], Query()] = "month",
           summary: Annotated[bool, Query(description="include counts over time, types and map points")] = True
           ) -> dict[str, Any]:
    st = _state(request)
    with st.access() as store:
        out = slice_page(p, store.events(f, limit=p.fetch))
        if summary:
            out["summary"] = st.summaries.get(store, f, interval)
    return out


@router.get("/quotes", summary="Quotes with their speakers", tags=["quotes"], responses=ERRORS)
def quotes(request: Request, f: FiltersDep, p: PageDep, speaker: TextParam = None) -> dict[str, Any]:
    if speaker and "\x00" in speaker:
        raise MarsadError("M030", "parameters may not contain NUL characters")
    with _state(request).access() as store:
        return slice_page(p, store.quotes(f, speaker=(speaker or "").strip() or None, limit=p.fetch))


@router.get("/clusters", summary="Story clusters, largest first", tags=["clusters"], responses=ERRORS)
def clusters(request: Request, p: PageDep,
             min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 2) -> dict[str, Any]:
    with _state(request).access() as store:
        return slice_page(p, store.clusters(min_size=min_size, limit=p.fetch))


@router.get("/clusters/{cluster_id}", summary="One story and the outlets that carried it", tags=["clusters"],
            responses=ERRORS)
def cluster(request: Request, cluster_id: Annotated[str, Path(max_length=MAX_TEXT_PARAM)]) -> dict[str, Any]:
    with _state(request).access() as store:
        out = cluster_detail(store, cluster_id)
    if out is None:
        raise MarsadError("M031", f"no story cluster {cluster_id!r}")
    return out


# ---- analysis and writes --------------------------------------------------------------------------------------
class PipelineHolder:
    """The pipeline loads once per process, on first use (models are not loaded for a read-only dashboard)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pipeline: Any = None

    def get(self) -> Any:
        with self._lock:
            if self._pipeline is None:
                from marsad.pipeline import load_pipeline

                self._pipeline = load_pipeline()
            return self._pipeline


def _prepare(a: Article, max_chars: int) -> Any:
    from marsad.inputs import prepare

    doc_id = a.id or "api-" + hashlib.sha256(a.text.encode("utf-8")).hexdigest()[:12]
    return prepare(a.text, doc_id=doc_id, max_chars=max_chars, title=a.title, published=a.published,
                   source=a.source, url=a.url)


@router.post("/analyze", summary="Analyse one article and return its marsad/1 record (nothing is stored)",
             tags=["analysis"], responses=ERRORS)
def analyze(request: Request, article: Article) -> dict[str, Any]:
    st = _state(request)
    doc = _prepare(article, st.settings.max_chars)
    return st.pipeline.get().analyze(doc).to_dict()


@router.post("/ingest", summary="Analyse and store articles (needs X-API-Key)", tags=["analysis"],
             dependencies=[Depends(require_key)],
             responses={**ERRORS, 401: {"model": ErrorBody, "description": "API key missing or wrong (M032)"},
                        403: {"model": ErrorBody, "description": "server is read-only (M032)"}})
def ingest(request: Request, body: IngestRequest, response: Response) -> dict[str, Any]:
    from marsad.ingest.readers import Item
    from marsad.ingest.runner import ingest as run_ingest

    st = _state(request)
    items = [Item(f"api:{i}", _prepare(a, st.settings.max_chars)) for i, a in enumerate(body.documents)]
    added: list[str] = []

    def note(kind: str, obj: Any) -> None:
        if kind == "added":
            added.append(obj.id)

    with st.access() as store:
        report = run_ingest(store, items, pipeline=st.pipeline.get(), on_item=note)
    st.changed()
    response.status_code = 201 if report.added else 200
    return {"added": added, "report": report.as_dict()}
