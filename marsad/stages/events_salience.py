"""The salience model's part in the events stage: PROTEST/ASSAULT confidence per sentence, and events for confident
candidates the rules left uncoded (no actor found, a bare definite noun, protesters with no trigger word)."""
from __future__ import annotations

from marsad.arabic.normalize import fold_str
from marsad.arabic.triggers import NOUN, Hit, Trigger
from marsad.stages.event_args import BOUNDARY, Mention, is_amount, subject_after, subject_before
from marsad.stages.event_records import Draft

# Generic actors that may stand in for a missing subject, by event type.
FALLBACK_AGENTS = {
    "ASSAULT": ("attacker", "device"),
    "PROTEST": ("protester",),
}
# A bombing or a confidently reported protest with no named doer gets an unnamed actor evidenced by the trigger.
UNIDENTIFIED = Mention(-1, -1, "", "AGENT", "unidentified", "UAF", "مجهول")
UNNAMED_PROTESTERS = Mention(-1, -1, "", "AGENT", "protester", "CVL", "متظاهرون")
# The model codes a candidate the rules left without an event only at or above its tuned threshold.
RESCUE_CONFIDENCE = 0.5


def rescore(coder, drafts: list[Draft], cands: list, model) -> list[Draft]:
    """PROTEST/ASSAULT confidence from the salience model, per sentence; a candidate the rules left without an
    event (no actor found, a bare definite noun, protesters with no trigger word) is coded when the model is
    confident, with a generic or unidentified actor evidenced by the trigger."""
    out = list(drafts)
    for c in cands:
        conf = model.confidence(c.type, c.features)
        mine = [d for d in drafts if d.sentence == c.sentence and d.type == c.type]
        for d in mine:
            d.confidence = conf
        if not c.drafted and conf >= RESCUE_CONFIDENCE:
            d = _rescue(coder, c, conf)
            if d is not None:
                out.append(d)
    out.sort(key=lambda d: d.sentence)
    return out


def _rescue(coder, c, conf: float) -> Draft | None:
    """A draft for a candidate the rules did not code: its first readable trigger (or the protester noun itself),
    the sentence's generic agent of the right kind as actor, else an unnamed one."""
    kinds = FALLBACK_AGENTS[c.type]
    h = c.rescue
    norms = coder.norms
    # (not the counted victims of the trigger: قتل خمسة مسلحين)
    victims = h.end if h != "agent" and h.end < len(norms) and is_amount(norms[h.end]) else -1
    agent = next((m for m in c.agents if m.kind in kinds and m.start != victims + 1), None)
    if h != "agent" and h.trigger.needs == "protester" and _other_subject(coder, h, c.a):
        h = "agent"  # قوات الأمن أغلقت الطرق: a protest verb done by someone else is no protest; the protesters are
    if h == "agent":
        if agent is None:
            return None
        tok = coder.doc.tokens[agent.start]
        prefix = sum(ch.isalpha() for ch in coder.doc.text[tok.start:agent.char_start])
        trig = Trigger(fold_str(agent.text), "noun", c.type, "demonstrate", "", "")
        h = Hit(agent.start, agent.end, prefix, trig, NOUN)
    actor = [agent] if agent is not None else [UNIDENTIFIED if c.type == "ASSAULT" else UNNAMED_PROTESTERS]
    d = Draft(c.type, h.trigger.mode, h, c.sentence, actor)
    coder._place_and_time(d, coder.ix, c.a, c.b)
    d.confidence = conf
    return d


def _other_subject(coder, h: Hit, a: int) -> bool:
    """Whether a verb's own subject (just before it, or after it in its clause) is someone other than protesters."""
    if h.tense == NOUN:
        return False
    norms, ix = coder.norms, coder.ix
    cs = h.start
    while cs > a and norms[cs - 1] not in BOUNDARY:
        cs -= 1
    ce = h.end
    while ce < len(norms) and norms[ce] not in BOUNDARY:
        ce += 1
    subj = subject_before(ix, norms, h.start, cs) or subject_after(ix, norms, h.end, ce)
    if subj is None:
        return False
    if subj.type == "AGENT":
        return subj.kind not in ("protester", "civilian")  # مئات، آلاف، المواطنون may well be the marchers
    return subj.type == "ORG" and subj.kind in OFFICIAL_KINDS


# Organisations that do not march: a protest verb with one of them as subject is something else (closing roads).
OFFICIAL_KINDS = frozenset(("military", "police", "government", "security", "ministry"))
