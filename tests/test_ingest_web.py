"""Pages and feeds are fetched from a local server on 127.0.0.1; every failure is a per-item problem."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from handmade import HEALTH, HUSSEIN, KADHIMI, KUWAIT, UN_AID
from marsad.ingest.readers import iter_items
from marsad.ingest.runner import ingest
from marsad.pipeline import Pipeline
from marsad.store import Filters, Store


def page(title: str, *paras: str, date: str = "2021-03-03") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{date}"></head><body><nav>الرئيسية</nav>'
            f"<article><h1>{title}</h1>{body}</article><footer>جميع الحقوق محفوظة</footer></body></html>")


def rss(base: str) -> str:
    items = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>{d}</pubDate>"
        f"<description>{desc}</description></item>"
        for t, p, d, desc in [
            ("الكاظمي", "/a1", "Wed, 03 Mar 2021 10:00:00 GMT", ""),
            ("الموصل", "/a2", "Thu, 01 Apr 2021 08:00:00 GMT", ""),
            ("مفقود", "/gone", "Fri, 02 Apr 2021 08:00:00 GMT", ""),
            ("ملخص", "/shell", "Sat, 03 Apr 2021 08:00:00 GMT", HEALTH + " " + KUWAIT),
        ])
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>صحيفة الاختبار</title>'
            f"<link>{base}/</link><description>اختبار</description>{items}</channel></rss>")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/a1": ("text/html; charset=utf-8", page("الكاظمي يتحدث", KADHIMI, HUSSEIN)),
            "/a2": ("text/html; charset=utf-8", page("المساعدات تصل الموصل", UN_AID, KUWAIT, date="2021-04-01")),
            "/shell": ("text/html; charset=utf-8", "<html><body><nav>الرئيسية</nav></body></html>"),
            "/empty": ("text/html; charset=utf-8", "<html><body><div>صفحة</div></body></html>"),
            "/feed": ("application/rss+xml", rss(base)),
            "/broken-feed": ("application/rss+xml", "<?xml version='1.0'?><rss><channel><item><title>x"),
            "/cp1256": ("text/html", None),
        }
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/cp1256":
            body = page("خبر", KADHIMI, UN_AID).replace('<meta charset="utf-8">', "").encode("cp1256")
            ctype = "text/html"
        elif self.path in routes:
            ctype, text = routes[self.path]
            body = text.encode("utf-8")
        else:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the timeout test hangs up on /slow on purpose; the broken pipe that follows is expected


@pytest.fixture(scope="module")
def server():
    srv = QuietServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()


def one(url, **kw):
    return list(iter_items([url], timeout=kw.pop("timeout", 5), **kw))


def test_web_extracts_article_text_title_and_date_from_a_page(server):
    (it,) = one(server + "/a1")
    d = it.doc
    assert KADHIMI in d.text and "الرئيسية" not in d.text and "محفوظة" not in d.text
    assert d.title == "الكاظمي يتحدث" and d.published == "2021-03-03" and d.url == server + "/a1"


def test_web_reports_a_404_a_timeout_and_a_page_without_an_article(server):
    (nf,) = one(server + "/nothing-here")
    assert nf.problem.code == "M021" and "404" in nf.problem.message
    (slow,) = one(server + "/slow", timeout=0.5)
    assert slow.problem.code == "M021" and "timeout" in slow.problem.message
    (empty,) = one(server + "/empty")
    assert empty.problem.code == "M022"
    (refused,) = one("http://127.0.0.1:9/", timeout=2)
    assert refused.problem.code == "M021"


def test_web_decodes_a_windows_1256_page_without_a_declared_charset(server):
    (it,) = one(server + "/cp1256")
    assert KADHIMI in it.doc.text


def test_web_follows_feed_items_and_goes_on_after_a_missing_page(server):
    got = one(server + "/feed")
    assert len(got) == 4
    a1, a2, gone, shell = got
    assert KADHIMI in a1.doc.text and a1.doc.source == "صحيفة الاختبار" and a1.doc.title == "الكاظمي"
    assert UN_AID in a2.doc.text and a2.doc.published == "2021-04-01"
    assert gone.doc is None and "404" in gone.problem.message
    assert shell.doc.text.startswith(HEALTH)  # the page is an empty shell: the feed's own text is used


def test_web_reports_a_malformed_feed(server):
    (it,) = one(server + "/broken-feed")
    assert it.problem.code == "M023" and "feed" in it.problem.message


def test_web_ingest_of_a_feed_stores_the_good_items_and_records_the_failures(server, tmp_path):
    store = Store.open(tmp_path / "w.db")
    items = iter_items([server + "/feed", server + "/broken-feed"], timeout=5)
    rep = ingest(store, items, pipeline=Pipeline([]), clusters=None)
    assert (rep.added, rep.failed) == (3, 2) and not rep.ok
    assert {r["code"] for r in store.rows("SELECT code FROM ingest_failures")} == {"M021", "M023"}
    assert [h["title"] for h in store.search("الموصل", Filters())] == ["الموصل"]
    again = ingest(store, iter_items([server + "/feed"], timeout=5), pipeline=Pipeline([]), clusters=None)
    assert (again.added, again.duplicates) == (0, 3)
