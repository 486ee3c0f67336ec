"""The times stage: finding time expressions and resolving them against the publication date.

Every Arabic sentence here was written for these tests.
"""
from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic import calendars as cal
from marsad.arabic.normalize import fold_str
from marsad.arabic.time_lexicon import time_lexicon
from marsad.pipeline import Pipeline
from marsad.stages.segment import segment
from marsad.stages.times import times
from conftest import SHARED, needs_shared

PIPE = Pipeline([segment, times])
PUB = "2021-03-03"  # a Wednesday


def found(text: str, published: str | None = PUB) -> list[tuple[str, str | None, str | None]]:
    doc = PIPE.analyze(text, published=published)
    for t in doc.times:
        assert doc.text[t.start:t.end] == t.text
    return [(t.text, t.value, t.kind) for t in doc.times]


def one(text: str, published: str | None = PUB) -> tuple[str, str | None, str | None]:
    got = found(text, published)
    assert len(got) == 1, got
    return got[0]


# ---- weekdays and relative days ---------------------------------------------------------------------

def test_times_weeks_resolve_to_the_monday_that_starts_them():
    # published on Wednesday 3 March 2021: this week began on Monday 1 March
    assert one("وزار الوفد المدينة الأسبوع الماضي") == ("الأسبوع الماضي", "2021-02-22", "week")
    assert one("وتبدأ المفاوضات الأسبوع المقبل في جنيف") == ("الأسبوع المقبل", "2021-03-08", "week")
    assert one("ويصل المبعوث خلال هذا الأسبوع") == ("هذا الأسبوع", "2021-03-01", "week")
    assert one("وارتفعت الأسعار في الأسبوع الجاري") == ("الأسبوع الجاري", "2021-03-01", "week")
    assert found("وقال إن الأسبوع كان صعبا") == []  # the week alone is no date


def test_times_resolves_weekday_against_published_date():
    assert one("التقى الوزير نظيره الأربعاء في الرياض") == ("الأربعاء", "2021-03-03", "weekday")
    assert one("وكان الوفد قد وصل يوم الاثنين إلى عمّان") == ("يوم الاثنين", "2021-03-01", "weekday")
    assert one("وعقد المجلس جلسته الخميس") == ("الخميس", "2021-02-25", "weekday")


def test_times_a_day_named_after_today_or_yesterday_moves_the_story_to_the_day_it_was_written():
    # a paper dated Thursday 4 March that says "today, Wednesday": the story was written on the Wednesday, so
    # its yesterday is Tuesday and its tomorrow Thursday
    assert found("يفتتح الوزير اليوم الأربعاء المعرض الذي وصلت أجنحته أمس، ويزوره الجمهور غدا", "2021-03-04") == [
        ("اليوم الأربعاء", "2021-03-03", "relative"), ("أمس", "2021-03-02", "relative"),
        ("غدا", "2021-03-04", "relative")]
    assert one("وكان الوفد قد وصل أمس (الاثنين) إلى الدوحة", "2021-03-03") == (
        "أمس (الاثنين)", "2021-03-01", "relative")
    assert one("تغادر البعثة يوم غد -السبت- إلى جدة") == ("يوم غد -السبت-", "2021-03-06", "relative")
    # when the day agrees with the date, nothing moves
    assert found("ويبدأ اليوم الأربعاء التسجيل الذي ينتهي غدا") == [
        ("اليوم الأربعاء", "2021-03-03", "relative"), ("غدا", "2021-03-04", "relative")]


def test_times_reads_weekday_with_future_verb_or_next_as_upcoming():
    assert one("سيزور الرئيس القاهرة الخميس") == ("الخميس", "2021-03-04", "weekday")
    assert one("وسوف تعقد اللجنة اجتماعها السبت") == ("السبت", "2021-03-06", "weekday")
    assert one("يلتقي الوزيران الأربعاء المقبل") == ("الأربعاء المقبل", "2021-03-10", "weekday")
    assert one("وأعلن الأربعاء الماضي عن خطته") == ("الأربعاء الماضي", "2021-02-24", "weekday")


def test_times_shares_one_modifier_between_coordinated_weekdays():
    assert found("تجرى المقابلات يومي الأحد والاثنين المقبلين") == [
        ("يومي الأحد", "2021-03-07", "weekday"), ("الاثنين المقبلين", "2021-03-08", "weekday")]


def test_times_resolves_relative_days_and_day_parts():
    assert one("وصل الوفد مساء أمس إلى بغداد") == ("مساء أمس", "2021-03-02", "relative")
    assert one("غادر الوزير أمس الأول") == ("أمس الأول", "2021-03-01", "relative")
    assert one("وقعت الحادثة أول من أمس") == ("أول من أمس", "2021-03-01", "relative")
    assert one("تبدأ القمة اليوم في الدوحة") == ("اليوم", "2021-03-03", "relative")
    assert one("وتفتح المدارس أبوابها غداً") == ("غداً", "2021-03-04", "relative")
    assert one("وتعلن النتائج بعد غد") == ("بعد غد", "2021-03-05", "relative")
    assert one("هطلت الأمطار فجر اليوم الأربعاء") == ("فجر اليوم الأربعاء", "2021-03-03", "relative")
    assert one("وقال مصدر ظهر الاثنين إن") == ("ظهر الاثنين", "2021-03-01", "weekday")


def test_times_sees_through_clitics():
    assert one("وأمس قال الناطق إن") == ("أمس", "2021-03-02", "relative")
    assert one("وقد صرح بالأمس بأن الأمر انتهى") == ("الأمس", "2021-03-02", "relative")
    assert one("والاربعاء وصلت الطائرة") == ("الاربعاء", "2021-03-03", "weekday")
    assert one("في يوم الاثنين وصلت الطائرة") == ("يوم الاثنين", "2021-03-01", "weekday")


def test_times_ignores_time_words_inside_other_words():
    assert found("لامس اللاعب الكرة بيده في الخامس والأمسية كانت جميلة") == []
    assert found("الانتخابات المبكرة المقبلة ستكون حاسمة") == []


def test_times_rejects_words_that_only_look_like_times():
    assert found("أدى المصلون صلاة الجمعة في المسجد الكبير") == []
    assert found("الخلاف بين الاثنين قديم") == []
    assert found("في اليوم التالي عاد الوفد") == []
    assert found("احتفلت البلاد باليوم الوطني") == []
    assert found("ونقلت صحيفة اليوم عن مصدر مطلع") == []
    assert found("يتقاضى العامل مئة ريال في اليوم") == []
    assert found("وقال الأمين العام السابق للحلف إن") == []
    assert found("مارس الجيش ضغوطا على السكان") == []
    assert found("استقبل رجب طيب أردوغان ضيفه") == []
    assert found("خرج المتظاهرون في ذكرى ثورة 25 يناير") == []
    assert found("نحن في أمس الحاجة إلى الدعم") == []


# ---- months -----------------------------------------------------------------------------------------

def test_times_takes_doubled_month_naming_as_one_expression():
    assert one("أعلن الحلف في شباط فبراير الماضي زيادة قواته") == ("شباط فبراير الماضي", "2021-02", "month")
    assert one("وقع الاتفاق في شباط/فبراير 2021") == ("شباط/فبراير 2021", "2021-02", "month")
    assert one("وقع الاتفاق في أيار (مايو) 2019") == ("أيار (مايو) 2019", "2019-05", "month")
    assert one("وقع الاتفاق في (فبراير) 2021") == ("(فبراير) 2021", "2021-02", "month")
    assert one("رحل المدرب في (سبتمبر) أيلول 2007") == ("(سبتمبر) أيلول 2007", "2007-09", "month")
    assert [v for _, v, _ in found("زارها في (مايو) حزيران 2007")] == ["2020-05", "2007-06"]  # two months


def test_times_second_month_of_a_range_follows_the_first():
    # published 2021-03-03: alone, أبريل would be the most recent April (2020-04); after فبراير 2021 it is 2021-04
    assert [v for _, v, _ in found("تهطل الأمطار عادة بين فبراير وأبريل")] == ["2021-02", "2021-04"]
    assert [v for _, v, _ in found("يستمر الموسم من نوفمبر إلى فبراير")] == ["2020-11", "2021-02"]


def test_times_resolves_months_against_published_date():
    assert one("ارتفعت الأسعار في فبراير الماضي") == ("فبراير الماضي", "2021-02", "month")
    assert one("ارتفعت الأسعار في مارس الماضي") == ("مارس الماضي", "2020-03", "month")
    assert one("تبدأ الدراسة في سبتمبر المقبل") == ("سبتمبر المقبل", "2021-09", "month")
    assert one("شهدت الأسواق في يناير تراجعا") == ("يناير", "2021-01", "month")
    assert one("شهدت الأسواق في يونيو تراجعا") == ("يونيو", "2020-06", "month")  # bare, after Mar: last year
    assert one("ستجرى الانتخابات في أكتوبر") == ("أكتوبر", "2021-10", "month")  # a future verb
    assert one("قال الوزير الشهر الماضي إن") == ("الشهر الماضي", "2021-02", "month")
    assert one("يصل الوفد الشهر المقبل") == ("الشهر المقبل", "2021-04", "month")
    assert one("سجلت المبيعات في تشرين الأول 2020 ارتفاعا") == ("تشرين الأول 2020", "2020-10", "month")
    assert one("زار الرئيس الجزائر في جويلية 2019") == ("جويلية 2019", "2019-07", "month")


# ---- full dates and years ----------------------------------------------------------------------------

def test_times_reads_full_dates():
    assert one("وقعت الاتفاقية في 3 مارس 2021 في الرباط") == ("3 مارس 2021", "2021-03-03", "date")
    assert one("وقعت الاتفاقية في الثالث من مارس") == ("الثالث من مارس", "2021-03-03", "date")
    assert one("وقعت الاتفاقية في 3/3/2021 في الرباط") == ("3/3/2021", "2021-03-03", "date")
    assert one("وقعت الاتفاقية في 2021-03-03 في الرباط") == ("2021-03-03", "2021-03-03", "date")
    assert one("يبدأ المعرض في 12 من الشهر الجاري") == ("12 من الشهر الجاري", "2021-03-12", "date")
    assert one("أقيم الحفل في الحادي والعشرين من شهر يناير") == (
        "الحادي والعشرين من شهر يناير", "2021-01-21", "date")


def test_times_joins_a_weekday_to_the_date_that_follows_it():
    assert one("عقد الاجتماع الاثنين 1 مارس 2021 في جنيف") == ("الاثنين 1 مارس 2021", "2021-03-01", "date")


def test_times_reads_years():
    assert found("منذ عام 2015 وحتى العام الماضي") == [("عام 2015", "2015", "year"),
                                                      ("العام الماضي", "2020", "year")]
    assert one("ولد الكاتب سنة 1990 في حلب") == ("سنة 1990", "1990", "year")
    assert one("تنتهي الخطة في العام المقبل") == ("العام المقبل", "2022", "year")
    assert found("بين عامي 2014 و2016") == [("عامي 2014", "2014", "year"), ("2016", "2016", "year")]


# ---- Hijri ------------------------------------------------------------------------------------------

def test_times_converts_hijri_dates_to_gregorian():
    assert one("صدر القرار في 15 رمضان 1442 هـ") == ("15 رمضان 1442 هـ", "2021-04-27", "hijri")
    assert one("بدأ الصيام في رمضان 1442") == ("رمضان 1442", "2021-04-13", "hijri")
    assert one("صدر القرار بتاريخ 1436/10/17 هـ") == ("1436/10/17 هـ", "2015-08-02", "hijri")
    assert one("تأسست الجمعية عام 1433 للهجرة") == ("عام 1433 للهجرة", "2011-11-26", "hijri")
    assert one("بدأ العمل بالنظام عام 1436", published="2015-08-02")[2] == "hijri"  # near the Hijri year now
    assert one("سقطت المدينة عام 1453")[1:] == ("1453", "year")  # far from it: a Gregorian year
    assert one("يصادف ذلك الخامس عشر من ذي الحجة 1441") == ("الخامس عشر من ذي الحجة 1441", "2020-08-05", "hijri")


def test_times_places_a_hijri_month_without_year_by_the_published_date():
    # 2021-03-03 is 19 Rajab 1442: the last Ramadan is 1441's, Shaaban is still to come this year.
    assert one("تبرع بمبلغ في شهر رمضان") == ("شهر رمضان", cal.iso_day(cal.hijri_to_date(1441, 9)), "hijri")
    assert one("تبرع بمبلغ في رمضان المقبل") == ("رمضان المقبل", "2021-04-13", "hijri")
    assert one("تبرع بمبلغ في شهر رمضان", published=None) == ("شهر رمضان", None, "hijri")


# ---- "N days ago" -----------------------------------------------------------------------------------

def test_times_counts_back_from_the_published_date():
    assert one("اختفى الصحفي منذ ثلاثة أيام") == ("منذ ثلاثة أيام", "2021-02-28", "relative")
    assert one("اختفى الصحفي قبل يومين") == ("قبل يومين", "2021-03-01", "relative")
    assert one("اختفى الصحفي قبل أسبوع") == ("قبل أسبوع", "2021-02-24", "relative")
    assert one("غادر البلاد قبل 10 أيام") == ("قبل 10 أيام", "2021-02-21", "relative")
    assert one("يعيش هنا منذ عشرين عاما") == ("منذ عشرين عاما", "2001", "relative")
    assert one("يعيش هنا منذ خمسة وعشرين عاما") == ("منذ خمسة وعشرين عاما", "1996", "relative")
    assert found("عاد قبل يومين من الانتخابات") == []  # relative to another event, not to publication
    assert found("عاد قبل يوم واحد من الانتخابات") == []
    assert found("يعمل هنا منذ أيام") == []  # no number: nothing to compute


# ---- no publication date ------------------------------------------------------------------------------

def test_times_leaves_relative_values_empty_without_published_date():
    text = "وصل مساء أمس ثم التقى الرئيس الأربعاء، وكان قد زاره في فبراير الماضي وفي مارس، ووعد بالعودة العام المقبل"
    got = found(text, published=None)
    assert [t[0] for t in got] == ["مساء أمس", "الأربعاء", "فبراير الماضي", "مارس", "العام المقبل"]
    assert all(v is None for _, v, _ in got)


def test_times_still_resolves_absolute_dates_without_published_date():
    assert one("وقعت الاتفاقية في 3 مارس 2021", published=None) == ("3 مارس 2021", "2021-03-03", "date")
    assert one("تأسست الشركة عام 2015", published=None) == ("عام 2015", "2015", "year")
    assert one("صدر في 15 رمضان 1442 هـ", published=None) == ("15 رمضان 1442 هـ", "2021-04-27", "hijri")


def test_times_keeps_diacritics_and_tatweel_inside_the_span():
    assert one("يصل الوفد غَداً صباحا") == ("غَداً", "2021-03-04", "relative")
    assert one("صدر في رمضـان 1442 هـ") == ("رمضـان 1442 هـ", "2021-04-13", "hijri")


# ---- resolution rules, as functions --------------------------------------------------------------------

def test_resolve_weekday_includes_the_publication_day_in_the_past():
    wed = date(2021, 3, 3)
    assert cal.resolve_weekday(wed, 3) == wed
    assert cal.resolve_weekday(wed, 3, "last") == date(2021, 2, 24)
    assert cal.resolve_weekday(wed, 3, "next") == date(2021, 3, 10)
    assert cal.resolve_weekday(wed, 3, "future") == wed
    assert cal.resolve_weekday(wed, 4, "future") == date(2021, 3, 4)


def test_resolve_day_month_allows_a_week_ahead_then_falls_back_a_year():
    p = date(2021, 3, 3)
    assert cal.resolve_day_month(p, 3, 8) == date(2021, 3, 8)
    assert cal.resolve_day_month(p, 3, 20) == date(2020, 3, 20)
    assert cal.resolve_day_month(date(2020, 12, 30), 1, 3) == date(2021, 1, 3)
    assert cal.resolve_day_month(date(2021, 3, 3), 2, 30) is None


def test_hijri_month_named_with_a_gregorian_year_finds_its_lunar_year():
    assert cal.hijri_year_for_gregorian(2021, 9) == 1442
    assert one("خلال رمضان 2021") == ("رمضان 2021", "2021-04-13", "hijri")


# ---- the word tables ------------------------------------------------------------------------------------

def test_month_table_covers_cldr_month_and_day_names():
    babel_dates = pytest.importorskip("babel.dates")
    lex = time_lexicon()
    for loc in ("ar", "ar_IQ", "ar_LB", "ar_DZ", "ar_TN", "ar_MA"):
        for number, name in babel_dates.get_month_names("wide", locale=loc).items():
            assert lex.months[fold_str(name)].month == number, (loc, name)
    for name in babel_dates.get_day_names("wide", locale="ar").values():
        assert fold_str(name) in lex.weekdays, name


# ---- invariants -----------------------------------------------------------------------------------------

_WORDS = ["الأربعاء", "يوم", "مساء", "أمس", "وأمس", "بالأمس", "غداً", "فبراير", "شباط", "/", "(", ")", "الماضي",
          "المقبل", "3", "2021", "عام", "منذ", "ثلاثة", "أيام", "رمضان", "1442", "هـ", "الثالث", "من", "مارس",
          "قال", "الوزير", "ذَهَبَ", "اليوم", "الشهر", "3/3/2021", "ـ", "\u200f", "ﻻ", "١٥", "،", "\n", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25), st.lists(st.sampled_from([" ", "", "  ", "\u064e"]),
                                                                  min_size=25, max_size=25),
       st.sampled_from([PUB, None, "1990-01-01"]))
def test_every_time_span_points_into_the_original_text(words, seps, published):
    text = "".join(w + s for w, s in zip(words, seps))
    doc = PIPE.analyze(text, published=published)
    ids = [t.id for t in doc.times]
    assert ids == [f"T{i + 1}" for i in range(len(ids))]
    for t in doc.times:
        assert doc.text[t.start:t.end] == t.text and t.text
    for a, b in itertools.pairwise(doc.times):
        assert a.end <= b.start


# ---- real text from ../shared ---------------------------------------------------------------------------

def test_times_on_seed_article_finds_the_three_time_expressions(seed_text):
    got = [(t.text, t.value) for t in PIPE.analyze(seed_text, published="2021-03-03").times]
    assert got == [("الاربعاء", "2021-03-03"), ("مساء امس", "2021-03-02"), ("شباط فبراير الماضي", "2021-02")]


@needs_shared
def test_times_runs_without_errors_on_saudi_news():
    path = SHARED / "data" / "saudinewsnet" / "articles" / "2015-08-02.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:300]]
    items = ({"id": r["id"], "text": r["content"], "published": r["date_extracted"][:10]} for r in records)
    for doc in PIPE.analyze_many(items):
        assert not [p for p in doc.problems if p.stage == "times"], doc.id
        for t in doc.times:
            assert doc.text[t.start:t.end] == t.text


def test_times_uses_the_weekday_to_pick_the_year_of_a_date_without_one():
    # 2021-03-03: "3 April" alone would be last year's; the weekday says which year is meant.
    assert one("وصل الوفد الأحد 5 أبريل إلى الرباط")[1] == "2020-04-05"
    assert one("يبدأ المؤتمر الخميس 4 مارس")[1] == "2021-03-04"


def test_times_upcoming_meeting_puts_a_bare_month_ahead_but_arriving_from_does_not():
    assert one("ويقوض ذلك احتمال رفع الفائدة في اجتماعه القادم في أيلول", published="2015-08-04")[1] == "2015-09"
    assert one("وكان الاجتماع في أيلول حاسما", published="2015-08-04")[1] == "2014-09"
    assert one("ووصل الوفد القادم من الرياض يوم الخميس", published="2015-08-04")[1] == "2015-07-30"


def test_times_weekday_after_the_coming_one():
    # published on a Wednesday (2021-03-03): the coming Wednesday is the 10th, the one after it the 17th
    assert one("ينطلق المهرجان الأربعاء بعد القادم") == ("الأربعاء بعد القادم", "2021-03-17", "weekday")


def test_times_month_in_a_sentence_about_this_year_is_this_years():
    # published in March 2021: alone, سبتمبر would be the last September (2020-09)
    assert [v for _, v, _ in found("يتوقع المحللون رفع الفائدة هذا العام وربما اعتبارا من سبتمبر")] == ["2021", "2021-09"]
    assert [v for _, v, _ in found("انتهت الحرب عام 2011 ثم وقعت الهدنة في سبتمبر")] == ["2011", "2020-09"]
