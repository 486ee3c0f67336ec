"""The REST API over both store backends: SQLite and, when MARSAD_TEST_PG names a server, PostgreSQL
(one connection per request thread on each)."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="fastapi not installed (pip install fastapi httpx)")

from fastapi.testclient import TestClient  # noqa: E402

from marsad.web.app import create_app  # noqa: E402
from store_backends import store_target  # noqa: E402,F401
from web_support import build_store, settings  # noqa: E402

KEY = "backend-key"


@pytest.fixture
def client(store_target):  # noqa: F811
    build_store(store_target).close()
    with TestClient(create_app(store_target, settings(api_key=KEY), cache_seconds=0)) as c:
        yield c


def test_reads_answer_the_same_on_every_backend(client):
    docs = client.get("/api/v1/documents").json()["items"]
    assert [d["id"] for d in docs] == ["amman-water-talks", "basra-protest", "geneva-yemen", "riyadh-summit"]
    assert [h["id"] for h in client.get("/api/v1/search", params={"q": "الصفدي"}).json()["items"]] == [
        "amman-water-talks"]
    assert client.get("/api/v1/documents/geneva-yemen").json()["schema"] == "marsad/1"
    safadi = client.get("/api/v1/entities", params={"q": "الصفدي"}).json()["items"][0]
    detail = client.get(f"/api/v1/entities/{safadi['actor_id']}").json()
    assert detail["name_en"] == "Ayman Safadi" and detail["quotes"]
    assert client.get("/api/v1/events").json()["summary"]["total"] >= 0
    assert client.get("/api/v1/quotes", params={"speaker": "أيمن الصفدي"}).json()["items"]
    assert client.get("/api/v1/clusters/geneva-yemen").json()["size"] == 1


@pytest.mark.parametrize("payload", ["' OR 1=1 --", '"; DROP TABLE documents; --', "x'); DELETE FROM actors; --"])
def test_injection_strings_are_plain_values_on_every_backend(client, payload):
    for path, param in (("/api/v1/search", "q"), ("/api/v1/documents", "source"), ("/api/v1/documents", "actor"),
                        ("/api/v1/events", "event_type"), ("/api/v1/quotes", "speaker"),
                        ("/api/v1/entities", "country")):
        r = client.get(path, params={param: payload})
        assert r.status_code in (200, 400), (path, param, r.text)
    assert client.get("/api/v1/stats").json()["documents"] == 4


def test_ingest_writes_through_the_api_on_every_backend(client):
    r = client.post("/api/v1/ingest", headers={"X-API-Key": KEY}, json={"documents": [
        {"text": "الرياض - أعلنت وزارة الصحة السعودية اليوم افتتاح مستشفى جديد في جدة.", "id": "api-doc",
         "published": "2024-11-01", "source": "test"}]})
    assert r.status_code == 201, r.text
    assert client.get("/api/v1/documents/api-doc").json()["source"] == "test"
