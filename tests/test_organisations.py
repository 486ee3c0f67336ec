"""Clubs, media, companies and parties (organisations.tsv): the file's integrity and how the linker uses it.

Sentences are written for these tests."""
from __future__ import annotations

from importlib import resources

import pytest

from marsad.arabic.lexicon import read_tsv
from marsad.arabic.normalize import fold_str
from marsad.geo import Gazetteer, key
from marsad.pipeline import Pipeline
from marsad.stages.dateline import dateline
from marsad.stages.entities import entities
from marsad.stages.segment import segment

KINDS = {"club", "media", "company", "party", "movement", "university", "other"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def run():
    p = Pipeline([segment, dateline, entities])
    return lambda text: p.analyze(text)


def linked(doc, name_en):
    return [e for e in doc.entities if e.name_en == name_en]


# ---------------------------------------------------------------- the data file
def test_organisations_file_has_the_igo_columns_and_every_row_is_complete():
    def lines(name):
        return resources.files("marsad.arabic").joinpath("data", name).read_text(encoding="utf-8").splitlines()

    header, *rows = lines("organisations.tsv")
    assert header == lines("igos.tsv")[0]
    for n, line in enumerate(rows, 2):
        cols = line.split("\t")
        assert len(cols) == 10, f"organisations.tsv:{n}"
        assert cols[1] == "ORG" and cols[2] in KINDS, f"organisations.tsv:{n}"
        assert all(cols[i].strip() for i in (0, 3, 4, 5, 6)), f"organisations.tsv:{n}"


def test_organisations_are_many_and_cover_every_kind(gaz):
    orgs = gaz.organisations()
    assert len(orgs) >= 400
    assert {o.kind for o in orgs} == KINDS


def test_organisation_ids_are_unique_upper_case_and_never_an_igo_id(gaz):
    ids = [row[0] for row in read_tsv("organisations.tsv")]
    assert len(ids) == len(set(ids))
    assert all(i == i.upper() and " " not in i for i in ids)
    assert not set(ids) & {g.id for g in gaz.igos()}


def test_organisation_countries_are_iso3_codes_of_the_countries_table(gaz):
    for org in gaz.organisations():
        assert gaz.country(org.country) is not None, org.id


def test_no_alias_names_two_organisations_across_both_files(gaz):
    owner: dict[str, str] = {}
    for alias, rec in list(gaz.igo_aliases()) + list(gaz.organisation_aliases()):
        assert owner.setdefault(alias, rec.id) == rec.id, f"{alias}: {owner[alias]} and {rec.id}"


def test_ambiguous_aliases_are_names_of_their_own_organisation(gaz):
    for org in gaz.organisations():
        names = {key(fold_str(a)) for a in (org.name_ar,) + org.aliases}
        for a in org.ambiguous:
            assert key(fold_str(a)) in names, (org.id, a)


def test_aliases_that_are_places_nationalities_or_first_names_are_flagged_ambiguous(gaz):
    # Such an alias alone must not become the organisation everywhere (ليفربول the city, إلبيت = البيت).
    places = {k for k, _ in gaz.names(transnational=True)}
    first_names = {fold_str(r[0]) for r in read_tsv("names_en.tsv") if len(r) > 2 and r[2] == "first"}
    for org in gaz.organisations():
        flagged = {key(fold_str(a)) for a in org.ambiguous}
        for alias in {key(fold_str(a)) for a in (org.name_ar,) + org.aliases} - flagged:
            assert alias not in places, (org.id, alias, "place")
            assert gaz.nationality_info(alias) is None, (org.id, alias, "nationality")
            assert alias not in first_names, (org.id, alias, "first name")


def test_igos_stay_apart_from_other_organisations(gaz):
    assert gaz.igo("HILAL_FC") is None and gaz.organisation("NATO") is None
    hilal = gaz.organisation("HILAL_FC")
    assert (hilal.name_en, hilal.country, hilal.kind) == ("Al-Hilal", "SAU", "club")
    assert "الهلال" in hilal.ambiguous


def test_ner_lexicon_marks_organisations_as_their_own_class():
    from marsad.models.ner.lexicons import build_lexicon

    lex = build_lexicon()
    assert lex[fold_str("ريال مدريد")] == "org"
    assert lex[fold_str("الأمم المتحدة")] == "igo"


# ---------------------------------------------------------------- linking
def test_club_named_with_its_country_links_and_its_bare_name_joins_later(run):
    doc = run("فاز الهلال السعودي على ضيفه بثلاثة أهداف، وقال مدرب الهلال إن فريقه استحق الفوز.")
    [hilal] = linked(doc, "Al-Hilal")
    assert (hilal.type, hilal.country, hilal.kind) == ("ORG", "SAU", "club")
    assert [fold_str(m.text) for m in hilal.mentions] == [fold_str("الهلال السعودي"), fold_str("الهلال")]


def test_channel_links_with_its_country_and_short_name(run):
    doc = run("ذكرت قناة الجزيرة أن الوفد وصل إلى الدوحة، وأضافت الجزيرة أن المحادثات تستمر يومين.")
    [jazeera] = linked(doc, "Al Jazeera")
    assert (jazeera.country, jazeera.kind) == ("QAT", "media")
    assert len(jazeera.mentions) == 2


def test_company_spelling_variant_links_to_the_company(run):
    doc = run("خفضت فولكس فاجن توقعاتها للمبيعات، بينما رفعت أرامكو إنتاجها من النفط.")
    [vw] = linked(doc, "Volkswagen")
    assert (vw.country, vw.kind, vw.mentions[0].text) == ("DEU", "company", "فولكس فاجن")
    assert linked(doc, "Saudi Aramco")[0].country == "SAU"


def test_party_links_through_a_proclitic(run):
    doc = run("التقى رئيس الوزراء بممثلين عن حزب الوفد ولحركة النهضة التونسية.")
    [wafd] = linked(doc, "Wafd Party")
    assert (wafd.country, wafd.kind) == ("EGY", "party")
    [nahda] = linked(doc, "Ennahda")
    assert nahda.country == "TUN" and nahda.mentions[0].text.startswith("حركة")


def test_ambiguous_club_names_stay_common_words_when_nothing_supports_them(run):
    doc = run("حقق الجيش النصر في المعركة، وأعلن الاتحاد العمالي الإضراب، واتجه القارب نحو الجزيرة.")
    for name_en in ("Al-Nassr", "Al-Ittihad (Jeddah)", "Al Jazeera"):
        assert not linked(doc, name_en), name_en


def test_a_club_alias_does_not_capture_a_longer_igo_name(run):
    doc = run("تبرع نادي الهلال بمبلغ كبير لجمعية الهلال الأحمر.")
    assert linked(doc, "Al-Hilal")[0].mentions[0].text == "نادي الهلال"
    red_crescent = [e for e in doc.entities if any("الأحمر" in m.text for m in e.mentions)]
    assert len(red_crescent) == 1 and red_crescent[0].name_en != "Al-Hilal"
