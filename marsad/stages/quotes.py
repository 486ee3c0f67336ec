"""Quotes: quoted text and the reporting construction that attributes it to a speaker."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.clitics import proclitic_splits
from marsad.arabic.lexicon import HONOURED_PRONOUNS, read_tsv, word_set
from marsad.arabic.normalize import fold_str
from marsad.document import Document, Quote, Span
from marsad.pipeline import stage

PAIRS = {"«": "»", "“": "”", "„": "“", "‹": "›"}
MAX_QUOTE_CHARS = 3000
# the only characters find_quote_spans acts on: a paragraph break, straight quotes, the paired marks
_MARK_RE = re.compile("\n\n|[\"" + re.escape("".join(sorted(set(PAIRS) | set(PAIRS.values())))) + "]")
MIN_WORDS_WITHOUT_CUE = 8  # shorter uncued quotes are scare quotes or titles, not speech
CUE_WINDOW = 40        # tokens looked back from the opening mark for a reporting word
SUBJECT_GAP = 2        # tokens allowed between a reporting verb and its subject
TITLE_COMPLEMENT = 8   # words allowed between a title and the name after it (رئيس بلدية وسط الدمام المهندس ...)
CARRY_SENTENCES = 3    # how far an elided subject may be carried
DESCRIPTION_WORDS = 6  # words of a description outside the title list (الطبيبة السورية) before the name after it


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str   # verb | participle | noun | address | source


@lru_cache(maxsize=1)
def _cues() -> dict[str, Cue]:
    return {fold_str(r[0]): Cue(r[1]) for r in read_tsv("reporting_verbs.tsv")}


_COMPLEMENTISERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "الى", "على"})
_QUOTE_MARKS = frozenset('"«»“”')
# A prepositional phrase right after a reporting verb (قال في مؤتمر، قال لـ«الوطن»، قال لوكالة الأنباء)
_PP = frozenset({"في", "خلال", "عبر", "ل", "لـ", "لوكاله", "لصحيفه", "لقناه", "لموقع", "لشبكه", "لاذاعه", "لمجله"})
_SKIP = frozenset({"من", "جانبه", "جهته", "جهتها", "جانبها", "بدوره", "بدورها", "كما", "ايضا", "قد", "في", "ذلك"})


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of quotation marks; straight quotes pair up within a paragraph."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    open_at = {'"': -1, "”": -1}  # marks typed alike at both ends: straight quotes, and :”...” in web text
    for m in _MARK_RE.finditer(text):  # a scan in C: only the marks reach the loop
        i, ch = m.start(), m[0]
        if ch == "\n\n":
            if open_at['"'] >= 0:
                _unclosed(text, open_at['"'], i, spans)
            open_at = dict.fromkeys(open_at, -1)  # an unbalanced quote does not run into the next paragraph
            stack.clear()
        elif ch == '"' or (ch == "”" and not stack and (open_at[ch] >= 0 or _opens(text, i))):
            o = open_at[ch]
            side = _side(text, i) if ch == '"' else None
            if side == "close" and o < 0:
                continue  # a stray closing mark (its opening one was lost) must not turn the paragraph inside out
            if o >= 0 and side == "open":
                _unclosed(text, o, i, spans, sentence=True)
            if o < 0 or side == "open":
                open_at[ch] = i
            else:
                if i - o <= MAX_QUOTE_CHARS:
                    spans.append((o, i))
                open_at[ch] = -1
        elif ch == "»" and not stack and _opens(text, i):
            stack.append((ch, i))  # »...« with the guillemets reversed (typed left to right)
        elif ch in PAIRS and not (ch == "“" and stack and stack[-1][0] == "„") and not (
                ch == "«" and stack and stack[-1][0] == "»"):
            stack.append((ch, i))
        elif stack and ch == _CLOSER[stack[-1][0]]:
            o, oi = stack.pop()
            if not stack and i - oi <= MAX_QUOTE_CHARS:
                spans.append((oi, i))
    if open_at['"'] >= 0:
        _unclosed(text, open_at['"'], len(text), spans)
    return sorted(spans)


_SENTENCE_END = re.compile(r"[.!?؟](?=\s)")


def _unclosed(text: str, o: int, limit: int, spans: list[tuple[int, int]], sentence: bool = False) -> None:
    """A straight quote opened at ``o`` and never closed before ``limit``: web text often drops the closing mark at
    the end of a paragraph (وقال: "... .\n), so the quote ends at the first line break, else at ``limit`` (the
    paragraph's end); before a quote that opens anew (وتابع: "... .   واختتم: "...) at the last full stop, and with
    no full stop the first mark was a stray."""
    nl = text.find("\n", o, limit)
    if nl < 0:
        ends = [m.end() for m in _SENTENCE_END.finditer(text, o, limit)] if sentence else [limit]
        nl = ends[-1] if ends else -1
    if nl > o + 1 and nl - o <= MAX_QUOTE_CHARS:
        spans.append((o, nl))


_CLOSER = {**PAIRS, "»": "«"}


def _opens(text: str, i: int) -> bool:
    """Does a ” or » at ``i`` open a quotation (a letter follows it, and a space, colon or line start precedes it)?"""
    after = text[i + 1:i + 2]
    before = text[i - 1:i] if i else " "
    return after.isalpha() and (before.isspace() or before in ":،,(")


def _side(text: str, i: int) -> str | None:
    """Which end of a quotation a straight quote at ``i`` looks like, from its neighbours; None when both could be."""
    before = text[i - 1:i] if i else " "
    after = text[i + 1:i + 2] or " "
    if after.isalnum() and (before.isspace() or before in ":(،,"):
        return "open"
    if (before.isalnum() or before in ".!?؟،…)") and (after.isspace() or after in ".,،:;)؛"):
        return "close"
    return None


class _Index:
    """Token and entity lookups by offset for one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts = [t.start for t in doc.tokens]
        self.mention_at: dict[int, tuple[str, int]] = {}  # token index -> (entity id, end token)
        self._types = {e.id: e.type for e in doc.entities}
        self.gender: dict[str, str] = {}  # person id -> "m"/"f", from the reporting verbs he or she is the subject of
        for e in doc.entities:
            if e.type not in ("PER", "ORG"):
                continue
            for m in e.mentions:
                k = self.tok(m.start)
                self.mention_at[k] = (e.id, self.tok(m.end - 1) + 1)
        for a, b, eid in doc.refs:
            k = self.tok(a)
            self.mention_at.setdefault(k, (eid, self.tok(b - 1) + 1))

    def set_quotes(self, spans: list[tuple[int, int]]) -> None:
        self._quotes = [(self.tok(a), self.tok(b)) for a, b in spans]

    def inside_quote(self, k: int) -> bool:
        return any(a < k < b for a, b in getattr(self, "_quotes", ()))

    def is_person(self, eid: str) -> bool:
        return self._types.get(eid) == "PER"

    def type_of(self, eid: str) -> str | None:
        return self._types.get(eid)

    def tok(self, offset: int) -> int:
        """Index of the token containing or starting after ``offset``."""
        k = bisect.bisect_right(self.starts, offset) - 1
        if k < 0:
            return 0
        if self.doc.tokens[k].end <= offset and k + 1 < len(self.starts):
            return k + 1
        return k


@lru_cache(maxsize=200_000)  # called on every token; the answer depends on the word form only
def _cue_of(word: str) -> tuple[int, Cue] | None:
    cues = _cues()
    for plen, stem in proclitic_splits(word):
        c = cues.get(stem)
        if c is not None:
            return plen, c
    return None


def _honorific_at(toks, j: int, limit: int) -> bool:
    return _honorific_end(toks, j, limit) > j


def _honorific_end(toks, j: int, limit: int) -> int:
    """Token after an honorific (المهندس، الأستاذ، سمو) starting at ``j``; ``j`` when none starts there."""
    from marsad.stages.entities import lexicons

    norms = [t.norm for t in toks[j:min(limit, j + 3)]]
    m = lexicons().honorifics.match_at(norms, 0, len(norms), clitics=False)
    return j + m.end if m is not None else j


def _title_end(toks, j: int, limit: int) -> int:
    """Token after a title (and the nationality adjectives after it) starting at ``j``; ``j`` when none starts there."""
    from marsad.stages.entities import lexicons

    lex = lexicons()
    norms = [t.norm for t in toks[j:min(limit, j + 8)]]
    m = lex.titles.match_at(norms, 0, len(norms), clitics=False)
    if m is None:
        return j
    k = m.end
    while k < len(norms) and lex.nationality(norms[k]):
        k += 1
    return j + k


_KINGS_STYLE = tuple(fold_str(w) for w in ("خادم", "الحرمين", "الشريفين"))


def _honoured(ix: _Index, k: int, roles: tuple[str, ...], strict: bool = False) -> str | None:
    """Whom سموه، فخامته stand for before token ``k``: the first person named whose role the honorific is used for,
    else (unless ``strict``) the first titled person (a prince may hold a minister's office)."""
    titled = []
    for p in sorted(ix.mention_at):
        if p >= k:
            break
        e = ix.doc.entity(ix.mention_at[p][0])
        if e is not None and e.type == "PER" and e.role and not ix.inside_quote(p):
            if e.role.startswith(roles):
                return e.id
            titled.append(e.id)
    return titled[0] if titled and not strict else None


def _subject_after(ix: _Index, k: int, limit: int) -> tuple[str | None, bool]:
    """(entity id, explicit) for the subject after a reporting verb at token ``k``; explicit=False when elided.

    After a title the name may come a few words later (قال رئيس بلدية شمال المدينة المهندس ماهر الزهراني); the places
    and organisations of the title's complement (وزير خارجية الإمارات، مسؤول في طالبان) are held and speak only
    when no person follows, and a person named inside an organisation's name (مدير مركز الملك سلمان للإغاثة) is
    not the speaker."""
    toks = ix.doc.tokens
    j = k + 1
    budget = 0  # words of a title's complement still allowed before the name
    held = None
    namesake = titled = False
    while j < limit:
        if j in ix.mention_at:
            eid, end = ix.mention_at[j]
            namesake = namesake or (budget and _names_after(toks[j - 1].norm))
            if budget and (not ix.is_person(eid) or namesake):
                held = held or (None if namesake else eid)
                budget, j, namesake = max(0, budget - (end - j)), end, False
                if not budget:
                    return held, True
                continue
            return eid, True
        w = toks[j].norm
        if w in _QUOTE_MARKS or (titled and w == "("):  # وقال "توسك"، يقول الباحث (X): a name set off
            j += 1
            continue
        if not titled and not budget and w in HONOURED_PRONOUNS:  # وقال سموه: the prince named before
            eid = _honoured(ix, k, HONOURED_PRONOUNS[w])
            return (eid, True) if eid else (None, False)
        if not titled and not budget and tuple(t.norm for t in toks[j:j + len(_KINGS_STYLE)]) == _KINGS_STYLE \
                and (j + 3 >= limit or _title_end(toks, j + 3, limit) == j + 3):
            eid = _honoured(ix, k, ("الملك",), strict=True)  # وقال خادم الحرمين الشريفين إن: the king named before
            if eid is not None:
                return eid, True
        if not titled and len(w) == 1 and w.isalpha() and j + 1 < limit and toks[j + 1].norm == ".":
            j, titled = j + 2, True  # د. / م. before the name: an abbreviated honorific
            continue
        if titled and (len(w) == 1 and w.isalpha() or w == "." and len(toks[j - 1].norm) == 1):
            j += 1  # initials before a name: م.س. غوبتا
            continue
        if titled and w in ("،", ",") and j + 1 < limit and _honorific_at(toks, j + 1, limit):
            j += 1  # نائب الرئيس التنفيذي لقطاع التشغيل بالمصنع، المهندس رائد الشهري: the name after the comma
            continue
        if w in _COMPLEMENTISERS or not w[:1].isalpha():
            return (held, True) if held or titled else (None, False)  # a titled subject with no name: unnamed
        if w in _PP and not titled:
            # وقال في مؤتمر صحفي: «...»: the phrase after في is no subject; a name right after it may be
            # (وقال في بيان الوزير ...), else the subject is elided
            p = j + 1
            while p < min(limit, j + 4) and p not in ix.mention_at and toks[p].norm[:1].isalpha():
                p += 1
            if p < limit and p in ix.mention_at and ix.is_person(ix.mention_at[p][0]):
                return ix.mention_at[p][0], True
            if j + 1 < limit and toks[j + 1].norm in _STATEMENTS and not toks[j + 1].norm.startswith("ال"):
                issuer = _statement_issuer(ix, j + 1, limit)  # وجاء في بيان صادر عن الجيش: the army's words
                if issuer is not None:
                    return issuer, True
            return None, False
        if w in _SKIP or (not titled and not budget and w in _WHEN):
            j += 1  # (وكان الوزير قد أكد الشهر الماضي أن: a time between the verb and أن is no subject)
            continue
        # وأضاف المهندس سامي الجربا «…»: the name after the honorific
        title = _title_end(toks, j, limit)
        title = title if title > j else _honorific_end(toks, j, limit)
        if title > j:  # وقال الوزير سامي النجار: the title before the name is no subject of its own
            namesake = bool(budget) and _names_after(toks[j - 1].norm)
            j, budget, titled = title, (budget or TITLE_COMPLEMENT), True
            continue
        if budget and toks[j].sentence == toks[k].sentence:
            j, budget = j + 1, budget - 1
            if not budget:
                return held, True
            continue
        if not held and not titled and w in _ONE_OF:
            named = next((p + 1 for p in range(j + 1, min(limit - 1, j + 6)) if toks[p].norm in _NAMED_AS), None)
            if named is not None and named in ix.mention_at:
                return ix.mention_at[named][0], True  # وقال أحد المتظاهرين ويدعى علي حسين: the one named
        if not held and not titled and w in _STATEMENTS:
            return _statement_issuer(ix, j, limit), True  # وذكر بيان لوزارة الخارجية: the ministry's statement
        if not held and not titled and w.startswith("ال"):
            # وقالت الطبيبة السورية X، قال المدير الاستثماري لشركة الأفق X: a description the title list lacks,
            # its adjectives and its complement, before a name
            p = j + 1
            while p < min(limit, j + DESCRIPTION_WORDS) and p not in ix.mention_at and toks[p].norm[:1].isalpha() \
                    and toks[p].norm not in _COMPLEMENTISERS and toks[p].norm not in _PP and not _cue_of(toks[p].norm):
                p += 1
            if p in ix.mention_at and ix.is_person(ix.mention_at[p][0]) and toks[p].sentence == toks[k].sentence:
                return ix.mention_at[p][0], True
        return held, True  # a nominal subject that is not a named entity (بيان، مصدر): no guess
    return (held, True) if held or titled else (None, False)


_WHEN = frozenset(fold_str(w) for w in ("أمس", "اليوم", "الشهر", "الأسبوع", "العام", "الماضي", "الماضية", "الجاري",
                                         "مساء", "صباح", "يوم", "السبت", "الأحد", "الاحد", "الاثنين", "الإثنين",
                                         "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"))
_ONE_OF = frozenset(fold_str(w) for w in ("أحد", "إحدى"))
_NAMED_AS = frozenset(fold_str(w) for w in ("يدعى", "ويدعى", "تدعى", "وتدعى", "اسمه", "واسمه", "اسمها", "واسمها"))
_STATEMENTS = frozenset(fold_str(w) for w in ("بيان", "البيان", "بلاغ", "البلاغ", "بيانا"))
_ISSUED = frozenset(fold_str(w) for w in ("صادر", "الصادر", "صدر", "عن", "مشترك", "رسمي", "الرسمي", "أصدرته",
                                          "اصدرته", "اصدره", "أصدره"))


def _statement_issuer(ix: _Index, j: int, limit: int) -> str | None:
    """Who issued the statement named at ``j``: the body or person after it (بيان لوزارة الخارجية، بيان صادر عن
    الجيش، بيان الرئاسة); for البيان with none, the issuer of the statement named last before it."""
    toks = ix.doc.tokens
    issuer = _named_after_statement(ix, j, limit)
    if issuer is not None or not toks[j].norm.startswith("ال"):
        return issuer
    for p in range(j - 1, max(-1, j - 400), -1):  # وأضاف البيان: the statement told of before
        if toks[p].norm in _STATEMENTS and not toks[p].norm.startswith("ال"):
            # (بيان لوزارة الدفاع; else whoever opens its clause: أصدرت وزارة الدفاع بيانا)
            return _named_after_statement(ix, p, j) or _first_named_in(ix, toks[p].sentence, p)
    return None


def _first_named_in(ix: _Index, sent: int, before: int) -> str | None:
    """The first person or organisation named in sentence ``sent`` before token ``before``, outside quotes."""
    return next(_mentions_in(ix, sent, before), None)


def _mentions_in(ix: _Index, sent: int, before: int):
    """Entity ids of the mentions of sentence ``sent`` before token ``before``, outside quotation marks, in order."""
    for k in sorted(ix.mention_at):
        t = ix.doc.tokens[k]
        if t.sentence < sent or ix.inside_quote(k):
            continue
        if t.sentence > sent or k >= before:
            return
        yield ix.mention_at[k][0]


def _named_after_statement(ix: _Index, j: int, limit: int) -> str | None:
    """The mention right after the statement noun at ``j`` (before ``limit``), past صادر عن، مشترك …, if any."""
    toks = ix.doc.tokens
    k = j + 1
    while k < min(limit, j + 4) and k not in ix.mention_at and toks[k].norm in _ISSUED:
        k += 1
    return ix.mention_at[k][0] if k < limit and k in ix.mention_at else None


_NAMED_AFTER = frozenset({"مركز", "مؤسسه", "برنامج", "صندوق", "جايزه", "مستشفي", "جامعه", "مدينه", "مطار", "كليه",
                          "معهد", "مجمع", "قاعده", "مسجد", "جامع"})


def _names_after(word: str) -> bool:
    """مركز الملك سلمان، جامعة الأمير سلطان: an institution named after the titled person that follows."""
    return any(stem in _NAMED_AFTER for _, stem in proclitic_splits(word))


@stage("quotes", requires=("tokens", "entities", "refs"), provides=("quotes",))
def quotes(doc: Document) -> Document:
    """Direct quotes with their speaker and reporting word."""
    spans = find_quote_spans(doc.text)
    if not spans:
        return doc
    ix = _Index(doc)
    ix.set_quotes(spans)
    toks = doc.tokens
    # A timeline of who was last reported as speaking, for elided subjects (وقال إن ...).
    said: list[tuple[int, str | None]] = []
    for k, t in enumerate(toks):
        c = _cue_of(t.norm)
        if c and c[1].kind == "verb":
            eid, explicit = _subject_after(ix, k, len(toks))
            if explicit:
                said.append((k, eid))
            elif k - 1 >= 0 and (k - 1) in ix.mention_at:  # SVO: X قال
                eid = ix.mention_at[k - 1][0]
                said.append((k, eid))
            g = _cue_gender(t.norm)
            if eid and g and ix.is_person(eid):
                ix.gender.setdefault(eid, g)
    named = {(m.start, m.end) for e in doc.entities for m in e.mentions}
    out: list[Quote] = []
    speakers: list[tuple[int, str | None]] = []
    floor = -1  # the last accepted quote's closing token: an earlier cue belongs to that quote
    for o, c in spans:
        a, b = o + 1, c
        while a < b and doc.text[a].isspace():
            a += 1
        while b > a and doc.text[b - 1].isspace():
            b -= 1
        if b <= a:
            continue
        q0 = ix.tok(o)
        if _is_title(doc, o, ix, q0) or _named_in_apposition(doc.text, o, c, spans):
            continue
        cue_tok, cue = _find_cue(ix, q0, floor)
        if cue is None:  # "...", قال الوزير: the cue may follow the quote
            cue_tok, cue = _find_cue_after(ix, ix.tok(c + 1) if c + 1 < len(doc.text) else len(toks))
            if cue is not None:
                q0 = min(cue_tok + SUBJECT_GAP + 6, len(toks) - 1)  # the subject follows the verb
        words = len(doc.text[a:b].split())
        if cue is None and words < MIN_WORDS_WITHOUT_CUE:
            continue  # a quoted name or title ("ايلاف"), not speech
        if words < 2:
            continue  # a single quoted word is a name or a term ("توسك", "الصباح"), not speech
        if (a, b) in named:
            continue  # اتهم "حزب الله" بتعطيل ...: a name set off by quotation marks, not speech
        speaker = None
        cue_span = None
        if cue is not None:
            plen, kind = cue
            t = toks[cue_tok]
            from marsad.stages.entities import _char_offset

            cs = _char_offset(t, plen)
            cue_span = Span(cs, t.end, doc.text[cs:t.end])
            speaker = _speaker(ix, cue_tok, kind.kind, q0, said + speakers)
        floor = ix.tok(c)
        speakers.append((q0, speaker))
        speakers.sort()
        out.append(Quote(id=f"Q{len(out) + 1}", text=doc.text[a:b], start=a, end=b, speaker=speaker, cue=cue_span))
    return doc.evolve(quotes=tuple(out))


_APPOSITION_WORDS = 12  # words allowed between a quoted name and the colon before the quote it precedes


def _named_in_apposition(text: str, o: int, c: int, spans: list[tuple[int, int]]) -> bool:
    """ويقول X، الباحث في «معهد بروكينغز»: «…»: a short quoted stretch (marks at ``o`` and ``c``) followed in the
    same sentence, past other such names, by a colon and the quote the reporting verb introduces is a name in the
    speaker's description."""
    if len(text[o + 1:c].split()) >= MIN_WORDS_WITHOUT_CUE or text[max(0, o - 4):o].rstrip().endswith(":"):
        return False  # (وذكر النادي: «شكرا»، وأضاف: «…»: a quote a colon introduces is speech)
    words = 0
    for a, b in spans:
        if a <= c:
            continue
        gap = text[c + 1:a].strip()
        words += len(gap.split())
        if words > _APPOSITION_WORDS or _SENTENCE_END.search(gap) or "\n" in gap or any(
                _cue_of(fold_str(w.strip(":،,؛"))) for w in gap.split()):
            return False
        if gap.endswith(":"):
            return True
        if len(text[a + 1:b].split()) >= MIN_WORDS_WITHOUT_CUE:
            return False
        c = b
    return False


@lru_cache(maxsize=1)
def _title_cues() -> frozenset[str]:
    return word_set("quote_title_cues.tsv")


def _is_title(doc: Document, open_at: int, ix: _Index, q0: int) -> bool:
    """لـ«الشرق الأوسط»، مسلسل «...»، حملة «...»: the quoted text names something."""
    before = doc.text[max(0, open_at - 2):open_at]
    if before.endswith(("لـ", "ل")) and (open_at < 2 or not before[:1].isalpha() or before.endswith("لـ")):
        return True
    k = q0 - 1
    if k >= 0 and doc.tokens[k].end <= open_at:
        w = doc.tokens[k].norm
        cues = _title_cues()
        return w in cues or any(stem in cues for _, stem in proclitic_splits(w)[1:])
    return False


def _find_cue(ix: _Index, q0: int, floor: int = -1) -> tuple[int, tuple[int, Cue] | None]:
    toks = ix.doc.tokens
    sent = toks[q0].sentence if q0 < len(toks) else -1
    k = q0 - 1
    while k > floor and k >= q0 - CUE_WINDOW:
        t = toks[k]
        if t.sentence != sent and t.sentence < sent - 1:
            break
        c = _cue_of(t.norm)
        if c is None and t.norm == "القول" and k and toks[k - 1].norm == "الي":
            c = (0, _SAYING_AS)  # وتخلص الباحثة إلى القول: «…» (not يمكن القول، تكرار القول)
        if c is not None and c[1].kind != "address":
            if c[1].kind in ("noun", "source"):
                # وقال توسك في بيان له إن "...": a reporting verb earlier in the sentence governs the noun
                for j in range(k - 1, max(-1, k - 12), -1):  # (past a title and a name: وقال وزير الخارجية …)
                    if toks[j].sentence != t.sentence:
                        break
                    v = _cue_of(toks[j].norm)
                    if v is not None and v[1].kind == "verb":
                        return j, v
            return k, c
        if t.sentence != sent:
            break
        k -= 1
    return -1, None


def _find_cue_after(ix: _Index, k: int) -> tuple[int, tuple[int, Cue] | None]:
    toks = ix.doc.tokens
    for j in range(k, min(k + 3, len(toks))):
        if toks[j].norm in ("،", ",", "-", "–"):
            continue
        c = _cue_of(toks[j].norm)
        if c is not None and c[1].kind == "verb":
            return j, c
        break
    return -1, None


_SAYING_AS = Cue("participle")
_SAYING = frozenset(("قوله", "قولها", "قولهم"))  # "his saying", after عن X
_RELAYED = frozenset({"نقل", "نقلت", "ونقل", "ونقلت", "نقلا", "نقلاً"})
_OF_HIM = frozenset(("عنه", "عنها"))


def _relayed_source(ix: _Index, k: int, q0: int) -> str | None:
    """نقل موقع بي بي سي عن "فالون" أن "...": the person after عن said it, not the outlet that relayed it."""
    toks = ix.doc.tokens
    if toks[k].norm not in _RELAYED:
        return None
    for j in range(k + 1, min(q0, k + 12)):
        if toks[j].norm == "عن":
            for m in range(j + 1, min(q0, j + 3)):
                if m in ix.mention_at:
                    return ix.mention_at[m][0]
                if toks[m].norm not in _QUOTE_MARKS:
                    break
    return None


def _speaker(ix: _Index, k: int, kind: str, q0: int, timeline: list[tuple[int, str | None]]) -> str | None:
    toks = ix.doc.tokens
    if kind == "noun" and k >= 2 and toks[k - 1].norm == "في" and toks[k - 2].sentence == toks[k].sentence:
        said = _cue_of(toks[k - 2].norm)  # مؤكدا في بيان أن «…»، وقال في بيان: the verb or participle's speaker
        if said is not None and said[1].kind in ("verb", "participle"):
            return _speaker(ix, k - 2, said[1].kind, q0, timeline)
    relayed = _relayed_source(ix, k, q0)
    if relayed is not None:
        return relayed
    if toks[k].norm in _RELAYED and any(toks[p].norm in _OF_HIM for p in range(k + 1, min(q0, k + 10))):
        return _carried(ix, k, toks[k].sentence, timeline)  # ونقل موقع النادي عنه قوله: the one named before
    if kind == "noun" and toks[k].norm in _SAYING:
        said = _mention_ending_at(ix, k)
        if said is not None and any(toks[p].norm in ("عن", "وعن") for p in range(max(0, said[1] - 4), said[1])):
            return said[0]  # نقلت تقارير عن (المدرب) بليجريني قوله «…»: the one whose saying is relayed
    if kind == "verb" and k > 0 and toks[k - 1].norm in ("الذي", "التي") and toks[k - 1].sentence == toks[k].sentence:
        ante = _mention_ending_at(ix, k - 1)
        if ante is not None and ix.is_person(ante[0]):
            return ante[0]  # خطاب الرئيس السيسي الذي قال فيه «…»: the antecedent speaks
    if kind == "verb":
        pre = _subject_before_after_complementiser(ix, k)
        if pre is not None:
            return pre  # إن قيادة «لواء الفتح» دعت الفصيل الآخر «…»: the name before the verb, not its object
    if kind in ("verb", "source", "noun"):
        eid, explicit = _subject_after(ix, k, q0 + 1)
        if explicit or eid:
            return eid
        if kind == "verb" and k - 1 >= 0 and toks[k - 1].sentence == toks[k].sentence:
            before = _mention_ending_at(ix, k)
            if before is None and k >= 2 and toks[k - 1].norm in ("قد", "لقد"):
                before = _mention_ending_at(ix, k - 1)  # وكان وزير الداخلية … قد أكد أن «…»
            if before is not None and not _topic_clause(toks, before[1]):
                return before[0]  # وكان الوزير ناصر الحبيشي قال لـ«الوطن» «…»: the name right before the verb
        if kind != "verb":
            return None
    # participle cue, or a verb whose subject is elided: the subject carried from the clause or earlier text
    sent = toks[k].sentence
    mid = k > 0 and toks[k - 1].sentence == sent and toks[k].norm[:1] in "وف"  # رفض X الاتهامات، وقال في بيان
    want = _cue_gender(toks[k].norm)
    if kind == "participle" or (kind == "verb" and mid):
        # رفض النائب محمد رعد ... هذه الاتهامات، معتبرا «…»: with no reporting verb earlier in its sentence, the
        # participle's subject is the first person of the sentence, not the last one reported speaking before it
        here = [(pos, eid) for pos, eid in timeline if pos < k and toks[pos].sentence == sent and eid
                and _agrees(ix, eid, want)]
        first = _first_person_in(ix, sent, k, want)
        if here:
            return max(here)[1]
        if first is not None and (kind == "participle" or _clause_subject(ix, first, sent, k)):
            return first
        body = _first_party_in(ix, sent, k) if first is None else None
        if body is not None and _clause_subject(ix, body, sent, k):
            return body  # قرر مجلس بنك المغرب الإبقاء على سعر الفائدة، معتبرا «…»: the body speaks
    return _carried(ix, k, sent, timeline)


def _carried(ix: _Index, k: int, sent: int, timeline: list[tuple[int, str | None]]) -> str | None:
    """The speaker of a reporting word at ``k`` whose subject is elided: the last one reported speaking in this or
    the previous sentence, else the person introduced most recently; never a person the verb's gender rules out
    (وقالت after قال الرئيس X: not X)."""
    toks = ix.doc.tokens
    want = _cue_gender(toks[k].norm)
    for pos, eid in reversed(timeline):
        if pos >= k or not _agrees(ix, eid, want):
            continue
        if toks[pos].sentence < sent - 1:
            break  # older reporting clauses compete with the person introduced just before (below)
        return eid
    # "شبه الوزير X ... . وقال إن": the person introduced most recently, in subject position, speaks on
    for s_back in range(0, CARRY_SENTENCES):
        target = sent - s_back
        first = _first_person_in(ix, target, k if s_back == 0 else None, want)
        if first is not None:
            return first
    for pos, eid in reversed(timeline):
        if pos < k and toks[pos].sentence >= sent - CARRY_SENTENCES and _agrees(ix, eid, want):
            return eid
    return None


def _cue_gender(word: str) -> str | None:
    """"f" for a feminine reporting word (قالت، وأضافت، تقول، مضيفة), "m" for a masculine singular one (قال، يضيف،
    مضيفا), None for plurals, duals, nouns and what cannot tell."""
    c = _cue_of(word)
    if c is None or c[1].kind not in ("verb", "participle"):
        return None
    w = word[c[0]:]
    if w.endswith(("وا", "ون", "ين", "ان")) or (c[1].kind == "verb" and w.endswith("ا")):
        return None  # قالوا، قالا، مضيفين
    if c[1].kind == "participle":
        return "f" if w.endswith("ه") else "m" if w.endswith("ا") else None
    if (w.endswith("ت") and _cue_of(w[:-1]) is not None) or (w[0] == "ت" and _cue_of("ي" + w[1:]) is not None):
        return "f"  # قالت، تقول (قال and يقول are cues too; لفت، تابع are masculine)
    return "m"


def _agrees(ix: _Index, eid: str | None, want: str | None) -> bool:
    return eid is None or want is None or ix.gender.get(eid, want) == want


def _subject_before_after_complementiser(ix: _Index, k: int) -> str | None:
    """After إن/أن, a name ending right before the verb at ``k`` (one quotation mark between allowed; a head
    noun such as قيادة، حكومة between إن and the name allowed) is its subject."""
    toks = ix.doc.tokens
    found = _mention_ending_at(ix, k - 1 if k > 0 and toks[k - 1].norm in _QUOTE_MARKS else k)
    if found is not None:
        eid, start = found
        for p in range(max(0, start - 4), start):
            if toks[p].norm in ("ان", "بان", "لان") and toks[p].sentence == toks[k].sentence:
                return eid
    return None


_TOPIC_WORDS = frozenset({"عن", "وعن", "حول", "وحول", "بشان", "يخص", "رايه", "بخصوص", "مع", "تجاه", "علاقته"})


def _topic_clause(toks, start: int) -> bool:
    """Does the clause holding token ``start`` open with a topic (وعن علاقته مع الرئيس خالد البلطان قال: «…»): the
    name there is what the speaker talks about, not the speaker."""
    for p in range(start - 1, max(-1, start - 12), -1):
        w = toks[p].norm
        if not w[:1].isalpha():
            return False
        if w in _TOPIC_WORDS:
            return True
    return False


def _mention_ending_at(ix: _Index, end: int) -> tuple[str, int] | None:
    """(entity id, first token) of the mention whose last token is ``end - 1``."""
    for start in range(end - 1, max(-1, end - 9), -1):
        hit = ix.mention_at.get(start)
        if hit is not None and hit[1] == end:
            return hit[0], start
    return None


def _clause_subject(ix: _Index, eid: str, sent: int, k: int) -> bool:
    """Whether the person first named in sentence ``sent`` is the subject of its opening verb: after an opener
    (في المقابل،) at most a verb and a title come before him, with no preposition or أن-clause (رفض مكتب رئيس
    الوزراء X الاتهامات، وقال: X speaks; كما أكد أنه لا يثق في إدارة أوباما، وقال / تفاجأت بإقالة المدرب X،
    وأضاف: X does not)."""
    toks = ix.doc.tokens
    first = next(p for p in range(k, -1, -1) if p == 0 or toks[p - 1].sentence != sent)
    at = next((p for p in range(first, k) if p in ix.mention_at and ix.mention_at[p][0] == eid), None)
    if at is None:
        return False
    lead = [t.norm for t in toks[first:at]]
    comma = next((n for n, w in enumerate(lead[:OPENER_WORDS]) if w in ("،", ",")), None)
    lead = lead[comma + 1:] if comma is not None else lead
    return sum(w not in ("،", ",") for w in lead) <= SUBJECT_WORDS and not any(
        w in _THAT or w in _PREPOSITIONS or (len(w) > 3 and w[0] in "بل" and not w.startswith("ال")) for w in lead)


OPENER_WORDS = 4   # words of a discourse opener before its comma (في المقابل، من جهته، وفي السياق نفسه،)
SUBJECT_WORDS = 8  # a verb and a title at most between the sentence's start and its subject
_THAT = frozenset(("ان", "انه", "انها", "بان", "بانه", "وان", "لان"))
_PREPOSITIONS = frozenset(("في", "علي", "من", "عن", "الي", "مع", "حول", "بعد", "قبل"))


def _first_party_in(ix: _Index, sent: int, before: int) -> str | None:
    """The first organisation named in sentence ``sent`` before token ``before``, outside quotation marks."""
    return next((eid for eid in _mentions_in(ix, sent, before) if ix.type_of(eid) == "ORG"), None)


def _first_person_in(ix: _Index, sent: int, before: int | None, want: str | None = None) -> str | None:
    """The first person mentioned in sentence ``sent`` (before token ``before``), outside quotation marks."""
    if sent < 0:
        return None
    dl = ix.doc.dateline
    for k in sorted(ix.mention_at):
        t = ix.doc.tokens[k]
        if t.sentence < sent or ix.inside_quote(k):
            continue
        if dl is not None and dl.start is not None and dl.start <= t.start < dl.end:
            continue  # the byline's author does not speak in the story
        if t.sentence > sent or (before is not None and k >= before):
            return None
        eid = ix.mention_at[k][0]
        if ix.is_person(eid) and not _topic_clause(ix.doc.tokens, k) and _agrees(ix, eid, want):
            return eid  # (not the person a clause is about: وعن علاقته مع الرئيس خالد قال: «…»)
    return None
