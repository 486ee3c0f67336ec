"""Batch processing on a 2-worker Dask LocalCluster: complete and exact output, resume, bad records, the CLI."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask[distributed] not installed")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from scale_corpus import comparable, single_process_records, write_partitions  # noqa: E402

from marsad.document import Document  # noqa: E402
from marsad.pipeline import Pipeline, stage  # noqa: E402
from marsad.scale import PartitionOptions, process_partition, read_output  # noqa: E402
from marsad.scale.dask_runner import run_batch  # noqa: E402
from marsad.scale.partition import worker_pipeline  # noqa: E402
from marsad.scale.plan import MANIFEST, PROBLEMS  # noqa: E402
from marsad.stages.segment import segment  # noqa: E402

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def client():
    """One 2-worker cluster (processes, one thread each) shared by this file: starting one takes seconds."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


def _output_records(out: Path) -> list[dict]:
    recs = []
    for f in sorted(out.rglob("*.parquet")):
        recs.extend(json.loads(r) for r in pq.read_table(f, columns=["record"]).column("record").to_pylist())
    return recs


def test_batch_on_two_workers_writes_every_document_once_exactly_as_a_single_process_run(client, tmp_path):
    ids = write_partitions(tmp_path / "in", partitions=6, docs=8)
    report = run_batch([tmp_path / "in"], tmp_path / "out", PartitionOptions(jsonl=True), client=client)
    assert report.ok and report.done == 6 and report.documents == len(ids)
    assert len(report.workers) == 2, "both workers should have taken partitions"
    recs = _output_records(tmp_path / "out")
    assert sorted(r["id"] for r in recs) == sorted(ids)  # every input document, exactly once
    expected = single_process_records(tmp_path / "in", worker_pipeline())
    assert {r["id"]: comparable(r) for r in recs} == expected
    # the JSONL copy holds the same records, and the Parquet columns agree with the record
    jsonl = [json.loads(line) for f in sorted((tmp_path / "out").glob("*.jsonl")) if not f.name.startswith("_")
             for line in f.read_text(encoding="utf-8").splitlines()]
    assert sorted(jsonl, key=lambda r: r["id"]) == sorted(recs, key=lambda r: r["id"])
    table = pq.read_table(tmp_path / "out" / "part-000.parquet")
    row = table.slice(0, 1).to_pylist()[0]
    rec = json.loads(row["record"])
    assert row["schema"] == "marsad/1" and row["pipeline_version"]
    assert json.loads(row["entities"]) == rec["entities"] and row["n_entities"] == len(rec["entities"])
    assert row["origin"].endswith("part-000.jsonl:1")
    assert not list((tmp_path / "out").glob(".*.tmp")), "no temporary files left behind"


def test_rerun_skips_completed_partitions_and_redoes_one_whose_output_was_deleted(client, tmp_path):
    write_partitions(tmp_path / "in", partitions=4, docs=3)
    out = tmp_path / "out"
    first = run_batch([tmp_path / "in"], out, client=client)
    assert first.done == 4 and first.skipped == 0
    assert len((out / MANIFEST).read_text().splitlines()) == 4
    again = run_batch([tmp_path / "in"], out, client=client)
    assert again.done == 0 and again.skipped == 4
    (out / "part-002.parquet").unlink()
    os.utime(tmp_path / "in" / "part-001.jsonl", ns=(1, 1))  # touched, same content: the SHA-1 says unchanged
    with (tmp_path / "in" / "part-003.jsonl").open("a", encoding="utf-8") as fh:  # changed content: redone
        fh.write(json.dumps({"id": "late", "text": "وصل الوفد إلى دمشق صباح اليوم."}, ensure_ascii=False) + "\n")
    with (out / MANIFEST).open("a") as fh:
        fh.write('{"input": "cut short by a cra')  # a torn last line must not break the next run
    third = run_batch([tmp_path / "in"], out, client=client)
    assert sorted(Path(r.input_path).name for r in third.results) == ["part-002.jsonl", "part-003.jsonl"]
    assert third.skipped == 2
    assert "late" in {r["id"] for r in _output_records(out)}
    assert len(_output_records(out)) == 4 * 3 + 1


def test_broken_json_line_and_record_without_text_become_problems_and_the_partition_completes(client, tmp_path):
    write_partitions(tmp_path / "in", partitions=2, docs=3)
    with (tmp_path / "in" / "part-001.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "text": "نص لم يكتمل\n')
        fh.write(json.dumps({"id": "no-text", "title": "عنوان بلا نص"}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "after", "text": "وقال الوزير إن الاجتماع سيعقد غدا."}, ensure_ascii=False) + "\n")
    report = run_batch([tmp_path / "in"], tmp_path / "out", client=client)
    assert report.done == 2 and not report.failed_partitions
    assert report.failed_records == 2 and not report.ok
    problems = [json.loads(line) for line in (tmp_path / "out" / PROBLEMS).read_text().splitlines()]
    assert {p["code"] for p in problems} == {"M013"}
    assert {p["origin"].rsplit(":", 1)[1] for p in problems} == {"4", "5"}  # line numbers in the input
    ids = {r["id"] for r in _output_records(tmp_path / "out")}
    assert "after" in ids and "no-text" not in ids and len(ids) == 7


def test_batch_command_exit_codes_and_summary_on_an_existing_scheduler(client, tmp_path):
    from marsad.cli.batch import command

    write_partitions(tmp_path / "good", partitions=2, docs=2)
    addr = client.scheduler.address
    res = CliRunner().invoke(command, [str(tmp_path / "good"), "--out", str(tmp_path / "o1"), "--scheduler", addr])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["documents"] == 4 and summary["done"] == 2
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "b.jsonl").write_text('{"content": "قال المتحدث إن الوفد غادر."}\nnot json\n',
                                              encoding="utf-8")
    res = CliRunner().invoke(command, [str(tmp_path / "bad"), "--out", str(tmp_path / "o2"), "--scheduler", addr,
                                       "--map", "text=content", "--jsonl"])
    assert res.exit_code == 1 and "_problems.jsonl" in res.stderr
    assert (tmp_path / "o2" / "b.jsonl").exists()
    res = CliRunner().invoke(command, [str(tmp_path / "good"), "--out", str(tmp_path / "o3"), "--workers", "2",
                                       "--scheduler", addr])
    assert res.exit_code == 2
    res = CliRunner().invoke(command, [str(tmp_path / "missing"), "--out", str(tmp_path / "o4"), "--scheduler", addr])
    assert res.exit_code == 2 and "no such file" in res.output


def test_saudinewsnet_preset_takes_published_from_the_first_ten_characters_of_date_extracted(tmp_path):
    rec = {"id": "x1", "content": "قال وزير الخارجية إن المحادثات كانت مثمرة.", "date_extracted": "2015-07-21 02:51:32",
           "source": "example", "url": "http://example.org/1", "title": "عنوان"}
    (tmp_path / "a.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    from marsad.ingest.readers import parse_mapping

    opts = PartitionOptions(mapping=tuple(parse_mapping(None, "saudinewsnet").items()))
    process_partition(tmp_path / "a.jsonl", tmp_path / "a.parquet", opts)
    row = pq.read_table(tmp_path / "a.parquet").to_pylist()[0]
    assert (row["published"], row["source"], row["url"], row["title"]) == \
        ("2015-07-21", "example", "http://example.org/1", "عنوان")


def test_parquet_partition_is_read_and_written_without_dask(tmp_path):
    rows = [{"id": f"q{i}", "text": f"وأعلنت الوزارة أن {i + 3} أشخاص أصيبوا في عمان أمس.", "published": "2022-05-0"
             f"{i + 1}"} for i in range(3)]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    res = process_partition(tmp_path / "in.parquet", tmp_path / "out" / "in.parquet")
    assert res.documents == 3 and res.ok and res.worker_pid == os.getpid()
    docs = read_output(tmp_path / "out" / "in.parquet")
    assert [d.id for d in docs] == ["q0", "q1", "q2"]
    assert [comparable(d.to_dict()) for d in docs] == \
        [comparable(worker_pipeline().analyze(r["text"], id=r["id"], published=r["published"]).to_dict())
         for r in rows]


def test_a_stage_error_is_a_problem_on_that_document_and_an_interrupted_partition_leaves_no_file(tmp_path):
    @stage("explode", requires=("tokens",), provides=())
    def explode(doc):
        if "انفجار" in doc.text:
            raise ValueError("boom")
        return doc

    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "ok", "text": "وصل الوزير إلى عمان."}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "bad", "text": "وقع انفجار قرب الميناء."}, ensure_ascii=False) + "\n", encoding="utf-8")
    res = process_partition(tmp_path / "a.jsonl", tmp_path / "a.parquet", pipeline=Pipeline([segment, explode]))
    assert res.documents == 2 and res.with_problems == 1
    assert [(p["id"], p["stage"], p["code"]) for p in res.problems] == [("bad", "explode", "M010")]

    @stage("interrupt", requires=("tokens",), provides=())
    def interrupt(doc):
        raise KeyboardInterrupt  # not an Exception: the partition itself stops, as when a worker is shut down

    with pytest.raises(KeyboardInterrupt):
        process_partition(tmp_path / "a.jsonl", tmp_path / "b.parquet", pipeline=Pipeline([segment, interrupt]))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "a.parquet"]


@pytest.mark.skipif(not os.environ.get("MARSAD_TEST_PG"),
                    reason="PostgreSQL tests need MARSAD_TEST_PG (run: eval \"$(scripts/pg-test-server.sh start)\")")
def test_pg_option_loads_every_document_into_the_store_once_even_when_partitions_are_redone(client, tmp_path):
    import uuid

    import psycopg
    from store_backends import PG, _pg_schema_url

    from marsad.store import Store

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        url = _pg_schema_url(schema)
        Store.open(url).close()  # migrate once, as the CLI does
        ids = write_partitions(tmp_path / "in", partitions=3, docs=3)
        report = run_batch([tmp_path / "in"], tmp_path / "out", PartitionOptions(store=url), client=client)
        assert report.ok and report.stored == len(ids)
        again = run_batch([tmp_path / "in"], tmp_path / "out", PartitionOptions(store=url), client=client, force=True)
        assert again.ok and again.stored == 0  # the store keys documents by content: a redone partition adds nothing
        store = Store.open(url)
        try:
            assert sorted(d.id for d in store.iter_documents()) == sorted(ids)
        finally:
            store.close()
    finally:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_a_partition_that_fails_every_retry_is_reported_and_left_for_the_next_run(client, tmp_path):
    write_partitions(tmp_path / "in", partitions=2, docs=2)
    (tmp_path / "in" / "corrupt.parquet").write_bytes(b"PAR1 this is not a parquet file")
    report = run_batch([tmp_path / "in"], tmp_path / "out", client=client)
    assert report.done == 2 and not report.ok
    assert [Path(f["input"]).name for f in report.failed_partitions] == ["corrupt.parquet"]
    assert "corrupt" not in (tmp_path / "out" / MANIFEST).read_text()
    again = run_batch([tmp_path / "in"], tmp_path / "out", client=client)
    assert again.skipped == 2 and len(again.failed_partitions) == 1  # tried again, not silently skipped


def test_record_column_is_the_same_json_as_dumping_the_record_whole():
    from marsad.scale.columns import document_row, record_json

    text = ('بغداد - قال وزير الخارجية العراقي فؤاد حسين يوم الأحد إن "العلاقات مع الأردن قوية"، '
            "وأضاف أن 3 آلاف زائر وصلوا في آذار الماضي.")
    doc = worker_pipeline().run(Document(
        id="w1", text=text, published="2021-03-07", title='عنوان "مقتبس"', source="مصدر"))
    record = doc.to_dict()
    row = document_row(doc, record, "v", "origin")
    assert row["record"] == record_json(record)
    assert json.loads(row["record"]) == record
