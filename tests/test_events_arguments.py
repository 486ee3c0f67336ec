"""Who acts and where, on sentences written for these tests: places never act, a condemned act is not the
condemner's, a relative clause takes its antecedent, a coordinated verb keeps its subject, the place is a LOC."""
from __future__ import annotations

import re

from marsad.arabic.normalize import fold_str
from marsad.arabic.triggers import event_lexicon
from marsad.document import Document, Entity, Span
from marsad.stages.events import events
from marsad.stages.segment import segment


def code(text: str, ents: tuple = ()) -> Document:
    """Segment ``text``, add entities given as (id, type, kind, surface[, geo_id]) at every occurrence, run events."""
    doc = segment(Document(id="t", text=text, published="2024-05-08"))
    built = []
    for eid, typ, kind, surface, *geo in ents:
        spans = tuple(Span(m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), text))
        built.append(Entity(eid, typ, surface, spans, kind=kind, geo_id=geo[0] if geo else None))
    return events(doc.evolve(entities=tuple(built)))


def of_type(doc: Document, typ: str) -> list:
    return [e for e in doc.events if e.type == typ]


def names(doc: Document, ids) -> list[str]:
    return [doc.entity(i).name for i in ids]

EU = ("E1", "ORG", "regional", "الاتحاد الأوروبي")
HORMUZ = ("E2", "LOC", "region", "مضيق هرمز")
UN = ("E3", "ORG", "igo", "الأمم المتحدة")
CONDEMNATION = ("وأدان الاتحاد الأوروبي في بيانه الهجمات التي استهدفت ناقلات النفط قرب مضيق هرمز، "
                "وطالب الأمم المتحدة بالتحرك.")


def _all_actors(doc: Document) -> set[str]:
    return {a for e in doc.events for a in e.actor + e.recipient}


def test_events_condemnation_is_coded_for_the_condemner():
    doc = code(CONDEMNATION, (EU, HORMUZ, UN))
    assert [names(doc, e.actor) for e in of_type(doc, "ACCUSE")] == [["الاتحاد الأوروبي"]]


def test_events_a_strait_is_never_an_actor_or_a_recipient():
    doc = code(CONDEMNATION, (EU, HORMUZ, UN))
    assert "E2" not in _all_actors(doc)


def test_events_condemned_attacks_are_not_the_condemners():
    doc = code(CONDEMNATION, (EU, HORMUZ, UN))
    assert all("E1" not in e.actor for e in of_type(doc, "ASSAULT"))


def test_events_coordinated_demand_keeps_the_condemner_as_actor_and_takes_the_object_as_recipient():
    doc = code(CONDEMNATION, (EU, HORMUZ, UN))
    [req] = of_type(doc, "REQUEST")
    assert names(doc, req.actor) == ["الاتحاد الأوروبي"]
    assert names(doc, req.recipient) == ["الأمم المتحدة"]


def test_events_denied_bombing_does_not_take_the_denier_as_actor():
    doc = code("ونفت الحكومة السورية التفجير الذي أودى بحياة عشرة أشخاص في حمص.",
               (("E1", "ORG", "government", "الحكومة السورية"), ("E2", "LOC", "city", "حمص")))
    assert all("E1" not in e.actor for e in of_type(doc, "ASSAULT"))


def test_events_relative_clause_verb_takes_its_antecedent_not_the_name_after_it():
    doc = code("وشاهد الصحفيون المسلحين الذين هاجموا قافلة الأمم المتحدة قرب الحدود.",
               (("E1", "ORG", "igo", "الأمم المتحدة"),))
    for e in of_type(doc, "ASSAULT"):
        assert "E1" not in e.actor


def test_events_relative_clause_verb_with_a_named_antecedent_takes_it_as_actor():
    doc = code("ونشر الجيش الأردني بيانا عن الكتيبة التي اعتقلت مهربين قرب الحدود مع سوريا.",
               (("E1", "ORG", "military", "الكتيبة"), ("E2", "LOC", "country", "سوريا"),
                ("E3", "ORG", "military", "الجيش الأردني")))
    [arrest] = of_type(doc, "COERCE")
    assert names(doc, arrest.actor) == ["الكتيبة"]


def test_events_city_that_is_no_capital_is_a_place_not_an_actor():
    doc = code("واستقبلت البصرة وفدا حكوميا برئاسة وزير النفط حيان عبد الغني.",
               (("E1", "LOC", "city", "البصرة"), ("E2", "PER", "person", "حيان عبد الغني")))
    assert "E1" not in {a for e in doc.events for a in e.actor}


def test_events_capital_city_may_stand_for_its_government():
    riyadh = ("E1", "LOC", "city", "الرياض", "108410")  # the gazetteer's geo_id for Riyadh, a capital
    doc = code("واستضافت الرياض اجتماعا لوزراء الخارجية العرب يوم الخميس.", (riyadh,))
    assert [e.actor for e in of_type(doc, "CONSULT")] == [("E1",)]


def test_events_country_after_a_direction_word_is_a_place_not_a_recipient():
    doc = code("وتظاهر مئات من المحتجين في مدينة الناصرية جنوبي العراق احتجاجا على البطالة.",
               (("E1", "LOC", "city", "الناصرية"), ("E2", "LOC", "country", "العراق")))
    assert all("E2" not in e.recipient for e in doc.events)


def test_events_feminine_verb_does_not_take_a_masculine_organisation_as_subject():
    doc = code("ورفضت الحكومة اليمنية المبادرة، واتهمت المجلس الانتقالي بتعطيل الاتفاق.",
               (("E1", "ORG", "government", "الحكومة اليمنية"), ("E2", "ORG", "movement", "المجلس الانتقالي")))
    [acc] = of_type(doc, "ACCUSE")
    assert names(doc, acc.actor) == ["الحكومة اليمنية"] and names(doc, acc.recipient) == ["المجلس الانتقالي"]


def test_events_place_after_a_new_clause_is_not_the_first_events_location():
    doc = code("واستضافت عمان وزير الخارجية الإيراني عباس عراقجي، وناقش الجانبان أمن الملاحة في البحر الأحمر.",
               (("E1", "LOC", "country", "عمان"), ("E2", "LOC", "region", "البحر الأحمر"),
                ("E3", "PER", "person", "عباس عراقجي")))
    hosts = [e for e in of_type(doc, "CONSULT") if e.mode == "host"]
    assert hosts and all(e.location != "E2" for e in hosts)


def test_events_location_is_always_a_place_entity():
    doc = code(CONDEMNATION, (EU, HORMUZ, UN))
    types = {e.id: e.type for e in doc.entities}
    assert all(e.location is None or types[e.location] == "LOC" for e in doc.events)


def test_events_protest_verb_done_by_security_forces_is_not_coded_from_that_verb():
    doc = code("وأغلقت قوات الأمن الطرق المؤدية إلى ساحة التحرير، وأصيب عشرة متظاهرين بحالات اختناق.")
    assert all(e.trigger.text != "أغلقت" for e in of_type(doc, "PROTEST"))


def test_events_verb_describing_an_indefinite_plural_does_not_take_the_name_after_it_as_actor():
    doc = code("ورفع المحتجون لافتات تطالب الحكومة الليبية بتوفير الكهرباء.",
               (("E1", "ORG", "government", "الحكومة الليبية"),))
    assert all("E1" not in e.actor for e in doc.events)


def test_events_relative_clause_killing_without_object_is_passive():
    doc = code("ونعى الحزب عضوه سامي فرحات الذي قتل في انفجار عبوة ناسفة قرب منزله.",
               (("E1", "PER", "person", "سامي فرحات"),))
    assert all("E1" not in e.actor for e in of_type(doc, "ASSAULT"))


def test_events_subject_pronoun_before_the_verb_is_its_subject_not_the_genitive_after_it():
    doc = code("وقال الرئيس في خطابه وهو يدعو أهل لبنان إلى الحوار إن البلاد بحاجة إلى التوافق.",
               (("E1", "LOC", "country", "لبنان"),))
    assert all("E1" not in e.actor for e in of_type(doc, "REQUEST"))


def test_events_visit_noun_takes_the_country_after_it_as_the_place_visited():
    doc = code("وأعلن وزير الخارجية النمساوي سباستيان كورتس عزمه زيارة إيران الشهر المقبل.",
               (("E1", "PER", "person", "سباستيان كورتس"), ("E2", "LOC", "country", "إيران")))
    assert all("E2" not in e.actor for e in doc.events)


def test_events_generic_gunman_does_not_become_the_subject_of_the_next_sentence():
    doc = code("وجاء القرار بعد هجوم لشاب مسلح على فندق قتل فيه عشرون سائحا. كما سيناقش وزراء الخارجية سبل دعم تونس.",
               (("E1", "LOC", "country", "تونس"),))
    assert all(e.type in ("ASSAULT",) for e in doc.events if any(
        doc.entity(a).kind == "agent" and doc.entity(a).role == "attacker" for a in e.actor))


def _agent(doc: Document, eid: str):
    e = doc.entity(eid)
    return e.name, e.kind, e.country


def test_events_unnamed_office_holder_with_a_nationality_is_a_state_actor():
    doc = code("واستقبل الرئيس الأمريكي في البيت الأبيض أمس رئيس الوزراء العراقي.")
    (ev,) = of_type(doc, "CONSULT")
    assert _agent(doc, ev.actor[0]) == ("الرئيس الأمريكي", "agent", "USA")
    assert _agent(doc, ev.recipient[0]) == ("رئيس الوزراء العراقي", "agent", "IRQ")


def test_events_a_title_beside_a_name_is_no_agent_of_its_own():
    kamal = ("E1", "PER", "person", "كمال الراشد")
    # the title after the name is the person's; a name later in the clause takes the title too
    doc = code("وأشاد كمال الراشد رئيس الوزراء الأردني بالاتفاق.", (kamal,))
    assert [names(doc, e.actor) for e in doc.events] == [["كمال الراشد"]]
    assert not [e for e in doc.entities if e.kind == "agent"]
    doc = code("وأشاد وزير الخارجية الأردني السابق كمال الراشد بالاتفاق.", (kamal,))
    assert [names(doc, e.actor) for e in doc.events] == [["كمال الراشد"]]


def test_events_named_subject_before_a_present_verb_receives_the_titled_guest():
    doc = code("الشيخ كمال الراشد يستقبل وزير الخارجية الأردني", (("E1", "PER", "person", "كمال الراشد"),))
    (ev,) = of_type(doc, "CONSULT")
    assert names(doc, ev.actor) == ["كمال الراشد"]
    assert _agent(doc, ev.recipient[0])[2] == "JOR"


def test_events_indefinite_noun_before_the_verb_is_its_subject_not_the_titled_agent_after_it():
    doc = code("ووجهت المحكمة تهمة ثانية إلى شاب هاجم السفير الأمريكي بسكين مطبخ.")
    assert not [e for e in of_type(doc, "ASSAULT") if doc.entity(e.actor[0]).country == "USA"]


def test_events_a_source_who_would_not_be_named_rejects_and_requests_nothing():
    doc = code("وقال مسؤول أمني رفض الكشف عن هويته إن التحقيق مستمر، وأضاف ضابط طلب عدم الكشف عن رتبته أن الطريق مغلق.")
    assert not of_type(doc, "REJECT") and not of_type(doc, "REQUEST")


def test_events_targeting_is_an_attack_only_among_words_of_violence():
    fest = ("E1", "ORG", "org", "مهرجان التمور")
    doc = code("واستهدف مهرجان التمور طلاب المدارس ببرامج زيارات وهدايا.", (fest,))
    assert not of_type(doc, "ASSAULT")
    isis = ("E1", "ORG", "armed_group", "تنظيم داعش")
    doc = code("واستهدف تنظيم داعش بسيارة مفخخة حاجزا للجيش.", (isis,))
    assert names(doc, of_type(doc, "ASSAULT")[0].actor) == ["تنظيم داعش"]


def test_events_wa_adda_considered_is_no_promise():
    sami = ("E1", "PER", "person", "سامي الراشد")
    assert not of_type(code("وعدّ سامي الراشد البرنامج من أهم البرامج.", (sami,)), "AGREE")
    assert not of_type(code("وعد سامي الراشد هذه التصريحات غير مسؤولة بأنها تضر بالعلاقات.", (sami,)), "AGREE")
    assert of_type(code("ووعد سامي الراشد بتحسين الخدمات.", (sami,)), "AGREE")
    assert of_type(code("ووعد سامي الراشد أن تنتهي الأزمة قريبا.", (sami,)), "AGREE")


def test_events_a_match_is_no_meeting_and_a_late_win_no_abduction():
    mex, pan = ("E1", "LOC", "country", "المكسيك"), ("E2", "LOC", "country", "بنما")
    assert not of_type(code("وفي المباراة النهائية تلتقي المكسيك مع بنما غدا.", (mex, pan)), "CONSULT")
    club = ("E1", "ORG", "org", "لودوغوريتس")
    assert not of_type(code("وخطف لودوغوريتس فوزاً متأخراً من ضيفه في الملعب.", (club,)), "ASSAULT")


def test_events_an_interview_is_no_meeting():
    sami = ("E1", "PER", "person", "سامي الراشد")
    assert not of_type(code("وقال سامي الراشد في لقاء تلفزيوني إن الموسم صعب.", (sami,)), "CONSULT")
    agency = ("E2", "ORG", "media", "وكالة الأنباء")
    assert not of_type(code("وأضاف سامي الراشد في اتصال هاتفي مع وكالة الأنباء أن الصفقة تمت.", (sami, agency)),
                       "CONSULT")


def test_events_we_inside_a_quotation_is_its_speaker_and_outside_one_no_actor():
    from marsad.pipeline import load_pipeline

    doc = load_pipeline().analyze('وقال وزير الخارجية الأمريكي سام ديفيس: «نحن ندين الهجمات ونحن ندعم الحكومة العراقية».')
    kerry = [e.id for e in doc.entities if e.name == "سام ديفيس"]
    assert {e.type for e in doc.events} >= {"ACCUSE", "SUPPORT"}
    assert all(list(e.actor) == kerry for e in doc.events)
    doc = load_pipeline().analyze("ونحن ندعم الحل السياسي في سوريا كما قال الكاتب.")
    assert not of_type(doc, "SUPPORT")


def test_events_a_host_receiving_several_guests_is_still_hosting():
    host, a, b = (("E1", "PER", "person", "كمال الراشد"), ("E2", "PER", "person", "نادر الحمدان"),
                  ("E3", "PER", "person", "سعود المطيري"))
    doc = code("استقبل كمال الراشد في مكتبه نادر الحمدان وسعود المطيري.", (host, a, b))
    (ev,) = of_type(doc, "CONSULT")
    assert ev.mode == "host" and len(ev.recipient) == 2


def test_events_a_place_talked_about_is_not_where_the_talk_happened():
    sisi, abbas, gaza = (("E1", "PER", "person", "كمال الراشد"), ("E2", "PER", "person", "نادر الحمدان"),
                         ("E3", "LOC", "region", "قطاع غزة"))
    doc = code("أجرى كمال الراشد اتصالا هاتفيا مع نادر الحمدان بحثا خلاله الأوضاع في قطاع غزة.", (sisi, abbas, gaza))
    (ev,) = of_type(doc, "CONSULT")
    assert ev.location is None
    cairo = ("E3", "LOC", "city", "القاهرة")
    doc = code("التقى كمال الراشد نادر الحمدان في القاهرة لبحث الأزمة في المنطقة.", (sisi, abbas, cairo))
    assert of_type(doc, "CONSULT")[0].location == "E3"


def test_events_accused_separatists_are_the_attackers_and_the_recipient():
    gov = ("E1", "ORG", "government", "الحكومة الأوكرانية")
    doc = code("واتهمت الحكومة الأوكرانية الانفصاليين بشن أعنف قصف منذ أشهر.", (gov,))
    (acc,) = of_type(doc, "ACCUSE")
    assert [doc.entity(r).name for r in acc.recipient] == ["الانفصاليين"]
    assert [doc.entity(a).name for a in of_type(doc, "ASSAULT")[0].actor] == ["الانفصاليين"]


def test_events_a_word_starting_with_ba_is_no_bi_object():
    sami = ("E1", "PER", "person", "سامي الراشد")
    assert not of_type(code("وعد سامي الراشد برنامج التدريب من البرامج المهمة التي تقدمها الوزارة.", (sami,)), "AGREE")


def test_events_an_unnamed_host_office_after_a_past_verb_acts_and_the_titled_guest_is_received():
    guest = ("E1", "PER", "person", "سالم الحمدان")
    doc = code("استقبل ولي العهد في مكتبه وزير الدولة لشؤون الخارجية الشيخ سالم الحمدان.", (guest,))
    (ev,) = of_type(doc, "CONSULT")
    assert doc.entity(ev.actor[0]).name == "ولي العهد" and names(doc, ev.recipient) == ["سالم الحمدان"]
    # a present verb after an indefinite noun is a clause: the office there is its object, no actor
    doc = code("وخرج الأهالي بتظاهرة تطالب رئيس الوزراء بتشكيل مجلس جديد.")
    assert not [e for e in doc.events if any(doc.entity(a).name == "رئيس الوزراء" for a in e.actor)]


def test_events_a_name_right_before_a_present_verb_is_its_subject():
    tamim, guest = ("E1", "PER", "person", "تميم الراشد"), ("E2", "PER", "person", "عادل الحمدان")
    doc = code("الشيخ تميم الراشد يستقبل وزير الخارجية عادل الحمدان", (tamim, guest))
    (ev,) = of_type(doc, "CONSULT")
    assert names(doc, ev.actor) == ["تميم الراشد"] and names(doc, ev.recipient) == ["عادل الحمدان"]


def test_events_the_condemner_does_not_carry_to_the_attack_told_after():
    oic = ("E1", "ORG", "igo", "رابطة المدن العربية")
    doc = code("أدانت رابطة المدن العربية مساء الخميس الهجوم الإرهابي في الميناء. وفجرت انتحاريتان نفسيهما قرب الرصيف.",
               (oic,))
    assert not [e for e in of_type(doc, "ASSAULT") if "E1" in e.actor]


def test_events_a_named_person_killed_by_a_bombing_is_the_victim():
    victim = ("E1", "PER", "person", "نادر الحمدان")
    doc = code("وفي يونيو الماضي، قتل نادر الحمدان النائب العام بتفجير سيارته في العاصمة.", (victim,))
    kills = [e for e in of_type(doc, "ASSAULT") if e.mode == "kill"]
    assert kills and names(doc, kills[0].recipient) == ["نادر الحمدان"] and "E1" not in kills[0].actor
    army = ("E2", "ORG", "military", "الجيش")
    doc = code("وقتل الجيش ثلاثة مسلحين بقصف مدفعي.", (army,))
    assert any(e.actor == ("E2",) for e in of_type(doc, "ASSAULT"))


# Whole-pipeline cases (entities found by Marsad itself), written in the styles of agency copy.
def _analyze(text: str) -> Document:
    from marsad import analyze

    return analyze(text, published="2024-05-08")


def test_events_a_coordinated_verb_shares_the_subject_of_the_verb_that_opens_the_sentence():
    doc = _analyze("واستخدمت قوات الأمن الغاز المسيل للدموع لتفريق الطلاب أمام الجامعة، واعتقلت نحو عشرين شخصا.")
    [arrest] = of_type(doc, "COERCE")
    assert names(doc, arrest.actor) == ["قوات الأمن"]


def test_events_inna_hu_after_a_reporting_verb_is_the_speaker():
    doc = _analyze("وقالت الجمعية الوطنية للمعلمين، أكبر نقابة في المملكة، إنها ترفض قرار الحكومة رفع الرسوم.")
    assert all(names(doc, e.actor) == ["الجمعية الوطنية للمعلمين"] for e in doc.events) and doc.events


def test_events_the_subject_before_a_quoted_verb_acts():
    doc = _analyze('وأضاف المتحدث أن الأردن "يرفض أي تدخل في شؤونه الداخلية".')
    [rej] = of_type(doc, "REJECT")
    assert names(doc, rej.actor) == ["الأردن"]


def test_events_a_call_for_a_strike_is_no_strike_and_qad_daa_is_a_verb():
    doc = _analyze("وكان النائب البريطاني توني بلير قد دعا الأسبوع الماضي إلى إضراب عام.")
    assert [e.type for e in doc.events] == ["REQUEST"]
    [req] = doc.events
    [when] = [t for t in doc.times if t.id == req.time]
    assert (when.value, when.kind) == ("2024-04-29", "week")  # the Monday of last week (published on a Wednesday)


def test_events_an_attack_that_is_the_subject_has_no_carried_actor():
    doc = _analyze("وتوعدت وزارة الداخلية بملاحقة الجناة. واستهدف الاعتداء حافلة تقل عمالا قرب المصنع.")
    [attack] = of_type(doc, "ASSAULT")
    assert "وزارة الداخلية" not in names(doc, attack.actor)


def test_events_a_place_after_madina_is_where_it_happened():
    doc = _analyze("تظاهر مئات الطلاب في مدينة الزرقاء احتجاجا على رفع الرسوم.")
    [protest] = of_type(doc, "PROTEST")
    assert doc.entity(protest.location).name == "الزرقاء"


def test_events_the_body_in_a_spokesmans_title_is_not_the_actor():
    for title in ("المتحدث باسم الجيش السوداني", "المتحدث باسم الجيش السوداني العميد"):
        doc = _analyze(f"واتهم {title} سامي الطيب قوات الدعم السريع بقصف الأحياء السكنية.")
        [accuse] = of_type(doc, "ACCUSE")
        assert names(doc, accuse.actor) == ["سامي الطيب"]
        assert names(doc, accuse.recipient) == ["قوات الدعم السريع"]


def test_events_a_speakers_own_forces_act_and_a_call_is_made_to_whom_comes_before_ila():
    doc = _analyze("وأكد الجيش الإسرائيلي أن طائراته أغارت ليلا على مخازن أسلحة تابعة لحزب الله قرب الحدود.")
    [raid] = of_type(doc, "ASSAULT")
    assert names(doc, raid.actor) == ["الجيش الإسرائيلي"] and names(doc, raid.recipient) == ["حزب الله"]
    doc = _analyze("ودعا رئيس حكومة تصريف الأعمال سليم حداد المجتمع الدولي إلى الضغط على إيران لوقف التصعيد.")
    [call] = of_type(doc, "REQUEST")
    assert names(doc, call.actor) == ["سليم حداد"] and call.recipient == ()
    assert {e.name: e.role for e in doc.entities}["سليم حداد"] == "رئيس الوزراء"
    doc = _analyze("ودعا الرئيس الفرنسي جان مارتان إيران إلى ضبط النفس.")
    [call] = of_type(doc, "REQUEST")
    assert names(doc, call.recipient) == ["إيران"]


def test_events_what_marchers_demand_is_not_done_and_counted_detainees_are_not_the_arresters():
    doc = _analyze("تظاهر مئات الطلاب أمام السفارة، مطالبين بإغلاقها وطرد السفير.")
    assert [e.type for e in doc.events] == ["PROTEST"]
    doc = _analyze("وأفادت مصادر محلية بأن الأمن اعتقل 15 متظاهرا على الأقل في وسط المدينة.")
    [arrest] = of_type(doc, "COERCE")
    assert names(doc, arrest.recipient) != [] and "متظاهر" not in " ".join(names(doc, arrest.actor))


def test_events_a_drone_coordinated_with_the_missiles_of_an_attack_is_no_target():
    doc = _analyze("وأعلنت جماعة الحوثي أنها استهدفت سفينة تجارية في البحر الأحمر بصاروخين باليستيين وطائرة مسيرة.")
    [attack] = of_type(doc, "ASSAULT")
    assert names(doc, attack.actor) == ["جماعة الحوثي"] and attack.recipient == ()


def test_events_tear_gas_fired_at_protesters_is_repression():
    doc = _analyze("وأطلقت الشرطة الغاز المسيل للدموع على المحتجين في وسط المدينة.")
    [gas] = of_type(doc, "COERCE")
    assert (gas.mode, names(doc, gas.actor)) == ("repress", ["الشرطة"])


def test_events_a_place_ending_a_phrase_is_not_the_subject_of_the_next_verb_with_wa():
    doc = _analyze("وسقطت الطائرة خلال رحلة بين القاهرة وعمان وقتل جميع ركابها.")
    assert all("عمان" not in names(doc, e.actor) for e in doc.events)


def test_events_armed_forces_are_one_agent_and_a_campaign_names_its_doer():
    doc = _analyze("قتل 9 مسلحين في حملة واسعة نفذتها القوات المسلحة الليبية قرب مدينة درنة.")
    [killing] = of_type(doc, "ASSAULT")
    assert names(doc, killing.actor) == ["القوات المسلحة الليبية"]


def test_events_unknown_gunmen_are_one_attacker_not_a_target():
    doc = _analyze("هاجم مسلحون مجهولون نقطة تفتيش للشرطة في بلدة الرمادي مساء أمس.")
    [attack] = of_type(doc, "ASSAULT")
    assert attack.recipient == () or "مجهولون" not in names(doc, attack.recipient)


def test_events_the_headline_meeting_and_the_story_meeting_are_one_event():
    doc = _analyze("الرئيس يستقبل المبعوث الأممي\nاستقبل الرئيس اللبناني ميشال حداد، اليوم الثلاثاء، في قصر بعبدا، "
                   "وفدا من رجال الأعمال.")
    hosts = of_type(doc, "CONSULT")
    assert len(hosts) == 1 and len(hosts[0].triggers) == 2


def test_events_lakinnahu_keeps_the_subject_of_the_main_clause_after_a_discourse_opener():
    doc = _analyze("من جهته، أعلن رئيس الحزب الوطني سالم العمري أن حزبه سيشارك في الحوار، لكنه اتهم "
                   "الحكومة الأردنية بتعطيل الإصلاح.")
    [acc] = of_type(doc, "ACCUSE")
    assert names(doc, acc.actor) == ["سالم العمري"] and names(doc, acc.recipient) == ["الحكومة الأردنية"]


def test_events_renewed_clashes_are_a_current_fight():
    doc = _analyze("تجددت الاشتباكات العنيفة بين الجيش السوداني وقوات الدعم السريع في مدينة الأبيض.")
    [fight] = of_type(doc, "ASSAULT")
    assert sorted(names(doc, fight.actor)) == ["الجيش السوداني", "قوات الدعم السريع"]


def test_events_wounded_by_the_armys_bullets_is_an_attack_by_the_army_on_the_named_victim():
    doc = _analyze("استشهد الشاب سامر خليل برصاص الجيش الإسرائيلي قرب نابلس، وأصيب آخر برصاص الجيش نفسه.")
    attacks = of_type(doc, "ASSAULT")
    assert attacks and all(names(doc, e.actor) == ["الجيش الإسرائيلي"] for e in attacks)
    assert any(names(doc, e.recipient) == ["سامر خليل"] for e in attacks)


def test_events_two_verbs_of_one_meeting_in_one_sentence_are_one_event():
    doc = _analyze("والتقى وزير الخارجية الأردني أيمن الصفدي أمس السفير الياباني في عمان كينجي ساتو، وبحث معه "
                   "العلاقات الثنائية.")
    meetings = of_type(doc, "CONSULT")
    assert len(meetings) == 1


def test_events_attacking_players_make_no_assault_and_the_caller_is_the_actor():
    doc = _analyze("وهاجم لاعبو الفريق بقوة في الشوط الثاني، لكن الحارس تصدى لعدة محاولات.")
    assert of_type(doc, "ASSAULT") == []
    doc = _analyze("وتلقى الرئيس المصري عبد الفتاح السيسي اتصالا هاتفيا من الملك عبد الله الثاني عاهل الأردن.")
    [call] = of_type(doc, "CONSULT")
    assert "عبد الله الثاني" in names(doc, call.actor)[0] and names(doc, call.recipient) == ["عبد الفتاح السيسي"]


def test_events_the_owner_of_the_aircraft_or_gunmen_acts():
    doc = _analyze("قتل خمسة مسلحين بغارة نفذتها طائرات القوة الجوية العراقية قرب الحدود.")
    attacks = of_type(doc, "ASSAULT")
    assert attacks and all("مسلحين" not in names(doc, e.actor) for e in attacks)
    assert any(names(doc, e.actor) == ["القوة الجوية العراقية"] for e in attacks)


def test_events_a_ceasefire_is_no_shooting_and_police_do_not_protest():
    doc = _analyze("رفضت حركة حماس المقترح الأخير لوقف إطلاق النار في القطاع.")
    assert [e.type for e in doc.events] == ["REJECT"]
    doc = _analyze("اعتقلت الشرطة الفرنسية 12 شخصا خلال احتجاجات في باريس.")
    [protest] = of_type(doc, "PROTEST")
    assert "الشرطة الفرنسية" not in names(doc, protest.actor)


def test_events_forces_with_a_nationality_are_an_actor():
    doc = _analyze("انسحبت القوات الروسية من البلدة بعد معارك عنيفة.")
    [retreat] = of_type(doc, "RETREAT")
    assert names(doc, retreat.actor) == ["القوات الروسية"] and doc.entity(retreat.actor[0]).country == "RUS"


def test_events_a_crowd_is_of_the_people_named_after_it_and_a_summoned_ambassador_is_the_recipient():
    doc = _analyze("وتظاهر مئات السوريين في مدينة إدلب احتجاجا على القصف.")
    [protest] = of_type(doc, "PROTEST")
    crowd = doc.entity(protest.actor[0])
    assert (crowd.name, crowd.country) == ("مئات السوريين", "SYR")
    doc = _analyze("استدعت وزارة الخارجية العراقية السفير التركي في بغداد.")
    [summon] = of_type(doc, "SANCTION")
    assert [doc.entity(r).country for r in summon.recipient] == ["TUR"]


def test_events_an_announced_arrest_is_the_announcers_and_between_is_no_party_to_an_arrest():
    doc = _analyze("أعلنت الشرطة الأردنية، مساء الثلاثاء، القبض على خلية من ستة أشخاص في مدينة الزرقاء.")
    [arrest] = of_type(doc, "COERCE")
    assert names(doc, arrest.actor) == ["الشرطة الأردنية"]
    doc = _analyze("وكان المتهم يتنقل حتى لحظة القبض عليه بين الأردن وسوريا ولبنان.")
    assert of_type(doc, "COERCE") == []


def test_events_the_opening_verb_is_found_after_a_dateline():
    doc = _analyze("إربد - أعلن المتحدث باسم مديرية الأمن العام، اليوم، القبض على ثلاثة مطلوبين في المدينة.")
    assert [e.type for e in doc.events] == ["COERCE"]


def test_events_a_meeting_noun_with_a_pronoun_is_its_doers_and_the_noun_after_it_the_guest():
    # لقائه: the hamza sits on ي before the pronoun, and the pronoun, not the counterpart after it, holds the meeting
    host = ("P1", "PER", "person", "كارلوس رويث")
    guest = ("P2", "PER", "person", "هالة منصور")
    doc = code("وجاءت تصريحات كارلوس رويث خلال لقائه نظيرته هالة منصور في الرباط أمس.", (host, guest))
    meeting = of_type(doc, "CONSULT")
    assert len(meeting) == 1
    assert names(doc, meeting[0].actor) == ["كارلوس رويث"] and names(doc, meeting[0].recipient) == ["هالة منصور"]
    index = event_lexicon().index
    for word in ("لقاؤه", "لقائهما", "لقاءه"):  # every seat of the hamza before a pronoun
        hit = index.match_at([fold_str(word)], 0, 1)
        assert hit is not None and hit.pronoun and hit.trigger.type == "CONSULT", word


def test_events_a_place_noun_with_its_nationality_between_in_and_the_name_still_places_the_event():
    army = ("O1", "ORG", "military", "الجيش اللبناني")
    city = ("L1", "LOC", "city", "طرابلس")
    doc = code("اشتبك الجيش اللبناني مع مسلحين في المدينة الشمالية طرابلس. وقصف الجيش اللبناني مواقع في العاصمة "
               "الليبية طرابلس.", (army, city))
    assert of_type(doc, "ASSAULT") and all(e.location == "L1" for e in of_type(doc, "ASSAULT"))


def test_events_a_dual_verb_or_subject_joins_the_two_parties_of_the_event_before():
    host = ("P1", "PER", "person", "سالم الراشد")
    guest = ("P2", "PER", "person", "ماريا لوبيز")
    doc = code("استقبل سالم الراشد ماريا لوبيز في قصره ويبحثان التعاون، ووقع الجانبان ثلاث اتفاقيات.", (host, guest))
    meeting, = of_type(doc, "CONSULT")  # the dual verb is the same meeting, told again
    assert len(meeting.triggers) == 2
    signed, = of_type(doc, "AGREE")
    assert sorted(names(doc, signed.actor)) == sorted(["سالم الراشد", "ماريا لوبيز"])


def test_events_hosting_refugees_or_a_fair_is_no_meeting_but_a_delegation_is():
    jordan = ("L1", "LOC", "country", "الأردن")
    assert not code("ويستضيف الأردن أكثر من مليون لاجئ منذ سنوات.", (jordan,)).events
    assert not code("واستضاف الأردن معرضا دوليا للكتاب.", (jordan,)).events
    assert of_type(code("واستضاف الأردن وفدا من الحجاج والمعتمرين.", (jordan,)), "CONSULT")


def test_events_an_aside_between_commas_does_not_hide_the_subject_before_the_verb():
    gov = ("O1", "ORG", "government", "الحكومة الكندية")
    group = ("O2", "ORG", "armed_group", "جماعة النصر المسلحة")
    doc = code("أعلنت الحكومة الكندية، الخميس، فرض عقوبات على جماعة النصر المسلحة.", (gov, group))
    sanction, = of_type(doc, "SANCTION")
    assert names(doc, sanction.actor) == ["الحكومة الكندية"] and names(doc, sanction.recipient) == [
        "جماعة النصر المسلحة"]


def test_events_security_services_named_by_role_make_arrests():
    doc = code("ألقت الأجهزة الأمنية القبض على ثلاثة مطلوبين.")
    arrest, = of_type(doc, "COERCE")
    assert doc.entity(arrest.actor[0]).name == "الأجهزة الأمنية"


def test_events_a_participle_after_a_comma_is_done_by_the_subject_of_its_clause():
    envoy = ("P1", "PER", "person", "لينا فارس")
    council = ("O1", "ORG", "igo", "مجلس الأمن")
    doc = code("من جهتها، أعربت لينا فارس عن قلقها البالغ، داعية مجلس الأمن إلى التحرك. وعددهم 29 متهما.",
               (envoy, council))
    appeal, = of_type(doc, "REQUEST")
    assert names(doc, appeal.actor) == ["لينا فارس"] and names(doc, appeal.recipient) == ["مجلس الأمن"]
    assert not of_type(doc, "ACCUSE")  # متهما after a count is "accused", no accusation


def test_events_the_guests_visit_is_the_reception_and_a_bodys_own_meeting_no_consultation():
    host = ("P1", "PER", "person", "سالم الراشد")
    guest = ("P2", "PER", "person", "ماريا لوبيز")
    doc = code("استقبل سالم الراشد ماريا لوبيز في أول زيارة رسمية لها إلى البلاد.", (host, guest))
    reception, = of_type(doc, "CONSULT")
    assert names(doc, reception.actor) == ["سالم الراشد"] and len(reception.triggers) == 2
    bank = ("O1", "ORG", "other", "البنك المركزي الأردني")
    assert not code("وقرر البنك المركزي الأردني خلال اجتماعه الدوري رفع سعر الفائدة.", (bank,)).events


def test_events_distinctive_phrases_reach_past_a_long_subject_or_the_victims():
    minister = ("P1", "PER", "person", "سعود بن فهد بن عبدالله")
    caller = ("P2", "PER", "person", "عباس عراقجي")
    doc = code("تلقى سعود بن فهد بن عبدالله وزير الخارجية، اتصالاً هاتفياً، اليوم، من وزير الخارجية الإيراني "
               "عباس عراقجي.",
               (minister, caller))
    call, = of_type(doc, "CONSULT")
    assert call.mode == "phone" and names(doc, call.actor) == ["عباس عراقجي"]
    army = ("O1", "ORG", "military", "قوات الاحتلال")
    doc = code("استشهد شابان، وأصيب ثلاثة آخرون، فجر اليوم، برصاص قوات الاحتلال قرب نابلس.", (army,))
    shot = of_type(doc, "ASSAULT")
    assert shot and names(doc, shot[0].actor) == ["قوات الاحتلال"]


def test_events_blame_and_a_place_after_a_locative_word():
    presidency = ("O1", "ORG", "government", "الرئاسة")
    gov = ("O2", "ORG", "government", "حكومة الاحتلال")
    doc = code("وحمّلت الرئاسة حكومة الاحتلال المسؤولية الكاملة عن التصعيد.", (presidency, gov))
    assert [names(doc, e.actor) for e in of_type(doc, "ACCUSE")] == [["الرئاسة"]]
    crowd = ("L1", "LOC", "city", "تونس")
    doc = code("تظاهر مئات المحتجين في شارع الحرية وسط العاصمة تونس.", (crowd,))
    assert [e.location for e in of_type(doc, "PROTEST")] == ["L1"]


def test_events_an_honorific_pronoun_is_the_protagonist_and_a_verbs_preposition_reaches_far():
    prince = ("P1", "PER", "person", "الأمير خالد بن سعود")
    caller = ("P2", "PER", "person", "جان مارتان")
    doc = segment(Document(id="t", text="تلقى الأمير خالد بن سعود اتصالا هاتفيا من جان مارتان. وجرى خلال الاتصال "
                           "بحث العلاقات. وتلقى سموه أيضا بعد ساعة اتصالا هاتفيا من ماريا سانتوس.", published="2024-05-08"))
    spans = lambda s: tuple(Span(m.start(), m.end(), s) for m in re.finditer(re.escape(s), doc.text))
    ents = (Entity("P1", "PER", prince[3], spans(prince[3]), role="الأمير"),
            Entity("P2", "PER", caller[3], spans(caller[3]), role="وزير الخارجية"),
            Entity("P3", "PER", "ماريا سانتوس", spans("ماريا سانتوس"), role="وزير الخارجية"))
    doc = events(doc.evolve(entities=ents))
    calls = [e for e in of_type(doc, "CONSULT") if e.mode == "phone"]
    assert sorted((names(doc, e.actor)[0], names(doc, e.recipient)[0]) for e in calls) == [
        ("جان مارتان", "الأمير خالد بن سعود"), ("ماريا سانتوس", "الأمير خالد بن سعود")]
    board = ("O1", "ORG", "other", "المجلس التنفيذي للصندوق")
    doc = code("وافق المجلس التنفيذي للصندوق، أمس الجمعة بعد مناقشات طويلة، على صرف شريحة جديدة.", (board,))
    assert [names(doc, e.actor) for e in of_type(doc, "AGREE")] == [["المجلس التنفيذي للصندوق"]]


def test_events_what_is_discussed_during_a_call_is_that_call_and_an_adverb_before_the_preposition_is_passive():
    host = ("P1", "PER", "person", "سالم الراشد")
    caller = ("P2", "PER", "person", "ماريا لوبيز")
    doc = code("تلقى سالم الراشد اتصالا هاتفيا من ماريا لوبيز، جرى خلاله بحث الأوضاع في لبنان وسوريا.",
               (host, caller, ("L1", "LOC", "country", "لبنان"), ("L2", "LOC", "country", "سوريا")))
    call, = of_type(doc, "CONSULT")
    assert call.mode == "phone" and names(doc, call.recipient) == ["سالم الراشد"]
    army = ("O1", "ORG", "military", "الجيش")
    doc = code("أعلن الجيش انتهاء الهدنة. وكانت الهدنة قد استمرت شهرا وأفرج خلالها عن عشرين أسيرا.", (army,))
    assert not of_type(doc, "CONCEDE")  # أُفرج: who released them is not said


def test_events_a_relative_clause_after_the_verbal_noun_names_its_doer():
    doc = _analyze("قتل 15 مدنيا، السبت، في قصف مدفعي نفذته قوات الدعم السريع على سوق شعبي في مدينة الأبيض.")
    [attack] = of_type(doc, "ASSAULT")
    assert names(doc, attack.actor) == ["قوات الدعم السريع"]
    doc = _analyze("وشارك الآلاف في مسيرة نظمها حزب العمال الكردستاني في العاصمة.")
    [march] = of_type(doc, "PROTEST")
    assert names(doc, march.actor) == ["حزب العمال الكردستاني"]


def test_events_the_subject_of_a_support_verb_does_the_act_and_an_armed_force_has_its_nationality():
    doc = _analyze("ونفذ الطيران الحربي الإسرائيلي سلسلة غارات على أطراف البلدة.")
    [raid] = of_type(doc, "ASSAULT")
    [agent] = [doc.entity(i) for i in raid.actor]
    assert (agent.name, agent.country) == ("الطيران الحربي الإسرائيلي", "ISR")
    doc = _analyze("استهدفت مسيرة إسرائيلية سيارة على طريق البلدة.")
    [strike] = of_type(doc, "ASSAULT")
    assert [doc.entity(i).country for i in strike.actor] == ["ISR"]


def test_events_a_march_or_the_shells_of_an_arm_is_no_armed_actor():
    assert not of_type(_analyze("وانطلقت مسيرة سلمية في شوارع المدينة."), "ASSAULT")
    doc = _analyze("واستهدفت قوات النظام بالصواريخ وقذائف المدفعية بلدات في الريف.")
    assert all(doc.entity(i).name != "المدفعية" for e in doc.events for i in e.actor + e.recipient)
    assert not of_type(_analyze("ودمرت القوات منصتي إطلاق صواريخ."), "ASSAULT")


def test_events_a_ruler_or_an_honorific_before_qad_receives_the_guest():
    doc = _analyze("وكان الملك قد استقبل وزير خارجية مصر سامح شكري.")
    [visit] = of_type(doc, "CONSULT")
    assert names(doc, visit.actor) == ["الملك"] and names(doc, visit.recipient) == ["سامح شكري"]
    doc = _analyze("أصدر السلطان هيثم بن طارق مرسوما. وكان جلالته قد استقبل أمس رئيس وزراء الهند ناريندرا مودي.")
    [visit] = of_type(doc, "CONSULT")
    assert names(doc, visit.actor) == ["هيثم بن طارق"] and names(doc, visit.recipient) == ["ناريندرا مودي"]


def test_events_whom_a_meeting_discusses_relations_between_is_no_party_to_it():
    doc = _analyze("التقى الملك رئيس المجلس الأوروبي أنطونيو كوستا، وبحث معه العلاقات بين الأردن والاتحاد الأوروبي.")
    consults = of_type(doc, "CONSULT")
    assert any(names(doc, e.recipient) == ["أنطونيو كوستا"] for e in consults)
    assert not any({"الأردن", "الاتحاد الأوروبي"} & set(names(doc, e.actor + e.recipient)) for e in consults)


def test_events_the_accused_did_the_act_he_is_accused_of_and_a_security_force_arrests():
    doc = _analyze("واتهمت قوات الدعم السريع الجيش بقصف الأحياء السكنية في مدينة الفاشر.")
    [shelling] = of_type(doc, "ASSAULT")
    assert names(doc, shelling.actor) == ["الجيش"]
    doc = _analyze("وقال المتحدث إن قوة أمنية ألقت القبض فجر اليوم على مطلوب خطير.")
    [arrest] = of_type(doc, "COERCE")
    assert names(doc, arrest.actor) == ["قوة أمنية"]


def test_events_an_attack_with_a_nationality_is_that_states_and_police_in_a_headline_act():
    doc = _analyze("استشهد 12 فلسطينيا، فجر اليوم، في قصف إسرائيلي استهدف مدرسة في مدينة غزة.")
    [strike] = of_type(doc, "ASSAULT")
    assert [doc.entity(i).country for i in strike.actor] == ["ISR"]
    doc = _analyze("تظاهرات في الناصرية للمطالبة بفرص عمل والشرطة تفرق المحتجين")
    [dispersal] = of_type(doc, "COERCE")
    assert names(doc, dispersal.actor) == ["الشرطة"]


def test_events_a_headline_office_receives_an_unnamed_guest_and_a_host_is_past_his_own_titles():
    doc = _analyze("ولي العهد يستقبل رئيس وزراء باكستان")
    [visit] = of_type(doc, "CONSULT")
    assert names(doc, visit.actor) == ["ولي العهد"] and names(doc, visit.recipient) == ["رئيس وزراء باكستان"]
    doc = _analyze("استقبل الأمير فهد بن تركي آل ثامر ولي العهد رئيس مجلس الوزراء، في الرياض اليوم، رئيس "
                   "وزراء جمهورية باكستان الإسلامية شهباز شريف.")
    [visit] = of_type(doc, "CONSULT")
    assert names(doc, visit.recipient) == ["شهباز شريف"]


def test_events_a_support_verb_past_a_time_aside_a_visit_someone_makes_and_a_demanded_release():
    doc = _analyze("شن طيران العدوان الأمريكي، مساء اليوم، خمس غارات على مطار الحديدة.")
    [raid] = of_type(doc, "ASSAULT")
    assert [doc.entity(i).country for i in raid.actor] == ["USA"]
    doc = _analyze("ووقعت الدولتان الاتفاقية على هامش زيارة الدولة التي يقوم بها الشيخ محمد بن زايد إلى باريس.")
    assert any(names(doc, e.actor) == ["محمد بن زايد"] for e in of_type(doc, "CONSULT"))
    doc = _analyze("خرج مئات المتظاهرين في إدلب للمطالبة بإسقاط قائد الهيئة والإفراج عن المعتقلين.")
    assert not of_type(doc, "CONCEDE")


def test_events_settlers_attack_and_the_occupation_in_a_palestinian_story_is_israels_army():
    doc = _analyze("هاجم عشرات المستوطنين، فجر الثلاثاء، قرية قرب رام الله وأضرموا النار في منازل. واعتقلت قوات "
                   "الاحتلال 18 فلسطينيا في مدينة الخليل. وأفادت الهيئة بأن المستوطنين نفذوا 1400 اعتداء.")
    attacks = of_type(doc, "ASSAULT")
    assert attacks and all("المستوطن" in " ".join(names(doc, e.actor)) for e in attacks)
    [arrest] = of_type(doc, "COERCE")
    assert [doc.entity(i).country for i in arrest.actor] == ["ISR"]


def test_events_the_side_that_managed_an_arrest_made_it():
    doc = _analyze("تمكنت الأجهزة الأمنية في المحافظة من ضبط تشكيل عصابي تخصص في سرقة السيارات.")
    [arrest] = of_type(doc, "COERCE")
    assert names(doc, arrest.actor) == ["الأجهزة الأمنية"]
    assert not of_type(_analyze("ودعا الوزير الطرفين إلى ضبط النفس."), "COERCE")


def test_events_a_relative_verb_with_an_object_pronoun_is_done_by_the_name_after_it():
    doc = _analyze("زار الوفد منزل الشاب سعد الذي أحرقه المستوطنون في قرية قرب نابلس.")
    [arson] = of_type(doc, "ASSAULT")
    assert names(doc, arson.actor) == ["المستوطنون"] and names(doc, arson.recipient) == ["سعد"]


def test_events_a_time_set_off_by_commas_does_not_use_up_the_phrase_gap_and_a_plural_head_agrees():
    doc = _analyze("فرضت وزارة الخزانة الأمريكية، الخميس، عقوبات على ست شركات إيرانية.")
    [sanction] = of_type(doc, "SANCTION")
    assert names(doc, sanction.actor) == ["وزارة الخزانة الأمريكية"]
    doc = _analyze("أفرجت سلطات الاحتلال الإسرائيلي، فجر الاثنين، عن 90 أسيرا فلسطينيا من سجن عوفر.")
    [release] = of_type(doc, "CONCEDE")
    assert [doc.entity(i).country for i in release.actor] == ["ISR"]
    doc = _analyze("وهدد وزير الأمن القومي الإسرائيلي إيتمار بن غفير بالانسحاب من الحكومة.")
    [threat] = of_type(doc, "THREATEN")
    assert names(doc, threat.actor) == ["إيتمار بن غفير"]
