"""Lexicon marks and name-likeness features used by the NER CRF."""
from marsad.arabic.normalize import fold_str
from marsad.models.ner.distrib import distrib_features, likeness
from marsad.models.ner.lexicons import build_lexicon, lexicon_marks


def _lex(entries: dict[str, str]):
    by_first: dict = {}
    for p, c in entries.items():
        toks = tuple(p.split())
        by_first.setdefault(toks[0], []).append((toks, c))
    for v in by_first.values():
        v.sort(key=lambda e: -len(e[0]))
    return by_first


def test_lexicon_marks_take_the_longest_match_and_allow_a_proclitic_on_the_first_word():
    lex = _lex({"الامم": "igo", "الامم المتحده": "igo", "بغداد": "city"})
    words = [fold_str(w) for w in "وصل وفد الأمم المتحدة إلى وبغداد".split()]
    marks = lexicon_marks(lex, words)
    assert marks[2] == ["B-igo"] and marks[3] == ["I-igo"] and marks[5] == ["B-city"]


def test_lexicon_marks_are_none_for_a_sentence_without_lexicon_words():
    assert lexicon_marks(_lex({"بغداد": "city"}), ["ذهب", "الولد"]) is None


def test_build_lexicon_folds_nationality_inflections():
    lex = build_lexicon()
    assert "nat" in lex.get(fold_str("العراقية"), "") and "nat" in lex.get(fold_str("العراقيون"), "")


def test_name_likeness_leaves_out_zero_counts_and_marks_rare_words_unknown():
    assert distrib_features((100, 30, 0, 0, 0, 0, 0)) == ["dper=5"]
    assert distrib_features((2, 1, 0, 0, 0, 0, 0)) == ["d=?"]
    assert likeness((100, 30, 0, 0, 0, 10, 0)) == "per+sur"
