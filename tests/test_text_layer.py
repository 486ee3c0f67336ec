"""The Arabic text layer: folding with offset maps, sentences, tokens and clitics."""
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic.clitics import proclitic_splits
from marsad.arabic.normalize import clean, fold, fold_str
from marsad.arabic.tokenize import tokenize

ARABIC_ISH = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩۰۴ .،؛؟!\"«»\n\u200f\u200bﻻﷲabc123")),
    max_size=200,
)


def test_fold_removes_diacritics_tatweel_and_folds_letters():
    assert fold_str("أَحْمَدُ") == "احمد"
    assert fold_str("إيـــران") == "ايران"
    assert fold_str("مصطفى") == "مصطفي"
    assert fold_str("الحكومة") == "الحكومه"
    assert fold_str("مسؤول") == "مسوول"


def test_fold_turns_arabic_indic_and_persian_digits_into_ascii():
    assert fold_str("٢٠٢١ و ۲۰۲۱") == "2021 و 2021"
    assert fold_str("٣٫٥") == "3.5"


def test_fold_expands_presentation_forms_and_maps_back():
    text = "ﻻ بد"
    n = fold(text)
    assert n.text == "لا بد"
    assert n.to_orig(0, 2) == (0, 1)


def test_clean_keeps_hamza_forms_distinct():
    assert clean("أحمد").text == "أحمد"


def test_bidi_and_zero_width_marks_are_removed_with_offsets_kept():
    text = "\u200fقال\u200b الوزير"
    n = fold(text)
    assert n.text == "قال الوزير"
    a, b = n.to_orig(4, 10)
    assert text[a:b] == "الوزير"


@given(ARABIC_ISH)
@settings(max_examples=300, deadline=None)
def test_fold_is_idempotent(text):
    once = fold(text).text
    assert fold(once).text == once


@given(ARABIC_ISH)
@settings(max_examples=300, deadline=None)
def test_every_token_and_sentence_points_at_its_original_text(text):
    n = fold(text)
    sentences, tokens = tokenize(text, n)
    for t in tokens:
        assert text[t.start:t.end] == t.text
        assert fold(t.text).text == t.norm
    for s in sentences:
        assert 0 <= s.start < s.end <= len(text)


def test_sentences_split_on_arabic_punctuation_and_line_breaks():
    text = "وصل الوفد. هل انتهى الاجتماع؟ نعم؛ انتهى\nسطر جديد"
    sentences, _ = tokenize(text, fold(text))
    assert [text[s.start:s.end] for s in sentences] == ["وصل الوفد.", "هل انتهى الاجتماع؟", "نعم؛", "انتهى", "سطر جديد"]


def test_sentences_do_not_split_decimals_or_abbreviations():
    text = "ارتفع النمو 3.5 في المئة. وقال د. أحمد إن الرقم جيد."
    sentences, _ = tokenize(text, fold(text))
    assert len(sentences) == 2


def test_closing_quote_stays_with_its_sentence():
    text = 'قال الوزير "انتهى الأمر." ثم غادر.'
    sentences, _ = tokenize(text, fold(text))
    assert text[sentences[0].start:sentences[0].end] == 'قال الوزير "انتهى الأمر."'


def test_proclitics_are_separated_so_lexicon_entries_match():
    stems = lambda w: {s for _, s in proclitic_splits(fold_str(w))}
    assert "العراق" in stems("وبالعراق")
    assert "العراق" in stems("للعراق")
    assert "الاتحاد" in stems("والاتحاد")
    assert "بروكسل" in stems("وبروكسل")


def test_presentation_forms_without_decomposition_are_kept():
    text = "﴿ قال ﴾ ﷽"
    n = fold(text)
    assert "قال" in n.text


def _fold_char_by_char(text: str) -> tuple[str, tuple[int, ...]]:
    """The reference: expand each presentation form alone, then drop marks and fold, mapping every output
    character back to the character it came from."""
    import unicodedata

    from marsad.arabic.normalize import FOLD_TABLE, PRESENTATION, _REMOVE

    out, index = [], []
    for i, ch in enumerate(text):
        for c in (unicodedata.normalize("NFKC", ch) if PRESENTATION.match(ch) else ch):
            if not _REMOVE.match(c):
                out.append(c.translate(FOLD_TABLE))
                index.append(i)
    return "".join(out), tuple(index)


@given(ARABIC_ISH)
@settings(max_examples=300, deadline=None)
def test_fold_of_text_with_presentation_forms_maps_every_character_like_the_character_by_character_reference(text):
    n = fold("ﻻ" + text)
    ref_text, ref_index = _fold_char_by_char("ﻻ" + text)
    assert n.text == ref_text
    assert tuple(n.orig_offset(i) for i in range(len(n.text))) == ref_index


@given(ARABIC_ISH)
@settings(max_examples=300, deadline=None)
def test_fold_str_is_the_text_of_fold(text):
    assert fold_str(text) == fold(text).text
