"""Query parameters shared by the read endpoints: the CLI's filters and pagination, validated before the store sees them.

Every value reaches the store as a bound parameter; the checks here exist to give a person a clear 400 (M030) for
a malformed date or an absurd page, not to defend the SQL.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError

from marsad.errors import MarsadError
from marsad.store import Filters

MAX_LIMIT = 200
MAX_OFFSET = 10_000
MAX_TEXT_PARAM = 200
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

DateParam = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD",
                                        examples=["2024-03-06"])]
TextParam = Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)]


def date_bound(value: str | None, *, end: bool, name: str) -> str | None:
    """``2024`` -> 2024-01-01 (from) or 2024-12-31 (to); full dates are checked for a real day."""
    if value is None or value == "":
        return None
    m = _DATE.match(value)
    if not m:
        raise MarsadError("M030", f"parameter {name!r} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    month = int(mo) if mo else (12 if end else 1)
    if not 1 <= month <= 12:
        raise MarsadError("M030", f"parameter {name!r} has no month {month}")
    last = calendar.monthrange(max(y, 1), month)[1]
    day = int(d) if d else (last if end else 1)
    if not 1 <= day <= last:
        raise MarsadError("M030", f"parameter {name!r} has no day {day} in {y}-{month:02d}")
    return f"{y:04d}-{month:02d}-{day:02d}"


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if "\x00" in value:
        raise MarsadError("M030", "parameters may not contain NUL characters")
    return value or None


FROM_DOC = {"description": "YYYY, YYYY-MM or YYYY-MM-DD", "examples": ["2024-01-01"]}
ACTOR_DOC = "actor name (Arabic or English)"
COUNTRY_DOC = "ISO 3166 alpha-3, e.g. IRQ"
EVENT_TYPE_DOC = "PLOVER type or CAMEO code"
SEARCH_Q_DOC = 'words (any clitic form) and "exact phrases"'


def make_filters(from_: str | None, to: str | None, source: str | None, actor: str | None, country: str | None,
                 event_type: str | None, cluster: str | None) -> Filters:
    lo = date_bound(_clean(from_), end=False, name="from")
    hi = date_bound(_clean(to), end=True, name="to")
    if lo and hi and lo > hi:
        raise MarsadError("M030", f"'from' ({lo}) is after 'to' ({hi})")
    return Filters(date_from=lo, date_to=hi, source=_clean(source), entity=_clean(actor), country=_clean(country),
                   event_type=_clean(event_type), cluster=_clean(cluster))


async def doc_filters(
    from_: Annotated[str | None, Query(alias="from", max_length=10, **FROM_DOC)] = None,
    to: DateParam = None,
    source: TextParam = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description=ACTOR_DOC)] = None,
    country: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description=COUNTRY_DOC)] = None,
    event_type: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description=EVENT_TYPE_DOC)] = None,
    cluster: TextParam = None,
) -> Filters:
    """The filters of ``marsad search`` / ``marsad query`` as query parameters."""
    return make_filters(from_, to, source, actor, country, event_type, cluster)


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def wrap(self, items: list[Any]) -> dict[str, Any]:
        more = len(items) > self.limit
        items = items[:self.limit]
        return {"items": items, "limit": self.limit, "offset": self.offset,
                "next_offset": self.offset + self.limit if more else None}

    @property
    def fetch(self) -> int:
        """How many rows to ask for when the store takes a limit but no offset."""
        return self.offset + self.limit + 1


async def page(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
         offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Page:
    return Page(limit, offset)


def slice_page(p: Page, rows: list[Any]) -> dict[str, Any]:
    """Rows fetched from the start with ``limit=p.fetch``: drop the first ``offset``, keep one extra to see more."""
    return p.wrap(rows[p.offset:p.offset + p.limit + 1])


class SearchParams(BaseModel):
    """The query string of ``GET /api/v1/search``: ``q``, the filters of :func:`doc_filters` and :func:`page`, with
    the same names, rules and error messages. Validated in one pydantic call: FastAPI's handling of the eleven
    parameters one by one re-inspected their annotations on every request (about a third of the server's CPU under
    load)."""

    q: str = Field("", max_length=500, description=SEARCH_Q_DOC)
    from_: str | None = Field(None, alias="from", max_length=10, **FROM_DOC)  # type: ignore[arg-type]
    to: str | None = Field(None, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD", examples=["2024-03-06"])
    source: str | None = Field(None, max_length=MAX_TEXT_PARAM)
    actor: str | None = Field(None, max_length=MAX_TEXT_PARAM, description=ACTOR_DOC)
    country: str | None = Field(None, max_length=MAX_TEXT_PARAM, description=COUNTRY_DOC)
    event_type: str | None = Field(None, max_length=MAX_TEXT_PARAM, description=EVENT_TYPE_DOC)
    cluster: str | None = Field(None, max_length=MAX_TEXT_PARAM)
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


_FILTER_NAMES = ("from", "to", "source", "actor", "country", "event_type", "cluster")
_STAGE = {**{n: 0 for n in _FILTER_NAMES}, "limit": 1, "offset": 1, "q": 2}


def search_params(query: Any) -> tuple[str, Filters, Page]:
    """``q``, filters and page from a query string mapping (the last value of a repeated name, as FastAPI reads it).

    Errors come out as the per-parameter dependencies gave them: invalid filter values first, else a malformed
    date (M030 from :func:`date_bound`), then invalid ``limit``/``offset`` and ``q`` together."""
    try:
        v: SearchParams | None = SearchParams.model_validate(dict(query))
        errors: list[dict[str, Any]] = []
    except ValidationError as exc:
        v = None
        errors = sorted(({**e, "loc": ("query", *e["loc"])} for e in exc.errors()),
                        key=lambda e: _STAGE.get(e["loc"][1], 3))
    if errors and _STAGE.get(errors[0]["loc"][1]) == 0:
        raise RequestValidationError(errors)
    # Valid filter values are the strings as received (a str field keeps its input), whatever else failed.
    f = make_filters(*(query.get(n) for n in _FILTER_NAMES))
    if v is None:
        raise RequestValidationError(errors)
    return v.q, f, Page(v.limit, v.offset)


def search_openapi() -> list[dict[str, Any]]:
    """The OpenAPI ``parameters`` of :class:`SearchParams`, as FastAPI writes them for declared query parameters."""
    props = SearchParams.model_json_schema(by_alias=True)["properties"]
    out = []
    for name, schema in props.items():
        schema = {k: v for k, v in schema.items() if not (k == "default" and v is None)}
        param = {"name": name, "in": "query", "required": False, "schema": schema}
        if "description" in schema:
            param["description"] = schema["description"]
        out.append(param)
    return out
