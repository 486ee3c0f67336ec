"""Quantities: numbers with what they count (unit), ranges, percentages, money and multipliers.

Works over the segment stage's tokens (folded) and reports spans in original offsets. Choices a reader should know:
* The span leaves out proclitics glued to the number (بثمانية أضعاف -> "ثمانية أضعاف") and takes in the unit
  after it; a range span runs from its opener (من، بين، ما بين) to the unit after the second number.
* The unit is the canonical singular of a known counted noun, currency or measure (data/counted_nouns.tsv,
  currencies.tsv). An unknown word after a number is NOT taken as the unit (it is as often an adverb, a verb or a
  name): the unit is then None, or the unit implied by a casualty cue before the number (مقتل 12 -> قتيل).
* kind: range (low/high), approximate (vague words: عشرات، آلاف; value None, low/high set), percent, money,
  multiplier, duration (a time unit: 48 ساعة), count (everything else).
* Not quantities: years (عام 2015، 2021م, a bare 1800-2100), dates (3/3/2021، 12 مارس، 12 من الشهر), times
  (الساعة 10، 10:30، 10 صباحا), ordinals (الثالث عشر), labels (المادة 140، القرار 2254، رقم 5), numbers glued to
  Latin letters or other symbols (F16، كوفيد-19، %20 in a URL), and runs of bare digit groups (phone numbers).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Sequence

from marsad.arabic.clitics import proclitic_splits
from marsad.arabic.normalize import DIACRITICS, TATWEEL, fold_str
from marsad.arabic.numerals import NumberParse, clean_number, number_forms, number_words, ordinals, parse_number
from marsad.arabic.quantity_lexicon import (COUNTABLE, currency_adjectives, implied_numbers, nationality_nouns,
                                            number_context, quantity_cues, singulars, standalone_number, units)
from marsad.document import Document, Quantity, Token
from marsad.pipeline import stage

MAX_TOKENS = 16          # longest stretch of tokens one quantity may take
MAX_CHUNK = 40           # a longer space-free stretch around digits is a URL or an id
YEARS = (1800, 2100)     # a bare integer in this range with no unit is read as a year
MAX_BARE_DIGITS = 7      # more digits than this, with no unit, is a phone number or an id
_SIGNS = frozenset("$€£")
PLURAL_SUFFIXES = ("ين", "ون", "ات")
_THOUSANDS_DOT = re.compile(r"\d{1,3}\.\d{3}")
_MARKS = re.compile(f"[{DIACRITICS}{TATWEEL}]+")
DASHES = ("-", "–", "—")
_DIGITS = frozenset("0123456789")  # fold() has already turned Arabic-Indic and Persian digits into these
RANGE_FROM = {"من": ("حتي", "الي", "لغايه", *DASHES), "بين": ("و", "الي", *DASHES)}
_OPENERS = {c + o: (len(c), o) for o in RANGE_FROM for c in ("", "و", "ف")}  # ومن 5 إلى 9: و stays outside
_TO = frozenset(("الي", "حتي"))  # folded إلى، حتى between two numbers


@lru_cache(maxsize=1)
def _starts() -> frozenset[str]:
    """Every token that can begin a quantity, so most tokens cost one set lookup."""
    return frozenset(number_forms()) | frozenset(implied_numbers()) | frozenset(_OPENERS)


def _stem_in(word: str, table: dict[str, str]) -> str | None:
    """Reason/unit of ``word`` (or of its stem after proclitics) in ``table``."""
    for _, stem in proclitic_splits(word):
        hit = table.get(stem)
        if hit is not None:
            return hit
    return None


class _Finder:
    """The quantities of one document; holds its tokens so helpers need not pass them around."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.toks: Sequence[Token] = doc.tokens
        self.norms = [t.norm for t in doc.tokens]
        self.index = doc.norm.index if doc.norm is not None else None
        self.ctx = number_context()

    # ---- offsets -----------------------------------------------------------------------------------------
    def orig_start(self, ti: int, skip: int) -> int:
        """Original offset of the ``skip``-th folded character of token ``ti`` (after its proclitics)."""
        tok = self.toks[ti]
        if skip == 0:
            return tok.start
        if self.index is None:
            return tok.start + skip
        f = bisect.bisect_left(self.index, tok.start)
        return self.doc.norm.to_orig(f + skip, f + skip + 1)[0]

    def make(self, a: int, skip: int, b: int, **fields) -> Quantity:
        start, end = self.orig_start(a, skip), self.toks[b - 1].end
        m = _MARKS.match(self.doc.text, end)  # قتيلاً: the tanween after the last letter belongs to the word
        end = m.end() if m else end
        return Quantity(self.doc.text[start:end], start, end, **fields)

    # ---- context -----------------------------------------------------------------------------------------
    def limit(self, i: int) -> int:
        s, n = self.toks[i].sentence, len(self.toks)
        j = i + 1
        while j < n and j < i + MAX_TOKENS and self.toks[j].sentence == s:
            j += 1
        return j

    def prev(self, i: int) -> str | None:
        if i > 0 and self.toks[i - 1].sentence == self.toks[i].sentence:
            return self.norms[i - 1]
        return None

    def line_start(self, ti: int) -> bool:
        text = self.doc.text
        start = self.toks[ti].start
        return text[text.rfind("\n", 0, start) + 1:start].strip() == ""

    def glued(self, a: int, b: int) -> bool:
        """Nothing but spaces between tokens ``a`` and ``b`` (adjacent tokens)."""
        return self.doc.text[self.toks[a].end:self.toks[b].start].strip() == ""

    def chunk(self, ti: int) -> str:
        """The space-free stretch of text around token ``ti``, folded."""
        text, tok = self.doc.text, self.toks[ti]
        a, b = tok.start, tok.end
        while a > 0 and not text[a - 1].isspace() and tok.start - a < MAX_CHUNK:
            a -= 1
        while b < len(text) and not text[b].isspace() and b - tok.end < MAX_CHUNK:
            b += 1
        return fold_str(text[a:b])

    def digit_shape(self, ti: int) -> str | None:
        """'pre|suf' signs around digit token ``ti`` when it stands as its own word, else None."""
        m = standalone_number().fullmatch(self.chunk(ti))
        if m is None:
            return None
        if m["suf"] in self.ctx.get("suffix", ()):
            return None  # 2021م، 1442هـ: a year
        return (m["pre"] or "") + "|" + (m["suf"] or "")

    def blocked(self, p: NumberParse, limit: int, has_unit: bool) -> bool:
        """True when the number at ``p`` is a year, date, time, label, ordinal part, phone number or id."""
        norms = self.norms
        prev = self.prev(p.start)
        if prev is not None and p.prefix == 0:
            if _stem_in(prev, self.ctx["before"]) is not None:
                return True
            if p.value == 10 and any(stem in ordinals() for _, stem in proclitic_splits(prev)):
                return True  # الثالث عشر
        after = self.ctx["after"]
        j = p.end
        if j < limit:
            nxt = norms[j]
            if nxt == "من" and j + 1 < limit:
                nxt = norms[j + 1]
            reason = after.get(nxt)
            day = isinstance(p.value, int) and 1 <= p.value <= 31
            year = isinstance(p.value, int) and 500 <= p.value <= YEARS[1]
            if reason == "time" or (reason == "date" and day) or (reason == "year" and year):
                return True
        if p.digits_only:
            raw = norms[p.start].rstrip("%")
            shape = self.chunk(p.start)
            if not has_unit:
                if isinstance(p.value, int) and YEARS[0] <= p.value <= YEARS[1] and raw.isdigit():
                    return True
                whole = raw.split(".")[0].split(",")[0]
                if (raw.isdigit() and len(raw) > MAX_BARE_DIGITS) or (whole.startswith("0") and len(whole) > 1):
                    return True  # phone numbers, ids, clock times written 06.14
                if "«" in shape or "»" in shape:
                    return True  # «مينسك 2»، «5 + 1»: a name, not an amount
                if self.line_start(p.start):
                    return True  # a list number: "2 – تعيين ..."
            for k in (p.start - 1, p.end):  # 050 123 4567: runs of digit groups; 5 / 3 / 1427: dates
                if 0 <= k < len(norms) and (norms[k][:1].isdigit() or norms[k] == "/") and self.glued(
                        min(k, p.start), max(k, p.start)):
                    return True
        return False

    def unit_at(self, j: int, limit: int) -> tuple[int, str, str] | None:
        """(end token, canonical unit, class) of the unit phrase starting at token ``j``."""
        if j >= limit:
            return None
        norms = self.norms
        for rest, unit, cls in units().get(norms[j], ()):
            n = len(rest)
            if j + 1 + n <= limit and all(norms[j + 1 + k] == rest[k] for k in range(n)):
                end = j + 1 + n
                if cls == "money" and end < limit and norms[end] in currency_adjectives():
                    end += 1  # دولار أمريكي
                return end, unit, cls
        if norms[j] == "من" and j + 1 < limit and norms[j + 1].startswith("ال"):  # عشرات من القتلى
            hit = self.unit_at(j + 1, limit)
            if hit is not None and hit[2] not in ("percent", "time"):
                return hit
        w = norms[j].removeprefix("ال")
        w = w[:-1] if w.endswith("ا") else w
        nations = nationality_nouns()
        if w in nations:
            return j + 1, nations[w], "person"  # 700 بريطاني
        for suf in PLURAL_SUFFIXES:
            if w.endswith(suf) and len(w) > len(suf) + 2:
                stem = w[: -len(suf)]
                hit = singulars().get(stem) or (
                    (nations[stem], "person") if stem in nations else None)  # 9 لبنانيين
                if hit is not None:
                    return j + 1, hit[0], hit[1]
        return None

    def cue_unit(self, i: int) -> str | None:
        """Unit implied by an event noun before token ``i`` (مقتل 12), looking past hedges (مقتل نحو 12)."""
        hedges, cues = self.ctx.get("hedge", {}), quantity_cues()
        k = i - 1
        sent = self.toks[i].sentence
        while k >= 0 and i - k <= 4 and self.toks[k].sentence == sent:
            unit = _stem_in(self.norms[k], cues)
            if unit is not None:
                return unit
            if self.norms[k] not in hedges:
                return None
            k -= 1
        return None

    # ---- quantities ---------------------------------------------------------------------------------------
    def signs(self, p: NumberParse, limit: int) -> tuple[int, str | None, str | None, int]:
        """Percent/currency signs around a digit number: (first token, unit, class, end token)."""
        start, end = p.start, p.end
        if not p.digits_only and not self.norms[p.start][:1].isdigit():
            return start, None, None, end
        shape = self.digit_shape(p.start)
        if shape is None:
            return start, "x", "x", end  # not a standalone number
        pre, suf = shape.split("|")
        norms = self.norms
        if norms[p.start].endswith("%"):
            return start, "%", "percent", end
        if pre in ("%", "٪"):
            return start - 1, "%", "percent", end
        sign = pre or (norms[start - 1] if start > 0 and self.toks[start - 1].sentence == self.toks[start].sentence
                       else "")
        hit = units().get(sign[-1:]) if sign[-1:] in _SIGNS else None
        if hit:  # $300، US$ 5، € 20
            first = start - 1
            if first > 0 and norms[first - 1].endswith("US") and self.glued(first - 1, first):
                first -= 1
            return first, hit[0][1], "money", end
        return start, None, None, end

    def number(self, i: int, limit: int) -> tuple[Quantity | None, int]:
        p = parse_number(self.norms, i, limit)
        if p is None:
            return None, i + 1
        first, unit, cls, end = self.signs(p, limit)
        if cls == "x":
            return None, p.end
        if unit is None and p.digits_only and end + 1 < limit and self.norms[end] in DASHES:
            return self.dash_range(p, limit)
        if unit is None and first == p.start and end + 1 < limit and self.norms[end] in _TO:
            got = self.dash_range(p, limit, unit_required=True)  # 70 إلى 80 في المئة: a range with no من
            if got[0] is not None:
                return got
        if unit is None:
            hit = self.unit_at(end, limit)
            if hit is None and end + 1 < limit and self.norms[end] == ")" and first > 0 and self.norms[first - 1] == "(":
                hit = self.unit_at(end + 1, limit)  # نقلت (٤٧٦) مصابا: the number in brackets, its noun after them
                first = first - 1 if hit is not None else first
            if hit is not None:
                end, unit, cls = hit
        if self.blocked(p, limit, unit is not None):
            return None, p.end
        value = p.value
        if cls in COUNTABLE and p.digits_only and _THOUSANDS_DOT.fullmatch(self.norms[p.start]):
            value = int(self.norms[p.start].replace(".", ""))  # 2.960 مستثمرا: people come whole
        if unit is None:
            unit = self.cue_unit(p.start)
        kind = _kind(p.value is None, cls)
        skip = p.prefix if first == p.start else 0
        return self.make(first, skip, end, value=value, low=p.low, high=p.high, unit=unit, kind=kind), end

    def dash_range(self, a: NumberParse, limit: int, unit_required: bool = False) -> tuple[Quantity | None, int]:
        """20-30 شخصا، 30 – 79 سنة (and 70 إلى 80 في المئة): a range only with a unit after it; otherwise (scores,
        years, pages) nothing."""
        b = parse_number(self.norms, a.end + 1, limit)
        if b is None or (unit_required and (b.prefix or self._year(a))):
            return None, a.end + 1  # (عام 2015 إلى 136 مليون ريال: a year, then what the figure rose to)
        hit = self.unit_at(b.end, limit)
        if hit is None and self.norms[b.start].endswith("%") and self.norms[a.start].endswith("%"):
            hit = (b.end, "%", "percent")  # 13% إلى 23%
        if hit is None or a.value is None or b.value is None:
            return None, b.end
        low = a.value
        if b.scale and a.scale is None and a.parts == 1 and b.base and low <= b.base:
            low = clean_number(low * b.scale)  # 2.1 إلى 2.6 مليار: the scale belongs to both ends
        if not low < b.value:
            return None, b.end
        end, unit, _cls = hit
        return self.make(a.start, 0, end, value=None, low=low, high=b.value, unit=unit, kind="range"), end

    def _year(self, a: NumberParse) -> bool:
        """A four-digit year, or a number after عام / سنة (في عام 2012 إلى 5.7 مليار)."""
        if a.digits_only and isinstance(a.value, int) and YEARS[0] <= a.value <= YEARS[1]:
            return True
        return a.start > 0 and self.norms[a.start - 1] in ("عام", "العام", "سنه", "السنه")

    def range(self, i: int, limit: int) -> tuple[Quantity | None, int] | None:
        """من 500 حتى 4000 فرد، بين 10 و20 شخصا، ما بين ...; None when token ``i`` opens no range."""
        skip, opener = _OPENERS[self.norms[i]]
        norms = self.norms
        a = parse_number(norms, i + 1, limit) if i + 1 < limit else None
        if a is None or a.prefix or a.value is None or a.end >= limit:
            return None
        k = a.end
        b = None
        if norms[k] in RANGE_FROM[opener] and k + 1 < limit:
            b = parse_number(norms, k + 1, limit)
            b = b if b is not None and b.prefix == 0 else None
        elif opener == "بين" and norms[k].startswith("و"):
            b = parse_number(norms, k, limit)
            b = b if b is not None and b.prefix == 1 else None
        if b is None or b.value is None:
            return None
        low, high = a.value, b.value
        if b.scale and a.scale is None and a.parts == 1 and b.base and low <= b.base:
            low = low * b.scale  # بين 3 و5 ملايين: the scale belongs to both ends
        if not low < high:
            return None
        low = clean_number(low)
        for p in (a, b):
            if self.norms[p.start][:1].isdigit() and self.digit_shape(p.start) is None:
                return None, b.end
        hit = self.unit_at(b.end, limit)
        end, unit, cls = hit if hit is not None else (b.end, None, None)
        if unit is None and (norms[a.start].endswith("%") or norms[b.start].endswith("%")):
            unit = "%"  # من 13% إلى 23%
        years = all(p.digits_only and isinstance(p.value, int) and YEARS[0] <= p.value <= YEARS[1] for p in (a, b))
        if (years and hit is None) or self.blocked(b, limit, True):
            return None, end  # من 2014 إلى 2016، من 1 إلى 15 مارس
        first = i
        if opener == "بين" and skip == 0 and self.prev(i) in ("ما", "وما", "فما"):
            first, skip = i - 1, len(self.norms[i - 1]) - 2
        if unit is None:
            unit = self.cue_unit(first)
        q = self.make(first, skip, end, value=None, low=low, high=high, unit=unit, kind="range")
        return q, end

    def implied(self, i: int, limit: int) -> tuple[Quantity | None, int]:
        skip, n, unit, cls = implied_numbers()[self.norms[i]]
        return self.make(i, skip, i + 1, value=int(n), unit=unit, kind=_kind(False, cls)), i + 1

    def find(self) -> tuple[Quantity, ...]:
        norms, starts, forms = self.norms, _starts(), number_forms()
        implied = implied_numbers()
        out: list[Quantity] = []
        n = len(norms)
        # One pass in C speed picks the few tokens that can begin a quantity; the rest cost nothing more.
        candidates = [i for i, w in enumerate(norms) if w in starts or w[0] in _DIGITS]
        done = 0  # tokens before this index belong to a quantity (or a skipped date) already
        for i in candidates:
            if i < done:
                continue
            w = norms[i]
            if w in _OPENERS:
                nxt = norms[i + 1] if i + 1 < n else ""
                if not (nxt[:1] in _DIGITS or nxt in forms):
                    continue  # من / بين not followed by a number: the common case
                q, done = self.range(i, self.limit(i)) or (None, i + 1)
            elif w in implied:
                q, done = self.implied(i, self.limit(i))
            else:
                q, done = self.number(i, self.limit(i))
            if q is not None:
                out.append(q)
            done = max(done, i + 1)
        return tuple(out)


def _kind(vague: bool, cls: str | None) -> str:
    if vague:
        return "approximate"
    return {"percent": "percent", "money": "money", "multiplier": "multiplier", "time": "duration"}.get(
        cls or "", "count")


def find_quantities(doc: Document) -> tuple[Quantity, ...]:
    """Quantities of a document that has tokens (from the segment stage)."""
    if not doc.tokens:
        return ()
    return _Finder(doc).find()


@stage("quantities", requires=("tokens",), provides=("quantities",))
def quantities(doc: Document) -> Document:
    """Numbers with unit, range and kind, in original offsets."""
    return doc.evolve(quantities=find_quantities(doc))


def warm() -> None:
    """Load the data files now (a worker calls this once before its first document)."""
    for load in (units, singulars, nationality_nouns, implied_numbers, number_context, quantity_cues,
                 currency_adjectives, _starts, standalone_number, number_words):
        load()
