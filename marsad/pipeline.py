"""Build the stage list, check what each stage requires and provides, and run documents through it."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from marsad.document import Document
from marsad.errors import MarsadError

log = logging.getLogger(__name__)

INITIAL = frozenset({"text", "published", "source", "url", "title"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Stage:
    """A named document -> document function with declared needs."""

    name: str
    func: Callable[[Document], Document]
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


def stage(name: str, requires: tuple[str, ...] = (), provides: tuple[str, ...] = ()):
    """Decorator turning a plain function into a :class:`Stage`."""

    def wrap(func: Callable[[Document], Document]) -> Stage:
        return Stage(name, func, requires, provides)

    return wrap


class Pipeline:
    """An ordered, checked list of stages; models are loaded once when the pipeline is built."""

    def __init__(self, stages: Iterable[Stage]) -> None:
        self.stages = tuple(stages)
        have = set(INITIAL)
        for st in self.stages:
            missing = [r for r in st.requires if r not in have]
            if missing:
                raise MarsadError("M011", f"stage {st.name!r} requires {missing}, which no earlier stage provides")
            have.update(st.provides)
        self.provides = frozenset(have)

    def run(self, doc: Document, *, strict: bool = False) -> Document:
        for st in self.stages:
            try:
                doc = st(doc)
            except Exception as exc:  # a failing document is data, not a crash (batch path)
                if strict:
                    raise
                # one line per document; the traceback only at debug level, or a bad batch floods the log
                log.warning("stage %s failed on %s: %s: %s", st.name, doc.id, type(exc).__name__, exc)
                log.debug("traceback", exc_info=True)
                doc = doc.with_problem(st.name, "M010", f"{type(exc).__name__}: {exc}")
        return doc

    def analyze_many(self, items: Iterable[Any]) -> Iterator[Document]:
        """Analyze documents lazily (flat memory); stage errors become problems on the document."""
        for i, item in enumerate(items):
            yield self.run(as_document(item, default_id=f"doc-{i + 1}"))

    def analyze(self, item: Any, **meta: Any) -> Document:
        """Analyze one document; a stage error raises."""
        return self.run(as_document(item, default_id="doc-1", **meta), strict=True)


def as_document(item: Any, default_id: str = "doc-1", **meta: Any) -> Document:
    if isinstance(item, Document):
        doc = item
    elif isinstance(item, str):
        doc = Document(id=meta.pop("id", None) or default_id, text=item)
    elif isinstance(item, dict):
        known = {k: item.get(k) for k in ("id", "text", "published", "source", "url", "title")}
        known["id"] = known["id"] or default_id
        if known["text"] is None:
            raise MarsadError("M013", "record has no 'text' field")
        doc = Document(**known)
    else:
        raise TypeError(f"cannot analyze {type(item).__name__}")
    if meta:
        doc = doc.evolve(**{k: v for k, v in meta.items() if v is not None})
    if doc.published is not None and not _DATE.match(doc.published):
        if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", doc.published):
            doc = doc.evolve(published=doc.published[:10])
        else:
            doc = doc.evolve(published=None).with_problem("input", "M009", f"published={doc.published!r} ignored")
    return doc


_DEFAULT: Pipeline | None = None


def default_stages() -> list[Stage]:
    from marsad.stages import registry

    return registry.default_stages()


def load_pipeline(stages: Iterable[Stage] | None = None) -> Pipeline:
    """The full pipeline (or the given stages), built and checked."""
    return Pipeline(default_stages() if stages is None else stages)


def _default() -> Pipeline:
    global _DEFAULT  # one loaded pipeline per process: models load once, never per document
    if _DEFAULT is None:
        _DEFAULT = load_pipeline()
    return _DEFAULT


def analyze(text_or_doc: Any, **meta: Any) -> Document:
    return _default().analyze(text_or_doc, **meta)


def analyze_many(items: Iterable[Any]) -> Iterator[Document]:
    return _default().analyze_many(items)
