"""ASGI middleware: request-size limits and security headers, applied before any route runs.

Pure ASGI (not BaseHTTPMiddleware) so a too-large body is refused while it streams in, without buffering it.
"""
from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

from marsad.errors import CATALOGUE

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

MAX_QUERY_BYTES = 4096
# The dashboard loads only its own files; inline scripts and styles are refused even if text ever escaped.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def error_body(code: str, message: str) -> bytes:
    entry = CATALOGUE.get(code)
    err = {"code": code, "message": message}
    if entry and entry.hint:
        err["hint"] = entry.hint
    return json.dumps({"error": err}, ensure_ascii=False).encode("utf-8")


async def send_error(send: Send, status: int, code: str, message: str) -> None:
    body = error_body(code, message)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class SizeLimit:
    """Refuse bodies over ``max_bytes`` (413, M033) by Content-Length or while streaming, and long query strings."""

    def __init__(self, app: Any, max_bytes: int, max_query: int = MAX_QUERY_BYTES) -> None:
        self.app, self.max_bytes, self.max_query = app, max_bytes, max_query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query:
            await send_error(send, 414, "M033", f"query string is longer than {self.max_query} bytes")
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await send_error(send, 400, "M030", "Content-Length is not a number")
                    return
                if length > self.max_bytes:
                    await send_error(send, 413, "M033", f"request body is {length} bytes; the limit is {self.max_bytes}")
                    return
        seen = 0
        started = over = False

        async def counted_receive() -> dict[str, Any]:
            nonlocal seen, over
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    over = True
                    raise _TooLarge()
            return msg

        async def watched_send(msg: dict[str, Any]) -> None:
            # A framework that catches the body error answers 400; the client is told the real reason instead.
            nonlocal started
            if over:
                if msg["type"] == "http.response.start" and not started:
                    started = True
                    await send_error(send, 413, "M033", f"request body is over the limit of {self.max_bytes} bytes")
                return
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLarge:
            if not started:
                await send_error(send, 413, "M033", f"request body is over the limit of {self.max_bytes} bytes")


class SecurityHeaders:
    """Adds CSP and friends to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(msg: dict[str, Any]) -> None:
            if msg["type"] == "http.response.start":
                names = {n for n, _ in msg.get("headers", [])}
                msg = {**msg, "headers": [*msg.get("headers", []),
                                          *(h for h in SECURITY_HEADERS if h[0] not in names)]}
            await send(msg)

        await self.app(scope, receive, with_headers)
