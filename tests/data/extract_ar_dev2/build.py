"""Development batch 2 for the Arabic rules (helper X2, wave 3): paragraphs written by hand,
each aimed at one weakness class (the ``style`` names it), labelled before the fix.
Run (`python tests/data/extract_ar_dev2/build.py`) to rewrite ``paragraphs.jsonl``.
See README.md."""

import json
from pathlib import Path

from tally.extract.numbers import read_count

KEYS = ("killed_low", "killed_best", "killed_high", "cumulative", "cumulative_count", "injured",
        "abducted", "governorate", "distractor", "subtotals", "perpetrator", "attribution",
        "cited_source", "place", "date_start", "date_end")


def K(n, q="exact", **kw):
    lo, be, hi = read_count(n, q)
    return dict(killed_low=lo, killed_best=be, killed_high=hi, **kw)


def V(lo, hi, **kw):
    return dict(killed_low=lo, killed_best=None, killed_high=hi, **kw)


def D(**kw):
    return dict(distractor=True, **kw)


P = []


def p(style, published, text, label):
    P.append((style, published, text, label))


# count + من + group: "ستة من عناصر الأمن"
p("count-min", "2025-03-08", "قتل تسعة من عناصر الأمن العام في هجوم على حاجز قرب مدينة القرداحة مساء الجمعة.", K(9, governorate="Lattakia"))
p("count-min", "2025-07-15", "أعلنت وزارة الداخلية مقتل 27 من منتسبيها خلال الاشتباكات في ريف السويداء.", K(27, governorate="As-Sweida"))
p("count-min", "2025-03-10", "وثق ناشطون مقتل ٤٠ من أبناء قرية الرصافة على يد مجموعات مسلحة.", K(40, governorate="Hama"))
p("count-min", "2025-05-02", "قضى خمسة من أفراد عائلة واحدة بقصف مدفعي على بلدة كفرنبل.", K(5, governorate="Idleb"))
p("count-min", "2025-07-18", "قالت مصادر طبية إن 14 من الجرحى فارقوا الحياة خلال الليل في مشفى السويداء.", K(14, governorate="As-Sweida"))
# subject count first, verb later (a clause between)
p("count-first", "2025-03-09", "أحد عشر مدنياً، بينهم امرأتان، قتلوا في قرية حريصون بعد اقتحامها.", K(11, governorate="Tartous"))
p("count-first", "2025-07-16", "ثمانية عناصر من قوات الأمن، كانوا في طريقهم إلى المدينة، لقوا حتفهم في كمين.", K(8))
p("count-first", "2025-04-02", "٦ أشخاص من عائلة الخطيب قتلوا برصاص مسلحين مجهولين في ريف حمص الغربي.", K(6, governorate="Homs"))
p("count-first", "2025-06-20", "عشرون شخصاً على الأقل، معظمهم من المدنيين، قضوا في التفجير الذي ضرب السوق.", K(20, "at least"))
# number after its noun: "الشهداء الثمانية", "مدنيين اثنين"
p("number-after", "2025-07-19", "شيع أهالي بلدة الكفر جثامين الشهداء الخمسة الذين سقطوا في القصف.", K(5, governorate="As-Sweida"))
p("number-after", "2025-05-11", "أسفر الهجوم عن مقتل عنصرين اثنين من الأمن العام وإصابة ثالث.", K(2, injured=1))
p("number-after", "2025-08-02", "وثقت الشبكة مقتل مدنيين ثلاثة في بلدة جاسم برصاص مجهولين.", K(3, governorate="Dar'a"))
p("number-after", "2025-03-12", "دفنت العائلة أبناءها الأربعة الذين قتلوا أمام منزلهم في جبلة.", K(4, governorate="Lattakia"))
# ألف alone, thousands
p("thousand", "2025-07-25", "قالت منظمات حقوقية إن أكثر من ألفي شخص قتلوا في أحداث السويداء.", K(2000, "more than", governorate="As-Sweida"))
p("thousand", "2025-03-15", "قدّرت مصادر أهلية عدد ضحايا أحداث الساحل بنحو ألف وخمسمئة قتيل.", K(1500, "about"))
p("thousand", "2025-07-21", "خلفت المواجهات ما يزيد على ألف قتيل خلال أسبوع واحد.", K(1000, "more than"))
p("thousand", "2025-12-10", "وثقت المنظمة مقتل 15 ألف شخص تحت التعذيب منذ عام 2011.", K(15000, cumulative=True))
# passive and other verb forms
p("verb-forms", "2025-03-09", "أُعدم أربعة رجال رمياً بالرصاص في قرية الشير.", K(4))
p("verb-forms", "2025-07-17", "فقد ستة مدنيين حياتهم جراء سقوط قذائف على حي المقوس.", K(6))
p("verb-forms", "2025-04-20", "قتلت فتاتان بانفجار لغم في أرض زراعية قرب مدينة الحفة.", K(2, governorate="Lattakia"))
p("verb-forms", "2025-06-14", "استشهدت سيدة وطفلتها جراء قصف استهدف منزلهما في ريف إدلب الجنوبي.", K(2, governorate="Idleb"))
p("verb-forms", "2025-03-07", "ولقي 3 عناصر مصرعهم عند مدخل مدينة بانياس.", K(3, governorate="Tartous"))
p("verb-forms", "2025-09-01", "وأودى الانفجار بحياة سبعة أشخاص بينهم طفلان.", K(7))
# dialect (Facebook)
p("dialect", "2025-03-08", "ضيعتنا انضربت.. ٨ شهدا من بيت الأحمد والله يرحمهم.", K(8))
p("dialect", "2025-07-15", "مات تلات شباب بالقصف عالحي الشرقي وفي جرحى كتير.", K(3))
p("dialect", "2025-07-16", "استشهد 20 شاب من القرية لحد هلأ، والجثث بالشوارع.", K(20))
p("dialect", "2025-03-09", "قتلو ابن عمي ومرتو قدام الولاد، الله ينتقم منهم.", K(2))
# counts joined: "خمسة رجال وثلاثة أطفال"
p("sum", "2025-03-10", "قتل في الهجوم ستة رجال وأربع نساء في قرية تعنيتا.", K(10, governorate="Tartous"))
p("sum", "2025-07-17", "أسفر القصف عن مقتل 3 أطفال و2 من النساء في بلدة ولغا.", K(5, governorate="As-Sweida"))
p("sum", "2025-04-30", "قتل 11 عنصراً من الأمن العام ومدني واحد خلال الاشتباكات في صحنايا.", K(12, governorate="Rural Damascus"))
# kin lists
p("kin", "2025-03-09", "قتل المسلحون الأب وأبناءه الثلاثة داخل منزلهم في قرية بيت عانا.", K(4, governorate="Lattakia"))
p("kin", "2025-07-18", "لقي رجل وزوجته وابنتهما حتفهم بقذيفة سقطت على منزلهم.", K(3))
p("kin", "2025-03-11", "استشهد أبو علي وولداه في قرية الصنوبر برصاص المسلحين.", K(3, governorate="Lattakia"))
# "exceeded" with ال number
p("exceeded", "2025-07-18", "تجاوز عدد القتلى في المدينة المئة، وفق ناشطين.", K(100, "more than"))
p("exceeded", "2025-03-10", "وقالت مصادر إن عدد الضحايا في بانياس تجاوز الستين.", K(60, "more than", governorate="Tartous"))
# toll after عدد + a relative clause
p("toll-clause", "2025-03-12", "بلغ عدد من قتلوا في القرية منذ دخول المسلحين 19 شخصاً.", K(19))
p("toll-clause", "2025-07-20", "وارتفع عدد الذين قضوا في مجزرة الثعلة، بحسب مصادر أهلية، إلى 23.", K(23, governorate="As-Sweida"))
p("toll-clause", "2025-03-13", "عدد الضحايا الذين جرى التعرف على هوياتهم في مشفى جبلة الوطني وصل إلى 61 ضحية.", K(61, governorate="Lattakia"))
# month tolls without منذ/خلال
p("month-toll", "2025-09-01", "وثقت الشبكة في آب/أغسطس 2025 مقتل 112 مدنياً في سوريا.", K(112, cumulative=True))
p("month-toll", "2025-06-01", "قتل في أيار الماضي 88 مدنياً بحسب الحصيلة الشهرية للشبكة.", K(88, cumulative=True))
p("month-toll", "2025-11-02", "بلغت حصيلة الضحايا المدنيين في شهر تشرين الأول 76 مدنياً.", K(76, cumulative=True))
p("month-toll", "2025-03-05", "قتل 4 مدنيين في درعا يوم الثلاثاء، فيما بلغت حصيلة شباط 130 قتيلاً.", K(4, cumulative_count=130, governorate="Dar'a"))
# foreign events
p("foreign", "2025-09-03", "قتل ستة أشخاص في غارة إسرائيلية على بلدة في جنوب لبنان.", D())
p("foreign", "2025-10-05", "استشهد 30 فلسطينياً في قصف على مخيم جباليا شمالي قطاع غزة.", D())
p("foreign", "2025-07-02", "لقي 12 شخصاً مصرعهم في هجوم مسلح بمحافظة ديالى العراقية.", D())
p("foreign", "2025-03-08", "قتل 5 أشخاص في اشتباكات قرب الحدود السورية، داخل الأراضي اللبنانية في الهرمل.", D())
# anniversaries, threats, missing, rumours, injured only
p("anniversary", "2025-08-21", "في الذكرى الثانية عشرة لمجزرة الكيماوي في الغوطة التي قتل فيها أكثر من 1400 شخص، نظم الأهالي وقفة.", D())
p("anniversary", "2025-05-25", "يستذكر أهالي الحولة مجزرة عام 2012 التي راح ضحيتها 108 أشخاص بينهم 49 طفلاً.", D())
p("threat", "2025-07-10", "هدد فصيل مسلح بقتل كل من يقترب من الحاجز، بعد مقتل أحد عناصره الأسبوع الماضي.", K(1, "singular"))
p("threat", "2025-06-12", "حذرت الأمم المتحدة من أن المئات قد يلقون حتفهم إذا استمر الحصار.", D())
p("threat", "2025-11-11", "توعدت الخلية بتنفيذ عمليات تقتل عشرات الجنود في البادية.", D())
p("missing", "2025-04-10", "ما يزال 35 شخصاً في عداد المفقودين منذ أحداث الساحل، وفق لجنة أهلية.", D())
p("rumour", "2025-07-22", "نفى محافظ السويداء صحة الأنباء عن مقتل 20 شخصاً في قرية سليم، مؤكداً أن الوضع هادئ.", D())
p("injured-only", "2025-05-19", "أصيب أربعة مدنيين بجروح جراء انفجار عبوة في مدينة درعا، دون وقوع قتلى.", D(injured=4))
p("injured-only", "2025-08-14", "جرح 7 عناصر من الأمن العام في هجوم على دورية بريف دير الزور.", D(injured=7))
p("abducted-only", "2025-09-22", "خطف مسلحون مجهولون ثلاثة أطفال من أمام مدرستهم في السويداء.", D(abducted=3))
# places with prefix ب: "بدمشق"، "بريف جبلة"
p("place-prefix", "2025-06-23", "قتل شخصان بإطلاق نار في حي المزة بدمشق.", K(2, governorate="Damascus"))
p("place-prefix", "2025-03-09", "قُتل سبعة مدنيين بقرية الدالية بريف جبلة.", K(7, governorate="Lattakia"))
p("place-prefix", "2025-05-14", "مقتل مواطن برصاص مجهولين بحي الوعر بحمص.", K(1, "singular", governorate="Homs"))
# bodies
p("bodies", "2025-03-14", "انتشلت فرق الدفاع المدني جثتي طفلين من بئر في قرية بسنادا.", K(2))
p("bodies", "2025-07-22", "عثر على رفات 9 أشخاص في مقبرة جماعية قرب بلدة المزرعة.", K(9, governorate="As-Sweida"))


def rows():
    out = []
    for n, (style, published, text, label) in enumerate(P, 1):
        lab = {k: None for k in KEYS}
        lab.update(cumulative=False, distractor=False, subtotals=[])
        lab.update(label)
        out.append({"id": f"ard{n:03d}", "split": "dev2", "style": style, "published": published,
                    "text": text, "label": lab})
    return out


if __name__ == "__main__":
    with open(Path(__file__).with_name("paragraphs.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows():
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
