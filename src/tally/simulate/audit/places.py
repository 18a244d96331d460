"""Where people were killed: governorates, districts, villages, neighbourhoods, hospitals.

A small gazetteer of its own (no shared table), enough for the events this profile
simulates. Every place has an Arabic and a reference Latin name; each district has a
centre town whose hospital receives its dead. Lists name places at different levels:
a neighbourhood (a local page), a village (a rights group), the district hospital (a
morgue register), the governorate or "X countryside" (news).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: governorate → (Arabic, community mix, weight of background killings)
GOVERNORATES = {
    "Latakia": ("اللاذقية", {"alawite": .6, "sunni": .35, "christian": .05}, .10),
    "Tartus": ("طرطوس", {"alawite": .75, "sunni": .15, "christian": .10}, .05),
    "Hama": ("حماة", {"sunni": .6, "alawite": .3, "christian": .1}, .10),
    "Homs": ("حمص", {"sunni": .55, "alawite": .35, "christian": .10}, .16),
    "Suwayda": ("السويداء", {"druze": .85, "sunni": .12, "christian": .03}, .03),
    "Rif Dimashq": ("ريف دمشق", {"sunni": .7, "druze": .2, "christian": .1}, .10),
    "Damascus": ("دمشق", {"sunni": .75, "christian": .15, "alawite": .10}, .06),
    "Aleppo": ("حلب", {"sunni": .75, "kurdish": .2, "christian": .05}, .10),
    "Idlib": ("إدلب", {"sunni": 1.0}, .06),
    "Hasakah": ("الحسكة", {"kurdish": .55, "sunni": .35, "christian": .10}, .04),
    "Raqqa": ("الرقة", {"sunni": .85, "kurdish": .15}, .03),
    "Deir ez-Zor": ("دير الزور", {"sunni": 1.0}, .08),
    "Daraa": ("درعا", {"sunni": .97, "christian": .03}, .08),
    "Quneitra": ("القنيطرة", {"sunni": .9, "druze": .1}, .01),
}

# district → (governorate, Arabic, hospital Arabic, hospital Latin, villages, neighbourhoods)
# villages / neighbourhoods: "Arabic|Latin"
_DISTRICTS = (
    ("Latakia", "Latakia", "اللاذقية", "مشفى اللاذقية الوطني", "Latakia National Hospital",
     ("المختارية|al-Mukhtariyya", "الشير|al-Shir", "بسنادا|Bisnada", "سقوبين|Squbin",
      "الحفة|al-Haffa", "صلنفة|Slinfa", "القرداحة|al-Qardaha", "حرف المسيترة|Harf al-Musaytira"),
     ("الرمل الشمالي|al-Raml al-Shamali", "الدعتور|al-Da'tur", "الصليبة|al-Sulayba", "الزراعة|al-Zira'a")),
    ("Latakia", "Jableh", "جبلة", "مشفى جبلة الوطني", "Jableh National Hospital",
     ("الصنوبر|al-Sanawbar", "الدالية|al-Daliya", "بيت عانا|Bayt 'Ana", "عين الشرقية|'Ayn al-Sharqiyya",
      "بسين|Bissin", "الشراشير|al-Sharashir", "زاما|Zama", "حمام القراحلة|Hammam al-Qarahila"),
     ("العزي|al-'Azzi", "الجبيبات|al-Jubaybat", "الفيض|al-Fayd")),
    ("Tartus", "Baniyas", "بانياس", "مشفى بانياس الوطني", "Baniyas National Hospital",
     ("البيضا|al-Bayda", "حريصون|Harisun", "بيت الجنيد|Bayt al-Junayd", "قرير|Qurayr",
      "الرصافة|al-Rusafa", "برمايا|Barmaya"),
     ("القصور|al-Qusur", "حي القلعة|Hayy al-Qal'a", "رأس النبع|Ra's al-Nab'")),
    ("Tartus", "Tartus", "طرطوس", "مشفى الباسل في طرطوس", "al-Basil Hospital Tartus",
     ("الشيخ بدر|al-Shaykh Badr", "دريكيش|Duraykish", "صافيتا|Safita", "بيت الشيخ يونس|Bayt al-Shaykh Yunus"),
     ("حي الغمقة|Hayy al-Ghamqa", "المشبكة|al-Mushabbaka")),
    ("Hama", "Hama", "حماة", "مشفى حماة الوطني", "Hama National Hospital",
     ("كفربو|Kafr Buhum", "طيبة الإمام|Tayyibat al-Imam", "صوران|Suran", "حلفايا|Halfaya"),
     ("حي الأربعين|Hayy al-Arba'in", "الحاضر|al-Hadir", "الشريعة|al-Shari'a")),
    ("Hama", "Masyaf", "مصياف", "مشفى مصياف الوطني", "Masyaf National Hospital",
     ("الربيعة|al-Rubay'a", "عين الكروم|'Ayn al-Kurum", "تعنيتا|Ta'nita", "أرزة|Arza"), ()),
    ("Hama", "al-Salamiyya", "السلمية", "مشفى السلمية الوطني", "Salamiyya National Hospital",
     ("تل الدرة|Tall al-Durra", "الصبورة|al-Sabura", "عقارب|'Aqarib"), ()),
    ("Homs", "Homs", "حمص", "مشفى حمص الوطني", "Homs National Hospital",
     ("فاحل|Fahil", "المشرفة|al-Mushrifa", "حربنفسه|Harbnafsah", "تلدو|Taldu", "الغور|al-Ghawr"),
     ("الزهراء|al-Zahra'", "عكرمة|'Ikrima", "باب السباع|Bab al-Siba'", "الخالدية|al-Khalidiyya",
      "وادي الذهب|Wadi al-Dhahab")),
    ("Homs", "Tall Kalakh", "تلكلخ", "مشفى تلكلخ", "Tall Kalakh Hospital",
     ("الزارة|al-Zara", "عناز|'Annaz", "حب نمرة|Hibb Nimra"), ()),
    ("Homs", "al-Rastan", "الرستن", "مشفى الرستن", "Rastan Hospital",
     ("تلبيسة|Talbisa", "الزعفرانة|al-Za'farana", "الغنطو|al-Ghantu"), ()),
    ("Suwayda", "Suwayda", "السويداء", "المشفى الوطني في السويداء", "Suwayda National Hospital",
     ("المزرعة|al-Mazra'a", "ثعلة|Tha'la", "الثعلة|al-Tha'la", "ولغا|Walgha", "كناكر|Kanakir",
      "المجدل|al-Majdal", "رساس|Rasas", "عريقة|'Ariqa", "الدور|al-Dur"),
     ("حي المقوس|Hayy al-Maqwas", "حي الجلاء|Hayy al-Jala'", "ساحة تشرين|Sahat Tishrin")),
    ("Suwayda", "Shahba", "شهبا", "مشفى شهبا", "Shahba Hospital",
     ("الصورة الكبيرة|al-Sura al-Kabira", "لبين|Labin", "المتونة|al-Mutuna", "عتيل|'Atil"), ()),
    ("Suwayda", "Salkhad", "صلخد", "مشفى صلخد", "Salkhad Hospital",
     ("القريا|al-Qurayya", "ملح|Milh", "عرمان|'Irman"), ()),
    ("Rif Dimashq", "Jaramana", "جرمانا", "مشفى جرمانا", "Jaramana Hospital",
     ("أشرفية صحنايا|Ashrafiyyat Sahnaya", "صحنايا|Sahnaya", "الكسوة|al-Kiswa"),
     ("حي الروضة|Hayy al-Rawda", "حي النسيم|Hayy al-Nasim")),
    ("Rif Dimashq", "Douma", "دوما", "مشفى دوما", "Douma Hospital",
     ("حرستا|Harasta", "عربين|'Irbin", "زملكا|Zamalka", "كفربطنا|Kafr Batna"), ()),
    ("Rif Dimashq", "al-Tall", "التل", "مشفى التل", "al-Tall Hospital",
     ("منين|Manin", "صيدنايا|Saydnaya", "معلولا|Ma'lula"), ()),
    ("Damascus", "Damascus", "دمشق", "مشفى المجتهد", "al-Mujtahid Hospital",
     ("الدويلعة|al-Duwayla'a", "المزة|al-Mazza", "برزة|Barza", "القدم|al-Qadam", "ركن الدين|Rukn al-Din"),
     ("مزة 86|Mazza 86", "باب توما|Bab Tuma", "الدويلعة|al-Duwayla'a")),
    ("Aleppo", "Aleppo", "حلب", "مشفى حلب الجامعي", "Aleppo University Hospital",
     ("الشيخ مقصود|al-Shaykh Maqsud", "الأشرفية|al-Ashrafiyya", "السفيرة|al-Safira", "حريتان|Hraytan"),
     ("الشيخ مقصود|al-Shaykh Maqsud", "صلاح الدين|Salah al-Din", "الميدان|al-Midan")),
    ("Aleppo", "Manbij", "منبج", "مشفى منبج", "Manbij Hospital",
     ("عرب حسن|'Arab Hasan", "أبو قلقل|Abu Qalqal", "سد تشرين|Sadd Tishrin"), ()),
    ("Aleppo", "Afrin", "عفرين", "مشفى عفرين", "Afrin Hospital",
     ("جنديرس|Jindires", "راجو|Raju", "شران|Sharran", "معبطلي|Ma'batli"), ()),
    ("Idlib", "Idlib", "إدلب", "مشفى إدلب المركزي", "Idlib Central Hospital",
     ("سرمين|Sarmin", "بنش|Binnish", "تفتناز|Taftanaz", "أريحا|Ariha"), ()),
    ("Idlib", "Maarrat al-Numan", "معرة النعمان", "مشفى المعرة", "Maarra Hospital",
     ("كفرنبل|Kafr Nabl", "خان شيخون|Khan Shaykhun", "جرجناز|Jarjanaz"), ()),
    ("Hasakah", "Hasakah", "الحسكة", "مشفى الحسكة الوطني", "Hasakah National Hospital",
     ("تل تمر|Tall Tamr", "الهول|al-Hawl", "تل براك|Tall Brak"), ("غويران|Ghuwayran", "النشوة|al-Nashwa")),
    ("Hasakah", "Qamishli", "القامشلي", "المشفى الوطني في القامشلي", "Qamishli National Hospital",
     ("عامودا|Amuda", "تل حميس|Tall Hmis", "القحطانية|al-Qahtaniyya"), ()),
    ("Raqqa", "Raqqa", "الرقة", "مشفى الرقة الوطني", "Raqqa National Hospital",
     ("الطبقة|al-Tabqa", "الكرامة|al-Karama", "معدان|Ma'dan", "عين عيسى|'Ayn 'Isa"), ()),
    ("Deir ez-Zor", "Deir ez-Zor", "دير الزور", "مشفى دير الزور الوطني", "Deir ez-Zor National Hospital",
     ("الكسرة|al-Kasra", "البصيرة|al-Busayra", "الشحيل|al-Shuhayl", "ذيبان|Dhiban"), ()),
    ("Deir ez-Zor", "al-Mayadin", "الميادين", "مشفى الميادين", "Mayadin Hospital",
     ("العشارة|al-'Ashara", "القورية|al-Quriyya", "محكان|Muhkan"), ()),
    ("Deir ez-Zor", "Abu Kamal", "البوكمال", "مشفى البوكمال", "Abu Kamal Hospital",
     ("هجين|Hajin", "الباغوز|al-Baghuz", "السوسة|al-Susa"), ()),
    ("Daraa", "Daraa", "درعا", "مشفى درعا الوطني", "Daraa National Hospital",
     ("طفس|Tafas", "اليادودة|al-Yaduda", "المزيريب|al-Muzayrib", "نصيب|Nasib", "بصرى الشام|Busra al-Sham"),
     ("درعا البلد|Dar'a al-Balad", "درعا المحطة|Dar'a al-Mahatta")),
    ("Daraa", "Izra", "إزرع", "مشفى إزرع", "Izra Hospital",
     ("الصنمين|al-Sanamayn", "جاسم|Jasim", "نوى|Nawa", "الشيخ مسكين|al-Shaykh Miskin"), ()),
    ("Quneitra", "Quneitra", "القنيطرة", "مشفى القنيطرة", "Quneitra Hospital",
     ("خان أرنبة|Khan Arnaba", "جباتا الخشب|Jubata al-Khashab", "حضر|Hadar"), ()),
)


@dataclass(frozen=True)
class Place:
    """A village or neighbourhood, with the district and governorate above it."""

    place_id: str
    name_ar: str
    name: str
    kind: str            # "village" or "neighbourhood"
    district: str
    district_ar: str
    governorate: str
    governorate_ar: str
    hospital_ar: str
    hospital: str


def _build() -> tuple[Place, ...]:
    out = []
    for gov, dist, dist_ar, hosp_ar, hosp, villages, hoods in _DISTRICTS:
        gov_ar = GOVERNORATES[gov][0]
        for kind, entries in (("village", villages), ("neighbourhood", hoods)):
            for e in entries:
                ar, la = e.split("|")
                out.append(Place(f"P{len(out) + 1:03d}", ar, la, kind, dist, dist_ar, gov,
                                 gov_ar, hosp_ar, hosp))
    return tuple(out)


PLACES: tuple[Place, ...] = _build()


@lru_cache(maxsize=None)
def places_in(governorate: str, district: str | None = None) -> tuple[Place, ...]:
    return tuple(p for p in PLACES if p.governorate == governorate
            and (district is None or p.district == district))


def find(governorate: str, latin: str) -> Place:
    """The place named ``latin`` (reference form) in ``governorate``."""
    for p in PLACES:
        if p.governorate == governorate and p.name == latin:
            return p
    raise KeyError(f"{latin} ({governorate})")
