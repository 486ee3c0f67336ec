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


async def doc_filters(
    from_: Annotated[str | None, Query(alias="from", max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD",
                                       examples=["2024-01-01"])] = None,
    to: DateParam = None,
    source: TextParam = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="actor name (Arabic or English)")] = None,
    country: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="ISO 3166 alpha-3, e.g. IRQ")] = None,
    event_type: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="PLOVER type or CAMEO code")] = None,
    cluster: TextParam = None,
) -> Filters:
    """The filters of ``marsad search`` / ``marsad query`` as query parameters."""
    lo = date_bound(_clean(from_), end=False, name="from")
    hi = date_bound(_clean(to), end=True, name="to")
    if lo and hi and lo > hi:
        raise MarsadError("M030", f"'from' ({lo}) is after 'to' ({hi})")
    return Filters(date_from=lo, date_to=hi, source=_clean(source), entity=_clean(actor), country=_clean(country),
                   event_type=_clean(event_type), cluster=_clean(cluster))


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
