"""Turn a file or a stream into a Document ready for analysis, recording what was wrong with the input."""
from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from marsad.arabic.normalize import arabic_ratio
from marsad.document import Document, Problem

_TAG = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<[^>]{1,2000}>", re.S | re.I)
_HTMLISH = re.compile(r"<(?:html|body|div|p|br|span|head|!doctype)\b", re.I)
_BLOCK = re.compile(r"<(?:/p|br\s*/?|/div|/h\d|/li|/tr)\s*>", re.I)


def strip_html(text: str) -> str:
    """Markup removed, block ends kept as line breaks, entities unescaped."""
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def prepare(text: str, *, doc_id: str, max_chars: int, encoding: str | None = None,
            problems: tuple[Problem, ...] = (), **meta) -> Document:
    """A Document from raw text: HTML stripped, size limited, non-Arabic flagged."""
    probs = list(problems)
    if _HTMLISH.search(text[:5000]):
        text = strip_html(text)
        probs.append(Problem("input", "M005", "input looks like HTML; markup was removed before analysis"))
    if len(text) > max_chars:
        probs.append(Problem("input", "M007", f"input has {len(text):,} characters; analysed the first {max_chars:,}"))
        cut = text.rfind("\n", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars]
    if not text.strip():
        probs.append(Problem("input", "M001", "no text to analyse"))
    elif arabic_ratio(text) < 0.5:
        probs.append(Problem("input", "M006", f"only {arabic_ratio(text):.0%} of letters are Arabic"))
    info = (("encoding", encoding),) if encoding else ()
    return Document(id=doc_id, text=text, problems=tuple(probs), meta=info,
                    **{k: v for k, v in meta.items() if v is not None})


def document_from_file(path: Path, *, max_chars: int, doc_id: str | None = None, **meta) -> Document:
    """Read and decode ``path`` (UTF-8, UTF-16, Windows-1256 ...); never raises for bad content."""
    from marsad.textio import read_text_file

    did = doc_id or path.stem or hashlib.sha1(str(path).encode()).hexdigest()[:12]
    try:
        text, encoding, problems = read_text_file(path)
    except OSError as exc:
        return Document(id=did, text="", problems=(Problem("input", "M008", f"{path}: {exc.strerror or exc}"),))
    if text is None:
        return Document(id=did, text="", problems=tuple(problems))
    return prepare(text, doc_id=did, max_chars=max_chars, encoding=encoding, problems=tuple(problems), **meta)
