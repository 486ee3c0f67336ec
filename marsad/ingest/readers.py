"""Readers: sources (files, folders, JSONL, CSV, URLs) -> a stream of Items, each a document or a failure.

A bad input is an Item with a problem, never an exception: the run reports it and goes on.

Field mapping: a JSONL/CSV record's fields become document fields through a mapping of
``document field -> record field`` (``--map text=content,published=date_extracted``). Fields the mapping does not
name are looked up under their own name; unknown mapped targets go into ``meta``. The ``saudinewsnet`` preset is
``id=id,text=content,title=title,source=source,url=url,published=date_extracted,author=author`` (the crawl date
stands in for the publication date; see ../shared/data/saudinewsnet/README.md).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from marsad.document import Document, Problem
from marsad.ingest.decode import read_text_file
from marsad.inputs import prepare

DOC_FIELDS = ("id", "text", "title", "published", "source", "url")
PRESETS: dict[str, dict[str, str]] = {
    "saudinewsnet": {"id": "id", "text": "content", "title": "title", "source": "source", "url": "url",
                     "published": "date_extracted", "author": "author"},
}
# Tried in order when the mapping does not say where the text is.
TEXT_FALLBACKS = ("text", "content", "body", "article")
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Item:
    """One input: a document ready for analysis, or (doc None) why there is none. ``origin`` says where."""

    origin: str
    doc: Document | None = None
    problem: Problem | None = None

    @classmethod
    def failure(cls, origin: str, code: str, message: str) -> "Item":
        return cls(origin, None, Problem("input", code, message))


def parse_mapping(spec: str | None, preset: str | None = None) -> dict[str, str]:
    """``"text=content,published=date_extracted"`` (on top of a preset) -> {document field: record field}."""
    mapping = dict(PRESETS[preset]) if preset else {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise ValueError(f"--map entry {part.strip()!r} is not FIELD=COLUMN (e.g. text=content)")
        k, v = (s.strip() for s in part.split("=", 1))
        mapping[k] = v
    return mapping


def _published(v: Any) -> str | None:
    if v is None or v == "":
        return None
    s = str(v).strip()
    m = _DATE.match(s)
    return m.group(1) if m else s  # anything else: the pipeline records M009 and ignores it


def record_to_item(rec: dict[str, Any], mapping: dict[str, str], origin: str, max_chars: int,
                   defaults: dict[str, Any] | None = None) -> Item:
    """A JSONL/CSV record -> Item, reporting a missing text field by name."""
    text_key = mapping.get("text") or next((k for k in TEXT_FALLBACKS if k in rec), None)
    if text_key is None or text_key not in rec:
        want = text_key or "|".join(TEXT_FALLBACKS)
        return Item.failure(origin, "M013", f"{origin}: record has no text field {want!r} "
                            f"(fields: {', '.join(sorted(rec)) or 'none'}); map it with --map text=FIELD")
    text = rec.get(text_key)
    if not isinstance(text, str) or not text.strip():
        return Item.failure(origin, "M001", f"{origin}: field {text_key!r} is empty")
    fields: dict[str, Any] = dict(defaults or {})
    meta: list[tuple[str, Any]] = []
    for f in ("id", "title", "published", "source", "url"):
        key = mapping.get(f, f)
        if rec.get(key) not in (None, ""):
            fields[f] = str(rec[key])
    for target, key in mapping.items():
        if target not in DOC_FIELDS and rec.get(key) not in (None, ""):
            meta.append((target, rec[key]))
    fields["published"] = _published(fields.get("published"))
    text = _clean(text)
    doc_id = fields.pop("id", None) or "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    doc = prepare(text, doc_id=doc_id, max_chars=max_chars, **fields)
    if meta:
        doc = doc.evolve(meta=tuple(sorted(doc.meta + tuple(meta))))
    return Item(origin, doc)


def _clean(text: str) -> str:
    # NUL cannot be stored in PostgreSQL text and never carries meaning in an article.
    return text.replace("\x00", "")


def read_jsonl(path: Path, mapping: dict[str, str], max_chars: int, defaults: dict[str, Any]) -> Iterator[Item]:
    """JSON Lines (or one JSON array); a broken line is reported with its number and the rest is read."""
    with path.open("rb") as fh:
        head = fh.read(64).lstrip()
    if head.startswith(b"["):
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            yield Item.failure(str(path), "M013", f"{path}: not valid JSON: {exc}")
            return
        for n, rec in enumerate(records, start=1):
            origin = f"{path}#{n}"
            if not isinstance(rec, dict):
                yield Item.failure(origin, "M013", f"{origin}: element is not a JSON object")
                continue
            yield record_to_item(rec, mapping, origin, max_chars, defaults)
        return
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            origin = f"{path}:{n}"
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield Item.failure(origin, "M004", f"{origin}: line is not UTF-8; convert the file to UTF-8")
                continue
            except ValueError as exc:
                yield Item.failure(origin, "M013", f"{origin}: not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(rec, dict):
                yield Item.failure(origin, "M013", f"{origin}: line is not a JSON object")
                continue
            yield record_to_item(rec, mapping, origin, max_chars, defaults)


def read_csv(path: Path, mapping: dict[str, str], max_chars: int, defaults: dict[str, Any]) -> Iterator[Item]:
    """CSV/TSV with a header row; a missing text column fails the file once, with the columns it has."""
    text, _enc, problems = read_text_file(path)
    if text is None:
        p = problems[0] if problems else Problem("input", "M004", f"{path}: could not be read")
        yield Item.failure(str(path), p.code, p.message)
        return
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    delim = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delim)
    cols = reader.fieldnames or []
    text_col = mapping.get("text") or next((c for c in TEXT_FALLBACKS if c in cols), None)
    if text_col is None or text_col not in cols:
        want = text_col or "|".join(TEXT_FALLBACKS)
        yield Item.failure(str(path), "M013", f"{path}: CSV has no column {want!r} for the text "
                           f"(columns: {', '.join(cols) or 'none'}); map it with --map text=COLUMN")
        return
    try:
        for n, row in enumerate(reader, start=2):
            origin = f"{path}:{n}"
            rec = {k: v for k, v in row.items() if k is not None}
            yield record_to_item(rec, {**mapping, "text": text_col}, origin, max_chars, defaults)
    except csv.Error as exc:
        yield Item.failure(f"{path}:{reader.line_num}", "M013", f"{path}:{reader.line_num}: CSV error: {exc}")


def read_text(path: Path, max_chars: int, defaults: dict[str, Any], root: Path | None = None) -> Item:
    """A plain-text or HTML article file (any common encoding)."""
    text, enc, problems = read_text_file(path)
    if text is None:
        p = problems[0]
        return Item.failure(str(path), p.code, p.message)
    text = _clean(text)
    fields = dict(defaults)
    if path.suffix.lower() in HTML_SUFFIXES:
        from marsad.ingest.web import extract_article

        art = extract_article(text, url=fields.get("url"), origin=str(path))
        if art.doc is None:
            return art
        d = art.doc
        for f in ("title", "published", "source", "url"):
            if fields.get(f) is None and getattr(d, f) is not None:
                fields[f] = getattr(d, f)
        text = d.text
    if not text.strip():
        return Item.failure(str(path), "M001", f"{path}: file has no text")
    rel = path.relative_to(root) if root else Path(path.name)
    doc_id = str(rel.with_suffix("")).replace("/", "-") or path.stem
    return Item(str(path), prepare(text, doc_id=doc_id, max_chars=max_chars, encoding=enc,
                                   problems=tuple(problems), **fields))


def iter_items(sources: Iterable[str], *, mapping: dict[str, str] | None = None, max_chars: int = DEFAULT_MAX_CHARS,
               defaults: dict[str, Any] | None = None, timeout: float = 20.0, fmt: str | None = None) -> Iterator[Item]:
    """Every input in ``sources`` (paths, folders recursively, http(s) URLs of pages or feeds), lazily."""
    mapping = mapping or {}
    defaults = {k: v for k, v in (defaults or {}).items() if v is not None}
    for src in sources:
        if src.startswith(("http://", "https://")):
            from marsad.ingest.web import iter_url

            yield from iter_url(src, timeout=timeout, max_chars=max_chars, defaults=defaults)
            continue
        path = Path(src)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))):
                yield from _read_file(f, mapping, max_chars, defaults, fmt, root=path)
        elif path.exists():
            yield from _read_file(path, mapping, max_chars, defaults, fmt)
        else:
            yield Item.failure(src, "M008", f"{src}: no such file, folder or URL")


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _read_file(path: Path, mapping: dict[str, str], max_chars: int, defaults: dict[str, Any], fmt: str | None,
               root: Path | None = None) -> Iterator[Item]:
    kind = fmt or _kind(path)
    if kind == "jsonl":
        yield from read_jsonl(path, mapping, max_chars, defaults)
    elif kind == "csv":
        yield from read_csv(path, mapping, max_chars, defaults)
    else:
        yield read_text(path, max_chars, defaults, root)


def _kind(path: Path) -> str:
    s = path.suffix.lower()
    if s in JSONL_SUFFIXES:
        return "jsonl"
    if s in CSV_SUFFIXES:
        return "csv"
    return "text"
