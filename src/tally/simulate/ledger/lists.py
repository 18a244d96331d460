"""The seven lists of the `ledger` profile, each written the way its kind of source writes.

=========  ==========================================================================
hrg-ar     rights group, Arabic (CSV, Windows-1256): full name in one cell, sex and
           age class in one cell ("ذكر طفل"), ISO dates, governorate + area
mon-en     monitor, English (XLSX): romanised names, typed Excel dates or month only,
           ages as numbers, ranges or "child", location village or district centre
news-en    news-derived (JSON lines): given + family only, English romanisation, the
           REPORT date, place "Latakia" / "Latakia countryside" / "Homs province"
news-fr    news-derived (CSV ';', UTF-8): given + family, French romanisation (Ch, Ou)
           or Arabic, report date dd/mm/yyyy, place a governorate or its countryside
hosp       hospital morgue register (UTF-16 tab text): name parts in columns, date the
           body was received (+0-2 days), the hospital's town, unidentified bodies
page       a town's community page (CSV, UTF-8 with BOM): Arabic or Latin, kunya and
           nicknames, "wife of" / "child of", "الشهيد" before names, repeats
civreg     municipal civil registry (XLSX): four-part names, mother's name, birth
           year, place of registration
=========  ==========================================================================
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from tally.simulate.ledger.names import Part, arabic_family, arabic_typo, arabic_variant, latin, latin_typo
from tally.simulate.ledger.people import Person
from tally.simulate.ledger.places import GOVERNORATES, Place, towns
from tally.simulate.xlsx import XlsxWriter

UNIDENTIFIED_AR = "مجهول الهوية"


@dataclass(frozen=True)
class ListInfo:
    id: str
    name: str
    kind: str
    reliability: str
    language: str
    file: str
    mapping: str
    list_kind: str
    style: str


def _gov(place: Place):
    return GOVERNORATES[place.gov]


class Writer:
    """A list: its file, a generator of its own, and how it writes one person."""

    info: ListInfo
    prefix = "R"
    #: share of its records the source enters twice (independently re-spelled)
    duplicate_share = 0.0
    #: how the file is written, for the simulation's README
    FORMAT = ""

    def __init__(self, outdir: Path, rng: random.Random) -> None:
        self.rng = rng
        self.path = outdir / self.info.file
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.open()

    def open(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def next_id(self) -> str:
        self.count += 1
        return f"{self.prefix}-{self.count:06d}"

    def hit(self, p: float) -> bool:
        return self.rng.random() < p

    # -- shared pieces ---------------------------------------------------------
    def ar(self, part: Part, tokens: set, rates: dict) -> str:
        return arabic_variant(part.ar, self.rng, rates, tokens)

    def ar_family(self, part: Part, tokens: set, rates: dict) -> str:
        return arabic_family(part, self.rng, rates, tokens)

    def lat(self, part: Part, habit: str, tokens: set, family: bool = False) -> str:
        return latin(part, habit, self.rng, family, tokens)

    def special(self, person: Person, rates: dict, latin_habit: str | None, tokens: set) -> str | None:
        """A kunya, a nickname or a relation in place of the name, at the list's rates."""
        rng = self.rng
        if person.husband is not None and rng.random() < rates.get("relation", 0):
            tokens.add("relation_form")
            if latin_habit:
                return (f"wife of {self.lat(person.husband, latin_habit, tokens)} "
                        f"{self.lat(person.husband_family, latin_habit, tokens, True)}")
            return f"زوجة {person.husband.ar} {person.husband_family.ar}"
        if person.age < 13 and rng.random() < rates.get("relation", 0):
            tokens.add("relation_form")
            if latin_habit:
                word = rng.choice(("child of", "son of" if person.sex == "male" else "daughter of"))
                return (f"{word} {self.lat(person.father, latin_habit, tokens)} "
                        f"{self.lat(person.family, latin_habit, tokens, True)}")
            word = rng.choice(("طفل" if person.sex == "male" else "طفلة",
                               "ابن" if person.sex == "male" else "ابنة"))
            return f"{word} {person.father.ar} {person.family.ar}"
        if person.kunya is not None and rng.random() < rates.get("kunya", 0):
            tokens.add("kunya")
            lead = ("أبو " if person.sex == "male" else "أم ") if not latin_habit else \
                (("Abu " if latin_habit != "french" else "Abou ") if person.sex == "male" else "Umm ")
            kunya = lead + (self.lat(person.kunya, latin_habit, tokens) if latin_habit else person.kunya.ar)
            fam = self.lat(person.family, latin_habit, tokens, True) if latin_habit else person.family.ar
            return f"{kunya} {fam}"
        if person.nickname is not None and rng.random() < rates.get("nickname", 0):
            tokens.add("nickname")
            nick = Part(*person.nickname)
            if latin_habit:
                return (f"{self.lat(nick, latin_habit, tokens)} "
                        f"{self.lat(person.family, latin_habit, tokens, True)}")
            return f"{nick.ar} {person.family.ar}"
        return None

    def arabic_name(self, person: Person, parts: str, rates: dict, tokens: set) -> str:
        """Given [father [grandfather]] family in Arabic script."""
        out = [self.ar(person.given, tokens, rates)]
        if parts in ("gf", "gfgf"):
            out.append(self.ar(person.father, tokens, rates))
        if parts == "gfgf":
            out.append(self.ar(person.grandfather, tokens, rates))
        out.append(self.ar_family(person.family, tokens, rates))
        if parts == "g-":
            tokens.add("given_family_only")
        text = " ".join(out)
        if self.rng.random() < rates.get("typo", 0):
            text = arabic_typo(text, self.rng)
            tokens.add("typo")
        return text

    def latin_name(self, person: Person, parts: str, habit: str, rates: dict, tokens: set) -> str:
        tokens.add(f"translit_{habit}")
        out = [self.lat(person.given, habit, tokens)]
        if parts in ("gf", "gfgf"):
            out.append(self.lat(person.father, habit, tokens))
        if parts == "gfgf":
            out.append(self.lat(person.grandfather, habit, tokens))
        out.append(self.lat(person.family, habit, tokens, True))
        text = " ".join(out)
        if self.rng.random() < rates.get("typo", 0):
            text = latin_typo(text, self.rng)
            tokens.add("typo")
        return text

    def shifted(self, person: Person, p_shift: float, tokens: set) -> tuple[dt.date, int]:
        if self.rng.random() < p_shift:
            k = self.rng.choice((-1, 1, 1, 2))
            tokens.add("date_shift")
            return person.date + dt.timedelta(days=k), k
        return person.date, 0

    def write(self, person: Person, duplicate: bool = False) -> tuple[str, set, dict]:
        rid = self.next_id()
        tokens: set[str] = {"duplicate"} if duplicate else set()
        ann = {"list_kind": self.info.list_kind, "thin": "0", "date_form": "day", "date_offset": "0",
               "place_level": "village", "script": "arabic"}
        self.row(rid, person, tokens, ann)
        if ann["script"] == "latin":
            tokens.add("latin_script")
        return rid, tokens, ann

    def row(self, rid: str, person: Person, tokens: set, ann: dict) -> None:  # pragma: no cover
        raise NotImplementedError

    def mapping(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:
        self._file.close()


class _Csv(Writer):
    encoding = "utf-8"
    delimiter = ","
    header: tuple[str, ...] = ()

    def open(self) -> None:
        self._file = open(self.path, "w", encoding=self.encoding, newline="")
        self._csv = csv.writer(self._file, delimiter=self.delimiter, lineterminator="\r\n")
        self._csv.writerow(self.header)


# -- 1. rights group, Arabic -------------------------------------------------------

class RightsArabic(_Csv):
    info = ListInfo("hrg-ar", "Syrian Martyrs Archive (rights group, Arabic list)", "rights_group_list",
                    "B", "ar", "lists/hrg_ar.csv", "mappings/hrg-ar.toml", "rights", "arabic")
    FORMAT = ('CSV, Windows-1256, CRLF; full name in one cell; sex and age class in one cell; '
              'ISO dates, some month only; area = village, district centre or blank')
    prefix = "HR"
    encoding = "cp1256"
    duplicate_share = 0.03
    header = ("الرقم", "الاسم", "الجنس والفئة العمرية", "المحافظة", "المنطقة", "تاريخ الاستشهاد",
              "سبب الاستشهاد", "الوضع", "ملاحظات")
    RATES = {"hamza": 0.3, "ta_marbuta": 0.25, "alef_maqsura": 0.25, "compound": 0.4, "no_article": 0.15,
             "typo": 0.03, "kunya": 0.03, "relation": 0.03, "nickname": 0.02}
    CAUSE = {"shooting": "إطلاق نار", "assassination": "اغتيال", "explosion": "انفجار", "clashes": "اشتباكات",
             "torture": "تعذيب", "landmine": "لغم أرضي", "field execution": "إعدام ميداني",
             "mass killing": "مجزرة", "shelling": "قصف", "drone strike": "غارة مسيرة",
             "suicide bombing": "تفجير انتحاري"}

    def row(self, rid, person, tokens, ann) -> None:
        rng = self.rng
        name = self.special(person, self.RATES, None, tokens)
        if name is None:
            u = rng.random()
            name = self.arabic_name(person, "gf" if u < 0.7 else "gfgf" if u < 0.8 else "g-", self.RATES, tokens)
        child = person.age < 18
        cls = ("ذكر" if person.sex == "male" else "أنثى") + " " + (
            ("طفل" if person.sex == "male" else "طفلة") if child else ("بالغ" if person.sex == "male" else "بالغة"))
        u = rng.random()
        if u < 0.75:
            area = person.place.ar
        elif u < 0.9:
            area, ann["place_level"] = person.place.centre.ar, "district"
        else:
            area, ann["place_level"] = "", "governorate"
        date, k = self.shifted(person, 0.04, tokens)
        if rng.random() < 0.03:
            text, ann["date_form"] = date.strftime("%Y-%m"), "month"
            tokens.add("month_only")
        else:
            text, ann["date_offset"] = date.isoformat(), str(k)
        self._csv.writerow((rid, name, cls, _gov(person.place).ar, area, text, self.CAUSE.get(person.cause, ""),
                            "مدني" if person.status == "civilian" else "غير مدني", ""))

    def mapping(self) -> str:
        return f'''# {self.info.name}: Windows-1256 CSV; one cell holds sex and age class.
[options]
encoding = "windows-1256"
delimiter = ","
date_order = "ymd"

[fields]
record_id = "الرقم"
name = "الاسم"
sex = "الجنس والفئة العمرية"
age = "الجنس والفئة العمرية"
governorate = "المحافظة"
place = "المنطقة"
date_of_death = "تاريخ الاستشهاد"
cause = "سبب الاستشهاد"
status = "الوضع"
notes = "ملاحظات"

[values.sex]
"ذكر بالغ" = "male"
"ذكر طفل" = "male"
"أنثى بالغة" = "female"
"أنثى طفلة" = "female"

[values.age]
"ذكر بالغ" = "adult"
"ذكر طفل" = "child"
"أنثى بالغة" = "adult"
"أنثى طفلة" = "child"

[values.status]
"مدني" = "civilian"
"غير مدني" = "combatant"
'''


# -- 2. monitor, English (xlsx) ---------------------------------------------------

class MonitorEnglish(Writer):
    info = ListInfo("mon-en", "Levant Casualty Monitor (English list)", "rights_group_list", "B", "en",
                    "lists/monitor_en.xlsx", "mappings/mon-en.toml", "monitor", "latin")
    FORMAT = ('XLSX (sheet Victims); '
              "romanised names (English, academic or French habit), some 'FAMILY, Given'; "
              "typed dates, month only or blank; ages, ranges, 'child'/'adult'")
    prefix = "ME"
    duplicate_share = 0.02
    RATES = {"typo": 0.04, "kunya": 0.02, "relation": 0.03, "nickname": 0.02}
    header = ("ID", "Name", "Sex", "Age", "Date of death", "Governorate", "Location", "Cause of death",
              "Civilian/Combatant", "Source")

    def open(self) -> None:
        self._file = XlsxWriter(self.path, "Victims")
        self._file.row(self.header)

    def row(self, rid, person, tokens, ann) -> None:
        rng = self.rng
        ann["script"] = "latin"
        u = rng.random()
        habit = "english" if u < 0.75 else "academic" if u < 0.9 else "french"
        name = self.special(person, self.RATES, habit, tokens)
        if name is None:
            if rng.random() < 0.03:  # a sorted register: "DIB, Ali Hasan"
                given = self.lat(person.given, habit, tokens)
                father = f" {self.lat(person.father, habit, tokens)}" if rng.random() < 0.6 else ""
                name = f"{self.lat(person.family, habit, tokens, True).upper()}, {given}{father}"
                tokens.update({"family_first", f"translit_{habit}"})
            else:
                name = self.latin_name(person, "gf" if rng.random() < 0.6 else "g-", habit, self.RATES, tokens)
            if person.kunya is not None and rng.random() < 0.03:
                name += f" (Abu {self.lat(person.kunya, habit, tokens)})"
                tokens.add("kunya_aside")
        u = rng.random()
        if u < 0.55:
            age: object = person.age
        elif u < 0.65:
            lo = person.age // 10 * 10
            age = f"{lo}-{lo + 10}"
            tokens.add("age_range")
        elif u < 0.75:
            age = "child" if person.age < 18 else "adult"
            tokens.add("age_category")
        else:
            age = ""
            tokens.add("missing_age")
        date, k = self.shifted(person, 0.03, tokens)
        u = rng.random()
        if u < 0.08:
            when: object = date.strftime("%Y-%m")
            ann["date_form"] = "month"
            tokens.add("month_only")
        elif u < 0.12:
            when = ""
            ann["date_form"] = "missing"
            tokens.add("missing_date")
        else:
            when, ann["date_offset"] = date, str(k)
        u = rng.random()
        if u < 0.6:
            where = person.place.plain if rng.random() < 0.7 or not person.place.alts else rng.choice(person.place.alts)
        elif u < 0.85:
            where, ann["place_level"] = person.place.centre.plain, "district"
        else:
            where, ann["place_level"] = "", "governorate"
        gov = _gov(person.place).latin
        self._file.row((rid, name, "Male" if person.sex == "male" else "Female", age, when,
                        gov[0] if rng.random() < 0.8 else gov[-1], where, person.cause.capitalize(),
                        "Civilian" if person.status == "civilian" else "Combatant",
                        rng.choice(("field team", "family", "local activists", "media"))))

    def mapping(self) -> str:
        return f'''# {self.info.name}: XLSX, sheet Victims; names romanised by several hands.
[options]
sheet = "Victims"

[fields]
record_id = "ID"
name = "Name"
sex = "Sex"
age = "Age"
date_of_death = "Date of death"
governorate = "Governorate"
place = "Location"
cause = "Cause of death"
status = "Civilian/Combatant"
notes = "Source"

[values.sex]
"Male" = "male"
"Female" = "female"

[values.status]
"Civilian" = "civilian"
"Combatant" = "combatant"
'''


# -- 3. and 4. news-derived lists --------------------------------------------------

def _report_lag(rng: random.Random) -> int:
    u = rng.random()
    return 0 if u < 0.3 else 1 if u < 0.65 else 2 if u < 0.85 else 3


class NewsEnglish(Writer):
    info = ListInfo("news-en", "Wire reports digest (names from English-language news)", "news_outlet",
                    "C", "en", "lists/news_en.jsonl", "mappings/news-en.toml", "news", "latin")
    FORMAT = ("JSON lines; given + family name (or 'wife of ...'), mostly Latin; "
              "the report date (0-3 days late); governorate, 'X countryside' or 'X province'; "
              'sex half the time, age rarely')
    prefix = "NE"
    duplicate_share = 0.05
    RATES = {"typo": 0.05, "kunya": 0.06, "relation": 0.12, "nickname": 0.04}
    OUTLETS = ("Reuters", "AP", "AFP (English)", "The National", "Syria Direct", "Enab Baladi (English)")

    def open(self) -> None:
        self._file = open(self.path, "w", encoding="utf-8", newline="\n")

    def row(self, rid, person, tokens, ann) -> None:
        rng = self.rng
        ann["thin"] = "1"
        ann["place_level"] = "governorate"
        arabic = rng.random() < 0.03
        ann["script"] = "arabic" if arabic else "latin"
        habit = None if arabic else ("english" if rng.random() < 0.9 else "academic")
        name = self.special(person, self.RATES, habit, tokens)
        if name is None:
            name = (self.arabic_name(person, "g-", {"hamza": 0.4, "typo": 0.03}, tokens) if arabic
                    else self.latin_name(person, "g-", habit, self.RATES, tokens))
        lag = _report_lag(rng)
        ann["date_offset"] = str(lag)
        tokens.add(f"report_lag_{lag}")
        gov = _gov(person.place)
        u = rng.random()
        if arabic:
            where = gov.ar if u < 0.5 else gov.countryside_ar if u < 0.8 else f"محافظة {gov.ar}"
        else:
            base = rng.choice(gov.latin)
            where = base if u < 0.5 else rng.choice(gov.countryside) if u < 0.8 else f"{base} province"
        row = {"id": rid, "name": name,
               "sex": (person.sex if rng.random() < 0.5 else None),
               "age": (person.age if rng.random() < 0.12 else None),
               "location": where, "reported": (person.date + dt.timedelta(days=lag)).isoformat(),
               "outlet": rng.choice(self.OUTLETS)}
        if row["sex"] is None:
            tokens.add("missing_sex")
        self._file.write(json.dumps(row, ensure_ascii=False) + "\n")

    def mapping(self) -> str:
        return f'''# {self.info.name}: JSON lines; the date is the day the report appeared.
[fields]
record_id = "id"
name = "name"
sex = "sex"
age = "age"
governorate = "location"
date_of_death = "reported"
notes = "outlet"
'''


class NewsFrench(_Csv):
    info = ListInfo("news-fr", "Revue de presse (names from French- and Arabic-language media)", "news_outlet",
                    "C", "fr", "lists/news_fr.csv", "mappings/news-fr.toml", "news", "latin")
    FORMAT = ("CSV ';', UTF-8; given + family in French romanisation or Arabic; "
              'report date dd/mm/yyyy; governorate, countryside or province (French or English)')
    prefix = "NF"
    delimiter = ";"
    duplicate_share = 0.04
    RATES = {"typo": 0.05, "kunya": 0.06, "relation": 0.1, "nickname": 0.04, "hamza": 0.4, "ta_marbuta": 0.3}
    header = ("Réf", "Nom", "Sexe", "Âge", "Lieu", "Date du rapport", "Média")

    def row(self, rid, person, tokens, ann) -> None:
        rng = self.rng
        ann["thin"] = "1"
        ann["place_level"] = "governorate"
        arabic = rng.random() < 0.25
        ann["script"] = "arabic" if arabic else "latin"
        habit = None if arabic else "french"
        name = self.special(person, self.RATES, habit, tokens)
        if name is None:
            name = (self.arabic_name(person, "g-", self.RATES, tokens) if arabic
                    else self.latin_name(person, "g-", "french", self.RATES, tokens))
        lag = _report_lag(rng)
        ann["date_offset"] = str(lag)
        tokens.add(f"report_lag_{lag}")
        gov = _gov(person.place)
        u = rng.random()
        if arabic:
            where = gov.ar if u < 0.5 else gov.countryside_ar if u < 0.85 else f"محافظة {gov.ar}"
            outlet = rng.choice(("Al Jazeera", "Syria TV", "Enab Baladi", "Al-Watan"))
        else:
            base = rng.choice(gov.french + gov.latin[:1])
            de = "d'" if base[0] in "AEIOU" else "de "
            where = (base if u < 0.5 else f"campagne {de}{base}" if u < 0.65 else rng.choice(gov.countryside)
                     if u < 0.85 else f"province {de}{base}")
            outlet = rng.choice(("AFP", "Le Monde", "RFI", "L'Orient-Le Jour", "France 24"))
        sex = ("H" if person.sex == "male" else "F") if rng.random() < 0.5 else ""
        if not sex:
            tokens.add("missing_sex")
        age = str(person.age) if rng.random() < 0.1 else ""
        d = person.date + dt.timedelta(days=lag)
        self._csv.writerow((rid, name, sex, age, where, f"{d.day:02d}/{d.month:02d}/{d.year}", outlet))

    def mapping(self) -> str:
        return f'''# {self.info.name}: CSV ';', UTF-8; dates day/month/year.
[options]
delimiter = ";"
date_order = "dmy"

[fields]
record_id = "Réf"
name = "Nom"
sex = "Sexe"
age = "Âge"
governorate = "Lieu"
date_of_death = "Date du rapport"
notes = "Média"

[values.sex]
"H" = "male"
"F" = "female"
'''


# -- 5. hospital morgue register ---------------------------------------------------

class Morgue(_Csv):
    info = ListInfo("hosp", "National hospitals' morgue registers", "official", "B", "ar",
                    "lists/hospital_morgue.txt", "mappings/hosp.toml", "morgue", "arabic")
    FORMAT = ("UTF-16 tab text; name parts in columns or 'مجهول الهوية'; "
              "date received (+0-2 days) yyyy/mm/dd; the hospital's town; age ranges")
    prefix = "HS"
    encoding = "utf-16"
    delimiter = "\t"
    duplicate_share = 0.015
    RATES = {"hamza": 0.35, "ta_marbuta": 0.3, "alef_maqsura": 0.3, "compound": 0.3, "no_article": 0.1}
    header = ("رقم القيد", "الاسم", "اسم الأب", "النسبة", "الجنس", "العمر", "تاريخ الإدخال", "المشفى",
              "المدينة", "المحافظة", "ملاحظات")

    def row(self, rid, person, tokens, ann) -> None:
        rng = self.rng
        ann["place_level"] = "hospital"
        lag = 0 if rng.random() < 0.55 else 1 if rng.random() < 0.73 else 2
        ann["date_offset"] = str(lag)
        tokens.add(f"received_lag_{lag}")
        note = ""
        if rng.random() < 0.08:
            tokens.add("unidentified")
            given, father, family = UNIDENTIFIED_AR, "", ""
            lo = max(0, person.age // 10 * 10 - 5 * rng.randint(0, 1))
            age = f"{lo}-{lo + 10}"
            note = rng.choice(("جثة مجهولة الهوية", "مجهول - وجد في " + person.place.ar))
        else:
            given = self.ar(person.given, tokens, self.RATES)
            father = ""
            if rng.random() < 0.2:
                tokens.add("missing_father")
            else:
                father = self.ar(person.father, tokens, self.RATES)
            family = self.ar_family(person.family, tokens, self.RATES)
            u = rng.random()
            if u < 0.45:
                age = str(person.age)
            elif u < 0.85:
                lo = max(0, person.age - rng.randint(0, 5))
                age = f"{lo}-{lo + 5}"
                tokens.add("age_range")
            else:
                age = ""
                tokens.add("missing_age")
            if rng.random() < 0.25:
                note = "أحضر من " + person.place.ar
        d = person.date + dt.timedelta(days=lag)
        self._csv.writerow((rid, given, father, family, "ذكر" if person.sex == "male" else "أنثى", age,
                            f"{d.year}/{d.month:02d}/{d.day:02d}", person.place.hospital_ar,
                            person.place.centre.ar, _gov(person.place).ar, note))

    def mapping(self) -> str:
        return f'''# {self.info.name}: UTF-16 tab-separated ("Unicode text" from Excel).
# The date is the day the body was received; the town is the hospital's.
# Unidentified bodies carry "{UNIDENTIFIED_AR}" in place of a name.
[options]
date_order = "ymd"

[fields]
record_id = "رقم القيد"
name = {{ join = ["الاسم", "اسم الأب", "النسبة"], sep = " " }}
given_name = "الاسم"
father_name = "اسم الأب"
family_name = "النسبة"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الإدخال"
place = "المدينة"
governorate = "المحافظة"
notes = ["ملاحظات", "المشفى"]

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


# -- 6. community page -------------------------------------------------------------

class CommunityPage(_Csv):
    info = ListInfo("page", "Town community pages (martyrs' lists compiled from posts)", "social_media", "D",
                    "ar", "lists/community_page.csv", "mappings/page.toml", "community", "mixed")
    FORMAT = ('CSV, UTF-8 with BOM; Arabic or Latin rows; '
              'الشهيد/الطفل/الحاج, kunyas, nicknames, relations; d/m/yyyy or blank; '
              'village or district centre; repeats')
    prefix = "PG"
    encoding = "utf-8-sig"
    duplicate_share = 0.07
    RATES = {"hamza": 0.45, "ta_marbuta": 0.35, "alef_maqsura": 0.35, "compound": 0.5, "no_article": 0.25,
             "typo": 0.06, "kunya": 0.15, "relation": 0.12, "nickname": 0.12}
    header = ("#", "الاسم", "العمر", "القرية", "التاريخ", "ملاحظة")

    def row(self, rid, person, tokens, ann) -> None:
        rng = self.rng
        latin_row = rng.random() < 0.25
        habit = "english" if latin_row else None
        if latin_row:
            ann["script"] = "latin"
        name = self.special(person, self.RATES, habit, tokens)
        if name is None:
            u = rng.random()
            parts = "gf" if u < 0.6 else "g-" if u < 0.9 else "gfgf"
            name = (self.latin_name(person, parts, "english", self.RATES, tokens) if latin_row
                    else self.arabic_name(person, parts, self.RATES, tokens))
            if not latin_row and person.kunya is not None and rng.random() < 0.05:
                name += f" ({'أبو' if person.sex == 'male' else 'أم'} {person.kunya.ar})"
                tokens.add("kunya_aside")
        if not latin_row:
            u = rng.random()
            if u < 0.1:
                name = ("الشهيد " if person.sex == "male" else "الشهيدة ") + name
                tokens.add("honorific")
            elif u < 0.3 and person.age < 13 and "relation_form" not in tokens:
                name = ("الطفل " if person.sex == "male" else "الطفلة ") + name
                tokens.add("honorific")
            elif u < 0.3 and person.age >= 55:
                name = ("الحاج " if person.sex == "male" else "الحاجة ") + name
                tokens.add("honorific")
        age = str(person.age) if rng.random() < 0.5 else ""
        if not age:
            tokens.add("missing_age")
        if rng.random() < 0.85:
            village = person.place.plain if latin_row else person.place.ar
        else:
            village = person.place.centre.plain if latin_row else person.place.centre.ar
            ann["place_level"] = "district"
        u = rng.random()
        if u < 0.12:
            when = ""
            ann["date_form"] = "missing"
            tokens.add("missing_date")
        else:
            d, k = self.shifted(person, 0.09, tokens)
            when, ann["date_offset"] = f"{d.day}/{d.month}/{d.year}", str(k)
        note = ""
        if person.age < 13 and rng.random() < 0.4:
            note = "طفل" if person.sex == "male" else "طفلة"
        self._csv.writerow((rid, name, age, village, when, note))

    def mapping(self) -> str:
        return f'''# {self.info.name}: CSV, UTF-8 with BOM; dates day/month/year as posted.
[options]
date_order = "dmy"

[fields]
record_id = "#"
name = "الاسم"
age = "العمر"
place = "القرية"
date_of_death = "التاريخ"
notes = "ملاحظة"
'''


# -- 7. civil registry -------------------------------------------------------------

class CivilRegistry(Writer):
    info = ListInfo("civreg", "Municipal civil registry (deaths registered)", "official", "A", "ar",
                    "lists/civil_registry.xlsx", "mappings/civreg.toml", "registry", "arabic")
    FORMAT = ('XLSX (sheet الوفيات); '
              "four-part names in columns, mother's name, birth year, place of registration, typed dates")
    prefix = "CR"
    RATES = {"hamza": 0.1, "ta_marbuta": 0.05, "compound": 0.2}
    header = ("رقم السجل", "الاسم", "اسم الأب", "اسم الجد", "الشهرة", "اسم الأم", "الجنس", "تولد",
              "محل القيد", "المحافظة", "تاريخ الوفاة")

    def open(self) -> None:
        self._file = XlsxWriter(self.path, "الوفيات")
        self._file.row(self.header)

    def row(self, rid, person, tokens, ann) -> None:
        rng = self.rng
        r = self.RATES
        born = person.date.year - person.age - (1 if rng.random() < 0.5 else 0)
        registered = person.place
        if rng.random() < 0.12:
            others = towns(person.place.gov, person.place.community) or towns(person.place.gov)
            registered = others[rng.randrange(len(others))]
            tokens.add("registered_elsewhere")
        date, k = self.shifted(person, 0.03, tokens)
        ann["date_offset"] = str(k)
        self._file.row((rid, self.ar(person.given, tokens, r), self.ar(person.father, tokens, r),
                        self.ar(person.grandfather, tokens, r), self.ar_family(person.family, tokens, r),
                        f"{person.mother.ar} {person.mother_family.ar}",
                        "ذكر" if person.sex == "male" else "أنثى", born, registered.ar,
                        _gov(person.place).ar, date))

    def mapping(self) -> str:
        return f'''# {self.info.name}: XLSX; four-part names, mother's name, birth year, place of registration.
[options]
sheet = "الوفيات"

[fields]
record_id = "رقم السجل"
name = {{ join = ["الاسم", "اسم الأب", "اسم الجد", "الشهرة"], sep = " " }}
given_name = "الاسم"
father_name = "اسم الأب"
grandfather_name = "اسم الجد"
family_name = "الشهرة"
mother_name = "اسم الأم"
sex = "الجنس"
birth_year = "تولد"
place = "محل القيد"
governorate = "المحافظة"
date_of_death = "تاريخ الوفاة"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


WRITERS: tuple[type[Writer], ...] = (RightsArabic, MonitorEnglish, NewsEnglish, NewsFrench, Morgue,
                                     CommunityPage, CivilRegistry)
