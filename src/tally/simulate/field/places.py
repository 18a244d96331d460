"""Places for the field profile: governorates, district centres, villages.

Villages are the GeoNames towns of ``/work/shared/data/syria-gazetteer`` (or
the copy named by ``TALLY_GAZETTEER``), each put in the district whose centre
is nearest within its governorate. District centres are written here from the
administrative map of Syria (approximate coordinates); a hospital or morgue
list gives the centre of the district, since that is where the hospital is.
When the gazetteer is missing, the district centres alone serve as villages.
"""

from __future__ import annotations

import csv
import math
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_GAZETTEER = Path("/work/shared/data/syria-gazetteer/geonames_syria_places.csv")


@dataclass(frozen=True)
class Governorate:
    code: str          # GeoNames admin1 code
    ar: str
    en: tuple[str, ...]  # spellings seen in English lists, the first the usual one
    countryside_ar: str  # "X countryside" in Arabic (ريف X)


@dataclass(frozen=True)
class Place:
    name: str          # Latin
    name_ar: str
    district: str      # district centre, Latin
    district_ar: str
    governorate: str   # governorate code


GOVERNORATES: dict[str, Governorate] = {g.code: g for g in (
    Governorate("01", "الحسكة", ("Hasakah", "al-Hasakah", "Hasaka", "Hassakeh"), "ريف الحسكة"),
    Governorate("02", "اللاذقية", ("Latakia", "Lattakia", "Al-Ladhiqiyah"), "ريف اللاذقية"),
    Governorate("04", "الرقة", ("Raqqa", "al-Raqqa", "Rakka"), "ريف الرقة"),
    Governorate("05", "السويداء", ("Sweida", "Suwayda", "As-Suwayda", "Sweidaa"), "ريف السويداء"),
    Governorate("06", "درعا", ("Daraa", "Deraa", "Dar'a"), "ريف درعا"),
    Governorate("07", "دير الزور", ("Deir ez-Zor", "Deir Ezzor", "Deir al-Zour"), "ريف دير الزور"),
    Governorate("08", "ريف دمشق", ("Rif Dimashq", "Damascus countryside", "Rural Damascus"), "ريف دمشق"),
    Governorate("09", "حلب", ("Aleppo", "Halab"), "ريف حلب"),
    Governorate("10", "حماة", ("Hama", "Hamah"), "ريف حماة"),
    Governorate("11", "حمص", ("Homs", "Hims"), "ريف حمص"),
    Governorate("12", "إدلب", ("Idlib", "Idleb"), "ريف إدلب"),
    Governorate("13", "دمشق", ("Damascus", "Dimashq"), "دمشق"),
    Governorate("14", "طرطوس", ("Tartus", "Tartous", "Tartous"), "ريف طرطوس"),
)}

# (governorate code, Latin, Arabic, lat, lon)
DISTRICT_CENTRES: tuple[tuple[str, str, str, float, float], ...] = (
    ("02", "Latakia", "اللاذقية", 35.52, 35.79), ("02", "Jableh", "جبلة", 35.36, 35.93),
    ("02", "Qardaha", "القرداحة", 35.45, 36.06), ("02", "Al-Haffah", "الحفة", 35.60, 36.03),
    ("14", "Tartus", "طرطوس", 34.89, 35.89), ("14", "Baniyas", "بانياس", 35.18, 35.95),
    ("14", "Safita", "صافيتا", 34.82, 36.12), ("14", "Dreikish", "الدريكيش", 34.90, 36.13),
    ("14", "Sheikh Badr", "الشيخ بدر", 34.99, 36.08),
    ("10", "Hama", "حماة", 35.13, 36.75), ("10", "Masyaf", "مصياف", 35.07, 36.34),
    ("10", "Salamiyah", "السلمية", 35.01, 37.05), ("10", "Suqaylabiyah", "السقيلبية", 35.37, 36.39),
    ("10", "Mhardeh", "محردة", 35.25, 36.57),
    ("11", "Homs", "حمص", 34.73, 36.71), ("11", "Talkalakh", "تلكلخ", 34.67, 36.26),
    ("11", "Rastan", "الرستن", 34.93, 36.73), ("11", "Qusayr", "القصير", 34.51, 36.58),
    ("11", "Palmyra", "تدمر", 34.56, 38.28), ("11", "Mukharram", "المخرم", 34.82, 37.08),
    ("05", "Sweida", "السويداء", 32.71, 36.57), ("05", "Shahba", "شهبا", 32.85, 36.63),
    ("05", "Salkhad", "صلخد", 32.49, 36.71),
    ("08", "Douma", "دوما", 33.57, 36.40), ("08", "Qatana", "قطنا", 33.44, 36.08),
    ("08", "Al-Tall", "التل", 33.61, 36.31), ("08", "Yabroud", "يبرود", 33.97, 36.66),
    ("08", "Zabadani", "الزبداني", 33.72, 36.10), ("08", "Nabk", "النبك", 34.02, 36.73),
    ("08", "Darayya", "داريا", 33.46, 36.24), ("08", "Jaramana", "جرمانا", 33.49, 36.35),
    ("13", "Damascus", "دمشق", 33.51, 36.29),
    ("06", "Daraa", "درعا", 32.62, 36.10), ("06", "Izra", "إزرع", 32.86, 36.25),
    ("06", "Sanamayn", "الصنمين", 33.07, 36.18),
    ("12", "Idlib", "إدلب", 35.93, 36.63), ("12", "Ariha", "أريحا", 35.81, 36.61),
    ("12", "Jisr al-Shughur", "جسر الشغور", 35.81, 36.32),
    ("12", "Maarat al-Numan", "معرة النعمان", 35.65, 36.68), ("12", "Harim", "حارم", 36.21, 36.52),
    ("09", "Aleppo", "حلب", 36.20, 37.16), ("09", "Afrin", "عفرين", 36.51, 36.87),
    ("09", "Azaz", "أعزاز", 36.59, 37.05), ("09", "Al-Bab", "الباب", 36.37, 37.52),
    ("09", "Manbij", "منبج", 36.53, 37.95), ("09", "Kobani", "عين العرب", 36.89, 38.35),
    ("01", "Hasakah", "الحسكة", 36.50, 40.75), ("01", "Qamishli", "القامشلي", 37.05, 41.23),
    ("01", "Al-Malikiyah", "المالكية", 37.18, 42.14), ("01", "Ras al-Ayn", "رأس العين", 36.85, 40.07),
    ("04", "Raqqa", "الرقة", 35.95, 39.01), ("04", "Tell Abyad", "تل أبيض", 36.70, 38.95),
    ("04", "Al-Thawrah", "الثورة", 35.84, 38.55),
    ("07", "Deir ez-Zor", "دير الزور", 35.33, 40.14), ("07", "Mayadin", "الميادين", 35.02, 40.45),
    ("07", "Abu Kamal", "البوكمال", 34.45, 40.92),
)


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _gazetteer_path() -> Path:
    return Path(os.environ.get("TALLY_GAZETTEER", _GAZETTEER))


@lru_cache(maxsize=1)
def villages() -> dict[str, tuple[Place, ...]]:
    """Governorate code → its places (villages and towns), in a fixed order."""
    centres: dict[str, list] = {}
    for gov, en, ar, lat, lon in DISTRICT_CENTRES:
        centres.setdefault(gov, []).append((en, ar, lat, lon))
    out: dict[str, list[Place]] = {g: [Place(en, ar, en, ar, g) for en, ar, _, _ in cs]
                                   for g, cs in centres.items()}
    path = _gazetteer_path()
    if path.is_file():
        seen = {(g, p.name_ar) for g, ps in out.items() for p in ps}
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                gov = row["admin1code"]
                arabic = [a for a in row["names_arabic"].split("|") if a and _arabic_only(a)]
                if gov not in centres or not arabic or (gov, arabic[0]) in seen:
                    continue
                lat, lon = float(row["latitude"]), float(row["longitude"])
                en, ar, _, _ = min(centres[gov], key=lambda c: math.hypot(c[2] - lat, c[3] - lon))
                out[gov].append(Place(_ascii(row["name"]), arabic[0], en, ar, gov))
                seen.add((gov, arabic[0]))
    return {g: tuple(ps) for g, ps in sorted(out.items())}


def _arabic_only(text: str) -> bool:
    return all("\u0600" <= c <= "\u06ff" or c == " " for c in text)


def district_centre(place: Place) -> Place:
    """The district centre of ``place`` (where its hospital is)."""
    return Place(place.district, place.district_ar, place.district, place.district_ar,
                 place.governorate)
