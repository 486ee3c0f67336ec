"""Office holders as wire and state-agency copy names them: constructs (مدير مكتب الملك), counterparts, bodies
between the title and the name, a domestic agency's bare titles, family names that are also words (sentences
written for these tests)."""
from __future__ import annotations

import pytest

from marsad import analyze
from marsad.arabic.normalize import fold_str


def person(doc, name):
    for e in doc.entities:
        if e.type == "PER" and fold_str(e.name) == fold_str(name):
            return e
    raise AssertionError(f"{name} not in {[e.name for e in doc.entities if e.type == 'PER']}")


@pytest.fixture(scope="module")
def wire():
    return lambda text: analyze(text, published="2025-06-04")


def test_a_title_governing_another_names_both_and_the_holder_is_not_the_king(wire):
    doc = wire("وحضر الاجتماع مدير مكتب جلالة الملك سامر الخطيب، ورئيس ديوان سمو ولي العهد الشيخ ناصر سالم "
               "العلي. وقال مستشار الرئيس الفرنسي جان دوبوا إن الحوار مفيد.")
    assert person(doc, "سامر الخطيب").role == "مدير مكتب الملك"
    assert person(doc, "ناصر سالم العلي").role == "رئيس ديوان ولي العهد"
    assert person(doc, "جان دوبوا").role == "مستشار الرئيس"


def test_a_counterpart_holds_the_office_of_the_person_named_before(wire):
    doc = wire("التقى وزير الخارجية الإسباني خوسيه مارتينيز نظيره الأردني سالم العبادي في مدريد.")
    host, guest = person(doc, "خوسيه مارتينيز"), person(doc, "سالم العبادي")
    assert host.role == guest.role == "وزير الخارجية"
    assert guest.country == "JOR"


def test_a_body_or_a_party_between_the_title_and_the_name(wire):
    doc = wire("وقال القيادي في حركة حماس يوسف الحايك إن الوفد غادر. وأكد والي بنك المغرب عبد الكريم "
               "الناصري أن التضخم تراجع. وحضر رئيس جهاز المخابرات الأردنية اللواء فارس الزعبي.")
    assert person(doc, "يوسف الحايك").role == "القيادي"
    assert person(doc, "عبد الكريم الناصري").role == "الوالي"
    chief = person(doc, "فارس الزعبي")
    assert chief.role == "رئيس جهاز" and chief.country == "JOR"
    assert any(e.type == "ORG" and e.country == "JOR" for e in doc.entities)  # the intelligence service itself


def test_and_to_is_no_governor(wire):
    doc = wire("وتطرق الوزير إلى الاتفاق، وإلى افتقار المدن إلى الخدمات.")
    assert not [e for e in doc.entities if e.type == "PER"]


def test_coordinated_titles_and_a_country_after_in_belong_to_one_guest(wire):
    doc = wire("ووصل إلى البلاد رئيس مجلس الوزراء ووزير الخارجية في دولة قطر الشقيقة الشيخ حمد بن جاسم بن جبر آل "
               "ثاني.")
    guest = person(doc, "حمد بن جاسم بن جبر آل ثاني")
    assert guest.role == "رئيس الوزراء" and guest.country == "QAT"


def test_a_domestic_agency_leaves_its_own_offices_without_a_nationality(wire):
    doc = wire("الكويت - 3 - 6 (كونا) -- استقبل سمو ولي العهد الشيخ صباح خالد الحمد الصباح اليوم وزير الخارجية "
               "العماني بدر البوسعيدي.")
    assert doc.dateline is not None and doc.dateline.source == "كونا"
    prince = person(doc, "صباح خالد الحمد الصباح")
    assert prince.role == "ولي العهد" and prince.country == "KWT"
    assert person(doc, "بدر البوسعيدي").country == "OMN"
    # a foreign outlet's dateline says nothing of whose office a bare title is
    doc = wire("الكويت (رويترز) - قال وزير الخارجية سالم الجراح إن المحادثات بناءة.")
    assert person(doc, "سالم الجراح").country is None


def test_a_rare_word_after_a_titled_first_name_is_the_family_name(wire):
    doc = wire("وقال وزير الخارجية البريطاني ديفيد لامي في بيان إن بلاده قلقة. وأعلن وزير الداخلية التركي علي "
               "يرلي كايا توقيف عشرة أشخاص.")
    assert person(doc, "ديفيد لامي").country == "GBR"
    assert person(doc, "علي يرلي كايا").role == "وزير الداخلية"
    assert not [e for e in doc.entities if e.type == "LOC"]  # كايا is his name, not a town
    doc = wire("وزار الملك خالد بأقسام المستشفى. وألقى المدرب كلمة باللاعبين.")
    assert all(not fold_str(e.name).endswith(("باقسام", "باللاعبين")) for e in doc.entities)


def test_the_body_a_generic_head_leads_is_in_the_role(wire):
    doc = wire("وقال مدير جامعة القصيم الدكتور سامي العتيبي إن الدراسة تبدأ غدا.")
    assert person(doc, "سامي العتيبي").role == "مدير جامعة"


def test_a_domestic_agency_resolves_its_own_city_and_its_outlet_is_no_time(wire):
    doc = wire("عمان (بترا) - أكد جلالة الملك عبدالله الثاني أهمية الحوار.")
    amman = next(e for e in doc.entities if e.type == "LOC")
    assert amman.name_en == "Amman" and amman.country == "JOR"
    assert any(e.type == "ORG" and e.name_en.startswith("Jordan News Agency") for e in doc.entities)
    doc = wire("القاهرة - «المصري اليوم»: قضت محكمة الجنايات أمس بسجن المتهمين.")
    assert doc.dateline is not None and doc.dateline.source == "المصري اليوم"
    assert [t.text for t in doc.times] == ["أمس"]  # not اليوم of the newspaper's name


def test_a_palace_or_a_street_named_like_a_town_is_no_mention_of_the_town(wire):
    doc = wire("استقبل الأمير ضيوفه في قصر الحسينية، ثم زار شارع الحمراء في بيروت.")
    assert [e.name for e in doc.entities if e.type == "LOC"] == ["بيروت"]


def test_a_ministry_of_a_place_a_portfolio_and_a_complement_with_its_adjective(wire):
    doc = wire("وبحسب وزارة الصحة في غزة، ارتفع عدد الجرحى. وأعلن رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة "
               "انتهاء الاشتباكات. وحضر وزير الخارجية وشؤون المغتربين أيمن الصفدي.")
    ministry = next(e for e in doc.entities if e.type == "ORG" and e.name == "وزارة الصحة")
    assert ministry.country == "PSE"
    assert person(doc, "عبد الحميد الدبيبة").role == "رئيس الوزراء"
    assert person(doc, "أيمن الصفدي").role == "وزير الخارجية"


def test_an_office_after_the_name_outranks_a_judges_honorific(wire):
    doc = wire("وقال المستشار هشام الدسوقي، رئيس المحكمة، إن الحكم نهائي.")
    assert person(doc, "هشام الدسوقي").role == "رئيس المحكمة"


def test_a_centre_named_by_what_it_does_and_a_plural_in_construct_is_no_name(wire):
    doc = wire("وطمأن المركز الوطني للزلازل السكان، على ما أفاد مراسلو الوكالة.")
    assert [e.name for e in doc.entities if e.type == "ORG"] == ["المركز الوطني للزلازل"]
    assert not [e for e in doc.entities if e.type == "PER"]


def test_a_complement_with_a_preposition_and_a_body_named_before_come_before_the_name(wire):
    doc = wire("وقالت المديرة العامة للصندوق ناتاليا كوفاتش إن النمو تحسن. وقال القيادي في الجبهة سالم الورفلي إن "
               "الحوار توقف. وقالت المتحدثة باسم المنظمة صفاء مسيحلي إن القارب غرق.")
    assert person(doc, "ناتاليا كوفاتش").role == "المدير العام"
    assert person(doc, "سالم الورفلي").role == "القيادي"
    assert person(doc, "صفاء مسيحلي").role == "المتحدث الرسمي"
    assert not any(fold_str(e.name).startswith("لل") for e in doc.entities)


def test_a_wafa_dateline_and_streets_terms_and_a_verb_spelt_like_a_car_maker(wire):
    doc = wire("نابلس 3-6-2025 وفا- تجمع عشرات المواطنين في شارع الحبيب بورقيبة وسط المدينة.")
    assert doc.dateline is not None and doc.dateline.place == "نابلس" and doc.dateline.source == "وفا"
    assert [e.name for e in doc.entities if e.type == "LOC"] == ["نابلس"]  # the rest is a street's name
    doc = wire("وفاز الرئيس بولاية رئاسية ثانية بعد انتخابات أودى التوتر فيها بحياة شخصين.")
    assert not [e for e in doc.entities if e.type in ("LOC", "ORG")]


def test_a_ranks_family_name_that_is_a_word_and_the_speaker_by_it_alone(wire):
    doc = wire("أعلن المتحدث العسكري العميد يحيى سريع تنفيذ عملية جديدة. وقال سريع في بيان إن «العملية نجحت "
               "بالكامل». وحل مرشح حركة البناء عبد القادر بن قرينة في المرتبة الثانية.")
    spokesman = person(doc, "يحيى سريع")
    assert len(spokesman.mentions) == 2 and doc.quotes[0].speaker == spokesman.id
    assert person(doc, "عبد القادر بن قرينة").role == "المرشح"


def test_a_counterpart_of_a_person_named_by_surname_alone_holds_his_office(wire):
    doc = wire("وقال وزير الخارجية المغربي ناصر بوريطة إن الحوار مفيد. وأوضح المتحدث باسم الوزارة سمير العلوي أن "
               "بوريطة سيلتقي نظيره الإسباني خوسيه ألباريس.")
    assert person(doc, "خوسيه ألباريس").role == "وزير الخارجية"


def test_a_spokesman_of_a_national_body_is_of_its_country_and_an_agency_dateline_dates_today(wire):
    doc = wire("وقال المتحدث باسم حركة حماس حازم قاسم إن الوفد غادر. وقال المدير الفني لنادي الهلال جورج "
               "جيسوس إن الفريق جاهز.")
    assert person(doc, "حازم قاسم").country == "PSE"
    assert person(doc, "جورج جيسوس").country is None  # a club's foreign coach is not of its country
    doc = analyze("الرياض 3 ذو القعدة 1446 هـ الموافق 1 مايو 2025 م واس\nأعلن الوزير اليوم بدء البرنامج.",
                  published="2025-05-09")
    assert [t.value for t in doc.times][-1] == "2025-05-01"  # اليوم of the dateline, not of collection


def test_a_deputy_for_a_coalition_a_regional_premier_and_civil_defence(wire):
    doc = wire("وقال النائب عن ائتلاف الوطنية سعد الدليمي إن الموازنة كبيرة. وهدد رئيس حكومة الإقليم نوزاد "
               "بامرني باللجوء إلى القضاء. وأفاد الدفاع المدني السوري بانتشال الجثث.")
    assert person(doc, "سعد الدليمي").role == "النائب"
    assert person(doc, "نوزاد بامرني").role == "رئيس الوزراء"
    assert any(e.type == "ORG" and e.country == "SYR" for e in doc.entities)


def test_a_word_with_the_conjunction_after_a_title_opens_no_name(wire):
    doc = wire("وقال رئيس الشركة وكبير إدارييها التنفيذيين المهندس سامي الغامدي إن الأرباح تراجعت.")
    assert [e.name for e in doc.entities if e.type == "PER"] == ["سامي الغامدي"]


def test_a_family_name_written_with_fa_after_the_full_name_is_not_fa_and_a_word(wire):
    doc = wire('استقبل الوزير نظيره التركي هاكان فيدان. وقال فيدان في تصريح: "نعمل من أجل السلام".')
    assert [e.name for e in doc.entities if e.type == "PER"] == ["هاكان فيدان"]
    assert len(person(doc, "هاكان فيدان").mentions) == 2


def test_the_office_before_a_rank_is_the_role_and_its_body_stays_a_mention(wire):
    doc = wire("وصرح رئيس الأمن العام الفريق سالم بن خالد الراشد بأن التحقيق مستمر. وأوضح المتحدث الرسمي باسم "
               "رئاسة الجمهورية المستشار أحمد يوسف أن الرئيس وجه بالإسراع.")
    assert person(doc, "سالم بن خالد الراشد").role == "رئيس الأمن العام"
    assert person(doc, "أحمد يوسف").role == "المتحدث الرسمي"
    assert "الأمن العام" in [e.name for e in doc.entities if e.type == "ORG"]


def test_a_construct_office_of_a_country_after_a_ruler_or_a_titled_person_is_the_guests(wire):
    doc = wire("استقبل الملك رئيس وزراء جمهورية الهند ناريندرا مودي. والتقى رئيس الوزراء العراقي وزير خارجية "
               "إيران عباس عراقجي. وقال رئيس جمهورية العراق عبد اللطيف رشيد إن الزيارة مهمة.")
    assert (person(doc, "ناريندرا مودي").role, person(doc, "ناريندرا مودي").country) == ("رئيس الوزراء", "IND")
    assert (person(doc, "عباس عراقجي").role, person(doc, "عباس عراقجي").country) == ("وزير الخارجية", "IRN")
    assert (person(doc, "عبد اللطيف رشيد").role, person(doc, "عبد اللطيف رشيد").country) == ("الرئيس", "IRQ")


def test_a_construct_title_with_no_country_after_it_names_no_one(wire):
    doc = wire("وقال الكاتب إنه لم ير وزير خارجية قط بهمته العالية.")
    assert not [e for e in doc.entities if e.type == "PER"]


def test_the_counterpart_of_a_deputy_prime_minister_and_minister_holds_the_ministry(wire):
    doc = wire("بحث نائب رئيس مجلس الوزراء وزير الخارجية فؤاد حسين، اليوم، مع نظيره التركي هاكان فيدان ملف المياه.")
    assert person(doc, "هاكان فيدان").role == "وزير الخارجية"


def test_the_side_named_before_a_signatory_is_his_country_and_a_posting_is_no_nationality(wire):
    doc = wire("وقع الاتفاقية من الجانب العماني معالي قيس بن محمد اليوسف وزير التجارة، ومن الجانب الهندي بيوش "
               "غويال وزير التجارة. وحذرت منسقة الشؤون الإنسانية للأمم المتحدة في السودان كليمنتاين سلامي من "
               "كارثة.")
    assert person(doc, "قيس بن محمد اليوسف").country == "OMN"
    assert person(doc, "بيوش غويال").country == "IND"
    assert person(doc, "كليمنتاين سلامي").country is None
    assert person(doc, "كليمنتاين سلامي").role == "منسق الشؤون الإنسانية"


def test_an_accusative_participle_after_a_name_ends_it(wire):
    doc = wire("وقال الأمين العام للغرفة التجارية عدنان مندورة متطرقا إلى المهرجانات إن الموسم ناجح.")
    assert person(doc, "عدنان مندورة").role == "الأمين العام"


def test_two_family_names_one_letter_apart_are_two_people(wire):
    doc = wire("ونقلت الوكالة عن الناطق الإعلامي للحركة فارس العربي أن القصف عنيف. وقال المواطن سعد الحربي إن "
               "المنازل تضررت.")
    assert len(person(doc, "فارس العربي").mentions) == 1


def test_a_second_portfolio_an_organisation_headed_and_a_ruler_before_a_guests_office(wire):
    doc = wire("وحضر الاجتماع وزير الاقتصاد والمالية نادية سالم. والتقى الملك رئيس المجلس الأوروبي أنطونيو "
               "كوستا. واستقبل الأمير رئيس الاتحاد الآسيوي للسباحة الشيخ حمد بن علي.")
    assert person(doc, "نادية سالم").role == "وزير الاقتصاد"
    assert person(doc, "أنطونيو كوستا").role == "رئيس المجلس الأوروبي"
    assert person(doc, "حمد بن علي").role.startswith("رئيس")


def test_a_family_name_written_first_is_the_person_and_a_name_in_fa_stays_whole(wire):
    doc = wire("التقى الرئيس الأمريكي نظيره الصيني شي جين بينغ. وأكد شي أن بلاده مستعدة للحوار. وقالت المدعية "
               "العامة فاتو بنسودا إن التحقيق مستمر.")
    assert len(person(doc, "شي جين بينغ").mentions) == 2
    assert person(doc, "فاتو بنسودا").role


def test_a_mayor_of_a_city_the_gazetteer_knows_and_a_verb_before_a_body_is_no_name(wire):
    doc = wire("وقال عميد بلدية بنغازي صقر بوجواري إن الأمطار غزيرة. وعزت الشركة التراجع إلى انخفاض الأسعار.")
    assert (person(doc, "صقر بوجواري").role, person(doc, "صقر بوجواري").country) == ("رئيس البلدية", "LBY")
    assert [e.name for e in doc.entities if e.type == "PER"] == ["صقر بوجواري"]


def test_a_compound_name_in_al_din_with_its_family_name_and_no_home_country_for_a_foreign_president(wire):
    doc = wire("وكان قائد الثورة السيد عبدالملك بدر الدين الحوثي قد توعد بالرد.")
    assert person(doc, "عبدالملك بدر الدين الحوثي").role == "القائد"
    doc = wire("أبوظبي في 20 نوفمبر / وام / عقد الشيخ مباحثات مع فخامة الرئيس إيمانويل ماكرون في باريس.")
    assert person(doc, "إيمانويل ماكرون").country != "ARE"
