"""Places for the osprey profile: villages with the spellings recorders use.

Each village: (Arabic, [Latin forms], district, governorate). Districts and
governorates carry their Latin name. The first Latin form is the common one;
the others are the forms seen in other lists (Jableh / Jebleh / Jablah,
al-Haffah / Haffe, Sweida / Suwayda / As-Suwayda).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    id: str
    ar: str
    latin: tuple[str, ...]
    district: str
    district_ar: str
    governorate: str
    governorate_ar: str


GOVERNORATES = {
    "Latakia": ("اللاذقية", ("Latakia", "Lattakia", "Al-Ladhiqiyah")),
    "Tartus": ("طرطوس", ("Tartus", "Tartous", "Tartous")),
    "Hama": ("حماة", ("Hama", "Hamah")),
    "Homs": ("حمص", ("Homs", "Hims")),
    "Sweida": ("السويداء", ("Sweida", "Suwayda", "As-Suwayda")),
    "Daraa": ("درعا", ("Daraa", "Deraa", "Dar'a")),
    "Damascus": ("دمشق", ("Damascus", "Dimashq")),
    "Rif Dimashq": ("ريف دمشق", ("Rif Dimashq", "Damascus Countryside", "Rural Damascus")),
    "Deir ez-Zor": ("دير الزور", ("Deir ez-Zor", "Deir Ezzor", "Dayr al-Zawr")),
    "Idlib": ("إدلب", ("Idlib", "Idleb")),
    "Aleppo": ("حلب", ("Aleppo", "Halab")),
}

# district (Latin, Arabic, governorate) -> villages (Arabic, Latin forms)
_VILLAGES = {
    ("Jableh", "جبلة", "Latakia"): (
        ("جبلة", ("Jableh", "Jebleh", "Jablah")), ("المختارية", ("al-Mukhtariyah", "Mukhtariya", "Al Mokhtariyeh")),
        ("الشلفاطية", ("al-Shalfatiyah", "Shalfatieh")), ("عين الشرقية", ("Ain al-Sharqiyah", "Ein Sharqiyeh")),
        ("الدالية", ("al-Daliyah", "Dalieh", "Daliyeh")), ("بستان الباشا", ("Bustan al-Basha", "Boustan Pasha")),
        ("رأس العين", ("Ras al-Ain", "Ras Elain"))),
    ("al-Haffah", "الحفة", "Latakia"): (
        ("الحفة", ("al-Haffah", "Haffe", "Al-Hafa")), ("بيت ياشوط", ("Beit Yashout", "Bayt Yashut")),
        ("سلنفة", ("Slinfah", "Salanfa", "Slenfeh"))),
    ("Latakia", "اللاذقية", "Latakia"): (
        ("اللاذقية", ("Latakia", "Lattakia")), ("القرداحة", ("Qardaha", "Al-Qardahah", "Kardaha")),
        ("الدعتور", ("al-Daatour", "Daatour"))),
    ("Baniyas", "بانياس", "Tartus"): (
        ("بانياس", ("Baniyas", "Banias", "Banyas")), ("القصور", ("al-Qusour", "Qusur", "Al Kousour")),
        ("البيضا", ("al-Bayda", "Beida", "Al-Baydah")), ("حريصون", ("Harisoun", "Hraysoun")),
        ("القرير", ("al-Qurayr", "Krir"))),
    ("Tartus", "طرطوس", "Tartus"): (
        ("طرطوس", ("Tartus", "Tartous")), ("الشيخ بدر", ("al-Sheikh Badr", "Sheikh Bader"))),
    ("Masyaf", "مصياف", "Hama"): (
        ("مصياف", ("Masyaf", "Misyaf", "Masyaf")), ("أرزة", ("Arzeh", "Arza", "Arzah")),
        ("الربيعة", ("al-Rabia", "Rabiah"))),
    ("Homs", "حمص", "Homs"): (
        ("حمص", ("Homs", "Hims")), ("الفاحل", ("al-Fahel", "Fahil")), ("تلكلخ", ("Talkalakh", "Tal Kalakh"))),
    ("Sweida", "السويداء", "Sweida"): (
        ("السويداء", ("Sweida", "Suwayda", "As-Suwayda")), ("المزرعة", ("al-Mazraa", "Mazraa", "Al-Mazra'a")),
        ("ثعلة", ("Thaala", "Tha'la", "Thaaleh")), ("ولغا", ("Walgha", "Wolgha")),
        ("كناكر", ("Kanaker", "Knaker")), ("المجدل", ("al-Majdal", "Mjadel"))),
    ("Shahba", "شهبا", "Sweida"): (
        ("شهبا", ("Shahba", "Shahbaa", "Chahba")), ("عرى", ("Ariqa", "Aara", "Ara"))),
    ("Salkhad", "صلخد", "Sweida"): (
        ("صلخد", ("Salkhad", "Salkhed")), ("الكفر", ("al-Kafr", "Kafr", "Al Kfer"))),
    ("Daraa", "درعا", "Daraa"): (
        ("درعا", ("Daraa", "Deraa")), ("بصرى الحرير", ("Busra al-Harir", "Bosra Harir")),
        ("الصورة الكبيرة", ("al-Sura al-Kabira", "Sourah Kabireh"))),
    ("Damascus", "دمشق", "Damascus"): (
        ("الدويلعة", ("Dweila", "Al-Duwayla'a", "Dwelaa")), ("باب توما", ("Bab Touma", "Bab Tuma")),
        ("المزة", ("Mezzeh", "al-Mazzeh", "Mezze"))),
    ("Jaramana", "جرمانا", "Rif Dimashq"): (
        ("جرمانا", ("Jaramana", "Jeramana", "Jaramanah")), ("أشرفية صحنايا", ("Ashrafiyat Sahnaya", "Ashrafieh Sahnaya")),
        ("صحنايا", ("Sahnaya", "Sehnaya"))),
    ("Deir ez-Zor", "دير الزور", "Deir ez-Zor"): (
        ("دير الزور", ("Deir ez-Zor", "Deir Ezzor")), ("الميادين", ("al-Mayadin", "Mayadeen"))),
    ("Idlib", "إدلب", "Idlib"): (("إدلب", ("Idlib", "Idleb")), ("سرمين", ("Sarmin", "Sermin"))),
    ("Aleppo", "حلب", "Aleppo"): (("حلب", ("Aleppo", "Halab")), ("منبج", ("Manbij", "Menbij"))),
}


def _build() -> dict[str, tuple[Place, ...]]:
    by_gov: dict[str, list[Place]] = {}
    for (district, district_ar, gov), villages in _VILLAGES.items():
        gov_ar = GOVERNORATES[gov][0]
        for i, (ar, latin) in enumerate(villages):
            pid = f"{district.lower().replace(' ', '-')}:{i}"
            by_gov.setdefault(gov, []).append(Place(pid, ar, latin, district, district_ar, gov, gov_ar))
    return {g: tuple(p) for g, p in by_gov.items()}


PLACES: dict[str, tuple[Place, ...]] = _build()


def district_centre(place: Place) -> Place:
    """The district's own town (where its hospital is): the first village listed."""
    return next(p for p in PLACES[place.governorate] if p.district == place.district)
