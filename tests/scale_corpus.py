"""Small JSONL partitions for the batch tests, built from sentences written for Marsad (not taken from any corpus)."""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from marsad.ingest.readers import DEFAULT_MAX_CHARS
from marsad.pipeline import Pipeline
from marsad.scale.partition import PartitionOptions, read_partition

DATELINES = ("عمان - ", "بغداد (رويترز) - ", "الرياض: ", "")
# {n} and {m} take numbers so that documents differ; the rest are ordinary news sentences.
SENTENCES = (
    "قال وزير الخارجية الأردني في مؤتمر صحفي يوم الثلاثاء إن المحادثات مع الجانب المصري كانت مثمرة.",
    "وأعلنت وزارة المالية الكويتية أن عجز الموازنة بلغ {n} مليار دينار خلال العام الماضي.",
    "وأكد رئيس الوزراء اللبناني أن الحكومة ستعقد جلسة طارئة صباح الخميس المقبل لبحث أزمة الكهرباء.",
    "وذكرت وكالة الأنباء الرسمية أن {m} شخصا أصيبوا في حادث سير على الطريق بين الرياض والدمام.",
    "وقالت المتحدثة باسم الأمم المتحدة: \"نحن قلقون للغاية من تدهور الأوضاع الإنسانية في المنطقة\".",
    "وارتفعت أسعار النفط بنسبة {n} في المئة يوم الاثنين بعد قرار منظمة أوبك خفض الإنتاج.",
    "ويزور الرئيس التونسي الجزائر في الخامس عشر من آذار المقبل في زيارة تستغرق ثلاثة أيام.",
    "وأفاد مراسلنا في بغداد بأن البرلمان العراقي صوت على قانون الانتخابات الجديد بأغلبية {m} صوتا.",
    "ودعا الأمين العام لجامعة الدول العربية إلى وقف فوري لإطلاق النار في السودان.",
    "وتوقع البنك الدولي أن ينمو اقتصاد المغرب بنحو {n} في المئة العام المقبل.",
    "وأضاف المسؤول أن الوفد السعودي سيصل إلى القاهرة مساء الأحد لاستكمال المشاورات.",
    "وأشار التقرير إلى أن صادرات قطر من الغاز ارتفعت إلى {m} مليون طن في الربع الأول.",
)


def article(rng: random.Random, sentences: int = 6) -> str:
    picked = [rng.choice(SENTENCES).format(n=rng.randint(2, 40), m=rng.randint(50, 900)) for _ in range(sentences)]
    return rng.choice(DATELINES) + " ".join(picked)


def write_partitions(folder: Path, partitions: int, docs: int, seed: int = 7, sentences: int = 6) -> list[str]:
    """``partitions`` JSONL files of ``docs`` articles each; returns every document id written, in order."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for p in range(partitions):
        with (folder / f"part-{p:03d}.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(docs):
                doc_id = f"p{p:03d}-d{i:03d}"
                rec = {"id": doc_id, "text": article(rng, sentences), "source": "marsad-test",
                       "published": f"2021-0{1 + p % 9}-{10 + i % 18:02d}"}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                ids.append(doc_id)
    return ids


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record without fields that legitimately differ between runs (timings, if a stage ever records them)."""
    rec = dict(record)
    if isinstance(rec.get("meta"), dict):
        rec["meta"] = {k: v for k, v in rec["meta"].items() if not k.endswith(("_ms", "_s", "seconds"))}
    return rec


def single_process_records(folder: Path, pipeline: Pipeline,
                           options: PartitionOptions = PartitionOptions(max_chars=DEFAULT_MAX_CHARS)) -> dict:
    """id -> record, from the same reader and pipeline run in this process, one document after another."""
    out = {}
    for f in sorted(folder.glob("*.jsonl")):
        for item in read_partition(f, options):
            if item.doc is not None:
                out[item.doc.id] = comparable(pipeline.run(item.doc).to_dict())
    return out
