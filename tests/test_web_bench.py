"""The web load-test harness runs end to end (tiny and short here; the real run is 50 clients for 30 s)."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("httpx", reason="httpx not installed")
pytest.importorskip("uvicorn", reason="uvicorn not installed")

from marsad.evaluate import bench_web  # noqa: E402
from web_support import store_file  # noqa: E402


def test_bench_web_reports_throughput_latency_and_errors(tmp_path, capsys):
    db = store_file(tmp_path)
    assert bench_web.main(["--db", str(db), "--clients", "3", "--seconds", "1", "--warmup", "0"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    res = json.loads(out[-1])
    assert res["requests"] > 0 and res["errors"] == 0 and res["documents"] == 4
    assert 0 < res["p50_ms"] <= res["p99_ms"] <= res["max_ms"]
    assert "req/s" in out[-2] and "p99" in out[-2]


def test_bench_web_refuses_targets_off_this_machine():
    with pytest.raises(SystemExit) as exc:
        bench_web.main(["--url", "http://example.org:8000"])
    assert exc.value.code == 2


def test_bench_web_is_bounded():
    with pytest.raises(SystemExit):
        bench_web.main(["--url", "http://127.0.0.1:9", "--clients", "5000"])
