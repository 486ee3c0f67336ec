"""REST API v1 in process (FastAPI TestClient) against a temporary store built from the example articles."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="fastapi not installed (pip install fastapi httpx)")
pytest.importorskip("httpx", reason="httpx not installed")

from fastapi.testclient import TestClient  # noqa: E402

from marsad.store import Store  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from web_support import settings, store_file  # noqa: E402

KEY = "test-key-123"
STATIC = Path(__file__).resolve().parents[1] / "marsad" / "web" / "static"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return store_file(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(str(db), settings(api_key=KEY, max_request_bytes=200_000))) as c:
        yield c


@pytest.fixture()
def writable(tmp_path):
    """A client over a private copy of the store, for tests that write."""
    with TestClient(create_app(str(store_file(tmp_path)), settings(api_key=KEY, max_request_bytes=200_000))) as c:
        yield c


def ids(resp) -> list[str]:
    return [r["id"] for r in resp.json()["items"]]


def assert_error(resp, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert body["error"]["code"] == code and body["error"]["message"]


# ---- documents -------------------------------------------------------------------------------------------------
def test_openapi_document_lists_every_endpoint(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for p in ("/api/v1/documents", "/api/v1/documents/{doc_id}", "/api/v1/search", "/api/v1/entities",
              "/api/v1/entities/{actor_id}", "/api/v1/events", "/api/v1/quotes", "/api/v1/clusters",
              "/api/v1/clusters/{cluster_id}", "/api/v1/analyze", "/api/v1/ingest"):
        assert p in paths


def test_documents_are_listed_newest_first(client):
    r = client.get("/api/v1/documents")
    assert r.status_code == 200
    dates = [d["published"] for d in r.json()["items"]]
    assert len(dates) == 4 and dates == sorted(dates, reverse=True)


def test_documents_paginate_without_overlap(client):
    first = client.get("/api/v1/documents", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    second = client.get("/api/v1/documents", params={"limit": 2, "offset": 2}).json()
    assert len(second["items"]) == 2 and second["next_offset"] is None
    assert not set(i["id"] for i in first["items"]) & set(i["id"] for i in second["items"])


@pytest.mark.parametrize("params,expected", [
    ({"from": "2024-03-01", "to": "2024-07-31"}, {"geneva-yemen", "basra-protest"}),
    ({"from": "2024-09"}, {"amman-water-talks"}),
    ({"to": "2024-02"}, {"riyadh-summit"}),
    ({"source": "examples"}, {"amman-water-talks", "basra-protest", "geneva-yemen", "riyadh-summit"}),
    ({"source": "nowhere"}, set()),
    ({"actor": "أيمن الصفدي"}, {"amman-water-talks"}),
    ({"actor": "Ayman Safadi"}, {"amman-water-talks"}),
    ({"country": "YEM"}, {"geneva-yemen"}),
    ({"country": "irq"}, {"basra-protest"}),
])
def test_documents_filter_like_the_cli(client, params, expected):
    r = client.get("/api/v1/documents", params=params)
    assert r.status_code == 200, r.text
    assert set(ids(r)) == expected


def test_documents_filter_by_event_type_when_events_exist(client):
    events = client.get("/api/v1/events", params={"limit": 200}).json()["items"]
    if not events:
        pytest.skip("this pipeline codes no events")
    kind = events[0]["type"]
    want = {e["doc_id"] for e in events if e["type"] == kind}
    assert set(ids(client.get("/api/v1/documents", params={"event_type": kind}))) == want


def test_document_is_the_marsad1_record_with_valid_offsets(client):
    d = client.get("/api/v1/documents/geneva-yemen").json()
    assert d["schema"] == "marsad/1" and d["id"] == "geneva-yemen" and d["published"] == "2024-03-06"
    text = d["text"]
    for e in d["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert d["quotes"] and all(text[q["start"]:q["end"]] == q["text"] for q in d["quotes"])


def test_document_unknown_id_is_a_404_json_error(client):
    assert_error(client.get("/api/v1/documents/no-such-doc"), 404, "M031")


def test_document_actors_link_every_entity_to_the_registry(client):
    links = client.get("/api/v1/documents/amman-water-talks/actors").json()
    doc = client.get("/api/v1/documents/amman-water-talks").json()
    assert set(links) == {e["id"] for e in doc["entities"]}
    assert all(isinstance(v, int) for v in links.values())


# ---- search ----------------------------------------------------------------------------------------------------
def test_search_finds_a_name_and_marks_it_in_the_snippet(client):
    r = client.get("/api/v1/search", params={"q": "الصفدي"}).json()
    assert [i["id"] for i in r["items"]] == ["amman-water-talks"]
    hit = r["items"][0]
    marked = [hit["snippet"][a:b] for a, b in hit["highlights"]]
    assert marked and all("الصفدي" in m for m in marked)


def test_search_matches_clitic_forms_and_folded_letters(client):
    # الهدنة appears with the article; a search without it (and with ه for ة) still finds the story.
    assert "geneva-yemen" in ids(client.get("/api/v1/search", params={"q": "هدنه"}))


def test_search_exact_phrase_and_filters_combine(client):
    assert ids(client.get("/api/v1/search", params={"q": '"وزير الخارجية"', "country": "YEM"})) == ["geneva-yemen"]


def test_search_without_query_lists_documents(client):
    assert len(ids(client.get("/api/v1/search"))) == 4


# ---- entities --------------------------------------------------------------------------------------------------
def test_entities_list_the_registry_with_counts_and_type_filter(client):
    people = client.get("/api/v1/entities", params={"type": "PER", "limit": 100}).json()["items"]
    assert people and all(p["type"] == "PER" for p in people)
    assert {"أيمن الصفدي", "سامح شكري"} <= {p["name"] for p in people}
    assert all(p["documents"] >= 1 for p in people)


def test_entities_paginate(client):
    a = client.get("/api/v1/entities", params={"limit": 3}).json()
    b = client.get("/api/v1/entities", params={"limit": 3, "offset": 3}).json()
    assert a["next_offset"] == 3 and len(a["items"]) == 3
    assert not {x["actor_id"] for x in a["items"]} & {x["actor_id"] for x in b["items"]}


def _actor_id(client, name: str) -> int:
    for e in client.get("/api/v1/entities", params={"limit": 200}).json()["items"]:
        if e["name"] == name:
            return e["actor_id"]
    raise AssertionError(f"{name} not in the registry")


def test_entity_page_has_aliases_roles_country_quotes_and_co_actors(client):
    a = client.get(f"/api/v1/entities/{_actor_id(client, 'أيمن الصفدي')}").json()
    assert a["name_en"] == "Ayman Safadi" and a["country"] == "JOR" and a["type"] == "PER"
    assert {"أيمن الصفدي", "الصفدي"} <= {x["text"] for x in a["aliases"]}
    assert "وزير الخارجية" in {x["role"] for x in a["roles"]}
    assert a["quotes"] and all(q["doc_id"] == "amman-water-talks" for q in a["quotes"])
    assert "سامح شكري" in {c["name"] for c in a["co_actors"]}
    assert a["recent_documents"][0]["id"] == "amman-water-talks"


def test_entity_timeline_counts_events_by_quad_class(client):
    events = client.get("/api/v1/events", params={"limit": 200}).json()["items"]
    named = [e for e in events if e["actor"]]
    if not named:
        pytest.skip("this pipeline codes no events with actors")
    actor = named[0]["actor"]
    a = client.get(f"/api/v1/entities/{_actor_id(client, actor)}").json()
    total = sum(sum(m["quad"].values()) for m in a["timeline"])
    assert total == sum(1 for e in events if actor in (e["actor"], e["recipient"]))


def test_entity_unknown_is_404_and_non_numeric_is_400(client):
    assert_error(client.get("/api/v1/entities/999999"), 404, "M031")
    assert_error(client.get("/api/v1/entities/abc"), 400, "M030")


# ---- events, quotes, clusters ----------------------------------------------------------------------------------
def test_events_come_with_counts_over_time_and_map_points(client):
    r = client.get("/api/v1/events", params={"limit": 5, "interval": "month"}).json()
    s = r["summary"]
    assert s["interval"] == "month"
    assert sum(c["total"] for c in s["counts"]) == s["total"]
    assert all(re.fullmatch(r"\d{4}-\d{2}|unknown", c["period"]) for c in s["counts"])
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in s["locations"])
    assert len(r["items"]) <= 5


def test_events_filter_by_type_keeps_only_that_type(client):
    events = client.get("/api/v1/events", params={"limit": 200}).json()["items"]
    if not events:
        pytest.skip("this pipeline codes no events")
    kind = events[0]["type"]
    got = client.get("/api/v1/events", params={"event_type": kind, "limit": 200}).json()
    assert got["items"] and all(e["type"] == kind for e in got["items"])
    assert got["summary"]["total"] == len(got["items"])


def test_quotes_filter_by_speaker(client):
    r = client.get("/api/v1/quotes", params={"speaker": "أحمد عوض بن مبارك"}).json()["items"]
    assert r and all(q["doc_id"] == "geneva-yemen" for q in r)
    everyone = client.get("/api/v1/quotes", params={"limit": 200}).json()["items"]
    assert len(everyone) > len(r)


def test_clusters_list_and_one_story_with_its_outlets(client):
    listed = client.get("/api/v1/clusters", params={"min_size": 1}).json()["items"]
    assert {c["id"] for c in listed} >= {"geneva-yemen", "riyadh-summit"}
    one = client.get("/api/v1/clusters/geneva-yemen").json()
    assert one["size"] == 1 and one["outlets"] == [{"source": "examples", "count": 1}]
    assert one["documents"][0]["id"] == "geneva-yemen"
    assert_error(client.get("/api/v1/clusters/nothing-here"), 404, "M031")


# ---- invalid requests ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("params", [
    {"from": "2024-13-01"}, {"to": "yesterday"}, {"from": "2024-02-30"}, {"from": "2024-05-01", "to": "2024-04-01"},
    {"limit": 0}, {"limit": 1000}, {"offset": -1}, {"limit": "ten"},
])
def test_malformed_parameters_are_400_with_code_m030(client, params):
    assert_error(client.get("/api/v1/documents", params=params), 400, "M030")


# /search reads its parameters in one pydantic call (search_params); /documents still declares them one by one to
# FastAPI. The same malformed query string must get the same status and error message from both.
@pytest.mark.parametrize("query", [
    "limit=0", "limit=201", "limit=ten", "limit=", "limit=1.5", "offset=-1", "offset=10001", "from=2024-13",
    "from=abcd", "from=2024-02-30", "to=2023&from=2024", "from=12345678901", "source=%00", "from=bad&limit=0",
    "from=12345678901&limit=0&offset=-1", "to=12345678901&actor=" + "a" * 201 + "&cluster=" + "c" * 201,
    "limit=5&limit=500", "country=" + "x" * 201 + "&limit=0",
])
def test_search_parameter_errors_match_the_declared_parameters_of_documents(client, query):
    declared = client.get("/api/v1/documents?" + query)
    parsed = client.get("/api/v1/search?" + query)
    assert declared.status_code == 400 and declared.json()["error"]["code"] == "M030", declared.text
    assert (parsed.status_code, parsed.json()) == (declared.status_code, declared.json())


def test_search_reads_repeated_and_unknown_parameters_as_fastapi_does(client):
    got = client.get("/api/v1/search?limit=500&limit=1&unknown=3&from_=junk&q=%D9%82%D8%A7%D9%84").json()
    assert got["limit"] == 1 and got["q"] == "قال"
    assert_error(client.get("/api/v1/search", params={"q": "x" * 501, "limit": 0}), 400, "M030")
    msg = client.get("/api/v1/search", params={"q": "x" * 501, "limit": 0}).json()["error"]["message"]
    assert msg == "limit: Input should be greater than or equal to 1; q: String should have at most 500 characters"


def test_openapi_documents_every_search_parameter(client):
    spec = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/search"]["get"]["parameters"]
    by_name = {p["name"]: p for p in spec}
    assert list(by_name) == ["q", "from", "to", "source", "actor", "country", "event_type", "cluster", "limit",
                             "offset"]
    assert all(p["in"] == "query" and p["required"] is False for p in spec)
    assert by_name["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200, "default": 20,
                                          "title": "Limit"}
    assert by_name["from"]["schema"]["anyOf"][0] == {"type": "string", "maxLength": 10}
    assert by_name["q"]["schema"]["maxLength"] == 500


def test_unknown_enum_values_are_400(client):
    assert_error(client.get("/api/v1/entities", params={"type": "XYZ"}), 400, "M030")
    assert_error(client.get("/api/v1/events", params={"interval": "week"}), 400, "M030")


def test_unknown_path_is_a_json_404_and_wrong_method_a_json_405(client):
    assert_error(client.get("/api/v1/nothing"), 404, "M031")
    assert_error(client.delete("/api/v1/documents"), 405, "M030")


# ---- analyse and ingest ----------------------------------------------------------------------------------------
ARTICLE = ("عمّان - استقبل وزير الخارجية الأردني أيمن الصفدي في عمّان يوم الأحد نظيره العراقي. "
           "وقال الصفدي في مؤتمر صحفي: \"نعمل معا من أجل أمن المنطقة\".")


def test_analyze_returns_a_record_and_stores_nothing(client):
    before = client.get("/api/v1/stats").json()["documents"]
    r = client.post("/api/v1/analyze", json={"text": ARTICLE, "published": "2024-05-05", "id": "probe"})
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["schema"] == "marsad/1" and d["id"] == "probe" and d["text"] == ARTICLE
    assert any(e["name_en"] == "Ayman Safadi" for e in d["entities"])
    assert client.get("/api/v1/stats").json()["documents"] == before


def test_analyze_rejects_a_missing_text_and_a_bad_date(client):
    assert_error(client.post("/api/v1/analyze", json={"title": "x"}), 400, "M030")
    assert_error(client.post("/api/v1/analyze", json={"text": ARTICLE, "published": "5/5/2024"}), 400, "M030")
    assert_error(client.post("/api/v1/analyze", content=b"not json", headers={"content-type": "application/json"}),
                 400, "M030")


def test_ingest_needs_the_api_key(client):
    body = {"documents": [{"text": ARTICLE}]}
    assert_error(client.post("/api/v1/ingest", json=body), 401, "M032")
    assert_error(client.post("/api/v1/ingest", json=body, headers={"X-API-Key": "wrong"}), 401, "M032")
    assert_error(client.post("/api/v1/ingest", json=body, params={"api_key": KEY}), 401, "M032")


def test_ingest_is_refused_when_no_key_is_configured(db):
    with TestClient(create_app(str(db), settings(api_key=""))) as c:
        assert_error(c.post("/api/v1/ingest", json={"documents": [{"text": ARTICLE}]},
                            headers={"X-API-Key": ""}), 403, "M032")


def test_ingest_with_the_key_stores_once_and_is_searchable(writable):
    body = {"documents": [{"text": ARTICLE, "id": "new-one", "title": "لقاء في عمّان", "published": "2024-05-05",
                           "source": "test"}]}
    assert "new-one" not in ids(writable.get("/api/v1/search", params={"q": "أمن المنطقة"}))  # now cached
    r = writable.post("/api/v1/ingest", json=body, headers={"X-API-Key": KEY})
    assert r.status_code == 201, r.text
    assert r.json()["added"] == ["new-one"] and r.json()["report"]["added"] == 1
    assert writable.get("/api/v1/documents/new-one").json()["source"] == "test"
    assert "new-one" in ids(writable.get("/api/v1/search", params={"q": "أمن المنطقة"}))
    again = writable.post("/api/v1/ingest", json=body, headers={"X-API-Key": KEY})
    assert again.status_code == 200 and again.json()["report"]["duplicates"] == 1
    assert writable.get("/api/v1/stats").json()["documents"] == 5


# ---- limits ----------------------------------------------------------------------------------------------------
def test_body_over_the_limit_is_413_by_content_length(client):
    big = {"text": "ا" * 150_000}
    assert_error(client.post("/api/v1/analyze", json=big), 413, "M033")


def test_body_over_the_limit_is_413_when_streamed_without_length(client):
    def chunks():
        yield b'{"text": "'
        for _ in range(30):
            yield b"x" * 10_000
        yield b'"}'

    assert_error(client.post("/api/v1/analyze", content=chunks(), headers={"content-type": "application/json"}),
                 413, "M033")


def test_query_string_over_the_limit_is_refused(client):
    assert_error(client.get("/api/v1/search", params={"q": "ب" * 3000}), 414, "M033")


def test_a_store_object_can_be_served_directly(db):
    store = Store.open(str(db))
    try:
        with TestClient(create_app(store, settings())) as c:
            assert c.get("/api/v1/stats").json()["documents"] == 4
    finally:
        store.close()


# ---- the dashboard is served, offline ----------------------------------------------------------------------------
def test_dashboard_is_arabic_rtl_and_sets_a_strict_content_security_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<html dir="rtl" lang="ar">' in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_dashboard_assets_and_vendored_map_are_served(client):
    for path in ("/static/js/main.js", "/static/css/style.css", "/static/vendor/d3-geo.min.js",
                 "/static/vendor/topojson-client.min.js", "/static/vendor/countries-50m.json"):
        assert client.get(path).status_code == 200, path


def test_dashboard_loads_nothing_from_another_host():
    external = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|import\s.*from\s+["']https?:|fetch\(\s*["']https?:""")
    for f in list(STATIC.glob("*.html")) + list(STATIC.glob("js/**/*.js")) + list(STATIC.glob("css/*.css")):
        assert not external.search(f.read_text(encoding="utf-8")), f


def test_serve_command_has_help_with_an_example():
    from click.testing import CliRunner

    from marsad.cli.serve import command

    r = CliRunner().invoke(command, ["--help"])
    assert r.exit_code == 0 and "--db" in r.output and "Example" in r.output


def test_entities_can_be_found_by_part_of_a_name_in_arabic_or_english(client):
    ar = client.get("/api/v1/entities", params={"q": "الصفدي"}).json()["items"]
    assert [a["name"] for a in ar] == ["أيمن الصفدي"]
    en = client.get("/api/v1/entities", params={"q": "safadi"}).json()["items"]
    assert [a["name"] for a in en] == ["أيمن الصفدي"]
    yem = client.get("/api/v1/entities", params={"q": "الحوثي", "country": "YEM"}).json()["items"]
    assert yem and all("حوثي" in a["name"] for a in yem)


def test_document_ids_with_slashes_are_reachable(writable):
    r = writable.post("/api/v1/ingest", headers={"X-API-Key": KEY},
                      json={"documents": [{"text": ARTICLE + " ذلك.", "id": "feed/2024/1", "published": "2024-05-06"}]})
    assert r.status_code == 201, r.text
    assert writable.get("/api/v1/documents/feed/2024/1").json()["id"] == "feed/2024/1"
    assert writable.get("/api/v1/documents/feed%2F2024%2F1").json()["id"] == "feed/2024/1"
    assert writable.get("/api/v1/documents/feed/2024/1/actors").status_code == 200


def test_an_app_started_again_after_shutdown_still_searches(db):
    app = create_app(str(db), settings(), cache_seconds=0)
    for _ in range(2):  # the search threads and their store connections are made again after a shutdown
        with TestClient(app) as c:
            r = c.get("/api/v1/search", params={"q": "الصفدي"})
            assert r.status_code == 200 and r.json()["items"]
