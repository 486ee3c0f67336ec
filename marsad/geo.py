"""The gazetteer: countries, cities, nationality adjectives and international organisations, loaded once.

Data lives in ``marsad/arabic/data`` (countries.tsv, cities.tsv, nationalities.tsv, igos.tsv, organisations.tsv); the
country and city tables are rebuilt by ``tools/build_gazetteer.py``. Every lookup key is a folded string
(``marsad.arabic.normalize.fold_str``), so callers pass ``token.norm`` text as it is.

Resolution policy (``Gazetteer.resolve``), in order:
  1. A name that is both a country and a city (الكويت، الجزائر، تونس، جيبوتي، عمان) means the country, unless a
     city of that name lies in a country the document mentions and the country itself is not mentioned
     (عمان in a Jordan story is Amman; الكويت in a Kuwait story stays the country). A caller that knows better
     (the text says مدينة or العاصمة) passes ``prefer_city=True``.
  2. Among cities and regions: one in a context country (earlier context countries first), then capitals, then
     what the team curated (famous cities: ليون is Lyon, not the bigger León; regions), then population.
Regions (regions.tsv: continents, seas, rivers, provinces) are places of kind 'region' with a geo_id "R:<NAME>";
those that span several countries (أوروبا، الخليج; iso3 "") are returned only with ``transnational=True``,
so a caller that copies iso3 into a country field must map "" to None before opting in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from marsad.arabic.lexicon import read_tsv
from marsad.arabic.normalize import fold_str

_HYPHEN = re.compile(r"\s*-\s*|\s+")
# Falling back to the other article form (موصل -> الموصل) only for places big enough that the bare word is
# unlikely to be an ordinary noun that happens to match a small town.
_ARTICLE_FALLBACK_MIN_POP = 100_000
# Nisba inflections folded: feminine ه, plurals ون/ين/ات, duals ان/ين/تان/تين. Longest suffix first.
_NISBA_SUFFIXES = (("يتان", "ي"), ("يتين", "ي"), ("يات", "ي"), ("يون", "ي"), ("يين", "ي"), ("يان", "ي"),
                   ("يه", "ي"))


@dataclass(frozen=True, slots=True)
class Place:
    geo_id: str
    name_ar: str
    name_en: str
    iso3: str
    lat: float
    lon: float
    population: int
    kind: str          # 'country' | 'city' | 'region' (continent, sea, river, province: regions.tsv)
    capital: bool


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name_en: str
    name_ar: str
    lat: float
    lon: float
    capital_geo_id: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Igo:
    id: str
    name_en: str
    name_ar: str
    kind: str          # igos.tsv: igo | regional | un_agency | armed_group | movement | ngo | sports;
                       # organisations.tsv: club | media | company | party | movement | university | other
    country: str       # 'IGO' for intergovernmental bodies, ISO3 for national ones, '' for transnational groups
    acronyms: tuple[str, ...]
    anaphors: tuple[str, ...]
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...]  # aliases that are also ordinary phrases (فتح، القاعدة): link only with support


@dataclass(frozen=True, slots=True)
class Nationality:
    code: str | None   # ISO3, an IGO id (أوروبي -> EU), or None for ethnic/religious/regional adjectives
    kind: str          # nation | region | igo | ethnic | religious
    ambiguous: bool    # also an ordinary adjective (مالي = financial)


def key(name: str) -> str:
    """Lookup key of an already folded name: hyphens and runs of spaces become one space."""
    if " " not in name and "-" not in name:
        return name  # the common case, a single token: skip the regex
    return _HYPHEN.sub(" ", name).strip()


def _split(field: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in field.split("|") if a.strip())


def _col(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


class Gazetteer:
    """Read-only lookup tables; build with ``Gazetteer.load()`` (cached per process)."""

    def __init__(self, countries: dict[str, Country], places: dict[str, tuple[Place, ...]],
                 nationalities: dict[str, Nationality], igos: dict[str, Igo],
                 transnational: dict[str, tuple[Place, ...]] | None = None,
                 organisations: dict[str, Igo] | None = None) -> None:
        self._countries = countries
        self._places = places
        self._transnational = transnational or {}
        self._nationalities = nationalities
        self._igos = igos
        self._organisations = organisations or {}
        self._country_places = {p.iso3: p for ps in places.values() for p in ps if p.kind == "country"}
        # nationality() is asked about most tokens of a text: remember answers (bounded, per instance)
        self._nat_memo: dict[str, Nationality | None] = {}

    @staticmethod
    @lru_cache(maxsize=1)
    def load() -> "Gazetteer":
        """Read the data files once per process."""
        countries: dict[str, Country] = {}
        index: dict[str, list[Place]] = {}

        curated: set[str] = set()

        def add(names: Iterable[str], place: Place) -> None:
            for n in names:
                k = key(fold_str(n))
                bucket = index.setdefault(k, [])
                if place not in bucket:
                    bucket.append(place)

        for row in read_tsv("countries.tsv"):
            iso3, iso2, name_en, name_ar, aliases, cap, lat, lon = row[:8]
            c = Country(iso3, iso2, name_en, name_ar, float(lat), float(lon), cap, _split(aliases))
            countries[iso3] = c
            geo_id = _col(row, 8) or iso3
            add((name_ar,) + c.aliases, Place(geo_id, name_ar, name_en, iso3, c.lat, c.lon, 0, "country", False))
        for row in read_tsv("cities.tsv"):
            geo_id, name_ar, aliases, name_en, iso3, lat, lon, pop, cap = row[:9]
            place = Place(geo_id, name_ar, name_en, iso3, float(lat), float(lon), int(pop or 0), "city", cap == "1")
            add((name_ar,) + _split(aliases), place)
            if _col(row, 9) == "curated":
                curated.add(geo_id)
        # Regions (أوروبا، الخليج، دارفور، الأنبار) have a geo_id "R:<NAME>" and iso3 "" when they span countries.
        # Those spanning countries are kept apart: a Place with no country would break callers that copy iso3
        # into a record whose country must be ISO3 or IGO, so they come only with ``transnational=True``.
        transnational: dict[str, list[Place]] = {}
        for row in read_tsv("regions.tsv"):
            rid, name_ar, aliases, name_en, iso3, lat, lon = row[:7]
            place = Place(rid, name_ar, name_en, iso3, float(lat), float(lon), 0, "region", False)
            curated.add(rid)
            if iso3:
                add((name_ar,) + _split(aliases), place)
                continue
            for n in (name_ar,) + _split(aliases):
                bucket = transnational.setdefault(key(fold_str(n)), [])
                if place not in bucket:
                    bucket.append(place)
        # countries first, then capitals, then what the team curated (cities: ليون is Lyon, not the bigger León;
        # regions: بابل is the Iraqi province before Babol), then by population: the order resolve() falls back on
        places = {k: tuple(sorted(v, key=lambda p: (p.kind != "country", not p.capital, p.geo_id not in curated,
                                                    -p.population)))
                  for k, v in index.items()}

        nationalities: dict[str, Nationality] = {}
        for row in read_tsv("nationalities.tsv"):
            k = key(fold_str(row[0]))
            if k and k not in nationalities:
                nationalities[k] = Nationality(row[1] or None, _col(row, 2) or "nation", _col(row, 3) == "1")

        return Gazetteer(countries, places, nationalities, _read_organisations("igos.tsv"),
                         {k: tuple(v) for k, v in transnational.items()}, _read_organisations("organisations.tsv"))

    # ---- places ----
    def lookup(self, folded_name: str, transnational: bool = False) -> tuple[Place, ...]:
        """Every place called ``folded_name``; with no exact hit, the other article form for big places.

        ``transnational=True`` adds regions that span countries (أوروبا، الشرق الأوسط، الخليج; iso3 "")."""
        k = key(folded_name)
        hit = self._places.get(k)
        if transnational and k in self._transnational:
            return (hit or ()) + self._transnational[k]
        if hit:
            return hit
        other = k[2:] if k.startswith("ال") and len(k) > 4 else "ال" + k if len(k) >= 3 else ""
        alt = self._places.get(other, ())
        return tuple(p for p in alt
                     if p.kind == "country" or p.capital or p.population >= _ARTICLE_FALLBACK_MIN_POP)

    def resolve(self, folded_name: str, context_countries: tuple[str, ...] = (),
                prefer_city: bool = False, transnational: bool = False, peoples: tuple[str, ...] = ()) -> Place | None:
        """The one place a name most likely means in a document about ``context_countries`` (see module doc);
        ``peoples``: countries whose nationals the document names (الأردنيين), which only decide between a country
        and a city of theirs spelt alike (عمان: Oman or Amman)."""
        cands = self.lookup(folded_name, transnational)
        if not cands:
            return None
        countries = [p for p in cands if p.kind == "country"]
        cities = [p for p in cands if p.kind != "country"]  # cities and regions, in load order
        rank = {iso: i for i, iso in enumerate(context_countries)}
        in_ctx = sorted((p for p in cities if p.iso3 in rank), key=lambda p: rank[p.iso3])  # stable: load order
        famous = cities[0] if cities and (cities[0].capital or cities[0].population >= 1_000_000) else None
        if famous is not None and famous not in in_ctx:
            # الرياض in a story about Egypt is still Riyadh, not an Egyptian village of 24,000 of that name
            in_ctx = [p for p in in_ctx if p.kind == "region" or p.capital or p.population >= 100_000]
        if countries and not prefer_city:
            if in_ctx and not any(c.iso3 in rank for c in countries):
                return in_ctx[0]
            theirs = [p for p in cities if p.iso3 in peoples and (p.capital or p.population >= 100_000)]
            if not in_ctx and theirs and not any(c.iso3 in rank or c.iso3 in peoples for c in countries):
                return theirs[0]
            return countries[0]
        if in_ctx:
            return in_ctx[0]
        return cities[0] if cities else countries[0]

    def names(self, transnational: bool = False) -> Iterator[tuple[str, tuple[Place, ...]]]:
        """Every folded place name with its places, for building a matcher."""
        yield from self._places.items()
        if transnational:
            yield from self._transnational.items()

    def country(self, iso3: str) -> Country | None:
        return self._countries.get(iso3)

    def countries(self) -> tuple[Country, ...]:
        return tuple(self._countries.values())

    def country_place(self, iso3: str) -> Place | None:
        """A country as a Place (coordinates of its capital or a representative point)."""
        return self._country_places.get(iso3)

    # ---- nationality adjectives ----
    def nationality_info(self, folded_adjective: str) -> Nationality | None:
        """العراقي، عراقية، العراقيون، عراقيين، العراقيتين … -> the record of عراقي; also multi-word (الكوري الشمالي)."""
        memo = self._nat_memo
        if folded_adjective in memo:
            return memo[folded_adjective]
        if len(memo) > 200_000:
            memo.clear()
        info = memo[folded_adjective] = self._nationality_info(folded_adjective)
        return info

    def _nationality_info(self, folded_adjective: str) -> Nationality | None:
        words = key(folded_adjective).split(" ")
        if not words or not words[0]:
            return None
        hit = self._nationalities.get(" ".join(words))
        if hit:
            return hit
        bases = [_nisba_bases(w) for w in words]
        if len(words) == 1:
            for b in bases[0]:
                hit = self._nationalities.get(b)
                if hit:
                    return hit
            return None
        # multi-word: each word inflects alike, so try the same reading position across words
        for i in range(max(len(b) for b in bases)):
            cand = " ".join(b[min(i, len(b) - 1)] for b in bases)
            hit = self._nationalities.get(cand)
            if hit:
                return hit
        return None

    def nationality(self, folded_adjective: str) -> str | None:
        """ISO3 (or IGO id for أوروبي -> EU) of a nationality adjective in any inflection; None if unknown.

        Adjectives that are also ordinary words (مالي financial: وزارة المالية; سنة year) give None here;
        ``nationality_info`` still returns them with ``ambiguous=True`` for callers with more context."""
        info = self.nationality_info(folded_adjective)
        return info.code if info and not info.ambiguous else None

    # ---- organisations ----
    # Two tables of one shape: igos.tsv (intergovernmental and regional bodies, armed groups) and
    # organisations.tsv (clubs, media, companies, parties). They stay apart so that code and tests about
    # IGOs see exactly the IGOs; the entity stage matches both, and their ids never clash.
    def igo_aliases(self) -> Iterator[tuple[str, Igo]]:
        """(folded alias, Igo) for every Arabic name of every IGO; acronyms are on ``Igo.acronyms``."""
        return _aliases(self._igos.values())

    def igo(self, igo_id: str) -> Igo | None:
        return self._igos.get(igo_id)

    def igos(self) -> tuple[Igo, ...]:
        return tuple(self._igos.values())

    def organisation_aliases(self) -> Iterator[tuple[str, Igo]]:
        """(folded alias, record) for every Arabic name of every organisation in organisations.tsv."""
        return _aliases(self._organisations.values())

    def organisation(self, org_id: str) -> Igo | None:
        """A club, outlet, company or party from organisations.tsv (the same record shape as an IGO)."""
        return self._organisations.get(org_id)

    def organisations(self) -> tuple[Igo, ...]:
        return tuple(self._organisations.values())


def _read_organisations(name: str) -> dict[str, Igo]:
    """igos.tsv or organisations.tsv: id, type, kind, country, name_en, name_ar, aliases, acronyms, anaphors,
    ambiguous aliases."""
    out: dict[str, Igo] = {}
    for row in read_tsv(name):
        out[row[0]] = Igo(id=row[0], kind=row[2], country=row[3], name_en=row[4], name_ar=row[5],
                          aliases=_split(row[6]), acronyms=_split(_col(row, 7)),
                          anaphors=_split(_col(row, 8)), ambiguous=_split(_col(row, 9)))
    return out


def organisation_names() -> frozenset[str]:
    """Every folded Arabic name and alias in igos.tsv and organisations.tsv (read without loading the gazetteer)."""
    return frozenset(a for name in ("igos.tsv", "organisations.tsv") for a, _ in _aliases(
        _read_organisations(name).values()))


def _aliases(records: Iterable[Igo]) -> Iterator[tuple[str, Igo]]:
    for rec in records:
        seen = set()
        for alias in (rec.name_ar,) + rec.aliases:
            k = key(fold_str(alias))
            if k and k not in seen:
                seen.add(k)
                yield k, rec


def _nisba_bases(word: str) -> list[str]:
    """Readings of one folded word as a nisba adjective: the word, without ال, then with inflection removed."""
    out = [word]
    stem = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if stem != word:
        out.append(stem)
    for suffix, repl in _NISBA_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
            out.append(stem[: -len(suffix)] + repl)
            break
    return out
