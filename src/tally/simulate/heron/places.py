"""Where heron's victims die: governorate > district (its centre holds the hospital) >
village or town neighbourhood, in Arabic and English, with each place's community mix.

The coast (Latakia, Tartus, western Hama) for March 2025, Sweida for July 2025, and the
rest of the country for the smaller incidents of the whole period.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    place_id: str
    name_en: str
    name_ar: str
    neighbourhood: bool       # a quarter of the district's own town
    district_en: str
    district_ar: str
    gov: str                  # governorate key (GOVERNORATES)
    community: tuple[tuple[str, float], ...]


# governorate key -> (English, Arabic, {community: weight})
GOVERNORATES = {
    "lat": ("Latakia", "اللاذقية", {"alawite": 0.6, "sunni": 0.3, "christian": 0.1}),
    "tar": ("Tartus", "طرطوس", {"alawite": 0.7, "sunni": 0.2, "christian": 0.1}),
    "ham": ("Hama", "حماة", {"sunni": 0.6, "alawite": 0.3, "christian": 0.1}),
    "hom": ("Homs", "حمص", {"sunni": 0.55, "alawite": 0.35, "christian": 0.1}),
    "swd": ("Sweida", "السويداء", {"druze": 0.85, "bedouin": 0.1, "christian": 0.05}),
    "dra": ("Daraa", "درعا", {"sunni": 0.85, "bedouin": 0.1, "christian": 0.05}),
    "rif": ("Rif Dimashq", "ريف دمشق", {"sunni": 0.7, "druze": 0.15, "christian": 0.15}),
    "dam": ("Damascus", "دمشق", {"sunni": 0.75, "christian": 0.1, "alawite": 0.15}),
    "idl": ("Idlib", "إدلب", {"sunni": 1.0}),
    "alp": ("Aleppo", "حلب", {"sunni": 0.75, "kurdish": 0.15, "christian": 0.1}),
    "dez": ("Deir ez-Zor", "دير الزور", {"sunni": 0.6, "bedouin": 0.4}),
    "has": ("Hasakah", "الحسكة", {"kurdish": 0.6, "bedouin": 0.3, "christian": 0.1}),
}

# governorate -> [(district en, district ar, "village en=village ar; ..." , neighbourhoods)]
_DISTRICTS = {
    "lat": [("Latakia", "اللاذقية", "Sqoubin=سقوبين; Snobar=سنوبر; al-Haffa road=طريق الحفة",
             "al-Raml al-Shamali=الرمل الشمالي; al-Daatour=الدعتور; al-Sleibeh=الصليبة"),
            ("Jableh", "جبلة", "al-Mukhtariya=المختارية; Snobar Jableh=سنوبر جبلة; Daliyeh=الدالية; Ain al-Sharqiya=عين الشرقية; Beit Yashout=بيت ياشوط",
             "al-Jabibat=الجبيبات; al-Fayd=الفيض"),
            ("Qardaha", "القرداحة", "Bustan al-Basha=بستان الباشا; Kalmakho=كلماخو; Beit Yashout=بيت ياشوط", ""),
            ("al-Haffa", "الحفة", "Salma=سلمى; Shir=الشير; Mazraa=المزرعة", "")],
    "tar": [("Baniyas", "بانياس", "Hanadi=حنادي; Bisnada=بسنادا; al-Bayda=البيضا; Barmaya=برمايا; al-Tawahin=الطواحين",
             "al-Qusour=القصور; al-Qabou=القبو; Ras al-Nabaa=رأس النبع"),
            ("Tartus", "طرطوس", "Bmalkeh=بملكة; Khirbet al-Maaza=خربة المعزة", "al-Mashta=المشتى"),
            ("Safita", "صافيتا", "Mashta al-Helu=مشتى الحلو; Beit al-Shikh=بيت الشيخ", ""),
            ("al-Dreikish", "الدريكيش", "Jnainet Raslan=جنينة رسلان; Dweir=الدوير", "")],
    "ham": [("Masyaf", "مصياف", "Arzeh=أرزة; Tuwaym=تويم; al-Rusafa=الرصافة; Deir Shamil=دير شميل", ""),
            ("Hama", "حماة", "Taybat al-Imam=طيبة الإمام; Qamhana=قمحانة", "al-Hader=الحاضر; al-Bayad=البياض"),
            ("al-Suqaylabiyah", "السقيلبية", "Tal Salhab=تل سلحب; Shathah=شطحة", "")],
    "hom": [("Homs", "حمص", "Fahel=فاحل; al-Mukharram=المخرم", "Karm al-Zeitoun=كرم الزيتون; al-Zahraa=الزهراء; Bab Amr=بابا عمرو"),
            ("Talkalakh", "تلكلخ", "al-Hweish=الحويش; Shin=شين", ""),
            ("al-Rastan", "الرستن", "Talbiseh=تلبيسة", "")],
    "swd": [("Sweida", "السويداء", "al-Mazraa=المزرعة; Walgha=ولغا; al-Majdal=المجدل; Thaala=الثعلة; Kanaker=كناكر; Sahwat Bilata=سهوة بلاطا",
             "al-Mashnaqa=المشنقة; Dawar al-Omran=دوار العمران; al-Maqwas=المقوس"),
            ("Shahba", "شهبا", "Amra=عمرة; Lahitha=لاهثة; Ariqa=عريقة", ""),
            ("Salkhad", "صلخد", "Orman=عرمان; Tha'la=ذيبين; Mlah=ملح", "")],
    "dra": [("Daraa", "درعا", "Nawa=نوى; Tafas=طفس", "Daraa al-Balad=درعا البلد"),
            ("Izraa", "إزرع", "al-Shaykh Miskin=الشيخ مسكين; Busra al-Harir=بصرى الحرير", "")],
    "rif": [("Douma", "دوما", "Harasta=حرستا; Misraba=مسرابا", ""),
            ("Qatana", "قطنا", "Sahnaya=صحنايا; Ashrafiyat Sahnaya=أشرفية صحنايا", ""),
            ("Markaz Rif Dimashq", "مركز ريف دمشق", "Jaramana=جرمانا", "")],
    "dam": [("Damascus", "دمشق", "", "al-Midan=الميدان; Mezzeh 86=المزة 86; Bab Touma=باب توما; Rukn al-Din=ركن الدين")],
    "idl": [("Idlib", "إدلب", "Sarmin=سرمين; Binnish=بنش", ""),
            ("Maarrat al-Numan", "معرة النعمان", "Kafranbel=كفرنبل", "")],
    "alp": [("Aleppo", "حلب", "", "al-Sheikh Maqsoud=الشيخ مقصود; al-Sukkari=السكري; al-Jamiliyah=الجميلية"),
            ("Manbij", "منبج", "Arima=العريمة", "")],
    "dez": [("Deir ez-Zor", "دير الزور", "Dhiban=ذيبان; al-Kasra=الكسرة", ""),
            ("al-Mayadin", "الميادين", "al-Quriyah=القورية", "")],
    "has": [("Qamishli", "القامشلي", "Amuda=عامودا", "al-Hilaliyah=الهلالية"),
            ("Hasakah", "الحسكة", "Tal Tamr=تل تمر", "al-Nashwa=النشوة")],
}

#: communities of named places that differ from their governorate's mix
_LOCAL = {"Jaramana": {"druze": 0.6, "christian": 0.4}, "Sahnaya": {"druze": 0.7, "christian": 0.3},
          "Ashrafiyat Sahnaya": {"druze": 1.0}, "Bab Touma": {"christian": 1.0},
          "Mezzeh 86": {"alawite": 1.0}, "Karm al-Zeitoun": {"sunni": 1.0}, "al-Zahraa": {"alawite": 1.0},
          "Mashta al-Helu": {"christian": 1.0}, "al-Suqaylabiyah": {"christian": 1.0},
          "Shathah": {"alawite": 1.0}, "al-Sheikh Maqsoud": {"kurdish": 1.0}, "Amuda": {"kurdish": 1.0},
          "Sahwat Bilata": {"bedouin": 0.7, "druze": 0.3}, "al-Maqwas": {"bedouin": 0.8, "druze": 0.2},
          "al-Qusour": {"alawite": 0.7, "sunni": 0.3}, "Baniyas": {"alawite": 0.7, "sunni": 0.3}}


def _pairs(text: str):
    return [tuple(x.strip() for x in item.split("=")) for item in text.split(";") if item.strip()]


def _build() -> tuple[Place, ...]:
    places = []
    for gov, districts in _DISTRICTS.items():
        mix = GOVERNORATES[gov][2]
        for d_en, d_ar, villages, quarters in districts:
            for kind, items in ((False, _pairs(villages)), (True, _pairs(quarters))):
                for en, ar in items:
                    comm = _LOCAL.get(en) or (_LOCAL.get(d_en) if kind else None) or mix
                    places.append(Place(f"HP{len(places) + 1:03d}", en, ar, kind, d_en, d_ar, gov,
                                        tuple(sorted(comm.items()))))
    return tuple(places)


PLACES = _build()


def in_governorates(govs) -> list[Place]:
    return [p for p in PLACES if p.gov in govs]
