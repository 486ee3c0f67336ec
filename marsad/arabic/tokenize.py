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


def split_sentences(norm: NormText) -> list[tuple[int, int]]:
    """Sentence spans in *normalised* offsets."""
    t = norm.text
    n = len(t)
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    while i < n:
        c = t[i]
        cut = -1
        if c == "\n":
            cut = i
        elif c in _END_CHARS:
            j = i
            while j < n and t[j] in _END_CHARS:
                j += 1
            if c == "." and j == i + 1:
                prev_digit = i > 0 and t[i - 1].isdigit()
                next_digit = i + 1 < n and t[i + 1].isdigit()
                if prev_digit and next_digit:
                    i += 1
                    continue
                # abbreviation or initial: one letter word before the dot
                k = i - 1
                while k >= 0 and t[k].isalpha():
                    k -= 1
                if 0 < i - 1 - k <= _ABBREV_MAX and (k < 0 or not t[k].isalnum()):
                    i += 1
                    continue
                # dot inside a Latin domain or decimal-less token (e.g. "elaph.com")
                if i + 1 < n and t[i + 1].isalpha() and t[i + 1].isascii():
                    i += 1
                    continue
            while j < n and t[j] in _CLOSERS:
                j += 1
            cut = j
            i = j - 1
        if cut >= 0:
            s, e = _trim(t, start, cut)
            if e > s:
                spans.append((s, e))
            start = cut
        i += 1
    s, e = _trim(t, start, n)
    if e > s:
        spans.append((s, e))
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
    for si, (s, e) in enumerate(split_sentences(norm)):
        os_, oe = to_orig(s, e)
        sentences.append(Sentence(os_, oe))
        for m in TOKEN_RE.finditer(nt, s, e):
            a, b = to_orig(m.start(), m.end())
            tokens.append(Token(a, b, text[a:b], m.group(), si))
    return tuple(sentences), tuple(tokens)
