"""Search finds Arabic the way it is written: folded letters, any clitic form, exact phrases, filters."""
from __future__ import annotations

import pytest

from handmade import HEALTH, HUSSEIN, KUWAIT, UN_AID, kadhimi_doc, plain_doc
from marsad.store import Filters
from marsad.store.search import index_text, parse_query, word_variants
from store_backends import make_store, store_target  # noqa: F401


@pytest.fixture
def corpus(make_store):
    s = make_store()
    s.put(kadhimi_doc("kadhimi", published="2021-03-03", source="alpha"))
    s.put(plain_doc("hussein", HUSSEIN, published="2021-03-05", source="beta"))
    s.put(plain_doc("un", UN_AID, published="2021-04-01", source="alpha"))
    s.put(plain_doc("health", HEALTH, published="2021-04-02", source="gamma"))
    s.put(plain_doc("kuwait", KUWAIT, published=None, source="gamma"))
    return s


def ids(hits):
    return sorted(h["id"] for h in hits)


def test_search_for_a_verb_finds_it_behind_conjunctions(corpus):
    # KADHIMI has وقال, HUSSEIN has قال and فقال
    assert ids(corpus.search("قال", Filters())) == ["hussein", "kadhimi"]


def test_search_folds_hamza_alef_and_taa_marbuta(corpus):
    assert ids(corpus.search("اعلنت", Filters())) == ["health"]
    assert ids(corpus.search("الأمم المتحدة", Filters())) == ["un"]
    assert ids(corpus.search("الحكومه", Filters())) == ["kadhimi"]


def test_search_finds_a_word_behind_prepositions_and_the_article(corpus):
    assert ids(corpus.search("الصحفيين", Filters())) == ["kadhimi"]  # written للصحفيين
    assert ids(corpus.search("موصل", Filters())) == ["un"]  # written الموصل
    assert ids(corpus.search("جيران", Filters())) == ["hussein"]  # written جيرانها


def test_search_quoted_phrase_matches_words_in_order_only(corpus):
    assert ids(corpus.search('"رئيس الوزراء"', Filters())) == ["kadhimi"]
    assert corpus.search('"الوزراء رئيس"', Filters()) == []
    assert ids(corpus.search('بغداد "وزير الخارجية"', Filters())) == ["hussein"]


def test_search_needs_every_word(corpus):
    assert ids(corpus.search("بغداد الكاظمي", Filters())) == ["hussein", "kadhimi"]
    assert corpus.search("بغداد الكويت", Filters()) == []


def test_search_filters_by_date_source_entity_country_and_event_type(corpus):
    assert ids(corpus.search("", Filters(date_from="2021-03-04", date_to="2021-04-01"))) == ["hussein", "un"]
    assert ids(corpus.search("", Filters(source="gamma"))) == ["health", "kuwait"]
    assert ids(corpus.search("", Filters(entity="الكاظمي"))) == []  # entity names match whole canonical names
    assert ids(corpus.search("", Filters(entity="مصطفى الكاظمي"))) == ["kadhimi"]
    assert ids(corpus.search("", Filters(entity="Mustafa al-Kadhimi"))) == ["kadhimi"]
    assert ids(corpus.search("", Filters(country="irq"))) == ["kadhimi"]
    assert ids(corpus.search("", Filters(event_type="CONSULT"))) == ["kadhimi"]
    assert ids(corpus.search("", Filters(event_type="010"))) == ["kadhimi"]
    assert ids(corpus.search("قال", Filters(source="beta"))) == ["hussein"]


def test_search_hit_carries_a_snippet_from_the_original_text(corpus):
    (hit,) = corpus.search("الموصل", Filters())
    assert "الموصل" in hit["snippet"] and hit["cluster_size"] == 1 and hit["source"] == "alpha"


def test_search_query_with_nothing_searchable_lists_documents(corpus):
    assert len(corpus.search("  ،؟ ", Filters())) == 5


def test_query_parser_splits_terms_and_phrases():
    q = parse_query('قال "رئيس  الوزراء" قال "غير مغلق')
    assert q.terms == ("قال",)
    assert q.phrases == (("رييس", "الوزراء"), ("غير", "مغلق"))


def test_index_keeps_closed_class_words_whole_so_a_name_does_not_match_a_pronoun():
    assert word_variants("عليه") == ("عليه",) and "قال" in word_variants("وقال")
    assert "علي" not in index_text(None, "سلم عليه الوزير").stem_set
    assert {"قال"} <= set(word_variants("وقال")) and {"عراق", "العراق"} <= set(word_variants("للعراق"))


def test_search_query_commands_list_entities_events_and_quotes(corpus):
    ents = corpus.entities(Filters(), type_="LOC")
    assert [(e["name"], e["documents"], e["mentions"]) for e in ents] == [("بغداد", 1, 1)]
    (ev,) = corpus.events(Filters(country="IRQ"))
    assert ev["actor"] == "مصطفى الكاظمي" and ev["location"] == "بغداد" and ev["lat"] == pytest.approx(33.34)
    (q,) = corpus.quotes(Filters(), speaker="Mustafa al-Kadhimi")
    assert q["speaker"] == "مصطفى الكاظمي" and q["cue"] == "قال"


def test_search_index_rebuilds_from_stored_texts(corpus):
    assert corpus.reindex() == 5
    assert ids(corpus.search("قال", Filters())) == ["hussein", "kadhimi"]


def test_search_sorts_latest_published_first_or_by_relevance(corpus):
    assert [h["id"] for h in corpus.search("قال", Filters())] == ["hussein", "kadhimi"]
    assert {h["id"] for h in corpus.search("قال", Filters(), sort="relevance")} == {"hussein", "kadhimi"}
    assert [h["id"] for h in corpus.search("", Filters())][-1] == "kuwait"  # no date: listed last
    with pytest.raises(ValueError):
        corpus.search("قال", Filters(), sort="random")


@pytest.mark.parametrize("text, query, expected", [
    ("افتتح المحافظ اليوم مدرسةً جديدة في الحي الشرقي من المدينة", "مدرسة", "مدرسةً"),  # diacritic inside the word
    ("وقال إنّ الأمـــم المتحدة سترسل مساعدات", "الامم", "الأمـــم"),  # hamza and tatweel
    ("نص قصير ثم تقول ﻻجئون كثيرون وصلوا إلى المخيم", "لاجئون", "ﻻجئون"),  # lam-alef ligature: the folding path
    ("بدأ الاجتماع صباحا وحضره وزراء واجتماعات أخرى", "اجتماعات", "واجتماعات"),  # a clitic form, not the first hit
])
def test_snippet_is_taken_around_the_first_matching_word_of_the_original_text(text, query, expected):
    from marsad.store.search import _raw_snippet, snippet

    q = parse_query(query)
    s = snippet(text, q, width=20)
    assert expected in s
    fast = _raw_snippet(text, set(q.highlight_words()), 20)  # the pattern over the original text, no folding
    assert fast is None if "ﻻ" in text else fast == s


def _highlights_by_folding(text: str, query: str) -> list[list[int]]:
    """The reference: fold the whole text and test every word's variants."""
    import re

    from marsad.arabic.normalize import fold

    targets = set(parse_query(query).highlight_words())
    norm = fold(text)
    return [list(norm.to_orig(m.start(), m.end())) for m in re.finditer(r"\w+", norm.text.lower())
            if targets.intersection(word_variants(m.group()))]


@pytest.mark.parametrize("text, query, marked", [
    ("تستعد اللجنة للانتخابات البلدية وتقول إن الانتخابات في موعدها", "الانتخابات", ["للانتخابات", "الانتخابات"]),
    ("قالت الحكومة إن حكومته وحكومتنا ستعمل معا", "حكومة", ["الحكومة", "حكومته", "وحكومتنا"]),
    ("أعلنت الأمـــم المتحدةُ أن الامم ستجتمع", "الأمم", ["الأمـــم", "الامم"]),  # tatweel, hamza, diacritic
    ("وقال الوزير فقال ثم قالوا", "قال", ["وقال", "فقال"]),
    ("زار المدرسة ومدرستهم ومدرسةً أخرى", '"المدرسة"', ["المدرسة"]),
    ("نص فيه ﻻجئون من اللاجئين", "لاجئون", ["ﻻجئون"]),  # a ligature: the folding path
])
def test_snippet_highlights_match_the_folding_path_word_for_word(text, query, marked):
    from marsad.web.views import highlights

    spans = highlights(text, query)
    assert spans == _highlights_by_folding(text, query)
    assert [text[a:b] for a, b in spans] == marked


def test_snippet_falls_back_to_the_start_when_only_another_form_of_the_word_is_written():
    from marsad.store.search import snippet

    # The index matches للانتخابات for الانتخابات, but the snippet looks for the word as the query writes it.
    text = "تستعد اللجنة العامة " * 30 + "للانتخابات البلدية في موعدها"
    assert snippet(text, parse_query("الانتخابات"), width=20) == " ".join(text[:20].split()) + "…"
    assert "ﻻ" not in text and len(text) > 400


def test_search_builds_snippets_only_for_the_hits_asked_for(corpus):
    full = corpus.search("", Filters(), limit=3)
    part = corpus.search("", Filters(), limit=3, snippets=2)
    assert len(full) == 3 and [h["id"] for h in part] == [h["id"] for h in full]
    assert [h["snippet"] for h in part] == [h["snippet"] for h in full[:2]] + [None] and full[2]["snippet"]


# Words written for this property: clitic forms, hamza and taa marbuta spellings, diacritics, tatweel, the lam-alef
# ligature (a presentation form only folding reads), and filler to push a hit past the 400-character prefix.
_WORDS = ["قال", "وقال", "فقالت", "الوزير", "للوزير", "وزيرة", "الحكومة", "حكومته", "مدرسةً", "المدرسة", "الأمـــم",
          "الامم", "ﻻجئون", "لاجئون", "اللاجئين", "إن", "على", "عليه", "المدينة", "في", "من", "سيارةٌ", "١٢", "ﻷ",
          "بالمدينة", "ومدرستهم", "اجتماع", "واجتماعات", "الاجتماعَ"]
_FILLER = ["نهار", "هادئ", "بعد", "مطر", "غزير", "وطرق", "مزدحمة"]
_QUERIES = ["قال", "الوزير", "وزير", "حكومة", "الأمم", "لاجئون", "اللاجئين", "الامم", "مدرسة", "المدينة", "اجتماعات", '"قال الوزير"',
            "الوزير المدينة", '"الحكومة"']


def _old_snippet(text: str, query, width: int) -> str:
    """The snippet as built before the presentation-form check was limited to the first prefix: any presentation
    form anywhere in the article sent it down the folding path."""
    from unittest import mock

    from marsad.arabic.normalize import PRESENTATION
    from marsad.store import search as fts

    raw = fts._raw_snippet
    with mock.patch.object(fts, "_raw_snippet",
                           lambda t, targets, w: None if PRESENTATION.search(t) else raw(t, targets, w)):
        return fts.snippet(text, query, width)


def test_snippets_and_highlights_are_unchanged_on_varied_arabic_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from marsad.store.search import snippet
    from marsad.web.views import highlights

    ligature = st.sampled_from(["ﻻجئون", "ﻷمم", "ﻻ", "الﻻجئين"])  # written by keyboards that emit presentation forms
    filler = st.tuples(st.integers(0, 6), st.integers(1, 110)).map(
        lambda ab: " ".join(_FILLER[(ab[0] + i * 3) % len(_FILLER)] for i in range(ab[1])))  # 5 to 600 characters
    piece = st.one_of(st.sampled_from(_WORDS), ligature, filler)
    texts = st.lists(st.tuples(piece, st.sampled_from([" ", "  ", "\n", "، ", ". ", " ـ "])), min_size=1,
                     max_size=30).map(lambda ps: "".join(w + sep for w, sep in ps).strip())

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(texts, st.sampled_from(_QUERIES), st.sampled_from([20, 80]))
    def check(text, query, width):
        q = parse_query(query)
        s = snippet(text, q, width)
        assert s == _old_snippet(text, q, width)
        assert highlights(s, query) == _highlights_by_folding(s, query)

    check()
