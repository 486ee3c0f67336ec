"""Shapes the dashboard needs that the store does not return directly: event counts over time, map points,
highlight offsets in search snippets, one story cluster with its outlets. Only public store methods are called."""
from __future__ import annotations

import re
import threading
import time
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

from marsad.arabic.normalize import fold
from marsad.store import Filters, Store
from marsad.store.search import matched_spans, parse_query, word_variants

EVENTS_AGGREGATED = 20_000  # events read to count and map; the response says when there were more
_WORD = re.compile(r"\w+")
INTERVALS = {"day": 10, "month": 7, "year": 4}


def event_summary(rows: list[dict[str, Any]], interval: str) -> dict[str, Any]:
    """Counts per period and quad class, per type, and one map point per located place."""
    cut = INTERVALS[interval]
    per: dict[str, Counter[str]] = defaultdict(Counter)
    types: Counter[str] = Counter()
    places: dict[tuple[float, float], dict[str, Any]] = {}
    for r in rows:
        period = (r.get("published") or "")[:cut] or "unknown"
        per[period][str(r["quad"]) if r.get("quad") is not None else "0"] += 1
        types[r["type"]] += 1
        if r.get("lat") is not None and r.get("lon") is not None:
            k = (round(float(r["lat"]), 3), round(float(r["lon"]), 3))
            p = places.setdefault(k, {"lat": k[0], "lon": k[1], "name": r.get("location"),
                                      "country": r.get("location_country"), "count": 0, "quad": Counter()})
            p["count"] += 1
            p["quad"][str(r["quad"]) if r.get("quad") is not None else "0"] += 1
    return {
        "interval": interval,
        "counts": [{"period": k, "total": sum(v.values()), "quad": dict(sorted(v.items()))}
                   for k, v in sorted(per.items())],
        "types": [{"type": t, "count": c} for t, c in types.most_common()],
        "locations": sorted(({**p, "quad": dict(p["quad"])} for p in places.values()), key=lambda p: -p["count"]),
        "total": len(rows),
        "truncated": len(rows) >= EVENTS_AGGREGATED,
    }


class SummaryCache:
    """Event summaries keyed by filters: the explorer asks for the same one on every page turn."""

    def __init__(self, ttl: float = 30.0, size: int = 64) -> None:
        self.ttl, self.size = ttl, size
        self._lock = threading.Lock()
        self._data: dict[tuple, tuple[float, dict[str, Any]]] = {}

    def invalidate(self) -> None:
        with self._lock:
            self._data.clear()

    def get(self, store: Store, f: Filters, interval: str) -> dict[str, Any]:
        key = (f, interval)
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
            if hit and now - hit[0] < self.ttl:
                return hit[1]
        value = event_summary(store.events(f, limit=EVENTS_AGGREGATED), interval)
        with self._lock:
            if len(self._data) >= self.size:
                self._data.pop(min(self._data, key=lambda k: self._data[k][0]))
            self._data[key] = (now, value)
        return value


class ResultCache:
    """Recent read results keyed by every parameter, for ``ttl`` seconds (0 turns it off).

    The corpus changes only by ingest; an ingest through this app clears the cache, one by another process is
    seen after ``ttl`` at most. Popular searches then cost one store query per ``ttl`` instead of one per request.
    """

    def __init__(self, ttl: float = 30.0, size: int = 1024) -> None:
        self.ttl, self.size = ttl, size
        self._lock = threading.Lock()
        self._data: dict[tuple, tuple[float, Any]] = {}

    def invalidate(self) -> None:
        with self._lock:
            self._data.clear()

    def peek(self, key: tuple) -> Any:
        """The cached value, or None (cheap enough for the event loop)."""
        if self.ttl <= 0:
            return None
        with self._lock:
            hit = self._data.get(key)
        return hit[1] if hit and time.monotonic() - hit[0] < self.ttl else None

    def get(self, key: tuple, compute: Any) -> Any:
        if self.ttl <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
            if hit and now - hit[0] < self.ttl:
                return hit[1]
        value = compute()
        with self._lock:
            if len(self._data) >= self.size:  # drop the oldest eighth in one go rather than one per insert
                for k in sorted(self._data, key=lambda k: self._data[k][0])[: max(1, self.size // 8)]:
                    del self._data[k]
            self._data[key] = (now, value)
        return value


@lru_cache(maxsize=4096)
def _targets(query: str) -> frozenset[str]:
    return frozenset(parse_query(query).highlight_words())


def highlights(snippet: str, query: str) -> list[list[int]]:
    """[start, end) offsets of the words in ``snippet`` that the query matched (any clitic form)."""
    targets = _targets(query or "")
    if not snippet or not targets:
        return []
    spans = matched_spans(snippet, targets)  # the same words, found without folding the snippet (3x cheaper)
    if spans is not None:
        return spans
    norm = fold(snippet)
    out = []
    for m in _WORD.finditer(norm.text.lower()):
        if targets.intersection(word_variants(m.group())):
            a, b = norm.to_orig(m.start(), m.end())
            out.append([a, b])
    return out


def cluster_detail(store: Store, cluster_id: str, limit: int = 200) -> dict[str, Any] | None:
    """One story: its documents (outlets, dates, titles) oldest first, and the outlets that carried it."""
    docs = store.search("", Filters(cluster=cluster_id), limit=limit)
    if not docs:
        return None
    docs.sort(key=lambda d: (d.get("published") or "", d["id"]))
    founder = next((d for d in docs if d["id"] == cluster_id), docs[0])
    outlets = Counter(d.get("source") or "?" for d in docs)
    dates = [d["published"] for d in docs if d.get("published")]
    return {
        "id": cluster_id, "title": founder.get("title"), "size": docs[0].get("cluster_size") or len(docs),
        "first_published": min(dates) if dates else None, "last_published": max(dates) if dates else None,
        "outlets": [{"source": s, "count": c} for s, c in outlets.most_common()],
        "documents": [{k: d.get(k) for k in ("id", "published", "source", "title", "url")} for d in docs],
    }
