"""Places of the `ledger` profile: towns of ``shared/data/syria-gazetteer``, their
governorates (OCHA p-codes), district centres with their hospitals, and the
community each town belongs to.

Syrian towns are mostly of one community (a village is Alawite, Druze, Sunni,
Christian or Kurdish, seldom mixed), so every town gets one community, drawn once
from its governorate's mix (overridden for well-known towns). Bodies go to the
hospital of the district centre nearest the town: a morgue register names that
town, never the village.
"""

from __future__ import annotations

import csv
import math
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tally.simulate.ledger.names import ascii_fold

_GAZ = Path(__file__).resolve().parents[5] / "shared" / "data" / "syria-gazetteer" / "geonames_syria_places.csv"
_GAZ_ALT = Path("/work/shared/data/syria-gazetteer/geonames_syria_places.csv")

#: GeoNames admin1 code -> OCHA p-code (see the gazetteer's README).
_ADMIN1 = {"13": "SY01", "09": "SY02", "08": "SY03", "11": "SY04", "10": "SY05", "02": "SY06",
           "12": "SY07", "01": "SY08", "07": "SY09", "14": "SY10", "04": "SY11", "06": "SY12",
           "05": "SY13", "03": "SY14"}


@dataclass(frozen=True)
class Governorate:
    pcode: str
    ar: str
    latin: tuple[str, ...]   # English spellings, commonest first
    french: tuple[str, ...]
    countryside_ar: str      # ريف X
    countryside: tuple[str, ...]  # "X countryside" forms


GOVERNORATES: dict[str, Governorate] = {g.pcode: g for g in (
    # the city has no countryside of its own: "Damascus countryside" is Rif Dimashq (SY03)
    Governorate("SY01", "دمشق", ("Damascus",), ("Damas",), "دمشق", ("Damascus",)),
    Governorate("SY02", "حلب", ("Aleppo",), ("Alep",), "ريف حلب", ("Aleppo countryside",)),
    Governorate("SY03", "ريف دمشق", ("Rif Dimashq", "Damascus countryside", "Rural Damascus"),
                ("Rif Dimachq",), "ريف دمشق", ("Damascus countryside",)),
    Governorate("SY04", "حمص", ("Homs",), ("Homs",), "ريف حمص", ("Homs countryside",)),
    Governorate("SY05", "حماة", ("Hama", "Hamah"), ("Hama",), "ريف حماة", ("Hama countryside",)),
    Governorate("SY06", "اللاذقية", ("Latakia", "Lattakia"), ("Lattaquié", "Lattaquie"),
                "ريف اللاذقية", ("Latakia countryside", "Lattakia countryside")),
    Governorate("SY07", "إدلب", ("Idlib", "Idleb"), ("Idleb",), "ريف إدلب", ("Idlib countryside",)),
    Governorate("SY08", "الحسكة", ("Hasakah", "Al-Hasakah", "Hasakeh"), ("Hassaké",), "ريف الحسكة",
                ("Hasakah countryside",)),
    Governorate("SY09", "دير الزور", ("Deir ez-Zor", "Deir Ezzor", "Deir al-Zour"), ("Deir ez-Zor",),
                "ريف دير الزور", ("Deir ez-Zor countryside",)),
    Governorate("SY10", "طرطوس", ("Tartus", "Tartous"), ("Tartous",), "ريف طرطوس", ("Tartus countryside",)),
    Governorate("SY11", "الرقة", ("Raqqa", "Al-Raqqa"), ("Raqqa",), "ريف الرقة", ("Raqqa countryside",)),
    Governorate("SY12", "درعا", ("Daraa", "Deraa", "Dar'a"), ("Deraa",), "ريف درعا", ("Daraa countryside",)),
    Governorate("SY13", "السويداء", ("Sweida", "Suwayda", "As-Suwayda"), ("Soueida", "Soueïda"),
                "ريف السويداء", ("Sweida countryside", "Suwayda countryside")),
    Governorate("SY14", "القنيطرة", ("Quneitra",), ("Kuneitra",), "ريف القنيطرة", ("Quneitra countryside",)),
)}

#: Community mix by governorate (shares of towns), from published demography:
#: the coast and its mountains Alawite; Sweida Druze; Hasakah and north Aleppo
#: Kurdish; Wadi al-Nasara, Mhardeh and old Damascus quarters Christian.
MIX: dict[str, dict[str, float]] = {
    "SY01": {"sunni": 0.7, "christian": 0.15, "alawite": 0.1, "druze": 0.05},
    "SY02": {"sunni": 0.75, "kurd": 0.17, "christian": 0.08},
    "SY03": {"sunni": 0.78, "druze": 0.1, "christian": 0.07, "alawite": 0.05},
    "SY04": {"sunni": 0.6, "alawite": 0.27, "christian": 0.13},
    "SY05": {"sunni": 0.6, "alawite": 0.2, "ismaili": 0.1, "christian": 0.1},
    "SY06": {"alawite": 0.72, "sunni": 0.23, "christian": 0.05},
    "SY07": {"sunni": 0.97, "christian": 0.03},
    "SY08": {"kurd": 0.55, "sunni": 0.33, "christian": 0.12},
    "SY09": {"sunni": 1.0},
    "SY10": {"alawite": 0.75, "sunni": 0.12, "christian": 0.13},
    "SY11": {"sunni": 0.85, "kurd": 0.15},
    "SY12": {"sunni": 0.97, "christian": 0.03},
    "SY13": {"druze": 0.9, "christian": 0.06, "sunni": 0.04},
    "SY14": {"sunni": 0.75, "druze": 0.25},
}
_TOWN_COMMUNITY = {
    "Al Qardāḩah": "alawite", "Jablah": "sunni", "Bāniyās": "sunni", "Kassab": "christian",
    "Jaramānā": "druze", "Şaḩnāyā": "druze", "Majdal Shams": "druze", "As Salamīyah": "ismaili",
    "Al Qadmūs": "ismaili", "Maşyāf": "ismaili", "‘Afrīn": "kurd", "‘Ayn al ‘Arab": "kurd",
    "Al Qāmishlī": "kurd", "‘Āmūdā": "kurd", "Ad Darbāsīyah": "kurd", "Al Mālikīyah": "kurd",
    "Mashtá al Ḩulw": "christian", "Şāfītā": "christian", "Şaydnāyā": "christian",
    "Ma‘lūlā": "christian", "Maḩradah": "christian", "As Suqaylibīyah": "christian",
}
#: District centres (GeoNames names) where they are known; other governorates take
#: their most populous towns.
_CENTRES = {
    "SY06": ("Latakia", "Jablah", "Al Qardāḩah", "Al Ḩaffah"),
    "SY10": ("Ţarţūs", "Bāniyās", "Şāfītā", "Ad Duraykīsh", "Ash Shaykh Badr", "Al Qadmūs"),
    "SY13": ("As-Suwayda", "Shahbā", "Şalkhad"),
    "SY14": ("Al Qunayţirah", "Khān Arnabah"),
    "SY01": ("Damascus",),
}
#: Quarters of Damascus (the gazetteer has the city only): Christian Bab Touma,
#: Qassaa and Dweila (Mar Elias church, 22 June 2025), Sunni Midan and Qaboun,
#: Alawite Mezzeh 86.
_QUARTERS = (
    ("Bab Touma", "باب توما", "christian"), ("Al-Qassaa", "القصاع", "christian"),
    ("Dweila", "الدويلعة", "christian"), ("Al-Midan", "الميدان", "sunni"),
    ("Al-Qaboun", "القابون", "sunni"), ("Mezzeh 86", "المزة 86", "alawite"),
    ("Rukn al-Din", "ركن الدين", "sunni"), ("Kafr Sousa", "كفرسوسة", "sunni"),
)


@dataclass
class Place:
    place_id: str
    name: str        # GeoNames name (with its diacritics)
    plain: str       # as an English list writes it
    alts: tuple[str, ...]  # other Latin spellings a list may use
    ar: str
    gov: str         # OCHA p-code
    lat: float
    lon: float
    pop: int
    community: str
    centre: "Place | None" = field(default=None, repr=False)

    @property
    def hospital_ar(self) -> str:
        c = self.centre or self
        return f"مشفى {c.ar} الوطني"


def _ok_cp1256(text: str) -> bool:
    try:
        text.encode("cp1256")
        return True
    except UnicodeEncodeError:
        return False


@lru_cache(maxsize=1)
def load_places() -> tuple[Place, ...]:
    """Every gazetteer town with an Arabic name Windows-1256 can write, with its centre."""
    path = _GAZ if _GAZ.is_file() else _GAZ_ALT
    places: list[Place] = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            ars = [a.strip() for a in row["names_arabic"].split("|")
                   if a.strip() and _ok_cp1256(a.strip()) and re.fullmatch("[\u0621-\u064a ]+", a.strip())]
            if not ars:
                continue
            if " " in ars[0]:  # برج صافيتا beside صافيتا: the town's everyday name
                first = ars[0]
                ars.sort(key=lambda a: not (a != first and a in first))
            gov = _ADMIN1[row["admin1code"]]
            alts = tuple(a for a in row["names_other"].split("|")
                         if re.fullmatch(r"[A-Z][A-Za-z' -]{2,}", a))[:4]
            name = row["name"]
            rng = random.Random(f"ledger-place:{row['geonameid']}")
            community = _TOWN_COMMUNITY.get(name) or _draw(MIX[gov], rng)
            places.append(Place(row["geonameid"], name, ascii_fold(name), alts, ars[0], gov,
                                float(row["latitude"]), float(row["longitude"]),
                                int(row["population"] or 0), community))
    damascus = next(p for p in places if p.name == "Damascus")
    for i, (name, ar, community) in enumerate(_QUARTERS):
        places.append(Place(f"DQ{i + 1}", name, name, (), ar, "SY01", damascus.lat, damascus.lon, 0,
                            community, damascus))
    by_gov: dict[str, list[Place]] = {}
    for p in places:
        by_gov.setdefault(p.gov, []).append(p)
    for gov, members in by_gov.items():
        named = _CENTRES.get(gov)
        centres = [p for p in members if named and p.name in named]
        if not centres:
            k = max(2, min(5, len(members) // 6))
            centres = sorted(members, key=lambda p: -p.pop)[:k]
        for p in members:
            if p.centre is None:
                p.centre = min(centres, key=lambda c: math.hypot(c.lat - p.lat, c.lon - p.lon))
    return tuple(places)


def _draw(weights: dict[str, float], rng: random.Random) -> str:
    u = rng.random() * sum(weights.values())
    for k, w in weights.items():
        u -= w
        if u <= 0:
            return k
    return k


@lru_cache(maxsize=None)
def towns(gov: str, community: str | None = None) -> tuple[Place, ...]:
    return tuple(p for p in load_places() if p.gov == gov and (community is None or p.community == community))
