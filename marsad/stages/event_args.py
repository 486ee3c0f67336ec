"""Who, whom, where and when for an event trigger: mentions in token space and the Arabic word-order rules.

A sentence is read as VSO first (the subject follows the verb, after any title words), then SVO (a name just
before the verb); verbal nouns take their actor from the genitive after them, an attached pronoun, or the
subject of the verb that governs them. Generic actors (protesters, gunmen) come from the agents table when no
named entity fills the slot.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.clitics import proclitic_splits
from marsad.arabic.lexicon import word_set
from marsad.arabic.normalize import fold_str
from marsad.document import Document, Entity
from marsad.geo import Gazetteer

# Words that close a clause for argument search; quotes do not (اشاد "بدور ...").
BOUNDARY = frozenset("،,؛;:()[]!?؟.")
PREPOSITIONS = frozenset(("في", "الى", "علي", "مع", "من", "عن", "حول", "خلال", "بين", "ضد", "لدي", "عند", "منذ",
                          "بعد", "قبل", "عقب", "اثر", "نحو", "تجاه", "امام"))
# Words that may stand between a verb and its subject: time adverbs and particles.
SKIPPABLE = frozenset(("امس", "اليوم", "الليله", "فجر", "صباح", "مساء", "ظهر", "اول", "من", "قد", "لقد", "يوم",
                       "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "ايضا", "بدوره",
                       "بدورها", "جانبه", "جانبها", "اخيرا", "مجددا", "امس،"))
APPROXIMATELY = frozenset(("نحو", "حوالي", "قرابه"))  # before an amount they mean "about", not "towards"
AMOUNT_WORDS = frozenset(fold_str(w) for w in ("مائة", "مئة", "مئات", "ألف", "آلاف", "عشرات", "ألفا", "مليون"))
SUBJECT_LEADS = frozenset(("ان", "قد", "لقد", "كان", "كانت", "وكان", "وكانت"))
NAMED = ("PER", "ORG")


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity (or generic agent) occupying tokens ``start..end`` of the document."""

    start: int
    end: int
    entity: str          # entity id; agents get theirs when an event first uses them
    type: str            # PER ORG LOC MISC, or AGENT
    kind: str | None     # entity kind, or the agent kind (protester, attacker ...)
    role: str | None = None
    text: str = ""
    char_start: int = 0
    char_end: int = 0
    place_only: bool = False  # a sea, strait, region or ordinary city: where things happen, never who acts
    country: str | None = None  # an agent's country (الرئيس الأمريكي، الحكومة المصرية)

    @property
    def rank(self) -> int:
        """How good a subject this mention makes: people and organisations first, nationality adjectives last."""
        if self.type in NAMED:
            return 0
        if self.type == "AGENT":
            return 1 if self.kind != "civilian" else 3
        if self.kind in ("nationality",):
            return 4
        return 2


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    return frozenset(c.capital_geo_id for c in Gazetteer.load().countries() if c.capital_geo_id)


def place_only(e: Entity) -> bool:
    """An entity that cannot act or be acted upon: only a country, or a capital standing for its government
    (استضافت الرياض), may be an actor or a recipient; seas, straits, regions and other cities are places, and a
    MISC name (a document, an event, a law: بيان جنيف، كأس العالم) is what is talked about."""
    if e.type == "MISC":
        return True
    if e.type != "LOC" or e.kind == "country":
        return False
    return not (e.kind == "city" and e.geo_id is not None and e.geo_id in _capitals())


class MentionIndex:
    """Mentions sorted by first token, with lookups by token position."""

    def __init__(self, doc: Document, agents: list[Mention]) -> None:
        starts = [t.start for t in doc.tokens]
        ends = [t.end for t in doc.tokens]
        found: dict[tuple[int, int], Mention] = {}

        def tok_range(a: int, b: int) -> tuple[int, int] | None:
            i = bisect_right(starts, a) - 1
            j = bisect_left(ends, b)
            if i < 0 or j >= len(starts) or i > j:
                return None
            return i, j + 1

        for e in doc.entities:
            for m in e.mentions:
                r = tok_range(m.start, m.end)
                if r and r not in found:
                    found[r] = Mention(r[0], r[1], e.id, e.type, e.kind, e.role, m.text, m.start, m.end,
                                       place_only(e))
        by_id = {e.id: e for e in doc.entities}
        for a, b, eid in doc.refs:
            r = tok_range(a, b)
            e = by_id.get(eid)
            if r and e is not None:
                found[r] = Mention(r[0], r[1], e.id, e.type, e.kind, e.role, doc.text[a:b], a, b, place_only(e))
        for m in agents:
            inside = [r for r in found if not (m.end <= r[0] or r[1] <= m.start)]
            if inside and m.kind == "official" and m.country and all(
                    found[r].type == "LOC" and m.start <= r[0] and r[1] <= m.end for r in inside):
                for r in inside:  # رئيس وزراء باكستان: the unnamed office holder, not the country in his title
                    del found[r]
                inside = []
            if not inside:
                found[(m.start, m.end)] = m
        self.mentions = sorted(found.values(), key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]

    def starting_at(self, k: int) -> list[Mention]:
        i = bisect_left(self._starts, k)
        out = []
        while i < len(self.mentions) and self.mentions[i].start == k:
            out.append(self.mentions[i])
            i += 1
        return out

    def ending_at(self, k: int) -> Mention | None:
        """The mention whose last token is ``k - 1``."""
        i = bisect_left(self._starts, k) - 1
        while i >= 0 and k - self.mentions[i].start <= 8:
            if self.mentions[i].end == k:
                return self.mentions[i]
            i -= 1
        return None

    def between(self, a: int, b: int) -> list[Mention]:
        i = bisect_left(self._starts, a)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < b:
            if self.mentions[i].end <= b:
                out.append(self.mentions[i])
            i += 1
        return out


# Locative cues that may also govern a recipient (قدمت مساعدات إلى السودان، انسحب من سوريا) are not place markers.
_RECIPIENT_PREPOSITIONS = frozenset(("الى", "من", "بين", "نحو"))


def _locative(word: str) -> bool:
    """A word that makes the name after it a place (في، جنوبي، قرب، محافظة), from the locative cues table."""
    w = bare(word)
    return w not in _RECIPIENT_PREPOSITIONS and w in word_set("locative_cues.tsv")


def is_amount(word: str) -> bool:
    """Digits or a number word (ثلاثة، عشرات، آلاف)."""
    return word[:1].isdigit() or word in AMOUNT_WORDS or word in word_set("time_numbers.tsv")


def bare(word: str) -> str:
    """The word without a conjunction (و ف) in front."""
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


# Plural heads before a state's name that make them its organ (سلطات الاحتلال، قوات …): not an unknown name
_BODY_NOUNS = frozenset(fold_str(w) for w in ("سلطات", "قوات", "أجهزة", "عناصر", "وحدات"))


def _rank_end(norms: list[str], k: int, limit: int) -> int:
    """Token after a title or honorific (العميد، الدكتور، المهندس) starting at ``k``; ``k`` when none does."""
    from marsad.stages.entities import lexicons

    lex = lexicons()
    m = lex.honorifics.match_at(norms, k, limit, clitics=False) or lex.titles.match_at(norms, k, limit, clitics=False)
    return m.end if m is not None else k


def subject_after(ix: MentionIndex, norms: list[str], j: int, limit: int) -> Mention | None:
    """VSO subject: the first mention after token ``j``, past time words and up to four title words."""
    free = 0
    best: Mention | None = None
    k = j
    while k < limit and free <= 4:
        w = norms[k]
        if w in BOUNDARY:
            break
        here = ix.starting_at(k)
        if here:
            m = max(here, key=lambda m: (m.end - m.start, -m.rank))
            if m.country and free and best is None and not (m.type == "ORG" and norms[k - 1] in _BODY_NOUNS):
                # يتهم دمرتاش الرئيس التركي: an unknown word before a titled agent is likely its subject's name
                return None
            if free and m.type != "PER" and not m.place_only:
                person = [p for p in ix.starting_at(_rank_end(norms, m.end, limit)) if p.type == "PER"]
                if person:  # المتحدث باسم الجيش السوداني [العميد] X: the body is the title's, the person acts
                    return max(person, key=lambda p: p.end - p.start)
            if m.place_only or (m.type == "LOC" and k > j and _locative(norms[k - 1])):
                if best is not None:
                    return best
                k = m.end  # قرب مضيق باب المندب: a place is never the subject
                free += 1
                continue
            if best is None or m.rank < best.rank:
                best = m
            if best.rank <= 1:
                return best
            k = m.end
            continue
        if best is not None:
            if w == "من" and best.kind == "civilian":
                k += 1  # عشرات من المتظاهرين: the quantity's complement is the real subject
                continue
            return best
        if bare(w) in PREPOSITIONS and not (w in APPROXIMATELY and k + 1 < limit and is_amount(norms[k + 1])):
            break
        if w not in SKIPPABLE and not w[:1].isdigit():
            free += 1
        k += 1
    return best


# Verbs with a pronoun for the act named before them: قصف نفذته قوات …، هجوم شنته جماعة …، مسيرة نظمها الطلاب
_SUFFIXES = ("ه", "ها", "ته", "تها", "وه", "وها")
ORGANISER_VERBS = frozenset(fold_str("نظم" + p) for p in _SUFFIXES)  # (not قاده، دعاه: also قادة، دعاة)
# Two-word relative verbs: (the verbs, the preposition with the pronoun after them)
_CALLED = (frozenset(fold_str(w) for w in ("دعا", "دعت", "دعوا")), frozenset(fold_str(w) for w in ("إليها", "إليه")))
_DOING = (frozenset(fold_str(w) for w in ("قام", "قامت", "يقوم", "تقوم")),
          frozenset(fold_str(w) for w in ("بها", "به")))
DOER_VERBS = ORGANISER_VERBS | frozenset(fold_str(v + p) for v in ("نفذ", "شن", "ارتكب", "أطلق", "أعلن")
                                         for p in _SUFFIXES) | frozenset(
    fold_str(w) for w in ("تبناه", "تبنته", "تبناها", "تبنتها", "تبنوه"))
RELATIVES = frozenset(fold_str(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين"))


# Verbs whose object is the act itself (نفذ الطيران غارات، شنت الطائرات هجوما): their subject does the act
SUPPORT_VERBS = frozenset(fold_str(p + v + e) for v in ("نفذ", "شن", "ارتكب", "واصل")
                          for p, e in (("", ""), ("", "ت"), ("", "وا"), ("ي", ""), ("ت", ""), ("ي", "ون")))


def support_subject(ix: MentionIndex, norms: list[str], i: int, a: int) -> Mention | None:
    """The subject of a support verb (نفذ، شن، ارتكب، واصل) whose object is the verbal noun at ``i``, named between
    them: ونفذ الطيران الحربي الإسرائيلي سلسلة غارات، شنت مقاتلات أميركية غارات (past a time set off by commas:
    شن طيران العدوان، مساء اليوم، خمس غارات); ``a`` is the sentence's first token."""
    k = i - 1
    while k >= max(a, i - 12):
        if norms[k] in ("،", ","):
            back = k - 1
            while back >= a and norms[back] in SKIPPABLE:
                back -= 1
            if back < k - 1 and back >= a and norms[back] in ("،", ","):
                k = back - 1  # an aside of time words between two commas
                continue
            return None
        if norms[k] in BOUNDARY:
            return None
        if bare(norms[k]) in SUPPORT_VERBS:
            m = subject_after(ix, norms, k + 1, i) or subject_before(ix, norms, k, a)  # (بأن المستوطنين نفذوا …)
            return m if m is not None and not m.place_only and m.type != "LOC" else None
        k -= 1
    return None


def past_titles(ix: MentionIndex, norms: list[str], k: int, limit: int) -> int:
    """Past the titles written right after a person's name, with the bodies they govern (الأمير فهد بن تركي ولي العهد
    رئيس مجلس الوزراء): they are his, not the object of the verb before him."""
    from marsad.stages.entities import construct_place, lexicons

    lex = lexicons()
    while k < limit:
        if norms[k] == "ال" and k + 1 < limit:  # (… بن عبدالعزيز آل سعود: the family name the mention left out)
            k += 2
            continue
        t = lex.titles.match_at(norms, k, limit, clitics=False)
        if t is None or any(m.type in ("PER", "AGENT") for m in ix.starting_at(k)) or (
                t.end < limit and (lex.nationality(norms[t.end]) or construct_place(lex, norms, t.end, limit))):
            return k  # (الرئيس الكيني، سفير جمهورية تشيلي: another person's title, the object)
        k = t.end
        body = [m for m in ix.starting_at(k) if m.type == "ORG"]
        if body:
            k = max(m.end for m in body)
    return k


def doer_after(ix: MentionIndex, norms: list[str], j: int, limit: int, organised: bool = False) -> Mention | None:
    """The named doer of an act told by a verbal noun ending at ``j``, in a relative clause right after it (past one
    adjective and a relative pronoun): قصف مدفعي نفذته قوات الدعم السريع، الهجوم الذي تبناه التنظيم; with
    ``organised``, only whoever organised or led it (مسيرة نظمها الاتحاد: a march; مسيرة أطلقها: a drone)."""
    verbs = ORGANISER_VERBS if organised else DOER_VERBS
    k = j
    if k < limit and not ix.starting_at(k) and norms[k] not in DOER_VERBS and norms[k] not in RELATIVES \
            and norms[k] not in _CALLED[0] and norms[k] not in _DOING[0] and norms[k][:1].isalpha():
        k += 1  # قصف مدفعي، هجوم إرهابي: an adjective
    if k < limit and norms[k] in RELATIVES:
        k += 1
    if k + 1 < limit and norms[k] in _CALLED[0] and norms[k + 1] in _CALLED[1]:
        k += 1  # مسيرة دعا إليها الاتحاد: whoever called it
    elif not organised and k + 1 < limit and norms[k] in _DOING[0] and norms[k + 1] in _DOING[1]:
        k += 1  # زيارة الدولة التي يقوم بها الشيخ محمد: whoever makes it
    elif k >= limit or norms[k] not in verbs:
        return None
    q = k + 1
    while q < limit and norms[q] in ("«", '"', "“"):
        q += 1
    here = [m for m in ix.starting_at(q) if not m.place_only and m.type != "LOC"]
    if here:  # شنها المسلحون الحوثيون والموالون لصالح: the first named after the verb, not the best-ranked
        return max(here, key=lambda m: m.end - m.start)
    m = subject_after(ix, norms, k + 1, limit)
    return m if m is not None and not m.place_only and m.type != "LOC" else None


def subject_before(ix: MentionIndex, norms: list[str], i: int, start: int) -> Mention | None:
    """SVO subject: a mention ending right before token ``i`` (past قد، ان، كان, or a short aside between commas:
    أعلنت الحكومة، الأربعاء، فرض عقوبات)."""
    k = _before_aside(ix, norms, i, start)
    for _ in range(3):
        m = ix.ending_at(k)
        if m is not None and m.start >= start:
            return None if m.place_only else m
        if k - 1 < start or bare(norms[k - 1]) not in SUBJECT_LEADS:
            return None
        k -= 1
    return None


_COMMAS = frozenset(("،", ","))
ASIDE = 3  # words a comma-delimited aside (a day, a place) may hold


def _before_aside(ix: MentionIndex, norms: list[str], i: int, start: int) -> int:
    """Token ``i``, or the first comma of an aside of up to three words that ends right before it and names
    nothing (مثل بريطانيا، وألمانيا، وفرنسا، تؤيد: a list, not an aside)."""
    if i - 1 <= start or norms[i - 1] not in _COMMAS:
        return i
    for p in range(i - 2, max(start, i - 2 - ASIDE - 1), -1):
        if norms[p] in _COMMAS:
            if p + 1 < i - 1 and not any(ix.starting_at(q) for q in range(p + 1, i - 1)):
                return p
            return i
    return i


def prep_of(word: str) -> str | None:
    """The preposition a word carries as a proclitic (ب ل), if any."""
    splits = proclitic_splits(word)
    for plen, _ in splits[1:]:
        p = word[plen - 1]
        if p in "بل":
            return p
    return None


def objects_after(ix: MentionIndex, norms: list[str], j: int, limit: int, skip: set[str]) -> list[Mention]:
    """Recipients after the trigger: the object, or what follows مع / بين / على / ضد / الى / ل / ب.

    ``بين X و Y`` yields every mention of the coordination.
    """
    out: list[Mention] = []
    k = j
    in_between = False
    while k < limit:
        w = norms[k]
        if w in BOUNDARY:
            break
        person = titled_person(ix, norms, k, limit, skip)
        if person is not None:  # استقبل ... سفير جمهورية تشيلي لدى المملكة خوان بيريز: the ambassador
            out.append(person)
            k = person.end
            if not in_between and not (k < limit and norms[k].startswith("و")):
                break
            continue
        here = ix.starting_at(k)
        if here:
            m = max(here, key=lambda m: (m.end - m.start, -m.rank))
            k = m.end
            if m.entity in skip:
                continue
            if m.place_only:
                continue  # a city or a place is where, not whom
            if m.type == "LOC" and m.start > j and _locative(norms[m.start - 1]):
                continue  # جنوبي العراق، في سوريا: where, not whom
            if m.type == "LOC" and m.kind != "country" and prep_of(norms[m.start]) == "ب":
                continue  # استقبل في مكتبه بالرياض …: a capital after ب is where the meeting is
            if m.kind == "nationality" and out:
                continue
            if m.type == "AGENT" and norms[m.start][:1] == "و" and any(
                    norms[p][:1] == "ب" and norms[p][1:] in _MEANS for p in range(max(j, m.start - 3), m.start)):
                continue  # استهدفت سفينة بصاروخين وطائرة مسيرة: a weapon coordinated with the ب of the means
            if m.type in ("ORG", "LOC") and not in_between:
                person = _person_after_honorific(ix, norms, k, limit, skip)
                if person is not None:  # عضو هيئة كبار العلماء الشيخ صالح الفوزان: the member, not the body
                    m, k = person, person.end
            out.append(m)
            if not in_between:
                if m.rank <= 2 and not (k < limit and norms[k].startswith("و") and ix.starting_at(k)):
                    break
            continue
        if bare(w) == "بين":
            if k > j and bare(norms[k - 1]) in _TOPICS:
                break  # بحث معه العلاقات بين الأردن والاتحاد الأوروبي: what is discussed, not with whom
            in_between = True
        k += 1
        if len(out) >= 4:
            break
    return out


# Weapons an attack is made with (بصاروخ، بقذائف): a drone coordinated with them is a weapon too, not the target
_MEANS = frozenset(fold_str(w) for w in ("صاروخ", "صاروخين", "صواريخ", "قذيفة", "قذيفتين", "قذائف", "عبوة",
                                         "عبوات", "طائرة", "طائرات", "مسيرة", "مسيرات", "الصواريخ", "الطائرات",
                                         "رصاص", "الرصاص", "أسلحة", "الأسلحة", "مدفعية", "المدفعية"))
TITLE_REACH = 10  # words from the start of a title to the name it introduces (سفير جمهورية تشيلي لدى المملكة ...)


def titled_person(ix: MentionIndex, norms: list[str], k: int, limit: int, skip: set[str]) -> Mention | None:
    """The person a title starting at token ``k`` introduces, when one follows within the clause: the places and
    organisations of the title (عضو هيئة كبار العلماء الشيخ صالح الفوزان) are not the recipient."""
    from marsad.stages.entities import lexicons

    lex = lexicons()
    m = lex.titles.match_at(norms, k, limit)
    if m is None:
        return None
    for p in range(m.end, min(limit, k + TITLE_REACH)):
        if norms[p] in BOUNDARY:
            return None
        for cand in ix.starting_at(p):
            if cand.type == "PER" and cand.entity not in skip:
                return cand
    return None


def _person_after_honorific(ix: MentionIndex, norms: list[str], k: int, limit: int, skip: set[str]
                            ) -> Mention | None:
    """A person right after a title or honorific that follows within four words (… الشيخ صالح الفوزان)."""
    for p in range(k, min(limit, k + 4)):
        if norms[p] in BOUNDARY:
            return None
        end = _rank_end(norms, p, limit)
        if end > p:
            for cand in ix.starting_at(end):
                if cand.type == "PER" and cand.entity not in skip:
                    return cand
            return None
    return None


def orig_prefix(doc: Document, tok, folded_prefix: int) -> int:
    """Characters of the original token covering ``folded_prefix`` folded letters (diacritics may sit between)."""
    if not folded_prefix:
        return 0
    seen = 0
    for n, ch in enumerate(tok.text):
        if ch.isalpha():
            seen += 1
            if seen == folded_prefix:
                return n + 1
    return 0


_ARMED = frozenset(fold_str(w) for w in ("المسلحة", "المسلح", "مسلحة"))


def find_agents(lex, doc: Document, norms: list[str], a: int, b: int) -> list[Mention]:
    """Generic actors (المتظاهرون، مسلحون، سيارة مفخخة) in tokens ``a..b``, from the agents table."""
    out = []
    k = a
    while k < b:
        m = lex.agents.match_at(norms, k, b)
        state = _attack_by_nation(norms, k) if m is None and k + 1 < b else None
        if state:
            t1 = doc.tokens[k + 1]  # قصف إسرائيلي، الغارات الروسية: the adjective names the attacking state
            out.append(Mention(k + 1, k + 2, "", "AGENT", "military", "MIL", t1.text, t1.start, t1.end, country=state))
            k += 2
            continue
        if m is None:
            drone = drone_at(norms, k, b)
            if drone is not None:  # مسيرة إسرائيلية: a drone of a country (a march has no nationality)
                t0, t1 = doc.tokens[k], doc.tokens[k + 1]
                cs = t0.start + orig_prefix(doc, t0, 1 if norms[k][0] in "وب" else 0)
                out.append(Mention(k, k + 2, "", "AGENT", "military", "MIL", doc.text[cs:t1.end], cs, t1.end,
                                   country=drone))
                k += 2
                continue
            k += 1
            continue
        if m.value.kind == "military" and k > a and _MUNITIONS & {st for _, st in proclitic_splits(norms[k - 1])}:
            k = m.end  # بقذائف المدفعية، وحدات المدفعية: the arm named as a genitive is no actor of its own
            continue
        end, country, kind, role = m.end, None, m.value.kind, m.value.role
        if m.end - m.start == 1 and norms[m.start][m.prefix:] in _CROWDS and end < b and _people_noun(norms[end]):
            # تظاهر آلاف الإسرائيليين: the crowd is of the people named after it (and of their country); آلاف
            # المحتجين are protesters
            from marsad.stages.entities import lexicons

            country = lexicons().nationality(norms[end])
            people = lex.agents.match_at(norms, end, b)
            if people is not None and people.end == end + 1:
                kind, role = people.value.kind, people.value.role
            end += 1
        if kind in ("military", "security") and end < b and norms[end] in _ARMED:
            end += 1  # القوات المسلحة المصرية: armed is the forces' adjective, not gunmen of their own
        if kind in ("military", "attacker", "security") and country is None:
            end, country = _owner_nationality(norms, end, b)  # الطيران الحربي الإسرائيلي، مقاتلات أميركية
        t0, t1 = doc.tokens[m.start], doc.tokens[end - 1]
        cs = t0.start + orig_prefix(doc, t0, m.prefix)
        out.append(Mention(m.start, end, "", "AGENT", kind, role, doc.text[cs:t1.end], cs, t1.end, country=country))
        k = end
    return out


# Adjectives between an armed force and its nationality (الطيران الحربي الإسرائيلي، طائرات مسيرة أمريكية)
_ARMS_ADJECTIVES = frozenset(fold_str(w) for w in (
    "العدوان", "الحربي", "الحربية", "حربية", "مسيرة", "المسيرة", "العسكرية", "المروحية", "مروحية", "أمنية", "الأمنية",
    "عسكرية", "مشتركة", "المشتركة", "خاصة", "الخاصة"))


_ATTACKS = frozenset(fold_str(p + w) for w in ("قصف", "قصفا", "غارة", "غارات", "هجوم", "هجمات", "ضربة", "ضربات",
                                                "عدوان", "توغل", "اجتياح", "القصف", "الغارة", "الغارات", "الهجوم",
                                                "الهجمات", "الضربات", "العدوان", "التوغل", "الاجتياح")
                     for p in ("", "و", "ب", "في"))


def _attack_by_nation(norms: list[str], k: int) -> str | None:
    """The country of an attack noun's nationality adjective (قصف إسرائيلي، الغارات الروسية), if any."""
    if norms[k] not in _ATTACKS:
        return None
    from marsad.stages.entities import lexicons

    adj = norms[k + 1]
    if norms[k].startswith(("ال", "وال", "بال")) != adj.startswith("ال"):
        return None  # (the article agrees: القصف الإسرائيلي، قصف إسرائيلي)
    return lexicons().nationality(adj)


_DRONES = frozenset(fold_str(p + w) for w in ("مسيرة", "المسيرة", "مسيرات", "المسيرات") for p in ("", "و", "ب"))


def drone_at(norms: list[str], k: int, b: int) -> str | None:
    """The country of a drone named at ``k`` by the word مسيرة (also "march") and a nationality after it."""
    if norms[k] not in _DRONES or k + 1 >= b:
        return None
    from marsad.stages.entities import lexicons

    return lexicons().nationality(norms[k + 1])


def _owner_nationality(norms: list[str], end: int, b: int) -> tuple[int, str | None]:
    """A nationality adjective after an armed force (past one adjective of arms): where the phrase then ends and the
    country (the force's), else the end past that adjective and None."""
    from marsad.stages.entities import lexicons

    k = end + 1 if end < b and norms[end] in _ARMS_ADJECTIVES else end
    if k < b:
        country = lexicons().nationality(norms[k])
        if country:
            return k + 1, country
    return k, None  # (قوة أمنية: the adjective belongs to the force)


# Nouns whose genitive an armed force can be without acting (قذائف المدفعية: shells; وحدات المدفعية: units)
_MUNITIONS = frozenset(fold_str(w) for w in ("قذائف", "قذيفة", "نيران", "وحدات", "وحدة", "كتائب", "كتيبة", "سلاح",
                                             "مرابض", "راجمات", "صواريخ", "غارات", "غارة"))
_CROWDS = frozenset(("ميات", "الاف", "عشرات", "الميات", "الالاف", "العشرات"))  # folded مئات، آلاف، عشرات


def _people_noun(w: str) -> bool:
    """A definite plural of people after a crowd word (السوريين، المواطنين، الطلاب), no function word."""
    return w.startswith("ال") and len(w) > 4 and w.endswith(("ين", "ون")) and w not in word_set("function_words.tsv")


# Titles that make an unnamed office-holder a state actor when a nationality follows (الرئيس الأمريكي، وزير
# الخارجية الأردني): government, and the military ranks and commands (MIL).
_STATE_TITLES = ("الرئيس", "الملك", "الأمير", "السلطان", "ولي العهد", "ولي ولي العهد", "رئيس الوزراء", "نائب الرئيس",
                 "نائب رئيس الوزراء", "السفير", "المبعوث", "المبعوث الخاص", "المندوب", "المندوب الدائم",
                 "المتحدث الرسمي", "رئيس البرلمان", "رئيس مجلس النواب", "رئيس مجلس الأمة", "رئيس مجلس الشورى",
                 "مستشار الأمن القومي", "المرشد الأعلى", "وزير", "المسؤول")
_MILITARY_TITLES = ("قائد الجيش", "رئيس الأركان", "القائد العام", "الجنرال", "المشير", "الفريق", "اللواء", "العميد",
                    "العقيد")


# Offices that name one state actor even without a nationality (الملك، ولي العهد، رئيس الوزراء): not 'the official',
# and not the ranks that are also common nouns (الفريق team, اللواء brigade, العميد dean).
_OFFICES = frozenset(("الرئيس", "الملك", "الأمير", "السلطان", "ولي العهد", "ولي ولي العهد", "رئيس الوزراء",
                      "نائب الرئيس", "نائب رئيس الوزراء", "السفير", "المبعوث", "المبعوث الخاص", "المبعوث الأممي",
                      "المندوب", "المندوب الدائم", "رئيس البرلمان", "رئيس مجلس النواب", "المرشد الأعلى", "وزير",
                      "وزير الخارجية", "وزير الدفاع", "وزير الداخلية", "وزير المالية", "وزير الدولة"))


def state_role(title_role: str | None) -> str | None:
    """GOV or MIL for a title of a state office (any minister), else None (a coach or a writer is no state)."""
    if not title_role:
        return None
    if title_role in _MILITARY_TITLES:
        return "MIL"
    if title_role in _STATE_TITLES or title_role.startswith("وزير"):
        return "GOV"
    return None


def titled_agents(doc: Document, norms: list[str], a: int, b: int, named: set[int], agents: list[Mention],
                  verbs: dict[int, str] | None = None) -> list[Mention]:
    """Unnamed state actors in tokens ``a..b``: a state title and a nationality with no name after them
    (استقبل الرئيس الأمريكي …، قال وزير الخارجية الأردني …), and agents of the table given a nationality
    (الحكومة المصرية، السلطات العراقية). ``named``: the tokens of person names, which take precedence; ``verbs``:
    the tokens of the sentence's triggers and their tense (an office-holder without a nationality acts only right
    after a past verb: in بتظاهرة تطالب رئيس الوزراء the office is the object of a clause)."""
    from marsad.stages.entities import construct_place, lexicons

    lex = lexicons()
    verbs = verbs or {}
    out = []
    by_start = {m.start: m for m in agents}
    k = a
    while k < b:
        agent = by_start.get(k)
        if agent is not None and agent.kind == "official" and not norms[k].startswith(("ل", "ب")):
            code = lex.nationality(norms[agent.end]) if agent.end < b else None
            if code:
                end = doc.tokens[agent.end].end
                out.append(Mention(agent.start, agent.end + 1, "", "AGENT", agent.kind, agent.role,
                                   doc.text[agent.char_start:end], agent.char_start, end, country=code))
                k = agent.end + 1
                continue
        t = lex.titles.match_at(norms, k, b)
        role = state_role(t.value.role) if t is not None else None
        if t is None or role is None or t.end >= b:
            k += 1
            continue
        code = lex.nationality(norms[t.end]) if not norms[t.end].startswith(("ل", "و")) else None
        state = construct_place(lex, norms, t.end, b) if not code and not norms[k].startswith("ال") else None
        if state and k - 1 not in named and not _named_in_clause(norms, named, state[1], b):
            out.append(_official(doc, k, state[1], t.prefix, role, state[0]))  # رئيس وزراء باكستان (unnamed)
            k = state[1]
            continue
        # ديفيد كاميرون رئيس الوزراء البريطاني: a title right after a name is that person's
        # (also when the tagger cut the name: ديفيد [كاميرون] رئيس الوزراء البريطاني)
        after_name = k - 1 in named or (k - 2 in named and norms[k - 1].isalpha() and norms[k - 1] not in SKIPPABLE
                                        and k - 1 not in verbs)
        if code and not after_name and not _named_in_clause(norms, named, t.end + 1, b):
            out.append(_official(doc, k, t.end + 1, t.prefix, role, code))
            k = t.end + 1
            continue
        was = k > 0 and bare(norms[k - 1]) in ("كان", "كانت") and bare(norms[t.end]) in ("قد", "لقد")
        headline = k == a and verbs.get(t.end) == "present"  # ولي العهد يستقبل رئيس وزراء باكستان
        if (not code and (was or headline or verbs.get(k - 1, "present") not in ("present", "noun"))
                and t.value.role in _OFFICES
                and not any(p in named for p in range(t.end, min(b, t.end + 2)))):
            # استقبل ولي العهد في مكتبه وزير الدولة …: an office-holder the story does not name, right after the
            # verb or between كان and قد (وكان الملك قد استقبل …); a title that the linker resolved to a named
            # person is that person's mention and wins
            out.append(_official(doc, k, t.end, t.prefix, role))
        k = t.end
    return out


def _official(doc: Document, k: int, end: int, prefix: int, role: str, country: str | None = None) -> Mention:
    """An unnamed office-holder's agent mention over tokens ``k..end`` (its first token's proclitics left out)."""
    t0, t1 = doc.tokens[k], doc.tokens[end - 1]
    cs = t0.start + orig_prefix(doc, t0, prefix)
    return Mention(k, end, "", "AGENT", "official", role, doc.text[cs:t1.end], cs, t1.end, country=country)


def _named_in_clause(norms: list[str], named: set[int], k: int, b: int) -> bool:
    """A person's name is within ten words of ``k``, before a comma or the clause's end (وزيرة الخارجية
    الأميركية السابقة المرشحة … هيلاري كلينتون)."""
    from marsad.stages.entities import construct_place, lexicons

    lex = lexicons()
    for p in range(k, min(b, k + 10)):
        if p in named:
            return True
        if norms[p] in BOUNDARY:  # (the commas among them)
            return False
        t = lex.titles.match_at(norms, p, b, clitics=False) if not norms[p].startswith("ال") else None
        if t is not None and construct_place(lex, norms, t.end, b):
            return False  # رئيس الوزراء العراقي وزير خارجية إيران عباس عراقجي: the name is the second office's
    return False


def parties_between(ix: MentionIndex, norms: list[str], i: int, ce: int) -> list[Mention]:
    """Named parties coordinated after بين within a few words of the trigger."""
    for k in range(i + 1, min(ce, i + 6)):
        if bare(norms[k]) == "بين":
            if k > i + 1 and bare(norms[k - 1]) in _TOPICS:
                return []  # بحث معه العلاقات بين الأردن والاتحاد الأوروبي: the topic's parties, not the meeting's
            return objects_after(ix, norms, k, ce, set())
    return []


# Nouns whose بين-phrase names what is discussed (العلاقات بين البلدين), not who meets
_TOPICS = frozenset(fold_str(w) for w in ("العلاقات", "علاقات", "التعاون", "الشراكة", "التبادل", "المبادلات",
                                          "الخلافات", "الحدود", "الأزمة", "التنسيق"))


def protester_before(ix: MentionIndex, a: int, i: int) -> Mention | None:
    """A plural verb whose protester subject came earlier in the sentence (المتظاهرون ... ورفعوا)."""
    pool = [m for m in ix.between(a, i) if m.type == "AGENT" and m.kind == "protester"]
    return pool[-1] if pool else None
