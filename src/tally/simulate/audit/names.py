"""Name stocks of the five communities, and Zipf-like draws from them.

Each stock is a list of ``Arabic|reference Latin`` entries, most frequent first.
The reference Latin is a plain scholarly form (``Husayn``, ``Ja'far``, ``al-Shami``,
``Abd al-Rahman``): no list writes it as it stands; each list's house style
(:mod:`tally.simulate.audit.spelling`) turns it into what that list prints.

Frequencies: the share of rank r is proportional to 1 / (r + 1) ** s (s below),
the shape name counts follow in civil registers. Family names are re-ranked per
governorate (a clan common in Jableh is rare in Homs), so namesakes concentrate
where they do in life: inside one governorate and one community.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# -- given names --------------------------------------------------------------------

_PAN_MALE = (
    "محمد|Muhammad", "أحمد|Ahmad", "علي|'Ali", "حسن|Hasan", "حسين|Husayn", "محمود|Mahmud",
    "إبراهيم|Ibrahim", "يوسف|Yusuf", "خالد|Khalid", "مصطفى|Mustafa", "سامر|Samer",
    "عمر|'Umar", "فادي|Fadi", "رامي|Rami", "وائل|Wa'il", "ماهر|Mahir", "سليمان|Sulayman",
    "جميل|Jamil", "نزار|Nizar", "بسام|Bassam", "أيمن|Ayman", "مازن|Mazin", "عماد|'Imad",
    "نبيل|Nabil", "كمال|Kamal", "جمال|Jamal", "سمير|Samir", "وليد|Walid", "هادي|Hadi",
    "سامي|Sami", "رامز|Ramiz", "نائل|Na'il", "عادل|'Adil", "فراس|Firas", "زياد|Ziyad",
    "باسل|Basil", "عامر|'Amir", "قاسم|Qasim", "جعفر|Ja'far", "صالح|Salih", "ياسر|Yasir",
    "طارق|Tariq", "منير|Munir", "أنور|Anwar", "شادي|Shadi", "غياث|Ghiyath", "حيدر|Haydar",
    "عيسى|'Isa", "موسى|Musa", "إسماعيل|Isma'il", "خليل|Khalil", "رياض|Riyad", "منذر|Mundhir",
)
# community-specific male names, added to the pan-Arab stock and ranked within it
_MALE = {
    "sunni": ("محمد|Muhammad", "أحمد|Ahmad", "عبد الرحمن|Abd al-Rahman", "عمر|'Umar",
              "خالد|Khalid", "عبد الله|Abd Allah", "محمود|Mahmud", "مصطفى|Mustafa",
              "عبد القادر|Abd al-Qadir", "بلال|Bilal", "حمزة|Hamza", "عثمان|'Uthman",
              "عبد الكريم|Abd al-Karim", "عبد الرزاق|Abd al-Razzaq", "أنس|Anas", "معاذ|Mu'adh",
              "عبيدة|'Ubayda", "فيصل|Faysal", "فواز|Fawwaz", "حمد|Hamad", "عواد|'Awwad",
              "عبد الحميد|Abd al-Hamid", "ياسين|Yasin", "إسماعيل|Isma'il", "عبد السلام|Abd al-Salam"),
    "alawite": ("علي|'Ali", "حسن|Hasan", "محمد|Muhammad", "حسين|Husayn", "أحمد|Ahmad",
                "سليمان|Sulayman", "حيدر|Haydar", "غياث|Ghiyath", "جعفر|Ja'far", "عباس|'Abbas",
                "كنان|Kinan", "مجد|Majd", "نزار|Nizar", "بسام|Bassam", "أيهم|Ayham", "ورد|Ward",
                "يامن|Yamin", "علاء|'Ala'", "حيان|Hayyan", "محسن|Muhsin", "عدنان|'Adnan",
                "إبراهيم|Ibrahim", "يوسف|Yusuf", "منذر|Mundhir", "ربيع|Rabi'"),
    "druze": ("سلمان|Salman", "كمال|Kamal", "نبيل|Nabil", "فادي|Fadi", "وسام|Wisam",
              "ربيع|Rabi'", "وجدي|Wajdi", "نزار|Nizar", "أدهم|Adham", "حمد|Hamad", "سليم|Salim",
              "فايز|Fayiz", "نايف|Nayif", "شبلي|Shibli", "كنج|Kanj", "هايل|Ha'il", "غالب|Ghalib",
              "مروان|Marwan", "طلال|Talal", "أمجد|Amjad", "صقر|Saqr", "سلطان|Sultan", "فارس|Faris",
              "مجد|Majd", "ماهر|Mahir", "زياد|Ziyad", "يحيى|Yahya"),
    "kurdish": ("محمد|Muhammad", "أحمد|Ahmad", "مصطفى|Mustafa", "شيار|Shiyar", "ريزان|Rezan",
                "دلشاد|Dilshad", "كاوا|Kawa", "آزاد|Azad", "هوزان|Hozan", "سيامند|Siyamand",
                "جوان|Jiwan", "رشيد|Rashid", "حسين|Husayn", "علي|'Ali", "إبراهيم|Ibrahim",
                "كاميران|Kamiran", "دليل|Delil", "روجهات|Rojhat", "باران|Baran", "سرهات|Serhat",
                "آلان|Alan", "هوكر|Hogir", "عبد الرحمن|Abd al-Rahman", "صالح|Salih"),
    "christian": ("جورج|Jurj", "إلياس|Ilyas", "بولس|Bulus", "حنا|Hanna", "ميشيل|Mishil",
                  "طوني|Tuni", "فادي|Fadi", "رامي|Rami", "نبيل|Nabil", "عيسى|'Isa",
                  "بشارة|Bishara", "إبراهيم|Ibrahim", "يوسف|Yusuf", "جميل|Jamil", "أنطون|Antun",
                  "نقولا|Niqula", "سمير|Samir", "فؤاد|Fu'ad", "سامي|Sami", "يعقوب|Ya'qub",
                  "جبرائيل|Jibra'il", "طانيوس|Tanyus", "شادي|Shadi", "مخائيل|Mikha'il"),
}
_PAN_FEMALE = (
    "فاطمة|Fatima", "مريم|Maryam", "زينب|Zaynab", "سلمى|Salma", "لمى|Lama", "ريم|Rim",
    "ريما|Rima", "رنا|Rana", "هالة|Hala", "هلا|Hala", "حنان|Hanan", "نور|Nur", "نورا|Nura",
    "أمل|Amal", "سعاد|Su'ad", "سميرة|Samira", "ليلى|Layla", "نوال|Nawal", "هدى|Huda",
    "سارة|Sara", "رشا|Rasha", "مها|Maha", "هبة|Hiba", "ديما|Dima", "رهف|Rahaf", "جود|Jud",
    "جودي|Judi", "لانا|Lana", "رولا|Rula", "غادة|Ghada", "وفاء|Wafa'", "سمر|Samar",
    "منى|Muna", "نسرين|Nisrin", "دانة|Dana", "دانية|Daniya", "روان|Rawan", "بتول|Batul",
)
_FEMALE = {
    "sunni": ("فاطمة|Fatima", "عائشة|'A'isha", "خديجة|Khadija", "آمنة|Amina", "مريم|Maryam",
              "أسماء|Asma'", "حليمة|Halima", "صفاء|Safa'", "رقية|Ruqayya", "زهراء|Zahra'"),
    "alawite": ("زينب|Zaynab", "فاطمة|Fatima", "رباب|Rabab", "ثناء|Thana'", "رغد|Raghad",
                "علا|'Ula", "بشرى|Bushra", "ميس|Mays", "يارا|Yara"),
    "druze": ("سهى|Suha", "ربا|Ruba", "هند|Hind", "سوسن|Sawsan", "نجوى|Najwa", "ناهد|Nahid",
              "منال|Manal", "رجاء|Raja'", "ندى|Nada", "لبنى|Lubna"),
    "kurdish": ("روجدا|Rojda", "نسرين|Nisrin", "بريفان|Berivan", "زوزان|Zozan", "هيفين|Hevin",
                "شيرين|Shirin", "كلستان|Gulistan", "دلال|Delal", "آفين|Avin", "فاطمة|Fatima"),
    "christian": ("ماري|Mari", "ريتا|Rita", "جورجيت|Jurjit", "نادية|Nadiya", "مارلين|Marlin",
                  "كلوديت|Kludit", "تيريز|Tiriz", "هيلدا|Hilda", "ماريانا|Mariyana", "لارا|Lara"),
}

# -- family names (clans); "Abu X" clans are Sweida's and Hauran's way -----------

_FAMILY = {
    "sunni": (
        "الأحمد|al-Ahmad", "المحمد|al-Muhammad", "العلي|al-'Ali", "الحسن|al-Hasan",
        "الحسين|al-Husayn", "الخليل|al-Khalil", "الشامي|al-Shami", "الحمصي|al-Himsi",
        "الحموي|al-Hamawi", "الحلبي|al-Halabi", "الإدلبي|al-Idlibi", "الزعبي|al-Zu'bi",
        "المقداد|al-Miqdad", "الحريري|al-Hariri", "الرفاعي|al-Rifa'i", "النعسان|al-Na'san",
        "العبد الله|al-Abd Allah", "الجاسم|al-Jasim", "العبيد|al-'Ubayd", "الصالح|al-Salih",
        "الخطيب|al-Khatib", "السيد|al-Sayyid", "الدرويش|al-Darwish", "الحمود|al-Hammud",
        "العمر|al-'Umar", "الشيخ|al-Shaykh", "القاسم|al-Qasim", "الرحال|al-Rahhal",
        "البكور|al-Bakkur", "الموسى|al-Musa", "الفارس|al-Faris", "النجار|al-Najjar",
        "الحداد|al-Haddad", "العكيدي|al-'Ukaydi", "البوكمالي|al-Bukamali", "الدندل|al-Dandal",
        "العساف|al-'Assaf", "الجبوري|al-Jaburi", "المصري|al-Masri", "قطيش|Qutaysh",
        "طلاس|Tlass", "حمادة|Hamada", "زيدان|Zaydan", "عيسى|'Isa", "شحادة|Shahada",
        "الخضر|al-Khidr", "العيسى|al-'Isa", "الكردي|al-Kurdi", "الطحان|al-Tahhan",
        "السعيد|al-Sa'id", "الحجي|al-Hajji", "الدالاتي|al-Dalati", "العثمان|al-'Uthman",
        "المحمود|al-Mahmud", "الياسين|al-Yasin", "الضاهر|al-Dahir", "الشمري|al-Shammari",
        "النعيمي|al-Nu'aymi", "الهويدي|al-Huwaydi", "العنزي|al-'Anazi", "الرمضان|al-Ramadan",
    ),
    "alawite": (
        "علي|'Ali", "إبراهيم|Ibrahim", "حسن|Hasan", "محمد|Muhammad", "سليمان|Sulayman",
        "يوسف|Yusuf", "ديب|Dib", "ميهوب|Mayhub", "خضور|Khaddur", "صقر|Saqr", "إسماعيل|Isma'il",
        "عباس|'Abbas", "أسعد|As'ad", "ناصر|Nasir", "الخطيب|al-Khatib", "حيدر|Haydar",
        "عثمان|'Uthman", "جديد|Jadid", "مخلوف|Makhluf", "شاليش|Shalish", "ونوس|Wannus",
        "بدور|Baddur", "سلوم|Sallum", "عيد|'Id", "زهرة|Zahra", "غانم|Ghanim", "درويش|Darwish",
        "العلي|al-'Ali", "الأحمد|al-Ahmad", "يونس|Yunus", "معلا|Mu'alla", "حمدان|Hamdan",
        "شعبان|Sha'ban", "عمران|'Imran", "ملحم|Milhim", "الحسن|al-Hasan", "قاسم|Qasim",
        "بركات|Barakat", "الجرف|al-Jurf", "زيود|Zayyud", "طراف|Tarraf", "حبيب|Habib",
        "منصور|Mansur", "سعيد|Sa'id", "صالح|Salih", "كنعان|Kan'an", "جنيد|Junayd", "محفوض|Mahfud",
    ),
    "druze": (
        "أبو عساف|Abu 'Assaf", "أبو فخر|Abu Fakhr", "أبو سعد|Abu Sa'd", "الأطرش|al-Atrash",
        "الحناوي|al-Hinnawi", "الشوفي|al-Shufi", "البلعوس|al-Bal'us", "حمزة|Hamza",
        "أبو الحسن|Abu al-Hasan", "الحلبي|al-Halabi", "نصر|Nasr", "أبو راس|Abu Ras",
        "أبو زيدان|Abu Zaydan", "رضوان|Ridwan", "عزام|'Azzam", "الجرماني|al-Jarmani",
        "الهجري|al-Hijri", "أبو شقرا|Abu Shaqra", "أبو عمار|Abu 'Ammar", "العاقل|al-'Aqil",
        "مرشد|Murshid", "القنطار|al-Qintar", "الصفدي|al-Safadi", "أبو حمدان|Abu Hamdan",
        "كيوان|Kaywan", "أبو لطيف|Abu Latif", "جربوع|Jarbu'", "أبو عاصي|Abu 'Asi",
        "أبو مغضب|Abu Mughdib", "الشعراني|al-Sha'rani", "أبو صعب|Abu Sa'b", "الخطيب|al-Khatib",
        "أبو ترابي|Abu Turabi", "عامر|'Amir", "أبو خير|Abu Khayr", "شلغين|Shalghin",
        "أبو مهدي|Abu Mahdi", "الباروكي|al-Baruki", "سلام|Salam", "نعيم|Na'im",
    ),
    "kurdish": (
        "محمد|Muhammad", "أحمد|Ahmad", "حسن|Hasan", "علي|'Ali", "خليل|Khalil", "عثمان|'Uthman",
        "إبراهيم|Ibrahim", "يوسف|Yusuf", "مراد|Murad", "شيخو|Shaykhu", "حمو|Hammu", "بكر|Bakr",
        "عمر|'Umar", "رشو|Rashu", "سليمان|Sulayman", "حاجي|Haji", "إيبش|Ibish", "كالو|Kalu",
        "مسلم|Muslim", "بوزان|Buzan", "داود|Dawud", "جمو|Jammu", "ملا|Mulla", "حسو|Hassu",
        "عيسى|'Isa", "برازي|Barazi", "ديركي|Diriki", "تمو|Tammu", "أوسو|Usu", "زازا|Zaza",
    ),
    "christian": (
        "حداد|Haddad", "خوري|Khuri", "نصر الله|Nasr Allah", "عازار|'Azar", "جبور|Jabbur",
        "صليبا|Saliba", "مطر|Matar", "إسبر|Isbir", "شحادة|Shahada", "يازجي|Yaziji",
        "عبود|'Abbud", "بطرس|Butrus", "حنا|Hanna", "نقولا|Niqula", "الياس|Ilyas",
        "سمعان|Sim'an", "مرهج|Marhaj", "عطية|'Atiyya", "ديب|Dib", "سركيس|Sarkis",
        "غريب|Gharib", "فرح|Farah", "قسيس|Qassis", "زخور|Zakhkhur", "كحالة|Kahhala",
    ),
}

COMMUNITIES = ("sunni", "alawite", "druze", "kurdish", "christian")

#: Zipf exponents: given names are steeper than clans (Muhammad alone is about one
#: Sunni man in eight; no clan is that common outside its villages)
S_MALE, S_FEMALE, S_FAMILY = 1.05, 0.85, 0.75

#: siblings named one letter apart (the classic false merge of relatives)
ONE_LETTER = {
    "female": (("سلمى", "لمى"), ("ريم", "ريما"), ("نور", "نورا"), ("جود", "جودي"),
               ("دانة", "دانية"), ("هلا", "هالة")),
    "male": (("حسن", "حسين"), ("محمد", "محمود"), ("فادي", "هادي"), ("رامي", "سامي"),
             ("رامي", "رامز"), ("وائل", "نائل"), ("سامر", "سامي")),
}


@dataclass(frozen=True)
class Stock:
    """One community's names: Arabic, reference Latin, key and draw weights."""

    arabic: tuple[str, ...]
    latin: tuple[str, ...]
    weights: np.ndarray

    def key(self, i: int) -> str:
        return self.latin[i].lower().replace("'", "").replace(" ", "_")

    def index(self, arabic: str) -> int:
        return self.arabic.index(arabic)


def _zipf(n: int, s: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def _stock(entries, s: float) -> Stock:
    seen, ar, la = set(), [], []
    for e in entries:
        a, l_ = e.split("|")
        if a not in seen:
            seen.add(a)
            ar.append(a)
            la.append(l_)
    return Stock(tuple(ar), tuple(la), _zipf(len(ar), s))


def _derived_families(community: str) -> tuple[str, ...]:
    """The long tail of clans: families named after an ancestor's given name, the way
    each community forms them (al-X for Sunni Arabs, Abu X in Sweida, the bare name
    elsewhere)."""
    out = []
    for e in (_MALE[community] + _PAN_MALE)[8:60]:
        a, l_ = e.split("|")
        if " " in a:
            continue
        if community == "sunni":
            out.append(f"ال{a}|al-{l_}")
        elif community == "druze":
            out.append(f"أبو {a}|Abu {l_}")
        else:
            out.append(e)
    return tuple(out)


def stocks() -> dict[str, dict[str, Stock]]:
    """community → {"male", "female", "family"} → Stock (community names first)."""
    out = {}
    for c in COMMUNITIES:
        out[c] = {
            "male": _stock(_MALE[c] + _PAN_MALE, S_MALE),
            "female": _stock(_FEMALE[c] + _PAN_FEMALE, S_FEMALE),
            "family": _stock(_FAMILY[c] + _derived_families(c), S_FAMILY),
        }
    return out


#: conventional kunyas where the victim has no son of record (Abu X of a name)
KUNYA_OF = {"علي": "حسن", "محمد": "أحمد", "إبراهيم": "خليل", "يوسف": "يعقوب", "حسين": "علي",
            "عمر": "حفص", "أحمد": "محمد", "خالد": "الوليد", "سليمان": "داود"}
