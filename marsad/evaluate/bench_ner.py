"""NER speed benchmark: the CRF tagger (feature extraction + tagging) against a BERT-base token classifier.

Both run on one core over the same ANERcorp test tokens in the same process, so the ratio is what matters; the
BERT model is randomly initialised from the default ``BertConfig()`` (its cost does not depend on its weights).
Times are this process's CPU time (``time.process_time``), so other jobs on a shared machine do not distort them;
both sides are single-threaded, so CPU time equals one-core wall time on an idle machine.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from marsad.evaluate.ner import read_conll


def bench_tagger(sents: list[list[str]], repeats: int = 3, per_call: int = 20) -> float:
    """Best-of-``repeats`` tokens/s of ``NerTagger.tag_many`` (folding, features, scoring, Viterbi) on groups of
    ``per_call`` sentences (about one news article, as the pipeline calls it), model loaded, caches cold."""
    from marsad.models.ner.tagger import NerTagger

    tagger = NerTagger.load()
    n = sum(len(s) for s in sents)
    best = float("inf")
    for _ in range(repeats):
        fx = tagger.features
        for memo in (fx._cache, fx._marks, fx._lex_memo, fx._gaz_memo):
            memo.clear()  # measure with cold per-word caches each time
        tagger.fast._reset_table()
        t0 = time.process_time()
        for i in range(0, len(sents), per_call):
            tagger.tag_many(sents[i:i + per_call])
        best = min(best, time.process_time() - t0)
    return n / best


def bench_bert(n_tokens: int, chunk: int, max_tokens: int = 8192) -> float | None:
    """Tokens/s of a BERT-base token-classification forward pass in ``chunk``-token windows, or None without torch."""
    try:
        import torch
        from transformers import BertConfig, BertForTokenClassification
    except ImportError:
        return None
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = BertForTokenClassification(BertConfig(num_labels=9)).eval()
    total = min(n_tokens, max_tokens)
    # one id per word: generous to BERT, whose word pieces make Arabic text ~1.3-1.5x longer
    ids = torch.randint(1000, 30000, (total,), generator=torch.Generator().manual_seed(0))
    with torch.inference_mode():
        model(ids[None, :chunk])  # warm-up
        t0 = time.process_time()
        for s in range(0, total, chunk):
            model(ids[None, s:s + chunk])
        return total / (time.process_time() - t0)


def run_benchmark(conll: Path, echo: Callable[[str], None] = print, bert: bool = True) -> dict[str, float | None]:
    """Print tokens/s of the tagger and of BERT-base (128 and 512-token chunks) and the ratios."""
    sents = [w for w, _ in read_conll(conll)]
    n = sum(len(s) for s in sents)
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core for everything below
    except (AttributeError, OSError):
        pass
    out: dict[str, float | None] = {"tagger": bench_tagger(sents)}
    echo(f"NER tagger (features + CRF weights, compiled Viterbi; 20 sentences per call), {n} tokens: "
         f"{out['tagger']:,.0f} tokens/s on one core (CPU time)")
    if not bert:
        return out
    for chunk in (128, 512):
        out[f"bert{chunk}"] = bench_bert(n, chunk)
        if out[f"bert{chunk}"] is None:
            echo("BERT-base baseline skipped: torch/transformers not importable "
                 "(pip install torch==2.13.0 transformers)")
            break
        echo(f"BERT-base forward, {chunk}-token chunks: {out[f'bert{chunk}']:,.0f} tokens/s "
             f"-> tagger is {out['tagger'] / out[f'bert{chunk}']:,.0f}x faster")
    return out
