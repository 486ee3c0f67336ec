"""Events: PLOVER 2.0 types and modes with CAMEO roots, coded natively from Arabic triggers.

Each trigger (a verb, a verbal noun or a phrase from ``event_triggers.tsv``) is read in its clause: negation, a
promise/plan/threat (coded AGREE or THREATEN instead of the act), a condition or question (no event), a noun that
names a kind of act (ردع الاعتداءات: no event). Arguments come from :mod:`marsad.stages.event_args`. An event
needs an actor; trigger mentions with the same (type, actor, recipient, date) merge into one event.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from marsad.arabic.triggers import FUTURE, NOUN, Hit, event_lexicon
from marsad.document import Document, Entity, Event, Span
from marsad.pipeline import stage
from marsad.stages.event_args import (BOUNDARY, Mention, MentionIndex, bare, objects_after, prep_of, subject_after,
                                      subject_before)

COOPERATIVE = frozenset(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"))
HOSTILE = frozenset(("THREATEN", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"))
# Verbal nouns whose genitive is the one acted upon (اغتيال الحريري), not the doer (زيارة الكاظمي).
OBJECT_GENITIVE = frozenset(("ASSAULT", "COERCE", "SANCTION", "CONCEDE", "AID", "SUPPORT"))
# Generic actors that may stand in for a missing subject, by event type.
FALLBACK_AGENTS = {
    "ASSAULT": ("attacker", "device"),
    "PROTEST": ("protester",),
}
# Modes that imply a deliberate, if unnamed, attacker: a bombing or an air strike has a perpetrator even when
# the report does not name one. Such events get an "unidentified attacker" actor evidenced by the trigger.
IMPLICIT_ATTACKER = frozenset(("explosives", "suicide-attack", "aerial", "firearms", "assassinate", "abduct", "attack"))
UNIDENTIFIED = Mention(-1, -1, "", "AGENT", "unidentified", "UAF", "مجهول")
# News puts the reported event first; a trigger deep in a long sentence is mostly background (an earlier attack,
# a cause, a comparison). Confidence falls with the trigger's word position in its sentence.
DEPTH_PENALTY = ((30, 0.3), (20, 0.2), (12, 0.1))
GENERIC_MODES = frozenset(("attack", "kill", "protest", "meeting"))
CIRCUMSTANTIAL = frozenset(("خلال", "اثناء", "عقب", "بعد", "قبل", "اثر"))
CARRY_PENALTY = 0.2
NO_TIME_PENALTY = 0.1


@dataclass
class Draft:
    """An event before merging, in token space."""

    type: str
    mode: str
    hit: Hit
    sentence: int
    actor: list[Mention]
    recipient: list[Mention] = field(default_factory=list)
    location: str | None = None
    time: str | None = None
    date: str | None = None
    negated: bool = False
    confidence: float = 0.9


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
        opens = False
        if not c:
            if w[:1] not in "وف" or w[1:] not in initial or not (k == a or norms[k - 1] in BOUNDARY):
                k += 1
                continue
        opens = k == a or norms[k - 1] in BOUNDARY
        h = index.match_at(norms, k, b, opens)
        if h is None:
            k += 1
            continue
        hits.append(h)
        k = h.end
    return hits


def _find_agents(lex, doc: Document, norms: list[str], a: int, b: int) -> list[Mention]:
    out = []
    k = a
    while k < b:
        m = lex.agents.match_at(norms, k, b)
        if m is None:
            k += 1
            continue
        t0, t1 = doc.tokens[m.start], doc.tokens[m.end - 1]
        cs = t0.start + _orig_prefix(doc, t0, m.prefix)
        out.append(Mention(m.start, m.end, "", "AGENT", m.value.kind, m.value.role, doc.text[cs:t1.end], cs, t1.end))
        k = m.end
    return out


def _orig_prefix(doc: Document, tok, folded_prefix: int) -> int:
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


class _Coder:
    """Codes the triggers of one document."""

    def __init__(self, doc: Document, lex) -> None:
        self.doc, self.lex = doc, lex
        self.norms = [t.norm for t in doc.tokens]
        self.cues = lex.cues
        self.last_actor: list[Mention] = []
        self.last_recipient: list[Mention] = []
        self.last_sentence = -1

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

    def code(self, h: Hit, s: int, a: int, b: int, question: bool, ix: MentionIndex) -> Draft | None:
        norms, trig = self.norms, h.trigger
        i, j = h.start, h.end
        cs = i
        while cs > a and norms[cs - 1] not in BOUNDARY:
            cs -= 1
        ce = j
        while ce < b and norms[ce] not in BOUNDARY:
            ce += 1
        if question or self.cue_before(("hypothetical", "historical"), i, a) or self.is_history(j, ce):
            return None
        is_noun = h.tense == NOUN
        if is_noun and h.definite and not (self.cue_after("realis", j, ce) or self.cue_before(("realis",), i, cs)):
            return None  # الهجوم alone refers back to an event; one reported here comes with وقع، أسفر ...
        if is_noun:
            if self.cue_before(("generic",), i, cs):
                g = self.cue_before(("generic",), i, cs)
                if g and (i - g[0] == 1 or bare(norms[i - 1]) in ("من", "علي", "عن")):
                    return None
            sufferer = self.cue_before(("sufferer",), i, cs)
            if "ل" in norms[i][:h.prefix] and not sufferer:
                return None  # للاعتداء: purpose or topic, not a report
        else:
            sufferer = None
        if trig.needs == "recipient-subject" and not sufferer:
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
        negated = False
        neg = self.cue_before(("negation",), i, cs)
        if neg is not None:
            k, _ = neg
            word = bare(norms[k])
            if word == "ما" and (is_noun or k != i - 1):
                neg = None
            elif self.cue_before(("unnegate",), i, k + 1):
                neg = None
            negated = neg is not None
        if typ == "ASSAULT" and j < len(norms) and any(bare(w).startswith(("انتحار", "الانتحار"))
                                                     for w in norms[j:min(j + 2, ce)]):
            mode = "suicide-attack"

        passive = i > a and bare(norms[i - 1]) in ("تم", "تمت", "جري", "جرت", "يتم")
        actor: list[Mention] = []
        recipient: list[Mention] = []
        conf = 0.8 if is_noun else 0.9
        after = j
        if not is_noun and not passive:
            plural = norms[i].endswith(("وا", "ون"))
            subj = None
            if not plural:
                start = h.gap[0] if h.gap else j
                subj = subject_after(ix, norms, start, ce)
                if subj is not None:
                    after = max(j, subj.end)
            if subj is None:
                subj = subject_before(ix, norms, i, cs if cs > a else a)
            if subj is None and neg is not None and i - neg[0] > 2:
                subj = subject_after(ix, norms, neg[0] + 1, i)  # نفت الشرطة أنها اعتقلت: the denier did it
            if subj is None and plural:
                subj = self._protester_near(ix, i, j, a, b) if trig.needs == "protester" else None
            if subj is not None:
                actor = [subj]
        elif is_noun:
            gen = subject_after(ix, norms, j, min(ce, j + 5)) if not sufferer else None
            if gen is not None and gen.start <= j + 1 and not (gen.type == "LOC" and gen.kind != "country"):
                if typ in OBJECT_GENITIVE or intent is not None:
                    recipient = [gen]
                else:
                    actor = [gen]
                after = gen.end
            if sufferer is not None:
                k = sufferer[0]
                victim = subject_after(ix, norms, k + 1, i) or subject_before(ix, norms, k, cs)
                recipient = [victim] if victim else []
            if not actor and intent is not None and intent[0] < i:
                k = intent[0]
                subj = subject_before(ix, norms, k, cs) or subject_after(ix, norms, k + 1, i)
                actor = [subj] if subj else []
            if not actor and h.pronoun:
                named = [m for m in ix.between(a, i) if m.type in ("PER", "ORG")]
                actor = named[-1:]
        same_sentence = self.last_sentence == s
        if not actor and same_sentence and self.last_actor and (passive or is_noun):
            actor = list(self.last_actor)  # a passive or a verbal noun continuing the event just before
            if passive and not recipient:
                recipient = list(self.last_recipient)
            conf -= CARRY_PENALTY
        if not actor:
            parties = self._between(ix, i, ce)
            if len(parties) >= 2:  # بين X و Y: a multilateral event, every party an actor
                actor, recipient = parties, []
        if trig.needs == "protester" and not (actor and actor[0].kind == "protester"):
            return None
        if not actor:
            kinds = FALLBACK_AGENTS.get(trig.type)
            if kinds:
                pool = [m for m in ix.between(a, b) if m.type == "AGENT" and m.kind in kinds]
                actor = pool[:1]
                conf -= 0.1
        if not actor and (passive or not is_noun or h.pronoun) and self.last_actor:
            actor = list(self.last_actor)  # elided or passive subject: the actor of the event just before
            if passive and not recipient:
                recipient = list(self.last_recipient)
            conf -= CARRY_PENALTY
        if (not actor and typ == "ASSAULT" and mode in IMPLICIT_ATTACKER and (is_noun or sufferer)
                and not h.definite and self.has_cue("casualty", a, b)):
            actor = [UNIDENTIFIED]
            conf -= 0.3
        if not actor:
            return None
        skip = {m.entity or m.text for m in actor + recipient}
        if not recipient:
            recipient = [m for m in objects_after(ix, norms, after, ce, skip) if m.type != "AGENT" or not is_noun]
        if typ == "CONSULT" and len(actor) + len(recipient) > 2:
            mode = "multilateral"
        conf -= next((p for depth, p in DEPTH_PENALTY if i - a >= depth), 0.0)
        draft = Draft(typ, mode, h, s, actor, recipient, negated=negated, confidence=conf)
        self._place_and_time(draft, ix, a, b)
        return draft

    def _between(self, ix: MentionIndex, i: int, ce: int) -> list[Mention]:
        """Named parties coordinated after بين within a few words of the trigger."""
        norms = self.norms
        for k in range(i + 1, min(ce, i + 6)):
            if bare(norms[k]) == "بين":
                return objects_after(ix, norms, k, ce, set())
        return []

    def _protester_near(self, ix: MentionIndex, i: int, j: int, a: int, b: int) -> Mention | None:
        """Plural verb with its subject earlier in the sentence (المتظاهرون ... ورفعوا)."""
        pool = [m for m in ix.between(a, i) if m.type == "AGENT" and m.kind == "protester"]
        return pool[-1] if pool else None

    def _place_and_time(self, d: Draft, ix: MentionIndex, a: int, b: int) -> None:
        doc, norms = self.doc, self.norms
        places = []
        for m in ix.between(a, b):
            if m.type == "LOC" and m.start > a:
                governed = bare(norms[m.start - 1]) in ("في", "الى") or prep_of(norms[m.start]) == "ب"
                governed = governed or (d.mode == "visit" and 0 <= m.start - d.hit.end <= 4)  # زار القاهرة
                if governed:
                    places.append(m)
        if places:
            after = [m for m in places if m.start >= d.hit.start]
            d.location = (after or places)[-1 if not after else 0].entity
        elif d.type == "CONSULT" and doc.dateline is not None and doc.dateline.start is not None:
            for m in ix.mentions:
                if m.type == "LOC" and m.char_start >= doc.dateline.start and m.char_end <= (doc.dateline.end or 0):
                    d.location = m.entity
                    break
        t0 = doc.tokens[d.hit.start].start
        s0, s1 = doc.sentences[d.sentence].start, doc.sentences[d.sentence].end
        near = [t for t in doc.times if s0 <= t.start < s1]
        if near:
            t = min(near, key=lambda t: abs(t.start - t0))
            d.time = t.id
            d.date = t.value or doc.published
        else:
            d.date = doc.published
            d.confidence -= NO_TIME_PENALTY

    def run(self) -> tuple[list[Draft], list[Mention]]:
        doc, lex, norms = self.doc, self.lex, self.norms
        sent_of = [t.sentence for t in doc.tokens]
        cuts = [k for k in range(1, len(sent_of)) if sent_of[k] != sent_of[k - 1]]
        ranges = [(sent_of[a], a, b) for a, b in zip([0, *cuts], [*cuts, len(sent_of)])]
        per_sentence = [(s, a, b, _find_hits(lex, norms, a, b)) for s, a, b in ranges]
        agents: list[Mention] = []
        for s, a, b, hits in per_sentence:
            if hits:
                agents += _find_agents(lex, doc, norms, a, b)
        ix = MentionIndex(doc, agents)
        drafts: list[Draft] = []
        prev_sentence = -1
        for s, a, b, hits in per_sentence:
            if s > prev_sentence + 1:
                self.last_actor, self.last_recipient = [], []
            question = norms[b - 1] in ("؟", "?") or bare(norms[a]) == "هل"
            for h in hits:
                d = self.code(h, s, a, b, question, ix)
                if d is not None:
                    drafts.append(d)
                    self.last_actor, self.last_recipient, self.last_sentence = d.actor, d.recipient, s
            if hits:
                prev_sentence = s
        return drafts, agents


def _agent_entities(doc: Document, drafts: list[Draft]) -> tuple[list[Entity], dict[tuple[int, int], str]]:
    """Generic actors used by events become MISC entities of kind ``agent`` (one per folded name)."""
    taken = {e.id for e in doc.entities}
    by_name: dict[str, tuple[str, list[Span], Mention]] = {}
    ids: dict[tuple[int, int], str] = {}
    n = 0
    for d in drafts:
        for m in d.actor + d.recipient:
            if m.type != "AGENT":
                continue
            key = " ".join(doc.tokens[k].norm for k in range(m.start, m.end)) if m.start >= 0 else "?"
            if key not in by_name:
                n += 1
                while f"G{n}" in taken:
                    n += 1
                by_name[key] = (f"G{n}", [], m)
            eid, spans, _ = by_name[key]
            if m.start >= 0:
                span = Span(m.char_start, m.char_end, m.text)
                if span not in spans:
                    spans.append(span)
            ids[(m.start, m.end)] = eid
    ents = [Entity(eid, "MISC", m.text, tuple(sorted(spans, key=lambda sp: sp.start)), kind="agent", role=m.kind)
            for eid, spans, m in by_name.values()]
    return ents, ids


def _trigger_spans(doc: Document, h: Hit) -> list[Span]:
    """The trigger's text; a phrase split by its subject (أطلق مسلحون النار) gives the verb and the object part."""
    parts = [(h.start, h.end)] if h.gap is None else [(h.start, h.gap[0]), (h.gap[1], h.end)]
    out = []
    for n, (i, j) in enumerate(parts):
        t0, t1 = doc.tokens[i], doc.tokens[j - 1]
        a = t0.start + (_orig_prefix(doc, t0, h.prefix) if n == 0 else 0)
        out.append(Span(a, t1.end, doc.text[a:t1.end]))
    return out


def _ids(ms: list[Mention], agent_ids: dict[tuple[int, int], str]) -> tuple[str, ...]:
    out: list[str] = []
    for m in ms:
        eid = m.entity or agent_ids.get((m.start, m.end), "")
        if eid and eid not in out:
            out.append(eid)
    return tuple(out)


@stage("events", requires=("tokens",), provides=("events",))
def events(doc: Document) -> Document:
    """PLOVER events (type, mode, CAMEO root, quad, intensity) with actors, place, time and modality."""
    if not doc.tokens:
        return doc
    lex = event_lexicon()
    drafts, _ = _Coder(doc, lex).run()
    if not drafts:
        return doc.evolve(events=())
    agent_entities, agent_ids = _agent_entities(doc, drafts)
    merged: dict[tuple, tuple[Draft, list[Span]]] = {}
    for d in drafts:
        key = (d.type, _ids(d.actor, agent_ids), _ids(d.recipient, agent_ids), d.date, d.negated)
        new = _trigger_spans(doc, d.hit)
        if key in merged:
            first, spans = merged[key]
            spans.extend(sp for sp in new if sp not in spans)
            if first.mode in GENERIC_MODES and d.mode not in GENERIC_MODES and d.type == first.type:
                first.mode = d.mode  # قتل ... في انفجار: the bombing says how
            first.location = first.location or d.location
            first.time = first.time or d.time
            first.confidence = max(first.confidence, d.confidence)
        else:
            merged[key] = (d, new)
    affiliation = {e.id: e.affiliation for e in doc.entities if e.affiliation}
    out = []
    for n, ((typ, actor, recipient, _, negated), (d, spans)) in enumerate(merged.items(), 1):
        # The organisation a person speaks for is on the actor's side, not the receiving one.
        own = set(actor) | {affiliation[a] for a in actor if a in affiliation}
        m = lex.modes[(typ, d.mode)]
        out.append(Event(
            id=f"V{n}", type=typ, trigger=spans[0], sentence=d.sentence, mode=d.mode, actor=actor,
            recipient=tuple(r for r in recipient if r not in own), location=d.location, time=d.time,
            cameo=d.hit.trigger.cameo if typ == d.hit.trigger.type and d.hit.trigger.cameo else m.cameo,
            quad=m.quad, intensity=m.intensity, negated=negated, confidence=round(max(0.1, d.confidence), 2),
            triggers=tuple(spans),
        ))
    return doc.evolve(events=tuple(out), entities=doc.entities + tuple(agent_entities))
