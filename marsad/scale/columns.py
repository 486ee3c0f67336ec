"""The Parquet layout of batch output: flat metadata columns, fact lists as JSON text, and the whole record.

Why JSON text for the nested lists rather than Arrow structs: entity and event records have optional keys
(``kind``, ``lat``, ``affiliation`` ...) that appear in some partitions and not others, and the contract grows
(events and NER are landing now). Struct columns would give partitions different schemas that a dataset reader
refuses to combine; JSON text keeps one fixed schema across every partition and every pipeline version, and
DuckDB (``json_extract``), Spark (``from_json``), pandas and ClickHouse all read it. The ``record`` column holds
the complete ``marsad/1`` record, so nothing is lost whatever the other columns show.
"""
from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from marsad.document import Document

ROW_GROUP = 500  # documents per Parquet row group: bounded memory per worker, large enough to compress well

# Fact lists stored as JSON text, in the order of the marsad/1 record.
JSON_LISTS = ("sentences", "entities", "events", "quotes", "quantities", "times", "problems")

SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("published", pa.string()),  # YYYY-MM-DD, as in the contract
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("schema", pa.string(), nullable=False),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("origin", pa.string()),  # input file and line (JSONL) or row (Parquet)
        pa.field("text", pa.string(), nullable=False),
        pa.field("dateline", pa.string()),  # JSON object or null
        *(pa.field(name, pa.string(), nullable=False) for name in JSON_LISTS),  # JSON arrays
        pa.field("meta", pa.string()),  # JSON object or null
        pa.field("n_words", pa.int32(), nullable=False),
        pa.field("n_entities", pa.int32(), nullable=False),
        pa.field("n_events", pa.int32(), nullable=False),
        pa.field("n_quotes", pa.int32(), nullable=False),
        pa.field("n_problems", pa.int32(), nullable=False),
        pa.field("record", pa.string(), nullable=False),  # the full marsad/1 record, JSON
    ],
    metadata={"marsad.layout": "marsad-batch/1", "marsad.json_columns": ",".join(("dateline", *JSON_LISTS, "meta"))},
)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_json(record: dict[str, Any]) -> str:
    return _json(record)


def document_row(doc: Document, record: dict[str, Any], pipeline_version: str, origin: str | None) -> dict[str, Any]:
    """One output row for an analysed document and its ``marsad/1`` record."""
    row: dict[str, Any] = {
        "id": record["id"], "published": record["published"], "source": record["source"], "url": record["url"],
        "title": record["title"], "schema": record["schema"], "pipeline_version": pipeline_version,
        "origin": origin, "text": record["text"],
        "dateline": None if record.get("dateline") is None else _json(record["dateline"]),
        "meta": _json(record["meta"]) if record.get("meta") else None,
        "n_words": len(doc.text.split()), "n_entities": len(doc.entities), "n_events": len(doc.events),
        "n_quotes": len(doc.quotes), "n_problems": len(doc.problems),
    }
    for name in JSON_LISTS:
        row[name] = _json(record.get(name, []))
    # The full record is the same JSON as _json(record), put together from the list columns already serialised
    # (json.dumps of a value does not depend on where it sits), so the lists are encoded once, not twice.
    row["record"] = "{" + ",".join(_json(k) + ":" + (row[k] if k in JSON_LISTS else _json(v))
                                   for k, v in record.items()) + "}"
    return row
