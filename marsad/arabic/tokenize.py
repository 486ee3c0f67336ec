"""Sentence splitting and tokenisation over the folded text, with spans in original offsets."""
from __future__ import annotations

import re

from marsad.arabic.normalize import NormText
from marsad.document import Sentence, Token

# A word: Arabic or Latin letters and digits; numbers keep internal separators (3.5, 1,200, 10/5).
TOKEN_RE = re.compile(
    r"\d+(?:[.,/:]\d+)*%?"
    r"|[\u0621-\u064A\u0671-\u06D3A-Za-z\u00C0-\u024F]+(?:[-'][A-Za-z\u00C0-\u024F]+)*"
    r"|[^\s\w]|_",
)
# Sentence ends: . ! ? ؟ ؛ (and runs of them), and line breaks.
_END_CHARS = ".!?؟؛…"
_CLOSERS = "\"'”’»)]"
_ABBREV_MAX = 1  # a single letter before a dot is an initial or abbreviation (د. م. ص.)
_NEWLINE = re.compile(r"\n")


_BREAK = re.compile(r"\n|[.!?؟؛…]+[\"'”’»)\]]*")


def split_sentences(norm: NormText) -> list[tuple[int, int]]:
    """Sentence spans in *normalised* offsets; only candidate break points are inspected."""
    t = norm.text
    n = len(t)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(t):
        i, cut = m.start(), m.end()
        if t[i] == "." and m.group().rstrip(_CLOSERS) == ".":
            prev_digit = i > 0 and t[i - 1].isdigit()
            next_digit = i + 1 < n and t[i + 1].isdigit()
            if prev_digit and next_digit:
                continue
            # abbreviation or initial: one letter word before the dot (د. م. ص.)
            k = i - 1
            while k >= 0 and t[k].isalpha():
                k -= 1
            if 0 < i - 1 - k <= _ABBREV_MAX and (k < 0 or not t[k].isalnum()):
                continue
            # dot inside a Latin domain name ("elaph.com")
            if i + 1 < n and t[i + 1].isalpha() and t[i + 1].isascii():
                continue
        if t[i] == "\n":
            cut = i
        a, b = _trim(t, start, cut)
        if b > a:
            spans.append((a, b))
        start = cut
    a, b = _trim(t, start, n)
    if b > a:
        spans.append((a, b))
    return spans


def _trim(t: str, s: int, e: int) -> tuple[int, int]:
    while s < e and t[s].isspace():
        s += 1
    while e > s and t[e - 1].isspace():
        e -= 1
    return s, e


def tokenize(text: str, norm: NormText) -> tuple[tuple[Sentence, ...], tuple[Token, ...]]:
    """Sentences and tokens of ``text``; ``norm`` is ``fold(text)``."""
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    nt = norm.text
    to_orig = norm.to_orig
    identity = norm.index is None
    make = Token._make  # tuple.__new__ in C: the generated __new__ costs ~1 µs per token in Python
    for si, (s, e) in enumerate(split_sentences(norm)):
        os_, oe = to_orig(s, e)
        sentences.append(Sentence(os_, oe))
        if identity:
            tokens.extend(make((a, b, text[a:b], m[0], si))
                          for m in TOKEN_RE.finditer(nt, s, e) for a, b in (m.span(),))
            continue
        idx = norm.index
        for m in TOKEN_RE.finditer(nt, s, e):
            a, b = idx[m.start()], idx[m.end() - 1] + 1  # inlined to_orig: this loop runs once per word
            tokens.append(make((a, b, text[a:b], m[0], si)))
    return tuple(sentences), tuple(tokens)
