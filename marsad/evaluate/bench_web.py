"""Bounded load test of the REST search endpoint on loopback: N concurrent clients for T seconds.

    python -m marsad.evaluate.bench_web --db corpus.db            # starts `marsad serve` on a free port
    python -m marsad.evaluate.bench_web --url http://127.0.0.1:8000  # an already running server

Prints requests/s, p50/p95/p99 latency and the error count, then one JSON line with the same figures. Only
127.0.0.1 / localhost / ::1 are accepted as targets: this is a benchmark, not a tool to load someone's server.

The load generator shares the machine with the server, so it should cost little: by default each simulated user
is one keep-alive HTTP/1.1 connection spoken directly over asyncio streams (~0.1-0.3 ms of CPU per request);
``--client httpx`` uses httpx as before (~2-4 ms per request, more than an uncached search costs the server). The
JSON line reports the load generator's CPU per request either way.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

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


def start_server(db: str, port: int, cache_seconds: float = 30.0, log_level: str = "warning",
                 workers: int = 1) -> subprocess.Popen:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "serve", "--db", db, "--host", "127.0.0.1",
                             "--port", str(port), "--cache-seconds", str(cache_seconds), "--log-level", log_level,
                             "--workers", str(workers)],
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


_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)
_CLOSE = re.compile(rb"\r\nconnection:[ \t]*close", re.IGNORECASE)
TIMEOUT_S = 30.0


class Connection:
    """One simulated user: a keep-alive HTTP/1.1 connection, a GET written by hand, the response read by its
    Content-Length (the server always sends one; anything else is counted as an error and the socket reopened)."""

    def __init__(self, base: str) -> None:
        u = urlparse(base)
        self.host, self.port = u.hostname or "127.0.0.1", u.port or 80
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = await reader.readuntil(b"\r\n\r\n")
        m = _LENGTH.search(head)
        if not head.startswith(b"HTTP/1.1 ") or m is None:
            raise ValueError("response without Content-Length")
        body = await reader.readexactly(int(m.group(1)))
        if _CLOSE.search(head):
            self.close()
        return int(head[9:12]), body

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


def _targets(path: str) -> list[str]:
    return [f"{path}?{urlencode({'limit': 20, **q})}" for q in QUERIES]


async def _raw_clients(base: str, clients: int, stop_at: list[float], path: str,
                       record: Any) -> None:
    targets = _targets(path)

    async def client(n: int) -> None:
        conn = Connection(base)
        i = n * 7  # clients start at different queries so the mix is spread from the first second
        try:
            while time.perf_counter() < stop_at[0]:
                target = targets[i % len(targets)]
                i += 1
                t0 = time.perf_counter()
                try:
                    async with asyncio.timeout(TIMEOUT_S):
                        status, body = await conn.get(target)
                    # a search page, not just any 200: the body is the JSON object the API documents
                    key = None if status == 200 and body.startswith(b'{"items":') else f"HTTP {status}"
                except (OSError, EOFError, TimeoutError, ValueError, asyncio.IncompleteReadError,
                        asyncio.LimitOverrunError) as exc:
                    key = type(exc).__name__
                    conn.close()
                record(time.perf_counter() - t0, key)
        finally:
            conn.close()

    await asyncio.gather(*(client(n) for n in range(clients)))


async def _httpx_clients(base: str, clients: int, stop_at: list[float], path: str, record: Any) -> None:
    import httpx

    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)

    async def client(n: int, http: "httpx.AsyncClient") -> None:
        i = n * 7
        while time.perf_counter() < stop_at[0]:
            params = {"limit": 20, **QUERIES[i % len(QUERIES)]}
            i += 1
            t0 = time.perf_counter()
            try:
                r = await http.get(path, params=params)
                key = None if r.status_code == 200 else f"HTTP {r.status_code}"
            except httpx.HTTPError as exc:
                key = type(exc).__name__
            record(time.perf_counter() - t0, key)

    # One client object (one keep-alive connection) per simulated user: a shared pool costs even more CPU.
    http = [httpx.AsyncClient(base_url=base, limits=limits, timeout=TIMEOUT_S, trust_env=False)
            for _ in range(clients)]
    try:
        await asyncio.gather(*(client(n, http[n]) for n in range(clients)))
    finally:
        await asyncio.gather(*(h.aclose() for h in http))


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def run_load(base: str, clients: int, seconds: float, path: str = "/api/v1/search",
                   client: str = "raw") -> dict[str, Any]:
    latencies: list[float] = []
    errors: dict[str, int] = {}

    def record(latency: float, error: str | None) -> None:
        latencies.append(latency)
        if error:
            errors[error] = errors.get(error, 0) + 1

    run = _raw_clients if client == "raw" else _httpx_clients
    t0, cpu0 = time.perf_counter(), _cpu_s()
    await run(base, clients, [t0 + seconds], path, record)
    elapsed, cpu = time.perf_counter() - t0, _cpu_s() - cpu0
    lat = sorted(latencies)
    return {"clients": clients, "client": client, "seconds": round(elapsed, 2), "requests": len(lat),
            "requests_per_s": round(len(lat) / elapsed, 1) if elapsed else None,
            "p50_ms": round(percentile(lat, 50) * 1000, 1), "p95_ms": round(percentile(lat, 95) * 1000, 1),
            "p99_ms": round(percentile(lat, 99) * 1000, 1), "max_ms": round(lat[-1] * 1000, 1) if lat else None,
            "errors": sum(errors.values()), "error_kinds": errors,
            "loadgen_cpu_ms_per_request": round(cpu * 1000 / len(lat), 3) if lat else None}


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
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw",
                    help="load generator: hand-written HTTP/1.1 over asyncio (cheap) or httpx (as before)")
    ap.add_argument("--workers", type=int, default=1, help="server processes when --db starts one")
    args = ap.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 300:
        ap.error("bounded benchmark: 1-200 clients, at most 300 s")
    proc = None
    if args.db:
        port = free_port()
        proc = start_server(args.db, port, args.cache_seconds, workers=args.workers)
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
            _run(run_load(base, args.clients, args.warmup, client=args.client))
        res = _run(run_load(base, args.clients, args.seconds, client=args.client))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    res["documents"] = docs
    res["cache_seconds"] = args.cache_seconds if args.db else None
    res["workers"] = args.workers if args.db else None
    print(f"{res['clients']} clients x {res['seconds']} s over {docs:,} documents: {res['requests']:,} requests, "
          f"{res['requests_per_s']} req/s, p50 {res['p50_ms']} ms, p95 {res['p95_ms']} ms, p99 {res['p99_ms']} ms, "
          f"max {res['max_ms']} ms, errors {res['errors']} (load generator: {res['client']}, "
          f"{res['loadgen_cpu_ms_per_request']} ms CPU per request)")
    print(json.dumps(res, ensure_ascii=False))
    return 0 if res["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
