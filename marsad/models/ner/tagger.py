"""Load the committed CRF NER model once and tag token sequences or a Document's tokens."""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from marsad.arabic.normalize import fold_str
from marsad.models.ner.clusters import load_clusters
from marsad.models.ner.consistency import propagate
from marsad.models.ner.distrib import load_word_counts
from marsad.models.ner.features import FeatureExtractor, read_cues, read_gazetteer
from marsad.models.ner.lexicons import read_lexicon

MODEL_DIR = Path(__file__).resolve().parent
MODEL_FILE = "ner.crfsuite"
CLUSTERS_FILE = "clusters.tsv.gz"
GAZETTEER_FILE = "gazetteer.tsv"
CUES_FILE = "cues.tsv"
LEXICON_FILE = "lexicon.tsv"
DISTRIB_FILE = "distrib.tsv.gz"
AUTOGAZ_FILE = "autogaz.tsv.gz"

_lock = threading.Lock()
_loaded: dict[Path, "NerTagger"] = {}


@lru_cache(maxsize=2)
def committed_counts(name: str) -> dict[str, tuple[int, ...]]:
    """A count table of the committed model (DISTRIB_FILE, AUTOGAZ_FILE), read once per process: the tagger's
    features and the entity stage's surname and person-share rules share one dict (read-only)."""
    return load_word_counts(MODEL_DIR / name)


def load_features(model_dir: Path, autogaz: bool = True,
                  counts: Callable[[str], dict[str, tuple[int, ...]]] | None = None) -> FeatureExtractor:
    """The feature extractor with the clusters, gazetteer, cues, lexicon, name-likeness table and self-trained name
    counts beside a model; without ``autogaz``, the extractor of the first training stage (no self-trained counts).
    ``counts`` reads a count table by file name (default: from ``model_dir``; ``committed_counts`` shares them).

    A model trained without the lexicon or the name-likeness tables simply lacks those files."""
    read = counts or (lambda name: load_word_counts(model_dir / name))
    return FeatureExtractor(load_clusters(model_dir / CLUSTERS_FILE), read_gazetteer(model_dir / GAZETTEER_FILE),
                            read_cues(model_dir / CUES_FILE), read_lexicon(model_dir / LEXICON_FILE),
                            read(DISTRIB_FILE), read(AUTOGAZ_FILE) if autogaz else {})


class NerTagger:
    """IOB2 tagger over PER/LOC/ORG/MISC; build with ``NerTagger.load()``."""

    def __init__(self, model_path: Path, features: FeatureExtractor) -> None:
        import pycrfsuite

        self.features = features
        self._model_path = model_path
        self._fast = None
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))

    @classmethod
    def load(cls, model_dir: Path | None = None) -> "NerTagger":
        """The tagger for ``model_dir`` (default: the committed model), loaded once per process."""
        d = Path(model_dir or MODEL_DIR).resolve()
        with _lock:
            if d not in _loaded:
                _loaded[d] = cls(d / MODEL_FILE, load_features(d, counts=committed_counts if d == MODEL_DIR else None))
            return _loaded[d]

    def tag_folded(self, folded: Sequence[str]) -> list[str]:
        """Tags for words that are already folded (``Token.norm``)."""
        return self.fast.tag_many([folded])[0] if folded else []

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 tags (B-PER, I-ORG, O, ...) for one sentence of words as written."""
        return self.tag_folded([fold_str(w) for w in words])

    def tag_many(self, sentences: Sequence[Sequence[str]], consistent: bool = True) -> list[list[str]]:
        """Tags for the sentences of one document (words as written), scored and decoded together; with
        ``consistent``, names found in nearby sentences are also tagged where the CRF left them out
        (``consistency.py``)."""
        folded = [[fold_str(w) for w in s] for s in sentences]
        tags = self.fast.tag_many(folded)
        return propagate(folded, tags) if consistent else tags

    def tag_crfsuite(self, folded: Sequence[str]) -> list[str]:
        """The same tags from pycrfsuite itself: the reference the numpy/numba path is tested against."""
        if not folded:
            return []
        return self._tagger.tag(self.features.sentence_features(folded))

    @property
    def fast(self):
        """The numpy decoder over the same weights (marsad.models.ner.fastcrf), built on first use."""
        if self._fast is None:
            from marsad.models.ner.fastcrf import FastCrf

            self._fast = FastCrf(self._model_path, self.features)
        return self._fast

    def tag_doc_tokens(self, doc) -> list[tuple[str, int, int]]:
        """Entity spans ``(type, start_token, end_token)`` (end exclusive) over ``doc.tokens``, per sentence."""
        from marsad.evaluate.ner import chunks

        toks = doc.tokens
        norms = [t.norm for t in toks]
        sent = [t.sentence for t in toks]
        cuts = [k for k in range(1, len(sent)) if sent[k] != sent[k - 1]]
        bounds = list(zip([0, *cuts], [*cuts, len(toks)])) if toks else []
        sents = [norms[a:b] for a, b in bounds]
        all_tags = propagate(sents, self.fast.tag_many(sents))
        spans: list[tuple[str, int, int]] = []
        for (a, _), tags in zip(bounds, all_tags):
            spans.extend((typ, a + s, a + e) for typ, s, e in chunks(tags))
        return spans
