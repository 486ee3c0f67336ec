"""A readable romanization of Arabic person and organisation names (a transcription, never a translation).

Rules (docs/romanization.md has the full table and examples):
* Known names first: ``data/names_en.tsv`` (first names such as محمد -> Mohammed, compounds such as
  عبد الله -> Abdullah, well-known people such as أنطونيو غوتيريش -> António Guterres), longest run of words first.
* The article ال is written ``al-`` with the stem capitalised (الكاظمي -> al-Kadhimi); sun letters are NOT
  assimilated (al-Shams, not ash-Shams), so the Arabic spelling can be read back.
* عبد + ال-name -> Abdul-Name (عبد ربه -> Abd Rabah); أبو -> Abu, أم -> Umm, بن/ابن -> bin, بنت -> bint, آل -> Al (a family: Al Thani).
* Letters: ث th, ج j, ح h, خ kh, ذ dh, ش sh, ص s, ض d, ط t, ظ dh (Iraqi/Gulf usage: Kadhimi), غ gh, ق q,
  ع is silent, ة and ى -> a, ا -> a, و -> w/ou, ي -> y/i by position.
* Short vowels are not written in Arabic, so they are guessed: in a word of native shape (≤ 4 consonants)
  a consonant cluster gets "a", and the فاعل pattern (long a, then two consonants) gets "i" (قاسم -> Qasim);
  a longer word is taken for a transliterated foreign name and only clusters of three get an "e"
  (ستولتينبرغ -> Stoltinbergh).
"""
from __future__ import annotations

import unicodedata

import re
from functools import lru_cache

from marsad.arabic.lexicon import read_tsv
from marsad.arabic.normalize import dediacritize, fold_str

_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "dh", "ع": "", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "", "ڤ": "v", "پ": "p", "گ": "g", "چ": "ch",
    "ک": "k",
}
_PARTICLES = {"بن": "bin", "ابن": "bin", "بنت": "bint", "ابو": "Abu", "ام": "Umm", "ال": "Al"}
_FOREIGN_MIN_CONSONANTS = 5
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Folded Arabic name (one or more words) -> English, from names_en.tsv."""
    out: dict[str, str] = {}
    for row in read_tsv("names_en.tsv"):
        if len(row) >= 2 and row[0] and row[1]:
            out.setdefault(" ".join(fold_str(row[0]).split()), row[1])
    return out


@lru_cache(maxsize=50_000)  # the same names recur across articles; the answer depends on the string only
def romanize_name(arabic: str) -> str:
    """Readable Latin form of an Arabic name: table entries first, then the letter rules above."""
    # presentation forms (ﻋﺒﺪ ﺍﻟﺤﻲ from PDF-made copy) are the ordinary letters for this purpose
    words = _SPACE.split(dediacritize(unicodedata.normalize("NFKC", arabic)).strip())
    words = [w for w in words if w]
    if not words:
        return ""
    folded = [fold_str(w) for w in words]
    table = _table()
    # one long word (ستولتينبرغ، مكلارين) marks the whole name as foreign: ستيف مكلارين -> Stif Meklarin
    foreign = any(_is_foreign(_units(w[2:] if f.startswith("ال") else w))
                  for w, f in zip(words, folded) if f not in table)
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            hit = table.get(" ".join(folded[i:i + n]))
            if hit:
                out.append(hit)
                i += n
                break
        else:
            w, f = words[i], folded[i]
            if f == "عبد" and i + 1 < len(words):
                nxt = words[i + 1]
                if fold_str(nxt).startswith("ال"):
                    out.append("Abdul-" + _cap(_word(nxt[2:])))
                else:
                    out.append("Abd " + _cap(_word(nxt)))  # عبد ربه -> Abd Rabah
                i += 2
                continue
            if f in _REGNAL and i == len(words) - 1 and i > 0:  # عبدالله الثاني -> Abdullah II
                out.append(_REGNAL[f])
            elif f == "ال" and i + 1 < len(words):       # آل ثاني: the family
                out.append("Al")
            elif f in _PARTICLES and i + 1 < len(words):
                out.append(_PARTICLES[f])
            else:
                word_en = _romanize_word(w, foreign)
                if f.endswith("ه") and w.endswith("ة") and i + 1 < len(words) and folded[i + 1].startswith("ال"):
                    word_en += "t"  # construct state: وزارة الداخلية -> Wazarat al-Dakhiliya
                out.append(word_en)
            i += 1
    return " ".join(out)


# A regnal ordinal closing a name (name_particles.tsv kind regnal) is written as a Roman numeral.
_REGNAL = {"الاول": "I", "الثاني": "II", "الثالث": "III", "الرابع": "IV", "الخامس": "V", "السادس": "VI",
           "السابع": "VII", "الثامن": "VIII", "التاسع": "IX", "العاشر": "X"}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _romanize_word(word: str, foreign: bool = False) -> str:
    if not re.search("[\u0621-\u064A]", word):
        return word
    if fold_str(word).startswith("ال") and len(word) > 3:
        stem = word[2:]
        known = _table().get(fold_str(stem))
        return "al-" + (known if known else _cap(_word(stem, foreign)))
    return _cap(_word(word, foreign))


def _units(word: str) -> list[tuple[str, str]]:
    """Letters of one word as (kind, Latin): V = a written vowel, C = a consonant (ع and ء are silent C)."""
    word = word.replace("تش", "\x00")  # تش is how Arabic writes "ch" (تشاد Chad, عمروفيتش)
    units: list[tuple[str, str]] = []
    n = len(word)
    for i, ch in enumerate(word):
        first, last = i == 0, i == n - 1
        prev = units[-1][0] if units else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if ch == "\x00":
            units.append(("C", "ch"))
        elif ch in "اآأإ":
            if first and ch != "إ" and nxt == "و" and i + 2 < n:
                units.append(("V", "o"))  # أوباما -> Obama, أوليفر -> Oliver
            else:
                units.append(("V", "i" if ch == "إ" else "a"))
        elif ch == "ؤ":
            units.append(("V", "u"))
        elif ch == "ئ":
            units.append(("V", "ai" if nxt == "ي" else "i"))
        elif ch in "ةى":
            units.append(("V", "a"))  # construct state (وزارة الخارجية) is handled by the caller
        elif ch == "و":
            if i == 1 and units and units[0] == ("V", "o"):
                continue  # the و of initial أو is already the o
            if first or prev == "V" or nxt in ("ا", "و", "ي"):
                units.append(("C", "w"))
            elif last:
                units.append(("V", "o"))  # شويغو -> Shoigo; native names ending in و (عمرو، أبو) are in the table
            else:
                units.append(("V", "ou"))
        elif ch == "ي":
            if i and word[i - 1] in "ئإ":
                continue  # إيمان -> Iman, رئيسي -> Raisi: the hamza already wrote the vowel
            if i + 1 == n - 1 and nxt == "ة" and i:
                units.append(("V", "iy"))
            elif first or (nxt in ("ا", "و") and not last) or (prev == "V" and not last):
                units.append(("C", "y"))
            else:
                units.append(("V", "i"))
        elif ch in _CONSONANTS:
            units.append(("C", _CONSONANTS[ch]))
        else:
            units.append(("C", ch))
    return units


def _is_foreign(units: list[tuple[str, str]]) -> bool:
    return sum(1 for k, _ in units if k == "C") >= _FOREIGN_MIN_CONSONANTS


_ONSETS = {"st", "sp", "sk", "sl", "sm", "sn", "sw", "tr", "dr", "br", "kr", "gr", "fr", "pr", "bl", "kl", "gl",
           "fl", "pl", "sc", "tw"}


def _word(word: str, foreign: bool = False) -> str:
    """Letters of one word (no article) to Latin, guessing short vowels."""
    units = _units(word)
    foreign = foreign or _is_foreign(units)
    boundaries = [j for j in range(len(units) - 1) if units[j][0] == "C" and units[j + 1][0] == "C"]
    last_boundary = boundaries[-1] if boundaries else -1
    inserted_at = -9
    out: list[str] = []
    for j, (kind, latin) in enumerate(units):
        if foreign and kind == "V" and latin == "ou":
            latin = "o"
        out.append(latin)
        if j not in boundaries:
            continue
        if foreign:
            if j == 0 and (latin == "" or latin + units[1][1] not in _ONSETS):
                out.append("e" if latin else "a")  # مكلارين -> Meklarin; عمروفيتش -> Amrofich
            elif j >= 1 and units[j - 1][0] == "C" and j + 2 < len(units) and units[j + 2][0] == "C":
                out.append("e")  # a run of three consonants: "e" before the last two (n-b-r-gh -> nbergh)
            continue
        if latin == "" and j >= 1 and units[j - 1][0] == "V":
            continue  # a silent ع/ء after a written vowel: الأعرجي -> al-Araji
        if j + 1 == len(units) - 1 and units[j + 1][1] == "":
            continue  # final ع/ء adds nothing
        if inserted_at == j - 1 and j != last_boundary:
            continue  # CaCCaC rather than CaCaCaC: مكتب -> maktab
        inserted_at = j
        out.append("i" if j >= 2 and units[j - 1] == ("V", "a") and units[j - 2][0] == "C" else "a")
    return "".join(out)
