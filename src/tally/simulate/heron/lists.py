"""heron's six lists: whom each captures and how it writes a victim down.

- ``snhr`` — a rights-group register in Arabic (after SNHR's and the Syrian Martyrs'
  databases): name parts in their own columns, exact dates d/m/yyyy, village or town
  quarter + district + governorate. Windows-1256 CSV with ';' and CRLF, as Arabic Excel
  exports it. Clerks sometimes swap the given and father columns, or write the mother's
  name where the father's belongs.
- ``vdc`` — a documentation centre's English export (after the VDC): one Latin name,
  exact dates d/m/yyyy with some rows entered m/d/yyyy and a few month-only, "District -
  quarter" places. UTF-8 CSV.
- ``news_en`` — names gathered from news reports (SOHR-style daily tolls, wires, and
  French-language outlets): given + family only, French-style spelling from a share of
  outlets, the *report* date 0-3 days after the death, the place as a governorate,
  "X countryside" or "X province", sex half the time, age rarely. UTF-8 CSV.
- ``news_ar`` — the same from Arabic local pages and coordination committees: kunyas
  (أبو علي) and by-names, "martyr" prefixes, Bedouin written given + tribal nisba.
  UTF-8 CSV with BOM.
- ``morgue`` — hospital and morgue intake (Latakia, Jableh, Baniyas, Sweida National
  hospitals): the date the body came in (+0-2 days), the hospital's district centre as
  place, a rounded age, and bodies not yet identified. UTF-16 tab-separated text.
- ``ahali`` — lists compiled by family committees: an XLSX with a title row, the family
  name once per family in a merged cell, wives listed under their husband's family,
  mother's name, birth year, village, dates typed, written as text, missing, or Hijri.

Each list repeats some of its own victims, spelled afresh (within-list duplicates).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tally.simulate.heron import spelling as sp
from tally.simulate.heron.names import LATIN
from tally.simulate.heron.people import Person
from tally.simulate.heron.places import GOVERNORATES

PHASE_INDEX = {"coast-2025-03": 0, "sweida-2025-07": 1, "other": 2}


@dataclass
class Rendered:
    row: dict
    entered: dt.date
    errors: set
    date_offset: str     # days written minus true ("" when no full date)
    place_level: str     # quarter | village | district | governorate | province | countryside
    script: str          # arabic | latin
    family_cell: str = ""  # ahali: the family block this row belongs to


@dataclass(frozen=True)
class ListSpec:
    id: str
    name: str
    kind: str
    reliability: str
    language: str
    file: str
    prefix: str
    list_kind: str
    thin: bool
    capture: tuple       # by phase: coast, sweida, other
    duplicate: float
    household: bool      # captures whole households together

    def p_capture(self, p: Person) -> float:
        base = self.capture[PHASE_INDEX[p.phase]]
        return min(0.95, base * (1.3 if p.easy else 0.55))


SPECS = (
    ListSpec("snhr", "Rights-group register (Arabic)", "rights_group_list", "B", "ar",
             "lists/snhr_register.csv", "SN", "register", False, (0.62, 0.5, 0.45), 0.03, False),
    ListSpec("vdc", "Documentation centre export (English)", "rights_group_list", "B", "en",
             "lists/vdc_export.csv", "VD", "register", False, (0.4, 0.3, 0.35), 0.04, False),
    ListSpec("news_en", "Names from news reports (English/French)", "news_outlet", "C", "en",
             "lists/news_names.csv", "NE", "news", True, (0.3, 0.3, 0.12), 0.1, True),
    ListSpec("news_ar", "Local pages and committees (Arabic)", "social_media", "D", "ar",
             "lists/local_pages.csv", "NA", "news", True, (0.25, 0.3, 0.12), 0.1, True),
    ListSpec("morgue", "Hospital and morgue intake", "official", "B", "ar",
             "lists/morgue_intake.txt", "MG", "morgue", False, (0.3, 0.35, 0.15), 0.02, False),
    ListSpec("ahali", "Family committees' lists", "witness", "C", "ar",
             "lists/family_committees.xlsx", "AH", "family", False, (0.35, 0.45, 0.08), 0.05, True),
)

_SEX_AR = {"male": "ذكر", "female": "أنثى"}


def _offset(rng: random.Random, weights) -> int:
    return rng.choices(range(len(weights)), weights=weights)[0]


def _dmy(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _ar(rng, name, errors, rate=0.25, typo=0.03):
    return sp.arabic(rng, name, rate, errors, typo)


def _family_ar(rng, p: Person, errors, rate=0.25):
    return sp.arabic(rng, sp.article(rng, p.family, 0.1, errors), rate, errors, 0.02)


def _thin_family(rng, p: Person, errors) -> str:
    """Bedouin victims are often written given + tribal nisba."""
    if p.tribe and rng.random() < 0.5:
        errors.add("tribal_nisba")
        return p.tribe
    return p.family


def _snhr(p: Person, rng: random.Random, dup: bool) -> Rendered:
    e: set = set()
    given, father = _ar(rng, p.given, e), _ar(rng, p.father, e)
    if rng.random() < 0.02:
        given, father = father, given
        e.add("father_given_swapped")
    elif rng.random() < 0.02:
        father = _ar(rng, p.mother, e)
        e.add("mother_as_father")
    elif rng.random() < 0.05:
        father = ""
        e.add("father_missing")
    grand = _ar(rng, p.grandfather, e) if rng.random() < 0.4 else ""
    d, off = p.date, 0
    if rng.random() < 0.04:
        off = rng.choice((-1, 1))
        e.add("date_shift")
    date = _dmy(d + dt.timedelta(days=off))
    if rng.random() < 0.03:
        date, off = "", ""
        e.add("date_missing")
    gov = GOVERNORATES[p.place.gov]
    level = "quarter" if p.place.neighbourhood else "village"
    village = p.place.name_ar
    if rng.random() < 0.15:
        village, level = "", "district"
        e.add("place_district")
    row = {"الرقم": None, "الاسم": given, "اسم الأب": father, "اسم الجد": grand,
           "الكنية": _family_ar(rng, p, e), "الجنس": _SEX_AR[p.sex],
           "العمر": p.age if rng.random() < 0.8 else "", "تاريخ الوفاة": date,
           "القرية أو الحي": village, "المنطقة": p.place.district_ar, "المحافظة": gov[1],
           "الصفة": "مدني" if p.status == "civilian" else "مسلح"}
    return Rendered(row, p.date + dt.timedelta(days=rng.randint(2, 40)), e, str(off) if off != "" else "",
                    level, "arabic")


def _vdc(p: Person, rng: random.Random, dup: bool) -> Rendered:
    e: set = {"latin_script"}
    g = sp.latin(rng, p.given, e, variant=0.35, typo=0.03)
    if p.kunya and rng.random() < 0.04:
        g = "Abu " + sp.latin(rng, p.kunya[4:], e, variant=0.3)
        e.add("kunya")
    parts = [g]
    if rng.random() < 0.65:
        parts.append(sp.latin(rng, p.father, e, variant=0.35, typo=0.02))
    parts.append(sp.latin(rng, p.family, e, variant=0.35, typo=0.03))
    off: object = 0
    d = p.date
    k = rng.random()
    if k < 0.12:
        date = f"{d.month:02d}/{d.day:02d}/{d.year}"
        e.add("date_mdy")
    elif k < 0.16:
        date, off = f"{d.year}-{d.month:02d}", ""
        e.add("date_month")
    else:
        date = _dmy(d)
    pl = p.place
    if rng.random() < 0.2:
        area, level = pl.district_en, "district"
    elif pl.neighbourhood:
        area, level = f"{pl.district_en} - {pl.name_en}", "quarter"
    else:
        area, level = pl.name_en, "village"
    row = {"ID": None, "Name": " ".join(parts), "Sex": p.sex.capitalize(),
           "Age": p.age if rng.random() < 0.6 else "", "Date of death": date, "Area": area,
           "Governorate": GOVERNORATES[pl.gov][0], "Status": p.status.capitalize()}
    return Rendered(row, p.date + dt.timedelta(days=rng.randint(3, 60)), e, str(off), level, "latin")


def _report(rng: random.Random, p: Person, e: set) -> tuple[dt.date, int]:
    off = _offset(rng, (0.3, 0.4, 0.2, 0.1))
    if off:
        e.add("report_date")
    return p.date + dt.timedelta(days=off), off


def _news_en(p: Person, rng: random.Random, dup: bool) -> Rendered:
    e: set = {"latin_script", "thin"}
    french = rng.random() < 0.35
    g = sp.latin(rng, p.given, e, variant=0.4, french=french, typo=0.03)
    if p.kunya and rng.random() < 0.03:
        g = "Abu " + sp.latin(rng, p.kunya[4:], e, variant=0.4, french=french)
        e.add("kunya")
    fam = sp.latin(rng, _thin_family(rng, p, e), e, variant=0.4, french=french, typo=0.03)
    reported, off = _report(rng, p, e)
    gov_en = GOVERNORATES[p.place.gov][0]
    k = rng.random()
    if p.place.gov == "rif":  # Rif Dimashq is itself "the Damascus countryside"
        loc, level = rng.choice(("Rif Dimashq", "Damascus countryside", "Rural Damascus")), "governorate"
    elif k < 0.4 or p.place.gov == "dam":
        loc, level = gov_en, "governorate"
    elif k < 0.75:
        loc, level = f"{gov_en} countryside", "countryside"
    else:
        loc, level = f"{gov_en} province", "province"
    sex = ""
    if rng.random() < 0.5:
        sex = ("boy" if p.sex == "male" else "girl") if p.age < 18 else ("man" if p.sex == "male" else "woman")
    row = {"no": None, "name": f"{g} {fam}", "sex": sex, "age": p.age if rng.random() < 0.1 else "",
           "reported": reported.isoformat(), "location": loc,
           "outlet": "fr" if french else "en"}
    return Rendered(row, reported, e, str(off), level, "latin")


def _news_ar(p: Person, rng: random.Random, dup: bool) -> Rendered:
    e: set = {"thin"}
    g = _ar(rng, p.given, e, 0.3, 0.03)
    if p.kunya and rng.random() < 0.08:
        g = _ar(rng, p.kunya, e, 0.3)
        e.add("kunya")
    name = f"{g} {sp.arabic(rng, _thin_family(rng, p, e), 0.3, e, 0.03)}"
    if p.laqab and rng.random() < 0.5:
        name += f" ({p.laqab})"
        e.add("laqab")
    if rng.random() < 0.1:
        name = ("الشهيد " if p.sex == "male" else "الشهيدة ") + name
        e.add("honorific")
    reported, off = _report(rng, p, e)
    gov_ar = GOVERNORATES[p.place.gov][1]
    k = rng.random()
    if k < 0.4 or p.place.gov in ("dam", "rif"):
        loc, level = gov_ar, "governorate"
    elif k < 0.75:
        loc, level = f"ريف {gov_ar}", "countryside"
    else:
        loc, level = f"محافظة {gov_ar}", "province"
    row = {"الرقم": None, "الاسم": name, "تاريخ الخبر": f"{reported.day}/{reported.month}/{reported.year}",
           "المكان": loc}
    return Rendered(row, reported, e, str(off), level, "arabic")


def _morgue(p: Person, rng: random.Random, dup: bool) -> Rendered:
    e: set = set()
    if rng.random() < 0.05:
        e.add("unidentified")
        word = "طفل" if p.age < 14 else ("رجل" if p.sex == "male" else "امرأة")
        name = rng.choice(("مجهول الهوية", f"جثة {word}", f"جثة {word} مجهول الهوية"))
    else:
        parts = [_ar(rng, p.given, e, 0.3, 0.05)]
        if rng.random() < 0.9:
            parts.append(_ar(rng, p.father, e, 0.3, 0.04))
        else:
            e.add("father_missing")
        parts.append(_family_ar(rng, p, e, 0.3))
        name = " ".join(parts)
    off = _offset(rng, (0.5, 0.35, 0.15))
    if off:
        e.add("received_date")
    received = p.date + dt.timedelta(days=off)
    age = max(0, 5 * round((p.age + rng.randint(-4, 4)) / 5))
    row = {"رقم الجثة": None, "الاسم الكامل": name, "الجنس": _SEX_AR[p.sex],
           "العمر التقريبي": age if rng.random() < 0.85 else "", "تاريخ الاستلام": received.isoformat(),
           "المنطقة": p.place.district_ar, "المشفى": f"المشفى الوطني في {p.place.district_ar}"}
    return Rendered(row, received, e, str(off), "district", "arabic")


def _ahali(p: Person, rng: random.Random, dup: bool) -> Rendered:
    e: set = set()
    family = p.family
    if p.married_into and rng.random() < 0.5:
        family = p.married_into
        e.add("wife_under_husband_family")
    given = _ar(rng, p.given, e, 0.2, 0.02)
    if p.laqab and rng.random() < 0.6:
        given += f" ({p.laqab})"
        e.add("laqab")
    parts = [given, _ar(rng, p.father, e, 0.2, 0.02)]
    if rng.random() < 0.3:
        parts.append(_ar(rng, p.grandfather, e, 0.2, 0.02))
    fam_cell = sp.arabic(rng, family, 0.15, e, 0.0)
    d = p.date
    k = rng.random()
    off: object = 0
    if k < 0.8:
        date: object = d
    elif k < 0.87:
        date = f"{d.day}/{d.month}/{d.year}"
    elif k < 0.91:
        y, m, dd = sp.hijri(d)
        date, off = f"{dd}/{m}/{y} هـ", ""
        e.add("hijri")
    else:
        date, off = "", ""
        e.add("date_missing")
    mother = _ar(rng, p.mother, e, 0.2) if rng.random() < 0.7 else ""
    row = {"الرمز": None, "العائلة": fam_cell, "الاسم": " ".join(parts), "اسم الأم": mother,
           "المواليد": 2025 - p.age - rng.randint(0, 1), "القرية": p.place.name_ar,
           "تاريخ الاستشهاد": date}
    level = "quarter" if p.place.neighbourhood else "village"
    return Rendered(row, p.date + dt.timedelta(days=rng.randint(5, 25)), e, str(off), level, "arabic",
                    fam_cell)


_RENDER = {"snhr": _snhr, "vdc": _vdc, "news_en": _news_en, "news_ar": _news_ar, "morgue": _morgue,
           "ahali": _ahali}


def render(spec: ListSpec, p: Person, rng: random.Random, duplicate: bool) -> Rendered:
    r = _RENDER[spec.id](p, rng, duplicate)
    if duplicate:
        r.errors.add("duplicate")
    return r


def latin_of(name: str) -> str:
    return LATIN.get(name, "")
