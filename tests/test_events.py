"""The events stage on sentences written for these tests, with entities built by hand."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic.triggers import event_lexicon, past_forms, present_forms
from marsad.document import Document, Entity, Span, TimeExpr, all_spans
from marsad.stages.events import events
from marsad.stages.segment import segment

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def code(text: str, ents: tuple = (), times: tuple = (), published: str | None = "2024-05-08") -> Document:
    """Segment ``text``, add entities given as (id, type, kind, surfaces...) at every occurrence, run events."""
    doc = segment(Document(id="t", text=text, published=published))
    built = []
    for eid, typ, kind, *surfaces in ents:
        spans: list[Span] = []
        for s in surfaces:
            for m in re.finditer(re.escape(s), text):
                if not any(sp.start <= m.start() < sp.end for sp in spans):
                    spans.append(Span(m.start(), m.end(), s))
        built.append(Entity(eid, typ, surfaces[0], tuple(sorted(spans, key=lambda sp: sp.start)), kind=kind))
    tx = []
    for tid, surface, value in times:
        k = text.index(surface)
        tx.append(TimeExpr(tid, surface, k, k + len(surface), value))
    return events(doc.evolve(entities=tuple(built), times=tuple(tx)))


def of_type(doc: Document, typ: str) -> list:
    return [e for e in doc.events if e.type == typ]


def names(doc: Document, ids) -> list[str]:
    return [doc.entity(i).name for i in ids]


CASES = [
    ("AGREE", "ووقعت مصر والأردن اتفاقا لتبادل الغاز الطبيعي.",
     (("E1", "LOC", "country", "مصر"), ("E2", "LOC", "country", "الأردن")), "مصر"),
    ("CONSULT", "التقى الرئيس الفرنسي ماكرون نظيره الكيني روتو في باريس.",
     (("E1", "PER", "person", "ماكرون"), ("E2", "PER", "person", "روتو"), ("E3", "LOC", "city", "باريس")), "ماكرون"),
    ("SUPPORT", "وأشاد الملك عبدالله بجهود الحكومة اللبنانية.",
     (("E1", "PER", "person", "الملك عبدالله"), ("E2", "ORG", "government", "الحكومة اللبنانية")), "الملك عبدالله"),
    ("CONCEDE", "وأفرجت السلطات الإيرانية عن صحفي بريطاني.",
     (("E1", "ORG", "government", "السلطات الإيرانية"),), "السلطات الإيرانية"),
    ("COOPERATE", "ونسقت الشرطة التركية مع نظيرتها اليونانية لضبط الحدود.",
     (("E1", "ORG", "police", "الشرطة التركية"),), "الشرطة التركية"),
    ("AID", "وقدمت اليابان مساعدات إنسانية إلى السودان.",
     (("E1", "LOC", "country", "اليابان"), ("E2", "LOC", "country", "السودان")), "اليابان"),
    ("RETREAT", "وانسحبت القوات الروسية من البلدة صباح اليوم.",
     (("E1", "ORG", "military", "القوات الروسية"),), "القوات الروسية"),
    ("REQUEST", "وطالب الاتحاد الأوروبي إسرائيل بوقف الاستيطان.",
     (("E1", "ORG", "igo", "الاتحاد الأوروبي"), ("E2", "LOC", "country", "إسرائيل")), "الاتحاد الأوروبي"),
    ("ACCUSE", "واتهمت الحكومة السودانية قوات الدعم السريع بنهب المستشفى.",
     (("E1", "ORG", "government", "الحكومة السودانية"), ("E2", "ORG", "armed_group", "قوات الدعم السريع")),
     "الحكومة السودانية"),
    ("REJECT", "ورفضت إيران المقترح الأمريكي.", (("E1", "LOC", "country", "إيران"),), "إيران"),
    ("THREATEN", "وهدد الرئيس أردوغان بشن عملية برية.", (("E1", "PER", "person", "الرئيس أردوغان"),), "الرئيس أردوغان"),
    ("PROTEST", "وتظاهر آلاف الطلاب أمام وزارة التعليم في الرباط.", (), "الطلاب"),
    ("SANCTION", "وفرضت الولايات المتحدة عقوبات على شركات روسية.",
     (("E1", "LOC", "country", "الولايات المتحدة"),), "الولايات المتحدة"),
    ("MOBILIZE", "وحشد الجيش الإسرائيلي قوات إضافية على الحدود.",
     (("E1", "ORG", "military", "الجيش الإسرائيلي"),), "الجيش الإسرائيلي"),
    ("COERCE", "واعتقلت الشرطة الفرنسية ثلاثة مشتبه بهم في مرسيليا.",
     (("E1", "ORG", "police", "الشرطة الفرنسية"),), "الشرطة الفرنسية"),
    ("ASSAULT", "وقصفت طائرات حربية مواقع للمتمردين شمال البلاد.", (), "طائرات حربية"),
]


@pytest.mark.parametrize("typ,text,ents,actor", CASES, ids=[c[0] for c in CASES])
def test_events_codes_each_plover_type_with_its_actor(typ, text, ents, actor):
    doc = code(text, ents)
    found = of_type(doc, typ)
    assert found, [(e.type, e.trigger.text) for e in doc.events]
    assert actor in names(doc, found[0].actor)


def test_events_cases_cover_all_sixteen_plover_types():
    assert sorted({c[0] for c in CASES}) == sorted(PLOVER_TYPES)


def test_events_lexicon_covers_every_type_and_every_mode_is_coded():
    lex = event_lexicon()
    assert {t.type for t in lex.index.triggers} == set(PLOVER_TYPES)
    for t in lex.index.triggers:
        assert (t.type, t.mode) in lex.modes


def test_events_generates_verb_forms_from_past_and_present_stems():
    assert {"التقي", "التقت", "التقوا"} <= set(past_forms("التقي"))
    assert {"يلتقي", "تلتقي", "يلتقون"} <= set(present_forms("يلتقي"))
    assert {"يبحث", "تبحث", "يبحثون", "يبحثان"} <= set(present_forms("يبحث"))


def test_events_consult_has_recipient_location_time_and_codes():
    text = "التقى الرئيس الفرنسي ماكرون نظيره الكيني روتو في باريس يوم الثلاثاء."
    doc = code(text, (("E1", "PER", "person", "ماكرون"), ("E2", "PER", "person", "روتو"),
                      ("E3", "LOC", "city", "باريس")), times=(("T1", "الثلاثاء", "2024-05-07"),))
    ev = of_type(doc, "CONSULT")[0]
    assert (ev.mode, ev.cameo, ev.quad) == ("meeting", "04", 1)
    assert ev.recipient == ("E2",) and ev.location == "E3" and ev.time == "T1"
    assert ev.intensity is not None and not ev.negated


def test_events_negation_marks_the_event_negated():
    doc = code("ولم تقصف الطائرات المدينة أمس.")
    assert [e.negated for e in of_type(doc, "ASSAULT")] == [True]


def test_events_denial_verb_negates_the_reported_act():
    doc = code("ونفت الشرطة أنها اعتقلت الصحفي.", (("E1", "ORG", "police", "الشرطة"),))
    assert all(e.negated for e in of_type(doc, "COERCE")) and of_type(doc, "COERCE")


def test_events_threat_to_attack_is_threaten_not_assault():
    doc = code("وهدد قائد الجيش بشن هجوم على المتمردين.", (("E1", "PER", "person", "قائد الجيش"),))
    assert of_type(doc, "THREATEN") and not of_type(doc, "ASSAULT")


def test_events_promise_to_keep_supporting_is_agree():
    doc = code("وقال الوزير إن اليابان ستواصل دعم الحكومة الأفغانية.",
               (("E1", "LOC", "country", "اليابان"), ("E2", "ORG", "government", "الحكومة الأفغانية")))
    agree = of_type(doc, "AGREE")
    assert agree and agree[0].actor == ("E1",) and agree[0].recipient == ("E2",)
    assert not of_type(doc, "SUPPORT")


def test_events_future_tense_verb_is_coded_as_intent():
    doc = code("وسيزور الرئيس الكيني روتو القاهرة.", (("E1", "PER", "person", "الرئيس الكيني روتو"),))
    assert of_type(doc, "AGREE") and not of_type(doc, "CONSULT")


def test_events_passive_takes_actor_and_recipient_from_the_event_before():
    text = "واستقبل الملك سلمان الرئيس الكيني في الرياض، وتم بحث العلاقات الثنائية."
    doc = code(text, (("E1", "PER", "person", "الملك سلمان"), ("E2", "PER", "person", "الرئيس الكيني"),
                      ("E3", "LOC", "city", "الرياض")))
    consult = of_type(doc, "CONSULT")
    assert len(consult) == 1 and consult[0].actor == ("E1",) and consult[0].recipient == ("E2",)
    assert len(consult[0].triggers) == 2


def test_events_between_x_and_y_makes_every_party_an_actor():
    doc = code("وجرت محادثات بين مصر والسودان وإثيوبيا في الخرطوم.",
               (("E1", "LOC", "country", "مصر"), ("E2", "LOC", "country", "السودان"),
                ("E3", "LOC", "country", "إثيوبيا"), ("E4", "LOC", "city", "الخرطوم")))
    ev = of_type(doc, "CONSULT")[0]
    assert set(ev.actor) == {"E1", "E2", "E3"} and ev.mode == "multilateral" and ev.location == "E4"


def test_events_elided_subject_carries_the_actor_of_the_previous_sentence():
    text = "والتقى وزير الخارجية الألماني هايكو ماس العاهل الأردني في عمان. ثم زار مخيما للاجئين قرب الحدود."
    doc = code(text, (("E1", "PER", "person", "هايكو ماس"), ("E2", "PER", "person", "العاهل الأردني")))
    visits = [e for e in of_type(doc, "CONSULT") if e.mode == "visit"]
    assert visits and visits[0].actor == ("E1",) and visits[0].sentence == 1
    assert visits[0].confidence < 0.9


@pytest.mark.parametrize("text", [
    "وأكد الوزير أهمية ردع الاعتداءات الإرهابية ومكافحة الإرهاب.",
    "وشدد على الحماية من الاعتداءات ضد المدنيين.",
    "هل ستهاجم القوات المدينة؟",
    "وإذا هاجمت القوات المدينة فإن الحرب ستطول.",
    "وتحدث التقرير عن التفجيرات الانتحارية.",
])
def test_events_generic_hypothetical_and_reference_mentions_give_no_assault(text):
    assert not of_type(code(text), "ASSAULT")


@pytest.mark.parametrize("text", [
    "وفككت قوات الأمن أمس سيارة مفخخة قرب سوق شعبي.",
    "وأحبطت الشرطة أمس هجوما انتحاريا على سوق شعبي.",
    "وأعلن الجيش إحباط تفجير سيارة مفخخة قرب سوق شعبي.",
])
def test_events_foiled_or_defused_attacks_give_no_assault(text):
    assert not of_type(code(text), "ASSAULT")


def test_events_a_car_bomb_that_went_off_is_still_an_assault():
    assert of_type(code("وانفجرت أمس سيارة مفخخة قرب سوق شعبي فقتل خمسة أشخاص."), "ASSAULT")


def test_events_protest_verbs_of_marching_need_protesters_as_actor():
    assert of_type(code("وخرج المتظاهرون إلى الشوارع."), "PROTEST")
    assert not of_type(code("وخرج الوزير من الاجتماع."), "PROTEST")


def test_events_bombing_with_casualties_has_an_unidentified_attacker():
    doc = code("وقتل خمسة أشخاص في انفجار سيارة مفخخة قرب سوق شعبي.")
    ev = of_type(doc, "ASSAULT")
    assert ev and ev[0].mode == "explosives" and ev[0].actor
    assert doc.entity(ev[0].actor[0]).kind == "agent"


def test_events_attack_suffered_by_a_patrol_is_coded():
    doc = code("وتعرضت دورية للشرطة لهجوم مسلح أسفر عن مقتل جنديين.")
    assert of_type(doc, "ASSAULT")


def test_events_no_event_without_an_actor():
    assert not code("وجرى اجتماع مطول.").events


def test_events_spans_point_into_the_text_and_sit_in_their_sentence():
    text = ("بحث وزير الخارجية المصري مع نظيره التركي في أنقرة الأربعاء ملف غزة. "
            "وفجر انتحاري نفسه وسط حشد من الناس، وأطلق مسلحون النار على دورية للشرطة.")
    doc = code(text, (("E1", "PER", "person", "وزير الخارجية المصري"), ("E2", "PER", "person", "نظيره التركي")))
    assert doc.events
    for ev in doc.events:
        assert ev.actor
        main = doc.sentences[ev.sentence]
        assert main.start <= ev.trigger.start and ev.trigger.end <= main.end
        for sp in (ev.trigger, *ev.triggers):  # merged mentions may come from other sentences, each inside its own
            assert doc.text[sp.start:sp.end] == sp.text
            sent = doc.sentences[doc.sentence_of(sp.start)]
            assert sent.start <= sp.start and sp.end <= sent.end


def test_events_phrase_split_by_its_subject_keeps_verb_and_object_spans():
    doc = code("وأطلق مسلحون النار على حافلة للركاب.")
    ev = of_type(doc, "ASSAULT")[0]
    assert [t.text for t in ev.triggers] == ["أطلق", "النار"]  # the conjunction و is not part of the trigger
    assert names(doc, ev.actor) == ["مسلحون"]


def test_events_mentions_of_one_event_merge_into_one_record():
    text = "وزار الرئيس الكيني روتو القاهرة. وخلال زيارة روتو بحث الجانبان التعاون."
    doc = code(text, (("E1", "PER", "person", "الرئيس الكيني روتو", "روتو"), ("E2", "LOC", "city", "القاهرة")))
    visits = of_type(doc, "CONSULT")
    assert len([e for e in visits if e.actor == ("E1",)]) == 1
    assert len(visits[0].triggers) >= 2


def test_events_empty_document_is_left_alone():
    doc = segment(Document(id="e", text=""))
    assert events(doc).events == ()


def _lexicon_words() -> list[str]:
    from marsad.arabic.lexicon import read_tsv

    words = [r[0].split("|")[0] for r in read_tsv("event_triggers.tsv")]
    words += [r[0] for r in read_tsv("event_cues.tsv")] + [r[0] for r in read_tsv("event_agents.tsv")]
    return words + ["،", ".", "؟", "«", "»", "في", "مع", "بين", "و", "الى", "امس", "2005", "عام", "لل"]


WORDS = _lexicon_words()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_events_every_event_has_evidence_an_actor_and_valid_codes(text):
    doc = code(text)
    for kind, a, b, t in all_spans(doc):
        assert doc.text[a:b] == t, kind
    for ev in doc.events:
        assert ev.actor and all(doc.entity(x) is not None for x in ev.actor + ev.recipient)
        assert len(ev.cameo) == 2 and ev.cameo.isdigit() and 1 <= ev.quad <= 4
        sent = doc.sentences[ev.sentence]
        assert sent.start <= ev.trigger.start and ev.trigger.end <= sent.end


def test_events_a_match_between_clubs_is_no_meeting():
    ents = (("E1", "ORG", "club", "فريق النصر"), ("E2", "ORG", "club", "نادي السد"))
    doc = code("ويخوض فريق النصر غدا لقاءه الودي الأخير أمام نادي السد في النمسا.", ents)
    assert of_type(doc, "CONSULT") == []
    ents = (("E1", "PER", "person", "عادل الجبير"), ("E2", "PER", "person", "خالد العطية"))
    doc = code("والتقى وزير الخارجية عادل الجبير نظيره خالد العطية في الدوحة أمس.", ents)
    assert [e.actor for e in of_type(doc, "CONSULT")] == [("E1",)]


def test_events_blew_himself_up_is_a_suicide_attack_and_dawn_is_not_an_act():
    ents = (("E1", "ORG", "org", "مركز الشرطة"),)
    doc = code("وقال مسؤولون إن مهاجما انتحاريا فجر نفسه قرب مركز الشرطة أمس.", ents)
    assert [(e.type, e.mode) for e in doc.events] == [("ASSAULT", "suicide-attack")]
    assert code("وصل الوزير فجر أمس إلى المدينة.").events == ()


def test_events_praise_needs_its_bi_object_and_misc_names_do_not_act():
    ents = (("E1", "PER", "person", "دونالد ترامب"), ("E2", "LOC", "country", "المكسيك"))
    doc = code("وقال دونالد ترامب إنه سيطرد المهاجرين ويشيد جدارا على الحدود مع المكسيك.", ents)
    assert of_type(doc, "SUPPORT") == []
    ents = (("E1", "PER", "person", "ينس ستولتينبرغ"),)
    doc = code("وأشاد الأمين العام للحلف ينس ستولتينبرغ بالدور الذي يقوم به العراق.", ents)
    assert [e.actor for e in of_type(doc, "SUPPORT")] == [("E1",)]
    ents = (("E1", "MISC", None, "بيان جنيف"),)
    doc = code("وفق بيان جنيف اتفق الطرفان على وقف إطلاق النار.", ents)
    assert all("E1" not in e.actor + e.recipient for e in doc.events)


def test_events_host_recipient_is_the_titled_guest_not_the_body_in_the_title():
    ents = (("E1", "PER", "person", "فيصل بن بندر"), ("E2", "ORG", "org", "مجلس الشورى"),
            ("E3", "PER", "person", "صالح الفوزان"), ("E4", "LOC", "country", "تشيلي"),
            ("E5", "PER", "person", "خوان بيريز"))
    doc = code("استقبل الأمير فيصل بن بندر صباح اليوم عضو مجلس الشورى الشيخ صالح الفوزان. واستقبل الأمير فيصل بن بندر "
               "سفير جمهورية تشيلي لدى المملكة خوان بيريز.", ents)
    assert sorted(e.recipient for e in of_type(doc, "CONSULT")) == [("E3",), ("E5",)]


def test_events_after_an_the_noun_before_a_present_verb_is_its_subject():
    ents = (("E1", "LOC", "country", "الأردن"), ("E2", "PER", "person", "إيمانويل ماكرون"))
    doc = code("وقال الوزير إن الأردن تدعم الخطة التي اقترحها الرئيس الفرنسي إيمانويل ماكرون.", ents)
    assert [e.actor for e in of_type(doc, "SUPPORT")] == [("E1",)]


def test_events_any_attack_and_a_demanded_release_are_no_events():
    doc = code("وقال الوزير: لن نقبل بأي اعتداء على سيادتنا.")
    assert of_type(doc, "ASSAULT") == []
    ents = (("E1", "LOC", "country", "الجزائر"),)
    doc = code("وتظاهر آلاف في الجزائر الجمعة للمطالبة بإطلاق سراح المعتقلين.", ents)
    assert of_type(doc, "CONCEDE") == []


def test_events_passive_attack_takes_its_doer_from_birasas_or_ala_aydi():
    ents = (("E1", "ORG", "armed_forces", "الجيش الإسرائيلي"),)
    doc = code("قُتل ثلاثة فلسطينيين وأصيب آخرون برصاص الجيش الإسرائيلي فجر الأحد في مخيم جنين.", ents)
    assert {e.actor for e in of_type(doc, "ASSAULT")} == {("E1",)}


def test_events_host_guest_after_commas_that_set_off_time_and_place():
    ents = (("E1", "PER", "person", "محمد بن راشد"), ("E2", "PER", "person", "ناريندرا مودي"),
            ("E3", "LOC", "city", "دبي"))
    doc = code("استقبل الشيخ محمد بن راشد حاكم دبي، أمس، في قصر زعبيل، رئيس وزراء الهند ناريندرا مودي "
               "والوفد المرافق له.", ents)
    assert [(e.actor, e.recipient) for e in of_type(doc, "CONSULT")] == [(("E1",), ("E2",))]


def test_events_agency_lead_sentences():
    ents = (("E1", "PER", "person", "أنطونيو غوتيريش"), ("E2", "LOC", "country", "السودان"))
    doc = code("دعا الأمين العام أنطونيو غوتيريش، الخميس، إلى وقف فوري لإطلاق النار في السودان.", ents)
    assert [(e.type, e.actor) for e in doc.events] == [("REQUEST", ("E1",))]
    assert code("فجر اليوم وصل الوزير إلى المدينة.").events == ()
    ents = (("E1", "LOC", "country", "مصر"), ("E2", "LOC", "country", "الإمارات"))
    doc = code("وقّعت مصر والإمارات، اليوم، اتفاقية استثمار بقيمة 35 مليار دولار.", ents)
    assert [(e.type, e.actor) for e in doc.events] == [("AGREE", ("E1", "E2"))]
    ents = (("E1", "PER", "person", "ماركو روبيو"), ("E2", "PER", "person", "فيصل بن فرحان"))
    doc = code("أكد الوزير ماركو روبيو، في اتصال هاتفي مع نظيره فيصل بن فرحان، أهمية التنسيق.", ents)
    assert [(e.type, e.mode, e.actor, e.recipient) for e in doc.events] == [("CONSULT", "phone", ("E1",), ("E2",))]


def test_events_a_bombing_named_twice_in_one_clause_is_one_event():
    doc = code("وأسفر انفجار سيارة مفخخة في السوق عن سقوط 12 قتيلا.")
    assert len(of_type(doc, "ASSAULT")) == 1
