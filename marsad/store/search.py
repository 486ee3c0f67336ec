"""Arabic-aware search terms: what the store indexes for a document and how a query string becomes a match.

FTS engines do not fold Arabic (SQLite's unicode61 keeps أ/ا, ة/ه, ى/ي distinct and splits words at diacritics), so
the application folds text with :func:`fold_str` and indexes its own tokens, in two columns:

* ``exact``: the folded words in order; quoted phrases match here, word by word.
* ``stems``: a bag of each folded word plus its clitic-stripped variants (وقال -> قال, للعراق -> العراق -> عراق,
  حكومته -> حكومه); bare query words match here, so a search for قال finds وقال and فقال.

Closed-class words (عليه, منهم ...) are indexed as they are: stripping them would make a search for the name علي
find every عليه.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from marsad.arabic.clitics import enclitic_splits, proclitic_splits, strip_article
from marsad.arabic.lexicon import word_set
from marsad.arabic.normalize import FOLD_TABLE, MARKS, PRESENTATION, fold, fold_str

_WORD = re.compile(r"\w+")
_PHRASE = re.compile(r'"([^"]*)"')
MIN_VARIANT = 2
SNIPPET_PREFIXES = (400, 3000)  # characters folded first when looking for the snippet (most hits are early)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return word_set("function_words.tsv")


@lru_cache(maxsize=300_000)
def word_variants(word: str) -> tuple[str, ...]:
    """The folded word and the stems a reader would still call the same word."""
    if not word.isalpha() or len(word) < 3:
        return (word,)
    fw = _function_words()
    out = {word}
    for k, stem in proclitic_splits(word):
        if word in fw and not (k == 1 and word[0] in "وف"):
            continue  # a listed word (وقال, فيه ...) only sheds its conjunction
        out.add(stem)
        out.add(strip_article(stem))
        for n, s in enclitic_splits(stem):
            if n and s not in fw:  # عليه is not the name علي (folded على)
                out.add(s)
    return tuple(sorted(v for v in out if len(v) >= MIN_VARIANT))


def words(text: str, folded: str | None = None) -> list[str]:
    """Folded, lower-cased word tokens of ``text`` (``folded``: its folded form, when already computed)."""
    return _WORD.findall((fold_str(text) if folded is None else folded).lower())


@dataclass(frozen=True, slots=True)
class IndexText:
    exact: str
    stems: str
    exact_words: tuple[str, ...]
    stem_set: frozenset[str]


def index_text(title: str | None, text: str, folded: str | None = None) -> IndexText:
    """What the full-text index stores for one document (title first, then body)."""
    ws = words(title or "") + words(text, folded)
    stems: set[str] = set()
    for w in ws:
        stems.update(word_variants(w))
    return IndexText(" ".join(ws), " ".join(sorted(stems)), tuple(ws), frozenset(stems))


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: words that must all occur (any clitic form) and exact phrases."""

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases

    def highlight_words(self) -> tuple[str, ...]:
        return self.terms + tuple(w for p in self.phrases for w in p)


@lru_cache(maxsize=4096)  # a Query is frozen; the API parses the same string again for each hit's highlights
def parse_query(q: str) -> Query:
    """``قال "رئيس الوزراء"`` -> terms (قال,), phrases ((رييس, الوزراء),); an unclosed quote counts as a phrase."""
    phrases = []
    for m in _PHRASE.finditer(q):
        ws = tuple(words(m.group(1)))
        if ws:
            phrases.append(ws)
    rest = _PHRASE.sub(" ", q)
    if rest.count('"') == 1:  # "قال الرئيس  (closing quote forgotten)
        head, _, tail = rest.partition('"')
        ws = tuple(words(tail))
        if ws:
            phrases.append(ws)
        rest = head
    terms = []
    for w in words(rest):
        if w not in terms:
            terms.append(w)
    return Query(tuple(terms), tuple(phrases))


def fts5_match(query: Query) -> str:
    """An FTS5 MATCH expression over the ``exact`` and ``stems`` columns (tokens are quoted literals)."""
    parts = [f'stems : "{t}"' for t in query.terms]
    parts += ['exact : "' + " ".join(p) + '"' for p in query.phrases]
    return " AND ".join(parts)


def tsquery(query: Query) -> tuple[str, str]:
    """PostgreSQL tsquery literals (stems, exact); '' when that side has nothing to match."""
    stems = " & ".join(f"'{t}'" for t in query.terms)
    exact = " & ".join("(" + " <-> ".join(f"'{w}'" for w in p) + ")" for p in query.phrases)
    return stems, exact


def tsvector_literal(ws: tuple[str, ...] | list[str], positions: bool) -> str:
    """A tsvector written out (no parser involved: the tokens are already normalised)."""
    if not positions:
        return " ".join(f"'{w}'" for w in sorted(set(ws)))
    where: dict[str, list[int]] = {}
    for i, w in enumerate(ws):
        # PostgreSQL keeps at most 256 positions per lexeme and positions up to 16383.
        lst = where.setdefault(w, [])
        if len(lst) < 256:
            lst.append(min(i + 1, 16383))
    return " ".join(f"'{w}':" + ",".join(map(str, sorted(set(p)))) for w, p in where.items())


_MARKS = MARKS + "*"
_MARK_OR_WORD = re.compile(rf"\w|{MARKS}")
_RAW_WORD = re.compile(rf"\w(?:{_MARKS}\w)*")  # letters with marks between them, not at either end


@lru_cache(maxsize=2048)
def _raw_pattern(targets: tuple[str, ...]) -> re.Pattern:
    """The query's folded words as they can be written in the original text: each letter or any letter that folds
    to it (أ إ آ -> ا, ة -> ه, ى -> ي ...), with diacritics, tatweel or invisible marks allowed between letters."""
    sources: dict[str, set[str]] = {}
    for k, v in FOLD_TABLE.items():
        if isinstance(v, str) and len(v) == 1:
            sources.setdefault(v, set()).add(chr(k))

    def letter(c: str) -> str:
        alts = sorted({c} | sources.get(c, set()))
        return re.escape(c) if len(alts) == 1 else "[" + "".join(re.escape(a) for a in alts) + "]"

    return re.compile("|".join(_MARKS.join(letter(c) for c in t) for t in sorted(targets, key=len, reverse=True)),
                      re.IGNORECASE)


def _core(target: str) -> str:
    """What every word having ``target`` among its variants contains as written: a variant is a piece of the
    word, except that it may start with ا where the word has لل (للعراق -> العراق) and end with ه where the word
    has ت before a pronoun (حكومته -> حكومه)."""
    if target.startswith("ا"):
        target = target[1:]
    return target[:-1] if target.endswith("ه") else target


def _raw_words(text: str, targets: set[str], proposed: tuple[str, ...]) -> Iterator[re.Match]:
    """The words of ``text`` (as written) containing one of ``proposed`` that a query word matches in any clitic
    form, found without folding the text: the raw pattern proposes a word, folding that word alone confirms it.
    Only for text without presentation forms (ﻻ), which only folding reads."""
    pat = _raw_pattern(proposed)
    done = 0  # end of the last word looked at: another hit inside it has the same answer
    for m in pat.finditer(text):
        if m.start() < done:
            continue
        a = m.start()
        while a > 0 and _MARK_OR_WORD.match(text[a - 1]):
            a -= 1
        while a < m.start() and not _RAW_WORD.match(text, a):
            a += 1
        w = _RAW_WORD.match(text, a)
        if w:
            done = w.end()
            if targets.intersection(word_variants(fold_str(w.group()).lower())):
                yield w


def _raw_snippet(text: str, targets: set[str], width: int) -> str | None:
    """The snippet found without folding the article. None when no word is confirmed, or when presentation forms
    (which only folding reads) could change the answer: then the caller folds."""
    for w in _raw_words(text, targets, tuple(sorted(targets))):  # as the folding path: the query word as written
        # A word ending inside the first prefix the folding path reads is its answer too unless that prefix has
        # presentation forms: only the prefix is scanned for them, not the whole article (a third of the cost).
        first = SNIPPET_PREFIXES[0]
        if PRESENTATION.search(text, 0, first if w.end() < first else len(text)):
            return None
        s = max(0, w.start() - width // 2)
        e = min(len(text), w.end() + width // 2)
        return ("…" if s else "") + " ".join(text[s:e].split()) + ("…" if e < len(text) else "")
    return None


@lru_cache(maxsize=4096)
def _cores(targets: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted({_core(t) for t in targets}))


def matched_spans(text: str, targets: set[str] | frozenset[str]) -> list[list[int]] | None:
    """[start, end) of every word of ``text`` a query word matches, without folding ``text`` (what the
    dashboard highlights in a snippet); None when ``text`` has presentation forms and must be folded."""
    cores = _cores(targets if isinstance(targets, frozenset) else frozenset(targets))
    if "" in cores or PRESENTATION.search(text):
        return None
    return [[w.start(), w.end()] for w in _raw_words(text, targets, cores)]


def _cuts_word(text: str, end: int) -> bool:
    """Whether ``text[:end]`` may end inside a word (letters or marks on both sides of the cut)."""
    return 0 < end < len(text) and bool(_MARK_OR_WORD.match(text[end - 1]) and _MARK_OR_WORD.match(text[end]))


def snippet(text: str, query: Query, width: int = 80) -> str:
    """A stretch of the original text around the first word the query matched.

    Cheap on long articles: a regex finds where a query word occurs inside a folded word (clitic forms contain the
    stem), only that word is checked, and the text is folded a few thousand characters at a time.
    """
    if not text:
        return ""
    targets = set(query.highlight_words())
    if targets:
        fast = _raw_snippet(text, targets, width)
        if fast is not None:
            return fast
        # Without presentation forms the raw pattern has read every whole word as folding would, and found none:
        # folding a prefix can then only add the word the prefix cuts in two, so only such prefixes are folded
        # (the whole text, 4% of hits on the 27k store, was folded up to three times for nothing).
        plain = not PRESENTATION.search(text)
        pat = re.compile("|".join(re.escape(t) for t in sorted(targets, key=len, reverse=True)))
        done = 0
        for end in (*SNIPPET_PREFIXES, len(text)):
            if end <= done or (plain and not _cuts_word(text, end)):
                continue
            norm = fold(text[:end])
            low = norm.text.lower()
            for m in pat.finditer(low):
                a = m.start()
                while a > 0 and (low[a - 1].isalnum() or low[a - 1] == "_"):
                    a -= 1
                w = _WORD.match(low, a)
                if w and targets.intersection(word_variants(w.group())):
                    oa, ob = norm.to_orig(w.start(), w.end())
                    s = max(0, oa - width // 2)
                    e = min(len(text), ob + width // 2)
                    return ("…" if s else "") + " ".join(text[s:e].split()) + ("…" if e < len(text) else "")
            done = end
    return " ".join(text[:width].split()) + ("…" if len(text) > width else "")
