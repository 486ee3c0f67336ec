"""A generated Arabic news corpus for crash and scale tests: sentences assembled from templates written for
Marsad's tests (no text from ../shared or elsewhere). Deterministic for a given seed; every tenth article is a
lightly edited copy of an earlier one, as wire stories are, so story clustering has work to do.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

PEOPLE = ["مصطفى الكاظمي", "فؤاد حسين", "أحمد الصباح", "سالم العتيبي", "ليلى الحسن", "خالد المنصوري",
          "نادية العلي", "يوسف الشمري"]
ROLES = ["رئيس الوزراء", "وزير الخارجية", "وزير المالية", "المتحدث باسم الحكومة", "وزيرة الصحة", "محافظ البنك"]
PLACES = ["بغداد", "الرياض", "الكويت", "عمان", "القاهرة", "بيروت", "الموصل", "جدة", "البصرة", "دمشق"]
ORGS = ["الأمم المتحدة", "جامعة الدول العربية", "وزارة الصحة", "البنك الدولي", "مجلس التعاون الخليجي"]
TOPICS = ["الانتخابات", "الكهرباء", "التعليم", "المياه", "الاستثمار", "الطرق", "الإسكان", "الزراعة"]
DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس"]
TEMPLATES = [
    "قال {role} {person} في {place} إن الحكومة ستعمل على تحسين {topic} خلال الأشهر المقبلة.",
    "وأضاف {person} أن {org} تدعم خطة {topic} بمبلغ {n} مليون دولار.",
    "فقال مسؤول في {org} إن الاجتماع المقبل سيعقد في {place} يوم {day}.",
    "واستقبل {role} وفدا من {org} لبحث التعاون في مجال {topic}.",
    "وأعلنت {org} تسجيل {n} حالة جديدة في {place} منذ بداية الشهر.",
    "وأكد {person} للصحفيين أن ملف {topic} يحظى بأولوية لدى {org}.",
    "ودعا {role} سكان {place} إلى المشاركة في النقاش حول {topic}.",
    "وأشار التقرير إلى أن {n} مشروعا في {place} تأخر تنفيذها بسبب نقص التمويل.",
]


def article(rng: random.Random, n: int) -> dict:
    sents = []
    for _ in range(rng.randint(4, 9)):
        t = rng.choice(TEMPLATES)
        sents.append(t.format(role=rng.choice(ROLES), person=rng.choice(PEOPLE), place=rng.choice(PLACES),
                              org=rng.choice(ORGS), topic=rng.choice(TOPICS), day=rng.choice(DAYS),
                              n=rng.randint(2, 900)))
    sents.append(f"وهذا هو التقرير رقم {n} في سلسلة تقارير المرصد.")
    day = 1 + n % 28
    return {"id": f"syn-{n:05d}", "source": rng.choice(["alpha", "beta", "gamma"]),
            "url": f"https://example.test/syn/{n}", "date": f"2021-03-{day:02d} 09:00:00",
            "title": f"{rng.choice(PEOPLE)} يتحدث عن {rng.choice(TOPICS)}", "body": " ".join(sents)}


def generate(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out: list[dict] = []
    for i in range(n):
        if i >= 10 and i % 10 == 0:
            src = dict(out[rng.randrange(i - 10, i)])
            src.update(id=f"syn-{i:05d}", url=f"https://example.test/syn/{i}", source="wire",
                       body=src["body"] + f" (نقلا عن وكالة الأنباء، {i})")
            out.append(src)
        else:
            out.append(article(rng, i))
    return out


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for rec in generate(n, seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


MAPPING = "text=body,published=date"
