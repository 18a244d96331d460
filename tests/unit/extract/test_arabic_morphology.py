"""Arabic rules that hold beyond fixed phrasings: clitics and the article on any word,
number words after their noun, with ال, and in thousands; the subject count before a
verb several clauses on; counts joined by و; kin; tolls whose count is far from them;
period tolls that name a month alone; and sentences that report no killing in Syria
(abroad, an anniversary, a threat, a rumour denied)."""

import datetime as dt

import pytest

from tally.extract import extract_claims, main_claim

PUB = dt.date(2025, 7, 20)


def main_of(text, pub=PUB):
    return main_claim(extract_claims(text, pub))


def reading(text):
    m = main_of(text)
    return None if m is None else (m["killed_low"], m["killed_best"], m["killed_high"])


@pytest.mark.parametrize("text,best", [
    # the subject count, then a clause, then the verb
    ("ثمانية عناصر من قوات الأمن، كانوا في طريقهم إلى المدينة، لقوا حتفهم في كمين.", 8),
    ("أحد عشر مدنياً، بينهم امرأتان، قتلوا في قرية حريصون بعد اقتحامها.", 11),
    ("قالت مصادر طبية إن 14 من الجرحى فارقوا الحياة خلال الليل في المشفى.", 14),
    # the number after its noun, with ال
    ("شيع أهالي البلدة جثامين الشهداء الخمسة الذين سقطوا في القصف.", 5),
    ("دفنت العائلة أبناءها الأربعة الذين قتلوا أمام منزلهم.", 4),
    ("وقالت مصادر إن عدد الضحايا في المدينة تجاوز الستين.", None),
    # thousands in words
    ("قدّرت مصادر أهلية عدد ضحايا الأحداث بنحو ألف وخمسمئة قتيل.", 1500),
    ("وثقت المنظمة مقتل ثلاثة آلاف شخص في المحافظة.", 3000),
    # verbs and nouns in other forms, clitics and pronouns
    ("فقد ستة مدنيين حياتهم جراء سقوط قذائف على الحي.", 6),
    ("قتلت فتاتان بانفجار لغم في أرض زراعية.", 2),
    ("انتشلت فرق الدفاع المدني جثتي طفلين من بئر في القرية.", 2),
    ("عثر على رفات 9 أشخاص في مقبرة جماعية قرب البلدة.", 9),
    ("بلغ عدد من قتلوا في القرية منذ دخول المسلحين 19 شخصاً.", 19),
    ("وارتفع عدد الذين قضوا في المجزرة، بحسب مصادر أهلية، إلى 23.", 23),
    # Levantine
    ("ضيعتنا انضربت.. ٨ شهدا من بيت الأحمد والله يرحمهم.", 8),
    ("مات تلات شباب بالقصف عالحي الشرقي وفي جرحى كتير.", 3),
    # counts joined by و are one toll
    ("قتل في الهجوم ستة رجال وأربع نساء في قرية تعنيتا.", 10),
    ("أسفر القصف عن مقتل 3 أطفال و2 من النساء في بلدة ولغا.", 5),
    ("قتل 11 عنصراً من الأمن العام ومدني واحد خلال الاشتباكات.", 12),
    # kin
    ("قتل المسلحون الأب وأبناءه الثلاثة داخل منزلهم.", 4),
    ("استشهد أبو علي وولداه في القرية برصاص المسلحين.", 3),
])
def test_counts_in_free_arabic(text, best):
    m = main_of(text)
    assert m is not None
    if best is None:  # "exceeded sixty": more than 60
        assert (m["killed_low"], m["count_stated"]) == (61, 60)
    else:
        assert m["killed_best"] == best


def test_a_long_lead_with_the_figure_far_from_the_toll():
    text = ("وبحسب مصادر أهلية، فإن الهجوم الذي شنته مجموعات مسلحة على القرية ليل السبت، وما رافقه من "
            "حرق للمنازل، أسفر في حصيلة أولية عن 29 قتيلاً.")
    assert reading(text) == (29, 29, 29)


@pytest.mark.parametrize("text,toll", [
    ("وثقت الشبكة في آب/أغسطس 2025 مقتل 112 مدنياً في سوريا.", 112),
    ("قتل في أيار الماضي 88 مدنياً بحسب الحصيلة الشهرية للشبكة.", 88),
    ("بلغت حصيلة الضحايا المدنيين في شهر تشرين الأول 76 مدنياً.", 76),
])
def test_a_month_named_alone_makes_a_period_toll(text, toll):
    (c,) = [c for c in extract_claims(text, PUB) if c["scope"] == "total"]
    assert c["killed_best"] == toll and c["cumulative"]


def test_only_the_toll_beside_the_period_is_cumulative():
    text = "قتل 4 مدنيين في درعا يوم الثلاثاء، فيما بلغت حصيلة شباط 130 قتيلاً."
    claims = extract_claims(text, PUB)
    by = {c["killed_best"]: c["cumulative"] for c in claims}
    assert by == {4: False, 130: True}
    assert main_claim(claims)["killed_best"] == 4


def test_a_day_in_a_month_is_not_a_period():
    text = "قتل 7 مدنيين في بلدة الكفر في 14 تموز الماضي."
    assert not main_of(text)["cumulative"]


@pytest.mark.parametrize("text", [
    "قتل ستة أشخاص في غارة إسرائيلية على بلدة في جنوب لبنان.",
    "استشهد 30 فلسطينياً في قصف على مخيم جباليا شمالي قطاع غزة.",
    "لقي 12 شخصاً مصرعهم في هجوم مسلح بمحافظة ديالى العراقية.",
    "في الذكرى الثانية عشرة لمجزرة الكيماوي في الغوطة التي قتل فيها أكثر من 1400 شخص، نظم الأهالي وقفة.",
    "يستذكر أهالي الحولة مجزرة عام 2012 التي راح ضحيتها 108 أشخاص بينهم 49 طفلاً.",
    "توعدت الخلية بتنفيذ عمليات تقتل عشرات الجنود في البادية.",
    "نفى محافظ السويداء صحة الأنباء عن مقتل 20 شخصاً في قرية سليم، مؤكداً أن الوضع هادئ.",
])
def test_no_killing_in_syria_reported(text):
    assert main_of(text) is None


def test_a_strike_on_damascus_by_a_foreign_air_force_is_in_syria():
    assert reading("شنت طائرات إسرائيلية غارات على دمشق، ما أدى إلى مقتل ثلاثة أشخاص.") == (3, 3, 3)


def test_a_threat_does_not_hide_a_death_reported_after_it():
    text = "هدد فصيل مسلح بقتل كل من يقترب من الحاجز، بعد مقتل أحد عناصره الأسبوع الماضي."
    assert reading(text) == (1, 1, 1)


def test_a_later_sentence_that_raises_the_toll_gives_the_main_count():
    text = ("قُتل ثلاثة مدنيين بقصف على بلدة الكفر صباح اليوم. وارتفعت حصيلة القتلى بعد الظهر إلى سبعة "
            "بعد وفاة أربعة جرحى متأثرين بجراحهم.")
    assert main_of(text)["killed_best"] == 7


@pytest.mark.parametrize("text,best", [
    ("قتل بتاريخ 8/3/2025 خمسة مدنيين في قرية الشير.", 5),          # a date in digits is no count
    ("ارتفعت حصيلة القتلى في بانياس إلى قرابة الـ 60 قتيلاً.", 60),    # "الـ" before the number
    ("قتل مسلحون مجهولون محمد الأحمد، 34 عاماً، أمام منزله.", 1),     # a named victim with his age
    ("عثر الأهالي على شاب مقتولاً بطلقات نارية في بستان.", 1),
    ("وجد ثلاثة رعاة مقتولين في بادية تدمر.", 3),
    ("المزرعة – حصيلة القتلى: 25.", 25),
    ("راح ضحية الهجوم سبعة مدنيين بينهم طفلان.", 7),
])
def test_more_forms_of_the_count(text, best):
    assert main_of(text)["killed_best"] == best


@pytest.mark.parametrize("text", [
    "أحبطت قوات الأمن محاولة لاغتيال مختار بلدة جاسم، واعتقلت منفذيها.",
    "اعتقلت قوات الأمن ثلاثة أشخاص متهمين بقتل شاب في مدينة حمص الشهر الماضي.",
])
def test_an_attempt_or_an_accusation_is_no_death_now(text):
    assert main_of(text) is None


def test_the_injured_kin_after_a_death():
    claims = extract_claims("أدى الانفجار إلى مصرع طفل وإصابة والدته بجروح.", PUB)
    assert [(c["what"], c["count_best"]) for c in claims] == [("killed", 1), ("injured", 1)]


@pytest.mark.parametrize("text,best", [
    ("وأدى الانفجار إلى مقتل ضابط وعنصرين كانوا في السيارة، فيما نجا السائق.", 3),
    ("وأضافت أن القصف أسفر عن مقتل ممرض ومريضين في المشفى.", 3),
    ("قالت إحدى الناجيات إن المسلحين قتلوا زوجها وشقيقيه أمام عينيها.", 3),
    ("أشار ناشطون إلى أن الشاب سامر، وهو طالب جامعي في العشرين من عمره، قتل برصاص قناص.", 1),
])
def test_a_victim_and_the_list_after_them(text, best):
    assert main_of(text)["killed_best"] == best


def test_a_rumour_corrected_in_the_same_sentence():
    assert main_of("تداولت صفحات محلية خبر مقتل شاب في حي الورود، وتبين لاحقاً أنه لا يزال على قيد الحياة.") is None


@pytest.mark.parametrize("text,best", [
    ("وثقت الكاميرات جثث عشرات المدنيين، وقال أحد السكان إنه أحصى بنفسه 27 جثة في شارع واحد.", 27),
    ("قال المرصد إن أكثر من مئتي جثة نقلت إلى المشفى الوطني خلال الأيام الماضية.", None),
    ("أفادت العائلة بأنه اقتيد من منزله يوم الجمعة، قبل أن يعثر عليه مقتولاً على أطراف القرية.", 1),
    ("فقدت عائلة أبو فخر أحد عشر فرداً من أبنائها في هجوم واحد على منزلها.", 11),
    ("يا أهل الخير، ابن ضيعتنا الشهيد أبو رامي ترك وراه ٥ ولاد، الله يرحمه.", 1),
])
def test_bodies_families_and_obituaries(text, best):
    m = main_of(text)
    if best is None:  # more than 200
        assert (m["killed_low"], m["count_stated"]) == (201, 200)
    else:
        assert m["killed_best"] == best


def test_those_arrested_for_an_old_killing_are_no_new_deaths():
    assert main_of("أعلنت وزارة الداخلية إلقاء القبض على المتورطين في مقتل عائلة من خمسة أفراد في ريف حمص.") is None


@pytest.mark.parametrize("text,gov", [
    ("مقتل 4 عناصر بكمين في ريف طرطوس. وفي وقت لاحق، أعلنت الوزارة ارتفاع عدد قتلى الكمين إلى 9 عناصر.", "SY10"),
    ("قتل شخصان بإطلاق نار في حي المزة بدمشق.", "SY01"),
    ("قال المرصد إن أكثر من مئتي جثة نقلت إلى المشفى الوطني في السويداء.", "SY13"),
    ("تعرضت بلدة الصورة الكبرى لهجوم. وقتل المهاجمون 11 شخصاً من عائلة واحدة.", "SY13"),
])
def test_the_place_of_the_main_count(text, gov):
    from tally.normalize.places import place_by_id

    m = main_of(text)
    assert place_by_id(m["place_id"]).governorate_id == gov
    assert text[m["place_start"]:m["place_end"]]


@pytest.mark.parametrize("text,reading_", [
    ("مشاهد مؤلمة من القرية حيث دفن الأهالي 15 من ضحايا الهجوم في مقبرة جماعية.", (15, 15, 15)),
    ("استهدفت مسيّرة سيارة تقل قياديين قرب البلدة، ما أدى إلى مقتلهما على الفور.", (2, 2, 2)),
    ("ارتفع إلى 14 عدد الأطفال الذين قتلوا في السويداء منذ بدء المواجهات.", (14, 14, 14)),
    ("أربعة إخوة من عائلة واحدة قتلوا أمام والدتهم في القرية.", (4, 4, 4)),
    ("تشير تقديرات أولية إلى أن ما بين 1200 و1500 شخص قتلوا في الساحل.", (1200, None, 1500)),
])
def test_victims_pronouns_and_ranges(text, reading_):
    assert reading(text) == reading_


def test_a_headlines_lone_dead():
    claims = extract_claims("قتيل وثلاثة جرحى بانفجار عبوة ناسفة في سوق مدينة الباب.", PUB)
    assert sorted((c["what"], c["count_best"]) for c in claims) == [("injured", 3), ("killed", 1)]


def test_the_total_raised_after_the_days_bodies_is_a_period_toll():
    text = "انتُشلت اليوم 6 جثث جديدة في بلدة المزرعة ليرتفع العدد الكلي إلى 38."
    claims = extract_claims(text, PUB)
    assert {c["count_best"]: c["cumulative"] for c in claims} == {6: False, 38: True}
    assert main_of(text)["killed_best"] == 6


@pytest.mark.parametrize("text,reading_", [
    ("رصد نشطاء المرصد مقتل مواطنة وإصابة ابنها بنيران مسلحين مجهولين.", (1, 1, 1)),
    ("أعدموا كل الرجال الذين وجدوهم في القرية، وقدر عددهم بنحو ثلاثين رجلاً.", (27, 30, 33)),
    ("قال أحد وجهاء القرية إن القرية دفنت 42 من أبنائها في يومين.", (42, 42, 42)),
    ("أكثر من 60 بالمئة من الضحايا الذين وثقتهم الشبكة قتلوا على يد جهات مجهولة.", None),
])
def test_shares_burials_and_feminine_victims(text, reading_):
    assert reading(text) == reading_


@pytest.mark.parametrize("text,best", [
    ("وثق المرصد 6 حالات قتل في محافظة حمص خلال الأسبوع الفائت.", 6),
    ("مقتل مختار قرية الرصافة مع ابنه وأربعة من أحفاده على يد مسلحين.", 6),
    ("27 من عناصر العشائر قضوا بنيران مقاتلين دروز، و41 درزياً بينهم 11 مدنياً قتلوا على يد القوات الحكومية.", 68),
    ("قتل في الهجوم 5 مدنيين، وقتل 3 عناصر من الأمن في الاشتباك الذي تلاه.", 8),
])
def test_groups_in_clauses_add_up(text, best):
    assert main_of(text)["killed_best"] == best


def test_a_toll_and_the_wounded_who_died_are_not_added():
    text = "ارتفعت حصيلة ضحايا الانفجار في السوق إلى 15 قتيلاً، بعد وفاة 6 من الجرحى متأثرين بإصاباتهم."
    assert main_of(text)["killed_best"] == 15


@pytest.mark.parametrize("text,reading_", [
    ("بعد أن قتل المهاجمون، بحسب الأهالي، ما يقارب الأربعين شخصاً من سكانها.", (36, 40, 44)),
    ("بلغ مجموع من قتلوا في قرى ريف القرداحة خلال ثلاثة أيام 86 شخصاً بحسب ناشطين.", (86, 86, 86)),
    ("قضت عائلة كاملة مكونة من أب وأم وثلاثة أطفال حرقاً داخل منزلها.", (5, 5, 5)),
    ("يصادف اليوم مرور عام على مجزرة قرية الزارة التي قتل فيها 20 مدنياً.", None),
])
def test_asides_sums_families_and_years_after(text, reading_):
    assert reading(text) == reading_


@pytest.mark.parametrize("text", [
    "لقي 40 مهاجراً حتفهم غرقاً قبالة السواحل الليبية بعد انقلاب قاربهم.",
    "قتلت غارات أمريكية 20 شخصاً في صنعاء، وفق جماعة الحوثي.",
    "قبل عشر سنوات، في مثل هذا اليوم، قتل أكثر من 50 مدنياً بغارات على سوق مدينة أريحا.",
    "تحدثت تقارير عن خطة لتصفية عشرات الضباط السابقين، لكن وزارة الداخلية نفتها.",
])
def test_more_reports_of_no_new_death_in_syria(text):
    assert main_of(text) is None


def test_a_war_toll_since_its_beginning_is_a_period_toll():
    m = main_of("قالت الأمم المتحدة إن النزاع السوري أودى منذ بدايته بحياة أكثر من 500 ألف شخص.")
    assert m["cumulative"] and m["count_stated"] == 500000


def test_the_days_count_before_the_running_total():
    text = ("قال المرصد إن 162 مدنياً قتلوا اليوم في قرى ريف اللاذقية، ليرتفع عدد المدنيين الذين قتلوا "
            "منذ يوم الخميس إلى 311.")
    claims = extract_claims(text, PUB)
    assert {c["count_best"]: c["cumulative"] for c in claims} == {162: False, 311: True}
    assert main_of(text)["killed_best"] == 162


@pytest.mark.parametrize("text,best", [
    ("قتل 6 أشخاص من عائلة واحدة في قرية حريصون، بينهم طفلان، وقتل 4 آخرون في قرية البيضا المجاورة.", 10),
    ("قالت مصادر طبية إن 80 جثة لم يتم التعرف عليها بعد، من أصل 300 جثة وصلت إلى المشفى.", 300),
])
def test_parts_and_wholes_in_one_sentence(text, best):
    assert main_of(text)["killed_best"] == best


@pytest.mark.parametrize("text,best", [
    ("قال مصدر طبي إن المشفى استقبل خلال 24 ساعة 43 جثة و120 مصاباً، وإن 9 من المصابين توفوا لاحقاً.", 52),
    ("أعلنت الداخلية مقتل 3 من عناصرها في هجوم لخلية تابعة لداعش، وأضافت أنها قتلت اثنين من المهاجمين.", 5),
    ("قتل 12 شخصاً وأصيب 30 في قصف على المدينة، في حين قتل 5 من عناصر الأمن في كمين على الطريق.", 17),
    ("اندلعت اشتباكات أدت إلى مقتل 30 شخصاً، وفق وزارة الداخلية، بينما تحدث المرصد عن 37 قتيلاً.", 37),
])
def test_clauses_of_one_event_add_up_but_another_sources_figure_does_not(text, best):
    # the last: two sources' figures, not two groups; the largest of the first sentence (main_claim's rule)
    assert main_of(text)["killed_best"] == best
