"""The actor page and the links from a document to the registry, composed from the store's public read methods.

The store answers "actors in these documents" and "events/quotes in these documents"; an actor page needs the
actor by its registry id and the facts about that actor only. :class:`ActorIndex` keeps the registry (id, key,
names) in memory, refreshed after a short time or an ingest through this app, and the detail functions narrow
the store's answers to one actor. (A ``Store.actor(id)`` method would make the index unnecessary; see the report.)
"""
from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from typing import Any

from marsad.arabic.normalize import fold_str
from marsad.document import Document, Entity
from marsad.store import Filters, Store
from marsad.store.rows import actor_key

DOCS_SAMPLED = 200  # documents read in full for aliases and roles (the rest is counted by the store)
EVENTS_SCANNED = 5000
QUOTES_SHOWN = 100
CO_ACTORS = 25


def row_key(row: dict[str, Any]) -> str:
    """The registry key of an actor row, recomputed the way the store computed it on insert."""
    return actor_key(Entity(id="", type=row["type"], name=row["name"], name_en=row.get("name_en"),
                            country=row.get("country"), geo_id=row.get("geo_id"), kind=row.get("kind")))


class ActorIndex:
    """Registry rows by id and by key; one scan of the registry, shared by all request threads."""

    # Rebuilding scans the whole registry (about a second per 3,000 articles): done rarely, and at once after an
    # ingest through this app; an ingest by another process shows up within ``ttl``.
    def __init__(self, ttl: float = 300.0) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._at = 0.0
        self._by_id: dict[int, dict[str, Any]] = {}
        self._by_key: dict[str, int] = {}

    def invalidate(self) -> None:
        with self._lock:
            self._at = 0.0

    def _fresh(self, store: Store) -> None:
        with self._lock:
            if self._at and time.monotonic() - self._at < self.ttl:
                return
            rows = store.entities(Filters(), limit=None)
            self._by_id = {int(r["actor_id"]): r for r in rows}
            self._by_key = {row_key(r): int(r["actor_id"]) for r in rows}
            self._at = time.monotonic()

    def get(self, store: Store, actor_id: int) -> dict[str, Any] | None:
        self._fresh(store)
        return self._by_id.get(actor_id)

    def id_of(self, store: Store, entity: Entity) -> int | None:
        self._fresh(store)
        return self._by_key.get(actor_key(entity))

    def matching(self, store: Store, q: str, type_: str | None = None) -> list[dict[str, Any]]:
        """Actors whose Arabic (folded) or English name contains ``q``, most documents first."""
        self._fresh(store)
        return name_filter(list(self._by_id.values()), q, type_)

    def links(self, store: Store, doc: Document) -> dict[str, int | None]:
        """Document entity id -> registry actor id, so the reader can link each name to its actor page."""
        return {e.id: self.id_of(store, e) for e in doc.entities}


def name_filter(rows: list[dict[str, Any]], q: str, type_: str | None = None) -> list[dict[str, Any]]:
    folded, low = fold_str(q).strip(), q.strip().lower()
    out = [r for r in rows if (not type_ or r["type"] == type_)
           and (folded in fold_str(r["name"]) or (r.get("name_en") and low in r["name_en"].lower()))]
    return sorted(out, key=lambda r: (-(r.get("documents") or 0), -(r.get("mentions") or 0), r["actor_id"]))


def _month(day: str | None) -> str | None:
    return day[:7] if day else None


def actor_detail(store: Store, row: dict[str, Any]) -> dict[str, Any]:
    """Names, roles, country, events by quad class over time, quotes and co-occurring actors of one actor."""
    name = row["name"]
    key = row_key(row)
    in_docs = Filters(entity=name)

    aliases: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    documents = []
    for n, doc in enumerate(store.iter_documents(in_docs)):
        if n >= DOCS_SAMPLED:
            break
        mine = [e for e in doc.entities if actor_key(e) == key]
        if not mine:
            continue
        documents.append({"id": doc.id, "title": doc.title, "published": doc.published, "source": doc.source})
        for e in mine:
            aliases.update(m.text for m in e.mentions)
            aliases[e.name] += 0  # the canonical name is an alias even when every mention was a short form
            if e.role:
                roles[e.role] += 1
            if e.country:
                countries[e.country] += 1

    events = []
    timeline: dict[str, Counter[int]] = defaultdict(Counter)
    for ev in store.events(in_docs, limit=EVENTS_SCANNED):
        as_actor, as_recipient = ev.get("actor") == name, ev.get("recipient") == name
        if not (as_actor or as_recipient):
            continue
        events.append({**ev, "role": "actor" if as_actor else "recipient"})
        month = _month(ev.get("published"))
        if month:
            timeline[month][int(ev["quad"]) if ev.get("quad") is not None else 0] += 1

    co = [r for r in store.entities(in_docs, limit=CO_ACTORS + 1) if int(r["actor_id"]) != int(row["actor_id"])]
    quotes = store.quotes(Filters(), speaker=name, limit=QUOTES_SHOWN)
    return {
        "actor_id": int(row["actor_id"]), "type": row["type"], "name": name, "name_en": row.get("name_en"),
        "country": row.get("country"), "role": row.get("role"), "kind": row.get("kind"),
        "lat": row.get("lat"), "lon": row.get("lon"),
        "documents": row.get("documents"), "mentions": row.get("mentions"),
        "aliases": [{"text": t, "count": c} for t, c in aliases.most_common()],
        "roles": [{"role": r, "count": c} for r, c in roles.most_common()],
        "countries": [{"country": k, "count": c} for k, c in countries.most_common()],
        "timeline": [{"month": m, "quad": {str(q): timeline[m][q] for q in sorted(timeline[m])}}
                     for m in sorted(timeline)],
        "events": events[-100:],
        "quotes": quotes,
        "co_actors": [{"actor_id": int(r["actor_id"]), "name": r["name"], "name_en": r.get("name_en"),
                       "type": r["type"], "country": r.get("country"), "documents": r["documents"]}
                      for r in co[:CO_ACTORS]],
        "recent_documents": documents[-20:][::-1],
        "sampled_documents": len(documents),
    }
