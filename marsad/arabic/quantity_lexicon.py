"""The word lists the quantities stage reads: units, currencies, context words, casualty cues (loaded once)."""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic.lexicon import read_tsv, word_set
from marsad.arabic.normalize import fold_str
from marsad.arabic.numerals import CLITICS
from marsad.geo import organisation_names

COUNTABLE = frozenset({"person", "casualty", "military", "object"})  # classes counted in whole units
SIGNS = "%٪$€"


@lru_cache(maxsize=1)
def units() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First folded token -> [(rest of the phrase, canonical unit, class)], longest phrases first."""
    table: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}

    def add(phrase: str, unit: str, cls: str) -> None:
        toks = tuple(fold_str(phrase).split())
        if not toks:
            return
        first = toks[0]
        variants = {first}
        if first[0].isalpha() and len(toks) == 1 and not first.startswith("ال"):
            variants |= {first + "ا", "ال" + first}  # قتيلا، القتلى
            variants -= function_words  # كلم + ا is كلما "whenever", not kilometres
        for v in variants:
            entry = (toks[1:], unit, cls)
            bucket = table.setdefault(v, [])
            if entry not in bucket:
                bucket.append(entry)
                bucket.sort(key=lambda e: -len(e[0]))

    function_words = word_set("function_words.tsv")
    for form, unit, cls, *_ in read_tsv("counted_nouns.tsv"):
        add(form, unit, cls)
    for form, unit, kind in read_tsv("currencies.tsv"):
        if kind != "adjective":
            add(form, unit, "money")
    return table


@lru_cache(maxsize=1)
def singulars() -> dict[str, tuple[str, str]]:
    """Singular counted nouns (folded) -> (unit, class), for sound plurals not listed: مستثمرين -> مستثمر."""
    out = {}
    for form, unit, cls, *_ in read_tsv("counted_nouns.tsv"):
        if cls in COUNTABLE and form == unit:
            out[fold_str(form)] = (unit, cls)
    return out


@lru_cache(maxsize=1)
def implied_numbers() -> dict[str, tuple[int, int | float, str, str]]:
    """Forms that carry their own number (ضعفين = 2 أضعاف), with proclitics -> (clitic length, n, unit, class)."""
    out = {}
    rows = [r + [""] * (4 - len(r)) for r in read_tsv("counted_nouns.tsv")]
    for form, unit, cls, implied in rows:
        if implied:
            for c in CLITICS:
                out[c + fold_str(form)] = (len(c), float(implied), unit, cls)
    for dual, unit, cls in _duals(rows):
        for c in CLITICS:
            out.setdefault(c + dual, (len(c), 2.0, unit, cls))
    return out


DUAL_CLASSES = ("person", "casualty", "military")  # مقتل جنديين، إصابة طفلين: the dual is the count


def _duals(rows: list[list[str]]) -> list[tuple[str, str, str]]:
    """Dual forms of counted people (شخصان، جنديين، امرأتين), folded: -ان always; -ين only when the noun has a
    broken plural (جنود، أطفال), since -ين is otherwise its sound plural (مصابين، معتقلين are many, not two)."""
    listed = {fold_str(r[0]) for r in rows} | organisation_names()  # (طالبان, the Taliban, stays a name)
    broken = {r[1] for r in rows if r[0] != r[1] and not r[0].endswith(("ين", "ون", "ات"))}
    out = []
    for form, unit, cls, _ in rows:
        if form != unit or cls not in DUAL_CLASSES:
            continue
        stem = form[:-1] + "ت" if form.endswith("ة") else form
        for suffix in ("ان", "ين") if unit in broken else ("ان",):
            dual = fold_str(stem + suffix)
            if dual not in listed:
                out.append((dual, unit, cls))
    return out


@lru_cache(maxsize=1)
def number_context() -> dict[str, dict[str, str]]:
    """where (before | after | suffix | hedge) -> {folded word: reason}."""
    out: dict[str, dict[str, str]] = {}
    for form, where, reason in read_tsv("number_context.tsv"):
        out.setdefault(where, {})[fold_str(form)] = reason
    for form, _month, _cal in read_tsv("quantity_months.tsv"):
        out.setdefault("after", {})[fold_str(form)] = "date"
    return out


@lru_cache(maxsize=1)
def currency_adjectives() -> frozenset[str]:
    """Nationality words that may follow a currency (دولار أمريكي), in their inflected forms."""
    forms = set()
    for form, _unit, kind in read_tsv("currencies.tsv"):
        if kind == "adjective":
            f = fold_str(form)
            f = f[:-1] if f.endswith("ه") else f
            for v in (f, f + "ا", f + "ه", f + "ين", f + "ون"):
                forms.update((v, "ال" + v))
    return frozenset(forms)


@lru_cache(maxsize=1)
def quantity_cues() -> dict[str, str]:
    """Event word (folded) -> the unit its number counts (مقتل -> قتيل)."""
    return {fold_str(r[0]): r[1] for r in read_tsv("quantity_cues.tsv")}


@lru_cache(maxsize=1)
def nationality_nouns() -> dict[str, str]:
    """Nationality adjectives used as nouns after a number (700 بريطاني، 9 لبنانيين) -> the adjective as unit.

    Read from nationalities.tsv (the entities stage's list); words flagged ambiguous there (مالي، عربي) are left out.
    """
    out = {}
    for row in read_tsv("nationalities.tsv"):
        if len(row) >= 5 and row[4] == "adjective" and row[3] == "0" and row[2] in ("nation", "ethnic", "religious"):
            out[fold_str(row[0])] = row[0]
    return out


@lru_cache(maxsize=1)
def standalone_number() -> re.Pattern[str]:
    """A digit token must be a word by itself: brackets/quotes, a clitic or currency/percent sign, the digits (one
    dash pair allowed: 20-30; 6ر6 is 6.6 in agency copy), a sign or a year letter glued after (2021م، 1442ه: data
    rows with where=suffix), closing punctuation."""
    suffixes = sorted(k for k in number_context().get("suffix", {}))
    suf = "|".join([re.escape(c) for c in SIGNS] + [re.escape(s) for s in suffixes])
    return re.compile(
        r"[(\[«\"“'<]*[وفبلك]{0,2}(?P<pre>US\$|\$|€|£|%|٪)?\d[\d.,]*(?:ر\d+)?(?:[-–—]\d[\d.,]*)?"
        rf"(?P<suf>{suf})?[)\]»\"”'>.,،؛:!?؟]*"
    )
