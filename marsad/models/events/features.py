"""Features of one (sentence, event type) candidate for the salience model, computed from the rule coder's reading.

A candidate is a sentence holding a trigger of the type (read or not by the rules) or, for PROTEST, a protester
agent (المتظاهرون) with no trigger at all: annotators count "the demonstrators blocked the road" as a protest.
Features are strings; the model hashes them (CRC-32, 2**20 buckets) so the committed file holds numbers only.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from marsad.arabic.clitics import base_form

TYPES = ("PROTEST", "ASSAULT")
BUCKETS = 1 << 20
# Agent kinds that make a sentence a candidate even without a trigger word.
AGENT_CANDIDATES = {"PROTEST": ("protester",)}
WINDOW = 4  # words either side of the first trigger that get their own position-marked features


@dataclass
class Candidate:
    """Everything the model and the stage need about one (sentence, type) candidate."""

    type: str
    sentence: int
    a: int
    b: int
    hits: list = field(default_factory=list)      # triggers of the type in the sentence
    agents: list = field(default_factory=list)    # generic agents in the sentence (Mention)
    features: list[str] = field(default_factory=list)
    drafted: bool = False  # the rules coded a non-negated event of the type here
    rescue: object = None  # else the trigger (Hit) an event may be coded from when the model says so


def _bin(x: int, edges: tuple[int, ...]) -> str:
    for n, e in enumerate(edges):
        if x < e:
            return str(n)
    return str(len(edges))


_BUCKET: dict[str, int] = {}
_BASE: dict[str, str] = {}
MEMO_LIMIT = 300_000  # per-process memos of buckets and base forms stay bounded over long batches


def hashed(features: list[str]) -> list[int]:
    """Bucket numbers of the feature strings (stable across processes and machines); memoised."""
    memo = _BUCKET
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    out = set()
    for f in features:
        h = memo.get(f)
        if h is None:
            h = memo[f] = zlib.crc32(f.encode("utf-8")) & (BUCKETS - 1)
        out.add(h)
    return sorted(out)


def _base(word: str) -> str:
    b = _BASE.get(word)
    if b is None:
        if len(_BASE) > MEMO_LIMIT:
            _BASE.clear()
        b = _BASE[word] = base_form(word)
    return b


def candidates(coder, drafts: list, per_sentence: list, agents: list) -> list[Candidate]:
    """Candidates of every sentence with a PROTEST/ASSAULT trigger or a protester agent, with their features.

    Only candidates that can become an event are returned: the rules coded a non-negated event of the type, or a
    trigger that is neither negated nor read as a threat is left for the model (or, for PROTEST, a protester agent).
    """
    by_sentence: dict[tuple[int, str], Candidate] = {}
    for s, a, b, hits in per_sentence:
        for h in hits:
            t = h.trigger.type
            if t in TYPES:
                c = by_sentence.setdefault((s, t), Candidate(t, s, a, b))
                c.hits.append(h)
        for t, kinds in AGENT_CANDIDATES.items():
            if any(a <= m.start < b and m.kind in kinds for m in agents):
                by_sentence.setdefault((s, t), Candidate(t, s, a, b))
    if not by_sentence:
        return []
    out = []
    for c in by_sentence.values():
        c.agents = [m for m in agents if c.a <= m.start < c.b]
        c.features = _features(coder, c, [d for d in drafts if d.sentence == c.sentence])
        if c.drafted or c.rescue is not None:
            out.append(c)
    return out


def _features(coder, c: Candidate, drafts: list) -> list[str]:
    norms = coder.norms
    a, b, t = c.a, c.b, c.type
    f = [f"type={t}", f"len={_bin(b - a, (10, 20, 35, 60))}"]
    question = norms[b - 1] in ("؟", "?")
    if not c.hits:
        f.append("nohit")
    for n, h in enumerate(c.hits[:3]):
        trig = h.trigger
        f += [f"trig={t}:{trig.form}", f"mode={t}:{trig.mode}", f"tense={t}:{h.tense}",
              f"pos={t}:{_bin(h.start - a, (1, 3, 6, 12, 20, 30))}"]
        if trig.needs:
            f.append(f"needs={t}:{trig.needs}")
        if h.definite:
            f.append(f"def={t}")
        if h.pronoun:
            f.append(f"pron={t}")
        r = coder.read(h, a, b, question)
        if r is None:
            f.append(f"unread={t}")
            if coder.foiled(h, a):
                f.append(f"foiled={t}")  # a thwarted attack did not happen: nothing for the model to rescue
            else:
                c.rescue = c.rescue or h
        else:
            if not r.negated and r.type == t:
                c.rescue = c.rescue or h
            if r.negated:
                f.append(f"neg={t}")
            if r.intent_at is not None:
                f.append(f"intent={t}")
            if r.passive:
                f.append(f"passive={t}")
            if r.sufferer_at is not None:
                f.append(f"sufferer={t}")
            if r.type != t:
                f.append(f"as={t}:{r.type}")
        if n == 0:
            for k in range(max(a, h.start - WINDOW), min(b, h.end + WINDOW)):
                if k < h.start or k >= h.end:
                    f.append(f"win{'L' if k < h.start else 'R'}={t}:{_base(norms[k])}")
    if not c.hits and any(m.kind in AGENT_CANDIDATES.get(t, ()) for m in c.agents):
        c.rescue = "agent"
    mine = [d for d in drafts if d.type == t]
    c.drafted = any(not d.negated for d in mine)
    if mine:
        best = max(mine, key=lambda d: d.confidence)
        f += [f"draft={t}", f"rule={t}:{_bin(int(best.confidence * 10), (3, 5, 6, 7, 8, 9))}"]
        if all(d.negated for d in mine):
            f.append(f"draftneg={t}")
        for m in best.actor[:1]:
            f.append(f"actor={t}:{m.type}:{m.kind}")
        if best.time is not None:
            f.append(f"time={t}")
    elif any(d.type == "THREATEN" for d in drafts):
        f.append(f"threaten={t}")
    for m in c.agents:
        f.append(f"agent={t}:{m.kind}")
    doc = coder.doc
    s0, s1 = doc.tokens[a].start, doc.tokens[b - 1].end
    for m in coder.ix.between(a, b):
        if m.type != "AGENT":
            f.append(f"ent={t}:{m.type}:{m.kind}")
    for x in doc.times:
        if s0 <= x.start < s1:
            f.append(f"timex={t}:{x.kind}")
    cues = coder.cues
    words = norms[a:b]
    prev = ""
    for w in words:
        if not w[:1].isalpha():
            if w[:1].isdigit():
                f.append(f"digit={t}")
            prev = ""
            continue
        bw = _base(w)
        f.append(f"w={t}:{bw}")
        if prev:
            f.append(f"bi={t}:{prev}_{bw}")
        prev = bw
        cue = cues.get(w[1:] if len(w) > 2 and w[0] in "وف" else w) or cues.get(w)
        if cue is not None:
            f.append(f"cue={t}:{cue.kind}")
    return f
