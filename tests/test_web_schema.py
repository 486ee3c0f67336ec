"""Schemathesis against the app's own OpenAPI document, in process (ASGI): generated requests find no 5xx.

Bounded for CI: a fixed number of examples per operation (MARSAD_SCHEMA_EXAMPLES, default 30).
"""
from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis not installed (pip install schemathesis)")
pytest.importorskip("fastapi", reason="fastapi not installed")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from marsad.web.app import create_app  # noqa: E402
from web_support import settings as marsad_settings, store_file  # noqa: E402

EXAMPLES = int(os.environ.get("MARSAD_SCHEMA_EXAMPLES", "30"))
KEY = "schema-key"


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    db = store_file(tmp_path_factory.mktemp("schema"), hostile=True)
    app = create_app(str(db), marsad_settings(api_key=KEY, max_request_bytes=200_000))
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def operations(schema):
    for result in schema.get_all_operations():
        yield result.ok()


def test_generated_requests_never_cause_a_server_error(api_schema):
    checked: list[str] = []
    seen: dict[int, int] = {}
    for op in operations(api_schema):

        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            # Writes half the time carry the key, so ingest validation is exercised past the key check.
            headers = {"X-API-Key": KEY} if case.method == "POST" and len(repr(case.body)) % 2 else None
            response = case.call_and_validate(checks=[not_a_server_error], headers=headers)
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
            if response.status_code >= 400:
                assert response.json()["error"]["code"].startswith("M0"), response.text

        run()
        checked.append(f"{op.method.upper()} {op.path}")
    print(f"schemathesis: {len(checked)} operations, responses by status {dict(sorted(seen.items()))}")
    assert len(checked) >= 12, checked
