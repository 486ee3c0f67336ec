"""Decoding input files: UTF-8, UTF-16 (with or without BOM), Windows-1256 and friends, binary refused.

The detection itself lives in :mod:`marsad.textio` (shared with ``marsad analyze``); this module is the ingest
side's entry point and adds what web input needs (bytes with a declared charset).
"""
from __future__ import annotations

from pathlib import Path

from marsad.document import Problem
from marsad.textio import decode_bytes, read_text_file as _read

__all__ = ["read_text_file", "decode_bytes", "decode_web"]


def read_text_file(path: str | Path) -> tuple[str | None, str | None, list[Problem]]:
    """``(text, encoding, problems)``; text is None for binary or undecodable files, never raises on content."""
    try:
        return _read(Path(path))
    except OSError as exc:
        return None, None, [Problem("input", "M008", f"{path}: {exc.strerror or exc}")]


def decode_web(raw: bytes, charset: str | None, name: str) -> tuple[str | None, str | None, list[Problem]]:
    """Bytes from HTTP: trust a declared charset that decodes cleanly, else detect."""
    if charset:
        try:
            return raw.decode(charset), charset, []
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_bytes(raw, name)
