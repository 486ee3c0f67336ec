"""`marsad analyze` as a user runs it, including bad input that must never end in a traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ARTICLE = "الرياض - واس: قال وزير الخارجية السعودي فيصل بن فرحان إن \"الحوار هو السبيل الوحيد\".\n"


def marsad(*args, stdin: bytes | None = None, cwd=None):
    return subprocess.run([sys.executable, "-m", "marsad.cli.main", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("inputs")
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (d / "cp1256.txt").write_bytes(ARTICLE.encode("cp1256"))
    (d / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (d / "page.html").write_text(f"<html><body><script>alert(1)</script><p>{ARTICLE}</p></body></html>",
                                 encoding="utf-8")
    (d / "english.txt").write_text("The minister said talks would continue next week in Geneva.", encoding="utf-8")
    return d


def test_analyze_prints_one_valid_json_line_per_document_with_arabic_unescaped(bad_inputs, schema):
    r = marsad("analyze", str(bad_inputs / "good.txt"), "--published", "2024-05-02")
    assert r.returncode == 0, r.stderr.decode()
    lines = r.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1 and "وزير" in lines[0]
    rec = json.loads(lines[0])
    jsonschema.validate(rec, schema)
    assert rec["published"] == "2024-05-02"
    assert rec["dateline"] == {"source": "واس", "place": "الرياض", "start": 0, "end": rec["dateline"]["end"]}


def test_analyze_reads_standard_input_and_prints_text_summary():
    r = marsad("analyze", "-", "--format", "text", stdin=ARTICLE.encode("utf-8"))
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode("utf-8")
    assert "entities" in out and "person" in out and "quotes" in out


def test_analyze_a_folder_with_bad_files_goes_on_and_exits_1(bad_inputs, schema):
    r = marsad("analyze", str(bad_inputs))
    assert r.returncode == 1
    err = r.stderr.decode("utf-8")
    assert "Traceback" not in err
    recs = {rec["id"]: rec for rec in map(json.loads, r.stdout.decode("utf-8").splitlines())}
    assert set(recs) == {"good", "empty", "binary", "cp1256", "utf16", "page", "english"}
    for rec in recs.values():
        jsonschema.validate(rec, schema)
    codes = {k: {p["code"] for p in v["problems"]} for k, v in recs.items()}
    assert codes["good"] == set()
    assert "M001" in codes["empty"]
    assert "M002" in codes["binary"]
    assert "M003" in codes["cp1256"] and recs["cp1256"]["meta"]["encoding"] == "cp1256"
    assert "M003" in codes["utf16"]
    assert "M005" in codes["page"] and "alert" not in recs["page"]["text"]
    assert "M006" in codes["english"]
    # the decoded documents are analysed like the good one
    assert recs["cp1256"]["text"] == recs["good"]["text"]
    assert recs["utf16"]["quotes"] and recs["cp1256"]["quotes"]


def test_analyze_truncates_huge_input_with_a_problem(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text((ARTICLE * 250_000)[:20_000_000], encoding="utf-8")
    r = marsad("analyze", str(big), "--max-chars", "200000")
    assert r.returncode == 1
    rec = json.loads(r.stdout.decode("utf-8"))
    assert {p["code"] for p in rec["problems"]} == {"M007"}
    assert len(rec["text"]) <= 200_000


def test_analyze_missing_file_and_bad_date_are_clear_messages(tmp_path):
    r = marsad("analyze", str(tmp_path / "nope.txt"))
    assert r.returncode == 1 and b"M008" in r.stderr and b"Traceback" not in r.stderr
    r = marsad("analyze", "-", "--published", "yesterday", stdin=ARTICLE.encode())
    assert r.returncode == 1 and b"M009" in r.stderr
