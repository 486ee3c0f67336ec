"""Arabic numbers on folded text: digits with separators, and number words in every common spelling.

Words come from ``data/number_words.tsv``. Parsing works on a sequence of folded tokens (the pipeline's
``Token.norm``) so the quantities stage can map token spans back to the original text:

    ثلاثة وعشرون -> 23        اربعه الاف -> 4000       مليون ونصف -> 1500000
    2.5 مليون -> 2500000      عشرات الالاف -> 20000..90000 (vague: value None, low/high set)

Arabic orders units before tens (خمسة وعشرون) and joins every part after the first with و, which is the only
glue accepted; anything else ends the number, so "ثلاثة رجال وخمس نساء" gives two numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from marsad.arabic.lexicon import read_tsv
from marsad.arabic.normalize import fold_str

# Proclitics a number word may carry (و ف conjunctions, ب ل ك prepositions and their pairs).
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")
# Article forms for vague words (العشرات، بالآلاف، للمئات); the clitic part is what the span leaves out.
# ل + ال is written لل: the span then keeps the whole word rather than start inside it.
ARTICLES = (("ال", 0), ("وال", 1), ("فال", 1), ("بال", 1), ("كال", 1), ("لل", 0), ("ولل", 1))
MIN_CLITIC_STEM = 3  # ست، ين ... with a clitic collide with common words (لست)


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: float
    kind: str            # unit ten hundred scale dual fraction vague ordinal
    low: float | None    # set when the word can stand for a vague amount (عشرات، آلاف)
    high: float | None
    alone: bool          # a quantity by itself (False: واحد، نصف need a partner)


@dataclass(frozen=True, slots=True)
class NumberParse:
    """A number found over tokens ``[start, end)``; ``prefix`` proclitic letters precede it in the first token."""

    start: int
    end: int
    prefix: int
    value: float | int | None
    low: float | int | None = None
    high: float | int | None = None
    base: float | None = None     # the part multiplied by the last scale (4 in أربعة آلاف)
    scale: float | None = None    # that scale (1000), used to share it across a range: بين 3 و5 ملايين
    digits_only: bool = False     # one digit token, nothing else (years and ids look like this)
    parts: int = 1


def _num(s: str) -> float | None:
    return float(s) if s else None


@lru_cache(maxsize=1)
def number_words() -> dict[str, NumberWord]:
    """Folded number word -> entry."""
    out: dict[str, NumberWord] = {}
    for r in read_tsv("number_words.tsv"):
        r += [""] * (6 - len(r))
        out[fold_str(r[0])] = NumberWord(float(r[1]), r[2], _num(r[3]), _num(r[4]), r[5] == "1")
    return out


@lru_cache(maxsize=1)
def number_forms() -> dict[str, tuple[int, NumberWord]]:
    """Every written form of a number word, with proclitics, -> (clitic length to skip, entry)."""
    forms: dict[str, tuple[int, NumberWord]] = {}
    never = {fold_str(r[0]) for r in read_tsv("number_context.tsv") if len(r) > 1 and r[1] == "never"}
    for word, nw in number_words().items():
        if nw.kind == "ordinal":
            continue
        for c in CLITICS:
            if c and len(word) < MIN_CLITIC_STEM:
                continue
            forms.setdefault(c + word, (len(c), nw))
        if nw.low is not None:
            for art, skip in ARTICLES:
                forms.setdefault(art + word, (skip, nw))
    return {f: v for f, v in forms.items() if f not in never}


@lru_cache(maxsize=1)
def ordinals() -> frozenset[str]:
    return frozenset(w for w, nw in number_words().items() if nw.kind == "ordinal")


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = {",": re.compile(r"\d{1,3}(?:,\d{3})+"), ".": re.compile(r"\d{1,3}(?:\.\d{3}){2,}")}


def parse_digits(s: str) -> int | float | None:
    """Value of an ASCII digit string with separators: 1,200 · 3.5 · 1,200.5 · 1.200.000 · 1,5 (decimal comma).

    Returns None for shapes that are not one number (10.5.2021, 1,20,3).
    """
    if not _DIGITS.fullmatch(s):
        return None
    if "," in s and "." in s:
        head, _, frac = s.rpartition(".")
        if "." in head or not _THOUSANDS[","].fullmatch(head):
            return None
        return clean_number(float(head.replace(",", "") + "." + frac))
    for sep in (",", "."):
        if sep in s:
            if _THOUSANDS[","].fullmatch(s) if sep == "," else _THOUSANDS["."].fullmatch(s):
                return int(s.replace(sep, ""))
            if s.count(sep) == 1:  # a single separator not followed by three digits is a decimal mark
                return clean_number(float(s.replace(",", ".")))
            return None
    return int(s)


def clean_number(v: float) -> int | float:
    """Integers as int (4000, not 4000.0); other values rounded off float noise (1/3 * 3)."""
    r = round(v, 6)
    return int(r) if r == int(r) and abs(r) < 1e18 else r


def _component(word: str) -> tuple[str, float, NumberWord | None] | None:
    """(kind, value, entry) of one bare (clitic-free) token."""
    if word and word[0].isdigit():
        v = parse_digits(word.rstrip("%"))
        return None if v is None else ("digits", v, None)
    nw = number_words().get(word)
    if nw is None or nw.kind in ("ordinal", "vague"):
        return None
    return nw.kind, nw.value, nw


def parse_number(norms: Sequence[str], i: int, limit: int) -> NumberParse | None:
    """The longest number starting at token ``i`` (tokens before ``limit``), or None."""
    word = norms[i]
    if word.isdigit() and i + 2 < limit and norms[i + 1] == "ر" and norms[i + 2].isdigit():
        # 6ر6 مليار: the news agencies' decimal mark (SPA, KUNA) is the letter ر between the digits
        p = _parse_compound(norms, i + 2, limit, 0, "digits", float(f"{int(word)}.{norms[i + 2]}"), None)
        return None if p is None else replace(p, start=i)
    if word[:1].isdigit():
        v = parse_digits(word.rstrip("%"))
        if v is None:
            return None
        prefix, kind, value, nw = 0, "digits", v, None
    else:
        hit = number_forms().get(word)
        if hit is None:
            return None
        prefix, nw = hit
        kind, value = nw.kind, nw.value
        stem = word[prefix:]
        if nw.kind == "vague" or (nw.low is not None and (stem.startswith("ال") or nw.kind == "scale")):
            return _parse_vague(norms, i, limit, prefix, nw)
    return _parse_compound(norms, i, limit, prefix, kind, value, nw)


def _parse_vague(norms: Sequence[str], i: int, limit: int, prefix: int, nw: NumberWord) -> NumberParse:
    """عشرات، مئات الآلاف، بضعة ملايين: a range for an amount the text does not give."""
    low, high, end = nw.low, nw.high, i + 1
    if end < limit:
        words = number_words()
        nxt = norms[end]  # آلاف folds to الاف: try the word whole before taking ال off it
        other = words.get(nxt) or (words.get(nxt[2:]) if nxt.startswith("ال") else None)
        if other is not None and other.kind in ("scale", "vague") and other.value > 1:
            low, high, end = low * other.value, high * other.value, end + 1
    return NumberParse(i, end, prefix, None, clean_number(low), clean_number(high))


def _parse_compound(norms: Sequence[str], i: int, limit: int, prefix: int, kind: str, value: float,
                    nw: NumberWord | None) -> NumberParse | None:
    """Sum and multiply parts glued by و: units before tens, scales after their multiplier."""
    total, group, last = 0.0, 0.0, kind
    last_scale = float("inf")
    base = scale = None
    if kind == "dual":  # ألفين = 2 x 1000, and may go on: ألفين وخمسمائة
        scale = value / 2 if value >= 1000 else None
        total, base, last, last_scale = value, 2.0, "scale", (scale or value)
    elif kind == "scale":
        total, base, scale, last_scale = value, 1.0, value, value
    else:
        group = value
    parts, j = 1, i + 1
    while j < limit:
        tok = norms[j]
        step, conj = 1, False
        if tok == "و" and j + 1 < limit:
            tok, step, conj = norms[j + 1], 2, True
        elif tok.startswith("و") and len(tok) > 1 and tok not in number_words():  # واحد keeps its و
            tok, conj = tok[1:], True
        comp = _component(tok)
        if comp is None:
            break
        ckind, v, _ = comp
        if not conj:
            if ckind == "scale" and last != "scale" and v < last_scale and (group > 0):
                base, scale = group, v
                total += group * v
                group, last, last_scale = 0.0, "scale", v
            elif ckind == "scale" and last == "scale" and group == 0 and v > last_scale:
                base, scale = total, v                        # ألف مليون = a billion
                total, last_scale = total * v, v
            elif ckind == "hundred" and v == 100 and last == "unit" and 1 <= group <= 9:
                group, last = group * 100, "hundred"          # ثلاث مئة
            elif ckind == "unit" and v == 10 and last == "unit" and 1 <= group <= 9:
                group, last = group + 10, "teen"              # ثلاثة عشر، أحد عشر
            else:
                break
        else:
            if ckind == "fraction" and last in ("scale", "unit", "ten", "teen", "digits", "hundred"):
                if last == "scale":
                    total += v * last_scale                   # مليون ونصف
                else:
                    group += v                                # ثلاثة ونصف
                parts, j = parts + 1, j + step
                if last == "scale" and j < limit and norms[j].removeprefix("ال") in _scale_words(last_scale):
                    j += 1                                    # مليون ونصف المليون
                break
            if last == "scale" and _scale_follows(norms, j + step, limit, last_scale):
                break  # ما بين مليونين وثلاثة ملايين: the و starts the other end of a range
            if ckind == "unit" and last in ("scale", "hundred"):
                group += v
            elif ckind == "ten" and (last in ("scale", "hundred") or (last == "unit" and group % 100 < 10)):
                group += v
            elif ckind == "hundred" and last == "scale" and group == 0:
                group += v
            elif ckind == "digits" and last == "scale" and group == 0 and v < last_scale:
                group += v                                    # 3 آلاف و500
            else:
                break
            last = "unit" if ckind == "digits" else ckind
        parts, j = parts + 1, j + step
    if parts == 1 and nw is not None and not nw.alone:
        return None
    if kind == "fraction" and scale is None:
        return None  # a bare نصف/ربع (نصف النهائي) is not a quantity
    val = clean_number(total + group)
    if val == 0:
        return None
    return NumberParse(i, j, prefix, val, base=base if last == "scale" else None,
                       scale=scale if last == "scale" else None,
                       digits_only=(kind == "digits" and parts == 1), parts=parts)


@lru_cache(maxsize=None)
def _scale_words(value: float) -> frozenset[str]:
    return frozenset(w for w, nw in number_words().items() if nw.kind == "scale" and nw.value == value)


def _scale_follows(norms: Sequence[str], k: int, limit: int, at_least: float) -> bool:
    if k >= limit:
        return False
    nw = number_words().get(norms[k])
    return nw is not None and nw.kind == "scale" and nw.value >= at_least


def parse_arabic_number(text: str) -> float | int | None:
    """Value of a whole number phrase (``"ثلاثة وعشرون"`` -> 23), or None when it is not exactly one number."""
    norms = fold_str(text).replace("٬", ",").split()
    if not norms:
        return None
    p = parse_number(norms, 0, len(norms))
    if p is None or p.end != len(norms):
        return None
    return p.value
