"""Write ``paragraphs.jsonl``: Arabic casualty paragraphs written for Tally, with labels.

    python tests/data/extract_ar/build.py      # rewrites paragraphs.jsonl (deterministic)

Every paragraph is composed here from sentence patterns written for Tally in the
styles of Syrian reporting (a monitor's daily post, a rights network's report, a
local news site, a TV site, state news, a local Facebook page); no sentence is
copied from any outlet. The label of each paragraph is written beside the words
that state it (the count, its qualifier, the subtotal, the period toll, the
perpetrator and how the text attributes it, the cited source, the place's
governorate, the date), so labels are fixed before any extractor runs on the text.
The split (``dev`` / ``heldout``) is fixed by id: ids whose last digit is 2, 5 or 8
are held out (30 %).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

#: (Arabic name as written, governorate in English as the gazetteer names it)
PLACES = [
    ("مدينة جبلة", "Lattakia"), ("ريف اللاذقية", "Lattakia"), ("بلدة القرداحة", "Lattakia"),
    ("ريف حماة الغربي", "Hama"), ("مدينة مصياف", "Hama"), ("مدينة سلمية", "Hama"), ("بلدة محردة", "Hama"),
    ("حي الوعر في حمص", "Homs"), ("مدينة تلبيسة", "Homs"), ("مدينة الرستن", "Homs"), ("مدينة القصير", "Homs"),
    ("مدينة إدلب", "Idleb"), ("مدينة سراقب", "Idleb"), ("مدينة أريحا", "Idleb"), ("بلدة كفرنبل", "Idleb"),
    ("مدينة جسر الشغور", "Idleb"), ("مدينة الباب", "Aleppo"), ("مدينة منبج", "Aleppo"), ("منطقة عفرين", "Aleppo"),
    ("بلدة الأتارب", "Aleppo"), ("مدينة القامشلي", "Al-Hasakeh"), ("مدينة رأس العين", "Al-Hasakeh"),
    ("مدينة الميادين", "Deir-ez-Zor"), ("مدينة البوكمال", "Deir-ez-Zor"), ("مدينة الرقة", "Ar-Raqqa"),
    ("مدينة تل أبيض", "Ar-Raqqa"), ("مدينة درعا", "Dar'a"), ("مدينة نوى", "Dar'a"), ("مدينة جاسم", "Dar'a"),
    ("مدينة بصرى الشام", "Dar'a"), ("مدينة السويداء", "As-Sweida"), ("مدينة شهبا", "As-Sweida"),
    ("مدينة جرمانا", "Rural Damascus"), ("مدينة صحنايا", "Rural Damascus"), ("مدينة دوما", "Rural Damascus"),
    ("مدينة يبرود", "Rural Damascus"), ("مدينة بانياس", "Tartous"), ("حي القصور في بانياس", "Tartous"),
    ("مدينة طرطوس", "Tartous"), ("مدينة القنيطرة", "Quneitra"), ("العاصمة دمشق", "Damascus"),
]
#: month number → Levantine/standard pair as written in Syrian news
MONTHS = {1: "كانون الثاني/يناير", 2: "شباط/فبراير", 3: "آذار/مارس", 4: "نيسان/أبريل", 5: "أيار/مايو",
          6: "حزيران/يونيو", 7: "تموز/يوليو", 8: "آب/أغسطس", 9: "أيلول/سبتمبر",
          10: "تشرين الأول/أكتوبر", 11: "تشرين الثاني/نوفمبر", 12: "كانون الأول/ديسمبر"}
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
#: number words before a masculine plural noun (the number takes the feminine form), 3..10
MASC = {3: "ثلاثة", 4: "أربعة", 5: "خمسة", 6: "ستة", 7: "سبعة", 8: "ثمانية", 9: "تسعة", 10: "عشرة"}
#: before a feminine plural noun (نساء، سيدات)
FEM = {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثماني", 9: "تسع", 10: "عشر"}
#: duals: nominative / oblique, with what they count and whether civilian
DUALS = [("شخصان", "شخصين"), ("مدنيان", "مدنيين"), ("شابان", "شابين"), ("طفلان", "طفلين"),
         ("رجلان", "رجلين"), ("عنصران", "عنصرين"), ("امرأتان", "امرأتين"), ("شقيقان", "شقيقين")]
#: perpetrator phrases: (as written, actor id of the shipped table or None, attribution strength)
PERPS = [
    ("مسلحون مجهولون", None, "unidentified"), ("مجهولون", None, "unidentified"),
    ("عناصر تابعة لقوات سوريا الديمقراطية", "sdf", "affiliated"),
    ("فصائل موالية لتركيا", "sna", "affiliated"), ("الأمن العام", "general security", "asserted"),
    ("القوات الإسرائيلية", "israeli forces", "asserted"), ("تنظيم الدولة الإسلامية", "islamic state", "asserted"),
    ("قوات سوريا الديمقراطية", "sdf", "asserted"), ("القوات التركية", "turkish forces", "asserted"),
    ("هيئة تحرير الشام", "hts", "asserted"), ("فلول النظام البائد", "pro-assad insurgents", "asserted"),
]
SOURCES = [("المرصد السوري لحقوق الإنسان", "SOHR"), ("الشبكة السورية لحقوق الإنسان", "SNHR")]


def digits(n: int, rng: random.Random) -> str:
    s = str(n)
    return s.translate(INDIC) if rng.random() < 0.4 else s


def plural_people(n: int, rng: random.Random, fem: bool = False) -> tuple[str, str]:
    """(count phrase, noun) for n people, in the agreement Arabic requires."""
    if n == 1:
        return "", "شخص"
    if 3 <= n <= 10 and rng.random() < 0.5:
        return (FEM if fem else MASC)[n], "نساء" if fem else rng.choice(["أشخاص", "مدنيين", "شبان"])
    if n <= 10:
        return digits(n, rng), "نساء" if fem else rng.choice(["أشخاص", "مدنيين"])
    # 11 and over: singular accusative noun
    return digits(n, rng), "سيدة" if fem else rng.choice(["شخصاً", "مدنياً"])


def counted(n: int, one: str, two: str, few: str, many: str, rng: random.Random) -> str:
    """A subtotal as Arabic writes it: "طفل"، "طفلان"، "3 أطفال"، "12 طفلاً"."""
    if n == 1:
        return one
    if n == 2:
        return two
    return f"{digits(n, rng)} {few if n <= 10 else many}"


def event_date(published: dt.date, rng: random.Random) -> tuple[str, dt.date]:
    """A way of writing the day before or of publication, and the day it means."""
    k = rng.randrange(5)
    if k == 0:
        return "أمس", published - dt.timedelta(days=1)
    if k == 1:
        d = published - dt.timedelta(days=rng.randrange(1, 6))
        return f"يوم {WEEKDAYS[d.weekday()]}", d
    if k == 2:
        return rng.choice(["فجر اليوم", "صباح اليوم", "مساء اليوم"]), published
    d = published - dt.timedelta(days=rng.randrange(0, 4))
    day = digits(d.day, rng)
    return f"في {day} {MONTHS[d.month]}", d


def label(**kw) -> dict:
    base = {"killed_low": None, "killed_best": None, "killed_high": None, "cumulative": False,
            "perpetrator": None, "perpetrator_actor": None, "attribution": "unknown", "cited_source": None,
            "place": None, "governorate": None, "date_start": None, "date_end": None,
            "subtotals": [], "cumulative_count": None, "injured": None, "abducted": None, "distractor": False}
    base.update(kw)
    return base


def para_sohr(rng, pub):
    n = rng.choice([3, 4, 5, 6, 7, 9, 12, 14, 17, 23, 31])
    kids = rng.randrange(1, max(2, n // 2))
    women = rng.randrange(1, max(2, n - kids)) if n - kids > 1 else 0
    place, gov = rng.choice(PLACES)
    perp, actor, strength = rng.choice(PERPS[4:])
    when, d = event_date(pub, rng)
    cum = rng.choice([140, 287, 512, 1043, 2210])
    num, noun = plural_people(n, rng)
    sub = f"بينهم {counted(kids, 'طفل', 'طفلان', 'أطفال', 'طفلاً', rng)}" + (
        f" و{counted(women, 'سيدة', 'سيدتان', 'سيدات', 'سيدة', rng)}" if women else "")
    subs = [kids] + ([women] if women else [])
    text = (f"وثّق المرصد السوري لحقوق الإنسان مقتل {num} {noun}، {sub}، جراء قصف نفذته {perp} "
            f"على {place} {when}. وبذلك ترتفع حصيلة القتلى المدنيين منذ بداية العام الجاري إلى "
            f"{digits(cum, rng)} شخصاً، وفقاً لإحصائيات المرصد.")
    return text, label(killed_low=n, killed_best=n, killed_high=n, perpetrator=perp, perpetrator_actor=actor,
                       attribution="claimed_by_source", cited_source="SOHR", place=place, governorate=gov,
                       date_start=d.isoformat(), date_end=d.isoformat(), subtotals=subs, cumulative_count=cum)


def para_sohr_rise(rng, pub):
    first, now = rng.choice([(4, 7), (6, 11), (9, 15), (12, 19), (20, 27), (3, 5)])
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    qual, low, best, high = rng.choice([("", now, now, now), ("نحو ", round(now * .9), now, round(now * 1.1)),
                                        ("ما لا يقل عن ", now, now, None), ("قرابة ", round(now * .9), now, round(now * 1.1))])
    text = (f"ارتفعت حصيلة ضحايا الانفجار الذي ضرب سوقاً شعبياً في {place} {when} إلى {qual}{digits(now, rng)} "
            f"{'قتلى' if now <= 10 else 'قتيلاً'}، بعد وفاة {digits(now - first, rng)} من الجرحى متأثرين بإصاباتهم، بحسب ما أفاد المرصد السوري "
            f"لحقوق الإنسان. وكان المرصد قد أحصى في وقت سابق {digits(first, rng)} {'قتلى' if first <= 10 else 'قتيلاً'}.")
    return text, label(killed_low=low, killed_best=best, killed_high=high, cited_source="SOHR", place=place,
                       governorate=gov, date_start=d.isoformat(), date_end=d.isoformat())


def para_snhr(rng, pub):
    n = rng.choice([2, 3, 5, 8, 11, 13, 16, 21])
    place, gov = rng.choice(PLACES)
    perp, actor, strength = rng.choice(PERPS)
    when, d = event_date(pub, rng)
    if n == 2:
        phrase = f"{rng.choice(DUALS[:3])[1]}"
    else:
        num, noun = plural_people(n, rng)
        phrase = f"{num} {noun}"
    text = (f"قالت الشبكة السورية لحقوق الإنسان في تقريرها اليومي إنها سجلت {when} مقتل {phrase} "
            f"على يد {perp} في {place}، مشيرة إلى أن الضحايا قضوا إثر إطلاق نار مباشر.")
    return text, label(killed_low=n, killed_best=n, killed_high=n, perpetrator=perp, perpetrator_actor=actor,
                       attribution="unidentified" if strength == "unidentified" else "claimed_by_source",
                       cited_source="SNHR", place=place, governorate=gov,
                       date_start=d.isoformat(), date_end=d.isoformat())


def para_snhr_month(rng, pub):
    n = rng.choice([87, 114, 153, 201, 96, 64])
    kids = rng.choice([9, 12, 17, 21])
    m = (pub.month - 2) % 12 + 1
    y = pub.year if m < pub.month else pub.year - 1
    end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    text = (f"أصدرت الشبكة السورية لحقوق الإنسان تقريرها الشهري، ووثقت فيه مقتل {digits(n, rng)} مدنياً "
            f"في سوريا خلال شهر {MONTHS[m]} {digits(y, rng)}، بينهم {digits(kids, rng)} طفلاً، "
            f"وأشارت إلى أن محافظة {rng.choice(['حلب', 'إدلب', 'درعا', 'حمص'])} تصدرت بقية المحافظات من حيث عدد الضحايا.")
    return text, label(killed_low=n, killed_best=n, killed_high=n, cumulative=True, cited_source="SNHR",
                       date_start=dt.date(y, m, 1).isoformat(), date_end=end.isoformat(), subtotals=[kids],
                       cumulative_count=n)


def para_enab(rng, pub):
    n = rng.choice([1, 2, 2, 3, 4, 5, 6])
    inj = rng.choice([2, 3, 4, 7, 10])
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    if n == 1:
        head = "قُتل شخص"
    elif n == 2:
        head = f"قُتل {rng.choice(DUALS)[0]}"
    else:
        num, noun = plural_people(n, rng)
        head = f"قُتل {num} {noun}"
    what = rng.choice(["انفجار عبوة ناسفة", "انفجار سيارة مفخخة", "انفجار لغم من مخلفات الحرب"])
    text = (f"{head} وأصيب {digits(inj, rng)} آخرون ب{what} في {place} {when}، "
            f"بحسب ما أفاد مراسل عنب بلدي، ولم تتبنَّ أي جهة التفجير حتى لحظة إعداد الخبر.")
    return text, label(killed_low=n, killed_best=n, killed_high=n, cited_source=None, place=place,
                       governorate=gov, date_start=d.isoformat(), date_end=d.isoformat(), injured=inj)


def para_syriatv(rng, pub):
    n = rng.choice([3, 4, 5, 7, 8, 10, 12])
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    perp, actor, _ = rng.choice(PERPS[2:5] + PERPS[9:])
    num, noun = plural_people(n, rng)
    verb = rng.choice(["لقي {} {} حتفهم", "قضى {} {}", "سقط {} {} قتلى"])
    head = verb.format(num, noun)
    accuse = rng.choice(["اتهم ناشطون", "اتهم أهالي البلدة", "نسب ناشطون الهجوم إلى"])
    if accuse.startswith("نسب"):
        second = f"{accuse} {perp}، في حين نفت الجهة المتهمة أي علاقة لها بالحادثة."
        strength = "contested"
    elif rng.random() < 0.5:
        second = f"{accuse} {perp} بالوقوف وراء الهجوم."
        strength = "alleged"
    else:
        second = f"ويُعتقد أن {perp} تقف وراء الهجوم، بحسب مصادر محلية لموقع تلفزيون سوريا."
        strength = "suspected"
    text = f"{head} في هجوم مسلح استهدف {place} {when}. {second}"
    return text, label(killed_low=n, killed_best=n, killed_high=n, perpetrator=perp, perpetrator_actor=actor,
                       attribution=strength, place=place, governorate=gov,
                       date_start=d.isoformat(), date_end=d.isoformat(),
                       cited_source="local sources" if strength == "suspected" else None)


def para_sana(rng, pub):
    n = rng.choice([2, 3, 4, 6, 9])
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    if n == 2:
        head = rng.choice(["استشهد مدنيان", "ارتقى شهيدان"])
    else:
        num, noun = plural_people(n, rng)
        head = rng.choice([f"استشهد {num} {noun}", f"ارتقى {digits(n, rng)} شهداء"])
    inj = rng.choice([5, 8, 12])
    text = (f"{head} وأصيب {digits(inj, rng)} آخرون بجروح {when} جراء اعتداء إرهابي بقذائف صاروخية "
            f"على {place}، بحسب ما أفاد مراسل سانا.")
    return text, label(killed_low=n, killed_best=n, killed_high=n, cited_source="SANA", place=place,
                       governorate=gov, date_start=d.isoformat(), date_end=d.isoformat(), injured=inj)


NAMES = ["محمد العلي", "أحمد الحسن", "خالد يوسف", "علي إبراهيم", "سامر ديب", "حسن الأحمد", "يوسف الخطيب"]


def para_facebook(rng, pub):
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    name = rng.choice(NAMES)
    kind = rng.randrange(3)
    if kind == 0:
        text = (f"عاجل | ارتقاء الشاب {name} برصاص مجهولين على أطراف {place} {when}. "
                f"الرحمة لروحه والصبر لأهله.")
        lab = label(killed_low=1, killed_best=1, killed_high=1, perpetrator="مجهولين", attribution="unidentified")
    elif kind == 1:
        text = (f"بمزيد من الحزن ننعى الشهيدين {name} وشقيقه اللذين قضيا {when} بقصف طال منزلهما في {place}.")
        lab = label(killed_low=2, killed_best=2, killed_high=2)
    else:
        n = rng.choice([3, 4, 5])
        text = (f"مجزرة جديدة في {place}: إعدام ميداني لـ{digits(n, rng)} شبان من أبناء البلدة {when} "
                f"على يد عناصر تابعة لـ{rng.choice(['فلول النظام البائد', 'مجموعات مسلحة'])}. حسبنا الله ونعم الوكيل.")
        lab = label(killed_low=n, killed_best=n, killed_high=n, attribution="affiliated",
                    perpetrator="عناصر تابعة لـ")
    lab.update(place=place, governorate=gov, date_start=d.isoformat(), date_end=d.isoformat())
    return text, lab


def para_bodies(rng, pub):
    n = rng.choice([3, 4, 5, 6, 7, 11, 15])
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    num, noun = plural_people(n, rng)
    text = (f"عثر الأهالي {when} على جثث {num} {noun} مجهولي الهوية قرب {place}، وعليها آثار تعذيب "
            f"وطلقات نارية، وفق ما نقلت مصادر محلية.")
    return text, label(killed_low=n, killed_best=n, killed_high=n, cited_source="local sources", place=place,
                       governorate=gov, date_start=d.isoformat(), date_end=d.isoformat())


def para_vague(rng, pub):
    word, low, high = rng.choice([("عشرات", 20, 99), ("مئات", 200, 999)])
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    text = (f"سقط {word} القتلى والجرحى في اشتباكات عنيفة شهدها محيط {place} {when}، "
            f"وسط أنباء عن حركة نزوح واسعة للأهالي.")
    return text, label(killed_low=low, killed_best=None, killed_high=high, place=place, governorate=gov,
                       date_start=d.isoformat(), date_end=d.isoformat())


def para_more_than(rng, pub):
    n = rng.choice([10, 15, 20, 30, 40, 50])
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    text = (f"قال المرصد السوري لحقوق الإنسان إن أكثر من {digits(n, rng)} شخصاً قتلوا في مجزرة ارتكبتها "
            f"مجموعات مسلحة في {place} {when}، ونفت وزارة الدفاع أي علاقة لقواتها بما جرى.")
    return text, label(killed_low=n + 1, killed_best=None, killed_high=None, perpetrator="مجموعات مسلحة",
                       attribution="contested", cited_source="SOHR", place=place, governorate=gov,
                       date_start=d.isoformat(), date_end=d.isoformat())


def para_abduct(rng, pub):
    n = rng.choice([2, 3, 4, 6])
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    num = rng.choice(DUALS[:3])[1] if n == 2 else f"{digits(n, rng)} مدنيين"
    text = (f"اختطف مسلحون مجهولون {num} على الطريق الواصل إلى {place} {when}، "
            f"ولا يزال مصيرهم مجهولاً حتى الآن.")
    return text, label(abducted=n, perpetrator="مسلحون مجهولون", attribution="unidentified", place=place,
                       governorate=gov, date_start=d.isoformat(), date_end=d.isoformat())


def para_cumulative_only(rng, pub):
    n = rng.choice([1245, 860, 3120, 412])
    since = rng.choice(["منذ آذار الماضي", "منذ بداية العام", "منذ سقوط النظام"])
    text = (f"وثق المرصد السوري لحقوق الإنسان مقتل {digits(n, rng)} شخصاً في عمليات تصفية وانتقام "
            f"{since} في مختلف المحافظات السورية، داعياً إلى محاسبة المسؤولين.")
    return text, label(killed_low=n, killed_best=n, killed_high=n, cumulative=True, cited_source="SOHR",
                       cumulative_count=n)


def para_distractor(rng, pub):
    place, gov = rng.choice(PLACES)
    when, d = event_date(pub, rng)
    k = rng.randrange(6)
    if k == 0:
        text = (f"انفجرت عبوة ناسفة قرب دورية أمنية في {place} {when}، دون أن يسفر الانفجار عن وقوع "
                f"إصابات، واقتصرت الأضرار على الماديات.")
    elif k == 1:
        text = (f"حذرت منظمات إنسانية من أن الآلاف قد يموتون جوعاً في مخيمات الشمال السوري إذا استمر "
                f"انقطاع المساعدات خلال الأشهر الـ{digits(3, rng)} المقبلة.")
    elif k == 2:
        y = rng.choice([2012, 2013, 2016])
        text = (f"أحيا أهالي {place} {when} الذكرى السنوية لمجزرة عام {digits(y, rng)}، ورفعوا صور "
                f"الضحايا ولافتات تطالب بالعدالة.")
    elif k == 3:
        text = (f"أفرجت السلطات عن {digits(rng.choice([20, 35, 48]), rng)} معتقلاً من سجن {place} {when}، "
                f"ضمن دفعة جديدة من المفرج عنهم.")
    elif k == 4:
        text = (f"ارتفع سعر ربطة الخبز في {place} إلى {digits(rng.choice([4000, 5500]), rng)} ليرة سورية {when}، "
                f"وسط شكاوى من الأهالي.")
    else:
        text = (f"نفى مصدر في قيادة الشرطة ما تداولته صفحات محلية عن سقوط قتلى في {place} {when}، "
                f"مؤكداً أن الحادثة اقتصرت على شجار لم يُصب فيه أحد.")
    return text, label(distractor=True)


STYLES = [("sohr", para_sohr, 22), ("sohr_rise", para_sohr_rise, 12), ("snhr", para_snhr, 18),
          ("snhr_month", para_snhr_month, 6), ("enab", para_enab, 18), ("syriatv", para_syriatv, 18),
          ("sana", para_sana, 14), ("facebook", para_facebook, 14), ("bodies", para_bodies, 8),
          ("vague", para_vague, 6), ("more_than", para_more_than, 6), ("abduct", para_abduct, 6),
          ("cumulative", para_cumulative_only, 6), ("distractor", para_distractor, 16)]


def build() -> list[dict]:
    rng = random.Random(2026)
    rows = []
    for style, fn, n in STYLES:
        for _ in range(n):
            pub = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 330))
            text, lab = fn(rng, pub)
            rows.append({"style": style, "published": pub.isoformat(), "text": text, "label": lab})
    rng.shuffle(rows)
    for i, r in enumerate(rows, 1):
        r["id"] = f"ar{i:03d}"
        r["split"] = "heldout" if i % 10 in (2, 5, 8) else "dev"
    return [{k: r[k] for k in ("id", "split", "style", "published", "text", "label")} for r in rows]


if __name__ == "__main__":
    rows = build()
    with (HERE / "paragraphs.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), "paragraphs,", sum(r["split"] == "heldout" for r in rows), "held out")
