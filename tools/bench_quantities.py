"""Speed of segment + quantities on SaudiNewsNet articles (one core, CPU time, best of N runs).

    .venv/bin/python tools/bench_quantities.py [N_ARTICLES]

Prints words/s for segment alone, the quantities stage alone (with µs per token), and both together.
Needs ../shared (or MARSAD_SHARED); reads the first N articles (default 2000) in file order.
"""
from __future__ import annotations

import glob
import json
import os
import sys
import time
from pathlib import Path

from marsad.pipeline import Pipeline
from marsad.stages.quantities import quantities, warm
from marsad.stages.segment import segment

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


def load(n: int) -> list[str]:
    texts: list[str] = []
    for path in sorted(glob.glob(str(SHARED / "data" / "saudinewsnet" / "articles" / "*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                texts.append(json.loads(line)["content"])
                if len(texts) >= n:
                    return texts
    return texts


def best(f, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()  # CPU time: the machine is shared, wall time is noisy
        f()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    texts = load(n)
    if not texts:
        sys.exit(f"no articles under {SHARED}/data/saudinewsnet; set MARSAD_SHARED")
    warm()
    seg = Pipeline([segment])
    docs = [seg.analyze(t) for t in texts]
    words = sum(len(t.split()) for t in texts)
    tokens = sum(len(d.tokens) for d in docs)
    t_seg = best(lambda: [seg.analyze(t) for t in texts])
    t_q = best(lambda: [quantities(d) for d in docs])
    found = sum(len(quantities(d).quantities) for d in docs)
    print(f"{len(texts)} articles, {words:,} words, {tokens:,} tokens, {found:,} quantities")
    print(f"segment alone:        {words / t_seg:>10,.0f} words/s")
    print(f"quantities alone:     {words / t_q:>10,.0f} words/s  ({t_q / tokens * 1e6:.2f} µs/token)")
    print(f"segment + quantities: {words / (t_seg + t_q):>10,.0f} words/s")


if __name__ == "__main__":
    main()
