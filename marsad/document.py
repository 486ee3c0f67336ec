"""Frozen document records and the ``marsad/1`` JSON contract (see docs/schema.json)."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, NamedTuple

SCHEMA = "marsad/1"
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(int(d["start"]), int(d["end"]), d["text"])


Mention = Span


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


class Token(NamedTuple):
    """A word or punctuation mark; ``norm`` is its folded form. A named tuple: documents hold thousands."""

    start: int
    end: int
    text: str
    norm: str
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class Dateline:
    source: str | None = None
    place: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: str
    mentions: tuple[Span, ...] = ()
    name_en: str | None = None
    country: str | None = None
    role: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_id: str | None = None
    kind: str | None = None  # finer class: country, city, igo, nationality, person ...
    confidence: float = 1.0
    affiliation: str | None = None  # id of the organisation entity a person speaks for


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    trigger: Span
    sentence: int
    mode: str | None = None
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    location: str | None = None
    time: str | None = None
    cameo: str | None = None
    quad: int | None = None
    intensity: float | None = None
    negated: bool = False
    confidence: float = 1.0
    triggers: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    cue: Span | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None
    unit: str | None = None
    kind: str | None = None  # count, range, percent, money, multiplier, approximate


@dataclass(frozen=True, slots=True)
class TimeExpr:
    id: str
    text: str
    start: int
    end: int
    value: str | None = None
    kind: str | None = None  # date, month, year, weekday, relative, hijri


@dataclass(frozen=True, slots=True)
class Problem:
    stage: str
    code: str
    message: str


@dataclass(frozen=True)
class Document:
    """One article and everything extracted from it; stages return new copies via ``evolve``."""

    id: str
    text: str
    published: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    dateline: Dateline | None = None
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    problems: tuple[Problem, ...] = ()
    meta: tuple[tuple[str, Any], ...] = ()
    # Working layers shared between stages; not part of the JSON contract.
    tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)
    # (start, end, entity id) of title-only references such as "رئيس الوزراء العراقي" resolved to a person
    refs: tuple[tuple[int, int, str], ...] = field(default=(), compare=False, repr=False)
    norm: Any = field(default=None, compare=False, repr=False)
    # the day the story's اليوم means when it is not ``published`` (a dateline's date, or the day a story dated
    # the day after names: اليوم الأربعاء), as set by the times stage
    today: str | None = field(default=None, compare=False, repr=False)

    def evolve(self, **changes: Any) -> "Document":
        return replace(self, **changes)

    def with_problem(self, stage: str, code: str, message: str) -> "Document":
        return replace(self, problems=self.problems + (Problem(stage, code, message),))

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (binary search)."""
        sents = self.sentences
        lo, hi = 0, len(sents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if offset < sents[mid].start:
                hi = mid - 1
            elif offset >= sents[mid].end:
                lo = mid + 1
            else:
                return mid
        return max(0, min(lo, len(sents) - 1))

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    @property
    def meta_dict(self) -> dict[str, Any]:
        return dict(self.meta)

    # ---- the JSON contract -------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        return from_dict(d)


def _entity_to_dict(e: Entity) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": e.id, "type": e.type, "name": e.name, "name_en": e.name_en,
        "country": e.country, "role": e.role,
        "mentions": [m.to_dict() for m in e.mentions],
    }
    if e.lat is not None or e.geo_id is not None:
        d.update(lat=e.lat, lon=e.lon, geo_id=e.geo_id)
    if e.kind is not None:
        d["kind"] = e.kind
    if e.affiliation is not None:
        d["affiliation"] = e.affiliation
    if e.confidence != 1.0:
        d["confidence"] = e.confidence
    return d


def _event_to_dict(v: Event) -> dict[str, Any]:
    return {
        "id": v.id, "type": v.type, "mode": v.mode, "actor": list(v.actor),
        "recipient": list(v.recipient), "location": v.location, "time": v.time,
        "trigger": v.trigger.to_dict(), "sentence": v.sentence, "cameo": v.cameo,
        "quad": v.quad, "intensity": v.intensity, "negated": v.negated,
        "confidence": v.confidence, "triggers": [t.to_dict() for t in v.triggers],
    }


def to_dict(doc: Document) -> dict[str, Any]:
    """The ``marsad/1`` record for ``doc``."""
    dl = doc.dateline
    d: dict[str, Any] = {
        "schema": SCHEMA, "id": doc.id, "published": doc.published, "source": doc.source,
        "url": doc.url, "title": doc.title,
        "dateline": None if dl is None else {"source": dl.source, "place": dl.place},
        "text": doc.text,
        "sentences": [{"start": s.start, "end": s.end} for s in doc.sentences],
        "entities": [_entity_to_dict(e) for e in doc.entities],
        "events": [_event_to_dict(v) for v in doc.events],
        "quotes": [
            {"id": q.id, "speaker": q.speaker, "text": q.text, "start": q.start, "end": q.end,
             "cue": None if q.cue is None else q.cue.to_dict()}
            for q in doc.quotes
        ],
        "quantities": [
            {"text": q.text, "start": q.start, "end": q.end, "value": q.value, "low": q.low,
             "high": q.high, "unit": q.unit, "kind": q.kind}
            for q in doc.quantities
        ],
        "times": [
            {"id": t.id, "text": t.text, "start": t.start, "end": t.end, "value": t.value, "kind": t.kind}
            for t in doc.times
        ],
        "problems": [{"stage": p.stage, "code": p.code, "message": p.message} for p in doc.problems],
    }
    if dl is not None and dl.start is not None:
        d["dateline"].update(start=dl.start, end=dl.end)
    if doc.meta:
        d["meta"] = dict(doc.meta)
    return d


def _span(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span.from_dict(d)


def from_dict(d: dict[str, Any]) -> Document:
    """Rebuild a :class:`Document` from its ``marsad/1`` record."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} record: schema={d.get('schema')!r}")
    dl = d.get("dateline")
    return Document(
        id=d["id"], text=d["text"], published=d.get("published"), source=d.get("source"),
        url=d.get("url"), title=d.get("title"),
        dateline=None if dl is None else Dateline(dl.get("source"), dl.get("place"), dl.get("start"), dl.get("end")),
        sentences=tuple(Sentence(s["start"], s["end"]) for s in d.get("sentences", ())),
        entities=tuple(
            Entity(
                id=e["id"], type=e["type"], name=e["name"],
                mentions=tuple(Span.from_dict(m) for m in e.get("mentions", ())),
                name_en=e.get("name_en"), country=e.get("country"), role=e.get("role"),
                lat=e.get("lat"), lon=e.get("lon"), geo_id=e.get("geo_id"), kind=e.get("kind"),
                confidence=e.get("confidence", 1.0), affiliation=e.get("affiliation"),
            )
            for e in d.get("entities", ())
        ),
        events=tuple(
            Event(
                id=v["id"], type=v["type"], trigger=Span.from_dict(v["trigger"]), sentence=v["sentence"],
                mode=v.get("mode"), actor=tuple(v.get("actor", ())), recipient=tuple(v.get("recipient", ())),
                location=v.get("location"), time=v.get("time"), cameo=v.get("cameo"), quad=v.get("quad"),
                intensity=v.get("intensity"), negated=bool(v.get("negated", False)),
                confidence=v.get("confidence", 1.0),
                triggers=tuple(Span.from_dict(t) for t in v.get("triggers", ())),
            )
            for v in d.get("events", ())
        ),
        quotes=tuple(
            Quote(q["id"], q["text"], q["start"], q["end"], q.get("speaker"), _span(q.get("cue")))
            for q in d.get("quotes", ())
        ),
        quantities=tuple(
            Quantity(q["text"], q["start"], q["end"], q.get("value"), q.get("low"), q.get("high"),
                     q.get("unit"), q.get("kind"))
            for q in d.get("quantities", ())
        ),
        times=tuple(
            TimeExpr(t["id"], t["text"], t["start"], t["end"], t.get("value"), t.get("kind"))
            for t in d.get("times", ())
        ),
        problems=tuple(Problem(p["stage"], p["code"], p["message"]) for p in d.get("problems", ())),
        meta=tuple(sorted(d.get("meta", {}).items())),
    )


def all_spans(doc: Document):
    """Every (kind, start, end, text) span the document claims, for invariant checks."""
    for e in doc.entities:
        for m in e.mentions:
            yield "mention", m.start, m.end, m.text
    for q in doc.quotes:
        yield "quote", q.start, q.end, q.text
        if q.cue is not None:
            yield "cue", q.cue.start, q.cue.end, q.cue.text
    for q in doc.quantities:
        yield "quantity", q.start, q.end, q.text
    for t in doc.times:
        yield "time", t.start, t.end, t.text
    for v in doc.events:
        yield "trigger", v.trigger.start, v.trigger.end, v.trigger.text
        for t in v.triggers:
            yield "trigger", t.start, t.end, t.text


__all__ = [n for n in dir() if not n.startswith("_")] + ["fields"]
