"""Newest-first search reads the SQLite index in order-key order and stops after a page: the hits, their order and
their snippets must be exactly those of sorting every match by ``published DESC NULLS LAST, pk DESC``."""
from __future__ import annotations

import pytest

from handmade import HEALTH, HUSSEIN, KADHIMI, KUWAIT, UN_AID, plain_doc
from marsad.store import Filters, Store
from store_backends import make_store, store_target  # noqa: F401

TEXTS = (KADHIMI, HUSSEIN, UN_AID, HEALTH, KUWAIT)
# Ties on purpose (same day, no day); inserted out of date order so pk order is not date order.
DATES = ("2021-03-05", "2021-03-03", None, "2021-03-05", "2020-12-31", "2021-04-01", None, "2021-03-05")
QUERIES = ("التقرير", "قال", "الرياض", "بغداد", '"الأمم المتحدة"', "التقرير بغداد", "مستمر", "لا يوجد")
FILTERS = (Filters(), Filters(date_from="2021-03-04"), Filters(date_to="2021-03-05"),
           Filters(date_from="2021-03-05", date_to="2021-03-05"), Filters(source="beta"),
           Filters(date_from="2021-03", date_to="2021-04-01"))


def _docs(n: int = 24):
    for i in range(n):
        # Each article gets a sentence of its own (and a shared word, التقرير) so no two texts are the same.
        text = f"{TEXTS[i % len(TEXTS)]} وذكر التقرير رقم {i} أن العمل مستمر."
        yield plain_doc(f"d{i:02d}", text, published=DATES[(i * 5) % len(DATES)],
                        source=("alpha", "beta")[i % 2])


@pytest.fixture
def ordered(make_store):
    s = make_store()
    for d in _docs():
        s.put(d)
    return s


def _reference(store: Store, query: str, f: Filters) -> list[str]:
    """Every match (found through the relevance path, which never uses the order key), sorted in Python."""
    found = {h["id"] for h in store.search(query, f, limit=1000, sort="relevance")}
    meta = {r["id"]: r for r in store.rows("SELECT id, pk, published FROM documents")}
    return sorted(found, key=lambda i: (meta[i]["published"] is not None, meta[i]["published"] or "", meta[i]["pk"]),
                  reverse=True)


def test_newest_first_search_pages_equal_a_full_sort_of_every_match(ordered):
    for q in QUERIES:
        for f in FILTERS:
            ref = _reference(ordered, q, f)
            assert [h["id"] for h in ordered.search(q, f, limit=1000)] == ref, (q, f)
            for limit, offset in ((1, 0), (3, 0), (3, 2), (5, 7), (20, 21)):
                page = [h["id"] for h in ordered.search(q, f, limit=limit, offset=offset)]
                assert page == ref[offset:offset + limit], (q, f, limit, offset)


def test_order_key_search_returns_the_same_hits_and_snippets_as_sorting_every_match(ordered, monkeypatch):
    if ordered.dialect != "sqlite":
        pytest.skip("the order key is the SQLite index's rowid")
    fast = {(q, f): ordered.search(q, f, limit=7, offset=1) for q in QUERIES for f in FILTERS}
    monkeypatch.setattr(type(ordered), "keys_ordered", lambda self: False)  # the sorting query of schema 2
    for (q, f), hits in fast.items():
        assert hits == ordered.search(q, f, limit=7, offset=1), (q, f)
    assert any(len(h) == 7 for h in fast.values())


def test_search_order_stays_exact_after_deletes_and_a_reindex(ordered):
    for doc_id in ("d03", "d10", "d17"):
        assert ordered.delete(doc_id)
    ref = _reference(ordered, "التقرير", Filters())
    assert len(ref) == 21 and [h["id"] for h in ordered.search("التقرير", Filters(), limit=50)] == ref
    assert ordered.reindex() == 21
    assert [h["id"] for h in ordered.search("التقرير", Filters(), limit=50)] == ref


def test_a_date_the_order_key_cannot_order_switches_search_to_sorting(ordered):
    # Not YYYY-MM-DD (Arabic-Indic digits, no zero padding): only a text sort orders these among the others.
    ordered.put(plain_doc("odd-1", "تقرير آخر: التقرير رقم ٩٩ عن العمل", published="٢٠٢١-٠٣-٠٤"))
    ordered.put(plain_doc("odd-2", "ويقول التقرير الثاني إن العمل انتهى", published="2021-3-9"))
    if ordered.dialect == "sqlite":
        assert not ordered.keys_ordered()
    for f in FILTERS:
        ref = _reference(ordered, "التقرير", f)
        assert [h["id"] for h in ordered.search("التقرير", f, limit=1000)] == ref, f
    assert [h["id"] for h in ordered.search("التقرير", Filters(), limit=2)] == ["odd-1", "odd-2"]
    assert ordered.delete("odd-1") and ordered.delete("odd-2")
    if ordered.dialect == "sqlite":
        assert ordered.keys_ordered()


def test_store_upgrades_a_version_2_index_to_order_keys_with_the_same_results(tmp_path):
    from marsad.store.migrations import LATEST
    from marsad.store.sqlite import order_key

    path = str(tmp_path / "v2.db")
    s = Store.open(path)
    for d in _docs():
        s.put(d)
    expected = {(q, f): s.search(q, f, limit=6, offset=2) for q in QUERIES for f in FILTERS}
    # Put the database back as schema 2 left it: FTS rowid = pk, no partial index, version 2.
    rows = s.rows("SELECT d.pk, d.title, t.text FROM documents d JOIN doc_texts t ON t.pk = d.pk")
    from marsad.store.search import index_text

    with s.transaction():
        s.execute("INSERT INTO doc_search (doc_search) VALUES ('delete-all')")
        for r in rows:
            idx = index_text(r["title"], r["text"])
            s.execute("INSERT INTO doc_search (rowid, exact, stems) VALUES (?, ?, ?)", (r["pk"], idx.exact, idx.stems))
        s.execute("DROP INDEX documents_odd_published")
        s.execute("DELETE FROM schema_version WHERE version >= 3")
    assert s.value("SELECT MAX(rowid) FROM doc_search") == 24
    s.close()

    s = Store.open(path)
    assert s.schema_version() == LATEST and s.keys_ordered()
    keys = {r["rowid"] for r in s.rows("SELECT rowid FROM doc_search")}
    assert keys == {order_key(r["published"], r["pk"]) for r in s.rows("SELECT pk, published FROM documents")}
    assert {(q, f): s.search(q, f, limit=6, offset=2) for q in QUERIES for f in FILTERS} == expected
    s.close()


def test_order_key_sorts_like_published_desc_nulls_last_then_pk_desc():
    from marsad.store.sqlite import order_key

    rows = [("2021-03-05", 3), ("2021-03-05", 9), (None, 12), ("0001-01-01", 1), ("9999-12-31", 2), (None, 4),
            ("2020-12-31", 50)]
    by_key = sorted(rows, key=lambda r: order_key(*r), reverse=True)
    assert by_key == sorted(rows, key=lambda r: (r[0] is not None, r[0] or "", r[1]), reverse=True)
    assert order_key("9999-12-31", (1 << 35) - 1) < 2 ** 62
    with pytest.raises(Exception, match="M020"):
        order_key("2021-03-05", 1 << 35)
