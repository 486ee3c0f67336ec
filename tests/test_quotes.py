"""Quotes and their speakers (sentences written for these tests)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic.normalize import fold_str
from marsad.pipeline import Pipeline
from marsad.stages.entities import entities
from marsad.stages.quotes import find_quote_spans, quotes
from marsad.stages.segment import segment


@pytest.fixture(scope="module")
def run():
    p = Pipeline([segment, entities, quotes])
    return lambda text: p.analyze(text)


def speakers(doc):
    ents = {e.id: e for e in doc.entities}
    return [fold_str(ents[q.speaker].name) if q.speaker else None for q in doc.quotes]


def test_quotes_finite_verb_gives_its_subject_as_speaker(run):
    doc = run("وقال وزير الخارجية العماني بدر البوسعيدي «إن الحوار هو الطريق الوحيد».")
    assert speakers(doc) == [fold_str("بدر البوسعيدي")]
    assert doc.quotes[0].text == "إن الحوار هو الطريق الوحيد"
    assert doc.quotes[0].cue.text == "قال"


def test_quotes_participle_and_elided_subject_carry_the_speaker(run):
    doc = run('وأكد الرئيس الكيني وليام روتو أن بلاده ملتزمة بالسلام، مضيفا "سنعمل مع الجميع". '
              'وقال إن "الطريق ما زال طويلا أمامنا".')
    assert speakers(doc) == [fold_str("وليام روتو")] * 2


def test_quotes_speaker_that_is_not_a_named_entity_is_null(run):
    doc = run('وقال مصدر مطلع "المفاوضات تسير ببطء شديد هذه الأيام".')
    assert speakers(doc) == [None]
    assert doc.quotes[0].cue.text == "قال"


def test_quotes_a_quoted_name_is_not_a_quote(run):
    doc = run('ونقلت صحيفة "الصباح" الخبر عن مصادرها.')
    assert doc.quotes == ()


def test_quotes_span_across_sentences_and_keep_offsets(run):
    text = 'وقال الرئيس الكيني وليام روتو: "الوضع صعب. لكننا سنواصل العمل".'
    doc = run(text)
    q = doc.quotes[0]
    assert q.text == "الوضع صعب. لكننا سنواصل العمل"
    assert text[q.start:q.end] == q.text


def test_quotes_cue_after_the_quote(run):
    doc = run('"لن نقبل بأي تدخل خارجي في شؤوننا"، قال الرئيس الكيني وليام روتو.')
    assert speakers(doc) == [fold_str("وليام روتو")]


def test_quote_marks_of_all_styles_pair_up():
    text = 'أ «ب» ج “د” هـ "و" ز'
    assert [text[a + 1:b] for a, b in find_quote_spans(text)] == ["ب", "د", "و"]


def test_curly_quotes_typed_the_same_at_both_ends_and_reversed_guillemets_pair_up():
    text = 'وأضاف :”تسبب الانفجار في حريق”. وقال »سنعيد الضخ غدا« ثم «انتهى»، والرقم ” 5'
    assert [text[a + 1:b] for a, b in find_quote_spans(text)] == [
        "تسبب الانفجار في حريق", "سنعيد الضخ غدا", "انتهى"]


def test_unbalanced_straight_quote_ends_with_its_paragraph():
    text = 'قال "بداية بلا نهاية\n\nفقرة أخرى "نص" هنا'
    assert [text[a + 1:b] for a, b in find_quote_spans(text)] == ["بداية بلا نهاية", "نص"]


def test_straight_quotes_pair_by_the_side_they_face_not_by_count():
    # a stray closing mark before the first quote turned every later pair inside out
    text = 'ترشح فيلم الوثائقي" للجائزة، ومنها "نهر بلا ضفاف" للمخرجة سارة، و"الجسر" للمخرج عماد.'
    assert [text[a + 1:b] for a, b in find_quote_spans(text)] == ["نهر بلا ضفاف", "الجسر"]
    # a stray opening mark: the next mark that opens a quote starts afresh
    text = 'حصل على "جائزة العام، ثم قال "سنواصل العمل" للصحيفة.'
    assert [text[a + 1:b] for a, b in find_quote_spans(text)] == ["سنواصل العمل"]


def test_a_straight_quote_left_open_ends_at_its_line_or_its_last_full_stop():
    text = 'وقال: "المشروع يكتمل في الربيع المقبل.\nوأشار إلى أن "العمل يسير وفق الخطة".'
    assert [text[a + 1:b] for a, b in find_quote_spans(text)] == [
        "المشروع يكتمل في الربيع المقبل.", "العمل يسير وفق الخطة"]
    text = 'وتابع: "سنفتتح الفرع الثاني قريبا. ونحن جاهزون.   واختتم: "الشكر لكل الشركاء".'
    assert [text[a + 1:b] for a, b in find_quote_spans(text)] == [
        "سنفتتح الفرع الثاني قريبا. ونحن جاهزون.", "الشكر لكل الشركاء"]


def _reference_quote_spans(text: str) -> list[tuple[int, int]]:
    """find_quote_spans as first written: one step per character (the stage now lets a regex find the marks)."""
    from marsad.stages.quotes import MAX_QUOTE_CHARS, PAIRS

    def opens(i):
        return text[i + 1:i + 2].isalpha() and (i == 0 or text[i - 1].isspace() or text[i - 1] in ":،,(")

    def unclosed(o, limit, sentence):
        end = next((j for j in range(o, limit) if text[j] == "\n"), -1)
        if end < 0:
            end = limit if not sentence else max(
                (j + 1 for j in range(o, limit - 1) if text[j] in ".!?؟" and text[j + 1].isspace()), default=-1)
        if end > o + 1 and end - o <= MAX_QUOTE_CHARS:
            spans.append((o, end))

    spans, stack, straight_open, curly_open = [], [], -1, -1
    for i, ch in enumerate(text):
        if ch == "\n" and i + 1 < len(text) and text[i + 1] == "\n":
            if straight_open >= 0:
                unclosed(straight_open, i, False)
            straight_open = curly_open = -1
            stack.clear()
        elif ch == '"':
            before, after = (text[i - 1] if i else " "), (text[i + 1] if i + 1 < len(text) else " ")
            side = ("open" if after.isalnum() and (before.isspace() or before in ":(،,") else
                    "close" if (before.isalnum() or before in ".!?؟،…)") and (after.isspace() or after in ".,،:;)؛")
                    else None)
            if side == "close" and straight_open < 0:
                continue
            if straight_open >= 0 and side == "open":
                unclosed(straight_open, i, True)
            if straight_open < 0 or side == "open":
                straight_open = i
            else:
                if i - straight_open <= MAX_QUOTE_CHARS:
                    spans.append((straight_open, i))
                straight_open = -1
        elif ch == "”" and not stack and (curly_open >= 0 or opens(i)):
            if curly_open < 0:
                curly_open = i
            else:
                if i - curly_open <= MAX_QUOTE_CHARS:
                    spans.append((curly_open, i))
                curly_open = -1
        elif ch == "»" and not stack and opens(i):
            stack.append((ch, i))
        elif ch in PAIRS and not (ch == "“" and stack and stack[-1][0] == "„") and not (
                ch == "«" and stack and stack[-1][0] == "»"):
            stack.append((ch, i))
        elif stack and ch == {**PAIRS, "»": "«"}[stack[-1][0]]:
            o, oi = stack.pop()
            if not stack and i - oi <= MAX_QUOTE_CHARS:
                spans.append((oi, i))
    if straight_open >= 0:
        unclosed(straight_open, len(text), False)
    return sorted(spans)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab \n"«»“”„‹›', max_size=80))
def test_quote_marks_pair_as_a_character_scan_would(text):
    assert find_quote_spans(text) == _reference_quote_spans(text)


def test_quotes_byline_author_is_not_the_speaker_and_a_verb_before_a_title_is_no_name():
    from marsad.stages.dateline import dateline

    p = Pipeline([segment, dateline, entities, quotes])
    doc = p.analyze("سالم العتيبي- سبق- الرياض: دان وزير الخارجية عادل الجبير الهجوم على المدرسة، وقال: "
                    "«ندين بأشد العبارات هذا العمل الإجرامي».")
    assert doc.dateline.source == "سبق" and doc.dateline.place == "الرياض"
    assert speakers(doc) == [fold_str("عادل الجبير")]
    assert "دان" not in {e.name for e in doc.entities}


def test_quotes_after_khilal_or_bimusamma_name_an_event_or_a_unit(run):
    doc = run("وقال الوزير سامي النجار في كلمة ألقاها خلال «المؤتمر الدولي لمكافحة التطرف والعنف في المنطقة» "
              "أمس «إن المواجهة فكرية قبل أن تكون أمنية».")
    assert [q.text for q in doc.quotes] == ["إن المواجهة فكرية قبل أن تكون أمنية"]
    assert speakers(doc) == [fold_str("سامي النجار")]


def test_quotes_speaker_after_a_long_title_an_organisation_or_a_namesake(run):
    doc = run('وقال رئيس بلدية شمال المدينة المهندس ماهر بن علي الزهراني: "البلدية رصدت 140 مخالفة خلال الأسبوع".')
    assert speakers(doc) == [fold_str("ماهر بن علي الزهراني")]
    doc = run('ثم قال مسؤول في حركة طالبان أمس "إن القيادة ستعلن موقفها من المفاوضات قريبا جدا".')
    ents = {e.id: e for e in doc.entities}
    assert [ents[q.speaker].name_en for q in doc.quotes] == ["Taliban"]
    doc = run('وقال مدير مركز الملك فهد بن عبدالعزيز الثقافي "إن المعرض يفتح أبوابه للزوار طوال الشهر".')
    assert speakers(doc) == [None]


def test_quotes_relayed_by_an_outlet_belong_to_the_person_after_an():
    from marsad.stages.dateline import dateline

    p = Pipeline([segment, dateline, entities, quotes])
    doc = p.analyze('صرح وزير الدفاع البريطاني مايكل فالون بأن التدريبات تتواصل. ونقل موقع هيئة الإذاعة البريطانية '
                    'عن "فالون" الذي يزور المنطقة، أن "القوات المشتركة أنهت المرحلة الأولى من المناورات".')
    assert speakers(doc) == [fold_str("مايكل فالون")]


def test_quotes_name_after_a_comma_and_an_honorific_in_a_long_title(run):
    doc = run('بدوره قال نائب الرئيس التنفيذي لقطاع التشغيل بالمصنع، المهندس رائد جميل الشهري: '
              '"إن المصنع يرفع طاقته الإنتاجية مطلع العام".')
    assert speakers(doc) == [fold_str("رائد جميل الشهري")]


def test_quotes_phrase_after_qala_fi_is_no_subject(run):
    doc = run("أعلن رئيس الحكومة نواف سلام، اليوم الاثنين، أن بلاده ستطلب تمديد المهمة، وقال في مؤتمر صحفي: "
              "«لن نقبل بأي اعتداء على سيادتنا».")
    assert speakers(doc) == [fold_str("نواف سلام")]


def test_quotes_name_after_an_honorific_speaks(run):
    doc = run('وأضاف المهندس نادر الحمدان "الشركة ستفتتح فرعا جديدا في الدمام".')
    (q,) = doc.quotes
    assert doc.entity(q.speaker).name == "نادر الحمدان"


def test_quotes_name_before_the_verb_after_an_speaks_not_the_object(run):
    doc = run('وأوضح المتحدث أن قيادة «لواء الفتح» دعت جبهة النصرة «للانسحاب من الحواجز فورا».')
    q = [q for q in doc.quotes if q.text.startswith("للانسحاب")][0]
    assert q.speaker is None or doc.entity(q.speaker).name != "جبهة النصرة"


def test_quotes_subject_before_qala_in_svo_order_speaks(run):
    doc = run('وكان وزير النقل اليمني ناصر الحبيشي قال لـ«الوطن» في وقت سابق «إن الرحلات ستعود قريبا».')
    q = [q for q in doc.quotes if q.text.startswith("إن الرحلات")][0]
    assert doc.entity(q.speaker).name == "ناصر الحبيشي"


def test_quotes_name_in_a_topic_clause_before_qala_is_not_the_speaker(run):
    doc = run('وعن علاقته مع الرئيس السابق سعد الفالح قال: «هو من أقنعني بالانضمام إلى الفريق».')
    (q,) = doc.quotes
    assert q.speaker is None or doc.entity(q.speaker).name != "سعد الفالح"


def test_quotes_the_antecedent_of_alladhi_speaks(run):
    doc = run('وانتقد الكاتب خطاب الرئيس كمال الراشد الذي قال فيه «إن البلاد لن تنسى مواقف أشقائها».')
    (q,) = doc.quotes
    assert doc.entity(q.speaker).name == "كمال الراشد"


def test_quotes_a_coordinated_verb_speaks_for_the_subject_of_its_sentence(run):
    doc = run("وقال الوزير خالد المصري إن «المفاوضات مستمرة بلا توقف». في المقابل، رفض رئيس الوزراء الإسباني "
              "بيدرو سانشيز هذه الاتهامات، وقال في بيان «هذه ادعاءات لا أساس لها».")
    assert speakers(doc)[-1] == fold_str("بيدرو سانشيز")
    # a person named inside a prepositional phrase or an أن-clause is no subject: the reporter before speaks on
    doc = run("وقال المدرب سامي الهادي: «سنقاتل حتى النهاية». كما أكد أنه لا يثق في قرارات الحكم فؤاد "
              "العلي، وقال: «لن نقبل بهذا الظلم أبدا».")
    assert speakers(doc)[-1] == fold_str("سامي الهادي")


def test_quotes_a_participle_after_a_bodys_decision_is_the_bodys(run):
    doc = run("وقرر مجلس البنك المركزي الأردني أمس تثبيت سعر الفائدة، معتبرا أن «المستوى الحالي يظل مناسبا».")
    ents = {e.id: e for e in doc.entities}
    assert doc.quotes and ents[doc.quotes[0].speaker].type == "ORG"


def test_quotes_a_statement_speaks_for_the_body_that_issued_it(run):
    doc = run('وذكر بيان لوزارة الخارجية العراقية أن "الجانبين ناقشا ملف المياه". وأضاف البيان أن "الوزير طالب '
              'بانسحاب القوات". وقال بيان للرئاسة المصرية إن "الرئيس استقبل الوفد".')
    assert speakers(doc) == [fold_str("وزارة الخارجية العراقية")] * 2 + [fold_str("الرئاسة المصرية")]


def test_quotes_the_name_before_qad_and_a_time_after_the_verb(run):
    doc = run('وكان وزير الداخلية الشيخ حمد بن سالم آل راشد قد أكد الشهر الماضي أن المملكة "لن تتهاون مع '
              'أحد".')
    assert speakers(doc) == [fold_str("حمد بن سالم آل راشد")]


def test_quotes_one_of_a_crowd_named_after_yudaa_and_a_claim_by_an_army(run):
    doc = run('وقال أحد المتظاهرين ويدعى علي حسين إن "الحكومة وعدتنا مرات عديدة". وزعم الجيش الإسرائيلي في بيان '
              'أنه استهدف "مسلحين كانوا داخل المدرسة".')
    assert speakers(doc) == [fold_str("علي حسين"), fold_str("الجيش الإسرائيلي")]


def test_quotes_a_participle_before_fi_bayan_speaks_for_the_clause_subject(run):
    doc = run('وأدان المكتب السياسي لحركة حماس العدوان، مؤكدا في بيان أن "هذه الاعتداءات لن تثني الشعب".')
    assert speakers(doc) == [fold_str("حركة حماس")]


def test_quoted_names_in_a_speakers_description_leave_the_quote_after_the_colon(run):
    doc = run("ويقول سامر الحداد، الباحث في «مركز الدراسات الاستراتيجية» لدى جامعة «الشرق»: "
              "«إن المفاوضات لن تنجح قبل نهاية العام».")
    assert [q.text for q in doc.quotes] == ["إن المفاوضات لن تنجح قبل نهاية العام"]
    assert speakers(doc) == [fold_str("سامر الحداد")]
    # a short quote a colon introduces stays speech, even with another quote after it
    doc = run("وكتب النادي: «شكرا يا قائد»، وأضاف: «ستبقى في قلوب جماهيرنا إلى الأبد».")
    assert [q.text for q in doc.quotes] == ["شكرا يا قائد", "ستبقى في قلوب جماهيرنا إلى الأبد"]


def test_speakers_after_abbreviations_honorific_pronouns_brackets_and_descriptions(run):
    doc = run('ويقول د. هشام بن سعيد القحطاني نائب الرئيس التنفيذي للعمليات: "إن البرنامج يخدم آلاف العملاء".')
    assert speakers(doc) == [fold_str("هشام بن سعيد القحطاني")]
    doc = run('واستقبل الأمير فيصل بن خالد وفد الغرفة التجارية ورئيسها المهندس سعد الدوسري. '
              'وقال سموه "علينا أن نعمل معا لخدمة المنطقة".')
    assert speakers(doc) == [fold_str("فيصل بن خالد")]
    doc = run('يقول الباحث (كريم منصور): "قرأت الكتاب مرتين ولم أقتنع به".')
    assert speakers(doc) == [fold_str("كريم منصور")]
    doc = run('وقالت الطبيبة السورية رنا الخطيب التي كانت بين المتطوعين "الوضع في المخيم صعب جدا".')
    assert speakers(doc) == [fold_str("رنا الخطيب")]


def test_speaker_of_ila_alqawl_bilqawl_and_of_a_saying_relayed_from_him(run):
    doc = run("وتخلص الباحثة ليلى حداد إلى القول: «إن الطرق الجديدة لا تحل الازدحام».")
    assert speakers(doc) == [fold_str("ليلى حداد")]
    doc = run('وقال المحلل يوسف العمري "الأسواق تنتظر القرار". ومضى بالقول "لن يتغير شيء قبل الصيف المقبل".')
    assert speakers(doc) == [fold_str("يوسف العمري")] * 2
    doc = run("وأعرب مدرب الفريق نبيل معلول عن سعادته. ونقل موقع النادي عنه قوله: «اللاعبون قدموا مباراة كبيرة».")
    assert speakers(doc) == [fold_str("نبيل معلول")]
    # القول after a noun is no reporting word: the organisation, not a person named before, repeats it
    doc = run("وأكد الوزير سالم الهاجري أن العمل مستمر. وتواصل الوزارة تكرار القول إن الهدف «حماية المستهلك أولا».")
    assert speakers(doc) != [fold_str("سالم الهاجري")]


def test_speaker_of_a_second_verb_past_a_day_name_or_after_an_organisation(run):
    doc = run('ودافع الرئيس حسن المالكي عن خطته أمام البرلمان وقال اليوم الخميس إنها "أكثر واقعية من كل البدائل".')
    assert speakers(doc) == [fold_str("حسن المالكي")]
    doc = run("وأعلن تنظيم داعش مسؤوليته عن التفجير، وقال في رسالة على موقعه «نفذنا العملية بنجاح كبير في المدينة».")
    assert speakers(doc) == [fold_str("تنظيم داعش")]


def test_speaker_of_a_statement_told_before_of_the_kings_style_and_after_a_long_description(run):
    doc = run("أصدرت وزارة الدفاع بيانا حول الهجوم. وأوضح البيان أن «الجنود الثلاثة أصيبوا خلال اشتباك على الحدود».")
    assert speakers(doc) == [fold_str("وزارة الدفاع")]
    doc = run("وافتتح خادم الحرمين الشريفين الملك راشد بن عمر المتحف الجديد. "
              "وقال خادم الحرمين الشريفين إن «الوطن يستحق الأفضل دائما».")  # (an invented king)
    assert speakers(doc) == [fold_str("راشد بن عمر")]
    doc = run('وصرح المدير الاستثماري لمجموعة الأفق الرقمي مصطفى أحمد: "الشراكة تعزز قدرة الشركتين في السوق".')
    assert speakers(doc) == [fold_str("مصطفى أحمد")]


def test_an_elided_speaker_agrees_with_the_verbs_gender(run):
    doc = run("وقالت الوزيرة هالة يوسف إن الخطة جاهزة. وقال الرئيس سامر حداد إن الوضع مستقر. "
              "وأضافت «سنبدأ التنفيذ مطلع الشهر المقبل في كل المحافظات».")
    assert speakers(doc)[-1] == fold_str("هالة يوسف")
    doc = run("ولفت المدير ماجد العتيبي إلى أهمية البرنامج. وأضاف: «سنوسع البرنامج ليشمل كل المدارس في المنطقة».")
    assert speakers(doc) == [fold_str("ماجد العتيبي")]  # (لفت is masculine: its ت is no feminine ending)
