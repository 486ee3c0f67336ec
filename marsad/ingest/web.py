"""Web input: an article page (main text and metadata by trafilatura) or an RSS/Atom feed (feedparser), whose
items' pages are fetched and extracted in turn. Every failure (HTTP error, timeout, no article, broken feed)
becomes an Item with a problem; nothing here raises for bad input.
"""
from __future__ import annotations

import logging
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Iterator

from marsad.document import Document
from marsad.ingest.decode import decode_web
from marsad.ingest.readers import DEFAULT_MAX_CHARS, Item, _published
from marsad.inputs import prepare

log = logging.getLogger(__name__)

USER_AGENT = "Marsad/0.1 (+https://example.invalid/marsad; Arabic news research)"
MAX_BYTES = 20_000_000
MIN_ARTICLE_CHARS = 40
_FEED_TYPES = ("rss", "atom", "xml")


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    content_type: str
    charset: str | None


def fetch(url: str, timeout: float) -> Fetched | Item:
    """GET ``url``; an Item with problem M021 on HTTP errors, timeouts and refused connections."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read(MAX_BYTES + 1)
            ctype = resp.headers.get_content_type() or ""
            charset = resp.headers.get_content_charset()
            final = resp.geturl()
    except urllib.error.HTTPError as exc:
        return Item.failure(url, "M021", f"{url}: HTTP {exc.code} {exc.reason}")
    except (socket.timeout, TimeoutError):
        return Item.failure(url, "M021", f"{url}: no answer within {timeout:g} s (timeout)")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return Item.failure(url, "M021", f"{url}: no answer within {timeout:g} s (timeout)")
        return Item.failure(url, "M021", f"{url}: {reason}")
    except (OSError, ValueError) as exc:
        return Item.failure(url, "M021", f"{url}: {exc}")
    if len(body) > MAX_BYTES:
        return Item.failure(url, "M021", f"{url}: larger than {MAX_BYTES:,} bytes; not fetched")
    return Fetched(final, body, ctype.lower(), charset)


def looks_like_feed(f: Fetched) -> bool:
    if any(t in f.content_type for t in _FEED_TYPES) and "html" not in f.content_type:
        return True
    head = f.body[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))


def extract_article(html: str, *, url: str | None, origin: str,
                    max_chars: int = DEFAULT_MAX_CHARS, defaults: dict[str, Any] | None = None) -> Item:
    """Main text, title, date and site name of an article page; M022 when the page holds no article."""
    import trafilatura

    try:
        res = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        return Item.failure(origin, "M022", f"{origin}: page could not be parsed ({type(exc).__name__}: {exc})")
    text = (getattr(res, "text", None) or "").strip() if res is not None else ""
    if len(text) < MIN_ARTICLE_CHARS:
        return Item.failure(origin, "M022", f"{origin}: no article text found in the page")
    fields = dict(defaults or {})
    fields.setdefault("title", getattr(res, "title", None) or None)
    fields.setdefault("published", _published(getattr(res, "date", None)))
    fields.setdefault("source", getattr(res, "sitename", None) or getattr(res, "hostname", None) or None)
    fields.setdefault("url", url)
    fields = {k: v for k, v in fields.items() if v is not None}
    doc_id = fields.pop("id", None) or _url_id(url or origin)
    return Item(origin, prepare(text, doc_id=doc_id, max_chars=max_chars, **fields))


def _url_id(url: str) -> str:
    import hashlib

    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def page_item(url: str, *, timeout: float, max_chars: int, defaults: dict[str, Any]) -> Item:
    got = fetch(url, timeout)
    if isinstance(got, Item):
        return got
    text, _enc, problems = decode_web(got.body, got.charset, url)
    if text is None:
        return Item.failure(url, problems[0].code, problems[0].message)
    return extract_article(text, url=got.url, origin=url, max_chars=max_chars, defaults=defaults)


def iter_url(url: str, *, timeout: float = 20.0, max_chars: int = DEFAULT_MAX_CHARS,
             defaults: dict[str, Any] | None = None) -> Iterator[Item]:
    """A page gives one Item; a feed gives one per entry (its page fetched, the entry's own text as fallback)."""
    defaults = dict(defaults or {})
    got = fetch(url, timeout)
    if isinstance(got, Item):
        yield got
        return
    if not looks_like_feed(got):
        text, _enc, problems = decode_web(got.body, got.charset, url)
        if text is None:
            yield Item.failure(url, problems[0].code, problems[0].message)
            return
        yield extract_article(text, url=got.url, origin=url, max_chars=max_chars, defaults=defaults)
        return
    yield from _feed_items(url, got, timeout=timeout, max_chars=max_chars, defaults=defaults)


def _feed_items(url: str, got: Fetched, *, timeout: float, max_chars: int,
                defaults: dict[str, Any]) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(got.body)
    if not feed.entries:
        why = getattr(feed, "bozo_exception", None)
        yield Item.failure(url, "M023", f"{url}: feed could not be parsed" + (f" ({why})" if why else
                                                                               " (no entries)"))
        return
    for n, entry in enumerate(feed.entries, start=1):
        link = entry.get("link")
        meta = dict(defaults)
        if entry.get("title"):
            meta.setdefault("title", entry["title"])
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            meta.setdefault("published", f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}")
        if feed.feed.get("title"):
            meta.setdefault("source", feed.feed["title"])
        if not link:
            yield Item.failure(f"{url}#{n}", "M023", f"{url}: entry {n} has no link")
            continue
        meta.setdefault("url", link)
        item = page_item(link, timeout=timeout, max_chars=max_chars, defaults=meta)
        if item.doc is None:
            summary = _entry_text(entry)
            if len(summary) >= MIN_ARTICLE_CHARS and item.problem and item.problem.code == "M022":
                # The page is a teaser shell; the feed carries the article itself.
                doc = prepare(summary, doc_id=_url_id(link), max_chars=max_chars,
                              **{k: v for k, v in meta.items() if v is not None})
                yield Item(link, doc)
                continue
        yield item


def _entry_text(entry: Any) -> str:
    from marsad.inputs import strip_html

    parts = entry.get("content") or []
    raw = parts[0].get("value", "") if parts else entry.get("summary", "")
    return strip_html(raw or "").strip()


__all__ = ["fetch", "extract_article", "iter_url", "page_item", "Document"]
