"""From event drafts (token space) to :class:`~marsad.document.Event` records: agent entities, trigger spans, and
one record per (type, actor, recipient, date) holding every trigger mention."""
from __future__ import annotations

from dataclasses import dataclass, field

from marsad.arabic.triggers import NOUN, Hit, Mode
from marsad.document import Document, Entity, Event, Span
from marsad.stages.entities import PLACE_NOUNS, lexicons
from marsad.stages.event_args import BOUNDARY, Mention, bare, orig_prefix, prep_of

GENERIC_MODES = frozenset(("attack", "kill", "protest", "meeting"))
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
    carries: bool = True  # its actor may stand in for an elided subject after it


def _agent_entities(doc: Document, drafts: list[Draft]) -> tuple[list[Entity], dict[tuple[int, int], str]]:
    """Generic actors used by events become MISC entities of kind ``agent`` (one per folded name), numbered after
    the document's entities. The unidentified attacker of a bombing has the trigger as its evidence."""
    numbers = [int(e.id[1:]) for e in doc.entities if e.id[:1] == "E" and e.id[1:].isdigit()]
    n = max(numbers, default=0)
    by_name: dict[str, tuple[str, list[Span], Mention]] = {}
    ids: dict[tuple[int, int], str] = {}
    for d in drafts:
        for m in d.actor + d.recipient:
            if m.type != "AGENT":
                continue
            key = " ".join(doc.tokens[k].norm for k in range(m.start, m.end)) if m.start >= 0 else "?" + (m.kind or "")
            if key not in by_name:
                n += 1
                by_name[key] = (f"E{n}", [], m)
            eid, spans, _ = by_name[key]
            new = [Span(m.char_start, m.char_end, m.text)] if m.start >= 0 else _trigger_spans(doc, d.hit)[:1]
            spans.extend(sp for sp in new if sp not in spans)
            ids[(m.start, m.end)] = eid
    ents = [Entity(eid, "MISC", m.text, tuple(sorted(spans, key=lambda sp: sp.start)), kind="agent", role=m.kind,
                   country=m.country)
            for eid, spans, m in by_name.values()]
    return ents, ids


def _trigger_spans(doc: Document, h: Hit) -> list[Span]:
    """The trigger's text; a phrase split by its subject (أطلق مسلحون النار) gives the verb and the object part."""
    parts = [(h.start, h.end)] if h.gap is None else [(h.start, h.gap[0]), (h.gap[1], h.end)]
    out = []
    for n, (i, j) in enumerate(parts):
        t0, t1 = doc.tokens[i], doc.tokens[j - 1]
        a = t0.start + (orig_prefix(doc, t0, h.prefix) if n == 0 else 0)
        out.append(Span(a, t1.end, doc.text[a:t1.end]))
    return out


def _ids(ms: list[Mention], agent_ids: dict[tuple[int, int], str]) -> tuple[str, ...]:
    out: list[str] = []
    for m in ms:
        eid = m.entity or agent_ids.get((m.start, m.end), "")
        if eid and eid not in out:
            out.append(eid)
    return tuple(out)


def _fold_unknown_recipients(doc: Document, merged: dict[tuple, tuple[Draft, list[Span]]]) -> None:
    """The headline's event and the story's are one, and so are two verbs of one sentence (التقى بري السفير، وبحث
    معه): of two events of one type, mode, actor, date and polarity, in one sentence or one of them in the first,
    the one whose recipient is not named joins the other (a headline's 'يستقبل السفيرة' and the story's 'استقبل ...
    ألينا ...' whose guest was not read). Attacks and arrests, and acts of unnamed
    parties, are not folded: two told in one story are usually two."""
    named_ids = {e.id for e in doc.entities}  # (not agents: an unnamed attacker is no one in particular)
    for key in [k for k in merged if not k[2] and k[1] and k[0] not in ("ASSAULT", "COERCE")
                and all(a in named_ids for a in k[1])]:
        typ, actor, _, day, negated = key
        named = [k for k in merged if k[2] and (k[0], k[1], k[3], k[4]) == (typ, actor, day, negated)]
        if len(named) != 1:
            continue
        sentences = (merged[key][0].sentence, merged[named[0]][0].sentence)
        if (0 not in sentences and sentences[0] != sentences[1]) or merged[key][0].mode != merged[named[0]][0].mode:
            continue
        d, spans = merged.pop(key)
        first, into = merged[named[0]]
        into.extend(sp for sp in spans if sp not in into)
        first.location = first.location or d.location
        first.time = first.time or d.time
        first.confidence = max(first.confidence, d.confidence)


def to_events(doc: Document, drafts: list[Draft], modes: dict[tuple[str, str], Mode]
              ) -> tuple[list[Event], list[Entity]]:
    """Merged event records, and the agent entities their actors and recipients refer to."""
    agent_entities, agent_ids = _agent_entities(doc, drafts)
    merged: dict[tuple, tuple[Draft, list[Span]]] = {}
    for d in drafts:
        actor_ids = _ids(d.actor, agent_ids)
        # a recipient that is the actor itself (انفجار سيارة مفخخة) is dropped in the record, so not in the key
        key = (d.type, actor_ids, tuple(r for r in _ids(d.recipient, agent_ids) if r not in actor_ids), d.date,
               d.negated)
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
    _fold_unknown_recipients(doc, merged)
    affiliation = {e.id: e.affiliation for e in doc.entities if e.affiliation}
    out = []
    for n, ((typ, actor, recipient, _, negated), (d, spans)) in enumerate(merged.items(), 1):
        # The organisation a person speaks for is on the actor's side, not the receiving one.
        own = set(actor) | {affiliation[a] for a in actor if a in affiliation}
        m = modes[(typ, d.mode)]
        out.append(Event(
            id=f"V{n}", type=typ, trigger=spans[0], sentence=d.sentence, mode=d.mode, actor=actor,
            recipient=tuple(r for r in recipient if r not in own), location=d.location, time=d.time,
            cameo=d.hit.trigger.cameo if typ == d.hit.trigger.type and d.hit.trigger.cameo else m.cameo,
            quad=m.quad, intensity=m.intensity, negated=negated, confidence=round(max(0.1, d.confidence), 2),
            triggers=tuple(spans),
        ))
    return out, agent_entities


# Words after which a place is what an event is about (بشأن الأوضاع في غزة), not where it happens.
_TOPIC = frozenset(("بشان", "حول", "بخصوص", "الاوضاع", "الوضع", "تطورات", "مستجدات", "الازمه", "ازمه", "قضيه",
                    "القضيه", "ملف"))


# Words that make the place after them where an event happens (في، إلى، وسط العاصمة، قرب، جنوبي …)
_WHERE = frozenset(("في", "الي", "وسط", "قرب", "ضواحي", "داخل", "قباله", "شمال", "جنوب", "شرق", "غرب", "شمالي",
                    "جنوبي", "شرقي", "غربي"))
# Definite place nouns before a name (في العاصمة الليبية طرابلس، في المدينة الساحلية …)
_THE_PLACE_NOUNS = frozenset(("العاصمه", "المدينه", "البلده", "القريه", "المحافظه", "الولايه", "المنطقه",
                              "الاقليم", "بالعاصمه", "بالمدينه", "بالمحافظه", "بالولايه"))


def place_and_time(doc: Document, norms: list[str], hits, d: Draft, ix, a: int, b: int) -> None:
    """The draft's place (a LOC governed by في/إلى/بـ in its clause, or the dateline for meetings) and its time
    (the nearest time expression in the sentence, else the publication date at lower confidence)."""
    places = []
    # A place after the trigger belongs to it only up to the next clause that opens with a verb of its own
    # (استضافت الرياض ...، وناقش المجتمعون ... في البحر الأحمر).
    limit = next((h.start for h in hits if h.start >= d.hit.end and h.tense != NOUN
                  and (norms[h.start - 1] in BOUNDARY or (h.prefix and norms[h.start][0] in "وف"))), b)
    topic = next((k for k in range(d.hit.end, limit) if bare(norms[k]) in _TOPIC), limit)
    for m in ix.between(a, limit):
        if m.type == "LOC" and m.start > a:
            if m.start > topic:
                break  # اتصال هاتفي … بحثا خلاله الأوضاع في غزة: the place talked about, not where they talked
            k = m.start
            j = k - 1 if k - 2 > a and norms[k - 1].startswith("ال") and len(norms[k - 1]) > 4 and (
                lexicons().nationality(norms[k - 1]) or norms[k - 1].endswith(("ي", "يه"))) else k
            if j - 1 > a and (norms[j - 1] in PLACE_NOUNS or bare(norms[j - 1]) in _THE_PLACE_NOUNS):
                # في مدينة إدلب، بمدينة إدلب، في العاصمة الليبية طرابلس: a place noun (and its adjective)
                # between the preposition and the name
                k = j - 1
            governed = norms[k - 1] in _WHERE or bare(norms[k - 1]) in _WHERE or prep_of(norms[k]) == "ب"
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
        d.date = t.value or doc.today or doc.published
    else:
        d.date = doc.today or doc.published  # (the dateline's day, or the day a story dated the day after names)
        d.confidence -= NO_TIME_PENALTY
