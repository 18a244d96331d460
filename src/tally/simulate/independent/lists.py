"""The five lists of the independent profile and how each writes a victim.

- ``docs-ar``: a rights group's Arabic list: the full name in one column
  (given, father, grandfather, family; the grandfather often left out),
  village and governorate in Arabic, exact dates with a few off by a day or
  given as a month only.
- ``docs-en``: a rights group's English list: Latin names (given [father]
  family) in many transliterations, town or district, day/month/year dates.
- ``news-a``, ``news-b``: lists compiled from news reports: given and family
  name only, mostly Latin; the date is the *report* date, 0-3 days after the
  death; the place is the governorate, "X countryside" or "X province"; age
  rarely, sex half the time.
- ``hospital``: hospital and morgue registers: Arabic given, father, family
  name; the place is the district centre (where the hospital is); the date the
  body was received, 0-2 days after the death; ages rounded.

Every list also re-enters some victims a second time, spelled afresh (the same
source, a different clerk or day). Each list is a UTF-8 CSV with a mapping.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from tally.simulate.independent.people import Unit, Victim, gazetteer
from tally.simulate.independent.spelling import respell_arabic, transliterate


class IndependentList:
    id = ""
    name = ""
    kind = "rights_group_list"
    reliability = "C"
    language = "ar"
    header: tuple[str, ...] = ()
    duplicate_rate = 0.0
    sex_values = {"male": "male", "female": "female"}

    def __init__(self, outdir: Path, rng: random.Random) -> None:
        self.rng = rng
        self.file = f"lists/{self.id}.csv"
        self.mapping_file = f"mappings/{self.id}.toml"
        path = outdir / self.file
        path.parent.mkdir(parents=True, exist_ok=True)
        self._f = open(path, "w", encoding="utf-8", newline="")
        self._w = csv.writer(self._f, lineterminator="\n")
        self._w.writerow(self.header)
        self.count = 0

    def next_id(self) -> str:
        self.count += 1
        return f"{self.id.upper()}-{self.count:06d}"

    def write(self, v: Victim) -> tuple[str, set[str]]:
        rid = self.next_id()
        row, errors = self.row(v)
        self._w.writerow((rid, *row))
        return rid, errors

    def row(self, v: Victim) -> tuple[tuple, set[str]]:  # pragma: no cover
        raise NotImplementedError

    def mapping(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:
        self._f.close()

    # shared pieces
    def ar(self, name, errors, rate, family=False) -> str:
        text, done = respell_arabic(name.arabic, self.rng, rate, family)
        errors |= done
        return text

    def lat(self, name, errors, rate, family=False) -> str:
        text, done = transliterate(name.latin, self.rng, rate, family)
        errors |= done
        return text


def governorate(place: Unit) -> Unit:
    return gazetteer()[place.governorate]


def district(place: Unit) -> Unit:
    return gazetteer()[place.district]


def latin_place(unit: Unit, rng: random.Random) -> str:
    alts = [a for a in unit.alts if a.isascii()]
    return rng.choice(alts) if alts and rng.random() < 0.35 else unit.name_en


class DocsArabic(IndependentList):
    id, name, reliability, language = "docs-ar", "Documentation centre (Arabic list)", "B", "ar"
    header = ("رقم", "الاسم الكامل", "الجنس", "العمر", "تاريخ الوفاة", "مكان الوفاة", "المحافظة")
    duplicate_rate = 0.06

    def row(self, v):
        rng, e = self.rng, set()
        parts = [self.ar(v.given, e, 0.35)]
        if rng.random() < 0.9:
            parts.append(self.ar(v.father, e, 0.35))
        else:
            e.add("missing_father")
        if rng.random() < 0.6:
            parts.append(self.ar(v.grandfather, e, 0.35))
        else:
            e.add("missing_grandfather")
        parts.append(self.ar(v.family, e, 0.35, family=True))
        date = v.date.isoformat()
        u = rng.random()
        if u < 0.05:
            date = (v.date + dt.timedelta(days=rng.choice((-1, 1)))).isoformat()
            e.add("date_shift")
        elif u < 0.08:
            date = v.date.strftime("%Y-%m")
            e.add("month_only")
        elif u < 0.1:
            date = ""
            e.add("missing_date")
        sex = "" if rng.random() < 0.05 else ("ذكر" if v.sex == "male" else "أنثى")
        age = "" if rng.random() < 0.25 else str(v.age)
        return (" ".join(parts), sex, age, date, v.place.name_ar, governorate(v.place).name_ar), e

    def mapping(self):
        return '''# Documentation centre (Arabic list): UTF-8 CSV, full names in one column.
[options]
date_order = "ymd"

[fields]
record_id = "رقم"
name = "الاسم الكامل"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الوفاة"
place = "مكان الوفاة"
governorate = "المحافظة"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


class DocsEnglish(IndependentList):
    id, name, reliability, language = "docs-en", "Human rights network (English list)", "B", "en"
    header = ("ID", "Name", "Sex", "Age", "Date", "Location", "Governorate")
    duplicate_rate = 0.04

    def row(self, v):
        rng, e = self.rng, {"latin_script"}
        parts = [self.lat(v.given, e, 0.4)]
        if rng.random() < 0.6:
            parts.append(self.lat(v.father, e, 0.4))
        else:
            e.add("missing_father")
        parts.append(self.lat(v.family, e, 0.4, family=True))
        d = v.date
        if rng.random() < 0.05:
            d = d + dt.timedelta(days=rng.choice((-1, 1)))
            e.add("date_shift")
        date = f"{d.day:02d}/{d.month:02d}/{d.year}"
        if rng.random() < 0.04:
            date = ""
            e.add("missing_date")
        if rng.random() < 0.7:
            where = latin_place(v.place, rng)
        else:
            where = latin_place(district(v.place), rng)
            e.add("district_only")
        sex = "" if rng.random() < 0.1 else v.sex.title()
        age = "" if rng.random() < 0.3 else str(v.age)
        return (" ".join(parts), sex, age, date, where, governorate(v.place).name_en), e

    def mapping(self):
        return '''# Human rights network (English list): UTF-8 CSV, Latin names, day/month/year dates.
[options]
date_order = "dmy"

[fields]
record_id = "ID"
name = "Name"
sex = "Sex"
age = "Age"
date_of_death = "Date"
place = "Location"
governorate = "Governorate"

[values.sex]
"Male" = "male"
"Female" = "female"
'''


class NewsList(IndependentList):
    kind, reliability, language = "news_outlet", "C", "en"
    header = ("id", "name", "sex", "age", "date", "place")
    duplicate_rate = 0.1
    latin_share = 0.8

    def row(self, v):
        rng, e = self.rng, set()
        if rng.random() < self.latin_share:
            e.add("latin_script")
            given, family = self.lat(v.given, e, 0.5), self.lat(v.family, e, 0.5, family=True)
        else:
            given, family = self.ar(v.given, e, 0.4), self.ar(v.family, e, 0.4, family=True)
        lag = rng.choices((0, 1, 2, 3), weights=(30, 35, 20, 15))[0]
        e.add(f"report_lag_{lag}")
        date = (v.date + dt.timedelta(days=lag)).isoformat()
        gov = governorate(v.place)
        latin = "latin_script" in e
        u = rng.random()
        if gov.id == "SY03":  # Rural Damascus is itself "the Damascus countryside"
            where = "Damascus countryside" if latin else "ريف دمشق"
        elif u < 0.45:
            where = gov.name_en if latin else gov.name_ar
        elif u < 0.8:
            where = f"{gov.name_en} countryside" if latin else f"ريف {gov.name_ar}"
        else:
            where = f"{gov.name_en} province" if latin else f"محافظة {gov.name_ar}"
        e.add("governorate_only")
        sex = v.sex if rng.random() < 0.5 else ""
        age = str(v.age) if rng.random() < 0.1 else ""
        return (f"{given} {family}", sex, age, date, where), e

    def mapping(self):
        return f'''# {self.name}: names from news reports; the date is the report date.
[options]
date_order = "ymd"

[fields]
record_id = "id"
name = "name"
sex = "sex"
age = "age"
date_of_death = "date"
place = "place"
'''


class NewsA(NewsList):
    id, name = "news-a", "News monitor A (victims named in reports)"
    latin_share = 0.85


class NewsB(NewsList):
    id, name = "news-b", "News monitor B (victims named in reports)"
    latin_share = 0.7


class Hospital(IndependentList):
    id, name, kind, reliability, language = "hospital", "Hospital and morgue registers", "official", "C", "ar"
    header = ("رقم القيد", "الاسم", "الجنس", "العمر التقريبي", "تاريخ الاستلام", "المشفى", "المحافظة")
    duplicate_rate = 0.05

    def row(self, v):
        rng, e = self.rng, set()
        parts = [self.ar(v.given, e, 0.3)]
        if rng.random() < 0.85:
            parts.append(self.ar(v.father, e, 0.3))
        else:
            e.add("missing_father")
        if rng.random() < 0.3:
            parts.append(self.ar(v.grandfather, e, 0.3))
        parts.append(self.ar(v.family, e, 0.3, family=True))
        lag = rng.choices((0, 1, 2), weights=(55, 30, 15))[0]
        e.add(f"received_lag_{lag}")
        centre = district(v.place)
        e.add("district_centre")
        age = "" if rng.random() < 0.2 else str(5 * round(v.age / 5))
        return (" ".join(parts), "ذكر" if v.sex == "male" else "أنثى", age,
                (v.date + dt.timedelta(days=lag)).isoformat(), centre.name_ar,
                governorate(v.place).name_ar), e

    def mapping(self):
        return '''# Hospital and morgue registers: UTF-8 CSV; the place is the hospital's town.
[options]
date_order = "ymd"

[fields]
record_id = "رقم القيد"
name = "الاسم"
sex = "الجنس"
age = "العمر التقريبي"
date_of_death = "تاريخ الاستلام"
place = "المشفى"
governorate = "المحافظة"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


LISTS = (DocsArabic, DocsEnglish, NewsA, NewsB, Hospital)
#: Base capture probability per victim, and how much a large incident adds (news).
CAPTURE = {"docs-ar": (0.5, 0.0), "docs-en": (0.3, 0.0), "news-a": (0.12, 0.03),
           "news-b": (0.1, 0.025), "hospital": (0.3, 0.0)}
