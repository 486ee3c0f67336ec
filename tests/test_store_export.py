"""Exports hand the corpus to other tools: marsad/1 JSONL that reads back, CSV, Parquet, GDELT 2.0 TSV."""
from __future__ import annotations

import csv
import io
import json
import re

import pycountry
import pytest
from click.testing import CliRunner

from handmade import HEALTH, kadhimi_doc, plain_doc, span
from marsad.arabic.lexicon import read_tsv
from marsad.document import Document, Entity, Event
from marsad.store import Filters
from marsad.store import export as ex
from store_backends import make_store, store_target  # noqa: F401


def filled(make_store):
    s = make_store()
    s.put(kadhimi_doc())
    s.put(plain_doc("health", HEALTH, source="gamma"))
    return s


def test_export_jsonl_reads_back_as_the_stored_documents(make_store):
    s = filled(make_store)
    buf = io.StringIO()
    assert ex.write_jsonl(s.iter_documents(Filters()), buf) == 2
    docs = [Document.from_dict(json.loads(line)) for line in buf.getvalue().splitlines()]
    assert docs[0].to_dict() == kadhimi_doc().to_dict()
    assert "الكاظمي" in buf.getvalue()  # Arabic is written unescaped


def test_export_csv_tables_have_a_header_and_one_row_per_record(make_store):
    s = filled(make_store)
    buf = io.StringIO()
    ex.write_csv(ex.table_rows(s, "events", Filters()), ex.TABLES["events"], buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 1 and rows[0]["actor"] == "مصطفى الكاظمي" and rows[0]["cameo"] == "010"
    buf = io.StringIO()
    ex.write_csv(ex.table_rows(s, "documents", Filters(source="gamma")), ex.TABLES["documents"], buf)
    assert [r["id"] for r in csv.DictReader(io.StringIO(buf.getvalue()))] == ["health"]


def test_export_parquet_keeps_types_and_rows(make_store, tmp_path):
    import pyarrow.parquet as pq

    s = filled(make_store)
    out = tmp_path / "entities.parquet"
    assert ex.write_parquet(ex.table_rows(s, "entities", Filters()), ex.TABLES["entities"], str(out)) == 2
    t = pq.read_table(out)
    assert t.num_rows == 2 and str(t.schema.field("lat").type) == "double"
    assert set(t.column("name").to_pylist()) == {"مصطفى الكاظمي", "بغداد"}


def test_export_gdelt_rows_have_61_columns_with_codes_and_place(make_store):
    s = filled(make_store)
    buf = io.StringIO()
    assert ex.write_gdelt(s.iter_documents(Filters()), buf) == 1
    (line,) = buf.getvalue().splitlines()
    row = dict(zip(ex.GDELT_COLUMNS, line.split("\t")))
    assert len(line.split("\t")) == 61
    assert row["SQLDATE"] == "20210303" and row["Actor1Code"] == "IRQ" and row["Actor1Name"] == "MUSTAFA AL-KADHIMI"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == ("010", "010", "01", "1")
    assert row["ActionGeo_FullName"] == "Baghdad" and row["ActionGeo_CountryCode"] == "IZ"
    assert row["ActionGeo_Lat"] == "33.3400" and row["SOURCEURL"] == "https://example.test/kadhimi-1"


def test_export_command_writes_the_requested_format(tmp_path):
    from marsad.cli.export import command
    from marsad.store import Store

    db = str(tmp_path / "c.db")
    with Store.open(db) as s:
        s.put(kadhimi_doc())
    out = tmp_path / "events.tsv"
    r = CliRunner().invoke(command, ["--format", "gdelt", "--db", db, "-o", str(out), "--country", "IRQ"])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").count("\n") == 1
    r = CliRunner().invoke(command, ["--format", "parquet", "--db", db])
    assert r.exit_code == 2 and "-o" in r.output


@pytest.mark.parametrize("iso3, fips", [("IRQ", "IZ"), ("LBN", "LE"), ("SAU", "SA"), ("BEL", "BE"), ("GBR", "UK"),
                                        ("DEU", "GM"), ("XKX", "KV"), ("SSD", "OD"), ("IGO", ""), ("ZZZ", ""),
                                        (None, "")])
def test_gdelt_geo_country_codes_are_fips_10_4_not_iso_alpha_2(iso3, fips):
    assert ex.fips_code(iso3) == fips


def test_gdelt_palestine_is_gaza_strip_west_of_the_meridian_and_west_bank_otherwise():
    assert ex.fips_code("PSE", lon=34.47) == "GZ"   # Gaza City
    assert ex.fips_code("PSE", lon=35.20) == "WE"   # Ramallah
    assert ex.fips_code("PSE") == "WE"
    assert ex.fips_code("ISR", lon=34.47) == "IS"   # the split is for Palestine only


def test_fips_table_has_one_well_formed_row_per_country_of_the_gazetteer():
    rows = list(read_tsv("fips_countries.tsv"))
    assert all(len(r) == 4 for r in rows), [r for r in rows if len(r) != 4]
    iso3s = [r[0] for r in rows]
    assert len(iso3s) == len(set(iso3s)), "duplicate ISO keys"
    for iso3, fips, _name, source in rows:
        assert re.fullmatch("[A-Z]{3}", iso3) and re.fullmatch("[A-Z]{2}", fips), (iso3, fips)
        # Kosovo has no ISO 3166 code; XKX is the user-assigned code the EU and IMF use, as countries.tsv does.
        assert iso3 == "XKX" or pycountry.countries.get(alpha_3=iso3), iso3
        assert source in ("geonames", "marsad"), (iso3, source)
    # A FIPS code names one country; only the team's rows fold a territory into its state (Aland -> Finland).
    owners: dict[str, list[str]] = {}
    for iso3, fips, _name, source in rows:
        owners.setdefault(fips, []).append(source)
    assert {f: s for f, s in owners.items() if s.count("geonames") > 1} == {}
    # UMI is left out on purpose: FIPS codes each of the US minor outlying islands separately.
    gazetteer = {r[0] for r in read_tsv("countries.tsv")}
    assert gazetteer - set(iso3s) == {"UMI"} and set(iso3s) <= gazetteer


GAZA = "قصفت إسرائيل مدينة غزة فجر اليوم، واجتمع الرئيس اللبناني بالسفراء في بيروت بعد ذلك."


def gaza_doc() -> Document:
    isr = Entity("e1", "LOC", "إسرائيل", (span(GAZA, "إسرائيل"),), name_en="Israel", country="ISR", lat=31.769,
                 lon=35.216, geo_id="294640", kind="country")
    gaza = Entity("e2", "LOC", "غزة", (span(GAZA, "غزة"),), name_en="Gaza", country="PSE", lat=31.5016,
                  lon=34.4667, geo_id="281133", kind="city")
    pres = Entity("e3", "PER", "الرئيس اللبناني", (span(GAZA, "الرئيس اللبناني"),), name_en="Lebanese President",
                  country="LBN")
    beirut = Entity("e4", "LOC", "بيروت", (span(GAZA, "بيروت"),), name_en="Beirut", country="LBN", lat=33.8933,
                    lon=35.5016, geo_id="276781", kind="city")
    strike = Event("v1", "ASSAULT", span(GAZA, "قصفت"), 0, actor=("e1",), recipient=("e2",), location="e2",
                   cameo="195", quad=4, intensity=-10.0)
    meet = Event("v2", "CONSULT", span(GAZA, "اجتمع"), 0, actor=("e3",), location="e4", cameo="040", quad=1,
                 intensity=1.0)
    return Document(id="gaza-1", text=GAZA, published="2024-05-06", source="marsad-test",
                    url="https://example.test/gaza-1", entities=(isr, gaza, pres, beirut), events=(strike, meet))


def test_export_command_writes_fips_geo_codes_and_keeps_iso_alpha_3_actor_codes(tmp_path):
    from marsad.cli.export import command
    from marsad.store import Store

    db = str(tmp_path / "c.db")
    with Store.open(db) as s:
        s.put(gaza_doc())
    out = tmp_path / "events.tsv"
    r = CliRunner().invoke(command, ["--format", "gdelt", "--db", db, "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = {row["EventCode"]: row for row in (dict(zip(ex.GDELT_COLUMNS, line.split("\t")))
                                             for line in out.read_text(encoding="utf-8").splitlines())}
    strike, meet = rows["195"], rows["040"]
    assert (strike["Actor1CountryCode"], strike["Actor1Geo_CountryCode"]) == ("ISR", "IS")
    assert (strike["Actor2Geo_CountryCode"], strike["ActionGeo_CountryCode"]) == ("GZ", "GZ")
    assert (meet["Actor1CountryCode"], meet["ActionGeo_FullName"], meet["ActionGeo_CountryCode"]) == \
        ("LBN", "Beirut", "LE")
    assert meet["Actor1Geo_CountryCode"] == "" and strike["ActionGeo_ADM1Code"] == ""
