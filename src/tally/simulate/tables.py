"""The tables a simulation draws from: names and places.

Names come from the shipped name table (``tally/data/names/names.csv``, owned
by Normalize), read directly in file order with its frequency weights; places
from the shipped gazetteer through :func:`tally.normalize.places.load_gazetteer`
(sub-district centres, towns and villages with coordinates). A seed gives the
same draws wherever the package is installed, as long as the tables are the
same. If the gazetteer cannot be loaded, a small built-in list of places is
used instead (:data:`FALLBACK_PLACES`).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path

#: Community letters of the name table and the labels the simulation uses.
COMMUNITY_CODES: dict[str, str] = {
    "S": "sunni",
    "A": "alawite",
    "D": "druze",
    "C": "christian",
    "K": "kurd",
    "H": "shia",
    "I": "ismaili",
}
COMMUNITIES: tuple[str, ...] = tuple(COMMUNITY_CODES.values())


@dataclass(frozen=True)
class Name:
    """One row of the name table: a name with its written forms."""

    key: str
    arabic: tuple[str, ...]  # first is the usual spelling
    latin: str
    variants: tuple[str, ...]  # other Latin spellings (uncertain ones dropped)
    kind: str  # given | family | both
    gender: str  # m | f | u
    weight: int


@dataclass(frozen=True)
class Pool:
    """Names to draw from with cumulative weights (for ``random.choices``)."""

    names: tuple[Name, ...]
    cum_weights: tuple[float, ...]

    def draw(self, rng) -> Name:
        return rng.choices(self.names, cum_weights=self.cum_weights)[0]


@dataclass(frozen=True)
class Place:
    """A town, village or sub-district centre and the units it lies in."""

    governorate: str
    governorate_ar: str
    district: str
    district_ar: str
    district_alts: tuple[str, ...]  # Latin spellings of the district
    name: str  # Latin, plain ASCII as a list would write it
    name_ar: str
    alts: tuple[str, ...]  # other Latin spellings
    lat: float
    lon: float
    place_id: str  # gazetteer id (p-code, gn:..., tally:...)
    gov_id: str  # governorate p-code, SY01..SY14
    weight: float = 1.0  # towns > villages
    reported: bool = False  # named in public reporting of the 2025 waves

def _data_path(*parts: str) -> Path:
    return Path(str(resources.files("tally.data").joinpath(*parts)))


def _split(text: str, sep: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(sep) if t.strip())


@lru_cache(maxsize=None)
def load_names(path: str | None = None) -> tuple[Name, ...]:
    """All usable rows of the name table (weight > 0), in file order."""
    p = Path(path) if path else _data_path("names", "names.csv")
    names = []
    with open(p, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            try:
                weight = int(float(row.get("weight") or 0))
            except ValueError:
                continue
            arabic = _split(row.get("arabic") or "", "|")
            if weight <= 0 or not arabic or not (row.get("latin") or "").strip():
                continue
            variants = tuple(v for v in _split(row.get("variants") or "", "|") if not v.endswith("?"))
            names.append(Name(
                key=row["key"].strip(), arabic=arabic, latin=row["latin"].strip(),
                variants=variants, kind=(row.get("kind") or "").strip(),
                gender=(row.get("gender") or "u").strip(), weight=weight,
            ))
    return tuple(names)


def _communities(text: str) -> set[str]:
    codes = _split(text or "*", "|")
    return {"*"} if "*" in codes else {COMMUNITY_CODES.get(c, c) for c in codes}


def family_form(name: Name) -> Name:
    """A family name as lists usually write it: with the article if it has one
    (the table lists "خطيب|الخطيب"; a list writes "الخطيب")."""
    with_article = [a for a in name.arabic if a.startswith("ال")]
    if not with_article or name.arabic[0] == with_article[0]:
        return name
    first = with_article[0]
    return replace(name, arabic=(first,) + tuple(a for a in name.arabic if a != first))


@lru_cache(maxsize=None)
def name_pools() -> dict[tuple[str, str], Pool]:
    """Pools keyed by (role, community); role is given_m, given_f or family.

    A name marked for every community ("*") enters each pool; names marked for
    the community get three times their weight there, so each community has its
    own common names on top of the shared ones.
    """
    with open(_data_path("names", "names.csv"), encoding="utf-8", newline="") as f:
        rows = {r["key"]: r for r in csv.DictReader(line for line in f if not line.startswith("#"))}
    pools: dict[tuple[str, str], Pool] = {}
    names = load_names()
    for community in COMMUNITIES:
        for role in ("given_m", "given_f", "family"):
            chosen, weights = [], []
            for n in names:
                if role == "family":
                    if n.kind not in ("family", "both"):
                        continue
                elif n.kind not in ("given", "both") or n.gender != role[-1]:
                    continue
                comms = _communities(rows[n.key].get("communities", "*")) if n.key in rows else {"*"}
                if "*" in comms:
                    w = n.weight
                elif community in comms:
                    w = 3 * n.weight
                else:
                    continue
                if role == "family":
                    n = family_form(n)
                chosen.append(n)
                weights.append(w)
            if not chosen:  # never empty: fall back to every name of the role
                chosen = [n for n in names if n.kind in ("given", "both", "family")]
                weights = [n.weight for n in chosen]
            pools[(role, community)] = Pool(tuple(chosen), tuple(accumulate(weights)))
    return pools


_LATIN_ALT = re.compile(r"^[A-Za-z][A-Za-z' -]+$")


def ascii_latin(text: str) -> str:
    """GeoNames spellings without diacritics ("Buq‘ātā" → "Buq'ata")."""
    text = text.replace("‘", "'").replace("’", "'").replace("`", "'").replace("ʿ", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _latin_alts(alts: tuple[str, ...], limit: int = 4) -> tuple[str, ...]:
    out: list[str] = []
    for a in alts:
        a = ascii_latin(a)
        if _LATIN_ALT.match(a) and a not in out:
            out.append(a)
        if len(out) >= limit:
            break
    return tuple(out)


@lru_cache(maxsize=None)
def load_places() -> tuple[Place, ...]:
    """Sub-district centres, towns and villages of the shipped gazetteer.

    Read through :func:`tally.normalize.places.load_gazetteer`; the built-in
    :data:`FALLBACK_PLACES` are used only when the gazetteer cannot be loaded.
    """
    try:
        from tally.normalize.places import load_gazetteer

        units = load_gazetteer()
    except Exception:  # noqa: BLE001 - any failure: simulate on the fallback list
        return FALLBACK_PLACES
    by_id = {u.id: u for u in units}
    places: list[Place] = []
    for u in units:
        if u.admin_level not in (3, 4) or u.lat is None or u.lon is None:
            continue
        gov = by_id.get(u.governorate_id)
        dist = by_id.get(u.district_id or "")
        if gov is None or dist is None or not u.name_ar:
            continue
        name = ascii_latin(u.name_en)
        if not _LATIN_ALT.match(name):
            latin = _latin_alts(u.alt_names, 1)
            if not latin:
                continue
            name = latin[0]
        is_centre = u.admin_level == 3 and u.id.endswith("00")
        places.append(Place(
            governorate=gov.name_en, governorate_ar=gov.name_ar, district=dist.name_en,
            district_ar=dist.name_ar, district_alts=_latin_alts(dist.alt_names),
            name=name, name_ar=u.name_ar.strip("\u200e\u200f "),
            alts=tuple(a for a in _latin_alts(u.alt_names) if a != name),
            lat=round(u.lat, 5), lon=round(u.lon, 5), place_id=u.id, gov_id=u.governorate_id,
            weight=3.0 if is_centre else 1.0, reported=u.id.startswith("tally:"),
        ))
    if len({p.gov_id for p in places}) < 14:
        return FALLBACK_PLACES
    return tuple(places)


def _fb(gov, gov_ar, dist, dist_ar, name, name_ar, alts, lat, lon, pcode) -> Place:
    return Place(gov, gov_ar, dist, dist_ar, (), name, name_ar, tuple(alts), lat, lon, pcode,
                 pcode[:4], 3.0 if pcode.endswith("00") else 1.0)


#: Used only when the gazetteer is missing: a few places per governorate.
FALLBACK_PLACES: tuple[Place, ...] = (
    _fb("Damascus", "دمشق", "Damascus", "دمشق", "Damascus", "دمشق", ["Dimashq"], 33.51, 36.28, "SY010000"),
    _fb("Aleppo", "حلب", "Jebel Saman", "جبل سمعان", "Aleppo", "حلب", ["Halab"], 36.20, 37.13, "SY020000"),
    _fb("Rural Damascus", "ريف دمشق", "Duma", "دوما", "Duma", "دوما", ["Douma"], 33.57, 36.40, "SY030100"),
    _fb("Rural Damascus", "ريف دمشق", "Jaramana", "جرمانا", "Jaramana", "جرمانا", [], 33.49, 36.35, "SY030200"),
    _fb("Homs", "حمص", "Homs", "حمص", "Homs", "حمص", ["Hims"], 34.73, 36.71, "SY040000"),
    _fb("Homs", "حمص", "Tall Kalakh", "تلكلخ", "Nasra", "الناصرة", ["Wadi al-Nasara"], 34.75, 36.30, "SY040501"),
    _fb("Hama", "حماة", "Hama", "حماة", "Hama", "حماة", ["Hamah"], 35.13, 36.76, "SY050000"),
    _fb("Hama", "حماة", "Masyaf", "مصياف", "Masyaf", "مصياف", ["Misyaf"], 35.07, 36.34, "SY050200"),
    _fb("Lattakia", "اللاذقية", "Jableh", "جبلة", "Jableh", "جبلة", ["Jebleh", "Jablah"], 35.36, 35.93, "SY060200"),
    _fb("Lattakia", "اللاذقية", "Jableh", "جبلة", "Daliyeh", "الدالية", ["Daliyah"], 35.33, 36.02, "SY060204"),
    _fb("Lattakia", "اللاذقية", "Al-Qardaha", "القرداحة", "Al-Qardaha", "القرداحة", ["Qardaha"], 35.46, 36.06, "SY060300"),
    _fb("Lattakia", "اللاذقية", "Al-Haffa", "الحفة", "Al-Haffa", "الحفة", ["Haffa"], 35.60, 36.03, "SY060100"),
    _fb("Idleb", "إدلب", "Idleb", "إدلب", "Idleb", "إدلب", ["Idlib"], 35.93, 36.63, "SY070000"),
    _fb("Al-Hasakeh", "الحسكة", "Al-Hasakeh", "الحسكة", "Al-Hasakeh", "الحسكة", ["Hasakah"], 36.50, 40.75, "SY080000"),
    _fb("Deir-ez-Zor", "دير الزور", "Deir-ez-Zor", "دير الزور", "Deir-ez-Zor", "دير الزور", ["Deir ez-Zor"], 35.34, 40.14, "SY090000"),
    _fb("Tartous", "طرطوس", "Baniyas", "بانياس", "Baniyas", "بانياس", ["Banias"], 35.18, 35.95, "SY100100"),
    _fb("Tartous", "طرطوس", "Baniyas", "بانياس", "Qardaha Baniyas", "القصور", ["Al-Qusour"], 35.19, 35.94, "SY100101"),
    _fb("Tartous", "طرطوس", "Tartous", "طرطوس", "Tartous", "طرطوس", ["Tartus"], 34.89, 35.89, "SY100000"),
    _fb("Ar-Raqqa", "الرقة", "Ar-Raqqa", "الرقة", "Ar-Raqqa", "الرقة", ["Raqqa"], 35.96, 39.01, "SY110000"),
    _fb("Dar'a", "درعا", "Dar'a", "درعا", "Dar'a", "درعا", ["Daraa"], 32.62, 36.10, "SY120000"),
    _fb("As-Sweida", "السويداء", "As-Sweida", "السويداء", "As-Sweida", "السويداء", ["Sweida", "Suwayda"], 32.71, 36.57, "SY130000"),
    _fb("As-Sweida", "السويداء", "As-Sweida", "السويداء", "Mazraa", "المزرعة", ["Al-Mazraa"], 32.77, 36.47, "SY130001"),
    _fb("As-Sweida", "السويداء", "Shahba", "شهبا", "Shahba", "شهبا", ["Shahbaa"], 32.86, 36.63, "SY130100"),
    _fb("As-Sweida", "السويداء", "Salkhad", "صلخد", "Salkhad", "صلخد", ["Salkhed"], 32.49, 36.71, "SY130200"),
    _fb("Quneitra", "القنيطرة", "Quneitra", "القنيطرة", "Quneitra", "القنيطرة", [], 33.13, 35.82, "SY140000"),
)


def places_by_governorate() -> dict[str, tuple[Place, ...]]:
    """Places keyed by governorate p-code (SY01..SY14)."""
    out: dict[str, list[Place]] = {}
    for p in load_places():
        out.setdefault(p.gov_id, []).append(p)
    return {k: tuple(v) for k, v in out.items()}
