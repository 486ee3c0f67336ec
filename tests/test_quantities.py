"""Quantities: number words, digits, units, ranges, percentages, money, multipliers, and what is not a quantity.

Every sentence here was written for these tests.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic.numerals import parse_arabic_number, parse_digits
from marsad.pipeline import Pipeline
from marsad.stages.quantities import quantities
from marsad.stages.segment import segment

from conftest import SHARED, needs_shared

PIPE = Pipeline([segment, quantities])


def quants(text: str):
    doc = PIPE.analyze(text)
    for q in doc.quantities:
        assert doc.text[q.start:q.end] == q.text
    return doc.quantities


def only(text: str):
    qs = quants(text)
    assert len(qs) == 1, qs
    return qs[0]


# ---- numerals ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("words, value", [
    ("ثلاثة", 3), ("ثلاث", 3), ("ثلاثه", 3), ("عشرون", 20), ("عشرين", 20),
    ("مئة", 100), ("مائة", 100), ("مائه", 100), ("الف", 1000), ("ألفين", 2000), ("ألفان", 2000),
    ("مليونان", 2_000_000), ("ثلاثة وعشرون", 23), ("خمسة وأربعين", 45), ("أربعة آلاف", 4000),
    ("أربعة الاف", 4000), ("مليون ونصف", 1_500_000), ("ثلاثة ملايين", 3_000_000), ("2.5 مليون", 2_500_000),
    ("15 ألف", 15_000), ("15 ألفا", 15_000), ("أحد عشر", 11), ("اثنا عشر", 12), ("إحدى عشرة", 11),
    ("ثلاث مئة", 300), ("ثلاثمائة", 300), ("مئة وخمسة وعشرون", 125), ("ألف وتسعمائة", 1900),
    ("ألفين وخمسمائة", 2500), ("نصف مليون", 500_000), ("ربع مليار", 250_000_000),
    ("ثلاثة ملايين وخمسمائة ألف", 3_500_000), ("3 آلاف و500", 3500), ("بثمانية", 8), ("وأربعة", 4),
    ("مليار", 1_000_000_000), ("مليارين", 2_000_000_000), ("أحد عشر ألفا", 11_000), ("مئتي ألف", 200_000),
    ("مليون و200 ألف", 1_200_000), ("مليار و750 مليون", 1_750_000_000), ("ألف مليون", 1_000_000_000),
    ("20 ألفاً", 20_000), ("تسعة وتسعون", 99),
])
def test_numerals_read_number_words_in_every_common_spelling(words, value):
    assert parse_arabic_number(words) == value


@pytest.mark.parametrize("words", ["نصف", "واحد", "عشرات", "الكتاب", "ثلاثة رجال"])
def test_numerals_refuse_what_is_not_exactly_one_number(words):
    assert parse_arabic_number(words) is None


@pytest.mark.parametrize("digits, value", [
    ("1,200", 1200), ("3.5", 3.5), ("1,200.5", 1200.5), ("1.200.000", 1_200_000), ("1,5", 1.5), ("42", 42),
])
def test_numerals_read_digit_separators(digits, value):
    assert parse_digits(digits) == value


def test_numerals_reject_digit_shapes_that_are_not_one_number():
    assert parse_digits("10.5.2021") is None
    assert parse_digits("1,20,3") is None


# ---- the constructs ------------------------------------------------------------------------------------------

def test_quantities_reads_multiplier_with_preposition_and_leaves_clitic_out_of_span():
    q = only("ضاعفت الشركة إنتاجها بثمانية أضعاف خلال عامين.")
    assert (q.text, q.value, q.unit, q.kind) == ("ثمانية أضعاف", 8, "ضعف", "multiplier")


def test_quantities_reads_dual_multiplier():
    q = only("ارتفع سعر الخبز ضعفين في المدينة.")
    assert (q.value, q.unit, q.kind) == (2, "ضعف", "multiplier")


def test_quantities_reads_range_with_words_and_counted_noun():
    q = only("تقرر رفع عدد المراقبين من 300 حتى خمسة آلاف فرد في السنة المقبلة.")
    assert (q.text, q.low, q.high, q.value, q.unit, q.kind) == (
        "من 300 حتى خمسة آلاف فرد", 300, 5000, None, "فرد", "range")


@pytest.mark.parametrize("text, low, high, unit", [
    ("سيصل عدد الزوار من 500 إلى 4000 زائر يوميا.", 500, 4000, "زائر"),
    ("تجمع بين 10 و20 شخصا أمام المبنى.", 10, 20, "شخص"),
    ("يقدر عدد السكان ما بين ثلاثة وخمسة ملايين نسمة.", 3_000_000, 5_000_000, "نسمة"),
    ("ترتفع الضريبة من 13% إلى 23% على السلع.", 13, 23, "%"),
])
def test_quantities_reads_ranges(text, low, high, unit):
    q = only(text)
    assert (q.low, q.high, q.unit, q.kind) == (low, high, unit, "range")


def test_quantities_reads_dash_ranges_only_when_a_unit_follows():
    q = only("تجمع 20-30 شخصا في الساحة.")
    assert (q.text, q.low, q.high, q.unit, q.kind) == ("20-30 شخصا", 20, 30, "شخص", "range")


def test_quantities_reads_ila_ranges_without_min_with_one_magnitude_for_both_ends():
    q = only("وخرج 70 إلى 80 في المئة من المراكز الصحية عن الخدمة.")
    assert (q.text, q.low, q.high, q.unit, q.kind) == ("70 إلى 80 في المئة", 70, 80, "%", "range")
    q = only("وزادت الأرباح بنحو 2.1 إلى 2.6 مليار دولار هذا العام.")
    assert (q.low, q.high, q.unit) == (2_100_000_000, 2_600_000_000, "دولار")
    q = only("وبلغت القيمة 1.5 - 4.5 مليون دولار.")
    assert (q.low, q.high) == (1_500_000, 4_500_000)
    # a year before إلى is when, not the range's start; a number with no unit after the second is no range
    assert all(q.kind != "range" for q in quants("وارتفعت الإيرادات في عام 2015 إلى 136 مليون ريال."))
    assert all(q.kind != "range" for q in quants("ونقل المصابون العشرة إلى 3 مستشفيات ثم 2 إلى البيت."))


def test_quantities_skips_list_numbers_at_line_start():
    assert quants("قرر المجلس ما يلي:\n1 – تعيين مدير جديد.\n2 – نقل الموظفين.") == ()


def test_quantities_range_span_starts_at_ma_bayn():
    q = only("أصيب ما بين 20 و25 شخصا بجروح طفيفة.")
    assert q.text == "ما بين 20 و25 شخصا"


@pytest.mark.parametrize("text, value", [
    ("بلغت نسبة النجاح 50% هذا الموسم.", 50),
    ("بلغت نسبة النجاح ٥٠٪ هذا الموسم.", 50),
    ("بلغت نسبة النجاح خمسون في المئة هذا الموسم.", 50),
    ("انخفض الإنتاج 30 بالمئة في الربع الأخير.", 30),
    ("انخفض الإنتاج 40 بالمائة في الربع الأخير.", 40),
    ("انخفض الإنتاج 12.5 في المائة في الربع الأخير.", 12.5),
])
def test_quantities_reads_percentages(text, value):
    q = only(text)
    assert (q.value, q.unit, q.kind) == (value, "%", "percent")


@pytest.mark.parametrize("text, value, unit", [
    ("خصصت البلدية 2.5 مليون دولار للطرق.", 2_500_000, "دولار"),
    ("بلغت قيمة العقد 15 ألف ريال سعودي فقط.", 15_000, "ريال"),
    ("دفع المسافر $300 رسوما إضافية.", 300, "دولار"),
    ("اشترت الوزارة معدات بقيمة 1,200 يورو.", 1200, "يورو"),
    ("قدر العجز بنحو ٣٫٥ مليار دينار هذا العام.", 3_500_000_000, "دينار"),
    ("ارتفعت الإيرادات إلى مليوني درهم.", 2_000_000, "درهم"),
    ("كلف المشروع ثلاثة ملايين جنيه.", 3_000_000, "جنيه"),
    ("تبلغ الغرامة خمسمائة ليرة.", 500, "ليرة"),
])
def test_quantities_reads_money_with_canonical_currency(text, value, unit):
    q = only(text)
    assert (q.value, q.unit, q.kind) == (value, unit, "money")


@pytest.mark.parametrize("text, value, unit", [
    ("قتل 12 شخصا في الحادث.", 12, "شخص"),
    ("سقط 20 قتيلاً في القصف.", 20, "قتيل"),
    ("أعلنت الشرطة اعتقال سبعة مسلحين.", 7, "مسلح"),
    ("انتشر 12500 جندي في الإقليم.", 12500, "جندي"),
    ("يبعد المطار نحو 60 كيلومترا عن المدينة.", 60, "كيلومتر"),
    ("صدرت الشركة ألف برميل أمس.", 1000, "برميل"),
    ("وصل 15 ألف نازح إلى المخيمات.", 15_000, "نازح"),
    ("استقبل المعرض 40 مستثمرين من الخارج.", 40, "مستثمر"),
])
def test_quantities_takes_counted_noun_singular_as_unit(text, value, unit):
    q = only(text)
    assert (q.value, q.unit, q.kind) == (value, unit, "count")


def test_quantities_takes_nationality_noun_as_unit():
    qs = quants("سافر 700 بريطاني وعاد 9 لبنانيين.")
    assert [(q.value, q.unit) for q in qs] == [(700, "بريطاني"), (9, "لبناني")]


def test_quantities_leaves_unit_empty_after_an_unknown_word():
    q = only("وصل 35 تقريبا إلى الحدود.")
    assert (q.value, q.unit, q.kind) == (35, None, "count")


def test_quantities_gives_unit_from_casualty_cue_when_no_noun_follows():
    qs = quants("أعلنت الوزارة مقتل 9 وإصابة العشرات في الهجوم.")
    assert [(q.value, q.low, q.high, q.unit, q.kind) for q in qs] == [
        (9, None, None, "قتيل", "count"), (None, 20, 90, "مصاب", "approximate")]


@pytest.mark.parametrize("text, low, high", [
    ("شارك عشرات المتطوعين في الحملة.", 20, 90),
    ("نزح مئات المدنيين من القرية.", 200, 900),
    ("تظاهر آلاف الطلاب في الساحة.", 2000, 9000),
    ("فر عشرات الآلاف من السكان.", 20_000, 90_000),
    ("أنفقت الدولة الملايين على الطرق.", 2_000_000, 9_000_000),
])
def test_quantities_reads_vague_amounts_as_approximate_ranges(text, low, high):
    q = only(text)
    assert (q.value, q.low, q.high, q.kind) == (None, low, high, "approximate")


def test_quantities_reads_durations():
    qs = quants("استمر الحصار 48 ساعة ثم عشر سنوات.")
    assert [(q.value, q.unit, q.kind) for q in qs] == [(48, "ساعة", "duration"), (10, "سنة", "duration")]


def test_quantities_reads_words_with_prefix_clitics():
    qs = quants("عاد وأربعة جنود ثم التحق بثمانية متطوعين.")
    assert [(q.text, q.value) for q in qs] == [("أربعة جنود", 4), ("ثمانية متطوعين", 8)]


def test_quantities_keeps_tanween_inside_the_span():
    q = only("سقط 20 قتيلاً في القصف.")
    assert q.text == "20 قتيلاً"


# ---- not quantities -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ولد الشاعر عام 1990 في القرية.",
    "صدر القانون سنة 2021 بعد نقاش.",
    "تأسست الجمعية في 2015 بمبادرة أهلية.",
    "بني المسجد في 1890م على يد التجار.",
    "وقع الاتفاق في 3/3/2021 في العاصمة.",
    "يبدأ المهرجان في 12 مارس المقبل.",
    "عقد الاجتماع في 5 شباط الماضي.",
    "انطلقت الحملة في 14 جويلية بالعاصمة.",
    "يحل العيد في 10 ذو الحجة.",
    "جاء في المركز الثالث عشر بين المتسابقين.",
    "حل الفريق في المرتبة الحادية عشرة.",
    "بدأت الجلسة الساعة 10 بحضور الأعضاء.",
    "بدأت الجلسة في 10:30 بحضور الأعضاء.",
    "يبدأ الدوام 8 صباحا كل يوم.",
    "للاستفسار اتصلوا على 0551234567 مباشرة.",
    "للاستفسار اتصلوا على 055 123 4567 مباشرة.",
    "حلقت طائرات F16 فوق المدينة.",
    "انتشر فيروس كوفيد-19 في البلاد.",
    "قال أحد المسؤولين إن واحدا من الحراس غاب.",
    "نصت المادة 140 على ذلك، وأشار القرار 2254 إلى الحل.",
    "بلغت الفرق نصف النهائي في البطولة.",
    "لا يوجد عدد كاف وبعض الناس وأي شخص وكل فرد يعرف ذلك.",
    "ارتفعت كمية الأمطار هذا الشتاء.",
    "زار الوفد الفرقة الرابعة والثالثة في الجبهة.",
    "تأجل الامتحان من 2014 إلى 2016 مرتين.",
    "اطلع على الرابط example.com/page%20one لمعرفة التفاصيل.",
    "صدر القرار بتاريخ 5 / 3 / 1427 هـ في الرياض.",
    "فاز الفريق 2-1 على ضيفه.",
    "عاش الفيلسوف (870 – 950م) في بغداد.",
    "حلقت الطائرة بوينغ «777» فوق البحر.",
])
def test_quantities_ignores_years_dates_times_ordinals_ids_and_labels(text):
    assert quants(text) == ()


def test_quantities_finds_nothing_in_empty_text():
    assert quants("") == ()


# ---- invariants -----------------------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآؤئ") + list("0123456789٠١٢٣٤٥٦٧٨٩") + list(" ,.،/:%٪$-«»()\n")
    + ["\u064b", "\u064e", "\u0640", "\u200f", "ﻻ"]
    + [" ثلاثة ", " آلاف ", " مليون ", " من ", " حتى ", " بين ", " و", " في المئة ", " دولار ", " عشرات ",
       " أضعاف ", " ونصف ", " عام ", " مارس ", " شخصا "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_quantities_spans_always_point_into_the_original_text(text):
    doc = PIPE.analyze(text)
    for q in doc.quantities:
        assert 0 <= q.start < q.end <= len(text)
        assert doc.text[q.start:q.end] == q.text
        assert q.value is not None or (q.low is not None and q.high is not None)


@settings(max_examples=100, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_quantities_is_stable_when_run_again_and_when_text_is_reanalysed(text):
    doc = PIPE.analyze(text)
    again = quantities(doc)
    assert again.quantities == doc.quantities
    assert PIPE.analyze(text).quantities == doc.quantities


def test_quantities_survive_the_json_contract():
    doc = PIPE.analyze("قتل 12 شخصا وارتفعت الأسعار من 5 إلى 9 دولارات.")
    from marsad.document import from_dict
    back = from_dict(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)))
    assert back.quantities == doc.quantities


# ---- shared data -----------------------------------------------------------------------------------------------

def test_quantities_on_seed_article_finds_the_multiplier_and_the_range_only(seed_text):
    qs = quants(seed_text)
    got = [(q.value, q.low, q.high, q.unit, q.kind) for q in qs]
    assert got == [(8, None, None, "ضعف", "multiplier"), (None, 500, 4000, "فرد", "range")]
    assert qs[0].text.endswith("ثمانية أضعاف")
    assert qs[1].text.startswith("من 500") and qs[1].text.endswith("فرد")


@needs_shared
def test_quantities_run_without_errors_on_news_articles():
    path = SHARED / "data" / "saudinewsnet" / "articles" / "2015-07-21.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    with path.open(encoding="utf-8") as fh:
        for _, line in zip(range(50), fh):
            doc = PIPE.analyze(json.loads(line)["content"])
            for q in doc.quantities:
                assert doc.text[q.start:q.end] == q.text
                assert q.kind in {"count", "range", "percent", "money", "multiplier", "approximate", "duration"}


def test_quantities_agency_decimal_mark_ra():
    # SPA and KUNA copy writes 6.6 as 6ر6
    text = "وتصدر أذربيجان 6ر6 مليار متر مكعب سنويا، وارتفع المؤشر 12ر5 نقطة."
    got = [(q.text, q.value, q.unit) for q in quants(text)]
    assert got == [("6ر6 مليار متر مكعب", 6_600_000_000, "متر مكعب"), ("12ر5 نقطة", 12.5, "نقطة")]


def test_quantities_number_in_brackets_takes_the_noun_after_them_and_whenever_is_no_unit():
    got = [(q.text, q.value, q.unit) for q in quants("ونقلت الفرق (٣١٢) مصابا إلى المستشفيات، وتكرر ذلك منذ 2012 كلما "
                                                  "اشتد الحر.")]
    assert got[0] == ("(٣١٢) مصابا", 312, "مصاب")
    assert not [g for g in got if g[2] == "كيلومتر"]


def test_quantities_a_dual_noun_of_people_counts_two():
    q = only("أسفر الانفجار عن مقتل جنديين قرب الحاجز.")
    assert (q.text, q.value, q.unit, q.kind) == ("جنديين", 2, "جندي", "count")
    assert [(x.value, x.unit) for x in quants("وأصيب شخصان وامرأتان بجروح.")] == [(2, "شخص"), (2, "امرأة")]
    # a sound plural in -ين is many (المصابين), and a movement named like a dual is a name (طالبان)
    assert quants("ونقل المصابين إلى المستشفى، وقالت طالبان إنها لم تشارك.") == ()


def test_quantities_the_minute_of_a_goal_is_no_count():
    assert quants("وسجل المهاجم هدف التقدم في الدقيقة 12 من المباراة.") == ()
