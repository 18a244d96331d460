"""One writer per documenting source: its file format, columns and errors.

Each writer turns a true :class:`~tally.simulate.population.Person` into one
row of its list, written the way that source writes, and returns the
record id and the set of variations it applied (kept in the truth files).
Every writer streams to disk and has a mapping file that ingests its list
through ``tally ingest --mapping``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

from tally.simulate.config import SourceProfile
from tally.simulate.population import Person
from tally.simulate.tables import Name
from tally.simulate.variation import (
    age_range,
    arabic_form,
    arabic_orthography,
    drop_hamza,
    has_hamza,
    latin_family,
    latin_form,
    typo,
)
from tally.simulate.xlsx import XlsxWriter

UNIDENTIFIED_AR = "مجهول الهوية"
UNIDENTIFIED_EN = {"male": ("Unidentified man", "Unknown", "Unidentified"),
                   "female": ("Unidentified woman", "Unknown", "Unidentified")}

PERPETRATOR_AR = {
    "unidentified gunmen": "مسلحون مجهولون",
    "government-affiliated forces": "قوات تابعة للحكومة",
    "pro-government armed factions": "فصائل مسلحة موالية للحكومة",
    "former-regime loyalist insurgents": "مسلحون موالون للنظام السابق",
    "ISIS": "تنظيم الدولة",
    "SDF": "قسد",
    "Turkish-backed factions": "فصائل مدعومة من تركيا",
    "Israeli forces": "القوات الإسرائيلية",
    "tribal fighters": "مقاتلو العشائر",
    "Druze armed groups": "فصائل درزية مسلحة",
    "explosive remnants of war": "مخلفات حرب",
}
CAUSE_AR = {
    "shooting": "إطلاق نار",
    "assassination": "اغتيال",
    "clashes": "اشتباكات",
    "explosion": "انفجار",
    "abduction and killing": "خطف وقتل",
    "airstrike": "غارة جوية",
    "mass killing": "مجزرة",
    "execution": "إعدام ميداني",
}
_CP1256_FIX = str.maketrans({"ی": "ي", "ێ": "ي", "ک": "ك", "ە": "ه", "ۆ": "و", "ڕ": "ر", "ڵ": "ل"})


def cp1256_safe(text: str) -> str:
    """What a Windows-1256 form would keep of ``text`` (Kurdish letters → Arabic)."""
    try:
        text.encode("cp1256")
        return text
    except UnicodeEncodeError:
        text = text.translate(_CP1256_FIX)
        return "".join(c for c in text if _encodable(c))


def _encodable(c: str) -> bool:
    try:
        c.encode("cp1256")
        return True
    except UnicodeEncodeError:
        return False


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x0600 for c in text)


class ListWriter:
    """Base: a source profile, a generator of its own and a record counter."""

    prefix = "R"

    def __init__(self, outdir: Path, profile: SourceProfile, rng: random.Random) -> None:
        self.profile = profile
        self.rng = rng
        self.rates = profile.errors
        self.path = outdir / profile.file
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def next_id(self) -> str:
        self.count += 1
        return f"{self.prefix}-{self.count:07d}"

    def hit(self, error: str) -> bool:
        return self.rng.random() < self.rates.get(error, 0.0)

    def arabic(self, name: Name, applied: set[str]) -> str:
        form = arabic_form(name, self.rng)
        if form != name.arabic[0]:
            applied.add("alt_form")
        return form

    def write(self, person: Person) -> tuple[str, set[str]]:  # pragma: no cover
        raise NotImplementedError

    def mapping(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:
        self._file.close()


class _CsvWriter(ListWriter):
    encoding = "utf-8"
    delimiter = ","
    header: tuple[str, ...] = ()

    def __init__(self, outdir, profile, rng) -> None:
        super().__init__(outdir, profile, rng)
        self._file = open(self.path, "w", encoding=self.encoding, newline="")
        self._csv = csv.writer(self._file, delimiter=self.delimiter, lineterminator="\r\n")
        self._csv.writerow(self.header)


class ArabicListWriter(_CsvWriter):
    """A rights group's Arabic list: Windows-1256, ';', name parts in columns."""

    prefix = "AR"
    encoding = "cp1256"
    delimiter = ";"
    header = ("الرقم", "الاسم", "اسم الأب", "اسم الجد", "الكنية", "اسم الأم", "الجنس", "العمر",
              "تاريخ الوفاة", "المكان", "المنطقة", "المحافظة", "الصفة", "سبب الوفاة", "الجهة المسؤولة")

    def _part(self, name: Name, applied: set[str]) -> str:
        text, done = arabic_orthography(self.arabic(name, applied), self.rng, self.rates)
        applied |= done
        return cp1256_safe(text)

    def write(self, person: Person) -> tuple[str, set[str]]:
        rng, applied = self.rng, set()
        rid = self.next_id()
        given = self._part(person.given, applied)
        father = self._part(person.father, applied)
        grandfather = ""
        if self.hit("missing_grandfather"):
            applied.add("missing_grandfather")
        else:
            grandfather = self._part(person.grandfather, applied)
        family = self._part(person.family, applied)
        if family.startswith("ال") and len(family) > 4 and self.hit("no_article"):
            family = family[2:]
            applied.add("no_article")
        mother = self._part(person.mother, applied) if rng.random() < 0.3 else ""
        age = ""
        if self.hit("missing_age"):
            applied.add("missing_age")
        else:
            age = str(person.age)
        date = person.date
        if self.hit("date_shift"):
            date += dt.timedelta(days=rng.choice((-1, 1)))
            applied.add("date_shift")
        self._csv.writerow((
            rid, given, father, grandfather, family, mother,
            "ذكر" if person.sex == "male" else "أنثى", age, date.isoformat(),
            cp1256_safe(person.place.name_ar), cp1256_safe(person.place.district_ar),
            cp1256_safe(person.place.governorate_ar),
            _STATUS_WORDS["ar"].get(person.status, "عسكري"),
            CAUSE_AR.get(person.cause, ""),
            PERPETRATOR_AR.get(person.perpetrator, "") if rng.random() < 0.5 else "",
        ))
        return rid, applied

    def mapping(self) -> str:
        return f'''# {self.profile.name}: Arabic, Windows-1256, ';'-separated, name parts in columns.
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
mother_name = "اسم الأم"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الوفاة"
place = "المكان"
district = "المنطقة"
governorate = "المحافظة"
status = "الصفة"
cause = "سبب الوفاة"
perpetrator_claimed = "الجهة المسؤولة"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
"انثى" = "female"

[values.status]
"مدني" = "civilian"
"عسكري" = "combatant"
'''


class EnglishListWriter(ListWriter):
    """An English list kept in Excel: transliterated full names, district only."""

    prefix = "EN"
    header = ("No.", "Full name", "Gender", "Age", "Date of death", "District", "Governorate",
              "Status", "Alleged perpetrator", "Notes")

    def __init__(self, outdir, profile, rng) -> None:
        super().__init__(outdir, profile, rng)
        self._file = XlsxWriter(self.path, "Victims")
        self._file.row(self.header)

    def write(self, person: Person) -> tuple[str, set[str]]:
        rng, applied = self.rng, set()
        rid = self.next_id()
        p = self.rates.get("translit_variant", 0.0)
        parts = []
        if self.hit("unidentified"):
            applied.add("unidentified")
            parts.append(rng.choice(UNIDENTIFIED_EN[person.sex]))
            p = -1.0  # no name parts follow
        for role, name in (("given", person.given), ("father", person.father), ("family", person.family)):
            is_family = role == "family"
            if p < 0:
                break
            if role == "father" and self.hit("missing_father"):
                applied.add("missing_father")
                continue
            text, varied = latin_family(name, rng, p) if is_family else latin_form(name, rng, p)
            if varied:
                applied.add("translit_variant")
            parts.append(text)
        u = rng.random()
        missing = self.rates.get("missing_age", 0.0)
        if u < missing:
            age: object = ""
            applied.add("missing_age")
        elif u < missing + self.rates.get("age_range", 0.0):
            age = age_range(person.age, rng)
            applied.add("age_range")
        else:
            age = person.age
        if self.hit("month_only"):
            date: object = person.date.strftime("%Y-%m")
            applied.add("month_only")
        else:
            date = person.date
        district = person.place.district
        alts = [a for a in person.place.district_alts if _is_latin(a)]
        if alts and self.hit("place_alt"):
            district = alts[rng.randrange(len(alts))]
            applied.add("place_alt")
        self._file.row((
            rid, " ".join(parts), "M" if person.sex == "male" else "F", age, date, district,
            person.place.governorate, _STATUS_WORDS["en"].get(person.status, "Fighter"),
            person.perpetrator if rng.random() < 0.6 else "", "",
        ))
        return rid, applied

    def mapping(self) -> str:
        return f'''# {self.profile.name}: XLSX, full names in Latin script, districts only.
[options]
sheet = "Victims"

[fields]
record_id = "No."
name = "Full name"
given_name = {{ split = "Full name", part = 1 }}
sex = "Gender"
age = "Age"
date_of_death = "Date of death"
district = "District"
governorate = "Governorate"
status = "Status"
perpetrator_claimed = "Alleged perpetrator"
notes = "Notes"

[values.sex]
"M" = "male"
"F" = "female"

[values.status]
"Civilian" = "civilian"
"Fighter" = "combatant"
'''


class MixedListWriter(_CsvWriter):
    """Local committees' list: Arabic and Latin script, typos, kunyas, repeats."""

    prefix = "LC"
    encoding = "utf-8-sig"
    header = ("id", "name", "sex", "age", "date", "place", "governorate", "notes")

    def write(self, person: Person, duplicate: bool = False) -> tuple[str, set[str]]:
        rng, applied = self.rng, set()
        rid = self.next_id()
        if duplicate:
            applied.add("duplicate")
        latin = self.hit("latin_script")
        if latin:
            applied.add("latin_script")

        def form(name: Name, family: bool = False) -> str:
            if latin:
                text, varied = (latin_family if family else latin_form)(name, rng, 0.5)
                if varied:
                    applied.add("translit_variant")
                return text
            text, done = arabic_orthography(self.arabic(name, applied), rng,
                                            {"hamza": 0.3, "ta_marbuta": 0.2, "abd_spacing": 0.3})
            applied.update(done)
            return text

        given = form(person.given)
        if person.kunya is not None and self.hit("kunya"):
            if latin:
                given = ("Abu " if person.sex == "male" else "Umm ") + latin_form(person.kunya, rng, 0.3)[0]
            else:
                given = ("أبو " if person.sex == "male" else "أم ") + person.kunya.arabic[0]
            applied.add("kunya")
        parts = [given]
        if rng.random() < 0.7:
            parts.append(form(person.father))
        family = form(person.family, True)
        if self.hit("swapped_order"):
            parts.insert(0, family)
            applied.add("swapped_order")
        else:
            parts.append(family)
        name = " ".join(parts)
        if self.hit("typo"):
            name = typo(name, rng)
            applied.add("typo")
        sex = ""
        if self.hit("missing_sex"):
            applied.add("missing_sex")
        elif latin:
            sex = "m" if person.sex == "male" else "f"
        else:
            sex = "ذكر" if person.sex == "male" else "أنثى"
        age = ""
        if self.hit("missing_age"):
            applied.add("missing_age")
        else:
            age = str(person.age)
        place = person.place
        if latin:
            alts = [a for a in place.alts if _is_latin(a)]
            where = alts[rng.randrange(len(alts))] if alts and rng.random() < 0.4 else place.name
            gov = place.governorate
        else:
            where, gov = place.name_ar, place.governorate_ar
        d = person.date
        self._csv.writerow((rid, name, sex, age, f"{d.day}/{d.month}/{d.year}", where, gov, ""))
        return rid, applied

    def mapping(self) -> str:
        return f'''# {self.profile.name}: UTF-8 CSV, names in Arabic or Latin script, day/month/year dates.
[options]
date_order = "dmy"

[fields]
record_id = "id"
name = "name"
sex = "sex"
age = "age"
date_of_death = "date"
place = "place"
governorate = "governorate"
notes = "notes"

[values.sex]
"m" = "male"
"f" = "female"
"ذكر" = "male"
"أنثى" = "female"
'''


HOSPITALS = {
    "SY01": "مشفى المجتهد", "SY02": "مشفى الرازي", "SY03": "مشفى دوما", "SY04": "مشفى حمص الوطني",
    "SY05": "مشفى حماة الوطني", "SY06": "مشفى اللاذقية الوطني", "SY07": "مشفى إدلب المركزي",
    "SY08": "مشفى الحسكة الوطني", "SY09": "مشفى دير الزور", "SY10": "مشفى بانياس الوطني",
    "SY11": "مشفى الرقة", "SY12": "مشفى درعا الوطني", "SY13": "مشفى السويداء الوطني",
    "SY14": "مشفى القنيطرة",
}


class MorgueListWriter(_CsvWriter):
    """Hospital morgue registers: UTF-16 tab text, many bodies unidentified."""

    prefix = "MG"
    encoding = "utf-16"
    delimiter = "\t"
    header = ("رقم الجثة", "الاسم الكامل", "الجنس", "العمر التقريبي", "تاريخ الاستلام",
              "مكان العثور", "المحافظة", "المشفى", "ملاحظات")

    def write(self, person: Person) -> tuple[str, set[str]]:
        rng, applied = self.rng, set()
        rid = self.next_id()
        note = ""
        if self.hit("unidentified"):
            applied.add("unidentified")
            name = UNIDENTIFIED_AR
            age = age_range(person.age, rng)
            note = "جثة مجهولة الهوية"
        else:
            parts = [self.arabic(person.given, applied)]
            if self.hit("missing_father"):
                applied.add("missing_father")
            else:
                parts.append(self.arabic(person.father, applied))
            parts.append(self.arabic(person.family, applied))
            name = " ".join(parts)
            age = str(person.age)
        date = person.date
        if self.hit("date_received_later"):
            date += dt.timedelta(days=1)
            applied.add("date_received_later")
        gov = person.place.gov_id
        self._csv.writerow((
            rid, name, "ذكر" if person.sex == "male" else "أنثى", age, date.isoformat(),
            person.place.name_ar, person.place.governorate_ar, HOSPITALS.get(gov, "مشفى"), note,
        ))
        return rid, applied

    def mapping(self) -> str:
        return f'''# {self.profile.name}: UTF-16 tab-separated text (Excel "Unicode text").
# Unidentified bodies carry the name "{UNIDENTIFIED_AR}": a placeholder, not a name.
[fields]
record_id = "رقم الجثة"
name = "الاسم الكامل"
sex = "الجنس"
age = "العمر التقريبي"
date_of_death = "تاريخ الاستلام"
place = "مكان العثور"
governorate = "المحافظة"
notes = ["ملاحظات", "المشفى"]

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


class MonitorListWriter(ListWriter):
    """A monitoring network's JSON-lines export: Arabic names, birth years."""

    prefix = "MN"

    def __init__(self, outdir, profile, rng) -> None:
        super().__init__(outdir, profile, rng)
        self._file = open(self.path, "w", encoding="utf-8", newline="\n")

    def write(self, person: Person) -> tuple[str, set[str]]:
        rng, applied = self.rng, set()
        rid = self.next_id()
        parts = []
        for role, name in (("given", person.given), ("father", person.father), ("family", person.family)):
            if role == "father" and self.hit("missing_father"):
                applied.add("missing_father")
                continue
            text = self.arabic(name, applied)
            if has_hamza(text) and self.hit("hamza"):
                text = drop_hamza(text)
                applied.add("hamza")
            parts.append(text)
        birth = person.date.year - person.age
        if self.hit("birth_year_off"):
            birth += rng.choice((-1, 1))
            applied.add("birth_year_off")
        area = person.place.name_ar
        if self.hit("governorate_only"):
            area = None
            applied.add("governorate_only")
        row = {
            "id": rid, "name": " ".join(parts), "gender": person.sex, "birth_year": birth,
            "date": person.date.isoformat(), "governorate": person.place.governorate,
            "area": area, "status": _STATUS_WORDS["monitor"].get(person.status, person.status),
            "perpetrator": person.perpetrator if rng.random() < 0.7 else None,
        }
        self._file.write(json.dumps(row, ensure_ascii=False) + "\n")
        return rid, applied

    def mapping(self) -> str:
        return f'''# {self.profile.name}: JSON lines, one victim per line.
[fields]
record_id = "id"
name = "name"
sex = "gender"
birth_year = "birth_year"
date_of_death = "date"
governorate = "governorate"
place = "area"
status = "status"
perpetrator_claimed = "perpetrator"
'''


#: How each list writes a status. civilian and combatant are every simulation's; the
#: rest only people outside the scope carry (``simulate_conflict(out_of_scope=...)``):
#: a death never confirmed is written as the list would ("Missing", "مفقود"), or not at all.
_STATUS_WORDS: dict[str, dict[str, str]] = {
    "ar": {"civilian": "مدني", "combatant": "عسكري", "missing": "مفقود",
           "unconfirmed": "غير مؤكد", "": ""},
    "en": {"civilian": "Civilian", "combatant": "Fighter", "missing": "Missing",
           "unconfirmed": "Not confirmed", "": ""},
    "monitor": {"missing": "missing", "unconfirmed": "not confirmed", "": ""},
}


WRITERS: dict[str, type[ListWriter]] = {
    "rg-ar": ArabicListWriter,
    "rg-en": EnglishListWriter,
    "local": MixedListWriter,
    "morgue": MorgueListWriter,
    "monitor": MonitorListWriter,
}
