"""End to end on the defining article (../shared/seed), published 2021-03-03."""
from __future__ import annotations

import json
import re

import jsonschema
import pytest

from marsad.arabic.normalize import fold_str
from marsad.document import all_spans
from marsad.pipeline import load_pipeline


@pytest.fixture(scope="module")
def doc(seed_text):
    return load_pipeline().analyze(seed_text, published="2021-03-03", id="elaph-kadhimi-nato")


def entity_named(doc, folded_name):
    for e in doc.entities:
        if fold_str(e.name) == fold_str(folded_name):
            return e
    raise AssertionError(f"no entity named {folded_name}: {[e.name for e in doc.entities]}")


def test_seed_record_validates_against_the_published_schema(doc, schema):
    jsonschema.validate(doc.to_dict(), schema)


def test_seed_every_span_points_at_its_text(doc):
    for kind, a, b, text in all_spans(doc):
        assert doc.text[a:b] == text, kind


def test_seed_persons_have_roles_countries_and_short_mentions_joined(doc):
    kadhimi = entity_named(doc, "مصطفى الكاظمي")
    assert (kadhimi.type, kadhimi.role, kadhimi.country) == ("PER", "رئيس الوزراء", "IRQ")
    assert sum(fold_str(m.text) == "الكاظمي" for m in kadhimi.mentions) >= 4
    stoltenberg = entity_named(doc, "ينس ستولتينبرغ")
    assert stoltenberg.role == "الأمين العام"
    assert any(m.text == "ستولتينبرغ" for m in stoltenberg.mentions)
    araji = entity_named(doc, "قاسم الأعرجي")
    assert araji.country == "IRQ"
    assert any(fold_str(m.text) == "الاعرجي" for m in araji.mentions)
    assert sum(e.type == "PER" for e in doc.entities) == 3


def test_seed_nato_is_one_entity_under_all_its_names(doc):
    nato = [e for e in doc.entities if any(fold_str(m.text) == "الناتو" for m in e.mentions)]
    assert len(nato) == 1
    names = {fold_str(m.text) for m in nato[0].mentions}
    assert {"حلف الاطلسي", "حلف شمال الاطلسي", "الناتو", "الحلف"} <= names
    assert nato[0].type == "ORG" and nato[0].country == "IGO"
    stoltenberg = entity_named(doc, "ينس ستولتينبرغ")
    assert stoltenberg.affiliation == nato[0].id


def test_seed_eu_is_one_entity_under_both_spellings_and_isis_is_found(doc):
    eu = [e for e in doc.entities if any("الاتحاد" in m.text for m in e.mentions)]
    assert len(eu) == 1
    assert {fold_str(m.text) for m in eu[0].mentions} == {"الاتحاد الاوروبي", "الاتحاد الاوربي"}
    assert any("داعش" in e.name for e in doc.entities if e.type == "ORG")


def test_seed_places_are_resolved_with_coordinates(doc):
    for name, iso3 in (("العراق", "IRQ"), ("بروكسل", "BEL"), ("بغداد", "IRQ"), ("لندن", "GBR")):
        e = entity_named(doc, name)
        assert e.type == "LOC" and e.country == iso3
        assert e.lat is not None and e.lon is not None and e.geo_id
    brussels = entity_named(doc, "بروكسل")
    assert abs(brussels.lat - 50.85) < 0.2 and abs(brussels.lon - 4.35) < 0.2


def test_seed_english_names(doc):
    assert entity_named(doc, "مصطفى الكاظمي").name_en
    assert entity_named(doc, "ينس ستولتينبرغ").name_en == "Jens Stoltenberg"
    assert entity_named(doc, "قاسم الأعرجي").name_en
    assert entity_named(doc, "الاتحاد الاوروبي").name_en == "European Union"


def test_seed_dateline(doc):
    assert doc.dateline.source == "إيلاف"
    assert doc.dateline.place == "لندن"


def test_seed_has_exactly_the_five_direct_quotes_with_speakers(doc):
    ents = {e.id: e for e in doc.entities}
    speakers = [fold_str(ents[q.speaker].name) if q.speaker else None for q in doc.quotes]
    assert speakers == [fold_str("ينس ستولتينبرغ")] * 3 + [fold_str("قاسم الأعرجي")] * 2
    # The expected quotes are every multi-word stretch between straight quotation marks in the article, found
    # here with a plain regex independent of the quote stage (no article text is written into the test).
    expected = [m.group(1).strip() for m in re.finditer(r'"([^"]+)"', doc.text) if len(m.group(1).split()) >= 2]
    assert [q.text for q in doc.quotes] == expected
    assert all(q.cue is not None for q in doc.quotes)


def test_seed_quantities_are_the_range_and_the_multiplier_only(doc):
    qs = sorted(doc.quantities, key=lambda q: q.start)
    assert len(qs) == 2
    mult, rng = qs
    assert (mult.value, mult.unit) == (8, "ضعف")
    assert (rng.low, rng.high, rng.unit) == (500, 4000, "فرد")


def test_seed_times_resolve_against_publication_date(doc):
    values = {fold_str(t.text): t.value for t in doc.times}
    assert values.get("الاربعاء") == "2021-03-03"
    assert values.get("مساء امس") == "2021-03-02"
    assert values.get("شباط فبراير الماضي") == "2021-02"
    assert set(values.values()) <= {"2021-03-03", "2021-03-02", "2021-02"}
