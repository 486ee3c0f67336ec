"""Counts over a fixed random sample of SaudiNewsNet articles: what the pipeline finds, for reading and comparing.

Not a score (there is no gold standard for these articles): it prints how many persons carry a role, how many
quotes have a speaker, how many places are linked to a gazetteer record, and which place names link most, so
that two versions of the pipeline can be compared on the same articles and the differences read.

Run:  python tools/audit_sample.py [--n 600] [--seed 5] [--shared ../shared] [--show-places 40] [--root DIR]
(--root: a checkout of another version of Marsad to run instead of this one, e.g. a `git worktree` of an older
commit, to compare the two on the same articles)
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sample(shared: Path, n: int, seed: int) -> list[dict]:
    arts = []
    for f in sorted((shared / "data" / "saudinewsnet" / "articles").glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            arts.extend(json.loads(line) for line in fh)
    return random.Random(seed).sample(arts, n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show-places", type=int, default=40)
    ap.add_argument("--root", type=Path, default=ROOT, help="the Marsad checkout to run (default: this one)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    from marsad import analyze
    c = collections.Counter()
    places = collections.Counter()
    events = collections.Counter()
    for a in sample(args.shared, args.n, args.seed):
        d = analyze(a["content"], published=a["date_extracted"][:10]).to_dict()
        for e in d["entities"]:
            c[e["type"]] += 1
            if e["type"] == "PER":
                c["PER with role"] += bool(e.get("role"))
                c["PER with country"] += bool(e.get("country"))
            if e["type"] == "LOC":
                c["LOC linked"] += bool(e.get("geo_id"))
                if e.get("geo_id"):
                    places[(e["name"], e.get("name_en"), e.get("country"))] += 1
        c["quotes"] += len(d["quotes"])
        c["quotes with speaker"] += sum(1 for q in d["quotes"] if q["speaker"])
        c["times"] += len(d["times"])
        c["quantities"] += len(d["quantities"])
        for v in d["events"]:
            events[v["type"]] += 1
    print(f"{args.n} SaudiNewsNet articles (seed {args.seed})")
    for k in ("PER", "PER with role", "PER with country", "ORG", "LOC", "LOC linked", "MISC", "quotes",
              "quotes with speaker", "times", "quantities"):
        print(f"  {k:22s} {c[k]:6d}")
    print("  events", dict(sorted(events.items())))
    print("most linked places:", "; ".join(f"{n} ({en}, {cc}) {k}" for (n, en, cc), k in
                                           places.most_common(args.show_places)))


if __name__ == "__main__":
    main()
