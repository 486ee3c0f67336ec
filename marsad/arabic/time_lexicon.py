"""The time-expression grammar: word tables from ``data/*.tsv`` compiled into one regex over folded text.

One pattern finds every construct in a single left-to-right pass in C; Python only runs for the few
matches (a news article has a handful). Word lists are compiled as character tries so the engine does
not try a hundred alternatives at each word start. Every construct starts at a word boundary and may carry
the proclitics و ف (and ب ك ل before the article or a period noun, with ل + ال written لل), which stay
outside the reported span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.lexicon import read_tsv
from marsad.arabic.normalize import fold_str

S = r"[^\S\n]+"   # spaces within a line: an expression never crosses a line break
S0 = r"[^\S\n]*"


@dataclass(frozen=True)
class MonthName:
    calendar: str  # gregorian, syriac, maghrebi, moroccan, hijri
    month: int
    ambiguous: bool

    @property
    def hijri(self) -> bool:
        return self.calendar == "hijri"


@dataclass(frozen=True)
class TimeLexicon:
    """Folded word tables and the compiled pattern; built once per process by :func:`time_lexicon`."""

    months: dict[str, MonthName]
    weekdays: dict[str, int]
    relative_days: dict[str, tuple[int, bool]]
    day_parts: dict[str, str]
    modifiers: dict[str, tuple[int, str]]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, int | None]]
    numbers: dict[str, int]
    month_cues: frozenset[str]
    future_words: frozenset[str]
    not_future: frozenset[str]
    block_before: dict[str, frozenset[str]]
    block_after: dict[str, frozenset[str]]
    pattern: re.Pattern[str]
    at_start: re.Pattern[str]
    coordinated: re.Pattern[str]  # "والاثنين المقبلين" after a weekday: the shared modifier
    recurring: re.Pattern[str]    # "من كل عام" after a date: a yearly date, not one day


def trie_regex(words: list[str]) -> str:
    """A regex matching exactly ``words`` (folded; a space matches a run of spaces), longest first."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(S if ch == " " else re.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
        return body

    return build(root)


def word_regex(words: list[str]) -> str:
    """Whole words from ``words``; a leading article may also be the single ل of ل + ال (للعام)."""
    with_article = sorted({w[2:] for w in words if w.startswith("ال") and len(w) > 2})
    plain = sorted({w for w in words if not (w.startswith("ال") and len(w) > 2)})
    parts = []
    if with_article:
        parts.append("(?:ال|(?<=ل)ل)" + trie_regex(with_article))
    if plain:
        parts.append(trie_regex(plain))
    return "(?:" + "|".join(parts) + r")(?!\w)"


def _rows(name: str) -> list[list[str]]:
    return [r for r in read_tsv(name) if r and r[0]]


def _build_pattern(lex: dict) -> tuple[re.Pattern[str], re.Pattern[str]]:
    month = word_regex(list(lex["months"]))
    weekday = word_regex(list(lex["weekdays"]))
    relday = word_regex(list(lex["relative_days"]))
    daypart = word_regex(list(lex["day_parts"]))
    mod = word_regex(list(lex["modifiers"]))
    ordinal = word_regex(list(lex["ordinals"]))
    unit = word_regex(list(lex["units"]))
    number = word_regex(list(lex["numbers"]))
    art = r"(?:ال|(?<=ل)ل)"
    hijri_mark = r"(?:للهجره|الهجري|هجريه|هجري|ه)(?!\w)"
    era = rf"(?P<{{g}}>{hijri_mark}|(?:ميلاديه|ميلادي|م)(?!\w))"
    prefix = r"(?<!\w)[وف]?(?:[بلك](?=ال|عام|سنه|شهر|يوم|\d)|ل(?=ل))?"
    mspec = (rf"(?:\({S0}(?P<mp>{month}){S0}\)(?:{S0}(?P<mp2>{month}))?"
             rf"|(?P<m1>{month})(?:{S0}(?:[/\-–]{S0}|\({S0})?(?P<m2>{month})(?:{S0}\))?)?"
             rf"|(?P<curm>{art}شهر{S}(?P<cmod>{mod})|هذا{S}الشهر(?!\w)))")
    day = (rf"(?:(?P<yawm1>يوم){S})?"
           rf"(?:(?:ال)?(?P<dd>\d{{1,2}})(?!\d){S0}(?:من{S})?|(?P<dw>{ordinal}){S}من{S})")  # الـ7 من
    year_tail = (rf"(?:{S}(?:من{S})?(?:(?:ال)?(?:عام|سنه){S})?(?P<yy>\d{{4}})(?!\d)(?:{S0}{era.format(g='era')})?"
                 rf"|{S}(?P<mmod>{mod})"
                 rf"|{S}من{S}(?:ال)?(?:عام|سنه){S}(?P<ymod>{mod}))?")
    numeric = (rf"(?:(?P<ny>\d{{4}}){S0}(?P<ns1>[-/.]){S0}(?P<nm>\d{{1,2}}){S0}(?P=ns1){S0}(?P<nd>\d{{1,2}})"
               rf"|(?P<nd2>\d{{1,2}}){S0}(?P<ns2>[-/.]){S0}(?P<nm2>\d{{1,2}}){S0}(?P=ns2){S0}(?P<ny2>\d{{4}}))"
               rf"(?![\d/.\-]\d)(?:{S0}{era.format(g='nera')})?")
    year = (rf"(?:(?P<ynoun>(?:{art})?(?:عام|سنه)|عامي|سنتي){S}(?P<yr>\d{{4}})(?!\d)(?:{S0}{era.format(g='yera')})?"
            rf"|(?P<yr2>\d{{4}}){S0}{era.format(g='yera2')}"
            rf"|(?P<ynoun2>{art}(?:عام|سنه)){S}(?P<ymod2>قبل{S}الماضي(?!\w)|{mod})"
            rf"|(?P<thisyear>هذا{S}العام|هذه{S}السنه)(?!\w))")
    days = (rf"(?:(?P<dp>{daypart}){S})?(?:(?P<yawm2>يومي|يوم){S})?"
            rf"(?:(?P<rd>{relday})(?:(?:{S}|{S0}[(\-–]{S0})(?:يوم{S})?(?P<wda>{weekday})(?:{S0}[)\-–])?)?"
            rf"|(?P<wd>{weekday})(?:{S0}[-/–]?{S0}(?P<wd2>{weekday}))?(?:{S}(?P<wmod>{mod}))?)")
    ago = (rf"(?P<ago>منذ|قبل){S}(?:(?:نحو|حوالي|قرابه){S})?"
           rf"(?:(?P<an>\d{{1,4}})(?!\d){S0}|(?P<aw>{number}(?:{S}و{S0}{number})?){S})?(?P<unit>{unit})(?:{S}واحد(?:ه)?(?!\w))?"
           rf"(?!{S0}\d|{S}(?:ال|من(?!\w)|علي(?!\w)|{month}|واحده?{S}(?:من|علي)(?!\w)))")
    # Every construct's first word, as one trie: most words fail here after a character or two instead of
    # being tried against each construct in turn (this halves the cost of the scan).
    firsts = {w.split()[0] for table in ("months", "weekdays", "relative_days", "day_parts", "ordinals")
              for w in lex[table]}
    firsts |= {"يوم", "يومي", "شهر", "الشهر", "هذا", "هذه", "عام", "سنه", "العام", "السنه", "عامي", "سنتي",
               "منذ", "قبل", "الاسبوع", "لاسبوع"}
    guard = rf"(?=\d|\(|ال\d|{word_regex(sorted(firsts))})"
    week = rf"(?:{art}اسبوع{S}(?P<wkmod>{mod})|هذا{S}الاسبوع(?!\w))"  # الأسبوع الماضي، هذا الأسبوع
    body = (rf"(?P<numeric>{numeric})|(?P<date>(?:{day})?(?P<shahr>شهر{S})?{mspec}{year_tail})"
            rf"|(?P<year>{year})|(?P<week>{week})|(?P<days>{days})|{ago}")
    # The leading non-word character lets the engine skip the inside of words at C speed (a pattern that
    # starts with a character class gets a fast prefix scan; one that starts with a lookbehind does not).
    # ``at_start`` covers an expression at offset 0, where there is no such character.
    return re.compile(rf"[^\w]{prefix}{guard}(?P<expr>{body})"), re.compile(rf"{prefix}{guard}(?P<expr>{body})")


def _build_extras(lex: dict) -> dict[str, re.Pattern[str]]:
    weekday = rf"(?:يوم{S})?" + word_regex(list(lex["weekdays"]))
    mod = word_regex(list(lex["modifiers"]))
    return {
        "coordinated": re.compile(rf"(?:{S0}و{S0}{weekday})+{S}(?P<mod>{mod})"),
        "recurring": re.compile(rf"{S}(?:من{S})?كل{S}(?:عام|سنه)(?!\w)"),
    }


@lru_cache(maxsize=None)
def time_lexicon() -> TimeLexicon:
    """Load the tables and compile the pattern (once per process)."""
    months = {fold_str(r[0]): MonthName(r[1], int(r[2]), r[3] == "1") for r in _rows("calendar_months.tsv")}
    weekdays = {fold_str(r[0]): int(r[1]) for r in _rows("weekdays.tsv")}
    relative_days = {fold_str(r[0]): (int(r[1]), r[2] == "1") for r in _rows("relative_days.tsv")}
    day_parts = {fold_str(r[0]): r[1] for r in _rows("day_parts.tsv")}
    modifiers = {fold_str(r[0]): (int(r[1]), r[2]) for r in _rows("time_modifiers.tsv")}
    ordinals = {fold_str(r[0]): int(r[1]) for r in _rows("ordinal_days.tsv")}
    units = {fold_str(r[0]): (r[1], int(r[2]) if len(r) > 2 and r[2] else None) for r in _rows("time_units.tsv")}
    numbers = {fold_str(r[0]): int(r[1]) for r in _rows("time_numbers.tsv")}
    ctx = [(fold_str(r[0]), r[1], fold_str(r[2])) for r in _rows("time_context.tsv")]
    before: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    for word, role, target in ctx:
        if role == "block_before":
            before.setdefault(target, set()).add(word)
        elif role == "block_after":
            after.setdefault(target, set()).add(word)
    tables: dict = dict(months=months, weekdays=weekdays, relative_days=relative_days, day_parts=day_parts,
                  modifiers=modifiers, ordinals=ordinals, units=units, numbers=numbers)
    pattern, at_start = _build_pattern(tables)
    return TimeLexicon(
        **tables,
        month_cues=frozenset(w for w, role, _ in ctx if role == "cue"),
        future_words=frozenset(w for w, role, _ in ctx if role == "future"),
        not_future=frozenset(w for w, role, _ in ctx if role == "not_future"),
        block_before={k: frozenset(v) for k, v in before.items()},
        block_after={k: frozenset(v) for k, v in after.items()},
        pattern=pattern,
        at_start=at_start,
        **_build_extras(tables),
    )
