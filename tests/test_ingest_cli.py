"""The ingest, search and query commands: JSON out, problems on stderr, exit 1 when some inputs failed."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from handmade import HEALTH, HUSSEIN, KADHIMI, UN_AID


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    from marsad.cli.ingest import command

    d = tmp_path_factory.mktemp("cli")
    (d / "in").mkdir()
    (d / "in" / "kadhimi.txt").write_text(KADHIMI + "\n" + HUSSEIN, encoding="utf-8")
    (d / "in" / "legacy.txt").write_bytes(UN_AID.encode("cp1256"))
    (d / "in" / "news.jsonl").write_text(
        json.dumps({"id": "h1", "content": HEALTH, "date_extracted": "2021-04-02 08:00:00", "source": "gamma"},
                   ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    (d / "in" / "bad.csv").write_text("id,headline\n1,عنوان\n", encoding="utf-8")
    db = str(d / "c.db")
    r = CliRunner().invoke(command, [str(d / "in"), "--db", db, "--preset", "saudinewsnet",
                                                     "--published", "2021-03-03"])
    return db, r


def test_ingest_command_reports_failed_inputs_and_exits_1_but_stores_the_rest(ingested):
    db, r = ingested
    assert r.exit_code == 1
    summary = json.loads(r.stdout)
    assert summary["added"] == 3 and summary["failed"] == 2
    assert "news.jsonl:2" in r.stderr and "bad.csv" in r.stderr and "no column" in r.stderr


def test_ingest_command_second_run_adds_nothing(ingested, tmp_path):
    from marsad.cli.ingest import command

    db, first = ingested
    src = tmp_path / "again.txt"
    src.write_text(KADHIMI + "\n" + HUSSEIN, encoding="utf-8")
    r = CliRunner().invoke(command, [str(src), "--db", db])
    assert r.exit_code == 0 and json.loads(r.stdout)["added"] == 0 and json.loads(r.stdout)["duplicates"] == 1


def test_search_command_finds_verbs_behind_clitics_in_stored_articles(ingested):
    from marsad.cli.search import command

    db, _ = ingested
    r = CliRunner().invoke(command, ["قال", "--db", db])
    hits = [json.loads(line) for line in r.stdout.splitlines()]
    assert r.exit_code == 0 and [h["id"] for h in hits] == ["kadhimi"]
    r = CliRunner().invoke(command, ["الموصل", "--db", db, "--format", "csv"])
    assert r.stdout.splitlines()[0].startswith("id,published") and "legacy" in r.output


def test_query_command_lists_stats_and_takes_filters(ingested):
    from marsad.cli.query import command

    db, _ = ingested
    r = CliRunner().invoke(command, ["stats", "--db", db])
    assert json.loads(r.stdout)["documents"] == 3
    r = CliRunner().invoke(command, ["entities", "--db", db, "--source", "gamma", "--format", "table"])
    assert r.exit_code == 0


def test_ingest_command_without_sources_is_a_usage_error():
    from marsad.cli.ingest import command

    assert CliRunner().invoke(command, []).exit_code == 2
