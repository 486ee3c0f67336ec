"""Exports for the tools analysts already use: marsad/1 JSON Lines, CSV and Parquet tables, GDELT 2.0 event TSV.

GDELT 2.0 event files have 61 tab-separated columns and no header; we fill what Marsad knows (ids, dates, actor
names and codes, CAMEO code/base/root, quad class, Goldstein-style intensity, action location with lat/lon and
country, source URL) and leave the rest empty. Actor codes are ISO 3166 alpha-3 country codes (CAMEO country
codes are ISO alpha-3 for almost all states; IGOs get ``IGO``). The three ``*Geo_CountryCode`` columns hold FIPS
10-4 codes, as GDELT's do (Iraq IZ, Lebanon LE, Germany GM: data/fips_countries.tsv); a place in Palestine gets WE,
or GZ when it lies in the Gaza Strip. ADM1/ADM2 codes stay empty: Marsad does not resolve first-order divisions.
"""
from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from functools import lru_cache
from typing import IO, Any, Iterable, Iterator, Sequence

from marsad.arabic.lexicon import read_tsv
from marsad.document import Document, Entity
from marsad.store.queries import ENTITY_COLUMNS, EVENT_COLUMNS, QUOTE_COLUMNS

DOCUMENT_COLUMNS = ("id", "published", "source", "url", "title", "cluster_id", "n_problems", "pipeline_version",
                    "ingested_at", "text")
TABLES = {"documents": DOCUMENT_COLUMNS, "entities": ENTITY_COLUMNS, "events": EVENT_COLUMNS,
          "quotes": QUOTE_COLUMNS}
NUMERIC = {"lat": "float", "lon": "float", "intensity": "float", "confidence": "float", "quad": "int",
           "negated": "int", "documents": "int", "mentions": "int", "actor_id": "int", "n_problems": "int",
           "start_char": "int", "end_char": "int"}

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    *(f"{p}Geo_{f}" for p in ("Actor1", "Actor2", "Action") for f in ("Type", "FullName", "CountryCode",
                                                                        "ADM1Code", "ADM2Code", "Lat", "Long",
                                                                        "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61


def table_rows(store: Any, table: str, filters: Any) -> Iterator[dict[str, Any]]:
    if table == "documents":
        where, params = store.doc_where(filters)
        cols = ", ".join(("t." if c == "text" else "d.") + c for c in DOCUMENT_COLUMNS)
        yield from store.iter_rows(f"SELECT {cols} FROM documents d JOIN doc_texts t ON t.pk = d.pk "
                                   f"WHERE {where} ORDER BY d.pk", params)
    elif table == "entities":
        yield from store.entities(filters, limit=None)
    elif table == "events":
        yield from store.events(filters, limit=None)
    elif table == "quotes":
        yield from store.quotes(filters, limit=None)
    else:
        raise ValueError(f"unknown table {table!r}; one of {', '.join(TABLES)}")


def write_jsonl(docs: Iterable[Document], out: IO[str]) -> int:
    n = 0
    for d in docs:
        out.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in rows:
        w.writerow(r)
        n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], columns: Sequence[str], path: str, batch: int = 5000) -> int:
    """Columns typed up front (strings unless known numeric), written in row groups so memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"float": pa.float64(), "int": pa.int64()}
    schema = pa.schema([(c, types.get(NUMERIC.get(c, ""), pa.string())) for c in columns])
    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as w:
        buf: list[dict[str, Any]] = []
        for r in rows:
            buf.append({c: _cell(r.get(c), NUMERIC.get(c)) for c in columns})
            if len(buf) >= batch:
                w.write_table(pa.Table.from_pylist(buf, schema=schema))
                n += len(buf)
                buf = []
        if buf or n == 0:
            w.write_table(pa.Table.from_pylist(buf, schema=schema))
            n += len(buf)
    return n


def _cell(v: Any, kind: str | None) -> Any:
    if v is None:
        return None
    if kind == "float":
        return float(v)
    if kind == "int":
        return int(v)
    return str(v)


# ---- GDELT ---------------------------------------------------------------------------------------------------
# Palestine is one ISO code but two FIPS ones; the Gaza Strip lies wholly west of this meridian, the West Bank east.
_GAZA_EAST_LON = 34.7


@lru_cache(maxsize=1)
def _fips_table() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("fips_countries.tsv")}


def fips_code(iso3: str | None, lon: float | None = None) -> str:
    """FIPS 10-4 country code of an ISO alpha-3 code ("" for IGOs and codes FIPS lacks); ``lon`` splits Palestine."""
    if iso3 == "PSE" and lon is not None and lon < _GAZA_EAST_LON:
        return "GZ"
    return _fips_table().get(iso3 or "", "")


def _event_id(doc_id: str, local_id: str) -> int:
    # Stable across exports and re-runs (GDELT ids are integers; 60 bits keep them positive in any reader).
    return int(hashlib.sha1(f"{doc_id}\x1f{local_id}".encode("utf-8")).hexdigest()[:15], 16)


def _actor(e: Entity | None) -> list[str]:
    if e is None:
        return [""] * 10
    code = "IGO" if e.country == "IGO" else (e.country or "")
    name = (e.name_en or e.name).upper()
    return [code, name, "" if e.country == "IGO" else (e.country or ""), ""] + [""] * 6


def _geo(e: Entity | None) -> list[str]:
    if e is None or (e.lat is None and e.kind != "country"):
        return [""] * 8
    gtype = "1" if e.kind == "country" else "4"
    return [gtype, e.name_en or e.name, fips_code(e.country, e.lon), "", "",
            "" if e.lat is None else f"{e.lat:.4f}", "" if e.lon is None else f"{e.lon:.4f}", e.geo_id or ""]


def _day(value: str | None, published: str | None) -> date | None:
    for v in (value, published):
        if v and len(v) >= 10:
            try:
                return date.fromisoformat(v[:10])
            except ValueError:
                continue
    return None


def gdelt_rows(docs: Iterable[Document]) -> Iterator[list[str]]:
    """One 61-column GDELT 2.0 row per event."""
    for doc in docs:
        ents = {e.id: e for e in doc.entities}
        times = {t.id: t for t in doc.times}
        for v in doc.events:
            t = times.get(v.time) if v.time else None
            day = _day(t.value if t else None, doc.published)
            a1 = ents.get(v.actor[0]) if v.actor else None
            a2 = ents.get(v.recipient[0]) if v.recipient else None
            loc = ents.get(v.location) if v.location else None
            cameo = v.cameo or ""
            row = [str(_event_id(doc.id, v.id))]
            if day:
                frac = day.year + (day.timetuple().tm_yday - 0.5) / 365.0
                row += [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{frac:.4f}"]
            else:
                row += [""] * 4
            row += _actor(a1) + _actor(a2)
            row += ["1" if v.sentence == 0 else "0", cameo, cameo[:3], cameo[:2],
                    "" if v.quad is None else str(v.quad), "" if v.intensity is None else f"{v.intensity:g}",
                    "1", "1", "1", ""]
            row += _geo(a1 if a1 and a1.type == "LOC" else None) + _geo(a2 if a2 and a2.type == "LOC" else None)
            row += _geo(loc)
            row += [(day.strftime("%Y%m%d") + "000000") if day else "", doc.url or doc.id]
            yield [c.replace("\t", " ").replace("\n", " ") for c in row]


def write_gdelt(docs: Iterable[Document], out: IO[str], header: bool = False) -> int:
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for row in gdelt_rows(docs):
        out.write("\t".join(row) + "\n")
        n += 1
    return n
