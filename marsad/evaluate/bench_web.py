"""Bounded load test of the REST search endpoint on loopback: N concurrent clients for T seconds.

    python -m marsad.evaluate.bench_web --db corpus.db            # starts `marsad serve` on a free port
    python -m marsad.evaluate.bench_web --url http://127.0.0.1:8000  # an already running server

Prints requests/s, p50/p95/p99 latency and the error count, then one JSON line with the same figures. Only
127.0.0.1 / localhost / ::1 are accepted as targets: this is a benchmark, not a tool to load someone's server.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Varied searches written for the benchmark: single words (matched in any clitic form), names, phrases,
# and the same words with the CLI filters, plus page turns.
QUERIES: list[dict[str, Any]] = [
    {"q": "السعودية"}, {"q": "الرياض"}, {"q": "وزير"}, {"q": "الملك"}, {"q": "المملكة"}, {"q": "الأمير"},
    {"q": "مجلس الوزراء"}, {"q": "التعليم"}, {"q": "الصحة"}, {"q": "وزارة"}, {"q": "\"خادم الحرمين الشريفين\""},
    {"q": "النفط"}, {"q": "الاقتصاد"}, {"q": "جدة"}, {"q": "مكة"}, {"q": "الحج"}, {"q": "المدينة المنورة"},
    {"q": "الطلاب"}, {"q": "الجامعة"}, {"q": "المستشفى"}, {"q": "الأمن"}, {"q": "اليمن"}, {"q": "إيران"},
    {"q": "سوريا"}, {"q": "مصر"}, {"q": "قال"}, {"q": "أكد"}, {"q": "المؤتمر"}, {"q": "الاجتماع"},
    {"q": "الرياضة"}, {"q": "الهلال"}, {"q": "النصر"}, {"q": "كرة القدم"}, {"q": "المرأة"}, {"q": "الشباب"},
    {"q": "العمل"}, {"q": "الإسكان"}, {"q": "المطر"}, {"q": "الطقس"}, {"q": "الشرطة"}, {"q": "المحكمة"},
    {"q": "\"ولي العهد\""}, {"q": "الدفاع"}, {"q": "الحرس الوطني"}, {"q": "البنك"}, {"q": "الأسهم"},
    {"q": "السوق"}, {"q": "المشروع"}, {"q": "الطيران"}, {"q": "المطار"},
    {"q": "وزير", "from": "2015-01-01"}, {"q": "الرياض", "to": "2015-06-30"}, {"q": "الملك", "offset": 20},
    {"q": "السعودية", "offset": 40}, {"q": "التعليم", "limit": 50}, {"q": "الصحة", "country": "SAU"},
    {"q": "الأمن", "source": "sabq"}, {"q": "جدة مكة"}, {"q": "أمير منطقة الرياض"}, {"q": ""},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def start_server(db: str, port: int, cache_seconds: float = 30.0, log_level: str = "warning") -> subprocess.Popen:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "serve", "--db", db, "--host", "127.0.0.1",
                             "--port", str(port), "--cache-seconds", str(cache_seconds), "--log-level", log_level],
                            cwd=root, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"marsad serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stats", timeout=30) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("marsad serve did not answer within 60 s")


async def run_load(base: str, clients: int, seconds: float, path: str = "/api/v1/search") -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors: dict[str, int] = {}
    stop_at = 0.0
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)

    async def client(n: int, http: "httpx.AsyncClient") -> None:
        i = n * 7  # clients start at different queries so the mix is spread from the first second
        while time.perf_counter() < stop_at:
            params = {"limit": 20, **QUERIES[i % len(QUERIES)]}
            i += 1
            t0 = time.perf_counter()
            try:
                r = await http.get(path, params=params)
                ok = r.status_code == 200
                key = None if ok else f"HTTP {r.status_code}"
            except httpx.HTTPError as exc:
                key = type(exc).__name__
            latencies.append(time.perf_counter() - t0)
            if key:
                errors[key] = errors.get(key, 0) + 1

    # One client object (one keep-alive connection) per simulated user: a shared 50-connection pool costs the
    # load generator more CPU per request than the server spends answering it.
    http = [httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0, trust_env=False) for _ in range(clients)]
    try:
        t0 = time.perf_counter()
        stop_at = t0 + seconds
        await asyncio.gather(*(client(n, http[n]) for n in range(clients)))
        elapsed = time.perf_counter() - t0
    finally:
        await asyncio.gather(*(h.aclose() for h in http))
    lat = sorted(latencies)
    return {"clients": clients, "seconds": round(elapsed, 2), "requests": len(lat),
            "requests_per_s": round(len(lat) / elapsed, 1) if elapsed else None,
            "p50_ms": round(percentile(lat, 50) * 1000, 1), "p95_ms": round(percentile(lat, 95) * 1000, 1),
            "p99_ms": round(percentile(lat, 99) * 1000, 1), "max_ms": round(lat[-1] * 1000, 1) if lat else None,
            "errors": sum(errors.values()), "error_kinds": errors}


def _run(coro: Any) -> Any:
    try:  # uvloop, when installed, makes the load generator cheaper; asyncio otherwise
        import uvloop

        return uvloop.run(coro)
    except ImportError:
        return asyncio.run(coro)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="store to serve (SQLite path or postgresql:// URL); a server is started")
    where.add_argument("--url", help="base URL of a running server on loopback")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--cache-seconds", type=float, default=0.0,
                    help="server result cache when --db starts one (default 0: every search hits the store)")
    ap.add_argument("--warmup", type=float, default=3.0, help="seconds of load before measuring")
    args = ap.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 300:
        ap.error("bounded benchmark: 1-200 clients, at most 300 s")
    proc = None
    if args.db:
        port = free_port()
        proc = start_server(args.db, port, args.cache_seconds)
        base = f"http://127.0.0.1:{port}"
    else:
        host = urlparse(args.url).hostname
        if host not in LOOPBACK:
            ap.error(f"only loopback targets are allowed, not {host!r}")
        base = args.url.rstrip("/")
    try:
        with urllib.request.urlopen(base + "/api/v1/stats", timeout=60) as r:
            docs = json.loads(r.read())["documents"]
        if args.warmup:
            _run(run_load(base, args.clients, args.warmup))
        res = _run(run_load(base, args.clients, args.seconds))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    res["documents"] = docs
    res["cache_seconds"] = args.cache_seconds if args.db else None
    print(f"{res['clients']} clients x {res['seconds']} s over {docs:,} documents: {res['requests']:,} requests, "
          f"{res['requests_per_s']} req/s, p50 {res['p50_ms']} ms, p95 {res['p95_ms']} ms, p99 {res['p99_ms']} ms, "
          f"max {res['max_ms']} ms, errors {res['errors']}")
    print(json.dumps(res, ensure_ascii=False))
    return 0 if res["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
