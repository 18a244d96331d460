"""Places: governorates, district centres and villages, in Arabic and Latin.

Villages come from the GeoNames extract in ``/work/shared/data/syria-gazetteer`` (or
``$TALLY_SHARED_DATA``) filtered to the governorates the incidents happened in, plus a few
places named in the coast and Sweida reporting (al-Mukhtariyah, al-Sanobar, Baniyas's
al-Qusour, al-Mazraa, Walgha, al-Thaala); each village's district is its nearest district
centre. Without the extract only the district centres and named places are used.
Morgue lists give a hospital's district centre, news lists the governorate or
"X countryside" / "X province" — so one victim's place appears at three levels.
"""

from __future__ import annotations

import csv
import math
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: key -> (Arabic, Latin forms (first is the usual one), GeoNames admin1 code)
GOVERNORATES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "latakia": ("اللاذقية", ("Latakia", "Lattakia", "Latakiya"), "02"),
    "tartus": ("طرطوس", ("Tartus", "Tartous", "Tartouss"), "14"),
    "hama": ("حماة", ("Hama", "Hamah"), "10"),
    "homs": ("حمص", ("Homs", "Hims"), "11"),
    "sweida": ("السويداء", ("Sweida", "Suwayda", "As-Suwayda", "Swaida"), "05"),
    "daraa": ("درعا", ("Daraa", "Dara'a", "Deraa"), "06"),
    "rural-damascus": ("ريف دمشق", ("Rural Damascus", "Rif Dimashq", "Damascus Countryside"), "08"),
}

#: district centres: governorate -> [(Arabic, Latin, lat, lon)]
DISTRICTS: dict[str, list[tuple[str, str, float, float]]] = {
    "latakia": [("اللاذقية", "Latakia", 35.52, 35.79), ("جبلة", "Jableh", 35.36, 35.93),
                ("الحفة", "Al-Haffa", 35.60, 36.03), ("القرداحة", "Qardaha", 35.45, 36.06)],
    "tartus": [("طرطوس", "Tartus", 34.89, 35.89), ("بانياس", "Baniyas", 35.18, 35.94),
               ("صافيتا", "Safita", 34.82, 36.12), ("الدريكيش", "Dreikish", 34.90, 36.13),
               ("الشيخ بدر", "Sheikh Badr", 34.99, 36.08)],
    "hama": [("حماة", "Hama", 35.13, 36.75), ("مصياف", "Masyaf", 35.07, 36.34),
             ("السقيلبية", "Suqaylabiyah", 35.37, 36.39), ("السلمية", "Salamiyah", 35.01, 37.05),
             ("محردة", "Muhradah", 35.25, 36.57)],
    "homs": [("حمص", "Homs", 34.73, 36.71), ("تلكلخ", "Talkalakh", 34.67, 36.26),
             ("الرستن", "Rastan", 34.93, 36.73), ("القصير", "Qusayr", 34.51, 36.58)],
    "sweida": [("السويداء", "Sweida", 32.71, 36.57), ("شهبا", "Shahba", 32.85, 36.63),
               ("صلخد", "Salkhad", 32.49, 36.71)],
    "daraa": [("درعا", "Daraa", 32.62, 36.10), ("إزرع", "Izraa", 32.86, 36.25),
              ("الصنمين", "Sanamayn", 33.07, 36.18)],
    "rural-damascus": [("جرمانا", "Jaramana", 33.49, 36.35), ("داريا", "Darayya", 33.46, 36.24),
                       ("قطنا", "Qatana", 33.44, 36.08)],
}

#: places named in reporting: governorate -> [(Arabic, Latin, lat, lon)]
NAMED: dict[str, list[tuple[str, str, float, float]]] = {
    "latakia": [("المختارية", "Al-Mukhtariyah", 35.60, 35.95), ("الصنوبر", "Al-Sanobar", 35.40, 35.97),
                ("الشير", "Al-Shir", 35.62, 36.00), ("برابشبو", "Brabshbo", 35.57, 36.02)],
    "tartus": [("القصور", "Al-Qusour", 35.18, 35.95), ("المرقب", "Al-Marqab", 35.15, 35.95),
               ("حريصون", "Hraysoun", 35.22, 35.98)],
    "hama": [("الربيعة", "Al-Rabiaa", 35.10, 36.30)],
    "sweida": [("المزرعة", "Al-Mazraa", 32.75, 36.48), ("ولغا", "Walgha", 32.73, 36.52),
               ("الثعلة", "Al-Thaala", 32.68, 36.43), ("الكفر", "Al-Kafr", 32.64, 36.64)],
    "daraa": [("بصرى الحرير", "Busra al-Harir", 32.84, 36.34)],
    "rural-damascus": [("صحنايا", "Sahnaya", 33.43, 36.24), ("أشرفية صحنايا", "Ashrafiyat Sahnaya", 33.44, 36.22)],
    "homs": [("فاحل", "Fahel", 34.85, 36.45)],
}


@dataclass(frozen=True)
class Place:
    """A village (or town) with its district centre and governorate."""

    place_id: str
    name_ar: str
    name_en: str
    district_ar: str
    district_en: str
    governorate: str  # key of GOVERNORATES
    lat: float
    lon: float


def shared_data() -> Path:
    return Path(os.environ.get("TALLY_SHARED_DATA") or "/work/shared/data")


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in folded if not unicodedata.combining(c) and ord(c) < 128)
    return out.replace("'", "").strip()


def _gazetteer(code: str) -> list[tuple[str, str, float, float]]:
    path = shared_data() / "syria-gazetteer" / "geonames_syria_places.csv"
    if not path.is_file():
        return []
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            ar = (r["names_arabic"] or "").split("|")[0].strip()
            if r["admin1code"] != code or not ar or not all("\u0600" <= c <= "\u06ff" or c == " " for c in ar):
                continue
            out.append((ar, _ascii(r["name"]), float(r["latitude"]), float(r["longitude"])))
    return out


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[Place, ...]]:
    """governorate key -> its villages (district centres included), in a fixed order."""
    out: dict[str, tuple[Place, ...]] = {}
    for gov, (_, _, code) in GOVERNORATES.items():
        seen: set[str] = set()
        rows = []
        for ar, en, lat, lon in DISTRICTS[gov] + NAMED.get(gov, []) + _gazetteer(code):
            if ar in seen:
                continue
            seen.add(ar)
            d = min(DISTRICTS[gov], key=lambda c: math.hypot(c[2] - lat, c[3] - lon))
            rows.append(Place(f"{gov}:{len(rows)}", ar, en, d[0], d[1], gov, lat, lon))
        out[gov] = tuple(rows)
    return out
