"""Security of the REST API and dashboard: payloads stay data, injection strings stay strings, writes need the key.

The browser half (no dialog fires, no injected element exists) is in test_web_browser.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="fastapi not installed (pip install fastapi httpx)")
pytest.importorskip("httpx", reason="httpx not installed")

from fastapi.testclient import TestClient  # noqa: E402

from marsad.store import Filters, Store  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from web_support import HOSTILE_TEXT, HOSTILE_TITLE, settings, store_file  # noqa: E402

KEY = "s3cret-key"
STATIC = Path(__file__).resolve().parents[1] / "marsad" / "web" / "static"
INJECTIONS = [
    "' OR 1=1 --",
    '"; DROP TABLE documents; --',
    "1; DELETE FROM actors",
    "x' UNION SELECT text, text, text, text, text, text, text, text FROM documents --",
    "%' OR '%'='",
    "') OR ('1'='1",
    '" OR ""="',
    "NEAR(a b) OR * AND stems : x",  # FTS5 query syntax, not just SQL
    "\\'; SELECT 1; --",
]
# Every query parameter of every read endpoint.
ENDPOINT_PARAMS = {
    "/api/v1/documents": ["from", "to", "source", "actor", "country", "event_type", "cluster", "limit", "offset"],
    "/api/v1/search": ["q", "from", "to", "source", "actor", "country", "event_type", "cluster", "limit", "offset"],
    "/api/v1/entities": ["from", "to", "source", "actor", "country", "event_type", "cluster", "type", "limit",
                         "offset"],
    "/api/v1/events": ["from", "to", "source", "actor", "country", "event_type", "cluster", "interval", "summary",
                       "limit", "offset"],
    "/api/v1/quotes": ["from", "to", "source", "actor", "country", "event_type", "cluster", "speaker", "limit",
                       "offset"],
    "/api/v1/clusters": ["min_size", "limit", "offset"],
}
PATH_TEMPLATES = ["/api/v1/documents/{}", "/api/v1/documents/{}/actors", "/api/v1/entities/{}",
                  "/api/v1/clusters/{}"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return store_file(tmp_path_factory.mktemp("sec"), hostile=True)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(str(db), settings(api_key=KEY, max_request_bytes=100_000))) as c:
        yield c


def snapshot(db: Path) -> dict:
    with Store.open(str(db)) as s:
        return {"stats": s.stats(), "ids": sorted(d.id for d in s.iter_documents()),
                "actors": len(s.entities(Filters(), limit=None))}


def test_api_returns_script_payloads_as_plain_data(client):
    d = client.get("/api/v1/documents/hostile").json()
    assert "<script>alert(1)</script>" in d["text"] and "<img src=x onerror=alert(1)>" in d["text"]
    assert d["title"] == HOSTILE_TITLE and d["source"] == "<b>evil</b>"
    assert d["text"] == HOSTILE_TEXT


def test_api_responses_are_json_never_html(client):
    for path in ("/api/v1/documents/hostile", "/api/v1/search?q=المياه", "/api/v1/quotes",
                 "/api/v1/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E"):
        r = client.get(path)
        assert r.headers["content-type"].startswith("application/json"), path
        assert r.headers["x-content-type-options"] == "nosniff"


def test_error_messages_carry_hostile_input_only_inside_json(client):
    r = client.get("/api/v1/documents/<img src=x onerror=alert(1)>")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]["code"] == "M031"


def test_search_snippet_keeps_payload_text_for_the_client_to_escape(client):
    items = client.get("/api/v1/search", params={"q": "المزارعين"}).json()["items"]
    assert items and items[0]["id"] == "hostile"
    for a, b in items[0]["highlights"]:
        assert "<" not in items[0]["snippet"][a:b]


def test_dashboard_code_never_writes_html_strings():
    """Article text must enter the DOM through textContent / text nodes only."""
    sinks = re.compile(r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|"
                       r"createContextualFragment|DOMParser")
    for f in STATIC.glob("js/**/*.js"):
        assert not sinks.search(f.read_text(encoding="utf-8")), f


def test_dashboard_page_is_static_and_contains_no_article_text(client):
    page = client.get("/").text
    assert "alert(1)" not in page and "onerror" not in page


def test_content_security_policy_forbids_inline_script_and_foreign_hosts(client):
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp


@pytest.mark.parametrize("endpoint", sorted(ENDPOINT_PARAMS))
def test_injection_through_every_query_parameter_returns_normal_results_or_400(client, db, endpoint):
    before = snapshot(db)
    for param in ENDPOINT_PARAMS[endpoint]:
        for payload in INJECTIONS:
            r = client.get(endpoint, params={param: payload})
            assert r.status_code in (200, 400), (endpoint, param, payload, r.status_code, r.text[:200])
            body = r.json()
            if r.status_code == 400:
                assert body["error"]["code"] == "M030"
            else:
                # a string that matches nothing finds nothing; it never widens a filter to "everything"
                if param in ("source", "actor", "country", "event_type", "cluster", "speaker"):
                    assert body["items"] == [], (endpoint, param, payload)
    assert snapshot(db) == before


@pytest.mark.parametrize("template", PATH_TEMPLATES)
def test_injection_through_path_parameters_is_404_or_400(client, db, template):
    before = snapshot(db)
    for payload in INJECTIONS:
        r = client.get(template.format(payload.replace("/", "%2F").replace("?", "%3F").replace("#", "%23")))
        assert r.status_code in (400, 404), (template, payload, r.status_code)
        assert r.json()["error"]["code"] in ("M030", "M031")
    assert snapshot(db) == before


def test_injection_through_ingest_fields_is_stored_as_text(tmp_path):
    db = store_file(tmp_path, hostile=True)
    with TestClient(create_app(str(db), settings(api_key=KEY))) as c:
        payload = '"; DROP TABLE documents; --'
        r = c.post("/api/v1/ingest", headers={"X-API-Key": KEY}, json={"documents": [{
            "text": "قال المتحدث باسم الحكومة إن الاجتماع سيعقد غدا في بغداد.", "id": payload, "title": payload,
            "source": "' OR 1=1 --", "published": "2024-01-02"}]})
        assert r.status_code == 201, r.text
        d = c.get("/api/v1/documents/" + payload.replace("/", "%2F")).json()
        assert d["title"] == payload and d["source"] == "' OR 1=1 --"
        assert c.get("/api/v1/stats").json()["documents"] == 6


def test_writes_need_the_configured_key_sent_as_a_header(client, db):
    before = snapshot(db)
    body = {"documents": [{"text": "نص تجريبي قصير عن اجتماع في عمّان."}]}
    for headers in ({}, {"X-API-Key": ""}, {"X-API-Key": KEY + "x"}, {"X-API-Key": KEY[:-1]},
                    {"Authorization": f"Bearer {KEY}"}):
        r = client.post("/api/v1/ingest", json=body, headers=headers)
        assert r.status_code == 401 and r.json()["error"]["code"] == "M032", headers
    assert snapshot(db) == before


def test_read_endpoints_refuse_writes(client):
    for path in ("/api/v1/documents", "/api/v1/documents/hostile", "/api/v1/entities"):
        assert client.post(path, json={}).status_code == 405
        assert client.put(path, json={}).status_code == 405
        assert client.delete(path).status_code == 405


def test_request_size_limit_applies_before_the_key_check(client):
    r = client.post("/api/v1/ingest", json={"documents": [{"text": "ب" * 80_000}]}, headers={"X-API-Key": KEY})
    assert r.status_code == 413 and r.json()["error"]["code"] == "M033"


def test_nul_bytes_in_parameters_are_400(client):
    for params in ({"q": "a\x00b"}, {"source": "a\x00"}, {"speaker": "\x00"}):
        path = "/api/v1/quotes" if "speaker" in params else "/api/v1/search"
        r = client.get(path, params=params)
        assert r.status_code == 400 and r.json()["error"]["code"] == "M030"
