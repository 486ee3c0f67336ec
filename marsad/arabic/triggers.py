"""The event trigger lexicon: verb forms generated from PAST|PRESENT stems, verbal nouns, phrases, and cue words.

Everything is indexed by folded form once per process, so matching a token costs a few dict lookups
(proclitic and pronoun splits are cached in :mod:`marsad.arabic.clitics`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from marsad.arabic.clitics import enclitic_splits, proclitic_splits
from marsad.arabic.lexicon import PhraseLexicon, read_tsv
from marsad.arabic.normalize import fold_str

PAST, PRESENT, FUTURE, NOUN = "past", "present", "future", "noun"
PARTICIPLE = "participle"  # an active participle of manner after a clause (…، داعيا إلى …، رافضة العقوبات)
# Past-tense endings: 3fs, 3mp, 3md, 3fd. Present: person prefixes and number endings.
_PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا")
_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_SUFFIXES = ("", "ون", "ان", "وا")
_INFLECT_AGENT = ("", "ون", "ين", "ا", "ه", "ات")
# After a clause-initial و/ف, these words show the ambiguous form is a noun (وفجر امس = and at dawn yesterday).
NOT_A_SUBJECT = frozenset(("امس", "اليوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت",
                           "يوم", "الليله", "الغد", "غد"))
MAX_GAP = 5  # words a verb phrase may hold between its verb and its object (the VSO subject)
MAX_GAP_LONG = 12  # … for a phrase of two words after the verb, a passive's بـ-doer (a titled subject, the victims),
# or a verb's own preposition (وافق … على، أفرج … عن)
_PREPOSITIONS = frozenset(("علي", "عن", "مع", "الي", "من", "ضد"))


@dataclass(frozen=True, slots=True)
class Mode:
    type: str
    mode: str
    cameo: str
    quad: int
    intensity: float


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon row."""

    form: str
    pos: str
    type: str
    mode: str
    cameo: str
    needs: str
    exclude: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger found in a sentence: tokens ``start..end`` (exclusive), the gap a phrase skipped, its tense."""

    start: int
    end: int
    prefix: int
    trigger: Trigger
    tense: str
    gap: tuple[int, int] | None = None
    pronoun: bool = False  # a possessive/object pronoun is attached (زيارته)
    definite: bool = False  # the article was seen through (الهجوم): often a reference to a known event


def past_forms(past: str) -> list[str]:
    """Third-person past forms of a folded past stem (defective stems ending in ي or ا drop it)."""
    if not past:
        return []
    if past[-1] in "يا" and len(past) > 2:
        base = past[:-1]
        return [past, base + "ت", base + "وا", base + "يا", base + "تا"]
    return [past + s for s in _PAST_SUFFIXES]


def present_forms(present: str) -> list[str]:
    """Present forms of a folded third-person masculine present (يبحث, يلتقي, يدعو)."""
    if len(present) < 3:
        return []
    core = present[1:]
    out = []
    for p in _PRESENT_PREFIXES:
        stem = p + core
        if core[-1] in "يو":  # defective: يلتقي يلتقون (the jussive يلتق is left out: it collides with other verbs)
            out += [stem, p + core[:-1] + "ون", p + core[:-1] + "وا", stem + "ان"]
        else:
            out += [stem + s for s in _PRESENT_SUFFIXES]
    return out


def _alternatives(word: str) -> frozenset[str]:
    return frozenset(fold_str(w) for w in word.split("/") if w)


class TriggerIndex:
    """Every generated first-word form -> [(trigger, tense, rest-of-phrase alternatives)]."""

    def __init__(self) -> None:
        self.by_form: dict[str, list[tuple[Trigger, str, tuple[frozenset[str], ...]]]] = {}
        # Forms spelt like a common noun (طالب student, فجر dawn): a verb only after و/ف opening a clause.
        self.clause_initial: dict[str, list[tuple[Trigger, str, tuple[frozenset[str], ...]]]] = {}
        self.triggers: list[Trigger] = []
        self._memo: dict[str, tuple] = {}
        self._cores: frozenset[str] | None = None

    def _add(self, form: str, trig: Trigger, tense: str, rest: tuple[frozenset[str], ...],
             table: dict | None = None) -> None:
        bucket = (self.by_form if table is None else table).setdefault(form, [])
        bucket.append((trig, tense, rest))
        bucket.sort(key=lambda e: -len(e[2]))  # longest phrase first

    def add_row(self, row: Sequence[str]) -> None:
        form, pos, typ, mode = row[0], row[1], row[2], row[3]
        cameo = row[4] if len(row) > 4 else ""
        needs = row[5] if len(row) > 5 else ""
        exclude = {fold_str(x) for x in (row[6] if len(row) > 6 else "").split(",") if x}
        words = form.split()
        rest = tuple(_alternatives(w) for w in words[1:])
        trig = Trigger(fold_str(form), pos, typ, mode, cameo, needs, frozenset(exclude))
        self.triggers.append(trig)
        if pos == "verb":
            past, _, present = words[0].partition("|")
            tenses = [(f, PAST) for f in past_forms(fold_str(past))]
            pres = present_forms(fold_str(present)) if present else []
            tenses += [(f, PRESENT) for f in pres] + [("س" + f, FUTURE) for f in pres]
            for f, tense in tenses:
                self._add(f, trig, tense, rest, self.clause_initial if f in exclude else None)
        else:
            tense = PARTICIPLE if pos == "participle" else NOUN
            for f in _alternatives(words[0]):
                if f not in exclude:
                    self._add(f, trig, tense, rest)

    def _rest_matches(self, norms: Sequence[str], k: int, alts: frozenset[str]) -> bool:
        w = norms[k]
        for _, stem in proclitic_splits(w):
            if stem in alts or (stem.startswith("ال") and stem[2:] in alts):
                return True
            for _, base in enclitic_splits(stem)[1:]:
                if base in alts:
                    return True
        return False

    def _match_rest(self, norms: Sequence[str], i: int, limit: int, rest, tense: str, needs: str = ""):
        """End token and skipped gap of a phrase whose first word is at ``i``, or None."""
        if not rest:
            return i + 1, None
        # a longer gap for distinctive phrases: اتصالا هاتفيا after a titled subject, برصاص after the victims
        reach = MAX_GAP_LONG if len(rest) >= 2 or needs == "passive" or (
            len(rest) == 1 and rest[0] & _PREPOSITIONS) else MAX_GAP  # وافق المجلس …، أمس الجمعة، على
        if tense == NOUN:
            reach = 0
        g = 0
        while g <= reach:
            k = i + 1 + g
            if k + len(rest) > limit:
                break
            if all(self._rest_matches(norms, k + n, alts) for n, alts in enumerate(rest)):
                return k + len(rest), ((i + 1, k) if g else None)
            if not norms[k][:1].isalpha() and norms[k] not in ("،", ","):
                break  # (commas may set off a time: وقعت مصر والإمارات، اليوم، اتفاقية)
            if norms[k] in ("،", ","):
                reach = min(reach + 1, MAX_GAP_LONG)  # (فرضت وزارة الخزانة الأمريكية، الخميس، عقوبات: the commas
            g += 1  # and the time they set off do not use up the subject's words)
        return None

    def _could_match(self, word: str) -> bool:
        """Cheap test before the clitic analysis: some slice of the word (4 letters off the front, 3 off the end)
        must be a lexicon form, a form with ة written ت before a pronoun, or a form whose article merged into لل."""
        if self._cores is None:
            cores = set()
            for f in self.by_form:
                cores.add(f)
                if f.endswith("ه"):
                    cores.add(f[:-1] + "ت")
                if f.startswith("ال"):
                    cores.add(f[1:])
                if f.endswith("اء"):
                    cores.update((f[:-1] + "ي", f[:-1] + "و"))  # لقائه، لقاؤه: the hamza's seat before a pronoun
            self._cores = frozenset(cores)
        cores, n = self._cores, len(word)
        for p in range(min(5, n - 1)):  # explicit loops: a generator of 20 slices cost ~10 µs per new word
            for q in range(min(4, n - p - 1)):
                if word[p:n - q] in cores:
                    return True
        return False

    def candidates(self, word: str) -> tuple:
        """Lexicon rows a single word could open, as (prefix, pronoun, definite, trigger, tense, rest); memoised."""
        got = self._memo.get(word)
        if got is not None:
            return got
        if not self._could_match(word):
            self._memo[word] = ()
            return ()
        out = []
        for plen, stem in proclitic_splits(word):
            forms = [(stem, False, False)]
            if stem.startswith("ال") and len(stem) > 3:
                forms.append((stem[2:], False, True))
            else:
                # A final ي is the nisba adjective (اجتماعي، قتلى)، not the pronoun "my", in news text.
                forms += [(b, True, False) for n, b in enclitic_splits(stem)[1:] if not (n == 1 and stem[-1] == "ي")]
                # a final hamza sits on ي/و before a pronoun: لقائه، لقاؤهما are لقاء + pronoun
                forms += [(b[:-1] + "ء", True, False) for b, _, _ in forms[1:] if b.endswith(("اي", "او"))]
            # Prepositions and the article attach to nouns only: للتظاهر is the noun, not the verb تظاهر.
            noun_only = any(c in "بلك" for c in word[:plen])
            for form, pronoun, definite in forms:
                for trig, tense, rest in self.by_form.get(form, ()):
                    if (pronoun and (tense == FUTURE or rest or stem in trig.exclude)) or (
                            (noun_only or definite) and tense != NOUN):
                        continue
                    out.append((plen, pronoun, definite, trig, tense, rest))
        got = tuple(out)
        if len(self._memo) > 500_000:  # bounded: a long batch over new vocabulary must not grow without end
            self._memo.clear()
        self._memo[word] = got
        return got

    def match_at(self, norms: Sequence[str], i: int, limit: int, clause_start: bool = False) -> Hit | None:
        """The longest trigger starting at token ``i`` (proclitics, the article and pronouns seen through)."""
        w = norms[i]
        # a form spelt like a noun (دعا، بحث، قصف) is a verb when it opens a clause, after و/ف or bare at the
        # start of a sentence or clause (دعا الأمين العام ...), and a subject follows (not فجر اليوم: dawn)
        lead = 1 if len(w) > 2 and w[0] in "وف" and w[1:] in self.clause_initial else 0
        if clause_start and (lead or w in self.clause_initial):
            nxt = norms[i + 1] if i + 1 < limit else ""
            if nxt[:1].isalpha() and nxt not in NOT_A_SUBJECT:
                for trig, tense, rest in self.clause_initial[w[lead:]]:
                    m = self._match_rest(norms, i, limit, rest, tense, trig.needs)
                    if m is not None:
                        return Hit(i, m[0], lead, trig, tense, m[1])
        best: Hit | None = None
        for plen, pronoun, definite, trig, tense, rest in self.candidates(w):
            m = self._match_rest(norms, i, limit, rest, tense, trig.needs)
            if m is not None and (best is None or m[0] > best.end):
                best = Hit(i, m[0], plen, trig, tense, m[1], pronoun, definite)
        return best


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    scope: int


@dataclass(frozen=True, slots=True)
class Agent:
    kind: str
    role: str


@dataclass(frozen=True)
class EventLexicon:
    index: TriggerIndex
    modes: dict[tuple[str, str], Mode]
    cues: dict[str, Cue]
    agents: PhraseLexicon
    # Folded spellings (with proclitics) of one-word protester agents: a sentence holding one is a PROTEST
    # candidate for the salience model even without a trigger word.
    protest_agents: frozenset[str] = frozenset()
    # Relative pronouns (التي، الذي، الذين): kept out of ``cues`` so the salience model's cue features stay as trained.
    relatives: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    """Load the trigger, mode, cue and agent tables once per process."""
    index = TriggerIndex()
    for row in read_tsv("event_triggers.tsv"):
        if len(row) >= 4 and row[0]:
            index.add_row(row)
    modes = {}
    for typ, mode, cameo, quad, intensity, *_ in read_tsv("plover_modes.tsv"):
        modes[(typ, mode)] = Mode(typ, mode, cameo, int(quad), float(intensity))
    rows = [r for r in read_tsv("event_cues.tsv") if len(r) >= 3]
    cues = {fold_str(r[0]): Cue(r[1], int(r[2])) for r in rows if r[1] != "relative"}
    relatives = frozenset(fold_str(r[0]) for r in rows if r[1] == "relative")
    agents = PhraseLexicon()
    protest_agents: set[str] = set()
    for row in read_tsv("event_agents.tsv"):
        form, kind, role = row[0], row[1], row[2]
        inflect = len(row) > 3 and row[3] == "1"
        words = fold_str(form).split()
        endings = _INFLECT_AGENT if inflect else ("",)
        for e in endings:
            agents.add((words[0] + e, *words[1:]), Agent(kind, role))
            if inflect:
                agents.add(("ال" + words[0] + e, *words[1:]), Agent(kind, role))
            if kind == "protester" and len(words) == 1:
                protest_agents |= _with_proclitics(words[0] + e, inflect)
    return EventLexicon(index, modes, cues, agents, frozenset(protest_agents), relatives)


def _with_proclitics(word: str, article: bool) -> set[str]:
    """A folded word as news writes it after و ف ب ل (and the article, with لل for ل + ال)."""
    bare = [word] + (["ال" + word] if article else [])
    out = set()
    for w in bare:
        for p in ("", "و", "ف", "ب", "وب", "فب", "ل", "ول", "فل"):
            out.add(p + (w[1:] if p.endswith("ل") and w.startswith("ال") else w))
    return out
