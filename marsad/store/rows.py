"""The relational projection of a Document: the rows each table gets, and the canonical identity of an actor.

The document record (``marsad/1`` minus the columns stored on their own) is the source of truth, so a stored
document reads back equal; the tables below are the queryable projection of it.
"""
from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from marsad.arabic.normalize import fold_str
from marsad.document import SCHEMA, Document, Entity, to_dict

# Columns of `documents` kept outside the record JSON.
OWN_COLUMNS = ("schema", "id", "text", "published", "source", "url", "title", "dateline", "problems")


def content_hash(text: str, folded: str | None = None) -> str:
    """Same article, same hash: folded letters and collapsed whitespace, so re-encodings and re-wrapping match.
    ``folded`` is ``fold_str(text)`` when the caller has it already (``doc.norm.text``)."""
    folded = fold_str(text) if folded is None else folded
    return hashlib.sha256(" ".join(folded.split()).encode("utf-8")).hexdigest()


def folded_text(doc: Document) -> str:
    """The folded text, reusing the segment stage's ``doc.norm`` when it is there."""
    norm = doc.norm
    if norm is not None and getattr(norm, "original_length", -1) == len(doc.text):
        return norm.text
    return fold_str(doc.text)


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def pack(record: dict[str, Any]) -> bytes:
    """The record JSON, deflated: offsets and repeated keys compress about 5:1 and it is read per document."""
    return zlib.compress(dumps(record).encode("utf-8"), 6)


def unpack(blob: Any) -> dict[str, Any]:
    if isinstance(blob, str):  # written uncompressed (before migration 2)
        return json.loads(blob)
    raw = bytes(blob)
    if raw[:1] == b"{":  # plain JSON carried over by migration 2
        return json.loads(raw.decode("utf-8"))
    return json.loads(zlib.decompress(raw).decode("utf-8"))


def actor_key(e: Entity) -> str:
    """Canonical identity across documents: a country or gazetteer place by its id, an IGO by its English
    name, anyone else by type and folded name (so الكاظمي in two articles is one actor)."""
    if e.kind == "country" and e.country and e.country != "IGO":
        return f"LOC:country:{e.country}"
    if e.geo_id:
        return f"{e.type}:geo:{e.geo_id}"
    if e.country == "IGO" and e.name_en:
        return f"{e.type}:igo:{e.name_en.lower()}"
    return f"{e.type}:{fold_str(e.name)}"


@dataclass(frozen=True)
class DocRows:
    """Everything one document writes, computed before the transaction opens."""

    document: dict[str, Any]
    record: bytes
    entities: list[tuple[str, Entity]]  # (actor key, entity)
    mentions: list[tuple]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    quantities: list[tuple]
    times: list[tuple]


def document_rows(doc: Document, *, content_hash_: str, pipeline_version: str, cluster_id: str | None,
                  origin: str | None) -> DocRows:
    d = to_dict(doc)
    record = {k: v for k, v in d.items() if k not in OWN_COLUMNS}
    document = {
        "id": doc.id, "content_hash": content_hash_, "source": doc.source, "url": doc.url, "title": doc.title,
        "published": doc.published, "dateline": dumps(d["dateline"]), "problems": dumps(d["problems"]), "n_problems": len(doc.problems), "cluster_id": cluster_id,
        "origin": origin, "ingested_at": now(), "schema": SCHEMA, "pipeline_version": pipeline_version,
    }
    entities = [(actor_key(e), e) for e in doc.entities]
    mentions = [(e.id, m.start, m.end, m.text) for e in doc.entities for m in e.mentions]
    times = {t.id: t for t in doc.times}
    events = []
    for v in doc.events:
        t = times.get(v.time) if v.time else None
        events.append({
            "local_id": v.id, "type": v.type, "mode": v.mode, "cameo": v.cameo, "quad": v.quad,
            "intensity": v.intensity, "negated": int(v.negated), "confidence": v.confidence,
            "sentence": v.sentence, "trigger_start": v.trigger.start, "trigger_end": v.trigger.end,
            "trigger_text": v.trigger.text, "actors": dumps(list(v.actor)), "recipients": dumps(list(v.recipient)),
            "actor": v.actor[0] if v.actor else None, "recipient": v.recipient[0] if v.recipient else None,
            "location": v.location, "time": v.time, "time_value": t.value if t else None,
            "published": doc.published,
        })
    quotes = [{"local_id": q.id, "speaker": q.speaker, "text": q.text, "start": q.start, "end": q.end,
               "cue": q.cue.text if q.cue else None} for q in doc.quotes]
    quantities = [(i, q.text, q.start, q.end, _num(q.value), _num(q.low), _num(q.high), q.unit, q.kind)
                  for i, q in enumerate(doc.quantities)]
    time_rows = [(t.id, t.text, t.start, t.end, t.value, t.kind) for t in doc.times]
    return DocRows(document, pack(record), entities, mentions, events, quotes, quantities, time_rows)


def _num(v: Any) -> float | None:
    return None if v is None else float(v)


def document_from_row(row: dict[str, Any]) -> Document:
    """Rebuild the Document from a `documents` row joined with its `doc_texts` row (text, record)."""
    d = unpack(row["record"])
    d.update(schema=SCHEMA, id=row["id"], text=row["text"], published=row["published"], source=row["source"],
             url=row["url"], title=row["title"], dateline=json.loads(row["dateline"]),
             problems=json.loads(row["problems"]))
    return Document.from_dict(d)
