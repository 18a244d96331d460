"""The six lists of the field profile, each written the way its kind of source writes.

Every writer turns a :class:`~tally.simulate.field.families.Person` into one
row and returns the record id, the variations applied and the record's
annotations (list kind, thin, script, date form and offset, place level).
A re-entry (within-list duplicate) is the same call again: all its spellings
are drawn afresh, as when one source enters a victim from two reports.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from tally.simulate.field import spelling
from tally.simulate.field.families import Person
from tally.simulate.field.places import GOVERNORATES, district_centre

UNIDENTIFIED_AR = "مجهول الهوية"


@dataclass(frozen=True)
class ListSpec:
    id: str
    name: str
    kind: str           # Tally source kind
    list_kind: str      # rights_ar, rights_en, news, morgue (truth annotation)
    reliability: str
    language: str
    file: str
    capture: float      # base probability that the list holds a victim
    duplicate: float    # probability that a captured victim is entered a second time
    errors: dict = field(default_factory=dict)

    @property
    def mapping(self) -> str:
        return f"mappings/{self.id}.toml"


@dataclass
class Written:
    record_id: str
    errors: set
    script: str
    thin: bool
    date_form: str      # day, month, missing
    date_offset: str    # record date - true date in days ("" unless day)
    place_level: str    # village, district, governorate


class Writer:
    prefix = "R"
    header: tuple[str, ...] = ()
    encoding = "utf-8"
    delimiter = ","

    def __init__(self, outdir: Path, spec: ListSpec, rng: random.Random) -> None:
        self.spec = spec
        self.rng = rng
        self.rates = spec.errors
        self.count = 0
        path = outdir / spec.file
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(path, "w", encoding=self.encoding, newline="")
        self._csv = csv.writer(self._file, delimiter=self.delimiter, lineterminator="\r\n")
        if self.header:
            self._csv.writerow(self.header)
        self.style = spelling.Style(rng, loyalty=self.rates.get("style_loyalty", 0.8),
                                    drift=self.rates.get("translit_drift", 0.1))

    def hit(self, what: str) -> bool:
        return self.rng.random() < self.rates.get(what, 0.0)

    def next_id(self) -> str:
        self.count += 1
        return f"{self.prefix}-{self.count:06d}"

    def close(self) -> None:
        self._file.close()

    # -- shared pieces --------------------------------------------------------------
    def ar(self, name, applied: set, family: bool = False) -> str:
        text = spelling.arabic(name.ar, self.rng, self.rates, applied, family)
        if self.hit("typo"):
            text = spelling.typo(text, self.rng)
            applied.add("typo")
        return text

    def la(self, name, applied: set, family: bool = False) -> str:
        text = self.style.family(name.en, applied) if family else self.style.given(name.en, applied)
        if self.hit("typo"):
            text = spelling.typo(text, self.rng)
            applied.add("typo")
        return text

    def exact_date(self, p: Person, applied: set) -> tuple[str, str, str]:
        """(text, form, offset) for a list that records the date of death."""
        if self.hit("date_missing"):
            applied.add("date_missing")
            return "", "missing", ""
        if self.hit("date_month"):
            applied.add("date_month")
            return p.date.strftime("%Y-%m"), "month", ""
        shift = 0
        if self.hit("date_shift"):
            shift = self.rng.choice((-2, -1, -1, 1, 1, 2))
            applied.add("date_shift")
        return (p.date + dt.timedelta(days=shift)).isoformat(), "day", str(shift)

    def later_date(self, p: Person, weights: tuple[float, ...], applied: set) -> tuple[dt.date, str]:
        lag = self.rng.choices(range(len(weights)), weights)[0]
        if lag:
            applied.add(f"date_later_{lag}")
        return p.date + dt.timedelta(days=lag), str(lag)

    def sex_ar(self, p: Person) -> str:
        return "ذكر" if p.sex == "male" else "أنثى"


class RightsArabic(Writer):
    """A rights group's Arabic list: four name parts in columns, village, exact date."""

    prefix = "HA"
    encoding = "cp1256"
    delimiter = ";"
    header = ("الرقم", "الاسم", "اسم الأب", "اسم الجد", "الكنية", "الجنس", "العمر", "تاريخ الوفاة",
              "القرية", "المنطقة", "المحافظة")

    def write(self, p: Person) -> Written:
        applied: set = set()
        rid = self.next_id()
        given, father = self.ar(p.given, applied), self.ar(p.father, applied)
        grandfather = ""
        if self.hit("missing_grandfather"):
            applied.add("missing_grandfather")
        else:
            grandfather = self.ar(p.grandfather, applied)
        family = self.ar(p.family, applied, family=True)
        date, form, offset = self.exact_date(p, applied)
        level = "village"
        village = p.place.name_ar
        if self.hit("place_district"):
            village, level = "", "district"
            applied.add("place_district")
        age = "" if self.hit("age_missing") else str(p.age)
        sex = "" if self.hit("sex_missing") else self.sex_ar(p)
        self._csv.writerow((rid, given, father, grandfather, family, sex, age, date, _cp(village),
                            _cp(p.place.district_ar), GOVERNORATES[p.place.governorate].ar))
        return Written(rid, applied, "arabic", False, form, offset, level)

    def mapping(self) -> str:
        return f'''# {self.spec.name}: Arabic, Windows-1256, ';'-separated, name parts in columns.
[options]
encoding = "windows-1256"
delimiter = ";"
date_order = "ymd"

[fields]
record_id = "الرقم"
name = {{ join = ["الاسم", "اسم الأب", "اسم الجد", "الكنية"], sep = " " }}
given_name = "الاسم"
father_name = "اسم الأب"
grandfather_name = "اسم الجد"
family_name = "الكنية"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الوفاة"
place = ["القرية", "المنطقة"]
district = "المنطقة"
governorate = "المحافظة"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


class RightsArabicText(Writer):
    """A community documentation network: the full name as one Arabic string, JSON lines."""

    prefix = "HB"

    def __init__(self, outdir, spec, rng) -> None:
        self.spec, self.rng, self.rates, self.count = spec, rng, spec.errors, 0
        path = outdir / spec.file
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(path, "w", encoding="utf-8", newline="\n")

    def write(self, p: Person) -> Written:
        applied: set = set()
        rid = self.next_id()
        parts = [self.ar(p.given, applied)]
        if self.hit("missing_father"):
            applied.add("missing_father")
        else:
            parts.append(self.ar(p.father, applied))
        if self.hit("with_grandfather"):
            parts.append(self.ar(p.grandfather, applied))
        family = self.ar(p.family, applied, family=True)
        if self.hit("swapped"):
            parts.insert(0, family)
            applied.add("swapped")
        else:
            parts.append(family)
        date, form, offset = self.exact_date(p, applied)
        r = self.rng.random()
        gov = GOVERNORATES[p.place.governorate]
        if r < self.rates["place_village"]:
            location, level = p.place.name_ar, "village"
        elif r < self.rates["place_village"] + self.rates["place_district"]:
            location, level = p.place.district_ar, "district"
        else:
            location, level = gov.ar, "governorate"
        row = {"id": rid, "full_name": " ".join(parts), "gender": self.sex_ar(p),
               "age": p.age if not self.hit("age_missing") else None, "date": date or None,
               "location": location, "governorate": gov.ar}
        self._file.write(json.dumps(row, ensure_ascii=False) + "\n")
        return Written(rid, applied, "arabic", False, form, offset, level)

    def mapping(self) -> str:
        return f'''# {self.spec.name}: JSON lines, the full name as one Arabic string.
[options]
date_order = "ymd"

[fields]
record_id = "id"
name = "full_name"
sex = "gender"
age = "age"
date_of_death = "date"
place = "location"
governorate = "governorate"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


class RightsEnglish(Writer):
    """An English-language list: Latin transliterations in the list's own conventions."""

    prefix = "HE"
    header = ("ID", "Name", "Sex", "Age", "Date of death", "Location", "Governorate")

    def write(self, p: Person) -> Written:
        applied: set = {"latin_script"}
        rid = self.next_id()
        parts = [self.la(p.given, applied)]
        if not self.hit("missing_father"):
            parts.append(self.la(p.father, applied))
        else:
            applied.add("missing_father")
        if self.hit("with_grandfather"):
            parts.append(self.la(p.grandfather, applied))
        family = self.la(p.family, applied, family=True)
        if self.hit("swapped"):
            parts.insert(0, family)
            applied.add("swapped")
        else:
            parts.append(family)
        date, form, offset = self.exact_date(p, applied)
        if date and form == "day":
            d = dt.date.fromisoformat(date)
            date = f"{d.day:02d}/{d.month:02d}/{d.year}"
        gov = GOVERNORATES[p.place.governorate]
        r = self.rng.random()
        if r < self.rates["place_village"]:
            location, level = p.place.name, "village"
        elif r < self.rates["place_village"] + self.rates["place_district"]:
            location, level = p.place.district, "district"
        else:
            location, level = "", "governorate"
        age = "" if self.hit("age_missing") else str(p.age)
        sex = "" if self.hit("sex_missing") else ("M" if p.sex == "male" else "F")
        self._csv.writerow((rid, " ".join(parts), sex, age, date, location, gov.en[0]))
        return Written(rid, applied, "latin", False, form, offset, level)

    def mapping(self) -> str:
        return f'''# {self.spec.name}: CSV, Latin-script names, dates day/month/year.
[options]
date_order = "dmy"

[fields]
record_id = "ID"
name = "Name"
sex = "Sex"
age = "Age"
date_of_death = "Date of death"
place = ["Location", "Governorate"]
governorate = "Governorate"

[values.sex]
"M" = "male"
"F" = "female"
'''


class NewsThin(Writer):
    """A list compiled from news reports: given + family only, report date, coarse place."""

    prefix = "NW"
    latin_header = ("entry", "name", "gender", "age", "reported", "location", "outlet")
    arabic_header = ("م", "الاسم", "الجنس", "العمر", "تاريخ النشر", "المكان")

    def __init__(self, outdir, spec, rng) -> None:
        self.arabic_list = spec.language == "ar"
        self.header = self.arabic_header if self.arabic_list else self.latin_header
        self.encoding = "utf-8-sig" if self.arabic_list else "utf-8"
        self.prefix = "NA" if self.arabic_list else "NE"
        super().__init__(outdir, spec, rng)

    def write(self, p: Person) -> Written:
        rng = self.rng
        applied: set = set()
        rid = self.next_id()
        latin = rng.random() < self.rates["latin"]
        if latin:
            applied.add("latin_script")
            given, family = self.la(p.given, applied), self.la(p.family, applied, family=True)
        else:
            given, family = self.ar(p.given, applied), self.ar(p.family, applied, family=True)
        name = f"{family} {given}" if self.hit("swapped") else f"{given} {family}"
        if name.startswith(family + " "):
            applied.add("swapped")
        date, offset = self.later_date(p, self.rates["report_lag"], applied)
        gov = GOVERNORATES[p.place.governorate]
        r = rng.random()
        if latin:
            g = gov.en[0] if rng.random() < 0.7 else rng.choice(gov.en)
            forms = (g, f"{g} countryside", f"{g} province")
        else:
            forms = (gov.ar, gov.countryside_ar, f"محافظة {gov.ar}")
        location = forms[0] if r < 0.5 else (forms[1] if r < 0.8 else forms[2])
        age = str(p.age) if self.hit("age_given") else ""
        sex = ""
        if self.hit("sex_given"):
            sex = ("male" if p.sex == "male" else "female") if latin else self.sex_ar(p)
        if self.arabic_list:
            row = (rid, name, sex, age, date.isoformat(), location)
        else:
            row = (rid, name, sex, age, f"{date.day:02d}/{date.month:02d}/{date.year}", location,
                   rng.choice(("SANA", "Enab Baladi", "Syria TV", "North Press", "Suwayda 24",
                               "Levant24", "Reuters", "AFP")))
        self._csv.writerow(row)
        return Written(rid, applied, "latin" if latin else "arabic", True, "day", offset, "governorate")

    def mapping(self) -> str:
        if self.arabic_list:
            return f'''# {self.spec.name}: names as posted (given and family only), date of the post.
[options]
date_order = "ymd"

[fields]
record_id = "م"
name = "الاسم"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ النشر"
place = "المكان"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
"male" = "male"
"female" = "female"
'''
        return f'''# {self.spec.name}: names from news reports (given and family only), date of the report.
[options]
date_order = "dmy"

[fields]
record_id = "entry"
name = "name"
sex = "gender"
age = "age"
date_of_death = "reported"
place = "location"
notes = "outlet"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


class Morgue(Writer):
    """Hospital and morgue registers: the district centre's hospital, the date received."""

    prefix = "HM"
    encoding = "utf-16"
    delimiter = "\t"
    header = ("رقم", "الاسم", "الجنس", "العمر التقريبي", "تاريخ الاستلام", "المدينة", "المشفى", "المحافظة")

    def write(self, p: Person) -> Written:
        rng = self.rng
        applied: set = set()
        rid = self.next_id()
        if self.hit("unidentified"):
            applied.add("unidentified")
            name = UNIDENTIFIED_AR
        else:
            parts = [self.ar(p.given, applied)]
            if self.hit("missing_father"):
                applied.add("missing_father")
            else:
                parts.append(self.ar(p.father, applied))
            parts.append(self.ar(p.family, applied, family=True))
            name = " ".join(parts)
        date, offset = self.later_date(p, self.rates["received_lag"], applied)
        age = ""
        if rng.random() < 0.6:
            age = str(max(0, 5 * round(p.age / 5))) if p.age >= 10 else str(p.age)
        centre = district_centre(p.place)
        self._csv.writerow((rid, name, self.sex_ar(p), age, date.isoformat(), centre.name_ar,
                            f"مشفى {centre.name_ar}", GOVERNORATES[p.place.governorate].ar))
        return Written(rid, applied, "arabic", False, "day", offset, "district")

    def mapping(self) -> str:
        return f'''# {self.spec.name}: UTF-16 tab-separated; the date the body was received.
[options]
encoding = "utf-16"
delimiter = "\\t"
date_order = "ymd"

[fields]
record_id = "رقم"
name = "الاسم"
sex = "الجنس"
age = "العمر التقريبي"
date_of_death = "تاريخ الاستلام"
place = "المدينة"
governorate = "المحافظة"
notes = "المشفى"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


def _cp(text: str) -> str:
    """What a Windows-1256 form keeps of ``text``."""
    return text.encode("cp1256", errors="ignore").decode("cp1256")


_AR_SPELL = {"hamza": 0.2, "ta_marbuta": 0.1, "alef_maqsura": 0.15, "abd_spacing": 0.4}

LISTS: tuple[ListSpec, ...] = (
    ListSpec("hr-ar", "Rights group A (Arabic)", "rights_group_list", "rights_ar", "B", "ar",
             "lists/hr-ar_cp1256.csv", 0.55, 0.04,
             {**_AR_SPELL, "no_article": 0.15, "typo": 0.02, "missing_grandfather": 0.15,
              "date_missing": 0.02, "date_month": 0.03, "date_shift": 0.05, "place_district": 0.1,
              "age_missing": 0.25, "sex_missing": 0.03}),
    ListSpec("hr-ar2", "Community documentation network (Arabic)", "rights_group_list", "rights_ar",
             "C", "ar", "lists/hr-ar2.jsonl", 0.35, 0.05,
             {**_AR_SPELL, "no_article": 0.25, "typo": 0.03, "missing_father": 0.05,
              "with_grandfather": 0.4, "swapped": 0.04, "date_missing": 0.04, "date_month": 0.08,
              "date_shift": 0.04, "place_village": 0.7, "place_district": 0.2, "age_missing": 0.4}),
    ListSpec("hr-en", "Rights group B (English)", "rights_group_list", "rights_en", "B", "en",
             "lists/hr-en.csv", 0.45, 0.04,
             {"style_loyalty": 0.8, "translit_drift": 0.12, "typo": 0.03, "missing_father": 0.15,
              "with_grandfather": 0.2, "swapped": 0.03, "date_missing": 0.04, "date_month": 0.04,
              "date_shift": 0.07, "place_village": 0.6, "place_district": 0.3, "age_missing": 0.3,
              "sex_missing": 0.05}),
    ListSpec("news-en", "News-derived list (English)", "news_outlet", "news", "C", "en",
             "lists/news-en.csv", 0.22, 0.10,
             {"latin": 0.9, "style_loyalty": 0.6, "translit_drift": 0.2, **_AR_SPELL, "typo": 0.04,
              "swapped": 0.03, "report_lag": (0.3, 0.35, 0.2, 0.15), "age_given": 0.1,
              "sex_given": 0.5}),
    ListSpec("news-ar", "Social-media monitor (Arabic)", "social_media", "news", "D", "ar",
             "lists/news-ar.csv", 0.22, 0.10,
             {"latin": 0.25, "style_loyalty": 0.6, "translit_drift": 0.2, **_AR_SPELL, "no_article": 0.2,
              "typo": 0.04, "swapped": 0.03, "report_lag": (0.35, 0.35, 0.2, 0.1), "age_given": 0.05,
              "sex_given": 0.5}),
    ListSpec("morgue", "Hospital and morgue registers", "official", "morgue", "B", "ar",
             "lists/morgue_utf16.txt", 0.25, 0.03,
             {**_AR_SPELL, "typo": 0.03, "missing_father": 0.2, "unidentified": 0.03,
              "received_lag": (0.5, 0.35, 0.15)}),
)

WRITERS = {"hr-ar": RightsArabic, "hr-ar2": RightsArabicText, "hr-en": RightsEnglish,
           "news-en": NewsThin, "news-ar": NewsThin, "morgue": Morgue}
