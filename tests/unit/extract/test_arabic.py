"""Arabic news paragraphs → claims: counts, subtotals, period tolls, dates, places, attribution."""

import datetime as dt

import pytest

from tally.extract import extract_claims, main_claim
from tally.extract.language import language_of, language_warning

PUB = dt.date(2025, 3, 12)  # a Wednesday


def main_of(text, pub=PUB):
    return main_claim(extract_claims(text, pub))


@pytest.mark.parametrize("text,low,best,high", [
    ("قُتل شخصان وأصيب ثلاثة آخرون بانفجار عبوة ناسفة في مدينة جبلة أمس.", 2, 2, 2),
    ("استشهد ثلاثة أطفال جراء قصف على بلدة كفرنبل.", 3, 3, 3),
    ("قضت ثلاث نساء في قصف على مدينة سراقب.", 3, 3, 3),  # the feminine plural takes the masculine number form
    ("وثق المرصد مقتل ١٢ مدنياً في مدينة دوما.", 12, 12, 12),
    ("لقي 5 أشخاص حتفهم في هجوم مسلح على مدينة تلبيسة.", 5, 5, 5),
    ("عثر الأهالي على جثث سبعة أشخاص قرب مدينة الميادين.", 7, 7, 7),
    ("قالت الشبكة إنها سجلت مقتل طفلين في مدينة الباب.", 2, 2, 2),
    ("ارتفعت حصيلة ضحايا الانفجار في مدينة منبج إلى نحو 15 قتيلاً.", 14, 15, 16),
    ("قال المرصد إن ما لا يقل عن 30 شخصاً قتلوا في مدينة السويداء.", 30, 30, None),
    ("قال المرصد إن أكثر من ٢٠ شخصاً قتلوا في مجزرة في مدينة يبرود.", 21, None, None),
    ("سقط عشرات القتلى والجرحى في اشتباكات في محيط مدينة درعا.", 20, None, 99),
    ("عاجل | ارتقاء الشاب محمد العلي برصاص مجهولين في مدينة نوى أمس.", 1, 1, 1),
    ("مجزرة جديدة: إعدام ميداني لـ4 شبان من أبناء مدينة بانياس أمس.", 4, 4, 4),
    ("بمزيد من الحزن ننعى الشهيدين أحمد وشقيقه في بلدة القرداحة.", 2, 2, 2),
    ("قتل رجل وزوجته وأطفالهما الثلاثة في غارة على مدينة إدلب.", 5, 5, 5),
    ("قتلت امرأة وابنتها طعناً داخل منزلهما في مدينة الرقة.", 2, 2, 2),
    ("توفي مسن إثر سقوطه من شرفة منزله في مدينة طرطوس.", 1, 1, 1),
    ("نفذت مجموعات مسلحة إعدامات ميدانية بحق 12 شخصاً في قرية الثعلة.", 12, 12, 12),
    ("تجاوز عدد ضحايا الحرب 600 ألف قتيل منذ عام 2011.", 600001, None, None),  # "exceeded": more than
    ("قتلت قوات الأمن العام 4 مسلحين خلال حملة تمشيط في ريف جبلة.", 4, 4, 4),
    ("أقدم مجهولون على قتل راعٍ وسرقة أغنامه في بادية حمص.", 1, 1, 1),
    ("لقيت امرأة وطفلاها حتفهم جراء انفجار في منزلهم بمدينة القامشلي.", 3, 3, 3),
    ("شهدت مدينة بانياس مجزرة مروعة راح ضحيتها 42 مدنياً.", 42, 42, 42),
])
def test_the_main_count_is_read_in_arabic(text, low, best, high):
    m = main_of(text)
    got = (m["killed_low"], m["killed_best"], m["killed_high"]) if m else (None, None, None)
    assert got == (low, best, high)


def test_subtotals_are_claimed_apart_and_not_added():
    text = "وثّق المرصد السوري لحقوق الإنسان مقتل ١٢ شخصاً، بينهم ٣ أطفال و7 سيدات، جراء قصف على مدينة جبلة أمس."
    claims = extract_claims(text, PUB)
    assert main_claim(claims)["killed_best"] == 12
    assert sorted(c["count_best"] for c in claims if c["scope"] == "subtotal") == [3, 7]


def test_a_period_toll_is_cumulative_and_not_the_main_count():
    text = ("وثّق المرصد مقتل 7 أشخاص جراء قصف على مدينة جبلة أمس. وبذلك ترتفع حصيلة القتلى منذ بداية "
            "العام الجاري إلى 287 شخصاً.")
    claims = extract_claims(text, PUB)
    assert main_claim(claims)["killed_best"] == 7
    toll = next(c for c in claims if c["count_best"] == 287)
    assert toll["cumulative"] and not main_claim(claims)["cumulative"]


@pytest.mark.parametrize("text", [
    "انفجرت عبوة ناسفة في مدينة جبلة أمس، دون أن يسفر الانفجار عن وقوع إصابات.",
    "حذرت منظمات إنسانية من أن الآلاف قد يموتون جوعاً في مخيمات الشمال السوري.",
    "أحيا أهالي مدينة درعا في ١٢ آذار/مارس الذكرى السنوية لمجزرة عام 2012.",
    "أفرجت السلطات عن 35 معتقلاً من سجن مدينة حمص أمس.",
])
def test_distractors_give_no_death_count(text):
    assert main_of(text) is None


@pytest.mark.parametrize("phrase,day", [
    ("أمس", dt.date(2025, 3, 11)), ("يوم الإثنين", dt.date(2025, 3, 10)), ("فجر اليوم", PUB),
    ("في 9 آذار/مارس", dt.date(2025, 3, 9)), ("في ٢٨ كانون الأول/ديسمبر", dt.date(2024, 12, 28)),
])
def test_dates_are_read_against_the_publication_date(phrase, day):
    m = main_of(f"قُتل ثلاثة أشخاص في مدينة إدلب {phrase}.")
    assert (m["date_start"], m["date_end"]) == (day.isoformat(), day.isoformat())


@pytest.mark.parametrize("place,gov", [("ريف اللاذقية", "SY06"), ("ريف حماة الغربي", "SY05"),
                                       ("حي الوعر في حمص", "SY04"), ("العاصمة دمشق", "SY01")])
def test_places_through_the_gazetteers_arabic_names(place, gov):
    from tally.normalize.places import place_by_id

    m = main_of(f"قُتل ثلاثة أشخاص في {place} أمس.")
    assert place_by_id(m["place_id"]).governorate_id == gov
    text = f"قُتل ثلاثة أشخاص في {place} أمس."
    assert place in text[m["place_start"] - 4:m["place_end"] + 4] or text[m["place_start"]:m["place_end"]] in place


@pytest.mark.parametrize("text,perp,strength,actor", [
    ("سجلت الشبكة مقتل 5 مدنيين على يد مسلحين مجهولين في مدينة جاسم.", "مسلحين مجهولين", "unidentified", "unidentified"),
    ("قُتل 4 أشخاص في مدينة منبج. واتهم ناشطون عناصر تابعة لقوات سوريا الديمقراطية بالوقوف وراء الهجوم.",
     "عناصر تابعة لقوات سوريا الديمقراطية", "alleged", "sdf"),
    ("لقي 5 أشخاص حتفهم في مدينة نوى. ويُعتقد أن هيئة تحرير الشام تقف وراء الهجوم.",
     "هيئة تحرير الشام", "suspected", "hts"),
    ("وثّق المرصد السوري لحقوق الإنسان مقتل 6 أشخاص جراء قصف نفذته القوات التركية على مدينة تل أبيض.",
     "القوات التركية", "claimed_by_source", "turkish forces"),
    ("قتل 9 أشخاص في مجزرة ارتكبتها مجموعات مسلحة في مدينة يبرود، ونفت وزارة الدفاع أي علاقة لها بما جرى.",
     "مجموعات مسلحة", "contested", None),
])
def test_attribution_verbs_and_actors(text, perp, strength, actor):
    m = main_of(text)
    assert (m["perpetrator"], m["attribution"], m["perpetrator_actor"]) == (perp, strength, actor)
    assert text[m["perpetrator_start"]:m["perpetrator_end"]] == perp


def test_cited_sources_and_evidence_spans_index_the_original_text():
    text = "قالت الشبكة السورية لحقوق الإنسان إنها سجلت مقتل ثلاثة أشخاص في مدينة إدلب يوم الثلاثاء."
    (c,) = extract_claims(text, PUB)
    assert c["cited_source"] == "الشبكة السورية لحقوق الإنسان"
    assert text[c["cited_source_start"]:c["cited_source_end"]] == c["cited_source"]
    assert text[c["evidence_start"]:c["evidence_end"]] == c["evidence_text"]
    assert text[c["count_start"]:c["count_end"]].startswith("ثلاثة")
    assert c["language"] == "ar"


def test_language_is_detected_and_an_unread_language_warned_about():
    assert language_of("قُتل شخصان في جبلة أمس") == "ar"
    assert language_of("Two people were killed in Jableh on Monday, officials said.") == "en"
    french = "Le bombardement a fait douze morts et des dizaines de blessés dans la ville selon les secouristes."
    assert language_of(french) == "und"
    assert "not in English or Arabic" in language_warning(french, 0)
    assert language_warning("قُتل شخصان في جبلة أمس", 1) is None


@pytest.mark.parametrize("text,best", [
    ("أودى انفجار سيارة مفخخة بحياة 6 أشخاص في مدينة منبج.", 6),
    ("حصد القصف أرواح 12 مدنياً في مدينة إدلب.", 12),
    ("استشهدت سيدتان بقصف على بلدة كفرنبل.", 2),
    ("ذبح مسلحون 3 رعاة في بادية حمص.", 3),
])
def test_more_verb_forms(text, best):
    assert main_of(text)["killed_best"] == best


@pytest.mark.parametrize("text,best", [
    ("مقتل عائلة كاملة مؤلفة من خمسة أشخاص إثر قصف مدفعي استهدف منزلها في بلدة سراقب.", 5),
    ("ارتفع عدد القتلى جراء الهجوم على قرية في ريف حمص الغربي إلى 11 شخصاً.", 11),
])
def test_a_family_of_n_and_the_number_of_the_dead(text, best):
    assert main_of(text)["killed_best"] == best
