"""Self-trained name counts: mining a tagged corpus, the features a word gets, what its neighbours see."""
from __future__ import annotations

import gzip

import pytest

from marsad.models.ner import features as features_module
from marsad.models.ner.autogaz import autogaz_features, mine
from marsad.models.ner.distrib import load_word_counts
from marsad.models.ner.features import FeatureExtractor

DOCS = [
    [["قال", "خالد", "المصري", "إن", "نادي", "الوحدة", "فاز"], ["وزار", "خالد", "القاهرة"]],
    [["استقبل", "خالد", "في", "القاهرة", "وفد", "الوحدة"]],
]
# a toy tagger: the names it knows, as it would tag them
KNOWN = {"خالد": "B-PER", "المصري": "I-PER", "الوحدة": "B-ORG", "القاهرة": "B-LOC"}


def toy_tagger(doc):
    return [[KNOWN.get(w, "O") for w in words] for words in doc]


def test_mine_counts_tags_under_the_clitic_free_form(tmp_path):
    path = tmp_path / "ag.tsv.gz"
    assert mine(iter(DOCS), toy_tagger, path) == 16
    table = load_word_counts(path)
    # occurrences, then B-PER I-PER B-LOC I-LOC B-ORG I-ORG B-MISC I-MISC
    assert table["خالد"] == (3, 3, 0, 0, 0, 0, 0, 0, 0)
    assert table["القاهرة"] == (2, 0, 0, 2, 0, 0, 0, 0, 0)
    assert table["الوحدة"] == (2, 0, 0, 0, 0, 2, 0, 0, 0)
    assert "المصري" not in table  # seen once: too rare to keep
    assert "قال" not in table  # never tagged


def test_mine_is_byte_for_byte_reproducible(tmp_path):
    a, b = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    mine(iter(DOCS), toy_tagger, a)
    mine(iter(DOCS), toy_tagger, b)
    assert a.read_bytes() == b.read_bytes()
    with gzip.open(a, "rt", encoding="utf-8") as fh:
        assert fh.readline().startswith("# word\tn\tB-PER")


def test_features_bucket_each_type_and_summarise_the_dominant_one():
    assert autogaz_features(None) == (["a=0"], "-")
    assert autogaz_features((2, 2, 0, 0, 0, 0, 0, 0, 0)) == (["a=?"], "?")
    own, summary = autogaz_features((100, 60, 20, 5, 0, 0, 0, 0, 0))
    assert own == ["aPER=6", "aLOC=4", "aPB=6"] and summary == "PER"
    own, summary = autogaz_features((100, 0, 0, 0, 0, 0, 0, 0, 12))
    assert own == ["aMISC=4"] and summary == "low"  # 12%: not a third, but not nothing
    own, summary = autogaz_features((1000, 0, 0, 0, 0, 0, 1, 0, 0))
    assert own == ["aORG=1"] and summary == "-"
    assert autogaz_features((50, 0, 0, 0, 0, 0, 0, 0, 0)) == (["a=none"], "-")


@pytest.fixture
def fx():
    table = {"خالد": (40, 30, 8, 0, 0, 0, 0, 0, 0), "القاهرة": (50, 0, 0, 45, 0, 0, 0, 0, 0)}
    return FeatureExtractor(clusters={}, gazetteer={}, cues={}, autogaz=table)


def test_neighbours_see_the_self_trained_type(fx):
    words = ["زار", "خالد", "القاهرة", "امس"]
    own, _ = fx.word_features("وخالد")  # a conjunction: the clitic-free form is looked up
    assert "aPER=6" in own
    extras = fx.sentence_extras(words)
    assert "lk+1=aPER" in extras[0] and "lk-1=<s>" in extras[0]
    assert "lk-1=aPER" in extras[2] and "lk+1=aLOC" in extras[1]
    assert not any(f.startswith("lk-1=a") for f in extras[1])  # زار: no type, nothing shown
    assert extras[3] == ["lk-1=aLOC", "lk+1=</s>"]


def test_neighbour_marks_are_the_same_when_the_caches_are_full(fx, monkeypatch):
    cached = {w: fx.neighbour_marks(w) for w in ("خالد", "القاهرة", "زار")}
    full = FeatureExtractor(clusters={}, gazetteer={}, cues={}, autogaz=fx.autogaz)
    monkeypatch.setattr(features_module, "_CACHE_MAX", 0)
    assert {w: full.neighbour_marks(w) for w in cached} == cached
    assert not full._cache and not full._marks


def test_two_stage_training_ships_the_second_stage_and_its_counts(tmp_path):
    """Stage one tags the raw corpus into the counts, is deleted, and stage two is trained with them."""
    import json

    from marsad.models.ner.fastcrf import FastCrf
    from marsad.models.ner.train import train_two_stage

    arts = tmp_path / "shared" / "data" / "saudinewsnet" / "articles"
    arts.mkdir(parents=True)
    news = ["قال خالد إن الوفد وصل إلى القاهرة.", "زار خالد القاهرة امس.\nوقال سمير إن خالد سيعود."]
    (arts / "a.jsonl").write_text("".join(json.dumps({"content": c}, ensure_ascii=False) + "\n" for c in news),
                                  encoding="utf-8")
    sents = [(["قال", "خالد", "إن", "القاهرة", "جميلة"], ["O", "B-PER", "O", "B-LOC", "O"]),
             (["زار", "سمير", "القاهرة"], ["O", "B-PER", "B-LOC"])] * 5
    fx = FeatureExtractor(clusters={}, gazetteer={}, cues={})
    model, counts = tmp_path / "m" / "ner.crfsuite", tmp_path / "m" / "autogaz.tsv.gz"
    counts.parent.mkdir()
    fx2 = train_two_stage(fx, sents, model, counts, tmp_path / "shared")
    assert sorted(p.name for p in model.parent.iterdir()) == ["autogaz.tsv.gz", "ner.crfsuite"]
    assert fx2.autogaz["خالد"][0] == 3 and fx2.autogaz["خالد"][1] >= 1  # seen three times, tagged a person
    words = ["قال", "سمير", "إن", "خالد", "في", "القاهرة"]
    assert FastCrf(model, fx2).tag_many([words])[0][1] == "B-PER"
