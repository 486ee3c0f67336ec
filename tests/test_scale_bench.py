"""The scale benchmark runs end to end on a few SaudiNewsNet articles and prints every figure it promises."""
from __future__ import annotations

import pytest

pytest.importorskip("distributed", reason="dask[distributed] not installed")
from conftest import needs_shared  # noqa: E402

from marsad.evaluate import bench_scale  # noqa: E402


@needs_shared
@pytest.mark.timeout(170)
def test_scale_benchmark_reports_throughput_efficiency_memory_and_the_bert_ratio(shared_dir):
    b = bench_scale.run(articles=24, workers=(1, 2), partitions=4, bert_chunks=1, shared=shared_dir)
    assert [r.workers for r in b.runs] == [1, 2] and all(r.articles == 24 for r in b.runs)
    assert len(b.runs[1].peak_rss_mb) == 2 and all(m > 50 for m in b.runs[1].peak_rss_mb)
    text = bench_scale.report(b)
    assert "words/s" in text and "scaling efficiency" in text
    if b.bert is None:
        assert "baseline skipped" in text  # torch or transformers not installed here
    else:
        assert b.bert.tokens > b.words * 0.8 and "BERT-base" in text and "x" in text.splitlines()[-2]
