"""NER scoring with the CoNLL definition: an entity counts only if its type and both boundaries match.

Chunks are read the way conlleval reads them: an ``I-X`` after ``O`` or after another type opens a chunk.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

# ANERcorp writes PERS; Marsad says PER everywhere.
TYPE_MAP = {"PERS": "PER"}
TYPES = ("PER", "LOC", "ORG", "MISC")


def map_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, typ = tag.split("-", 1)
    return f"{prefix.upper()}-{TYPE_MAP.get(typ, typ)}"


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of ``token TAG`` lines (space or tab separated, blank line between sentences)."""
    sents: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if words:
                    sents.append((words, tags))
                    words, tags = [], []
                continue
            tok, _, tag = line.rpartition(" ") if "\t" not in line else line.rpartition("\t")
            words.append(tok.strip())
            tags.append(map_tag(tag.strip()))
    if words:
        sents.append((words, tags))
    return sents


def chunks(tags: Sequence[str]) -> Iterator[tuple[str, int, int]]:
    """``(type, start, end)`` chunks (end exclusive), conlleval semantics for IOB1/IOB2 input."""
    start, typ = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        ends = typ and (prefix in ("O", "B") or t != typ)
        if ends:
            yield typ, start, i
            typ = ""
        if prefix in ("B", "I") and not typ:
            start, typ = i, t


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    pred: int
    gold: int

    @property
    def precision(self) -> float:
        return 100.0 * self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> dict[str, Score]:
    """Per-type and ``overall`` micro scores over parallel sentences of tags."""
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(chunks(g)), set(chunks(p))
        for name, s in (("gold", gs), ("pred", ps), ("tp", gs & ps)):
            for typ, _, _ in s:
                for key in (typ, "overall"):
                    counts.setdefault(key, [0, 0, 0])[("tp", "pred", "gold").index(name)] += 1
    return {k: Score(*v) for k, v in counts.items()}


def evaluate_file(path: Path, tagger=None) -> dict[str, Score]:
    """Tag every sentence of a CoNLL file with the committed tagger and score it."""
    from marsad.models.ner.tagger import NerTagger

    tagger = tagger or NerTagger.load()
    sents = read_conll(path)
    # ANERcorp has no document marks: its sentences are the articles' sentences in order, so the tagger sees
    # them as one stream (the consistency pass looks ``consistency.WINDOW`` sentences either way).
    return score((t for _, t in sents), tagger.tag_many([w for w, _ in sents]))


def format_table(scores: dict[str, Score]) -> str:
    rows = [f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for k in (*TYPES, "overall"):
        s = scores.get(k, Score(0, 0, 0))
        rows.append(f"{k:<8}{s.precision:8.2f}{s.recall:8.2f}{s.f1:8.2f}{s.gold:7d}{s.pred:7d}")
    return "\n".join(rows)


def anercorp_test_path(shared_dir: Path) -> Path:
    return shared_dir / "data" / "anercorp-camel" / "ANERCorp_CamelLab_test.txt"
