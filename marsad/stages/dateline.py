"""Dateline: "ايلاف من لندن:", "الرياض - واس", "لندن: <author>", "<author>- سبق- الرياض:" -> source and place."""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic.lexicon import PhraseLexicon, read_tsv
from marsad.arabic.normalize import fold_str
from marsad.document import Dateline, Document
from marsad.pipeline import stage

_W = r"[^\s:\-–—()/«»\"]+"
_NAME = rf"{_W}(?: {_W}){{0,2}}"
# folded text: alef forms are already plain
_FROM = re.compile(rf"^\s*(?P<source>{_NAME}) من (?P<place>{_NAME})\s*[:：\-–—]")
_DASH = re.compile(rf"^\s*(?P<place>{_NAME})\s*(?:\((?P<src1>{_NAME})\)\s*)?[\-–—/]\s*"
                   rf"(?:[(«\"]?(?P<src2>{_NAME})[)»\"]?\s*(?:[:\n\-–—]|$))?")
_COLON = re.compile(rf"^\s*(?P<place>{_NAME})\s*(?:\((?P<src1>{_NAME})\))?\s*[:：](?:\s*[«\"](?P<src2>{_NAME})[»\"])?")
# "عين اليوم – الرياض", "منيف الشهراني – الرياض" alone on the first line: outlet or author, then the place
_LEAD_PLACE = re.compile(rf"^\s*(?P<lead>{_NAME})\s*[\-–—]\s*(?P<place>{_NAME})\s*$")
# Agency copy: "الدمام 3 رجب 1440 هـ الموافق 10 مارس 2019 م واس"
_AGENCY = re.compile(rf"^\s*(?P<place>{_W}(?: {_W})?) +\d{{1,2}} .*\d{{4}}.* (?P<source>{_W})\s*$")
# Agency copy with a day and month: "الكويت - 12 - 11 (كونا) --" (KUNA, QNA)
_DAY_MONTH = re.compile(rf"^\s*(?P<place>{_NAME})\s*[\-–—]\s*\d{{1,2}}\s*[\-/]\s*\d{{1,2}}\s*"
                        rf"\((?P<source>{_NAME})\)\s*[\-–—:]*")
# WAFA: "جنين 12-11-2025 وفا-" (place, a full date, the agency, a dash)
_FULL_DATE = re.compile(rf"^\s*(?P<place>{_W}(?: {_W})?)\s+\d{{1,2}}[\-/.]\d{{1,2}}[\-/.]\d{{4}}\s+"
                        rf"(?P<source>{_W})\s*[\-–—:]")
# Gulf agencies: "المنامة في 16 نوفمبر / بنا /", "مسقط في 20 نوفمبر /العمانية/" (place, في, a date, the agency
# between slashes)
_SLASHED = re.compile(rf"^\s*(?P<place>{_W}(?: {_W})?) في \d{{1,2}} {_W}(?: \d{{4}})?\s*/\s*(?P<source>{_NAME})\s*/")
# A byline: "عبدالله البرقاوي- سبق- الرياض:" (author, outlet, place)
_BYLINE = re.compile(rf"^\s*(?P<author>{_NAME})\s*[\-–—]\s*(?P<source>{_NAME})\s*[\-–—]\s*(?P<place>{_NAME})\s*[:：]")


@lru_cache(maxsize=1)
def _sources() -> dict[str, str]:
    """Folded outlet spellings -> the name shown: news_sources.tsv, and the media of organisations.tsv."""
    from marsad.geo import Gazetteer

    out = {fold_str(alias): org.name_ar for alias, org in Gazetteer.load().organisation_aliases()
           if org.kind == "media"}
    out.update({fold_str(r[0]): r[1] for r in read_tsv("news_sources.tsv")})
    return out


@lru_cache(maxsize=1)
def _places() -> PhraseLexicon:
    from marsad.stages.entities import _place_names

    lex = PhraseLexicon()
    for name in _place_names():
        lex.add(name, name)
    return lex


DATELINE_TOWN_MIN = 20_000  # a GeoNames town outside the curated lexicons may head a dateline (جنين، نابلس)


def _is_place(folded: str) -> bool:
    toks = folded.split()
    m = _places().match_at(toks, 0, len(toks))
    if m is not None and m.end == len(toks) and m.prefix == 0:
        return True
    from marsad.stages.entities import lexicons

    lex = lexicons()
    return folded not in lex.function_words and any(
        p.kind == "city" and p.population >= DATELINE_TOWN_MIN for p in lex.gaz.lookup(folded))


def _source(folded: str | None) -> str | None:
    if not folded:
        return None
    return _sources().get(folded.strip())


HEADLINE_WORDS = 20  # a first line this long or ending in a full stop is text, not a headline above a dateline


@stage("dateline", requires=("norm",), provides=("dateline",))
def dateline(doc: Document) -> Document:
    """The news source and place at the head of the article (its first line, or the line after a headline)."""
    text = doc.norm.text
    offset = 0
    for _ in range(2):
        while offset < len(text) and text[offset] in "\n\r \t":
            offset += 1
        nl = text.find("\n", offset)
        line = text[offset:nl if nl >= 0 else len(text)]
        found = _match(line[:120])
        if found is not None:
            m, source, place_span = found
            return _with(doc, offset, m, source, place_span)
        if nl < 0 or len(line.split()) > HEADLINE_WORDS or line.rstrip().endswith((".", ":")):
            break  # the first line is text, not a headline: no dateline further down
        offset = nl + 1
    return doc


def _match(first_line: str) -> tuple[re.Match, str | tuple[int, int] | None, tuple[int, int]] | None:
    """The dateline pattern a line matches: (match, source or the span of its name in the line, place span)."""
    m = _BYLINE.match(first_line)
    if m and _source(m["source"]) and _is_place(m["place"]):
        return m, _source(m["source"]), m.span("place")
    m = _FROM.match(first_line)
    if m and _is_place(m["place"]):
        if _source(m["source"]):
            return m, _source(m["source"]), m.span("place")
        return m, m.span("source"), m.span("place")  # an outlet not listed: its name as written
    m = _DASH.match(first_line)
    if m and _is_place(m["place"]):
        src = _source(m["src1"]) or _source(m["src2"])
        if src or m["src2"] is None:
            return m, src, m.span("place")
        if m["src1"] is None and m.end() >= len(first_line.rstrip()):
            return m, m.span("src2"), m.span("place")  # "بغداد/ السومرية نيوز" alone on its line: an outlet
    m = _COLON.match(first_line)
    if m and _is_place(m["place"]):
        return m, _source(m["src1"]) or _source(m["src2"]), m.span("place")  # الرياض: «الشرق الأوسط»
    m = _LEAD_PLACE.match(first_line)
    if m and _is_place(m["place"]):
        return m, _source(m["lead"]), m.span("place")
    m = _FULL_DATE.match(first_line)
    if m and _source(m["source"]) and _is_place(m["place"]):
        return m, _source(m["source"]), m.span("place")
    m = _DAY_MONTH.match(first_line)
    if m and _source(m["source"]) and _is_place(m["place"]):
        return m, _source(m["source"]), m.span("place")
    m = _SLASHED.match(first_line)
    if m and _source(m["source"]) and _is_place(m["place"]):
        return m, _source(m["source"]), m.span("place")
    m = _AGENCY.match(first_line)
    if m and _source(m["source"]) and _is_place(m["place"]):
        return m, _source(m["source"]), m.span("place")
    return None


def _with(doc: Document, offset: int, m: re.Match, source: str | tuple[int, int] | None,
          place_span: tuple[int, int]) -> Document:
    if isinstance(source, tuple):
        source = doc.text[slice(*doc.norm.to_orig(offset + source[0], offset + source[1]))]
    a, b = doc.norm.to_orig(offset + place_span[0], offset + place_span[1])
    start, end = doc.norm.to_orig(offset + m.start(), offset + m.end())
    while start < end and doc.text[start].isspace():
        start += 1
    return doc.evolve(dateline=Dateline(source=source, place=doc.text[a:b], start=start, end=end))
