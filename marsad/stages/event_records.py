"""From event drafts (token space) to :class:`~marsad.document.Event` records: agent entities, trigger spans, and
one record per (type, actor, recipient, date) holding every trigger mention."""
from __future__ import annotations

from dataclasses import dataclass, field

from marsad.arabic.triggers import Hit, Mode
from marsad.document import Document, Entity, Event, Span
from marsad.stages.event_args import Mention, orig_prefix

GENERIC_MODES = frozenset(("attack", "kill", "protest", "meeting"))


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
    ents = [Entity(eid, "MISC", m.text, tuple(sorted(spans, key=lambda sp: sp.start)), kind="agent", role=m.kind)
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


def to_events(doc: Document, drafts: list[Draft], modes: dict[tuple[str, str], Mode]
              ) -> tuple[list[Event], list[Entity]]:
    """Merged event records, and the agent entities their actors and recipients refer to."""
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
        m = modes[(typ, d.mode)]
        out.append(Event(
            id=f"V{n}", type=typ, trigger=spans[0], sentence=d.sentence, mode=d.mode, actor=actor,
            recipient=tuple(r for r in recipient if r not in own), location=d.location, time=d.time,
            cameo=d.hit.trigger.cameo if typ == d.hit.trigger.type and d.hit.trigger.cameo else m.cameo,
            quad=m.quad, intensity=m.intensity, negated=negated, confidence=round(max(0.1, d.confidence), 2),
            triggers=tuple(spans),
        ))
    return out, agent_entities
