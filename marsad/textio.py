"""Decode bytes of unknown encoding into text: UTF-8, UTF-16 (BOM or not), Windows-1256, ISO-8859-6 ..."""
from __future__ import annotations

from pathlib import Path

from marsad.document import Problem

MAX_BYTES_SNIFF = 65536


def _looks_binary(raw: bytes) -> bool:
    head = raw[:MAX_BYTES_SNIFF]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        # UTF-16 without BOM has a zero byte in every other position; binary has them anywhere
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        if max(even, odd) > 0.3 * (len(head) / 2) and min(even, odd) < 0.05 * (len(head) / 2):
            return False
        return True
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl > 0.05 * len(head)


def decode_bytes(raw: bytes, name: str = "<input>") -> tuple[str | None, str | None, list[Problem]]:
    """(text, encoding, problems); text is None when the bytes are not text at all."""
    if not raw.strip():
        return "", "utf-8", [Problem("input", "M001", f"{name}: input is empty")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16", [Problem("input", "M003", f"{name}: decoded as UTF-16")]
    if _looks_binary(raw):
        even, odd = raw[0::2].count(0), raw[1::2].count(0)
        if even or odd:
            enc = "utf-16-le" if odd > even else "utf-16-be"
            try:
                text = raw.decode(enc)
                if sum(c.isprintable() or c.isspace() for c in text[:2000]) > 0.95 * len(text[:2000]):
                    return text, enc, [Problem("input", "M003", f"{name}: decoded as {enc.upper()}")]
            except UnicodeDecodeError:
                pass
        return None, None, [Problem("input", "M002", f"{name}: looks binary, not text")]
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw[: 1 << 20], cp_isolation=["cp1256", "iso8859_6", "utf_16", "cp1252", "latin_1"]).best()
    enc = best.encoding if best is not None else "cp1256"
    # Arabic news that is not UTF-8 is almost always Windows-1256; prefer it when it decodes to Arabic.
    try:
        cp = raw.decode("cp1256")
        if sum("\u0621" <= c <= "\u064a" for c in cp[:4000]) > 0.3 * len(cp[:4000].replace(" ", "")):
            enc = "cp1256"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None, None, [Problem("input", "M004", f"{name}: could not be decoded as text")]
    return text, enc, [Problem("input", "M003", f"{name}: not UTF-8; decoded as {enc}")]


def read_text_file(path: Path) -> tuple[str | None, str | None, list[Problem]]:
    raw = Path(path).read_bytes()
    return decode_bytes(raw, str(path))
