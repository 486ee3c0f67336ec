"""Events: PLOVER 2.0 types and modes with CAMEO roots, coded natively from Arabic triggers.

Each trigger (a verb, a verbal noun or a phrase from ``event_triggers.tsv``) is read in its clause: negation, a
promise/plan/threat (coded AGREE or THREATEN instead of the act), a condition or question (no event), a noun that
names a kind of act (ردع الاعتداءات: no event). Arguments come from :mod:`marsad.stages.event_args`. An event
needs an actor; trigger mentions with the same (type, actor, recipient, date) merge into one event.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import chain

from marsad.arabic.clitics import proclitic_splits
from marsad.arabic.lexicon import HONOURED_PRONOUNS as _HONOURED
from marsad.arabic.normalize import fold_str
from marsad.arabic.triggers import FUTURE, NOUN, PARTICIPLE, PAST, PRESENT, Hit, event_lexicon
from marsad.document import Document
from marsad.models.events.features import candidates
from marsad.models.events.salience import salience_model
from marsad.pipeline import stage
from marsad.stages.event_args import (BOUNDARY, PREPOSITIONS, SKIPPABLE, Mention, MentionIndex, bare, doer_after,
                                      drone_at, find_agents, is_amount, objects_after, parties_between, prep_of,
                                      past_titles, protester_before, subject_after, subject_before, support_subject,
                                      titled_agents, titled_person)
from marsad.stages.entities import lexicons
from marsad.stages.event_records import Draft, place_and_time, to_events
from marsad.stages.event_syntax import PRONOUNS, armed, disagrees, indefinite_noun
from marsad.stages.events_salience import FALLBACK_AGENTS, UNIDENTIFIED, UNNAMED_PROTESTERS, rescore

COMPLEMENTISERS = frozenset({"ان", "لان", "بان"})  # folded إن/أن, لأن, بأن
COOPERATIVE = frozenset(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"))
HOSTILE = frozenset(("THREATEN", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"))
# Verbal nouns whose genitive is the one acted upon (اغتيال الحريري), not the doer (زيارة الكاظمي).
OBJECT_GENITIVE = frozenset(("ASSAULT", "COERCE", "SANCTION", "CONCEDE", "AID", "SUPPORT"))
# Modes that imply a deliberate, if unnamed, attacker: a bombing or an air strike has a perpetrator even when
# the report does not name one. Such events get an "unidentified attacker" actor evidenced by the trigger.
IMPLICIT_ATTACKER = frozenset(("explosives", "suicide-attack", "aerial", "firearms", "assassinate", "abduct", "attack"))
# News puts the reported event first; a trigger deep in a long sentence is mostly background (an earlier attack,
# a cause, a comparison). Confidence falls with the trigger's word position in its sentence.
DEPTH_PENALTY = ((30, 0.3), (20, 0.2), (12, 0.1))
HOSTED_REACH = 6  # words after استضاف/استقبل where what is hosted is read
# What a country or city hosts or receives that is no party to a meeting: refugees, fairs, tournaments
_NOT_GUESTS = ("لاجي", "نازح", "مهاجر", "معرض", "مهرجان", "بطول", "مباراه", "مباريات", "حفل", "سباق", "العاب",
               "زوار", "سياح", "حجاج", "معتمرين")


def _not_a_guest(w: str) -> bool:
    b = bare(w)
    b = b[2:] if b.startswith("ال") else b
    return b.startswith(_NOT_GUESTS)


# Words of a demand: a verbal noun coordinated after one in its clause is demanded too
_DEMANDS = frozenset(fold_str(w) for w in ("المطالبة", "للمطالبة", "مطالبة", "مطالبين", "مطالبا", "بالمطالبة"))
_STATE_AGENTS = frozenset(("security", "military", "official"))  # agents that may head a headline's clause
# Verbs of managing an act (تمكنت الشرطة من القبض): their subject did it
_MANAGED = ("تمكن", "يتمكن", "نجح")
_THE_MEETING = frozenset(("الاتصال", "اللقاء", "الاجتماع", "المباحثات", "المحادثات", "الزياره", "المكالمه"))
# Words that can fill the gap of a phrase when the verb has no subject (أُفرج خلالها عن: passive)
_ADVERBIALS = frozenset(("خلالها", "خلاله", "فيها", "فيه", "بموجبها", "بموجبه", "بعدها", "امس", "اليوم", "حينها"))
# Dual nouns that name the two parties of an event just told (وقع الجانبان اتفاقية)
_DUAL_SUBJECTS = frozenset(("الجانبان", "الطرفان", "البلدان", "الرييسان", "الوزيران", "الزعيمان", "الوفدان",
                            "الجانبين", "الطرفين", "البلدين", "الرييسين", "الوزيرين", "الزعيمين"))
CIRCUMSTANTIAL = frozenset(("خلال", "اثناء", "عقب", "بعد", "قبل", "اثر"))
CARRY_PENALTY = 0.2
ANCHOR_PENALTY = 0.3
AGGREGATE_PENALTY = 0.3
PRESENT_PENALTY = 0.2
# Verbs whose object names an act someone else did (أدان الهجمات، نفى الاعتداء): the act's actor is not the speaker.
REPORTING = frozenset(("ACCUSE", "REJECT"))
SUBJECT_REACH = 7  # a VSO subject starts within this many words of its verb (after a title of up to five)
# إنه/أنها/لكنه + verb: the particle's pronoun is the subject (the speaker of the sentence's reporting verb)
_THAT_IT = frozenset(("انه", "انها", "انهم", "لكنه", "لكنها", "لكنهم"))
# A sentence may open with a discourse phrase before its verb: من جهته، في المقابل، بدوره
_OPENERS = frozenset(("جهته", "جهتها", "جانبه", "جانبها", "ناحيته", "ناحيتها", "المقابل", "بدوره", "بدورها"))
QUOTE_MARKS = frozenset(('"', "«", "»", "“", "”", "'"))
OPENING_QUOTES = frozenset(('"', "«", "“"))  # '"' opens as often as it closes
CLOSING_QUOTES = frozenset(('"', "»", "”"))


def _find_hits(lex, norms: list[str], a: int, b: int) -> list[Hit]:
    hits = []
    index = lex.index
    memo, cands, initial = index._memo, index.candidates, index.clause_initial
    k = a
    while k < b:
        w = norms[k]
        c = memo.get(w)
        if c is None:
            c = cands(w)
        # a verb spelt like a noun (دعا، بحث) opens a clause, or follows قد (وكان غوتيريش قد دعا إلى ...)
        opens = k == a or norms[k - 1] in BOUNDARY or norms[k - 1] in ("قد", "لقد")
        if not c and not ((w[:1] in "وف" and w[1:] in initial or w in initial) and opens):
            k += 1
            continue
        h = index.match_at(norms, k, b, opens)
        if h is None:
            k += 1
            continue
        hits.append(h)
        k = h.end
    return hits


@dataclass
class Reading:
    """How a trigger is read in its clause (tokens ``cs..ce``); the *_at fields are cue positions."""

    type: str
    mode: str
    cs: int
    ce: int
    negated: bool
    neg_at: int | None
    intent_at: int | None
    sufferer_at: int | None
    passive: bool
    relative_at: int | None = None  # التي/الذي right before the verb: its subject is the antecedent
    embedded: bool = False  # a noun that is the object of a condemnation or denial (أدان الهجمات)


class _Coder:
    """Codes the triggers of one document."""

    def __init__(self, doc: Document, lex) -> None:
        self.doc, self.lex = doc, lex
        self.norms = [t.norm for t in doc.tokens]
        self.cues = lex.cues
        self.last_actor: list[Mention] = []
        self.retold = False  # the trigger being coded tells the event just told again (a dual verb)
        self.last_hit: int | None = None  # the trigger token of the event whose actor is carried
        self.last_mode: str | None = None
        self.last_type = ""  # the type of the event whose actor may be carried
        self.last_recipient: list[Mention] = []
        self.last_sentence = -1
        self.hits_of: dict[int, list[Hit]] = {}

    def cue_before(self, kinds: tuple[str, ...], i: int, lo: int) -> tuple[int, str] | None:
        """The nearest cue of one of ``kinds`` reaching token ``i`` from no earlier than ``lo``."""
        for k in range(i - 1, max(lo, i - 12) - 1, -1):
            c = self.cues.get(bare(self.norms[k])) or self.cues.get(self.norms[k])
            if c is not None and c.kind in kinds and i - k <= c.scope:
                return k, c.kind
        return None

    def has_cue(self, kind: str, a: int, b: int) -> bool:
        return any((c := self.cues.get(bare(w))) is not None and c.kind == kind for w in self.norms[a:b])

    def cue_after(self, kind: str, j: int, ce: int) -> int | None:
        """Token index of a cue of ``kind`` within its scope after token ``j`` (same clause)."""
        for k in range(j, min(ce, j + 6)):
            c = self.cues.get(bare(self.norms[k]))
            if c is not None and c.kind == kind and k - j < c.scope:
                return k
        return None

    def is_history(self, j: int, ce: int) -> bool:
        """A year after the trigger (عام 2002) earlier than the publication year, or any year when undated."""
        k = self.cue_after("year", j, ce)
        if k is None or k + 1 >= len(self.norms):
            return False
        year = self.norms[k + 1]
        if not (len(year) == 4 and year.isdigit()):
            return False
        pub = self.doc.published
        return pub is None or int(year) < int(pub[:4])

    def foiled(self, h: Hit, a: int) -> bool:
        """A trigger stopped before it happened (أحبطت الشرطة هجوما، فككت سيارة مفخخة): no event, whoever asks."""
        return self.cue_before(("foiled",), h.start, a) is not None

    def code(self, h: Hit, s: int, a: int, b: int, question: bool, ix: MentionIndex) -> Draft | None:
        """One trigger in sentence ``s`` (tokens ``a..b``): its reading, its arguments, its confidence."""
        r = self.read(h, a, b, question)
        if r is None:
            return None
        self.retold = False
        if not h.tense == NOUN and h.gap and all(self.norms[k] in _ADVERBIALS for k in range(*h.gap)):
            return None  # وأفرج خلالها عن 33 أسيرا: only an adverb before the verb's preposition — a passive (أُفرج)
        actor, recipient, conf, carries = self.arguments(h, r, s, a, b, ix)
        if (r.type == "CONSULT" and self.last_type == "CONSULT" and self.last_actor
                and self.last_sentence >= s - 1 and self._during_it(a, h.start)):
            # جرى خلال الاتصال بحث الأوضاع في غزة، تم خلال اللقاء … بحث: the call or meeting just told, not another
            actor, recipient, self.retold = list(self.last_actor), list(self.last_recipient), True
        if (h.tense == NOUN and r.type == "CONSULT" and r.mode == "visit" and self.last_sentence == s
                and self.last_mode == "host" and self.last_hit is not None and self.last_hit < h.start):
            # استقبل الرئيس ضيفه … في أول زيارة له: the visit is the reception told from the guest's side
            actor, recipient, self.retold = list(self.last_actor), list(self.last_recipient), True
        if (h.tense == NOUN and h.pronoun and r.type == "CONSULT" and r.mode == "meeting" and not recipient
                and not self.norms[h.start].endswith(("هما", "هم"))):
            return None  # خلال اجتماعه الفصلي: a body's own meeting, no one met
        if not actor:
            return None
        if r.type == "CONSULT" and any(m.kind in ("club", "media") for m in chain(actor, recipient)):
            # لقاء النصر والسد: a match between clubs; في اتصال مع وكالة أنباء: an interview, not a meeting
            return None
        if r.type == "PROTEST" and all(m.kind in _FORCES for m in actor):
            actor = [UNNAMED_PROTESTERS]  # اعتقلت الشرطة 12 شخصا خلال احتجاجات: the police did not protest
        if r.mode == "phone" and recipient and len(actor) == 1 and bare(self.norms[h.start]).startswith(_RECEIVED) \
                and "من" in self.norms[h.start:recipient[0].start]:
            actor, recipient = recipient[:1], actor  # تلقى الرئيس اتصالا هاتفيا من الملك: the king made the call
        if r.type == "CONSULT" and not recipient and not h.tense == NOUN and self._first_person(h):
            return None  # «صرت أبحث في أمور ديني»، «نريد أن نبحث هذه المزاعم»: research, not a meeting with anyone
        if r.type == "CONSULT" and len(actor) + len(recipient) > 2 and (r.mode == "meeting" or len(actor) > 1):
            r.mode = "multilateral"  # (a host receiving a delegation of three is still hosting)
        draft = Draft(r.type, r.mode, h, s, actor, recipient, negated=r.negated,
                      confidence=conf - self.background(h, r, a))
        # An act inside a relative clause or named by a condemnation does not tell who acts next (وطالب ...).
        # A noun's genitive (هجوم لشاب مسلح) is no clause subject either.
        draft.carries = carries and actor[0] is not UNIDENTIFIED and actor[0] is not UNNAMED_PROTESTERS \
            and h.tense != NOUN
        self._place_and_time(draft, ix, a, b)
        if self.retold:  # the place is the first telling's (what the two discuss may name one: أمن الملاحة في …)
            draft.location = None
        return draft

    def read(self, h: Hit, a: int, b: int, question: bool) -> Reading | None:
        """Modality of a trigger: None when no event is reported (condition, question, history, a kind of act)."""
        norms, trig = self.norms, h.trigger
        i, j = h.start, h.end
        cs = i
        while cs > a and norms[cs - 1] not in BOUNDARY:
            cs -= 1
        ce = j
        while ce < b and norms[ce] not in BOUNDARY:
            ce += 1
        if (question or self.cue_before(("hypothetical", "historical"), i, a) or self.is_history(j, ce)
                or self.foiled(h, a)):
            return None
        is_noun = h.tense == NOUN
        sufferer = None
        if is_noun and norms[i][:1] == "و" and h.prefix and any(norms[k] in _DEMANDS for k in range(cs, i)):
            return None  # للمطالبة بإسقاط قائد الهيئة والإفراج عن المعتقلين: the release too is demanded
        if is_noun:
            if h.definite and not (self.cue_after("realis", j, ce) or self.cue_before(("realis",), i, cs)):
                return None  # الهجوم alone refers back to an event; one reported here comes with وقع، أسفر ...
            g = self.cue_before(("generic",), i, cs)
            if g and (i - g[0] == 1 or bare(norms[i - 1]) in ("من", "علي", "عن")):
                return None  # ردع الاعتداءات، الحماية من الاعتداءات: a kind of act, not one that happened
            sufferer = self.cue_before(("sufferer",), i, cs)
            if "ل" in norms[i][:h.prefix] and not sufferer:
                return None  # للاعتداء: purpose or topic, not a report
        if trig.needs == "recipient-subject" and not sufferer:
            return None
        if h.tense == PARTICIPLE and (i == a or norms[i - 1] not in ("،", ",")):
            return None  # a participle of manner follows its clause after a comma (وعددهم 29 متهما: a noun)
        d = j + 1 if j < ce and norms[j] == "عدم" else j
        if not is_noun and d + 1 < ce and bare(norms[d]) in _DISCLOSE and norms[d + 1] == "عن":
            return None  # رفض الكشف عن هويته، طلب عدم الكشف عن …: an unnamed source, no rejection or request
        if trig.needs == "bi" and not any(_bi(w) for w in norms[j:min(ce, j + 10)]):
            return None  # أشاد بـ praises; ويشيد جدارا builds a wall (شيّد)
        if trig.needs == "violence" and not self._violent(h, a, b):
            return None  # استهدف المهرجان طلاب المدارس: a festival aims at pupils, no attack
        if trig.mode == "promise" and not is_noun and trig.form.startswith("وعد") and not self._promise(h, j, ce):
            return None  # وعدّ السمحان البرنامج من أهم البرامج: و + عدّ "considered", not وعد "promised"
        if trig.type in ("CONSULT", "ASSAULT") and trig.mode in ("meeting", "abduct", "attack") \
                and self._sporting(a, b):
            # تلتقي المكسيك مع بنما في نصف النهائي، خطف الفريق فوزا، هاجم لاعبو النصر في الشوط الثاني: a match
            return None
        if trig.mode == "meeting" and j < ce and bare(norms[j]) in _INTERVIEW:
            return None  # لقاء تلفزيوني: an interview
        hosted = norms[j:min(ce, j + HOSTED_REACH)]
        if trig.mode == "host" and any(_not_a_guest(w) for w in hosted) and not any(
                w.startswith(("وفد", "الوفد")) or bare(w).startswith(("وفد", "الوفد")) for w in hosted):
            # تستضيف تركيا 2.9 مليون لاجئ، تستضيف المدينة معرضا للكتاب: no meeting with anyone (but a delegation
            # of pilgrims is received)
            return None
        typ, mode = trig.type, trig.mode
        intent = self.cue_before(("intent",), i, cs)
        if intent is not None and is_noun and i > a and bare(norms[i - 1]) in CIRCUMSTANTIAL:
            intent = None  # خلال زيارته: the visit is the setting of the plan, not its object
        if h.tense == FUTURE and intent is None:
            intent = (i, "intent")
        if trig.needs == "intent" and intent is None:
            return None
        if intent is not None and typ != "THREATEN":
            if typ in HOSTILE:
                typ, mode = "THREATEN", "intent"
            elif typ in COOPERATIVE:
                typ, mode = "AGREE", "promise"
        neg = self.cue_before(("negation",), i, cs)
        if neg is not None:
            k = neg[0]
            if bare(norms[k]) == "ما" and (is_noun or k != i - 1):
                neg = None  # ما is "what/which" unless it stands right before a verb
            elif self.cue_before(("unnegate",), i, k + 1):
                neg = None  # لم يتورع عن: did not refrain from
        if typ == "ASSAULT" and any(bare(w).startswith(("انتحار", "الانتحار")) for w in norms[j:min(j + 2, ce)]):
            mode = "suicide-attack"
        passive = (i > a and bare(norms[i - 1]) in ("تم", "تمت", "جري", "جرت", "يتم")) or trig.needs == "passive"
        relative = None
        if not is_noun:
            relatives = self.lex.relatives
            relative = next((k for k in range(i - 1, max(cs, i - 3) - 1, -1) if bare(norms[k]) in relatives), None)
            p = i - 1 if i - 1 > cs and norms[i - 1] in CLOSING_QUOTES else i  # من "كارثة إنسانية" تهدد الملايين
            prev = norms[p - 1] if p > cs else ""
            if (relative is None and h.tense == PRESENT and not h.prefix and norms[i][:1] == "ت"
                    and indefinite_noun(prev, self.cues) and self.ix.ending_at(p) is None and prev not in _THAT_IT):
                relative = i  # لافتات تطالب الحكومة: a clause describing an indefinite plural, which is its subject
        embedded = is_noun and self._reported(i, cs)
        return Reading(typ, mode, cs, ce, neg is not None, neg[0] if neg else None,
                       intent[0] if intent else None, sufferer[0] if sufferer else None, passive, relative, embedded)

    def _first_person(self, h: Hit) -> bool:
        """A verb in the first person: ندين، أطالب (present with ن or أ), دعونا (past with نا)."""
        core = self.norms[h.start][h.prefix:]
        if h.tense in (PRESENT, FUTURE):
            core = core[1:] if h.tense == FUTURE and core[:1] == "س" else core  # سندعم
            return core[:1] in ("ن", "ا")
        return h.tense != NOUN and len(core) > 4 and core.endswith("نا")

    def _speaker_at(self, h: Hit, ix: MentionIndex) -> Mention | None:
        """The mention of the speaker of the quotation holding this trigger (the last before it), if any."""
        at = self.doc.tokens[h.start].start
        for q in self.doc.quotes:
            if q.start <= at < q.end and q.speaker:
                mine = [m for m in ix.mentions if m.entity == q.speaker]
                before = [m for m in mine if m.start < h.start]
                return (before[-1] if before else mine[0]) if mine else None
        return None

    def _violent(self, h: Hit, a: int, b: int) -> bool:
        """Another attack trigger, an armed agent or a word of violence in the sentence (التفجير الذي استهدف …،
        المنظمات الإرهابية التي تستهدف …)."""
        for other in self.hits_of.get(self.doc.tokens[h.start].sentence, ()):
            if other is not h and other.trigger.type in ("ASSAULT", "COERCE"):
                return True
        return any(stem.startswith(_VIOLENCE) or (stem.startswith("ال") and stem[2:].startswith(_VIOLENCE))
                   for w in self.norms[a:b] for _, stem in proclitic_splits(w)) or any(
            drone_at(self.norms, k, b) for k in range(a, b))  # استهدفت مسيرة إسرائيلية

    def _promise(self, h: Hit, j: int, ce: int) -> bool:
        """وعد is "promised" with a بـ-object or an أن-clause near it; written وعدّ, or with neither, it is و + عدّ
        "considered" (وعد د. الزياني هذه التصريحات … بأنها)."""
        if "\u0651" in self.doc.tokens[h.start].text:
            return False
        for w in (bare(w) for w in self.norms[j:min(ce, j + 8)]):
            if w in ("هذه", "هذا", "هذين", "هاتين", "تلك", "ذلك"):
                return False  # عدّ هذه الخطوة …: something is considered so
            if w in ("ان", "بان", "بانه", "بانها", "بانهم"):
                return True  # ووعد الأمير منصور بن سعد أن يكون الموسم مميزا
        return any(_bi(w) and not w.startswith("بان") for w in self.norms[j:min(ce, j + 10)])

    def _sporting(self, a: int, b: int) -> bool:
        """Words of a football report in the sentence (مباراة، نصف النهائي، وديا، فوزا)."""
        return any(w in _SPORT for w in self.norms[a:b])

    def _reported(self, i: int, cs: int) -> bool:
        """A noun in the clause of a condemning, accusing, rejecting or denying verb before it (أدان المجلس الهجمات)."""
        for h in self.hits_of.get(self.doc.tokens[i].sentence, ()):
            if cs <= h.start < i and h.tense != NOUN and h.trigger.type in REPORTING:
                return True
        c = self.cue_before(("negation",), i, cs)
        if c is None:
            return False
        cue = self.cues.get(bare(self.norms[c[0]])) or self.cues.get(self.norms[c[0]])
        return cue is not None and cue.scope > 2  # نفى (a verb of denial), not لم/لا

    def arguments(self, h: Hit, r: Reading, s: int, a: int, b: int, ix: MentionIndex
                  ) -> tuple[list[Mention], list[Mention], float, bool]:
        """Actor(s), recipient(s), the confidence the way they were found leaves, and whether the actor may stand
        in for an elided subject later."""
        norms, trig = self.norms, h.trigger
        i, j, cs, ce = h.start, h.end, r.cs, r.ce
        is_noun = h.tense == NOUN
        actor: list[Mention] = []
        recipient: list[Mention] = []
        conf = 0.8 if is_noun else 0.9
        after = j
        passive = r.passive
        if not is_noun and not passive and r.type in ("ASSAULT", "COERCE") and j < ce and is_amount(norms[j]) \
                and not any(m.type == "AGENT" and m.kind in ("attacker", "military", "security")
                            for m in ix.starting_at(j)):
            passive = True  # قتل ثلاثة أشخاص، اعتقل 15 متظاهرا: unvocalised, a hostile verb before a count is passive
            # (قُتل) or has them as object — not before a crowd of armed men (هاجم عشرات المستوطنين: they attack)
            recipient = [m for m in ix.between(j, ce) if m.type in ("PER", "ORG", "AGENT")][:1]
        carry = r.relative_at is None and not r.embedded
        fallback = False
        doer = None  # a verbal noun's doer named in a relative clause after it (for a march, only whoever organised it)
        if r.relative_at is not None:
            # الهجمات التي استهدفت السفن: the antecedent does the act (or no one named), never the name after it
            ante = ix.ending_at(r.relative_at)
            ante = ante if ante is not None and not ante.place_only else None
            actor = [ante] if ante else []
            if r.type in ("ASSAULT", "COERCE") and (j >= ce or bare(norms[j]) in PREPOSITIONS or prep_of(norms[j])):
                actor, recipient = [], [ante] if ante else []  # شون الذي قتل في حادث: no object, so passive (قُتل)
            named = subject_after(ix, norms, j, ce) if not is_noun and r.type in ("ASSAULT", "COERCE", "ACCUSE") \
                and norms[i].endswith(("ه", "ها", "هم")) else None
            if named is not None and named.type != "LOC" and not named.place_only and named is not ante:
                actor, recipient = [named], [ante] if ante else []  # سعد الذي أحرقه المستوطنون: they burnt him
        elif not is_noun and not passive and self._first_person(h):
            # «نحن ندين نظام الأسد»: "we" inside a quotation is its speaker; outside one, the writer (no actor)
            speaker = self._speaker_at(h, ix)
            if speaker is None:
                return [], [], 0.0, False
            actor, carry = [speaker], False
        elif h.tense == PARTICIPLE:
            subj = self._participle_subject(ix, s, a, i)  # أعرب الرئيس عن شكره، داعيا المجتمع الدولي إلى …
            actor, carry = ([subj] if subj is not None else []), False
        elif not is_noun and not passive and self.last_actor and self.last_type == "CONSULT" and self._dual(h):
            # يستقبل الرئيس ضيفه ويبحثان …، ووقع الجانبان اتفاقية: the two parties of the event just told act together
            # (the same meeting again when the type is the same)
            if r.type == self.last_type:
                actor, recipient = list(self.last_actor), list(self.last_recipient)
                self.retold = True
            else:
                actor = list(self.last_actor) + [m for m in self.last_recipient if m not in self.last_actor]
        elif not is_noun and not passive:
            plural = norms[i].endswith(("وا", "ون"))  # a VSO verb is singular: a plural one has its subject before
            coordinated = norms[i][0] in "وف" and h.prefix > 0
            subj = None
            if plural and coordinated and self.last_sentence == s and self.last_actor:
                subj = self.last_actor[0]  # اقتحم مسلحون ... وخطفوا: the second verb shares the first one's subject
            pronoun_subject = i > cs and (bare(norms[i - 1]) in PRONOUNS or bare(norms[i - 1]) in _THAT_IT)
            iq = i - 1 if i - 1 > cs and norms[i - 1] in OPENING_QUOTES else i  # أن مصر "ترفض ...": past the quote
            # the mention right before the verb (past an aside between commas: أعلنت الحكومة، الأربعاء، فرض)
            pre = subject_before(ix, norms, iq, cs if iq > cs else a) if iq > a else None
            if coordinated and norms[i][0] == "و" and not plural and pre is not None and pre.end == i \
                    and pre.type == "LOC":
                pre = None  # بين القاهرة وعمان وقتل ركابها: a place ending a phrase, then a clause with و
            if subj is None and pre is not None and bare(norms[i - 1]) in ("قد", "لقد"):
                subj = pre  # وكانت القوات قد قتلت: the subject stands before قد
            if subj is None and i - 2 >= cs and bare(norms[i - 1]) in ("قد", "لقد") and norms[i - 2] in _HONOURED:
                subj = self._honoured(ix, i, _HONOURED[norms[i - 2]])  # وكان جلالته قد استقبل: the sultan
            if subj is None and pre is not None and pre.start > 0 and bare(norms[pre.start - 1]) in COMPLEMENTISERS:
                subj = pre  # إن سوريا تدعم المبادرة: after إن/أن the noun before the verb is its subject
            if subj is None and not plural and not pronoun_subject:  # وهو يدعو أهل السودان: هو is the subject
                subj = subject_after(ix, norms, h.gap[0] if h.gap else j, ce)
                if (subj is not None and h.tense == PRESENT and not h.prefix and pre is not None and pre.end == i
                        and (pre.type in ("PER", "ORG") or (pre.type == "AGENT" and pre.kind in _STATE_AGENTS))):
                    subj = pre  # الأمير فلان يستقبل وزير الخارجية، والشرطة تفرق المحتجين: a headline's word order
                if subj is not None and subj.country and i > cs:
                    if pre is not None and pre.type in ("PER", "ORG"):
                        subj = pre  # الشيخ تميم يستقبل وزير الخارجية السعودي: the name before the verb receives
                    elif pre is None and indefinite_noun(norms[i - 1], self.cues):
                        subj = None  # شاب هاجم السفير بسكين: the young man attacked, the ambassador is the object
                # Agreement is with the words right after the verb: in اتهمت منظمة "هيومن رايتس ووتش" it is منظمة.
                k0 = h.gap[0] if h.gap else j  # (أفرجت سلطات الاحتلال …، عن: the verb agrees with سلطات)
                adjacent = subj is not None and all(w in SKIPPABLE for w in norms[k0:subj.start])
                if adjacent and disagrees(norms, h, subj):
                    subj = None  # واتهمت التحالف: a feminine verb, a masculine name: the object, not the subject
                elif subj is not None and coordinated and self._shares_subject(h, s, subj, ce):
                    subj = None  # أدان المجلس ...، وطالب المجتمع الدولي بـ: the name after the verb is its object
                if subj is not None:
                    after = max(j, subj.end)
                    if subj.type == "PER":
                        after = past_titles(ix, norms, after, ce)  # (… ولي العهد رئيس مجلس الوزراء، …: his own)
            if subj is None:
                subj = pre
            k0 = h.gap[0] if h.gap else j
            if subj is None and not plural and k0 < ce and norms[k0] in _HONOURED:
                subj = self._honoured(ix, i, _HONOURED[norms[k0]])  # كما تلقى سموه اتصالاً: the prince
            owned = (subj is None and i - 1 > cs and bare(norms[i - 2]) in COMPLEMENTISERS
                     and norms[i - 1].endswith(("ه", "ها")) and self._own_forces(norms[i - 1]))
            if owned or (subj is None and i > cs and bare(norms[i - 1]) in _THAT_IT):
                # (إن طائراته أغارت: the forces of whoever speaks, like إنه)
                # (لكنه coordinates with the main clause: an أن-clause of its own may come between)
                t = i - 2 if owned else i - 1
                v = self._opening_verb(a, t, True, embedded_ok=bare(norms[t]).startswith("لكن"))
                subj = self._sentence_subject(ix, v, t) if v is not None else None  # وقال الاتحاد ... إنه سيدعو
            elif subj is None and coordinated and not plural:
                v = self._opening_verb(a, i, False)
                subj = self._sentence_subject(ix, v, i) if v is not None else None  # واستخدمت قوات الأمن ... واعتقلت
            if subj is None and r.type == "ASSAULT" and j < ce and self._attack_noun(norms, j, ce):
                carry = False  # واستهدف الاعتداء حديقة: the attack itself is the subject, its doer not named here
            if subj is None and r.neg_at is not None and i - r.neg_at > 2:
                subj = subject_after(ix, norms, r.neg_at + 1, i)  # نفت الشرطة أنها اعتقلت: the denier did it
            if subj is None and plural and trig.needs == "protester":
                subj = protester_before(ix, a, i)
            if (subj is not None and r.type == "ASSAULT" and subj.type == "PER" and subj.start > i
                    and _means_after(norms, subj.end, ce)):
                # قتل هشام بركات … بتفجير سيارته: unvocalised, a killing whose named person is followed by the means
                # is passive (قُتل): the person is the victim, the doer unnamed
                recipient, subj, passive = [subj], UNIDENTIFIED, True
                conf -= 0.3
            actor = [subj] if subj else []
            if subj is not None and subj.end < ce and norms[subj.end].startswith("و") \
                    and lexicons().titles.match_at(norms, subj.end, ce, clitics=False) is None:  # (وزير خارجية …)
                more = [m for m in ix.starting_at(subj.end) if m.type in ("PER", "ORG", "LOC") and not m.place_only
                        and m.type == subj.type]
                if more:  # وقعت مصر والإمارات اتفاقية: a coordinated subject, both act
                    actor.append(max(more, key=lambda m: m.end - m.start))
        elif is_noun:
            doer = doer_after(ix, norms, j, ce, organised=trig.needs == "protester")
            gen = subject_after(ix, norms, j, min(ce, j + 5)) if r.sufferer_at is None and doer is None else None
            if doer is not None:  # قصف مدفعي نفذته قوات الدعم السريع: the relative clause names the doer
                actor, after = [doer], doer.end
            if gen is not None and gen.start <= j + 1 and not (gen.type == "LOC" and gen.kind != "country"):
                if (r.mode == "visit" and gen.type == "LOC") or (h.pronoun and r.type not in OBJECT_GENITIVE):
                    # زيارة إيران: the place visited, not the visitor; لقائه نظيره: the pronoun is the doer, the
                    # noun after it the object
                    recipient = [gen]
                elif (r.type in OBJECT_GENITIVE and not armed(gen, r.mode)) or r.intent_at is not None:
                    recipient = [gen]
                else:
                    actor = [gen]
                after = gen.end
            if r.sufferer_at is not None:
                k = r.sufferer_at
                victim = subject_after(ix, norms, k + 1, i) or subject_before(ix, norms, k, cs)
                recipient = [victim] if victim else []
            if not actor and r.intent_at is not None and r.intent_at < i:
                k = r.intent_at
                subj = subject_before(ix, norms, k, cs) or subject_after(ix, norms, k + 1, i)
                actor = [subj] if subj else []
            if not actor and not h.pronoun and r.type == "CONSULT" and r.intent_at is None \
                    and "مع" in norms[j:min(ce, j + 3)]:
                # أكد الوزير روبيو، في اتصال هاتفي مع نظيره ...: the sentence's subject holds the call or meeting
                named = [m for m in ix.between(a, i) if m.type in ("PER", "ORG") and not m.place_only]
                actor = named[:1]
            if not actor and r.type in ("ASSAULT", "COERCE", "PROTEST") and r.intent_at is None:
                subj = support_subject(ix, norms, i, a)  # ونفذ الطيران الحربي الإسرائيلي سلسلة غارات
                actor = [subj] if subj is not None else []
            if not actor and h.prefix and norms[i][h.prefix - 1] == "ب" and self._accused(h, cs):
                accused = ix.ending_at(i)  # اتهمت قوات الدعم السريع الجيش بقصف الأحياء: the accused did it
                actor = [accused] if accused is not None and not accused.place_only else []
            if not actor and r.type == "COERCE" and carry:
                v = self._opening_verb(a, i, True)  # أعلنت الشرطة القبض على خلية: the announcer's side arrested
                if v is None:  # تمكنت الأجهزة الأمنية من ضبط تشكيل عصابي: the side that managed it
                    v = next((k for k in range(i - 1, max(a, i - 10) - 1, -1)
                              if bare(norms[k]).startswith(_MANAGED)), None)
                if v is not None and bare(norms[v]).startswith(("اعلن", "تعلن", "يعلن", *_MANAGED)):
                    subj = self._sentence_subject(ix, v, i)
                    actor = [subj] if subj is not None else []
            if not actor and h.pronoun and carry:
                named = [m for m in ix.between(a, i) if m.type in ("PER", "ORG")]
                people = [m for m in named if m.type == "PER"]
                # زيارته (his visit) after "كارتر ... ضد تنظيم داعش": ـه is the person the sentence is about
                actor = (people if norms[i].endswith("ه") and not norms[i].endswith("ها") and people else named)[-1:]
        if not actor and carry and self.last_sentence == s and self.last_actor and (passive or is_noun):
            actor = list(self.last_actor)  # a passive or a verbal noun continuing the event just before
            if passive and not recipient:
                recipient = list(self.last_recipient)
            conf -= CARRY_PENALTY
        if not actor and r.type in _BETWEEN_TYPES:
            parties = parties_between(ix, norms, i, ce)
            if len(parties) >= 2:  # بين X و Y: a multilateral event, every party an actor
                actor, recipient = parties, []
        if trig.needs == "protester" and not (actor and actor[0].kind == "protester") and not (
                actor and doer is not None and doer is actor[0]):
            return [], [], 0.0, False
        if not actor and passive and r.type == "ASSAULT" and trig.needs != "passive":
            actor = _by_whom(ix, norms, j, b)  # قتل 23 مدنيا، الجمعة، في قصف نفذته قوات …: past the comma
        if not actor and trig.type in FALLBACK_AGENTS:
            kinds = FALLBACK_AGENTS[trig.type]
            actor = [m for m in ix.between(a, b) if m.type == "AGENT" and m.kind in kinds
                     and (m not in recipient or m.kind == "device")][:1]  # (not the victims: قتل ثلاثة مسلحين)
            conf -= 0.1
            fallback = bool(actor)  # a gunman found anywhere in the sentence is no subject for the verbs that follow
        if (not actor and carry and (passive or not is_noun or h.pronoun) and self.last_actor
                and not (r.type in ("ASSAULT", "COERCE") and self.last_type in _SPEECH_ACTS)):
            # elided subject: the actor of the previous sentence's event (not the condemner of an attack for the
            # attack told after it: أدانت المنظمة الهجوم … حيث فجرت انتحاريتان …)
            actor = list(self.last_actor)
            if passive and not recipient:
                recipient = list(self.last_recipient)
            conf -= CARRY_PENALTY
        if not actor and r.type == "ASSAULT":
            actor = _by_whom(ix, norms, i + 1, ce)  # قتل ثلاثة برصاص الجيش الإسرائيلي: the army fired the shots
            if actor and trig.needs == "passive" and not recipient:
                # استشهد الشاب محمد سالم برصاص الجيش: the verb's subject is the victim
                victim = subject_after(ix, norms, j if h.gap is None else h.gap[0], h.gap[1] if h.gap else ce)
                recipient = [victim] if victim is not None and victim.type in ("PER", "ORG", "AGENT") else []
        if not actor and ((not carry and r.type == "ASSAULT") or (passive and r.type == "COERCE" and recipient)):
            actor = [UNIDENTIFIED]  # أدان الهجمات التي استهدفت ...: an attack reported by others, its doer unnamed
            conf -= 0.3  # (اعتقل 15 متظاهرا: an arrest of people counted, by someone unnamed)
        if (not actor and r.type == "ASSAULT" and r.mode in IMPLICIT_ATTACKER and (is_noun or r.sufferer_at)
                and not h.definite and self.has_cue("casualty", a, b)):
            actor = [UNIDENTIFIED]
            conf -= 0.3
        if actor and not recipient and j - i > 1:
            # استدعت الخارجية السفير التركي: the phrase's last word (السفير) starts the unnamed official it names
            recipient = [m for m in ix.starting_at(j - 1) if m.type == "AGENT" and m.kind == "official"][:1]
        if actor and not recipient:
            skip = {m.entity or m.text for m in actor}
            end = ce
            if r.type == "REQUEST" and not is_noun:  # دعا المجتمع الدولي إلى الضغط على إسرائيل: whom he calls on
                end = next((k for k in range(after, ce) if bare(norms[k]) in ("الي", "لـ")), ce)  # is before إلى
            recipient = [m for m in objects_after(ix, norms, after, end, skip) if m.type != "AGENT" or not is_noun]
            if not recipient and r.type == "CONSULT" and not is_noun:
                # استقبل الشيخ محمد بن راشد، أمس، في قصر زعبيل، رئيس وزراء الهند ناريندرا مودي: commas set off the
                # time and place; the guest is the first titled person after them in the sentence
                guest = next((g for k in range(after, b) if (g := titled_person(ix, norms, k, b, skip))), None)
                recipient = [guest] if guest is not None else []
        if len(actor) == 1 and actor[0].type == "AGENT":
            owner = [m for m in ix.starting_at(actor[0].end) if m.type == "ORG"]
            if owner:  # طائرات القوة الجوية العراقية، عناصر تنظيم داعش: the owner of the aircraft or men acts
                actor = owner[:1]
                recipient = [m for m in recipient if (m.entity or m.text) != (owner[0].entity or owner[0].text)]
        if recipient and recipient[0].type == "AGENT" and recipient[0].kind == "military":
            owner = [m for m in ix.starting_at(recipient[0].end) if m.type == "ORG"]
            recipient = owner[:1] or recipient  # يرفض قصف طيران الناتو: the alliance, owner of the aircraft
        return actor, recipient, conf, carry and not fallback

    def _accused(self, h: Hit, cs: int) -> bool:
        """An accusation verb opens the clause of the verbal noun ``h`` (اتهم X Y بقصف …)."""
        return any(o.trigger.type == "ACCUSE" and o.trigger.pos == "verb" and cs <= o.start < h.start
                   for o in self.hits_of.get(self.doc.tokens[h.start].sentence, ()))

    def _during_it(self, a: int, i: int) -> bool:
        """Does the sentence say, before token ``i``, that this happened during the call or meeting just told
        (خلال الاتصال، خلال اللقاء، خلاله)?"""
        norms = self.norms
        for k in range(a, i):
            w = bare(norms[k])
            if w in ("خلاله", "خلالها") or (w == "خلال" and k + 1 < i and norms[k + 1] in _THE_MEETING):
                return True
        return False

    def _dual(self, h: Hit) -> bool:
        """A dual verb (يبحثان، ناقشا) or a dual subject after the verb (وقع الجانبان): the two parties (of a meeting
        just told) act. Not a noun with tanween spelt like a dual past (تعهدًا)."""
        norms = self.norms
        if "\u064b" in self.doc.tokens[h.start].text:
            return False
        j = h.gap[0] if h.gap else h.end
        if (j < len(norms) and bare(norms[j]) in _DUAL_SUBJECTS) or (
                h.start > 0 and bare(norms[h.start - 1]) in _DUAL_SUBJECTS):
            return True  # ووقع الجانبان، أن الرئيسين عقدا
        w = norms[h.start][h.prefix:]
        past, _, present = h.trigger.form.split()[0].partition("|")
        if h.tense == PRESENT and len(present) > 1:
            return w.endswith("ان") and w[1:-2] == present[1:]
        return h.tense == PAST and w in (past + "ا", past + "تا")

    def _opening_verb(self, a: int, i: int, reporting: bool, embedded_ok: bool = False) -> int | None:
        """The token of the verb that opens the sentence — a reporting verb (``reporting``) or another one — when no
        quotation and no second أن/إن clause comes between it and token ``i``: only then is its subject the one of
        a verb later in the sentence. A discourse phrase may come first (من جهته، أعلن ...)."""
        norms = self.norms
        a = self._clause_start(a, i)
        if i - a > 30 or any(w in QUOTE_MARKS or w == ":" or (bare(w) in ("ان", "انه", "انها") and not embedded_ok)
                             for w in norms[a + 1:i]):
            return None
        first = bare(norms[a])
        reporting_verbs = lexicons().reporting_verbs
        if first in reporting_verbs or norms[a] in reporting_verbs:
            return a if reporting else None
        if reporting:
            return None
        hit = self.lex.index.match_at(norms, a, a + 2)
        return a if (hit is not None and hit.tense != NOUN) or (len(first) >= 5 and first.endswith("ت")) else None

    def _own_forces(self, word: str) -> bool:
        """طائراته، قواته، عناصرها: an armed agent word with a possessive pronoun."""
        stem = word[:-2] if word.endswith("ها") else word[:-1]
        m = self.lex.agents.match_at([bare(stem)], 0, 1)
        return m is not None and m.end == 1 and m.value.kind in ("military", "security", "attacker")

    def _honoured(self, ix: MentionIndex, i: int, roles: tuple[str, ...]) -> Mention | None:
        """Whom سموه، فخامته refer to: the first person named before token ``i`` whose role the honorific is used
        for (تلقى صاحب السمو الأمير … اتصالاً من الوزير … كما تلقى سموه اتصالاً: the prince, not the caller)."""
        titled = []
        for m in ix.mentions:
            if m.start >= i:
                break
            e = self.doc.entity(m.entity) if m.type == "PER" and m.entity else None
            if e is not None and e.role:
                if e.role.startswith(roles):
                    return m
                titled.append(m)
        return titled[0] if titled else None  # (a prince may hold a minister's office: the first titled person)

    def _clause_start(self, a: int, i: int) -> int:
        """The first token of the sentence's main clause: past the dateline and a discourse opener (من جهته،)."""
        norms = self.norms
        dl = self.doc.dateline
        while dl is not None and dl.end is not None and a < i and self.doc.tokens[a].start < dl.end:
            a += 1  # الرياض - أعلن المتحدث …: the dateline is no part of the sentence's clause
        k = next((k + 1 for k in range(a, min(i, a + 3)) if bare(norms[k]) in _OPENERS), a)
        if a < k < i and norms[k] in ("،", ","):
            a = k + 1
        return a

    def _participle_subject(self, ix: MentionIndex, s: int, a: int, i: int) -> Mention | None:
        """Who does what a participle after a clause says (…، داعيا إلى): the actor of the event just coded in the
        sentence, else the subject of the verb opening it."""
        if self.last_sentence == s and self.last_actor and self.last_hit is not None and self.last_hit < i:
            return self.last_actor[0]
        v = self._clause_start(a, i)
        return self._sentence_subject(ix, v, i) if v < i else None

    def _sentence_subject(self, ix: MentionIndex, v: int, i: int) -> Mention | None:
        """The subject of the verb at ``v`` that opens the sentence (VSO): the first named party after it, within a
        title's length (أعلن رئيس الحزب الوطني سالم العمري), ending before token ``i``."""
        for k in range(v + 1, min(i, v + SUBJECT_REACH)):
            named = [m for m in ix.starting_at(k) if m.type in ("PER", "ORG", "AGENT") and not m.place_only
                     and m.end <= i]
            if named:
                return max(named, key=lambda m: m.end - m.start)
            if self.norms[k] in BOUNDARY:
                return None
        return None

    def _attack_noun(self, norms: list[str], j: int, ce: int) -> bool:
        """Is the word at ``j`` a definite verbal noun of an attack (الاعتداء، الهجوم، التفجير)?"""
        hit = self.lex.index.match_at(norms, j, ce)
        return hit is not None and hit.tense == NOUN and hit.definite and hit.trigger.type == "ASSAULT"

    def _shares_subject(self, h: Hit, s: int, subj: Mention, ce: int) -> bool:
        """A verb after ، و in the sentence of a named actor's event keeps that actor: the name right after it
        followed by a complement (بـ، إلى، على) or the clause's end is its object."""
        if self.last_sentence != s or not self.last_actor or h.start == 0 or self.norms[h.start - 1] not in BOUNDARY:
            return False
        prev = self.last_actor[0]
        if prev.type not in ("PER", "ORG", "LOC") or prev.entity == subj.entity or subj.start != h.end:
            return False
        if disagrees(self.norms, h, prev):
            return False
        k = subj.end
        return k >= ce or prep_of(self.norms[k]) is not None or bare(self.norms[k]) in ("الى", "علي", "من", "عن")

    def background(self, h: Hit, r: Reading, a: int) -> float:
        """How much the trigger looks like background rather than the reported event (a confidence penalty)."""
        i, is_noun, norms = h.start, h.tense == NOUN, self.norms
        penalty = next((p for depth, p in DEPTH_PENALTY if i - a >= depth), 0.0)
        if is_noun and self.cue_before(("anchor",), i, r.cs):
            penalty += ANCHOR_PENALTY  # منذ تفجيرات، غداة هجوم: the act dates something else
        if is_noun and i > a and norms[i - 1][:1].isdigit():
            penalty += AGGREGATE_PENALTY  # 140 هجوما: a count of attacks over a period, not one reported attack
        if is_noun and h.pronoun and r.type in HOSTILE:
            penalty += ANCHOR_PENALTY  # هجومها، اغتياله: a known act referred to by its doer or victim
        if h.tense == PRESENT and r.type in HOSTILE:
            penalty += PRESENT_PENALTY  # news reports acts in the past tense; the present is mostly habitual
        return penalty

    def _place_and_time(self, d: Draft, ix: MentionIndex, a: int, b: int) -> None:
        place_and_time(self.doc, self.norms, self.hits_of.get(d.sentence, ()), d, ix, a, b)

    def run(self) -> tuple[list[Draft], list[Mention]]:
        doc, lex, norms = self.doc, self.lex, self.norms
        sent_of = [t.sentence for t in doc.tokens]
        cuts = [k for k in range(1, len(sent_of)) if sent_of[k] != sent_of[k - 1]]
        ranges = [(sent_of[a], a, b) for a, b in zip([0, *cuts], [*cuts, len(sent_of)])]
        per_sentence = [(s, a, b, _find_hits(lex, norms, a, b)) for s, a, b in ranges]
        self.per_sentence = per_sentence
        agents: list[Mention] = []
        named: set[int] | None = None
        for s, a, b, hits in per_sentence:
            if hits or any(w in lex.protest_agents for w in norms[a:b]):
                found = find_agents(lex, doc, norms, a, b)
                if hits:
                    if named is None:
                        named = _person_tokens(doc)
                    verbs = {k: h.tense for h in hits for k in range(h.start, h.end)}
                    titled = titled_agents(doc, norms, a, b, named, found, verbs)
                    starts = {m.start for m in titled}
                    found = [m for m in found if m.start not in starts] + titled
                agents += found
        ix = self.ix = MentionIndex(doc, agents)
        drafts: list[Draft] = []
        self.hits_of = {s: hits for s, a, b, hits in per_sentence if hits}
        for s, a, b, hits in per_sentence:
            if s > self.last_sentence + 1:
                # An elided subject is the previous sentence's actor; a sentence in between has its own subject.
                self.last_actor, self.last_recipient = [], []
            question = norms[b - 1] in ("؟", "?") or bare(norms[a]) == "هل"
            for h in hits:
                d = self.code(h, s, a, b, question, ix)
                if d is not None:
                    drafts.append(d)
                    if d.carries:
                        self.last_actor, self.last_recipient, self.last_sentence = d.actor, d.recipient, s
                        self.last_type, self.last_mode, self.last_hit = d.type, d.mode, h.start
        return drafts, agents


# "by the fire / shelling / hands of X": the doer of a passive or nominal attack (برصاص الجيش، على أيدي مسلحين)
_BY = frozenset({"برصاص", "بنيران", "بقصف", "بغاره", "بغارات", "بقذيفه", "بقذايف", "بصاروخ", "بصواريخ"})
_BY_HANDS = ("يد", "ايدي")


def _by_whom(ix: MentionIndex, norms: list[str], j: int, ce: int) -> list[Mention]:
    """The mention after برصاص / بنيران / بقصف … or على يد/أيدي, in the clause after the trigger."""
    for k in range(j, ce):
        w = bare(norms[k])
        hands = w == "علي" and k + 1 < ce and norms[k + 1] in _BY_HANDS
        if w in _BY or hands:
            start = k + (2 if hands else 1)
            for m in ix.between(start, min(ce, start + 3)):
                if m.type in ("PER", "ORG", "AGENT") or (m.type == "LOC" and not m.place_only):
                    return [m]
            doer = doer_after(ix, norms, start, ce)  # بقصف مدفعي نفذته قوات …
            return [doer] if doer is not None else []
        if w == "في" and k + 1 < ce and norms[k + 1] in _ATTACK_NOUNS:
            doer = doer_after(ix, norms, k + 2, ce)  # قتل 23 مدنيا في قصف مدفعي نفذته قوات الدعم السريع
            state = [m for m in ix.starting_at(k + 2) if m.type == "AGENT" and m.country]  # في قصف إسرائيلي
            if doer is not None or state:
                return [doer] if doer is not None else state[:1]
    return []


_ATTACK_NOUNS = frozenset(fold_str(w) for w in ("قصف", "هجوم", "غارة", "غارات", "تفجير", "اعتداء", "هجمات", "كمين",
                                                 "حملة", "عملية", "مداهمة", "مداهمات"))  # (في حملة شنتها القوات)


def candidate_features(doc: Document) -> list:
    """The salience model's PROTEST/ASSAULT candidates of a document (before any event is coded), with features."""
    if not doc.tokens:
        return []
    coder = _Coder(doc, event_lexicon())
    drafts, agents = coder.run()
    return candidates(coder, drafts, coder.per_sentence, agents)


def _bi(word: str) -> bool:
    """A word carrying the preposition بـ (بتحسين، بالاتفاق), not a word that starts with ب (برنامج، بيان)."""
    if word[:1] != "ب" or len(word) < 3:
        return False
    if word[1:3] == "ال":
        return True
    from marsad.stages.entities import _zipf

    return _zipf(word[1:]) > _zipf(word)


# Stems of words of violence that make استهدف an attack (ارهاب، مسلح، صاروخ، قذيفة، عبوة، انتحاري، غارة …).
_VIOLENCE = tuple(fold_str(w) for w in (
    "ارهاب", "مسلح", "صاروخ", "صواريخ", "قذيف", "قذائف", "عبوه", "عبوات", "انتحاري", "غاره", "غارات", "رصاص", "متفجر",
    "قنبل", "قنابل", "مدفع", "طائرات", "طائره", "تفجير", "انفجار", "هجوم", "هجمات", "اغتيال", "قتل", "مقتل", "قصف",
    "اعتداء", "داعش", "القاعده", "مليشي", "ميليشي", "اجرام", "مجرم", "جريم", "شهيد", "شهداء", "استشهاد", "ضحايا",
    "جرحي", "مسلحين", "ضربات", "ضربه", "حربي", "عسكري"))
# Words of a sports report: a meeting there is a match, an abduction a late win (خطف فوزا).
# Events that بين X و Y makes multilateral (not an arrest 'بين السعودية والعراق': where the man travelled)
_BETWEEN_TYPES = frozenset(("CONSULT", "AGREE", "COOPERATE", "ASSAULT", "REJECT", "SUPPORT", "AID"))
_FORCES = frozenset(("police", "military", "security"))  # kinds of institutions and agents that put protests down
_RECEIVED = ("تلقي", "يتلقي", "تتلقي", "ستتلقي", "سيتلقي")  # تلقى اتصالا من: the caller is the actor
_SPORT = frozenset(fold_str(w) for w in (
    "مباراة", "المباراة", "مباراته", "ودياً", "وديا", "ودية", "الودية", "الشوط", "فوزا", "فوزاً", "بفوز", "التعادل",
    "بهدفين", "بطولة", "البطولة", "كأس", "المنتخب", "لاعب", "اللاعب", "الملعب", "ملعب", "المدرب", "النهائي",
    "لاعبو", "لاعبي", "اللاعبون", "اللاعبين", "حارس", "هدف", "هدفا", "هدفين", "ركلة", "الدوري", "دوري"))
# What makes لقاء an interview: لقاء تلفزيوني، لقاء صحفي، لقاء إذاعي.
_INTERVIEW = frozenset(("تلفزيوني", "تليفزيوني", "صحفي", "صحافي", "اذاعي", "متلفز", "حواري"))
# بـ + the means of a killing (قتل X بتفجير سيارته: X was killed).
_MEANS = ("بتفجير", "بانفجار", "بهجوم", "بعبوه", "بطلق", "بطعنه", "بطعنات")
# Events that are said rather than done: their actor does not carry to an attack or arrest told after them.
_SPEECH_ACTS = frozenset(("ACCUSE", "REQUEST", "SUPPORT", "REJECT", "AGREE", "CONSULT", "THREATEN"))
# رفض / طلب عدم + these + عن: how news introduces a source who would not be named.
_DISCLOSE = frozenset(("الكشف", "الافصاح", "ذكر", "نشر"))


def _means_after(norms: list[str], k: int, ce: int) -> bool:
    """A بـ-noun of a bombing or an attack within four words (after the victim's title): بتفجير، بانفجار، بهجوم."""
    return any(w.startswith(_MEANS) for w in norms[k:min(ce, k + 4)])


def _person_tokens(doc: Document) -> set[int]:
    """Token indices inside a person's mention."""
    starts = [t.start for t in doc.tokens]
    out: set[int] = set()
    for e in doc.entities:
        if e.type == "PER":
            for m in e.mentions:
                out.update(range(bisect_right(starts, m.start) - 1, bisect_right(starts, m.end - 1)))
    return out


@stage("events", requires=("tokens",), provides=("events",))
def events(doc: Document) -> Document:
    """PLOVER events (type, mode, CAMEO root, quad, intensity) with actors, place, time and modality."""
    if not doc.tokens:
        return doc
    lex = event_lexicon()
    coder = _Coder(doc, lex)
    drafts, agents = coder.run()
    model = salience_model()
    if model is not None:
        drafts = rescore(coder, drafts, candidates(coder, drafts, coder.per_sentence, agents), model)
    if not drafts:
        return doc.evolve(events=())
    out, agent_entities = to_events(doc, drafts, lex.modes)
    return doc.evolve(events=tuple(out), entities=doc.entities + tuple(agent_entities))
