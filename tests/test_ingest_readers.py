"""Readers turn files, folders, JSONL and CSV into documents, and every bad input into a clear problem."""
from __future__ import annotations

import json

import pytest

from handmade import HEALTH, HUSSEIN, KADHIMI, KUWAIT, UN_AID
from marsad.ingest.decode import read_text_file
from marsad.ingest.readers import PRESETS, iter_items, parse_mapping


def items(*sources, **kw):
    return list(iter_items([str(s) for s in sources], **kw))


def test_reader_decodes_windows_1256_and_utf16_files(tmp_path):
    (tmp_path / "cp.txt").write_bytes(KADHIMI.encode("cp1256"))
    (tmp_path / "u16.txt").write_bytes(HUSSEIN.encode("utf-16"))
    text, enc, problems = read_text_file(tmp_path / "cp.txt")
    assert text == KADHIMI and enc == "cp1256" and problems[0].code == "M003"
    (a, b) = items(tmp_path)
    assert {a.doc.text, b.doc.text} == {KADHIMI, HUSSEIN}


def test_reader_refuses_binary_files_with_a_problem(tmp_path):
    (tmp_path / "img.txt").write_bytes(bytes(range(256)) * 10)
    (it,) = items(tmp_path / "img.txt")
    assert it.doc is None and it.problem.code == "M002" and "img.txt" in it.problem.message


def test_reader_walks_folders_recursively_skipping_hidden_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(UN_AID, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text(HEALTH, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(KUWAIT, encoding="utf-8")
    got = items(tmp_path, defaults={"source": "local"})
    assert all(i.doc.source == "local" for i in got)
    assert sorted(i.doc.id for i in got) == ["a-b-two", "a-one"]


def test_reader_reads_jsonl_and_reports_a_broken_line_by_number(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join([json.dumps({"id": "1", "text": UN_AID, "published": "2021-04-01 10:00:00"},
                                       ensure_ascii=False),
                            '{"id": "2", "text": ',
                            json.dumps({"id": "3", "title": "بلا نص"}, ensure_ascii=False),
                            json.dumps({"id": "4", "text": HEALTH}, ensure_ascii=False)]) + "\n", encoding="utf-8")
    got = items(f)
    assert [i.doc.id if i.doc else i.problem.code for i in got] == ["1", "M013", "M013", "4"]
    assert got[0].doc.published == "2021-04-01"
    assert "in.jsonl:2" in got[1].problem.message and "not valid JSON" in got[1].problem.message
    assert "no text field" in got[2].problem.message and "--map" in got[2].problem.message


def test_reader_maps_fields_with_the_saudinewsnet_preset(tmp_path):
    rec = {"id": "snn-1", "source": "okaz", "url": "https://x.test/1", "date_extracted": "2015-07-21 10:13:05",
           "title": "عنوان", "author": "كاتب", "content": KADHIMI}
    f = tmp_path / "2015-07-21.jsonl"
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (it,) = items(f, mapping=parse_mapping(None, "saudinewsnet"))
    d = it.doc
    assert (d.id, d.source, d.url, d.published, d.title, d.text) == (
        "snn-1", "okaz", "https://x.test/1", "2015-07-21", "عنوان", KADHIMI)
    assert dict(d.meta)["author"] == "كاتب"
    assert PRESETS["saudinewsnet"]["text"] == "content"


def test_reader_mapping_option_overrides_field_names(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"body": HEALTH, "day": "2021-04-02", "outlet": "gamma"}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    (it,) = items(f, mapping=parse_mapping("text=body,published=day,source=outlet"))
    assert (it.doc.text, it.doc.published, it.doc.source) == (HEALTH, "2021-04-02", "gamma")
    assert it.doc.id.startswith("doc-")
    with pytest.raises(ValueError):
        parse_mapping("text")


def test_reader_reports_a_csv_without_the_text_column_once(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("id,title\n1,عنوان\n2,آخر\n", encoding="utf-8")
    (it,) = items(f)
    assert it.doc is None and it.problem.code == "M013"
    assert "no column" in it.problem.message and "id, title" in it.problem.message


def test_reader_reads_csv_rows_and_skips_empty_text(tmp_path):
    f = tmp_path / "ok.csv"
    f.write_text(f'text,published,source\n"{UN_AID}",2021-04-01,alpha\n,2021-04-02,beta\n', encoding="utf-8")
    a, b = items(f)
    assert a.doc.text == UN_AID and a.doc.source == "alpha"
    assert b.doc is None and b.problem.code == "M001" and "ok.csv:3" in b.problem.message


def test_reader_extracts_the_article_from_an_html_file(tmp_path):
    body = "".join(f"<p>{s}</p>" for s in (KADHIMI, HUSSEIN, UN_AID))
    (tmp_path / "page.html").write_text(
        f"<html><head><title>خبر</title></head><body><nav>الرئيسية | اتصل بنا</nav><article><h1>الكاظمي"
        f"</h1>{body}</article><footer>حقوق النشر</footer></body></html>", encoding="utf-8")
    (it,) = items(tmp_path / "page.html")
    assert KADHIMI in it.doc.text and "اتصل بنا" not in it.doc.text


def test_reader_reports_a_missing_path():
    (it,) = items("/nonexistent/marsad/file.txt")
    assert it.problem.code == "M008"


def test_reader_loads_saudinewsnet_records_with_the_documented_preset(shared_dir):
    from itertools import islice

    folder = shared_dir / "data" / "saudinewsnet" / "articles"
    if not folder.is_dir():
        pytest.skip(f"SaudiNewsNet absent under {folder}")
    first = sorted(folder.glob("*.jsonl"))[0]
    got = list(islice(iter_items([str(first)], mapping=parse_mapping(None, "saudinewsnet")), 50))
    assert len(got) == 50 and all(i.doc is not None for i in got)
    assert all(i.doc.id.startswith("snn-") and i.doc.source and i.doc.url for i in got)
    assert all(len(i.doc.published or "") == 10 for i in got)
