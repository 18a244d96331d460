"""The Arabic count and casualty lexicon: number words with gender and the dual,
qualifiers, casualty verbs and nouns, months, weekdays, sources.

Words are kept in *folded* form (:func:`fold`): diacritics and tatweel dropped, أ/إ/آ
read as ا and ى as ي, so that "قُتل" and "قتل", "أكثر" and "اكثر" are one word.
Change :data:`AR_LEXICON_VERSION` whenever a reading here changes.
"""

from __future__ import annotations

AR_LEXICON_VERSION = "ar-lexicon-2"

_DIACRITICS = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670", "\u0640"}
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي",
                       "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7",
                       "٨": "8", "٩": "9", "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5",
                       "۶": "6", "۷": "7", "۸": "8", "۹": "9", "٬": ","})


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` folded, and for each folded character the offset of its original
    (so that a span found in the folded text is a span of the article)."""
    out, where = [], []
    for i, ch in enumerate(text):
        if ch in _DIACRITICS:
            continue
        out.append(ch.translate(_FOLD))
        where.append(i)
    return "".join(out), where


#: number words (folded) → value; both genders (ثلاثة أشخاص / ثلاث نساء)
UNITS = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاثة": 3, "ثلاث": 3, "اربعة": 4, "اربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
    "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
    "عشرة": 10, "عشر": 10,
    # Levantine spellings (Facebook pages): تلات شباب، تمان شهدا
    "تلات": 3, "تلاتة": 3, "تلاته": 3, "تنين": 2, "التنين": 2, "تمان": 8, "تمانية": 8, "تمنية": 8, "تمن": 8,
}
TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
        "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
        "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90}
HUNDREDS = {"مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
            "مئتي": 200, "مائتي": 200}
for _u, _v in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8),
               ("تسع", 9)):
    HUNDREDS[_u + "مئة"] = HUNDREDS[_u + "مائة"] = _v * 100  # خمسمئة، ثلاثمائة
#: thousands in words: "ألف قتيل"، "ألفي شخص"، "ثلاثة آلاف"
THOUSANDS = {"الف": 1000, "الفا": 1000, "الفي": 2000, "الفان": 2000, "الفين": 2000}
#: "احد عشر" 11, "اثنا عشر" 12: the first word of a compound before عشر/عشرة
ELEVEN = {"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2}
#: vague plurals: (low, best, high); "عشرات" is tens, so at least 20
VAGUE = {"عشرات": (20, None, 99), "مئات": (200, None, 999), "مءات": (200, None, 999),
         "الاف": (2000, None, 9999), "الالاف": (2000, None, 9999), "العشرات": (20, None, 99),
         "المئات": (200, None, 999)}
#: qualifier phrases (folded words) → Tally's qualifier
QUALIFIERS = {
    ("ما", "لا", "يقل", "عن"): "at least", ("لا", "يقل", "عن"): "at least", ("ما", "لا", "يقل"): "at least",
    ("اكثر", "من"): "more than", ("ما", "يزيد", "عن"): "more than", ("ما", "يزيد", "علي"): "more than",
    ("نحو",): "about", ("قرابة",): "about", ("حوالي",): "about", ("زهاء",): "about",
    ("ما", "يقارب"): "about", ("قرابه",): "about", ("ما", "يقرب", "من"): "about",
    ("اقل", "من"): "up to", ("حتي",): "up to",
}
#: duals: the noun itself states two (شخصان، طفلين)
DUALS = frozenset(
    "شخصان شخصين مدنيان مدنيين شابان شابين طفلان طفلين رجلان رجلين عنصران عنصرين امراتان امراتين "
    "شقيقان شقيقين شهيدان شهيدين قتيلان قتيلين سيدتان سيدتين طفلتان طفلتين جنديان جنديين مقاتلان "
    "مقاتلين ضحيتان ضحيتين مواطنان مواطنين فتاتان فتاتين شقيقتان شقيقتين ممرضان ممرضين عاملان عاملين "
    "ولدان ولدين رجلا".split())
#: plural words that are also dual in form ("مقتل مدنيين": two civilians, or civilians?):
#: never read as a count alone; after a number they are its plural noun
DUAL_OR_PLURAL = frozenset("مدنيين مقاتلين مواطنين".split())
#: a singular victim after a casualty word: "مقتل شاب", "ارتقاء الشاب"
SINGULAR = frozenset("راع شخص شاب رجل امراة سيدة طفل طفلة فتاة مواطن مدني عنصر جندي مقاتل طبيب معلم "
                     "صحفي ناشط مختار شيخ سائق راعي عامل مسن مسنة ضابط قيادي ممرض ممرضة "
                     # kin as the victim: "قتل المسلحون الأب وأبناءه"، "استشهد أبو علي وولداه"
                     "ابو والد والدة ابن ابنة زوج زوجة شقيق شقيقة خال عم "
                     # "وإصابة ثالث"، "وجرح آخر": one more
                     "ثالث ثالثة رابع رابعة خامس اخر مريض مريضة مسعف مسعفة "
                     "مواطنة مدنية شابة طالب طالبة معلمة صحفية ناشطة عاملة".split())
#: singulars that are a kunya or kin term followed by a name: "أبو علي"، "أم محمد"
KUNYA = frozenset("ابو ام".split())
#: counted nouns: victims (civilian / combatant) and casualty nouns
CIVILIAN = frozenset("مدنيين مدنيا مدني مدنيون اطفال طفلا طفل نساء سيدات سيدة امراة مواطنين مواطنا "
                     "طفلين طفلان سيدتان سيدتين امراتين امراتان مدنيان مدنيين".split())
COMBATANT = frozenset("عناصر عنصرا عنصر جنود جنديا مقاتلين مقاتلا مسلحين عنصرين عنصران جنديين".split())
PEOPLE = frozenset("اشخاص شخصا شخص شبان شابا شاب رجال رجلا ضحايا ضحية افراد فردا شخصين شخصان شابين "
                   "شابان رجلين رجلان شقيقين شقيقان شباب فتيات فتاة فتاتان فتاتين ركاب راكبا عمال عاملا "
                   "رعاة طلاب طالبا ممرضين اطباء مسنين عسكريين عسكريا موظفين ابناء اولاد اخوة اشقاء "
                   "مواطن رجل "
                   # communities counted as people: "41 درزياً"، "12 علوياً"
                   "درزيا دروز درزي الدروز علويا علويين علوي سنيا مسيحيا مسيحيين بدويا بدو كرديا اكراد".split()
                   ) | CIVILIAN | COMBATANT
#: group words after "N من": "تسعة من عناصر الأمن"، "14 من الجرحى"، "40 من أبناء القرية"
GROUPS = frozenset("احفاد اولاد بنات اشقاء اخوة عناصر ابناء افراد منتسبي منتسبيها منتسبيه سكان اهالي ركاب عمال طاقم الكوادر كوادر "
                   "المدنيين النساء الاطفال الرجال الضحايا الجرحي المصابين الشبان المقاتلين الجنود "
                   "العناصر الاهالي السكان القتلي عائلة اسرة".split())
KILLED_NOUNS = frozenset("قتلي قتيلا قتيل شهداء شهيدا شهيد قتيلين قتيلان شهيدين شهيدان شهدا "
                        # bodies counted: "أحصى 27 جثة"، "أكثر من مئتي جثة"
                        "جثة جثث جثامين جثمانا جثمان".split())
INJURED_NOUNS = frozenset("جرحي جريحا جريح مصابين مصابا مصاب".split())
#: counts of these are not casualties: detainees released, money, time, distance
DISTRACTOR_NOUNS = frozenset("معتقلا معتقلين معتقل ليرة ليرات دولار دولارا عام اعوام سنة سنوات اشهر شهر "
                             "شهرا يوما ايام ساعة ساعات كيلومتر كيلومترا كم مترا متر بالمئة بالمائة "
                             "منزلا منازل قرية قري بلدة سيارة سيارات صاروخا صواريخ قذيفة قذائف غارة "
                             "غارات هجوما هجمات عائلة عائلات".split())

#: casualty words (folded) → what they assert; read with the count after them
TRIGGERS = {
    "مقتل": "killed", "قتل": "killed", "قتلوا": "killed", "قتلت": "killed", "يقتل": "killed",
    "استشهاد": "killed", "استشهد": "killed", "استشهدوا": "killed", "ارتقاء": "killed", "ارتقي": "killed",
    "ارتقوا": "killed", "مصرع": "killed", "وفاة": "killed", "قضي": "killed", "قضوا": "killed",
    "لقي": "killed", "لقوا": "killed", "لقيت": "killed", "لقيا": "killed", "ضحيتها": "killed", "ضحيته": "killed", "قضيا": "killed", "قتلا": "killed", "جثث": "killed", "جثة": "killed", "جثامين": "killed", "جثمان": "killed",
    "سقوط": "killed", "سقط": "killed", "مجزرة": "killed", "اغتيال": "killed", "اغتيل": "killed",
    "توفي": "killed", "توفيت": "killed", "اعدامات": "executed",
    "اعدام": "executed", "اعدم": "executed", "اعدموا": "executed", "تصفية": "executed",
    "حصيلة": "killed", "عدد": "killed", "مجموع": "killed", "اجمالي": "killed",
    # more forms of the same verbs (gender, number, passive, present)
    "قتلا": "killed", "تقتل": "killed", "يقتلون": "killed", "استشهدت": "killed", "استشهدا": "killed",
    "ارتقت": "killed", "ارتقيا": "killed", "قضت": "killed", "توفوا": "killed", "توفيا": "killed",
    "سقطت": "killed", "اعدمت": "executed", "اعدما": "executed", "اغتيلت": "killed", "اغتالت": "killed",
    "اغتال": "killed", "مقتلهم": "killed", "استشهادهم": "killed", "اودي": "killed", "اودت": "killed",
    "حصد": "killed", "حصدت": "killed", "ذبح": "executed", "ذبحوا": "executed", "نحر": "executed",
    "اصابة": "injured", "اصيب": "injured", "اصيبوا": "injured", "اصيبت": "injured", "اصيبا": "injured", "جرحت": "injured", "جرح": "injured", "جرحي": "injured",
    "اختطاف": "abducted", "اختطف": "abducted", "اختطفوا": "abducted", "خطف": "abducted",
    # more: bodies in the dual and remains; "lost their lives", "left life"; Levantine "مات"
    "جثتي": "killed", "جثتا": "killed", "رفات": "killed", "جثامينهم": "killed",
    "فقد": "killed", "فقدوا": "killed", "فقدت": "killed", "فقدا": "killed",
    "فارق": "killed", "فارقوا": "killed", "فارقت": "killed", "فارقا": "killed",
    "مات": "killed", "ماتوا": "killed", "ماتت": "killed", "قتلو": "killed",
    "مقتولا": "killed", "مقتولين": "killed", "مقتولة": "killed", "مقتولون": "killed", "راح": "killed",
    "قتلن": "killed", "قضين": "killed",
    # buried, mourned: "دفنت القرية 42 من أبنائها"، "تشييع 5 شهداء"
    "دفن": "killed", "دفنت": "killed", "دفنوا": "killed", "شيع": "killed", "شيعت": "killed", "شيعوا": "killed",
    "تشييع": "killed",
    # Levantine passive: "انقتلو مبارح"
    "انقتل": "killed", "انقتلت": "killed", "انقتلو": "killed", "انقتلوا": "killed", "استشهدن": "killed", "لقين": "killed", "قتلتا": "killed",
    "اختطفت": "abducted", "خطفت": "abducted", "خطفوا": "abducted",
}
#: triggers that need their completing word: "لقي ... حتفهم", "سقط ... قتلى"
NEEDS = {"عدد": ("قتلي", "ضحايا", "شهداء", "وفيات", "القتلي", "الضحايا", "الشهداء", "الوفيات"),"اودي": ("بحياة",), "اودت": ("بحياة",), "حصد": ("ارواح", "حياة"), "حصدت": ("ارواح", "حياة"),"لقي": ("حتفه", "حتفهم", "حتفها", "حتفهما", "مصرعه", "مصرعهم"),
         "فقد": ("حياته", "حياتهم", "حياتها", "حياتهما", "ارواحهم", "فردا", "افراد", "ابنائه", "افراده"), "فقدوا": ("حياتهم", "ارواحهم"),
         "فقدت": ("حياتها", "حياتهم", "حياتهن", "فردا", "افراد", "ابنائها", "افرادها"), "فقدا": ("حياتهما",),
         "فارق": ("الحياة",), "فارقوا": ("الحياة",), "فارقت": ("الحياة",), "فارقا": ("الحياة",),
         "لقين": ("حتفهن", "مصرعهن"), "راح": ("ضحية", "ضحيتها", "ضحيته", "ضحيتهم", "ضحاياه", "ضحاياها"), "لقوا": ("حتفهم", "مصرعهم"),
         "لقيت": ("حتفها", "حتفهم", "حتفهن", "مصرعها", "مصرعهم"), "لقيا": ("حتفهما", "مصرعهما"),
         "سقوط": ("قتلي", "قتيلا", "قتيل", "شهداء", "ضحايا"), "سقط": ("قتلي", "قتيلا", "قتيل", "شهداء", "ضحايا")}
#: a word before the trigger that negates it or makes it a possibility
NEGATORS = frozenset("لم لا دون عدم قد سوف ربما نفي نفت ينفي تنفي يحتمل "
                     # an attempt, a survival, an accusation: "محاولة لاغتيال"، "متهمين بقتل"
                     "محاولة محاولات لمحاولة نجا نجت نجاة متهم متهمين المتهم المتهمين بتهمة "
                     "المتورطين المتورط المتورطون متورطين".split())
#: words after which counts are a subtotal: "بينهم 7 أطفال و3 سيدات"
SUBTOTAL = frozenset("بينهم بينهن منهم منهن بينها".split())
#: words a trigger may be separated from its count by: "إعدام ميداني لـ5", "قتل أمس 3"
FILLERS = frozenset("عائلة اسرة كاملة مؤلفة مكونة تضم من بحياة ارواح حياة بحق ميدانية ميداني ميدانيا امس اليوم يوم ل لـ ب ما يزيد عن علي علي الاقل نحو قرابة".split())

#: kin after a singular victim, with a possessive ending: "رجل وزوجته"، "امرأة وابنتها" (one more each)
KIN = ("زوج", "زوجت", "ابن", "ابنت", "شقيق", "شقيقت", "اخ", "اخت", "والد", "والدت", "طفل", "طفلت", "حفيد", "حفيدت", "ام", "اب",
       "ولد")
#: kin in the plural, counted by the number word after them: "وأطفالهما الثلاثة"
KIN_PLURAL = ("اطفال", "ابناء", "اولاد", "بنات", "اشقاء", "احفاد")

MONTHS = {
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8,
    "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7, "اغسطس": 8,
    "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}
WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الاحد": 6}

#: cited sources Syrian reporting names (folded pattern, longest first)
SOURCES = (
    "المرصد السوري لحقوق الانسان", "المرصد السوري", "الشبكة السورية لحقوق الانسان",
    "مراسل عنب بلدي", "عنب بلدي", "تلفزيون سوريا", "مراسل سانا", "وكالة سانا", "سانا",
    "الدفاع المدني", "وزارة الصحة", "مصادر محلية", "مصادر طبية", "مصدر امني", "مصادر امنية", "ناشطون",
    "ناشطين", "وزارة الداخلية", "وزارة الدفاع",
)

#: words that make what follows them in the clause a threat or a warning, not a report:
#: "توعدت الخلية بتنفيذ عمليات تقتل عشرات الجنود"
THREATS = frozenset("هدد هددت يهدد تهدد هددوا توعد توعدت يتوعد تتوعد حذر حذرت يحذر تحذر حذروا يخطط "
                    "تخطط خطط خططت ينوي تنوي خطة لخطة مخطط مخططا".split())
#: a report denied as a rumour: "نفى صحة الأنباء عن مقتل 20"، "لا صحة للأخبار عن مقتل"
RUMOUR = ("صحة", "الانباء", "الاخبار", "ما تداولته", "ما تم تداوله", "الشائعات", "الاشاعات", "شائعات", "اشاعة")
