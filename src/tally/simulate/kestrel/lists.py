"""The six lists: who each captures and how it writes a victim down.

- ``sjl`` — an Arabic rights-group register (name parts in columns, ISO-less d/m/y dates,
  village or district), Windows-1256 CSV with ';': the most complete list.
- ``obs`` — an English list from another group: one Latin full name, sex, age, the date
  (sometimes only the month), an area (village or district) and the governorate. UTF-8 CSV.
- ``wire`` — names gathered from news reports (English, JSON lines): given + family only,
  the *report* date 0-3 days after the death, the place as a governorate, "X countryside"
  or "X province", sex half the time, age rarely. A person named by two outlets appears twice.
- ``sahat`` — the same from Arabic local news pages (ريف اللاذقية, محافظة السويداء), UTF-8
  CSV with BOM.
- ``morgue`` — hospital and morgue lists (Latakia, Jableh, Baniyas, Sweida National
  Hospitals): the date the body came in (+0-2 days), the hospital's district centre, an
  approximate age, UTF-16 tab-separated.
- ``ahl`` — a family/community list compiled by relatives: four-part names in one
  column, mother's name, birth year, village, exact dates (typed spreadsheet dates under a
  title row, XLSX); it takes whole households.

Every list repeats some of its own victims, spelled afresh (within-list duplicates).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tally.simulate.kestrel import spelling
from tally.simulate.kestrel.names import MALE, latin
from tally.simulate.kestrel.people import Person
from tally.simulate.kestrel.places import GOVERNORATES

PHASE_INDEX = {"coast-2025-03": 0, "sweida-2025-07": 1, "smaller": 2}
EASY, HARD = 1.3, 0.55


@dataclass
class Rendered:
    row: dict[str, object]
    entered: dt.date          # when the list got it (orders the file)
    errors: set[str]
    date_form: str            # day | partial | missing
    date_offset: int          # days written minus true date (day form only)
    place_level: str          # village | district | governorate
    script: str               # arabic | latin


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
    capture: tuple[float, float, float]   # by phase: coast, sweida, smaller
    duplicate: float                      # share of its victims entered twice
    household: bool = False               # captures households as a whole

    def p_capture(self, person: Person) -> float:
        p = self.capture[PHASE_INDEX[person.phase]] * (EASY if person.easy else HARD)
        if self.thin and person.hh_size >= 3:
            p *= 1.4  # a family killed together is news
        return min(0.97, p)


SPECS: tuple[ListSpec, ...] = (
    ListSpec("sjl", "Arabic rights-group register", "rights_group_list", "B", "ar", "lists/sjl_register.csv",
             "SJ", "register", False, (0.6, 0.5, 0.5), 0.04),
    ListSpec("obs", "English casualty list (another group)", "rights_group_list", "B", "en",
             "lists/obs_victims_en.csv", "OB", "english", False, (0.4, 0.45, 0.3), 0.03),
    ListSpec("wire", "Names in news reports (English)", "news_outlet", "C", "en", "lists/wire_named.jsonl",
             "WR", "news", True, (0.2, 0.22, 0.1), 0.08),
    ListSpec("sahat", "Names on local news pages (Arabic)", "news_outlet", "C", "ar", "lists/sahat_pages.csv",
             "SH", "news", True, (0.1, 0.22, 0.04), 0.06),
    ListSpec("morgue", "Hospital and morgue lists", "official", "B", "ar", "lists/morgue_hospitals.tsv",
             "MG", "morgue", False, (0.25, 0.4, 0.15), 0.02),
    ListSpec("ahl", "Family and village committee list", "witness", "C", "ar", "lists/ahl_families.xlsx",
             "AH", "family", False, (0.3, 0.3, 0.05), 0.02, household=True),
)

_MALE_NAMES = sorted(MALE)
SEX_AR = {"male": "ذكر", "female": "أنثى"}


def _date(rng: random.Random, shift: float, partial: float, missing: float) -> tuple[str, int]:
    roll = rng.random()
    if roll < missing:
        return "missing", 0
    if roll < missing + partial:
        return "partial", 0
    if roll < missing + partial + shift:
        return "day", rng.choice((-1, 1, 1, 2))
    return "day", 0


def _tag_date(form: str, off: int, errors: set[str], lag_tag: str | None = None) -> None:
    if form == "missing":
        errors.add("date_missing")
    elif form == "partial":
        errors.add("month_only")
    elif lag_tag:
        errors.add(f"{lag_tag}_{off}")
    elif off:
        errors.add("date_shift")


def _ar_parts(p: Person, rng: random.Random, rate: float, typo: float, errors: set[str]) -> list[str]:
    out = []
    for i, part in enumerate((p.given, p.father, p.grandfather, p.family)):
        text, tags = spelling.arabic(part, rng, rate, family=(i == 3))
        errors |= tags
        out.append(text)
    if rng.random() < typo:
        i = rng.choice((0, 0, 1, 3, 3))
        out[i] = spelling.arabic_typo(out[i], rng)
        errors.add("typo")
    return out


def _lat_parts(p: Person, rng: random.Random, rate: float, typo: float, errors: set[str]) -> list[str]:
    table = latin()
    out = []
    for part in (p.given, p.father, p.grandfather, p.family):
        text, tags = spelling.latin(table[part], rng, rate)
        errors |= tags
        out.append(text)
    if rng.random() < typo:
        i = rng.choice((0, 0, 1, 3, 3))
        out[i] = spelling.latin_typo(out[i], rng)
        errors.add("typo")
    errors.add("latin_script")
    return out


def _age(p: Person, rng: random.Random, errors: set[str], sd: int = 1) -> int:
    if rng.random() < 0.2:
        errors.add("age_error")
        return max(0, p.age + rng.choice((-sd - 1, -sd, sd, sd + 1)))
    return p.age


def _dmy(d: dt.date, form: str, zero: bool = True) -> str:
    if form == "missing":
        return ""
    if form == "partial":
        return f"{d.month:02d}/{d.year}" if zero else f"{d.month}/{d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if zero else f"{d.day}/{d.month}/{d.year}"


def render(spec: ListSpec, p: Person, rng: random.Random, duplicate: bool) -> Rendered:
    """How ``spec`` writes victim ``p`` (a second entry of a victim when ``duplicate``)."""
    errors: set[str] = {"duplicate"} if duplicate else set()
    return renderer(spec)(p, rng, errors)


def _register(p: Person, rng: random.Random, errors: set[str]) -> Rendered:
    g, f, gf, fam = _ar_parts(p, rng, 0.18, 0.03, errors)
    if rng.random() < 0.03:
        gf = spelling.arabic(_other_grandfather(gf, rng), rng, 0.1)[0]
        errors.add("grandfather_wrong")
    form, off = _date(rng, 0.07, 0.03, 0.02)
    _tag_date(form, off, errors)
    village = rng.random() < 0.8
    if not village:
        errors.add("district_only")
    row = {"الرقم": None, "الاسم": g, "اسم الأب": f if rng.random() < 0.95 else "",
           "اسم الجد": gf if rng.random() < 0.4 else "", "الكنية": fam,
           "الجنس": SEX_AR[p.sex] if rng.random() < 0.97 else "",
           "العمر": _age(p, rng, errors) if rng.random() < 0.55 else "",
           "تاريخ الوفاة": _dmy(p.date + dt.timedelta(days=off), form),
           "المحافظة": GOVERNORATES[p.place.governorate][0], "المنطقة": p.place.district_ar,
           "مكان الوفاة": p.place.name_ar if village else ""}
    if not row["اسم الجد"]:
        errors.add("no_grandfather")
    return Rendered(row, p.date + dt.timedelta(days=rng.randint(2, 40)), errors, form, off,
                    "village" if village else "district", "arabic")


def _other_grandfather(name: str, rng: random.Random) -> str:
    """A different grandfather name: a recording slip (two records, one person)."""
    return rng.choice([n for n in _MALE_NAMES if n != name])


def _english(p: Person, rng: random.Random, errors: set[str]) -> Rendered:
    g, f, _, fam = _lat_parts(p, rng, 0.3, 0.06, errors)
    name = f"{g} {f} {fam}" if rng.random() < 0.55 else f"{g} {fam}"
    form, off = _date(rng, 0.06, 0.03, 0.01)
    _tag_date(form, off, errors)
    d = p.date + dt.timedelta(days=off)
    roll = rng.random()
    area, level = (p.place.name_en, "village") if roll < 0.55 else \
        (p.place.district_en, "district") if roll < 0.9 else ("", "governorate")
    if level != "village":
        errors.add("district_only" if level == "district" else "governorate_only")
    row = {"ID": None, "Name": name,
           "Sex": {"male": "Male", "female": "Female"}[p.sex] if rng.random() < 0.85 else "",
           "Age": _age(p, rng, errors) if rng.random() < 0.5 else "",
           "Date of death": "" if form == "missing" else d.strftime("%Y-%m") if form == "partial"
           else d.isoformat(),
           "Area": area, "Governorate": GOVERNORATES[p.place.governorate][1][0]}
    return Rendered(row, p.date + dt.timedelta(days=rng.randint(3, 60)), errors, form, off, level, "latin")


_LAG = (0, 1, 2, 3)
#: share of a household's wives and children whom a news list names only through the head
RELATION_ONLY = 0.1
_LAG_W = (0.3, 0.35, 0.22, 0.13)


def _news_place_en(p: Person, rng: random.Random) -> str:
    gov = rng.choice(GOVERNORATES[p.place.governorate][1])
    if p.place.governorate == "rural-damascus":
        return gov
    return rng.choices((gov, f"{gov} countryside", f"{gov} province", f"rural {gov}"), (40, 30, 22, 8))[0]


def _news(p: Person, rng: random.Random, errors: set[str]) -> Rendered:
    g, _, _, fam = _lat_parts(p, rng, 0.5, 0.08, errors)
    lag = rng.choices(_LAG, _LAG_W)[0]
    errors |= {"thin", f"report_lag_{lag}", "governorate_only"}
    name = f"{g} {fam}"
    if p.role in ("wife", "child") and rng.random() < RELATION_ONLY:
        # named through the head of the household: "wife of Ali Deeb", "son of Ali Deeb"
        head_given, head_family = p.husband if p.role == "wife" else (p.father, p.family)
        head = " ".join(spelling.latin(latin()[n], rng, 0.5)[0] for n in (head_given, head_family))
        word = "wife" if p.role == "wife" else "son" if p.sex == "male" else "daughter"
        name = f"{word} of {head}"
        errors.add("relation_only")
    row: dict[str, object] = {"id": None, "name": name,
                              "reported": (p.date + dt.timedelta(days=lag)).isoformat(),
                              "location": _news_place_en(p, rng)}
    if rng.random() < 0.5:
        row["sex"] = ("boy" if p.sex == "male" else "girl") if p.age < 15 else \
            ("man" if p.sex == "male" else "woman")
    if rng.random() < 0.08:
        row["age"] = _age(p, rng, errors)
    return Rendered(row, p.date + dt.timedelta(days=lag), errors, "day", lag, "governorate", "latin")


def _news_ar(p: Person, rng: random.Random, errors: set[str]) -> Rendered:
    g, _, _, fam = _ar_parts(p, rng, 0.3, 0.05, errors)
    name = f"{g} {fam}"
    if p.role in ("wife", "child") and rng.random() < RELATION_ONLY:
        head_given, head_family = p.husband if p.role == "wife" else (p.father, p.family)
        word = "زوجة" if p.role == "wife" else "ابن" if p.sex == "male" else "ابنة"
        name = f"{word} {head_given} {spelling.arabic(head_family, rng, 0.3, family=True)[0]}"
        errors.add("relation_only")
    lag = rng.choices(_LAG, _LAG_W)[0]
    errors |= {"thin", f"report_lag_{lag}", "governorate_only"}
    gov = GOVERNORATES[p.place.governorate][0]
    countryside = gov if gov.startswith("ريف") else f"ريف {gov}"
    place = rng.choices((countryside, f"محافظة {gov}", gov), (40, 30, 30))[0]
    note = ""
    if p.age < 15 and rng.random() < 0.3:
        note = "طفل" if p.sex == "male" else "طفلة"
    elif rng.random() < 0.05:
        note = f"العمر {p.age}"
    row = {"م": None, "الاسم": name, "تاريخ النشر": _dmy(p.date + dt.timedelta(days=lag), "day", False),
           "المكان": place, "ملاحظات": note}
    return Rendered(row, p.date + dt.timedelta(days=lag), errors, "day", lag, "governorate", "arabic")


_HOSPITAL = "المشفى الوطني في {}"


def _morgue(p: Person, rng: random.Random, errors: set[str]) -> Rendered:
    g, f, gf, fam = _ar_parts(p, rng, 0.15, 0.06, errors)
    roll = rng.random()
    name = f"{g} {f} {fam}" if roll < 0.7 else f"{g} {f} {gf} {fam}" if roll < 0.9 else f"{g} {fam}"
    lag = rng.choices((0, 1, 2), (0.5, 0.35, 0.15))[0]
    errors |= {f"received_lag_{lag}", "district_centre"}
    d = p.date + dt.timedelta(days=lag)
    roll = rng.random()
    if roll < 0.5:
        lo = max(0, (p.age // 10) * 10 - (10 if rng.random() < 0.2 else 0))
        age = f"{lo}-{lo + 10}"
    elif roll < 0.8:
        age = str(_age(p, rng, errors, 3))
    else:
        age = ""
    row = {"رقم الجثة": None, "الاسم الكامل": name, "الجنس": SEX_AR[p.sex],
           "العمر التقريبي": age, "تاريخ الاستلام": f"{d.year}/{d.month:02d}/{d.day:02d}",
           "المشفى": _HOSPITAL.format(p.place.district_ar), "المنطقة": p.place.district_ar}
    return Rendered(row, d, errors, "day", lag, "district", "arabic")


def _family(p: Person, rng: random.Random, errors: set[str]) -> Rendered:
    g, f, gf, fam = _ar_parts(p, rng, 0.1, 0.02, errors)
    name = f"{g} {f} {gf} {fam}" if rng.random() < 0.85 else f"{g} {f} {fam}"
    form, off = _date(rng, 0.03, 0.04, 0.0)
    _tag_date(form, off, errors)
    birth = p.date.year - p.age - (1 if rng.random() < 0.4 else 0)
    row = {"الاسم الرباعي": name, "اسم الأم": p.mother if rng.random() < 0.7 else "",
           "المواليد": birth if rng.random() < 0.7 else "", "القرية": p.place.name_ar,
           # a typed spreadsheet date, or the month as text where the day is unknown
           "تاريخ الاستشهاد": p.date + dt.timedelta(days=off) if form == "day" else _dmy(p.date, form, False),
           "الرمز": None}
    return Rendered(row, p.date + dt.timedelta(days=rng.randint(10, 120)), errors, form, off, "village", "arabic")


_RENDER = {"register": _register, "english": _english, "morgue": _morgue, "family": _family}


def renderer(spec: ListSpec):
    """The function that writes one record of ``spec``."""
    if spec.list_kind == "news":
        return _news if spec.language == "en" else _news_ar
    return _RENDER[spec.list_kind]
