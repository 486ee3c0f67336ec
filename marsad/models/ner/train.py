"""Reproducible training of the NER model from ../shared: clusters, gazetteer, then the CRF in two stages.

Stage one is a CRF with every feature but the self-trained name counts; it tags SaudiNewsNet (``autogaz.py``) and
the shipped CRF, stage two, is trained with those counts as features.

Nothing here depends on hash order or thread timing: word2vec runs single-threaded with a stable hash, k-means and
crfsuite are deterministic for fixed inputs, so the same data and seed give the same model files.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from marsad.arabic.normalize import fold_str
from marsad.evaluate.ner import Score, read_conll, score
from marsad.models.ner import autogaz
from marsad.models.ner.clusters import train_clusters
from marsad.models.ner.consistency import propagate
from marsad.models.ner.distrib import load_word_counts, mine
from marsad.models.ner.fastcrf import FastCrf
from marsad.models.ner.features import FeatureExtractor, build_cue_table, write_cues
from marsad.models.ner.lexicons import build_lexicon, write_lexicon
from marsad.models.ner.tagger import (AUTOGAZ_FILE, CLUSTERS_FILE, CUES_FILE, DISTRIB_FILE, GAZETTEER_FILE,
                                      LEXICON_FILE, MODEL_DIR, MODEL_FILE, load_features)

log = logging.getLogger(__name__)

# Chosen on the last 10% of ANERcorp train (see docs/model-card-ner.md), never on test.
CRF_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 100, "feature.possible_transitions": True}
DEV_FRACTION = 0.1

Sentences = list[tuple[list[str], list[str]]]


def anercorp_train(shared_dir: Path) -> Sentences:
    return read_conll(shared_dir / "data" / "anercorp-camel" / "ANERCorp_CamelLab_train.txt")


def build_gazetteer(out_path: Path) -> None:
    """Arabic country, region and time-zone city names from CLDR (babel), folded, one per line."""
    from babel import Locale

    ar = Locale("ar")
    names = set(ar.territories.values())
    names.update(v["city"] for v in ar._data["time_zones"].values() if v.get("city"))
    rows = set()
    for n in names:
        n = n.split("(")[0].strip()  # "هيبرون (مدينة الخليل)" -> the main name
        folded = " ".join(fold_str(n).split())
        if len(folded) > 2:
            rows.add(folded)
    out_path.write_text("# name -- folded Arabic place names from CLDR via babel (territories and time-zone cities)\n"
                        + "".join(r + "\n" for r in sorted(rows)), encoding="utf-8")


def train_crf(fx: FeatureExtractor, sents: Sentences, model_path: Path, params: dict | None = None) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for words, tags in sents:
        trainer.append(fx.sentence_features([fold_str(w) for w in words]), tags)
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    trainer.train(str(model_path))


def train_two_stage(fx: FeatureExtractor, sents: Sentences, model_path: Path, autogaz_path: Path,
                    shared_dir: Path, stage1: Path | None = None) -> FeatureExtractor:
    """Stage one (``fx``, no self-trained counts) is trained, tags SaudiNewsNet with the document consistency pass
    into ``autogaz_path``; stage two, trained with those counts, is written to ``model_path``. Stage one is kept at
    ``stage1`` when given, else deleted. Returns stage two's feature extractor."""
    keep = stage1 is not None
    stage1 = stage1 or model_path.with_name(model_path.stem + ".stage1.crfsuite")
    t0 = time.time()
    train_crf(fx, sents, stage1)
    crf = FastCrf(stage1, fx)
    autogaz.mine(autogaz.corpus_documents(shared_dir), lambda doc: propagate(doc, crf.tag_many(doc)), autogaz_path)
    if not keep:
        stage1.unlink()
    log.info("stage one and the auto-gazetteer in %.0fs", time.time() - t0)
    fx2 = FeatureExtractor(fx.clusters, fx.gazetteer, fx.cues, fx.lexicon, fx.distrib,
                           load_word_counts(autogaz_path))
    train_crf(fx2, sents, model_path)
    return fx2


def dev_scores(shared_dir: Path, model_dir: Path, work: Path) -> dict[str, dict[str, Score]]:
    """Both stages trained on the first 90% of ANERcorp train (with ``model_dir``'s clusters, lexicons and tables),
    scored on the last 10%: the CRF alone and with the consistency pass, for each stage. Files go to ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    fx = load_features(model_dir, autogaz=False)
    train, dev = split_dev(anercorp_train(shared_dir))
    gold = [t for _, t in dev]
    folded = [[fold_str(w) for w in words] for words, _ in dev]
    out = {}
    stage1 = work / "dev_stage1.crfsuite"
    fx2 = train_two_stage(fx, train, work / "dev.crfsuite", work / AUTOGAZ_FILE, shared_dir, stage1=stage1)
    for name, f, path in (("stage1", fx, stage1), ("stage2", fx2, work / "dev.crfsuite")):
        pred = FastCrf(path, f).tag_many(folded)
        out[name] = score(gold, pred)
        out[name + "+consistency"] = score(gold, propagate(folded, pred))
    return out


def split_dev(sents: Sentences, fraction: float = DEV_FRACTION) -> tuple[Sentences, Sentences]:
    cut = int(len(sents) * (1 - fraction))
    return sents[:cut], sents[cut:]


def train_ner(shared_dir: Path, out_dir: Path | None = None, seed: int = 13, *, reuse_clusters: bool = False) -> Path:
    """Rebuild clusters (unless reused), gazetteer, cue and lexicon snapshots, the name-likeness table (one ~1 min
    pass over SaudiNewsNet) and the CRF into ``out_dir`` (default: the package's model dir)."""
    out_dir = Path(out_dir or MODEL_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    if not (reuse_clusters and (out_dir / CLUSTERS_FILE).exists()):
        train_clusters(shared_dir, out_dir / CLUSTERS_FILE, seed=seed)
        log.info("clusters built in %.0fs", time.time() - t0)
    build_gazetteer(out_dir / GAZETTEER_FILE)
    cues = build_cue_table()
    write_cues(out_dir / CUES_FILE, cues)
    lexicon = build_lexicon()
    write_lexicon(out_dir / LEXICON_FILE, lexicon)
    mine(shared_dir, out_dir / DISTRIB_FILE, cues, lexicon)
    fx = load_features(out_dir, autogaz=False)
    train_two_stage(fx, anercorp_train(shared_dir), out_dir / MODEL_FILE, out_dir / AUTOGAZ_FILE, shared_dir)
    log.info("model written to %s in %.0fs", out_dir, time.time() - t0)
    return out_dir
