"""Quoted names are not speech; a participle's speaker is its own sentence's subject (sentences written for
these tests)."""
from __future__ import annotations

from marsad import analyze


def _quotes(text: str) -> list[tuple[str, str | None]]:
    doc = analyze(text, published="2024-05-08")
    return [(q.text, doc.entity(q.speaker).name if q.speaker else None) for q in doc.quotes]


def test_a_name_in_quotation_marks_is_not_a_quote_and_does_not_take_the_cue():
    got = _quotes('وأعلن الوزير سالم العمري أن الحكومة ستفاوض "حزب الله" على الحدود، وقال: "لن نقبل بأي شروط مسبقة".')
    assert got == [("لن نقبل بأي شروط مسبقة", "سالم العمري")]


def test_a_participle_speaks_for_the_subject_of_its_own_sentence():
    got = _quotes('وقال الوزير سالم العمري إن الحوار مستمر. في المقابل، رفض النائب خالد الحسن هذه التصريحات، '
                  'معتبرا أنها "محاولة للتهرب من المسؤولية".')
    assert got == [("محاولة للتهرب من المسؤولية", "خالد الحسن")]


def test_a_denial_with_an_object_pronoun_is_a_reporting_verb():
    got = _quotes('وأعلنت الحركة سيطرتها على المعبر، وهو ما نفاه المتحدث باسم الجيش العميد نبيل حمدان، مؤكدا أن '
                  '"القوات صدت الهجوم بالكامل".')
    assert got == [("القوات صدت الهجوم بالكامل", "نبيل حمدان")]


def test_the_reporting_verb_governs_a_statement_noun_past_a_long_title():
    got = _quotes('وقال وزير الخارجية الأردني أيمن الصفدي، في تصريح خاص لقناة محلية مساء أمس، إن «الحل السياسي '
                  'هو الطريق الوحيد».')
    assert got == [("الحل السياسي هو الطريق الوحيد", "أيمن الصفدي")]


def test_his_saying_after_an_relayed_name_is_that_persons():
    got = _quotes('ونقلت صحف بريطانية عن المدرب مانويل بيريز قوله: «سنقاتل حتى آخر مباراة في الموسم».')
    assert got == [("سنقاتل حتى آخر مباراة في الموسم", "مانويل بيريز")]
