"""Offices held by women, offices with a complement, ministries and bodies named by what they do, datelines under a
headline (sentences written for these tests)."""
from __future__ import annotations

import pytest

from marsad.arabic.normalize import fold_str
from marsad.pipeline import Pipeline
from marsad.stages.dateline import dateline
from marsad.stages.entities import _feminine_title, entities
from marsad.stages.segment import segment


@pytest.fixture(scope="module")
def run():
    p = Pipeline([segment, dateline, entities])
    return lambda text: p.analyze(text)


def names(doc, typ):
    return [e.name for e in doc.entities if e.type == typ]


def by_name(doc, name):
    for e in doc.entities:
        if fold_str(e.name) == fold_str(name):
            return e
    raise AssertionError(f"{name} not in {[e.name for e in doc.entities]}")


def test_feminine_titles_are_derived_from_the_listed_ones():
    assert _feminine_title("السفير") == "السفيرة"
    assert _feminine_title("الأمين العام") == "الأمينة العامة"
    assert _feminine_title("المتحدث الرسمي باسم") == "المتحدثة الرسمية باسم"
    assert _feminine_title("محافظ") is None  # محافظة is a governorate
    assert _feminine_title("الفريق") is None


def test_a_woman_minister_and_spokeswoman_get_their_roles(run):
    doc = run("قالت الوزيرة الكندية ماري دوبوا إن بلادها تدعم الحل. وقالت المتحدثة باسم الخارجية البريطانية "
              "كاثرين براون إن الوفد وصل.")
    minister = by_name(doc, "ماري دوبوا")
    assert (minister.role, minister.country) == ("وزير", "CAN")
    spokeswoman = by_name(doc, "كاثرين براون")
    assert (spokeswoman.role, spokeswoman.country) == ("المتحدث الرسمي", "GBR")


def test_the_ambassador_posted_to_a_country_after_her_nationality(run):
    doc = run("التقى الوزير أمس السفير الأسترالي لدى الأردن بيتر ماكغريغور في عمان.")
    e = by_name(doc, "بيتر ماكغريغور")
    assert (e.role, e.country) == ("السفير", "AUS")


def test_a_town_after_madina_is_not_a_title(run):
    doc = run("وصلت القافلة إلى مدينة السفيرة جنوب حلب صباح اليوم.")
    assert "السفيرة" in names(doc, "LOC")
    assert "جنوب" not in names(doc, "LOC")  # a direction before a city names no place by itself


def test_the_office_complement_is_not_part_of_the_name(run):
    doc = run("وقال مدير المرصد سامر عبد الكريم إن القصف استمر طوال الليل.")
    e = by_name(doc, "سامر عبد الكريم")
    assert e.role == "المدير"
    assert not any("المرصد" in n for n in names(doc, "PER"))


def test_a_family_name_after_al_ends_a_long_name(run):
    doc = run("استقبلت الأميرة نورة بنت سعد بن فهد بن تركي آل سعود برقية تهنئة من الوفد.")
    assert "نورة بنت سعد بن فهد بن تركي آل سعود" in names(doc, "PER")


def test_a_ministry_without_nationality_takes_the_dateline_country(run):
    doc = run("احتجاجات في المدينة\n\nالرباط (رويترز) - قالت وزارة الداخلية إن الشرطة اعتقلت عشرة أشخاص.")
    assert doc.dateline.place == "الرباط" and doc.dateline.source == "رويترز"
    e = by_name(doc, "وزارة الداخلية")
    assert (e.type, e.country) == ("ORG", "MAR")


def test_a_ministry_named_once_with_its_nationality_is_the_same_later(run):
    doc = run("أعلنت وزارة الصحة الأردنية تسجيل حالات جديدة. وقالت وزارة الصحة إن الوضع مستقر.")
    health = [e for e in doc.entities if e.type == "ORG" and "health" in (e.name_en or "")]
    assert len(health) == 1 and health[0].country == "JOR" and len(health[0].mentions) == 2


def test_bodies_named_by_what_they_do_are_organisations(run):
    doc = run("وأظهرت بيانات الهيئة العامة للأرصاد أن الحرارة ارتفعت. وطالبت الجمعية الوطنية لحماية المستهلك "
              "بخفض الأسعار، فيما اجتمع المجلس الأعلى للتعليم.")
    orgs = names(doc, "ORG")
    assert {"الهيئة العامة للأرصاد", "الجمعية الوطنية لحماية المستهلك", "المجلس الأعلى للتعليم"} <= set(orgs)


def test_a_body_described_by_its_part_is_no_name(run):
    doc = run("وشكرت الجهة المنظمة للحفل الشركة الراعية للمهرجان على دعمها.")
    assert names(doc, "ORG") == []


def test_dateline_with_a_slash_and_with_the_outlet_in_guillemets(run):
    doc = run("الرئيس يستقبل الوفد\nالموصل/ شبكة الأخبار\nاستقبل المحافظ الوفد.")
    assert (doc.dateline.place, doc.dateline.source) == ("الموصل", "شبكة الأخبار")
    doc = run("الرياض: «الشرق الأوسط»\nارتفعت الصادرات في الربع الثالث.")
    assert (doc.dateline.place, doc.dateline.source) == ("الرياض", "الشرق الأوسط")
    assert "الشرق الأوسط" not in names(doc, "LOC")


def test_abd_and_a_divine_name_written_apart_open_a_name_after_a_title(run):
    doc = run("استقبل رئيس الجمهورية عبد الكريم سالم رشيد الوفد. وأكد رشيد أهمية العلاقات.")
    e = by_name(doc, "عبد الكريم سالم رشيد")
    assert e.role == "الرئيس" and len(e.mentions) == 2


def test_the_outlet_after_a_name_is_no_part_of_it(run):
    doc = run("وقال الناطق باسم وزارة الداخلية سمير الحيوني لإذاعة محلية إن الوضع هادئ.")
    assert "سمير الحيوني" in names(doc, "PER")


def test_an_indefinite_nisba_after_a_definite_title_is_a_first_name(run):
    doc = run("وقال الأمير تركي الفيصل إن الحوار ضروري. وقال مدرب الفريق جورجي جيسوس إن اللاعبين تعبوا.")
    turki = by_name(doc, "تركي الفيصل")
    assert (turki.role, turki.country) == ("الأمير", None)  # not a Turkish prince named الفيصل
    assert "جورجي جيسوس" in names(doc, "PER")
    doc = run("وقال مسؤول أمريكي رفيع إن المحادثات مستمرة، وقال الوزير التركي أحمد يلماز إن بلاده تدعمها.")
    assert by_name(doc, "أحمد يلماز").country == "TUR"


def test_a_towns_name_right_after_a_first_name_is_a_family_name(run):
    doc = run("لكن حارس الفريق ياسين بونو تصدى لعدة محاولات خطيرة.")
    assert "بونو" not in names(doc, "LOC")


def test_a_title_reaches_a_tagged_name_whose_first_name_the_tagger_missed(run):
    doc = run("وقالت المتحدثة باسم الخارجية الأمريكية كارين جونسون للصحفيين إن الوساطة مستمرة.")
    e = by_name(doc, "كارين جونسون")
    assert (e.role, e.country) == ("المتحدث الرسمي", "USA")
    doc = run("وقال اللواء متقاعد فهد الشمري إن الخطة نجحت.")
    assert by_name(doc, "فهد الشمري").role == "اللواء"


def test_a_surname_that_starts_with_waw_continues_a_name_and_seats_of_power_are_organisations(run):
    doc = run("وقال المدرب جون ويلسون إن الفريق جاهز. وقالت المتحدثة باسم البيت الأبيض كارين جونسون إن الرئيس "
              "سيزور المنطقة، فيما رفض الكرملين التعليق.")
    assert by_name(doc, "جون ويلسون").role == "المدرب"
    assert by_name(doc, "كارين جونسون").role == "المتحدث الرسمي"
    assert {(e.name, e.country) for e in doc.entities if e.type == "ORG"} >= {("البيت الأبيض", "USA"),
                                                                            ("الكرملين", "RUS")}
