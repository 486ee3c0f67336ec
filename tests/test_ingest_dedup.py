"""De-duplication: the same text twice is stored once; the same story in several outlets is one cluster."""
from __future__ import annotations

from handmade import HEALTH, HUSSEIN, KADHIMI, KUWAIT, UN_AID, plain_doc
from marsad.ingest.dedup import StoryClusters, shingles
from marsad.ingest.readers import Item
from marsad.ingest.runner import ingest
from marsad.pipeline import Pipeline
from marsad.store import Filters
from store_backends import make_store, store_target  # noqa: F401

STORY = " ".join([KADHIMI, HUSSEIN, UN_AID, HEALTH])
EDITED = STORY.replace("ثلاثة أيام", "أربعة أيام") + " نقلا عن وكالة الأنباء."


def feed(*docs):
    return [Item(f"test:{d.id}", d) for d in docs]


def test_dedup_groups_an_edited_copy_of_a_story_with_the_original(make_store):
    s = make_store()
    rep = ingest(s, feed(plain_doc("orig", STORY, source="alpha"), plain_doc("copy", EDITED, source="beta"),
                         plain_doc("other", KUWAIT + " " + HEALTH)), pipeline=Pipeline([]))
    assert rep.added == 3 and rep.joined_clusters == 1
    assert s.get("copy") is not None
    (cl,) = s.clusters(min_size=2)
    assert (cl["id"], cl["size"]) == ("orig", 2)
    assert sorted(h["id"] for h in s.search("", Filters(cluster="orig"))) == ["copy", "orig"]
    assert s.search("الكويت", Filters())[0]["cluster_size"] == 1


def test_dedup_rebuilds_the_index_from_stored_signatures_in_a_later_run(make_store):
    s = make_store()
    ingest(s, feed(plain_doc("orig", STORY)), pipeline=Pipeline([]))
    s.close()
    s2 = make_store()
    rep = ingest(s2, feed(plain_doc("copy", EDITED)), pipeline=Pipeline([]))
    assert rep.joined_clusters == 1 and s2.clusters()[0]["size"] == 2


def test_dedup_skips_known_texts_before_analysis(make_store):
    s = make_store()
    seen = []

    class Counting(Pipeline):
        def analyze_many(self, items):
            for d in super().analyze_many(items):
                seen.append(d.id)
                yield d

    ingest(s, feed(plain_doc("a", STORY), plain_doc("b", STORY)), pipeline=Counting([]))
    rep = ingest(s, feed(plain_doc("a", STORY), plain_doc("c", KUWAIT)), pipeline=Counting([]))
    assert seen == ["a", "c"] and (rep.added, rep.duplicates) == (1, 1)


def test_dedup_keeps_unrelated_stories_apart():
    c = StoryClusters()
    first = c.assign(STORY)
    c.add("orig", "orig", first.minhash)
    assert c.assign(EDITED).cluster_id == "orig"
    assert c.assign(KUWAIT + " " + HEALTH).cluster_id is None
    assert len(shingles("قال الوزير")) == 2


def test_dedup_does_not_join_copies_published_weeks_apart():
    c = StoryClusters(window_days=7)
    c.add("orig", "orig", c.assign(STORY).minhash, "2021-03-01")
    assert c.assign(EDITED, published="2021-03-05").cluster_id == "orig"
    assert c.assign(EDITED, published="2021-04-01").cluster_id is None
    assert c.assign(EDITED).cluster_id == "orig"  # no date: similarity alone decides
