"""Read queries shared by both backends: filters, full-text search, entities, events, quotes, summary figures."""
from __future__ import annotations

from typing import Any, Iterator

from marsad.arabic.normalize import fold_str
from marsad.store import search as fts

# Columns the query commands return, in order (also the CSV/Parquet export columns).
ENTITY_COLUMNS = ("actor_id", "type", "name", "name_en", "country", "role", "kind", "lat", "lon", "geo_id",
                  "documents", "mentions")
EVENT_COLUMNS = ("doc_id", "local_id", "published", "type", "mode", "cameo", "quad", "intensity", "negated",
                 "confidence", "actor", "actor_country", "recipient", "recipient_country", "location",
                 "location_country", "lat", "lon", "time_value", "trigger_text", "source", "url", "title")
QUOTE_COLUMNS = ("doc_id", "local_id", "published", "speaker", "speaker_en", "speaker_country", "cue", "text",
                 "start_char", "end_char", "source", "url")
SORTS = ("recent", "relevance")
RECENT = "d.published DESC NULLS LAST, d.pk DESC"
SEARCH_COLUMNS = ("id", "published", "source", "title", "url", "cluster_id", "cluster_size", "snippet")


class QueryMixin:
    """Needs ``rows(sql, params)``, ``value`` and ``dialect`` from the store."""

    def doc_where(self, f: Any) -> tuple[str, list[Any]]:
        """A WHERE clause over ``documents d`` for the filters (always valid SQL, ``1=1`` when empty)."""
        clauses, params = ["1=1"], []
        if f.date_from:
            clauses.append("d.published >= ?")
            params.append(f.date_from)
        if f.date_to:
            clauses.append("d.published <= ?")
            params.append(f.date_to)
        if f.source:
            clauses.append("d.source = ?")
            params.append(f.source)
        if f.cluster:
            clauses.append("d.cluster_id = ?")
            params.append(f.cluster)
        if f.doc_id:
            clauses.append("d.id = ?")
            params.append(f.doc_id)
        if f.entity:
            norm = fold_str(f.entity).strip()
            clauses.append("d.id IN (SELECT de.doc_id FROM doc_entities de JOIN actors a ON a.id = de.actor_id "
                           "WHERE de.norm = ? OR a.norm = ? OR lower(a.name_en) = ?)")
            params += [norm, norm, f.entity.strip().lower()]
        if f.country:
            clauses.append("d.id IN (SELECT de.doc_id FROM doc_entities de WHERE de.country = ?)")
            params.append(f.country.upper())
        if f.event_type:
            clauses.append("d.id IN (SELECT ev.doc_id FROM events ev WHERE ev.type = ? OR ev.cameo = ?)")
            params += [f.event_type, f.event_type]
        return " AND ".join(clauses), params

    # ---- search -------------------------------------------------------------
    def search(self, query: str, filters: Any, limit: int = 20, offset: int = 0,
               sort: str = "recent", snippets: int | None = None) -> list[dict[str, Any]]:
        """Documents matching ``query`` (all words in any clitic form; "quoted" phrases exactly).

        ``sort``: "recent" (latest published first) or "relevance" (BM25 / ts_rank; slower on common words).
        ``snippets``: only the first that many hits get a snippet, the rest ``None`` (a caller that fetches one
        row more than a page, to learn whether another page exists, need not build a snippet for it).
        """
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        q = fts.parse_query(query or "")
        where, params = self.doc_where(filters)
        if q.empty:
            pks = [r["pk"] for r in self.rows(
                f"SELECT d.pk FROM documents d WHERE {where} ORDER BY {RECENT} LIMIT {int(limit)} OFFSET {int(offset)}",
                params)]
        else:
            pks = self.fulltext(q, filters, where, params, int(limit), int(offset), sort)
        if not pks:
            return []
        # Second step: only the page of hits is read in full (text for the snippet).
        marks = ", ".join("?" * len(pks))
        found = {r["pk"]: r for r in self.rows(
            "SELECT d.pk, d.id, d.published, d.source, d.title, d.url, d.cluster_id, t.text FROM documents d "
            f"JOIN doc_texts t ON t.pk = d.pk WHERE d.pk IN ({marks})", pks)}
        rows = [found[pk] for pk in pks if pk in found]
        sizes = self.cluster_sizes([r["cluster_id"] for r in rows])
        out = []
        for i, r in enumerate(rows):
            r["cluster_size"] = sizes.get(r["cluster_id"], 1)
            text = r.pop("text")
            r["snippet"] = fts.snippet(text, q) if snippets is None or i < snippets else None
            out.append({c: r.get(c) for c in SEARCH_COLUMNS})
        return out

    def fulltext(self, q: fts.Query, filters: Any, where: str, params: list[Any], limit: int, offset: int,
                 sort: str) -> list[int]:  # pragma: no cover - per backend
        """Primary keys of matching documents, in order (``where``/``params``: ``filters`` as SQL over ``d``)."""
        raise NotImplementedError

    def cluster_sizes(self, ids: list[str]) -> dict[str, int]:
        ids = [i for i in set(ids) if i]
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        return {r["id"]: r["size"] for r in self.rows(f"SELECT id, size FROM clusters WHERE id IN ({marks})", ids)}

    # ---- facts --------------------------------------------------------------
    def entities(self, filters: Any, *, type_: str | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
        """Actors with how many documents and mentions name them, most documents first."""
        where, params = self.doc_where(filters)
        extra = ""
        if type_:
            extra = " AND a.type = ?"
            params.append(type_.upper())
        lim = f" LIMIT {int(limit)}" if limit else ""
        return self.rows(
            "SELECT a.id AS actor_id, a.type, a.name, a.name_en, a.country, a.role, a.kind, a.lat, a.lon, a.geo_id, "
            "COUNT(DISTINCT de.doc_id) AS documents, CAST(SUM(de.n_mentions) AS BIGINT) AS mentions "
            "FROM actors a JOIN doc_entities de ON de.actor_id = a.id JOIN documents d ON d.id = de.doc_id "
            f"WHERE {where}{extra} GROUP BY a.id, a.type, a.name, a.name_en, a.country, a.role, a.kind, a.lat, "
            f"a.lon, a.geo_id ORDER BY documents DESC, mentions DESC, a.id{lim}", params)

    def actor(self, actor_id: int | None = None, *, key: str | None = None) -> dict[str, Any] | None:
        """One actor of the registry by id or canonical key (see ``rows.actor_key``), with its counts."""
        where, param = ("a.id = ?", actor_id) if key is None else ("a.key = ?", key)
        rows = self.rows(
            "SELECT a.id AS actor_id, a.key, a.type, a.name, a.name_en, a.country, a.role, a.kind, a.lat, a.lon, "
            "a.geo_id, (SELECT COUNT(DISTINCT de.doc_id) FROM doc_entities de WHERE de.actor_id = a.id) AS documents, "
            "(SELECT CAST(COALESCE(SUM(de.n_mentions), 0) AS BIGINT) FROM doc_entities de WHERE de.actor_id = a.id) "
            f"AS mentions FROM actors a WHERE {where}", (param,))
        return rows[0] if rows else None

    def events(self, filters: Any, *, limit: int | None = 100) -> list[dict[str, Any]]:
        """Events with actor, recipient and place names resolved through the actor registry."""
        where, params = self.doc_where(filters)
        if filters.event_type:  # the document filter keeps documents; keep only the matching events too
            where += " AND (e.type = ? OR e.cameo = ?)"
            params += [filters.event_type, filters.event_type]
        lim = f" LIMIT {int(limit)}" if limit else ""
        return self.rows(
            "SELECT e.doc_id, e.local_id, e.published, e.type, e.mode, e.cameo, e.quad, e.intensity, e.negated, "
            "e.confidence, aa.name AS actor, aa.country AS actor_country, ra.name AS recipient, "
            "ra.country AS recipient_country, la.name AS location, la.country AS location_country, la.lat, la.lon, "
            "e.time_value, e.trigger_text, d.source, d.url, d.title "
            "FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN actors aa ON aa.id = e.actor_id "
            "LEFT JOIN actors ra ON ra.id = e.recipient_id LEFT JOIN actors la ON la.id = e.location_id "
            f"WHERE {where} ORDER BY e.published, e.doc_id, e.local_id{lim}", params)

    def quotes(self, filters: Any, *, speaker: str | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
        """Quotes with the speaker named through the actor registry."""
        where, params = self.doc_where(filters)
        if speaker:
            where += " AND (a.norm = ? OR lower(a.name_en) = ?)"
            params += [fold_str(speaker).strip(), speaker.strip().lower()]
        lim = f" LIMIT {int(limit)}" if limit else ""
        return self.rows(
            "SELECT q.doc_id, q.local_id, d.published, a.name AS speaker, a.name_en AS speaker_en, "
            "a.country AS speaker_country, q.cue, q.text, q.start_char, q.end_char, d.source, d.url "
            "FROM quotes q JOIN documents d ON d.id = q.doc_id LEFT JOIN actors a ON a.id = q.speaker_id "
            f"WHERE {where} ORDER BY d.published, q.doc_id, q.local_id{lim}", params)

    def clusters(self, *, min_size: int = 2, limit: int | None = 100) -> list[dict[str, Any]]:
        lim = f" LIMIT {int(limit)}" if limit else ""
        return self.rows("SELECT id, title, size, first_published, last_published FROM clusters WHERE size >= ? "
                         f"ORDER BY size DESC, id{lim}", (min_size,))

    def stats(self) -> dict[str, Any]:
        """Counts a person checks after an ingest."""
        out: dict[str, Any] = {}
        for table in ("documents", "actors", "mentions", "events", "quotes", "quantities", "times",
                      "ingest_failures"):
            out[table] = int(self.value(f"SELECT COUNT(*) FROM {table}"))
        out["clusters"] = int(self.value("SELECT COUNT(*) FROM clusters WHERE size > 0"))
        out["multi_document_clusters"] = int(self.value("SELECT COUNT(*) FROM clusters WHERE size >= 2"))
        out["documents_in_multi_clusters"] = int(self.value("SELECT COALESCE(SUM(size), 0) FROM clusters "
                                                            "WHERE size >= 2"))
        out["schema_version"] = self.schema_version()
        return out

    def iter_rows(self, sql: str, params: list[Any], page: int = 1000) -> Iterator[dict[str, Any]]:
        """A long result read page by page (exports stay flat in memory)."""
        offset = 0
        while True:
            rows = self.rows(f"{sql} LIMIT {page} OFFSET {offset}", params)
            yield from rows
            if len(rows) < page:
                return
            offset += page
