"""The NER tagger API and the CoNLL scorer, on sentences written for these tests."""
from __future__ import annotations

import pytest

from marsad.evaluate.ner import chunks, map_tag, score
from marsad.models.ner.tagger import MODEL_DIR, MODEL_FILE

needs_model = pytest.mark.skipif(not (MODEL_DIR / MODEL_FILE).exists(), reason="NER model not built (marsad train ner)")

SENTENCE = "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الحكومة ستدعم الجيش".split()


def test_chunks_treat_an_orphan_inside_tag_as_the_start_of_a_chunk():
    assert list(chunks(["O", "I-PER", "I-PER", "B-LOC", "I-ORG"])) == [("PER", 1, 3), ("LOC", 3, 4), ("ORG", 4, 5)]


def test_chunks_split_adjacent_entities_at_a_begin_tag():
    assert list(chunks(["B-PER", "B-PER", "I-PER"])) == [("PER", 0, 1), ("PER", 1, 3)]


def test_score_counts_an_entity_only_when_type_and_both_boundaries_match():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    s = score(gold, pred)
    assert (s["overall"].tp, s["overall"].pred, s["overall"].gold) == (1, 2, 2)
    assert s["LOC"].f1 == 100.0 and s["PER"].f1 == 0.0


def test_anercorp_pers_tags_are_read_as_per():
    assert map_tag("B-PERS") == "B-PER" and map_tag("I-LOC") == "I-LOC" and map_tag("O") == "O"


@needs_model
def test_tagger_returns_one_iob2_tag_per_word():
    from marsad.models.ner.tagger import NerTagger

    tags = NerTagger.load().tag(SENTENCE)
    assert len(tags) == len(SENTENCE)
    assert all(t == "O" or t[:2] in ("B-", "I-") and t[2:] in ("PER", "LOC", "ORG", "MISC") for t in tags)


@needs_model
def test_tagger_finds_a_person_after_a_title_and_a_city():
    from marsad.models.ner.tagger import NerTagger

    spans = set(chunks(NerTagger.load().tag(SENTENCE)))
    assert ("PER", 3, 5) in spans
    assert ("LOC", 6, 7) in spans


@needs_model
def test_tagger_accepts_an_empty_sentence_and_loads_once():
    from marsad.models.ner.tagger import NerTagger

    assert NerTagger.load().tag([]) == []
    assert NerTagger.load() is NerTagger.load()


@needs_model
def test_tag_doc_tokens_gives_token_spans_inside_sentences():
    from marsad.document import Document
    from marsad.models.ner.tagger import NerTagger
    from marsad.stages.segment import segment

    text = "وصل رئيس الوزراء البريطاني بوريس جونسون إلى بغداد. وقال إن العراق شريك مهم."
    doc = segment(Document(id="t", text=text))
    spans = NerTagger.load().tag_doc_tokens(doc)
    assert spans, "expected at least one entity"
    for typ, s, e in spans:
        assert typ in ("PER", "LOC", "ORG", "MISC") and 0 <= s < e <= len(doc.tokens)
        assert doc.tokens[s].sentence == doc.tokens[e - 1].sentence
    found = {(typ, text[doc.tokens[s].start:doc.tokens[e - 1].end]) for typ, s, e in spans}
    assert ("LOC", "بغداد") in found
