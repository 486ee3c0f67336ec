"""The store keeps documents whole: what it writes reads back equal, twice is once, a failure leaves nothing."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from handmade import HUSSEIN, KADHIMI, UN_AID, kadhimi_doc, plain_doc
from marsad.document import Dateline, Document, Entity, Event, Problem, Quantity, Quote, Span, TimeExpr
from marsad.errors import MarsadError
from marsad.store import Filters, Store, content_hash
from marsad.store.migrations import LATEST
from store_backends import make_store, store_target  # noqa: F401


def test_store_reads_back_a_document_equal_to_the_one_written(make_store):
    s = make_store()
    doc = kadhimi_doc()
    assert s.put(doc) == doc.id
    assert s.get(doc.id).to_dict() == doc.to_dict()


def test_store_ignores_the_same_text_written_twice(make_store):
    s = make_store()
    assert s.put(kadhimi_doc("a")) == "a"
    assert s.put(kadhimi_doc("b")) is None  # same text under another id is the same article
    assert s.stats()["documents"] == 1


def test_store_treats_refolded_or_rewrapped_text_as_the_same_article():
    assert content_hash("قال الرئيس  إنّ") == content_hash("قال\nالرئيس إن")
    assert content_hash("أعلن") == content_hash("اعلن")


def test_store_renames_a_new_text_whose_id_is_taken(make_store):
    s = make_store()
    s.put(plain_doc("x", KADHIMI))
    stored = s.put(plain_doc("x", UN_AID))
    assert stored.startswith("x-") and s.get(stored).text == UN_AID


def test_store_registers_one_actor_for_the_same_person_in_two_documents(make_store):
    s = make_store()
    s.put(kadhimi_doc("a"))
    s.put(kadhimi_doc("b", text=HUSSEIN))
    people = s.entities(Filters(), type_="PER")
    assert [(p["name"], p["documents"]) for p in people] == [("مصطفى الكاظمي", 2)]
    assert len({r["actor_id"] for r in s.entities(Filters())}) == 2  # the person and Baghdad


def test_store_writes_nothing_of_a_document_whose_transaction_fails(make_store, monkeypatch):
    s = make_store()
    s.put(plain_doc("before", UN_AID))

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(type(s), "_write_facts", boom)
    with pytest.raises(RuntimeError):
        s.put(kadhimi_doc())
    monkeypatch.undo()
    st_ = s.stats()
    assert st_["documents"] == 1 and st_["actors"] == 0 and st_["clusters"] == 1
    assert s.search("الكاظمي", Filters()) == []
    assert s.put(kadhimi_doc()) == "kadhimi-1"  # and the same document goes in cleanly afterwards


def test_store_applies_migrations_once_and_records_the_version(make_store):
    s = make_store()
    assert s.schema_version() == LATEST
    s.put(kadhimi_doc())
    s.close()
    s2 = make_store()
    assert s2.schema_version() == LATEST and s2.stats()["documents"] == 1


def test_store_stamps_every_fact_row_with_schema_and_pipeline_version(make_store):
    from marsad import PIPELINE_VERSION

    s = make_store()
    s.put(kadhimi_doc())
    for table in ("documents", "actors", "doc_entities", "mentions", "events", "quotes", "quantities", "times"):
        rows = s.rows(f"SELECT DISTINCT schema, pipeline_version FROM {table}")
        assert rows == [{"schema": "marsad/1", "pipeline_version": PIPELINE_VERSION}], table


def test_store_deletes_a_document_with_its_facts_and_index_entries(make_store):
    s = make_store()
    s.put(kadhimi_doc())
    assert s.delete("kadhimi-1")
    st_ = s.stats()
    assert st_["documents"] == st_["mentions"] == st_["events"] == st_["quotes"] == 0
    assert s.search("الكاظمي", Filters()) == []


def test_store_opens_postgres_urls_with_a_clear_error_when_unreachable():
    with pytest.raises(MarsadError) as err:
        Store.open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert err.value.code == "M020"


def test_sqlite_store_uses_write_ahead_logging(tmp_path):
    Store.open(tmp_path / "w.db").close()
    assert sqlite3.connect(tmp_path / "w.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# ---- property: whatever a document holds, it reads back the same -----------------------------------------
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=80)
_SHORT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
_OPT = st.none() | _SHORT
_NUM = st.none() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False, width=32)


@st.composite
def documents(draw):
    text = draw(_TEXT)
    n = len(text)

    def sp():
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        return Span(a, b, text[a:b])

    ents = tuple(
        Entity(f"e{i}", draw(st.sampled_from(["PER", "ORG", "LOC", "MISC"])), draw(_SHORT) or "x",
               tuple(sp() for _ in range(draw(st.integers(0, 2)))), name_en=draw(_OPT),
               country=draw(st.none() | st.sampled_from(["IRQ", "SAU", "IGO"])), role=draw(_OPT),
               lat=draw(st.none() | st.floats(-90, 90)), lon=draw(st.none() | st.floats(-180, 180)),
               geo_id=draw(st.none() | st.sampled_from(["1", "2"])), kind=draw(st.none() | st.sampled_from(
                   ["country", "city", "igo"])), confidence=draw(st.sampled_from([1.0, 0.5])),
               affiliation=draw(st.none() | st.just("e0")))
        for i in range(draw(st.integers(0, 3))))
    ids = [e.id for e in ents]
    evs = tuple(Event(f"v{i}", draw(st.sampled_from(["CONSULT", "ASSAULT"])), sp(), draw(st.integers(0, 3)),
                      mode=draw(_OPT), actor=tuple(draw(st.lists(st.sampled_from(ids), max_size=2))) if ids else (),
                      cameo=draw(st.none() | st.sampled_from(["010", "190"])), quad=draw(st.none() | st.integers(1, 4)),
                      intensity=draw(st.none() | st.floats(-10, 10)), negated=draw(st.booleans()),
                      triggers=(sp(),) if draw(st.booleans()) else ())
                for i in range(draw(st.integers(0, 2))))
    q = sp()
    quotes = (Quote("q1", q.text, q.start, q.end, speaker=ids[0] if ids else None, cue=sp() if draw(st.booleans())
                    else None),) if draw(st.booleans()) else ()
    k = sp()
    qty = (Quantity(k.text, k.start, k.end, draw(_NUM), draw(_NUM), draw(_NUM), draw(_OPT), draw(_OPT)),) \
        if draw(st.booleans()) else ()
    t = sp()
    times = (TimeExpr("t1", t.text, t.start, t.end, draw(_OPT), draw(_OPT)),) if draw(st.booleans()) else ()
    dl = draw(st.none() | st.builds(Dateline, _OPT, _OPT, st.none(), st.none()))
    return Document(id=draw(st.text("abc123-", min_size=1, max_size=10)), text=text,
                    published=draw(st.none() | st.dates().map(str)), source=draw(_OPT), url=draw(_OPT),
                    title=draw(_OPT), dateline=dl, entities=ents, events=evs, quotes=quotes, quantities=qty,
                    times=times, problems=tuple(Problem("input", "M006", m) for m in draw(st.lists(_SHORT,
                                                                                                   max_size=2))),
                    meta=tuple(sorted(draw(st.dictionaries(st.sampled_from(["encoding", "author"]), _SHORT))
                                      .items())))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_store_reads_back_any_document_unchanged(make_store, doc):
    s = make_store()
    stored = s.put(doc)
    if stored is None:  # an earlier example already stored this text
        return
    back = s.get(stored)
    assert back.to_dict() == doc.evolve(id=stored).to_dict()
    s.close()


def test_store_looks_up_one_actor_by_id_or_canonical_key(make_store):
    from marsad.store.rows import actor_key

    s = make_store()
    doc = kadhimi_doc()
    s.put(doc)
    a = s.actor(key=actor_key(doc.entities[0]))
    assert (a["name"], a["documents"], a["mentions"]) == ("مصطفى الكاظمي", 1, 1)
    assert s.actor(a["actor_id"])["key"] == "PER:مصطفي الكاظمي" and s.actor(999) is None


def test_store_upgrades_a_version_1_database_keeping_its_documents(make_store, monkeypatch):
    import json as _json

    from marsad.store import migrations
    from marsad.store.rows import OWN_COLUMNS

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    monkeypatch.setattr(migrations, "LATEST", 1)
    old = make_store()
    doc = kadhimi_doc()
    d = doc.to_dict()
    record = _json.dumps({k: v for k, v in d.items() if k not in OWN_COLUMNS}, ensure_ascii=False)
    with old.transaction():
        old.execute("INSERT INTO documents (id, content_hash, text, record, problems, ingested_at, schema, "
                    "pipeline_version, dateline) VALUES (?, ?, ?, ?, '[]', 'x', 'marsad/1', 'old', 'null')",
                    (doc.id, content_hash(doc.text), doc.text, record))
    old.close()
    monkeypatch.undo()
    new = make_store()
    assert new.schema_version() == LATEST == 4
    assert new.get(doc.id).to_dict() == doc.evolve(published=None, source=None, url=None, title=None).to_dict()
    new.reindex()
    assert [h["id"] for h in new.search("الكاظمي", Filters())] == [doc.id]
