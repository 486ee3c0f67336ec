"""A cluster of separate `dask scheduler` / `dask worker` processes on 127.0.0.1: kill a worker midway, lose nothing."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask[distributed] not installed")
import pyarrow.parquet as pq  # noqa: E402
from scale_corpus import comparable, single_process_records, write_partitions  # noqa: E402

from marsad.scale.dask_runner import run_batch  # noqa: E402
from marsad.scale.partition import warm_up, worker_pipeline  # noqa: E402
from marsad.scale.plan import Manifest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.timeout(150)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _spawn(args: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
           "OMP_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", *args], cwd=REPO, env=env, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT)


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded workers as separate processes; every one is killed afterwards."""
    from distributed import Client

    port = _free_port()
    addr = f"tcp://127.0.0.1:{port}"
    procs: list[subprocess.Popen] = []
    try:
        procs.append(_spawn(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                             "--no-dashboard"], tmp_path / "scheduler.log"))
        for i in range(2):
            # --no-nanny: the process we start is the worker itself, so SIGKILL really removes a worker
            procs.append(_spawn(["distributed.cli.dask_worker", addr, "--nthreads", "1", "--nworkers", "1",
                                 "--no-nanny", "--no-dashboard", "--name", f"w{i}"], tmp_path / f"worker{i}.log"))
        client = None
        deadline = time.monotonic() + 60
        while client is None:
            try:
                client = Client(addr, timeout="5s")
            except OSError:
                if time.monotonic() > deadline or procs[0].poll() is not None:
                    raise
                time.sleep(0.5)
        try:
            client.wait_for_workers(2, timeout=60)
            yield client, procs[1:]
        finally:
            client.close()
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.kill()
        for p in procs:
            p.wait(timeout=30)


def test_killing_a_worker_midway_loses_no_partition_and_changes_no_record(cluster, tmp_path):
    client, workers = cluster
    parts, per = 24, 30
    ids = write_partitions(tmp_path / "in", partitions=parts, docs=per, seed=11)
    # Every worker loads the pipeline before the clock starts, so the kill lands while partitions are running.
    client.run(warm_up)
    killed: dict[str, object] = {}
    victim = workers[0]
    victim_addr = next(a for a, w in client.scheduler_info()["workers"].items() if w["name"] == "w0")

    def on_result(result):
        seen.append(result.input_path)
        if killed or len(seen) < 3:
            return
        in_flight = client.processing(workers=[victim_addr]).get(victim_addr, ())
        if in_flight:  # kill it while it is in the middle of a partition
            os.kill(victim.pid, signal.SIGKILL)
            killed.update(at=len(seen), in_flight=list(in_flight))

    seen: list[str] = []
    report = run_batch([tmp_path / "in"], tmp_path / "out", client=client, on_result=on_result)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    assert killed and killed["at"] < parts, "the worker must die while partitions are still to do"
    assert killed["in_flight"], "it died holding a partition, which another worker then did"
    assert report.done == parts and not report.failed_partitions and report.documents == len(ids)
    assert len(client.scheduler_info()["workers"]) == 1  # the other worker finished the job alone
    recs = [json.loads(r) for f in sorted((tmp_path / "out").glob("*.parquet"))
            for r in pq.read_table(f, columns=["record"]).column("record").to_pylist()]
    assert sorted(r["id"] for r in recs) == sorted(ids)  # complete, and no document twice
    assert {r["id"]: comparable(r) for r in recs} == single_process_records(tmp_path / "in", worker_pipeline())
    assert len(Manifest(tmp_path / "out").entries) == parts
    assert not list((tmp_path / "out").glob(".*.tmp")), "the dead task's temporary file is cleaned up"
