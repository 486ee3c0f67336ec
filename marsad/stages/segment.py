"""Segment: normalise with an offset map, split sentences, tokenise."""
from __future__ import annotations

from marsad.arabic.normalize import fold
from marsad.arabic.tokenize import tokenize
from marsad.document import Document
from marsad.pipeline import stage


@stage("segment", requires=("text",), provides=("norm", "sentences", "tokens"))
def segment(doc: Document) -> Document:
    """Folded text, sentences and tokens."""
    norm = fold(doc.text)
    sentences, tokens = tokenize(doc.text, norm)
    return doc.evolve(norm=norm, sentences=sentences, tokens=tokens)
