"""Documents built by hand for store and ingest tests, from Arabic sentences written for Marsad's tests."""
from __future__ import annotations

from marsad.document import Document, Entity, Event, Quantity, Quote, Span, TimeExpr

KADHIMI = "وقال رئيس الوزراء العراقي مصطفى الكاظمي للصحفيين في بغداد إن الحكومة ستجري الانتخابات في موعدها."
HUSSEIN = "قال وزير الخارجية فؤاد حسين إن بغداد تسعى إلى علاقات متوازنة مع جيرانها، فقال الكاظمي إنه يؤيد ذلك."
UN_AID = "أكدت الأمم المتحدة أن المساعدات وصلت إلى مدينة الموصل أمس بعد تأخر دام ثلاثة أيام."
HEALTH = "أعلنت وزارة الصحة السعودية تسجيل 200 إصابة جديدة في الرياض يوم الأحد، وهو أعلى رقم منذ شهر."
KUWAIT = "استقبل أمير الكويت وفدا من البرلمان الأوروبي لبحث التعاون الاقتصادي وتبادل الخبرات."


def span(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


def kadhimi_doc(doc_id: str = "kadhimi-1", published: str = "2021-03-03", source: str = "marsad-test",
                text: str = KADHIMI) -> Document:
    """A document with an entity, an event, a quote, a quantity and a time, all pointing into ``text``."""
    per = Entity("e1", "PER", "مصطفى الكاظمي", (span(text, "مصطفى الكاظمي"),) if "مصطفى الكاظمي" in text
                 else (span(text, "الكاظمي"),), name_en="Mustafa al-Kadhimi", country="IRQ", role="رئيس الوزراء")
    loc = Entity("e2", "LOC", "بغداد", (span(text, "بغداد"),), name_en="Baghdad", country="IRQ", lat=33.34,
                 lon=44.4, geo_id="98182", kind="city")
    trig = span(text, "قال")
    ev = Event("v1", "CONSULT", trig, 0, actor=("e1",), recipient=(), location="e2", cameo="010", quad=1,
               intensity=0.0, time="t1")
    q = Quote("q1", text[trig.end + 1: trig.end + 20], trig.end + 1, trig.end + 20, speaker="e1", cue=trig)
    qty = Quantity(text[:4], 0, 4, value=2, kind="count")
    t = TimeExpr("t1", text[-7:-1], len(text) - 7, len(text) - 1, value=published, kind="date")
    return Document(id=doc_id, text=text, published=published, source=source, url=f"https://example.test/{doc_id}",
                    title="الكاظمي يتحدث عن الانتخابات", entities=(per, loc), events=(ev,), quotes=(q,),
                    quantities=(qty,), times=(t,), meta=(("encoding", "utf-8"),))


def plain_doc(doc_id: str, text: str, published: str | None = "2021-03-04", source: str = "marsad-test") -> Document:
    return Document(id=doc_id, text=text, published=published, source=source)
