"""The one catalogue of error codes: the same code shows in logs, problems, REST bodies and CLI output."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ErrorCode:
    code: str
    summary: str
    hint: str = ""


CATALOGUE: dict[str, ErrorCode] = {e.code: e for e in (
    ErrorCode("M001", "input file is empty", "check the path or the export that produced it"),
    ErrorCode("M002", "input looks binary, not text", "give Marsad text, HTML, JSON Lines or CSV"),
    ErrorCode("M003", "input was not UTF-8 and was decoded with a detected encoding", ""),
    ErrorCode("M004", "input could not be decoded as text", "convert the file to UTF-8"),
    ErrorCode("M005", "input looks like HTML; markup was removed before analysis", "use `marsad ingest` for web pages"),
    ErrorCode("M006", "text is mostly not Arabic; results will be poor", ""),
    ErrorCode("M007", "input is larger than the configured limit and was truncated", "raise max_chars or split the file"),
    ErrorCode("M008", "file could not be read", "check that it exists and is readable"),
    ErrorCode("M009", "published date is not YYYY-MM-DD", "pass --published 2021-03-03"),
    ErrorCode("M010", "a pipeline stage failed on this document", "report it with the document id"),
    ErrorCode("M011", "pipeline misconfigured: a stage needs something no earlier stage provides", ""),
    ErrorCode("M012", "unknown configuration key", ""),
    ErrorCode("M013", "a record in the input could not be parsed", "fix the line named in the message"),
    ErrorCode("M014", "a model file is missing or unreadable", "reinstall marsad or run `marsad train`"),
    ErrorCode("M020", "store error", ""),
    ErrorCode("M021", "fetch failed", "check the URL; Marsad records the failure and goes on"),
    ErrorCode("M022", "no article text found in the page", ""),
    ErrorCode("M023", "feed could not be parsed", ""),
    ErrorCode("M030", "request not valid", ""),
    ErrorCode("M031", "not found", ""),
    ErrorCode("M032", "write access needs an API key", "set api_key in the configuration and send X-API-Key"),
    ErrorCode("M033", "request too large", ""),
    ErrorCode("M034", "internal server error", "report it with the request path and time; the server log has the trace"),
)}


class MarsadError(Exception):
    """An error with a stable catalogue code."""

    def __init__(self, code: str, message: str = "") -> None:
        entry = CATALOGUE.get(code)
        self.code = code
        self.message = message or (entry.summary if entry else code)
        self.hint = entry.hint if entry else ""
        super().__init__(f"{code}: {self.message}")


def describe(code: str) -> str:
    e = CATALOGUE.get(code)
    return f"{code}: {e.summary}" if e else code
