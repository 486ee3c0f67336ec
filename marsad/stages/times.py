"""Times: dates, weekdays, months, years, Hijri dates and relative days, resolved against ``doc.published``.

Matching runs on the folded text (one precompiled pattern, see ``marsad.arabic.time_lexicon``); spans are
mapped back to original offsets. Values are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; the resolution rules
(which Wednesday "الأربعاء" means, which year a bare "فبراير" is in) are documented in
``marsad.arabic.calendars``. A week (الأسبوع الماضي، هذا الأسبوع) has kind ``week`` and the ISO Monday that starts
it as its value. Without a publication date every relative expression gets ``value=None``: an unresolvable time
is reported, never guessed.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from marsad.arabic import calendars as cal
from marsad.arabic.normalize import DIACRITICS, TATWEEL, fold
from marsad.arabic.time_lexicon import TimeLexicon, time_lexicon
from marsad.document import Document, TimeExpr
from marsad.pipeline import stage

_PREV_WORD = re.compile(r"(\w+)[^\S\n]*$")
_NEXT_WORD = re.compile(r"[^\S\n]+(\w+)")
_CLAUSE = re.compile(r".*[.؟?!؛;،,:\n\"«»]", re.S)
_WORD = re.compile(r"\w+")
_MORE_YEAR = re.compile(r"[^\S\n]*و[^\S\n]*(\d{4})(?!\d)")
_JOIN = re.compile(r"[^\S\n]*(?:[،,\-–][^\S\n]*)?(?:الموافق[^\S\n]+)?$")
_AFTER_NEXT = re.compile(r"[^\S\n]+بعد[^\S\n]+(?:القادم|المقبل)(?!\w)")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_MODIFIED = re.compile(r"الماضي|المقبل|القادم|المنصرم|الجاري|الحالي|السابق|الفائت")
_RANGE = re.compile(r"[^\S\n]*(?:و|الي|حتي|[-–/])?[^\S\n]*$")
_MARKS = re.compile(f"[{DIACRITICS}{TATWEEL}]*")
_NIGHT = frozenset({"ليل", "ليله", "منتصف ليل", "منتصف ليله"})
_FUTURE_PERSON = frozenset("يتن")  # سـ + imperfect prefix: سيزور، ستعقد، سنعمل


@dataclass(slots=True)
class Found:
    """A match in folded offsets before ids and original offsets are assigned."""

    start: int
    end: int
    value: str | None
    kind: str
    day_level: bool = False
    explicit_year: bool = False
    weekday: int = 0  # ISO weekday named in the expression, 0 if none
    moved: int = 0  # days the weekday named after اليوم / أمس moved the day from the one the word points at


def _key(text: str, table: dict) -> str:
    """Table key of a matched word: spaces collapsed, and the ل of ل + ال (للجمعة) turned back into ال."""
    k = " ".join(text.split())
    if k not in table and k.startswith("ل"):
        k = "ا" + k
    return k


def _variants(word: str) -> tuple[str, ...]:
    """The word as written and without a conjunction or preposition (وفي، لصلاة)."""
    if len(word) > 2 and word[0] in "وفبلك":
        return (word, word[1:])
    return (word,)


def _prev_word(nt: str, at: int) -> str:
    m = _PREV_WORD.search(nt, max(0, at - 40), at)
    return m.group(1) if m else ""


def _next_word(nt: str, at: int) -> str:
    m = _NEXT_WORD.match(nt, at)
    return m.group(1) if m else ""


def _blocked(words: frozenset[str] | None, word: str) -> bool:
    return bool(words) and any(v in words for v in _variants(word))  # type: ignore[operator]


def is_future(nt: str, at: int, lex: TimeLexicon) -> bool:
    """A future verb (سـ/سوف/لن, or a word like المقرر) earlier in the clause that ends at ``at``."""
    lo = max(0, at - 90)
    cut = _CLAUSE.match(nt, lo, at)
    words = _WORD.findall(nt, cut.end() if cut else lo, at)
    for k, w in enumerate(words):
        if w[0] in "وف" and len(w) > 3:
            w = w[1:]
        if w in lex.future_words and not (w.startswith("القادم") and words[k + 1:k + 2] == ["من"]):
            return True  # (القادم من الرياض is "arriving from", not "next")
        if (len(w) >= 5 and w[0] == "س" and w[1] in _FUTURE_PERSON and w not in lex.not_future
                and not w.endswith(("ه", "ات"))):
            return True
    return False


def _mode(modifier: str | None, nt: str, at: int, lex: TimeLexicon) -> str:
    if modifier:
        return lex.modifiers[_key(modifier, lex.modifiers)][1]
    return "future" if is_future(nt, at, lex) else "past"


def _hijri_era(era: str) -> bool:
    """هـ، هجري، للهجرة (the alternative marks are م، ميلادي)."""
    return bool(era) and not era.startswith("م")


# ---- one handler per construct; each returns (found, resume_offset) or None to reject the match --------

def _numeric(m: re.Match, p: date | None, lex: TimeLexicon) -> tuple[list[Found], int] | None:
    g = m.group
    if g("ny"):
        y, mo, d = int(g("ny")), int(g("nm")), int(g("nd"))
    else:
        y, mo, d = int(g("ny2")), int(g("nm2")), int(g("nd2"))
    era = g("nera") or ""
    if _hijri_era(era) or (not era and cal.HIJRI_MIN <= y <= cal.HIJRI_MAX):
        value, kind = cal.iso_day(cal.hijri_to_date(y, mo, d)), "hijri"
    else:
        if mo > 12 >= d:
            mo, d = d, mo  # month/day order written the American way
        if not 1800 <= y <= 2200:
            return None
        value, kind = cal.iso_day(cal.valid_date(y, mo, d)), "date"
    if value is None:
        return None
    return [Found(m.start("expr"), m.end("expr"), value, kind, True, True)], m.end()


def _date(m: re.Match, nt: str, p: date | None, lex: TimeLexicon) -> tuple[list[Found], int] | None:
    g = m.group
    start, end = m.start("expr"), m.end("expr")
    prev = _prev_word(nt, m.start())
    if _blocked(lex.block_before.get("month"), prev) or _blocked(lex.block_after.get("month"), _next_word(nt, end)):
        return None
    day = int(g("dd")) if g("dd") else lex.ordinals[_key(g("dw"), lex.ordinals)] if g("dw") else None
    yy, mmod, ymod = g("yy"), g("mmod"), g("ymod")
    if g("curm"):
        shift = lex.modifiers[_key(g("cmod"), lex.modifiers)][0] if g("cmod") else 0
        month_start, hijri, month, rel = m.start("curm"), False, 0, True
    else:
        name = g("mp") or g("m1")
        entry = lex.months[_key(name, lex.months)]
        month_start, hijri, month, rel = m.start("mp") if g("mp") else m.start("m1"), entry.hijri, entry.month, False
        if g("m2") or g("mp2"):  # سبتمبر/أيلول 2007, (سبتمبر) أيلول 2007: one month under its two names
            second = lex.months[_key(g("m2") or g("mp2"), lex.months)]
            if second.month != entry.month or second.hijri != entry.hijri:
                # two months listed, not one named twice
                end = m.end("m1") if g("m1") else nt.rindex(")", 0, m.start("mp2")) + 1
                yy, mmod, ymod = None, None, None
        elif entry.ambiguous and not (day or yy or mmod or ymod or g("shahr")
                                      or any(v in lex.month_cues for v in _variants(prev))):
            return None
    if day is not None and not 1 <= day <= 31:
        start, day = month_start if not g("shahr") else m.start("shahr"), None
    kind = "hijri" if hijri else ("date" if day else "month")
    value: str | None = None
    if rel:
        if p is not None:
            y, mo = cal.add_months(p.year, p.month, shift)
            value = cal.iso_day(cal.valid_date(y, mo, day)) if day else cal.iso_month(y, mo)
    elif hijri:
        if yy:
            hy = int(yy) if int(yy) < 1800 else cal.hijri_year_for_gregorian(int(yy), month)
            value = cal.iso_day(cal.hijri_to_date(hy, month, day or 1)) if hy else None
        elif p is not None:
            mode = _mode(mmod or ymod, nt, start, lex)
            if day:
                value = cal.iso_day(cal.resolve_hijri_day_month(p, month, day, mode))
            else:
                hy = cal.resolve_hijri_month(p, month, mode)
                value = cal.iso_day(cal.hijri_to_date(hy, month)) if hy else None
    elif yy:
        value = cal.iso_day(cal.valid_date(int(yy), month, day)) if day else cal.iso_month(int(yy), month)
    elif p is not None:
        if ymod:
            y = p.year + lex.modifiers[_key(ymod, lex.modifiers)][0]
            value = cal.iso_day(cal.valid_date(y, month, day)) if day else cal.iso_month(y, month)
        else:
            mode = _mode(mmod, nt, start, lex)
            if day:
                value = cal.iso_day(cal.resolve_day_month(p, month, day, mode))
            else:
                value = cal.iso_month(*cal.resolve_month(p, month, mode))
    if not yy and lex.recurring.match(nt, end):
        value = None  # ٣٠ محرم من كل عام: a date that comes every year, not one day
    return [Found(start, end, value, kind, day is not None, bool(yy))], end


def _year_value(y: int, era: str, p: date | None) -> tuple[str | None, str] | None:
    hijri_era = _hijri_era(era)
    if not hijri_era and not era and cal.HIJRI_MIN <= y <= cal.HIJRI_MAX:
        # 1436 in a Saudi report is a Hijri year; 1453 in a history piece is not: decide by the date
        here = cal.to_hijri(p) if p is not None else None
        if here is None:
            return None, "year"
        hijri_era = abs(here[0] - y) <= 5
    if hijri_era:
        return cal.iso_day(cal.hijri_to_date(y, 1, 1)), "hijri"
    if not 1000 <= y <= 2200:
        return None
    return cal.iso_year(y), "year"


def _year(m: re.Match, nt: str, p: date | None, lex: TimeLexicon) -> tuple[list[Found], int] | None:
    g = m.group
    start, end = m.start("expr"), m.end("expr")
    if g("yr2") and _blocked(lex.block_before.get("bare_year"), _prev_word(nt, m.start())):
        return None  # مسافة 1200 م: metres
    if g("yr") or g("yr2"):
        got = _year_value(int(g("yr") or g("yr2")), g("yera") or g("yera2") or "", p)
        if got is None:
            return None
        found = [Found(start, end, got[0], got[1], explicit_year=True)]
        more = _MORE_YEAR.match(nt, end)  # عامي 2014 و2015
        if more and g("yr"):
            extra = _year_value(int(more.group(1)), "", p)
            if extra is not None:
                found.append(Found(more.start(1), more.end(1), extra[0], extra[1], explicit_year=True))
                end = more.end()
        return found, end
    if g("thisyear"):
        return [Found(start, end, cal.iso_year(p.year) if p else None, "year")], end
    if _key(g("ynoun2"), {}).endswith("عام") and _blocked(lex.block_before.get("العام"), _prev_word(nt, m.start())):
        return None  # الأمين العام السابق: العام is "general" here
    mod = _key(g("ymod2"), lex.modifiers)
    shift = -2 if mod.startswith("قبل") else lex.modifiers[mod][0]
    return [Found(start, end, cal.iso_year(p.year + shift) if p else None, "year")], end


def _days(m: re.Match, nt: str, p: date | None, lex: TimeLexicon) -> tuple[list[Found], int] | None:
    g = m.group
    start, end = m.start("expr"), m.end("expr")
    prev = _prev_word(nt, m.start())
    anchored = bool(g("dp") or g("yawm2"))
    if g("rd"):
        rd = _key(g("rd"), lex.relative_days)
        offset, needs_anchor = lex.relative_days[rd]
        if needs_anchor and not anchored:
            return None
        if not g("wda"):
            nxt = _next_word(nt, end)
            if _blocked(lex.block_before.get(rd), prev) or _blocked(lex.block_after.get(rd), nxt):
                return None  # عين اليوم، في اليوم، اليوم التالي، في أمس الحاجة
            if rd == "اليوم" and nxt.startswith("ال") and nxt.endswith("ي") and len(nxt) >= 5 \
                    and nxt not in lex.weekdays:
                return None  # اليوم الوطني، اليوم العالمي: an adjective makes it "the day", not "today"
        day = cal.shift_days(p, offset) if p else None
        wda = _key(g("wda"), lex.weekdays) if g("wda") else None
        if day is not None and wda in lex.weekdays:
            # اليوم الأربعاء in a paper dated Thursday (a print edition dated the day after): the day named wins,
            # the nearest one to the day the word points at
            ahead = (lex.weekdays[wda] - day.isoweekday()) % 7
            moved = ahead - 7 if ahead > 3 else ahead
            return [Found(start, end, cal.iso_day(cal.shift_days(day, moved)), "relative", True, moved=moved)], end
        return [Found(start, end, cal.iso_day(day), "relative", True)], end
    wd = _key(g("wd"), lex.weekdays)
    if not anchored and (_blocked(lex.block_before.get("weekday"), prev) or _blocked(lex.block_before.get(wd), prev)):
        return None
    mod = g("wmod")
    if not mod:
        shared = lex.coordinated.match(nt, end)  # يومي الأحد والاثنين المقبلين
        mod = shared.group("mod") if shared else None
    if g("wd2") and _key(g("dp") or "", _NIGHT) not in _NIGHT:
        end, mod = m.end("wd"), None  # two weekdays in a row belong together only in ليلة الثلاثاء الأربعاء
    if not mod and _blocked(lex.block_after.get(wd), _next_word(nt, end)):
        return None
    after_next = None if mod else _AFTER_NEXT.match(nt, end)
    value = None
    if p is not None:
        mode = _mode(mod, nt, start, lex)
        day = cal.resolve_weekday(p, lex.weekdays[wd], "past" if mode == "current" else mode)
        if after_next:  # الأربعاء بعد القادم: a week after the coming Wednesday (the first one after today)
            day = cal.shift_days(cal.resolve_weekday(cal.shift_days(p, 1), lex.weekdays[wd], "future"), 7)
        value = cal.iso_day(day)
    if after_next:
        end = after_next.end()
    return [Found(start, end, value, "weekday", True, weekday=lex.weekdays[wd])], end


def _number_words(text: str, lex: TimeLexicon) -> int:
    """خمسة وعشرين -> 25: Arabic puts units before tens and joins them with و, so the parts add up."""
    return sum(lex.numbers[_key(part, lex.numbers)] for part in re.split(r"\s+و\s*", text.strip()))


def _week(m: re.Match, p: date | None, lex: TimeLexicon) -> tuple[list[Found], int]:
    """الأسبوع الماضي / المقبل / الجاري، هذا الأسبوع: the Monday that starts that week (kind "week": the value is a
    day, the expression a week)."""
    shift = lex.modifiers[_key(m.group("wkmod"), lex.modifiers)][0] if m.group("wkmod") else 0
    value = cal.iso_day(cal.shift_days(p, 7 * shift - p.weekday())) if p is not None else None
    return [Found(m.start("expr"), m.end("expr"), value, "week")], m.end("expr")


def _ago(m: re.Match, p: date | None, lex: TimeLexicon) -> tuple[list[Found], int] | None:
    g = m.group
    unit, count = lex.units[_key(g("unit"), lex.units)]
    n = int(g("an")) if g("an") else _number_words(g("aw"), lex) if g("aw") else count
    if n is None or n > 5000:
        return None  # منذ أيام: no number, nothing to compute
    value = None
    if p is not None:
        if unit in ("day", "week"):
            value = cal.iso_day(cal.shift_days(p, -n * (7 if unit == "week" else 1)))
        elif unit == "month":
            value = cal.iso_month(*cal.add_months(p.year, p.month, -n))
        else:
            value = cal.iso_year(p.year - n)
    return [Found(m.start("expr"), m.end("expr"), value, "relative", unit != "month" and unit != "year")], m.end()


def find_times(nt: str, p: date | None, lex: TimeLexicon | None = None) -> list[Found]:
    """All time expressions in folded text ``nt``, resolved against publication date ``p``.

    A story that says اليوم الأربعاء under a Thursday date (a paper dated the day after it went to press) was
    written on the Wednesday: the first such day named moves the anchor of every relative expression (أمس، غدا،
    الأحد الماضي) in it, by at most three days."""
    return anchored_times(nt, p, lex)[0]


def anchored_times(nt: str, p: date | None, lex: TimeLexicon | None = None) -> tuple[list[Found], date | None]:
    """find_times, and the day the expressions were resolved against (``p``, or the day the story names)."""
    lex = lex or time_lexicon()
    found = _find_times(nt, p, lex)
    moved = next((f.moved for f in found if f.moved), 0)
    written = cal.shift_days(p, moved) if moved and p is not None else None
    return (_find_times(nt, written, lex), written) if written is not None else (found, p)


def _find_times(nt: str, p: date | None, lex: TimeLexicon) -> list[Found]:
    search = lex.pattern.search
    out: list[Found] = []
    pos = 0
    m = lex.at_start.match(nt)
    while True:
        if m is None:
            m = search(nt, pos)
            if m is None:
                break
        if m.group("numeric"):
            got = _numeric(m, p, lex)
        elif m.group("date"):
            got = _date(m, nt, p, lex)
        elif m.group("year"):
            got = _year(m, nt, p, lex)
        elif m.group("week"):
            got = _week(m, p, lex)
        elif m.group("days"):
            got = _days(m, nt, p, lex)
        else:
            got = _ago(m, p, lex)
        if got is None:  # rejected (ثورة 25 يناير, صلاة الجمعة): skip it whole, its parts are not times either
            pos = m.end() - 1  # the next match may begin with this one's last (non-word) character
        else:
            out.extend(got[0])
            pos = max(got[1], m.start("expr") + 1)
        m = None
    return _merge(nt, out, p)


def _merge(nt: str, found: list[Found], p: date | None = None) -> list[Found]:
    """"الأربعاء 3 مارس 2021" / "أمس الموافق ..." are one expression: a day word followed by its date."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        f = _in_year_of_sentence(nt, f, out, p)
        if (prev is not None and prev.kind in ("weekday", "relative") and prev.day_level and f.day_level
                and f.kind in ("date", "hijri") and _JOIN.match(nt[prev.end:f.start])):
            value = f.value if f.explicit_year or f.kind != "date" else _year_by_weekday(f.value, prev.weekday)
            out[-1] = Found(prev.start, f.end, value, f.kind, True, f.explicit_year)
        elif (prev is not None and prev.kind in ("month", "date") and f.kind in ("month", "date") and prev.value
              and f.value and not f.explicit_year and f.value < prev.value and _RANGE.match(nt[prev.end:f.start])):
            # بين يونيو وسبتمبر, من مارس إلى مايو: the second month is the first one after the first, not the
            # most recent one before the publication date
            y = int(prev.value[:4]) + (f.value[4:] < prev.value[4:])
            out.append(replace(f, value=f"{y}{f.value[4:]}"))
        else:
            out.append(f)
    return out


def _in_year_of_sentence(nt: str, f: Found, before: list[Found], p: date | None) -> Found:
    """A month with no year or modifier in a sentence that named this year or a coming one before it belongs to that
    year: 'يرفع البنك الفائدة هذا العام، ربما في سبتمبر' (published in July) is September of this year,
    not the last September."""
    if f.kind not in ("month", "date") or f.explicit_year or not f.value or p is None or _MODIFIED.search(
            nt, f.start, f.end):
        return f
    for y in reversed(before):
        if _SENTENCE_END.search(nt, y.end, f.start):
            break
        if y.kind == "year" and y.value and len(y.value) == 4 and int(y.value) >= p.year:
            return replace(f, value=y.value + f.value[4:])
    return f


def _year_by_weekday(value: str | None, isoweekday: int) -> str | None:
    """"الجمعة 7 أغسطس" without a year: of the year resolved and its neighbours, the one where it is a Friday."""
    if value is None or not isoweekday or len(value) != 10:
        return value
    d = date.fromisoformat(value)
    for shift in (0, -1, 1):
        c = cal.valid_date(d.year + shift, d.month, d.day)
        if c is not None and c.isoweekday() == isoweekday:
            return c.isoformat()
    return value


def _dateline_date(doc: Document, norm) -> date | None:
    """The full date an agency's dateline gives (الرياض 10 جمادى الأولى 1447 هـ الموافق 1 نوفمبر 2025 م واس):
    the day its اليوم and أمس mean, whatever day the article was published or collected."""
    dl = doc.dateline
    if dl is None or dl.start is None or dl.end is None:
        return None
    a, b = ((dl.start, dl.end) if norm.index is None
            else (bisect_left(norm.index, dl.start), bisect_left(norm.index, dl.end)))
    for f in find_times(norm.text[a:b], cal.parse_published(doc.published)):
        if f.kind == "date" and f.value and len(f.value) == 10:
            return date.fromisoformat(f.value)
    return None


def _names(doc: Document) -> list[tuple[int, int]]:
    """Character spans of organisation names and of the dateline's outlet (an outlet named as written)."""
    spans = [(m.start, m.end) for e in doc.entities if e.type == "ORG" for m in e.mentions]
    dl = doc.dateline
    if dl is not None and dl.source and dl.start is not None and dl.end is not None:
        at = doc.text.find(dl.source, dl.start, dl.end)
        if at >= 0:
            spans.append((at, at + len(dl.source)))
    return spans


@stage("times", requires=("tokens",), provides=("times",))
def times(doc: Document) -> Document:
    """Time expressions with values resolved against the publication date."""
    norm = doc.norm if doc.norm is not None else fold(doc.text)
    text = doc.text
    exprs = []
    names = _names(doc)
    published = cal.parse_published(doc.published)
    found, today = anchored_times(norm.text, _dateline_date(doc, norm) or published)
    for f in found:
        a, b = norm.to_orig(f.start, f.end)
        if any(x <= a and b <= y for x, y in names):
            continue  # «المصري اليوم»، روسيا اليوم: a word of time inside an organisation's or outlet's name
        b = _MARKS.match(text, b).end()  # keep the word's last mark (غداً، 1442 هـ)
        exprs.append(TimeExpr(f"T{len(exprs) + 1}", text[a:b], a, b, f.value, f.kind))
    return doc.evolve(times=tuple(exprs), today=cal.iso_day(today) if today != published else None)
