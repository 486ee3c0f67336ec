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


def test_bench_web_serves_with_several_worker_processes_and_the_httpx_client(tmp_path, capsys):
    db = store_file(tmp_path)
    assert bench_web.main(["--db", str(db), "--clients", "4", "--seconds", "1", "--warmup", "0", "--workers", "2",
                           "--client", "httpx"]) == 0
    res = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert res["requests"] > 0 and res["errors"] == 0 and res["workers"] == 2 and res["client"] == "httpx"
    assert res["loadgen_cpu_ms_per_request"] > 0


def test_bench_web_counts_a_wrong_answer_as_an_error(tmp_path):
    # A server that answers 200 with something that is not a search page must not pass as a success.
    import asyncio

    async def fake(reader, writer):
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def run():
        server = await asyncio.start_server(fake, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            return await bench_web.run_load(f"http://127.0.0.1:{port}", 2, 0.3)

    res = asyncio.run(run())
    assert res["requests"] > 0 and res["errors"] == res["requests"] and "HTTP 200" in res["error_kinds"]
