"""Names of the `ledger` profile: who is called what, and how each list writes it.

Every name part is a :class:`Part`: its Arabic form as a family would write it
and a scholarly (academic) romanisation. The Latin forms a list writes come from
the academic one through a *habit* (:func:`latin`): the English habit (Sh, U,
Mohammad/Mohammed), the French habit common in Syrian documents (Ch, Ou, Dj:
Chaaban, Youssef, Djamil) and the academic one (ʿ, ā, ḥ). Arabic forms vary by
the spellings Syrian lists really mix: hamza seats dropped, ة written ه, ى
written ي, عبد joined to or split from what follows, ال dropped from a family
name, a slipped key.

Given names are drawn per community from ranked lists by a Zipf law (the first
name of a list is nearly twice as common as the second: exponent 0.85), so that namesakes
(same given and family name in one governorate) grow as a list grows. Sunni
family names extend the hand-written list with the ``al-`` names of
``shared/data/arabic-names/dict_ar_en.csv`` (Levantine names, public domain).
"""

from __future__ import annotations

import bisect
import csv
import itertools
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Part:
    """One name part: Arabic as written at home, and its academic romanisation."""

    ar: str
    ac: str

    @property
    def key(self) -> str:
        return self.ar


# -- given names: Arabic -> academic romanisation --------------------------------

_AC = {
    "محمد": "muḥammad", "أحمد": "aḥmad", "علي": "ʿalī", "حسن": "ḥasan", "حسين": "ḥusayn",
    "خالد": "khālid", "عمر": "ʿumar", "محمود": "maḥmūd", "مصطفى": "muṣṭafā", "إبراهيم": "ibrāhīm",
    "يوسف": "yūsuf", "عبد الله": "ʿabd allāh", "عبد الرحمن": "ʿabd al-raḥmān",
    "عبد الكريم": "ʿabd al-karīm", "عبد القادر": "ʿabd al-qādir", "عبد الرزاق": "ʿabd al-razzāq",
    "عبد الحميد": "ʿabd al-ḥamīd", "سامر": "sāmir", "سامي": "sāmī", "ياسر": "yāsir", "وائل": "wāʾil",
    "بشار": "bashshār", "فادي": "fādī", "رامي": "rāmī", "حسام": "ḥusām", "أيمن": "ayman",
    "سليمان": "sulaymān", "جميل": "jamīl", "كمال": "kamāl", "فراس": "firās", "ماهر": "māhir",
    "ماجد": "mājid", "نزار": "nizār", "غسان": "ghassān", "عماد": "ʿimād", "مازن": "māzin",
    "طارق": "ṭāriq", "زياد": "ziyād", "منير": "munīr", "نبيل": "nabīl", "سمير": "samīr",
    "جهاد": "jihād", "عادل": "ʿādil", "هيثم": "haytham", "رياض": "riyāḍ", "صالح": "ṣāliḥ",
    "قاسم": "qāsim", "عيسى": "ʿīsā", "عثمان": "ʿuthmān", "بكر": "bakr", "أنس": "anas",
    "معاذ": "muʿādh", "حمزة": "ḥamza", "عمار": "ʿammār", "خليل": "khalīl", "شعبان": "shaʿbān",
    "حيدر": "ḥaydar", "غياث": "ghiyāth", "وسيم": "wasīm", "باسل": "bāsil", "علاء": "ʿalāʾ",
    "مجد": "majd", "جعفر": "jaʿfar", "منذر": "mundhir", "بسام": "bassām", "يونس": "yūnus",
    "سلمان": "salmān", "فايز": "fāyiz", "نزيه": "nazīh", "وليد": "walīd", "حمد": "ḥamad",
    "فهد": "fahd", "نايف": "nāyif", "شكيب": "shakīb", "عصام": "ʿiṣām", "منصور": "manṣūr",
    "هايل": "hāyil", "يحيى": "yaḥyā", "فرحان": "farḥān", "مروان": "marwān", "تيسير": "taysīr",
    "أمين": "amīn", "رشيد": "rashīd", "جورج": "jūrj", "إلياس": "ilyās", "ميخائيل": "mīkhāʾīl",
    "حنا": "ḥannā", "جرجس": "jirjis", "سمعان": "simʿān", "نقولا": "niqūlā", "بطرس": "buṭrus",
    "طوني": "ṭūnī", "شادي": "shādī", "سليم": "salīm", "سامح": "sāmiḥ", "ميشيل": "mīshīl",
    "شيار": "shiyār", "آزاد": "āzād", "دلشاد": "dilshād", "كاوا": "kāwā", "جوان": "juwān",
    "هوزان": "hūzān", "آلان": "ālān", "ريزان": "rīzān", "شيروان": "shīrwān", "جاسم": "jāsim",
    "حمود": "ḥammūd", "عبد العزيز": "ʿabd al-ʿazīz", "مالك": "mālik", "نور الدين": "nūr al-dīn",
    "إسماعيل": "ismāʿīl", "موسى": "mūsā", "داود": "dāwūd", "ثائر": "thāʾir",
    # women
    "فاطمة": "fāṭima", "عائشة": "ʿāʾisha", "مريم": "maryam", "زينب": "zaynab", "خديجة": "khadīja",
    "سلمى": "salmā", "لمى": "lamā", "هدى": "hudā", "رنا": "ranā", "رشا": "rashā", "سعاد": "suʿād",
    "نور": "nūr", "آمنة": "āmina", "أمل": "amal", "هبة": "hiba", "ريم": "rīm", "ريما": "rīmā",
    "سارة": "sāra", "ليلى": "laylā", "سوسن": "sawsan", "منى": "munā", "رغد": "raghad",
    "ولاء": "walāʾ", "حلا": "ḥalā", "بتول": "batūl", "رهف": "rahaf", "غدير": "ghadīr",
    "ديما": "dīmā", "دينا": "dīnā", "لينا": "līnā", "لين": "līn", "علا": "ʿulā", "يارا": "yārā",
    "جنى": "janā", "تالا": "tālā", "سما": "samā", "رزان": "razān", "ميس": "mays",
    "نغم": "nagham", "وفاء": "wafāʾ", "سميرة": "samīra", "نجاح": "najāḥ", "صبحية": "ṣubḥiyya",
    "نوال": "nawāl", "منيرة": "munīra", "وداد": "widād", "هيام": "hiyām", "سهام": "sihām",
    "رندة": "randa", "سلوى": "salwā", "ماري": "mārī", "ريتا": "rītā", "نادين": "nādīn",
    "روز": "rūz", "جورجيت": "jūrjīt", "هيلانة": "hīlāna", "بريفان": "birīvān", "روجين": "rūjīn",
    "جيهان": "jīhān", "نسرين": "nasrīn", "شيرين": "shīrīn", "زوزان": "zūzān", "روناهي": "rūnāhī",
    "شهد": "shahd", "إيمان": "īmān", "رحاب": "riḥāb", "ختام": "khitām", "حنان": "ḥanān",
}

#: Ranked given names per community and sex (most common first). Written from
#: published naming patterns: Muhammad/Ahmad lead among Sunni Arabs; Ali, Hasan,
#: Haydar, Batul are far commoner among Alawites; Druze lists carry Salman, Fayiz,
#: Hayil; Christians George, Elias, Hanna; Kurds Shiyar, Azad, Berivan, Rojin.
GIVEN: dict[str, dict[str, list[str]]] = {
    "sunni": {
        "male": ["محمد", "أحمد", "عبد الله", "خالد", "عمر", "محمود", "مصطفى", "عبد الرحمن",
                 "إبراهيم", "يوسف", "علي", "حسن", "حسين", "عبد الكريم", "عبد القادر", "جاسم",
                 "حمود", "أنس", "معاذ", "حمزة", "عمار", "خليل", "ياسر", "عبد العزيز", "عبد الرزاق",
                 "عبد الحميد", "قاسم", "صالح", "عثمان", "بكر", "طارق", "زياد", "أيمن", "وائل",
                 "مالك", "نور الدين", "إسماعيل", "عادل", "جهاد", "سامر", "سامي", "ماهر", "ماجد",
                 "فراس", "رامي", "عماد", "هيثم", "رياض", "نبيل", "سمير"],
        "female": ["فاطمة", "عائشة", "مريم", "خديجة", "آمنة", "زينب", "هدى", "نور", "سارة", "رنا",
                   "رشا", "هبة", "أمل", "إيمان", "شهد", "سلمى", "لمى", "ريم", "ريما", "ليلى",
                   "منى", "سعاد", "رغد", "ولاء", "حلا", "رهف", "جنى", "تالا", "سما", "رزان",
                   "دينا", "ديما", "لينا", "لين", "علا", "يارا", "سميرة", "وفاء", "حنان", "ختام"],
    },
    "alawite": {
        "male": ["علي", "محمد", "حسن", "أحمد", "إبراهيم", "سليمان", "حيدر", "حسين", "يوسف",
                 "محمود", "غياث", "نزار", "وسيم", "باسل", "علاء", "رامي", "فادي", "مجد", "جعفر",
                 "منذر", "بسام", "يونس", "عيسى", "سامر", "سامي", "ماهر", "ماجد", "غسان", "كمال",
                 "جميل", "أيمن", "بشار", "ثائر", "شعبان", "عماد", "مازن", "نبيل", "سمير", "هيثم",
                 "عمار"],
        "female": ["فاطمة", "زينب", "بتول", "مريم", "رنا", "رشا", "هبة", "سلمى", "لمى", "ريم",
                   "ريما", "غدير", "نور", "سوسن", "منى", "ليلى", "هدى", "رهف", "حلا", "جنى",
                   "تالا", "سما", "ديما", "دينا", "لينا", "لين", "علا", "يارا", "ميس", "نغم",
                   "وفاء", "سميرة", "نجاح", "أمل", "إيمان"],
    },
    "druze": {
        "male": ["سلمان", "كمال", "فايز", "نزيه", "وليد", "سليمان", "حمد", "فهد", "ماجد", "نايف",
                 "شكيب", "عصام", "منصور", "هايل", "يحيى", "فرحان", "مروان", "تيسير", "عادل",
                 "نبيل", "أمين", "رشيد", "يوسف", "سامر", "سامي", "رامي", "فادي", "غسان", "بسام",
                 "مازن", "جميل", "ماهر", "هيثم", "وائل"],
        "female": ["صبحية", "نوال", "منيرة", "وداد", "هيام", "سهام", "ريما", "ريم", "رندة", "منى",
                   "سلوى", "سلمى", "لمى", "رنا", "رشا", "هبة", "ليلى", "سوسن", "نور", "ديما",
                   "دينا", "لينا", "يارا", "رهف", "حلا", "جنى", "تالا", "نغم", "وفاء", "سميرة"],
    },
    "christian": {
        "male": ["جورج", "إلياس", "ميخائيل", "يوسف", "حنا", "جرجس", "سمعان", "نقولا", "بطرس",
                 "فادي", "رامي", "طوني", "شادي", "عيسى", "جميل", "سليم", "نبيل", "سامي", "ميشيل",
                 "سامح", "سامر", "داود", "موسى", "غسان", "كمال", "ماهر", "باسل", "مجد"],
        "female": ["ماري", "مريم", "ريتا", "ريم", "لينا", "سلمى", "لمى", "نادين", "روز", "جورجيت",
                   "هيلانة", "رنا", "رشا", "هبة", "ليلى", "سوسن", "منى", "ديما", "دينا", "يارا",
                   "تالا", "سما", "نور", "لين"],
    },
    "kurd": {
        "male": ["محمد", "أحمد", "شيار", "آزاد", "دلشاد", "كاوا", "جوان", "هوزان", "آلان",
                 "ريزان", "شيروان", "حسن", "مصطفى", "خليل", "عبد الرحمن", "علي", "عمر", "يوسف",
                 "إبراهيم", "سليمان", "رشيد", "جميل", "عثمان", "بكر"],
        "female": ["بريفان", "روجين", "جيهان", "نسرين", "شيرين", "زوزان", "روناهي", "فاطمة",
                   "عائشة", "ليلى", "هدى", "نور", "زينب", "أمل", "رنا", "سلمى", "لمى", "ريم"],
    },
}

#: One-letter sibling pairs (سلمى / لمى): parents who name two daughters or sons
#: alike. Each pair differs by one Arabic letter.
ONE_LETTER = {
    "female": [("سلمى", "لمى"), ("ريم", "ريما"), ("دينا", "ديما"), ("رنا", "رشا"), ("لينا", "لين"),
               ("سما", "سلمى"), ("حلا", "علا")],
    "male": [("سامر", "سامي"), ("رامي", "سامي"), ("حسن", "حسين"), ("عمر", "عمار"), ("ماهر", "ماجد"),
             ("فادي", "شادي")],
}

#: Ranked family names per community (hand-written; Sunni extended from the
#: shared dictionary). Alawite and Druze family names are mostly without ال.
FAMILY: dict[str, list[tuple[str, str]]] = {
    "alawite": [
        ("ديب", "dīb"), ("إبراهيم", "ibrāhīm"), ("حسن", "ḥasan"), ("علي", "ʿalī"), ("سليمان", "sulaymān"),
        ("خضور", "khaḍḍūr"), ("ميهوب", "mayhūb"), ("شاهين", "shāhīn"), ("حيدر", "ḥaydar"),
        ("صقر", "ṣaqr"), ("نصور", "naṣṣūr"), ("ونوس", "wannūs"), ("درويش", "darwīsh"),
        ("غانم", "ghānim"), ("الأسعد", "al-asʿad"), ("يونس", "yūnus"), ("سلوم", "sallūm"),
        ("محمد", "muḥammad"), ("عيسى", "ʿīsā"), ("معلا", "muʿallā"), ("إسماعيل", "ismāʿīl"),
        ("بركات", "barakāt"), ("عمران", "ʿimrān"), ("ناصر", "nāṣir"), ("قاسم", "qāsim"),
        ("شعبان", "shaʿbān"), ("حسين", "ḥusayn"), ("رستم", "rustum"), ("عطية", "ʿaṭiyya"),
        ("منصور", "manṣūr"), ("مرهج", "murhij"), ("خليل", "khalīl"), ("الحسن", "al-ḥasan"),
        ("جديد", "jadīd"), ("بدور", "baddūr"), ("زيدان", "zaydān"), ("حمدان", "ḥamdān"),
        ("عباس", "ʿabbās"), ("يوسف", "yūsuf"), ("الخير", "al-khayr"), ("سعيد", "saʿīd"),
        ("أحمد", "aḥmad"), ("مخلوف", "makhlūf"), ("الشيخ", "al-shaykh"), ("عثمان", "ʿuthmān"),
    ],
    "druze": [
        ("أبو فخر", "abū fakhr"), ("الأطرش", "al-aṭrash"), ("نصر", "naṣr"), ("عزام", "ʿazzām"),
        ("الحناوي", "al-ḥinnāwī"), ("جربوع", "jarbūʿ"), ("الشوفي", "al-shūfī"), ("حمزة", "ḥamza"),
        ("الحلبي", "al-ḥalabī"), ("رضوان", "riḍwān"), ("العربيد", "al-ʿarbīd"), ("مرشد", "murshid"),
        ("القنطار", "al-qanṭār"), ("أبو زيدان", "abū zaydān"), ("الهجري", "al-hijrī"),
        ("البلعوس", "al-balʿūs"), ("عامر", "ʿāmir"), ("أبو حسون", "abū ḥassūn"), ("نعيم", "naʿīm"),
        ("الصحناوي", "al-ṣaḥnāwī"), ("الدبيسي", "al-dubaysī"), ("كيوان", "kaywān"),
        ("أبو راس", "abū rās"), ("صعب", "ṣaʿb"), ("القلعاني", "al-qalʿānī"), ("أبو عاصي", "abū ʿāṣī"),
        ("الشاعر", "al-shāʿir"), ("غرز الدين", "ghurz al-dīn"), ("مزهر", "mazhar"), ("الملحم", "al-malḥam"),
        ("سلام", "salām"), ("أبو سعدى", "abū saʿdā"), ("الجرمقاني", "al-jarmaqānī"), ("حديفة", "ḥudayfa"),
    ],
    "christian": [
        ("حداد", "ḥaddād"), ("خوري", "khūrī"), ("عبود", "ʿabbūd"), ("جبور", "jabbūr"),
        ("سمعان", "simʿān"), ("نعمة", "niʿma"), ("بشارة", "bishāra"), ("إلياس", "ilyās"),
        ("معلوف", "maʿlūf"), ("شحادة", "shaḥāda"), ("عيد", "ʿīd"), ("موسى", "mūsā"),
        ("صليبا", "ṣalībā"), ("قسيس", "qassīs"), ("مخول", "makhkhūl"), ("طنوس", "ṭannūs"),
        ("حنا", "ḥannā"), ("زريق", "zurayq"), ("داود", "dāwūd"), ("كرم", "karam"),
        ("نجار", "najjār"), ("الخوري", "al-khūrī"), ("عازار", "ʿāzār"), ("ديب", "dīb"),
        ("يازجي", "yāzijī"), ("نصر الله", "naṣr allāh"), ("حبيب", "ḥabīb"), ("سلوم", "sallūm"),
    ],
    "kurd": [
        ("محمد", "muḥammad"), ("أحمد", "aḥmad"), ("علي", "ʿalī"), ("عثمان", "ʿuthmān"),
        ("حسن", "ḥasan"), ("يوسف", "yūsuf"), ("شيخو", "shaykhū"), ("بكر", "bakr"), ("عمر", "ʿumar"),
        ("حمو", "ḥammū"), ("خليل", "khalīl"), ("سليمان", "sulaymān"), ("جعفر", "jaʿfar"),
        ("رشو", "rashū"), ("كالو", "kālū"), ("مصطفى", "muṣṭafā"), ("حاجي", "ḥājjī"),
        ("إسماعيل", "ismāʿīl"), ("عبدو", "ʿabdū"), ("قادو", "qādū"), ("شيخموس", "shaykhmūs"),
        ("ملا", "mullā"), ("حسو", "ḥassū"), ("أوسو", "ūsū"), ("زازا", "zāzā"), ("بيرو", "bīrū"),
        ("إيبو", "ībū"), ("بوظو", "būẓū"), ("عيسى", "ʿīsā"), ("كوجر", "kūjar"),
    ],
    "sunni": [
        ("الخطيب", "al-khaṭīb"), ("الأحمد", "al-aḥmad"), ("العلي", "al-ʿalī"), ("الحسن", "al-ḥasan"),
        ("المحمد", "al-muḥammad"), ("الحسين", "al-ḥusayn"), ("الخليل", "al-khalīl"), ("العمر", "al-ʿumar"),
        ("الصالح", "al-ṣāliḥ"), ("العبد الله", "al-ʿabd allāh"), ("الزعبي", "al-zuʿbī"),
        ("الحريري", "al-ḥarīrī"), ("المقداد", "al-miqdād"), ("الرفاعي", "al-rifāʿī"),
        ("الحمصي", "al-ḥimṣī"), ("المصري", "al-miṣrī"), ("الحلبي", "al-ḥalabī"), ("الشامي", "al-shāmī"),
        ("الشيخ", "al-shaykh"), ("الدرويش", "al-darwīsh"), ("الجاسم", "al-jāsim"), ("الحمود", "al-ḥammūd"),
        ("العثمان", "al-ʿuthmān"), ("السعيد", "al-saʿīd"), ("البكور", "al-bakkūr"), ("الطويل", "al-ṭawīl"),
        ("العيسى", "al-ʿīsā"), ("الكردي", "al-kurdī"), ("القاسم", "al-qāsim"), ("الناصر", "al-nāṣir"),
        ("السيد", "al-sayyid"), ("النجار", "al-najjār"), ("الحمد", "al-ḥamad"), ("المصطفى", "al-muṣṭafā"),
        ("الإبراهيم", "al-ibrāhīm"), ("اليوسف", "al-yūsuf"), ("الخلف", "al-khalaf"), ("الحسان", "al-ḥassān"),
        ("الدالي", "al-dālī"), ("العبيد", "al-ʿubayd"), ("الشهابي", "al-shihābī"), ("البيطار", "al-bayṭār"),
        ("الحاج", "al-ḥājj"), ("الأسعد", "al-asʿad"), ("الموسى", "al-mūsā"), ("الحميدي", "al-ḥumaydī"),
        ("السلامة", "al-salāma"), ("العوض", "al-ʿawaḍ"), ("الفارس", "al-fāris"), ("الجمعة", "al-jumʿa"),
    ],
}
FAMILY["ismaili"] = FAMILY["sunni"][:20]
FAMILY["shia"] = FAMILY["alawite"][:20]
GIVEN["ismaili"] = GIVEN["sunni"]
GIVEN["shia"] = GIVEN["alawite"]

_DICT = Path(__file__).resolve().parents[5] / "shared" / "data" / "arabic-names" / "dict_ar_en.csv"
_DICT_ALT = Path("/work/shared/data/arabic-names/dict_ar_en.csv")


@lru_cache(maxsize=1)
def dictionary_family_names() -> tuple[tuple[str, str], ...]:
    """``al-`` family names of the shared dictionary (Arabic, plain romanisation), in file order;
    empty when the shared data is absent (the hand-written lists then suffice)."""
    for path in (_DICT, _DICT_ALT):
        if path.is_file():
            break
    else:
        return ()
    out, seen = [], set()
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 2:
                continue
            ar, en = row[0].strip(), row[1].strip()
            if not re.fullmatch("ال[\u0621-\u064a]{3,9}", ar) or not re.fullmatch(r"al-[a-z]{3,10}", en):
                continue
            plain = plain_arabic(ar)
            if plain in seen or "ة" in ar[:-1] or plain in _NOT_FAMILY:
                continue
            seen.add(plain)
            out.append((ar, en))
    return tuple(out)


#: Second halves of compound given names (عبد الرحمن, نور الدين) and words the dictionary
#: lists as segments: never a family name on their own.
_NOT_FAMILY = frozenset((
    "الدين", "الله", "الاله", "الرحمن", "الرحيم", "الكريم", "العزيز", "الحميد", "القادر", "الرزاق",
    "الحق", "السلام", "اللطيف", "المجيد", "الباسط", "الغني", "الجبار", "الستار", "الوهاب", "الرءوف",
    "الرووف", "الغفور", "الفتاح", "الحي", "القيوم", "المعطي", "المنعم", "الحفيظ", "الودود", "الجليل",
    "الاسلام", "الايمان", "العال", "الهادي", "الرووف", "المولي", "النبي", "الامير", "الاميره"))


def plain_arabic(text: str) -> str:
    return text.translate(str.maketrans("أإآ", "ااا")).replace("ة", "ه").replace("ى", "ي")


class Zipf:
    """Draw from a ranked list with P(rank r) proportional to 1 / r**s."""

    def __init__(self, items, s: float = 1.0) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(len(self.items))))

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


@lru_cache(maxsize=None)
def given_part(ar: str) -> Part:
    return Part(ar, _AC[ar])


def given_zipf(community: str, sex: str) -> Zipf:
    return _given_zipf(community, sex)


@lru_cache(maxsize=None)
def _given_zipf(community: str, sex: str) -> Zipf:
    return Zipf([given_part(n) for n in GIVEN[community][sex]], 0.85)


@lru_cache(maxsize=None)
def family_zipf(community: str) -> Zipf:
    """Ranked family names of a community: the hand-written list, then a long tail from the
    shared dictionary (all of it for Sunni Arabs, a fifth of it for each other community:
    family names like al-Hasan or al-Asaad cross communities), so that no few names
    dominate a whole governorate."""
    items = [Part(a, b) for a, b in FAMILY[community]]
    have = {plain_arabic(p.ar) for p in items}
    extra = dictionary_family_names()
    if community != "sunni":
        extra = extra[_TAIL_OFFSET.get(community, 0)::5]
    items += [Part(a, b) for a, b in extra if plain_arabic(a) not in have]
    return Zipf(items, 0.9)


_TAIL_OFFSET = {"alawite": 1, "druze": 2, "christian": 3, "kurd": 4, "ismaili": 0, "shia": 1}


#: Kunyas in customary pairs (Abu Ali for a Hasan is as common as for a father
#: of Ali) and short nicknames (laqab) used in place of a given name.
NICKNAMES = {
    "محمد": ("حمودة", "ḥammūda"), "أحمد": ("حمادة", "ḥamāda"), "عبد الرحمن": ("عبود", "ʿabbūd"),
    "علي": ("علوش", "ʿallūsh"), "إبراهيم": ("برهوم", "barhūm"), "مصطفى": ("مصطو", "muṣṭū"),
    "يوسف": ("جو", "jū"), "حسن": ("حسونة", "ḥassūna"), "خالد": ("خلدون", "khaldūn"),
    "سليمان": ("سليمو", "sulaymū"), "عبد الله": ("عبدو", "ʿabdū"),
}


# -- Arabic variation ---------------------------------------------------------

_HAMZA = str.maketrans("أإآ", "ااا")


def arabic_variant(text: str, rng: random.Random, rates: dict[str, float], tokens: set[str]) -> str:
    """``text`` as a hurried or old-fashioned hand writes it; ``tokens`` gets what changed."""
    if rates.get("hamza") and any(c in text for c in "أإآ") and rng.random() < rates["hamza"]:
        text = text.translate(_HAMZA)
        tokens.add("hamza")
    if rates.get("ta_marbuta") and "ة" in text and rng.random() < rates["ta_marbuta"]:
        text = re.sub("ة(?=$| )", "ه", text)
        tokens.add("ta_marbuta")
    if rates.get("alef_maqsura") and "ى" in text and rng.random() < rates["alef_maqsura"]:
        text = re.sub("ى(?=$| )", "ي", text)
        tokens.add("alef_maqsura")
    if rates.get("compound") and ("عبد " in text or "عبدال" in text or " الدين" in text) \
            and rng.random() < rates["compound"]:
        text = (text.replace("عبد ال", "عبدال").replace(" الدين", "الدين")
                if "عبد ال" in text or " الدين" in text else text.replace("عبدال", "عبد ال"))
        tokens.add("compound_joined")
    return text


def arabic_family(part: Part, rng: random.Random, rates: dict[str, float], tokens: set[str]) -> str:
    text = arabic_variant(part.ar, rng, rates, tokens)
    if text.startswith("ال") and len(text) > 4 and rng.random() < rates.get("no_article", 0.0):
        text = text[2:]
        tokens.add("no_article")
    return text


def arabic_typo(text: str, rng: random.Random) -> str:
    """One slipped key: a letter dropped, doubled or two letters swapped."""
    idx = [i for i, c in enumerate(text) if c != " "]
    if len(idx) < 4:
        return text
    i = idx[rng.randrange(1, len(idx) - 1)]
    k = rng.random()
    if k < 0.4:
        return text[:i] + text[i + 1:]
    if k < 0.7:
        return text[:i] + text[i] + text[i:]
    j = i + 1
    if j < len(text) and text[j] != " ":
        return text[:i] + text[j] + text[i] + text[j + 1:]
    return text[:i] + text[i] + text[i:]


# -- Latin habits ---------------------------------------------------------------

_SUN = set("tdrzsnl") | {"sh", "th", "dh", "ṣ", "ṭ", "ḍ", "ẓ"}
_DOT = str.maketrans({"ḥ": "h", "ṣ": "s", "ṭ": "t", "ḍ": "d", "ẓ": "z", "ā": "a", "ī": "i", "ū": "u"})


def _cap(word: str) -> str:
    for i, c in enumerate(word):
        if c.isalpha() and c not in "ʿʾ":
            return word[:i] + c.upper() + word[i + 1:]
    return word


def _english_word(w: str, rng: random.Random) -> str:
    w = w.replace("ʾ", "'" if rng.random() < 0.3 and not w.endswith("ʾ") else "")
    w = re.sub("ʿ", lambda m: "'" if m.start() > 0 and rng.random() < 0.4 else "", w)
    if rng.random() < 0.25:
        w = w.replace("ī", "ee", 1)
    if rng.random() < 0.2:
        w = w.replace("ū", "oo", 1)
    if "ay" in w and rng.random() < 0.5:
        w = w.replace("ay", "ei" if rng.random() < 0.6 else "ai")
    w = w.translate(_DOT)
    if w.startswith("mu") and rng.random() < 0.6:
        w = "mo" + w[2:]
    if rng.random() < 0.35:
        w = re.sub(r"mad$", "med", w)  # Ahmed, Mohammed
    if rng.random() < 0.2:
        w = re.sub(r"([^aeiou])a$", r"\1ah", w)  # Fatimah, Hamzah
    if rng.random() < 0.15:
        w = re.sub(r"([bcdfgjklmnpqrtvz])\1", r"\1", w, count=1)  # Bashar, Hasan for Hassan
    return w


def _french_word(w: str, rng: random.Random) -> str:
    w = w.replace("ʾ", "").replace("ʿ", "")
    w = w.replace("sh", "ch")
    if rng.random() < 0.6:
        w = re.sub("j", "dj", w)
    if rng.random() < 0.7:
        w = w.replace("q", "k")
    w = w.replace("ū", "ou").replace("ay", "ei" if rng.random() < 0.5 else "ai")
    w = re.sub(r"^w", "ou", w) if rng.random() < 0.5 else w
    w = w.translate(_DOT)
    w = re.sub(r"(?<=[^o])u", "ou", w) if rng.random() < 0.7 else w
    if w.startswith("mou") and rng.random() < 0.6:
        w = "mo" + w[3:]
    w = re.sub(r"([^aeiou])a$", r"\1e", w) if rng.random() < 0.2 else w
    w = w.replace("y", "i") if rng.random() < 0.2 and not w.startswith("y") else w
    return w


def _academic_word(w: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        w = w.replace("ʿ", "'").replace("ʾ", "'")
    return w


_WORD = {"english": _english_word, "french": _french_word, "academic": _academic_word}


def _article(rest: str, habit: str, rng: random.Random, family: bool) -> str:
    """The article ``al-`` before ``rest`` (already romanised), as the habit writes it."""
    r = rng.random()
    if habit == "academic":
        first = rest[:2] if rest[:2] in ("sh", "th", "dh") else rest[:1]
        sun = first in _SUN and rng.random() < 0.5
        return (f"a{first}-" if sun else "al-") + _cap(rest)
    if habit == "french":
        prefix = "El-" if r < 0.4 else "Al-" if r < 0.6 else "El " if r < 0.75 else "Al " if r < 0.85 else ""
        return prefix + _cap(rest)
    if not family:
        return ("al-" if r < 0.5 else "el-" if r < 0.7 else "ar-" if r < 0.8 else "al ") + rest
    prefix = ("Al-" if r < 0.35 else "al-" if r < 0.55 else "Al " if r < 0.7 else "Al" if r < 0.8 else
              "El-" if r < 0.85 else "")
    return prefix + (rest if prefix == "Al" else _cap(rest))


#: The spellings an English- or French-writing clerk reaches for first: the
#: rules above would give them only by chance.
_USUAL = {
    "english": {
        "muḥammad": ("Mohammad", "Muhammad", "Mohammed", "Mohamed", "Mohamad"),
        "aḥmad": ("Ahmad", "Ahmed"), "ḥusayn": ("Hussein", "Husain", "Hussain", "Husayn"),
        "yūsuf": ("Youssef", "Yousef", "Yusuf", "Yousif"), "ʿumar": ("Omar", "Umar"),
        "ʿuthmān": ("Othman", "Osman", "Uthman"), "ʿāʾisha": ("Aisha", "Aysha", "Aesha"),
        "muṣṭafā": ("Mustafa", "Moustafa", "Mostafa"), "maḥmūd": ("Mahmoud", "Mahmud"),
        "khadīja": ("Khadija", "Khadijah", "Khadeeja"), "ibrāhīm": ("Ibrahim", "Ebrahim"),
    },
    "french": {
        "muḥammad": ("Mohammed", "Mohamed", "Mouhammad"), "yūsuf": ("Youssef", "Youssouf"),
        "ḥusayn": ("Hussein", "Houssein", "Hussain"), "ʿumar": ("Omar", "Oumar"),
        "muṣṭafā": ("Moustafa", "Mostafa"), "maḥmūd": ("Mahmoud",), "khālid": ("Khaled", "Khalid"),
        "ʿāʾisha": ("Aïcha", "Aicha"), "shaʿbān": ("Chaabane", "Chaaban"), "jamīl": ("Djamil", "Jamil"),
    },
}


def latin(part: Part, habit: str, rng: random.Random, family: bool = False,
          tokens: set[str] | None = None) -> str:
    """``part`` in Latin script under ``habit`` (english, french, academic)."""
    word = _WORD[habit]
    ac = part.ac
    usual = _USUAL.get(habit, {}).get(ac)
    if usual and rng.random() < 0.8:
        return usual[min(int(rng.expovariate(1.2)), len(usual) - 1)]
    m = re.fullmatch(r"ʿabd (?:al-)?(.+)", ac)
    if m and not family:
        rest = m.group(1)
        r = rng.random()
        body = _cap(word(rest, rng)) if habit != "academic" else _cap(rest)
        if rest == "allāh":
            return ("Abdullah" if r < 0.45 else "Abdallah" if r < 0.7 else "Abd Allah" if r < 0.85
                    else "Abdulla") if habit != "academic" else "ʿAbd Allāh"
        if habit == "academic":
            return "ʿAbd " + _article(rest, "academic", rng, False)
        if tokens is not None:
            tokens.add("compound_form")
        if r < 0.3:
            return "Abdul" + body.lower()  # Abdulrahman
        if r < 0.5:
            return "Abdul " + body  # Abdul Rahman
        if r < 0.65:
            return ("Abdel" if habit == "french" else "Abdal") + body.lower()
        if r < 0.8:
            return "Abdel " + body
        return "Abd " + _article(_cap(word(rest, rng)), "english", rng, False)  # Abd al-Rahman
    words = ac.split(" ")
    out = []
    for i, w in enumerate(words):
        if w.startswith("al-") and len(w) > 3:
            rest = word(w[3:], rng)
            out.append(_article(rest if habit != "academic" else w[3:], habit, rng, family and i == 0))
        else:
            out.append(_cap(word(w, rng)))
    text = " ".join(x for x in out if x)
    if habit == "academic":
        text = _cap(text)
    return text


def latin_typo(text: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 4:
        return text
    i = letters[rng.randrange(1, len(letters))]
    k = rng.random()
    if k < 0.35:
        return text[:i] + text[i + 1:]
    if k < 0.6:
        return text[:i] + text[i] + text[i:]
    if k < 0.8 and text[i].lower() in "aeiou":
        return text[:i] + rng.choice("aeiou".replace(text[i].lower(), "")) + text[i + 1:]
    j = i - 1
    if text[j].islower() and text[i].islower():
        return text[:j] + text[i] + text[j] + text[i + 1:]
    return text[:i] + text[i] + text[i:]


def ascii_fold(text: str) -> str:
    """GeoNames' 'Jablah' from 'Jablah', 'Ad Darbasiyah' from 'Ad Darbāsīyah'."""
    text = text.replace("ʿ", "").replace("ʾ", "").replace("‘", "").replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
