"""The six osprey lists: how each source writes a victim it captured.

Every ``write`` returns (record_id, variations applied, annotations); the
annotations are the truth columns list_kind, thin, date_form, date_offset,
place_level and script. Rates are module constants so tests can measure them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from tally.simulate.osprey.names import Entry
from tally.simulate.osprey.places import GOVERNORATES, district_centre
from tally.simulate.xlsx import XlsxWriter

INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
WEEKDAY_NIGHT = ("ليلة الإثنين", "ليلة الثلاثاء", "ليلة الأربعاء", "ليلة الخميس", "ليلة الجمعة",
                 "ليلة السبت", "ليلة الأحد")

RATES = {
    "sh": {"grandfather": 0.55, "family_first": 0.08, "hamza": 0.3, "ta_marbuta": 0.2,
           "alef_maqsura": 0.2, "typo": 0.03, "missing_age": 0.2, "date_shift": 0.05,
           "district_only": 0.2, "duplicate": 0.02},
    "un": {"father": 0.7, "variant": 0.35, "age_number": 0.6, "age_word": 0.25,
           "month_only": 0.15, "window": 0.15, "duplicate": 0.06, "district_only": 0.3},
    "tg": {"father": 0.35, "kunya": 0.12, "wife_of": 0.3, "umm": 0.1, "unnamed_child": 0.35,
           "indic_date": 0.5, "western_date": 0.25, "night": 0.15, "indic_age": 0.5,
           "missing_age": 0.5, "typo": 0.06, "duplicate": 0.12},
    "ahl": {"mother": 0.8, "born": 0.85, "born_off": 0.1, "missing_date": 0.3, "hamza": 0.2},
    "hos": {"unidentified": 0.15, "plus1": 0.35, "plus2": 0.1, "age_rounded": 0.4, "duplicate": 0.04},
    "nw": {"variant": 0.4, "typo": 0.05, "countryside": 0.3, "province": 0.2, "sex": 0.5,
           "age": 0.1, "duplicate": 0.08},
}


@dataclass(frozen=True)
class Spec:
    id: str
    name: str
    kind: str
    reliability: str
    language: str
    file: str
    prefix: str


SPECS: tuple[Spec, ...] = (
    Spec("sh", "Arabic rights-group register (one name field)", "rights_group_list", "B", "ar",
         "lists/sh_register.csv", "SH"),
    Spec("un", "Consolidated list merged from several sources", "other", "B", "en",
         "lists/un_consolidated.xlsx", "UN"),
    Spec("tg", "Names collected from Telegram and Facebook pages", "social_media", "D", "ar",
         "lists/tg_pages.csv", "TG"),
    Spec("ahl", "Community list (Druze and Christian victims)", "other", "C", "ar",
         "lists/ahl_community.json", "CM"),
    Spec("hos", "District hospital admissions of the dead", "official", "C", "ar",
         "lists/hos_admissions.csv", "HS"),
    Spec("nw", "Victims named in news reports", "news_outlet", "D", "en",
         "lists/nw_news.jsonl", "NW"),
)

#: Capture probability by phase (coast, sweida, smaller) for an easy-to-document victim.
CAPTURE = {
    "sh": {"coast": 0.65, "sweida": 0.55, "smaller": 0.5},
    "un": {"coast": 0.5, "sweida": 0.35, "smaller": 0.15},
    "tg": {"coast": 0.45, "sweida": 0.5, "smaller": 0.2},
    "ahl": {"coast": 0.55, "sweida": 0.55, "smaller": 0.55},  # Druze and Christian victims only
    "hos": {"coast": 0.3, "sweida": 0.45, "smaller": 0.25},
    "nw": {"coast": 0.18, "sweida": 0.2, "smaller": 0.12},
}
HARD_FACTOR = 0.4
AHL_COMMUNITIES = ("druze", "christian")


def drop_hamza(s: str) -> str:
    return s.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")


def typo(s: str, rng: random.Random) -> str:
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 1)
    if s[i] == " " or s[i - 1] == " ":
        return s
    op = rng.random()
    if op < 0.4:
        return s[:i] + s[i + 1:]
    if op < 0.7:
        return s[:i - 1] + s[i] + s[i - 1] + s[i + 1:]
    return s[:i] + s[i] + s[i:]


class Base:
    def __init__(self, outdir: Path, spec: Spec, rng: random.Random) -> None:
        self.spec, self.rng, self.rates = spec, rng, RATES[spec.id]
        self.path = outdir / spec.file
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def hit(self, key: str) -> bool:
        return self.rng.random() < self.rates[key]

    def next_id(self) -> str:
        self.count += 1
        return f"{self.spec.prefix}-{self.count:06d}"

    def latin(self, e: Entry, p: float) -> tuple[str, bool]:
        if len(e) > 2 and self.rng.random() < p:
            return self.rng.choice(e[2:]), True
        return e[1], False

    def arabic(self, e: Entry, applied: set, rates: dict) -> str:
        s = e[0]
        if "hamza" in rates and any(c in s for c in "أإآ") and self.rng.random() < rates["hamza"]:
            s, _ = drop_hamza(s), applied.add("hamza")
        if "ta_marbuta" in rates and s.endswith("ة") and self.rng.random() < rates["ta_marbuta"]:
            s, _ = s[:-1] + "ه", applied.add("ta_marbuta")
        if "alef_maqsura" in rates and s.endswith("ى") and self.rng.random() < rates["alef_maqsura"]:
            s, _ = s[:-1] + "ي", applied.add("alef_maqsura")
        return s

    def close(self) -> None:
        self._f.close()

    @staticmethod
    def ann(kind, thin, form, offset, level, script) -> dict:
        return {"list_kind": kind, "thin": int(thin), "date_form": form, "date_offset": offset,
                "place_level": level, "script": script}


class _Csv(Base):
    encoding = "utf-8"
    delimiter = ","
    header: tuple = ()

    def __init__(self, outdir, spec, rng) -> None:
        super().__init__(outdir, spec, rng)
        self._f = open(self.path, "w", encoding=self.encoding, newline="")
        self._w = csv.writer(self._f, delimiter=self.delimiter, lineterminator="\r\n")
        self._w.writerow(self.header)


class RegisterWriter(_Csv):
    """A rights group's Arabic register: the whole name in one field, usually given-father-
    [grandfather]-family, sometimes family first; village, district, governorate."""

    header = ("الرقم", "الاسم الكامل", "الجنس", "العمر", "تاريخ الوفاة", "القرية", "المنطقة",
              "المحافظة", "الصفة")

    def write(self, p, dup=False):
        applied: set = {"duplicate"} if dup else set()
        rid = self.next_id()
        parts = [self.arabic(e, applied, self.rates) for e in (p.given, p.father)]
        if self.hit("grandfather"):
            parts.append(self.arabic(p.grandfather, applied, self.rates))
        else:
            applied.add("no_grandfather")
        fam = self.arabic(p.family, applied, self.rates)
        if self.hit("family_first"):
            parts.insert(0, fam)
            applied.add("family_first")
        else:
            parts.append(fam)
        name = " ".join(parts)
        if self.hit("typo"):
            name = typo(name, self.rng)
            applied.add("typo")
        age = ""
        if self.hit("missing_age"):
            applied.add("missing_age")
        else:
            age = str(p.age)
        off = 0
        if self.hit("date_shift"):
            off = self.rng.choice((-1, 1))
            applied.add("date_shift")
        village, level = p.place.ar, "village"
        if self.hit("district_only"):
            village, level = "", "district"
            applied.add("district_only")
        self._w.writerow((rid, name, "ذكر" if p.sex == "male" else "أنثى", age,
                          (p.date + dt.timedelta(days=off)).isoformat(), village, p.place.district_ar,
                          p.place.governorate_ar, "مدني" if p.status == "civilian" else "مقاتل"))
        return rid, applied, self.ann("register", False, "day", off, level, "arabic")

    def mapping(self) -> str:
        return '''[options]
encoding = "utf-8"
delimiter = ","
date_order = "ymd"

[fields]
record_id = "الرقم"
name = "الاسم الكامل"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الوفاة"
place = ["القرية", "المنطقة"]
district = "المنطقة"
governorate = "المحافظة"
status = "الصفة"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"

[values.status]
"مدني" = "civilian"
"مقاتل" = "combatant"
'''


class ConsolidatedWriter(Base):
    """A UN-style consolidated list in XLSX (two title rows above the header), Latin
    names merged from several contributing sources, so it holds its own duplicates."""

    def __init__(self, outdir, spec, rng) -> None:
        super().__init__(outdir, spec, rng)
        self._f = XlsxWriter(self.path, "Consolidated")
        self._f.row(("Consolidated list of individuals reported killed",))
        self._f.row(("Compiled from contributing sources; not verified individually",))
        self._f.row(("#", "Name", "Sex", "Age", "Date of incident", "Location", "Governorate",
                     "Contributing sources"))

    def write(self, p, dup=False):
        applied: set = {"duplicate"} if dup else set()
        rid = self.next_id()
        var = self.rates["variant"]
        parts = []
        for role, e in (("given", p.given), ("father", p.father), ("family", p.family)):
            if role == "father" and not self.hit("father"):
                applied.add("no_father")
                continue
            text, v = self.latin(e, var)
            if v:
                applied.add("translit_variant")
            parts.append(text)
        u = self.rng.random()
        if u < self.rates["age_number"]:
            age: object = p.age
        elif u < self.rates["age_number"] + self.rates["age_word"]:
            age = "child" if p.age < 18 else ("elderly" if p.age >= 60 else "adult")
            applied.add("age_word")
        else:
            age = ""
            applied.add("missing_age")
        u = self.rng.random()
        if u < self.rates["month_only"]:
            date: object = p.date.strftime("%Y-%m")
            form = "month"
        elif u < self.rates["month_only"] + self.rates["window"]:
            lo = p.date - dt.timedelta(days=self.rng.randint(0, 2))
            date = f"{lo.isoformat()}/{(lo + dt.timedelta(days=4)).isoformat()}"
            form = "range"
        else:
            date, form = p.date, "day"
        if form != "day":
            applied.add("date_" + form)
        if self.hit("district_only"):
            loc, level = p.place.district, "district"
            applied.add("district_only")
        else:
            loc, v = self.latin(("",) + p.place.latin, 0.4)
            level = "village"
            if v:
                applied.add("place_alt")
        self._f.row((rid, " ".join(parts), "M" if p.sex == "male" else "F", age, date, loc,
                     p.place.governorate, self.rng.choice(("1", "2", "2", "3", "4"))))
        return rid, applied, self.ann("consolidated", False, form, 0, level, "latin")

    def mapping(self) -> str:
        return '''[options]
sheet = "Consolidated"
header_row = 3

[fields]
record_id = "#"
name = "Name"
sex = "Sex"
age = "Age"
date_of_death = "Date of incident"
place = "Location"
governorate = "Governorate"
notes = "Contributing sources"

[values.sex]
"M" = "male"
"F" = "female"
'''


class PagesWriter(_Csv):
    """Names copied from Telegram channels and Facebook pages: given + family, kunyas,
    women as "زوجة X" (wife of X) or "أم X", young children unnamed ("طفل"/"طفلة" and the
    father's name), dates in Arabic-Indic digits or as "ليلة السبت", reposts."""

    encoding = "utf-8-sig"
    header = ("م", "الاسم", "العمر", "التاريخ", "المكان", "ملاحظات")

    def write(self, p, dup=False):
        rng, applied = self.rng, ({"duplicate"} if dup else set())
        rid = self.next_id()
        ar = {"hamza": 0.35, "ta_marbuta": 0.25}
        fam = self.arabic(p.family, applied, ar)
        thin = False
        if p.age < 10 and self.hit("unnamed_child"):
            name = ("طفل " if p.sex == "male" else "طفلة ") + self.arabic(p.father, applied, ar) + " " + fam
            applied.add("unnamed_child")
            thin = True
        elif p.sex == "female" and p.spouse is not None and self.hit("wife_of"):
            name = ("زوجة " + self.arabic(p.spouse, applied, ar) + " "
                    + self.arabic(p.spouse_family, applied, ar))
            applied.add("wife_of")
            thin = True
        elif p.eldest is not None and p.sex == "female" and self.hit("umm"):
            name = "أم " + self.arabic(p.eldest, applied, ar)
            applied.add("kunya")
            thin = True
        elif p.eldest is not None and p.sex == "male" and self.hit("kunya"):
            name = "أبو " + self.arabic(p.eldest, applied, ar) + " " + fam
            applied.add("kunya")
            thin = True
        else:
            parts = [self.arabic(p.given, applied, ar)]
            if self.hit("father"):
                parts.append(self.arabic(p.father, applied, ar))
            else:
                thin = True
            name = " ".join(parts + [fam])
        if self.hit("typo"):
            name = typo(name, rng)
            applied.add("typo")
        age = ""
        if self.hit("missing_age"):
            applied.add("missing_age")
        else:
            age = str(p.age).translate(INDIC) if self.hit("indic_age") else str(p.age)
        d = p.date
        dmy = f"{d.day:02d}/{d.month:02d}/{d.year}"
        u = rng.random()
        r = self.rates
        if u < r["indic_date"]:
            date, form = dmy.translate(INDIC), "day"
            applied.add("indic_digits")
        elif u < r["indic_date"] + r["western_date"]:
            date, form = dmy, "day"
        elif u < r["indic_date"] + r["western_date"] + r["night"]:
            # "Saturday night": the night before the day, in Syrian usage
            date, form = WEEKDAY_NIGHT[(d + dt.timedelta(days=1)).weekday()], "text"
            applied.add("weekday_night")
        else:
            date, form = "", "missing"
            applied.add("missing_date")
        self._w.writerow((rid, name, age, date, p.place.ar, ""))
        return rid, applied, self.ann("pages", thin, form, 0, "village", "arabic")

    def mapping(self) -> str:
        return '''[options]
encoding = "utf-8-sig"
delimiter = ","
date_order = "dmy"

[fields]
record_id = "م"
name = "الاسم"
age = "العمر"
date_of_death = "التاريخ"
place = "المكان"
notes = "ملاحظات"
'''


class CommunityWriter(Base):
    """A community's own list (Druze of Sweida and Jaramana, Christian parishes): a JSON
    array with the family name in its own field, the mother's name, the birth year."""

    def __init__(self, outdir, spec, rng) -> None:
        super().__init__(outdir, spec, rng)
        self._f = open(self.path, "w", encoding="utf-8", newline="\n")
        self._f.write("[")
        self._first = True

    def write(self, p, dup=False):
        applied: set = set()
        rid = self.next_id()
        ar = {"hamza": self.rates["hamza"]}
        row = {"id": rid, "family": self.arabic(p.family, applied, ar),
               "name": self.arabic(p.given, applied, ar), "father": self.arabic(p.father, applied, ar),
               "mother": self.arabic(p.mother, applied, ar) if self.hit("mother") else None,
               "born": None, "village": p.place.ar, "date": None,
               "sex": "ذكر" if p.sex == "male" else "أنثى"}
        if self.hit("born"):
            born = p.date.year - p.age - (1 if self.rng.random() < 0.5 else 0)
            if self.hit("born_off"):
                born += self.rng.choice((-1, 1))
                applied.add("born_off")
            row["born"] = born
        else:
            applied.add("missing_birth_year")
        form = "day"
        if self.hit("missing_date"):
            form = "missing"
            applied.add("missing_date")
        else:
            row["date"] = p.date.isoformat()
        self._f.write(("\n" if self._first else ",\n") + json.dumps(row, ensure_ascii=False))
        self._first = False
        return rid, applied, self.ann("community", False, form, 0, "village", "arabic")

    def close(self) -> None:
        self._f.write("\n]\n")
        self._f.close()

    def mapping(self) -> str:
        return '''[fields]
record_id = "id"
name = { join = ["name", "father", "family"], sep = " " }
given_name = "name"
father_name = "father"
family_name = "family"
mother_name = "mother"
birth_year = "born"
sex = "sex"
date_of_death = "date"
place = "village"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


class HospitalWriter(_Csv):
    """District hospitals' admissions of the dead (Windows-1256, ';'): the place is the
    hospital's district town, the date the day of admission (0-2 days after death),
    some bodies unidentified."""

    encoding = "windows-1256"
    delimiter = ";"
    header = ("رقم", "الاسم", "الجنس", "العمر", "تاريخ الإدخال", "المشفى", "المنطقة", "المحافظة")

    def write(self, p, dup=False):
        rng, applied = self.rng, ({"duplicate"} if dup else set())
        rid = self.next_id()
        age = str(p.age)
        if self.hit("unidentified"):
            name = "مجهول الهوية"
            applied.add("unidentified")
        else:
            name = " ".join(e[0] for e in (p.given, p.father, p.family))
        if self.hit("age_rounded"):
            age = str(max(1, 5 * round(p.age / 5)))
            applied.add("age_rounded")
        u = rng.random()
        off = 2 if u < self.rates["plus2"] else (1 if u < self.rates["plus2"] + self.rates["plus1"] else 0)
        if dup:  # admitted again after a transfer: a day later than the first admission
            off = min(3, off + 1)
        if off:
            applied.add(f"admitted_plus{off}")
        centre = district_centre(p.place)
        self._w.writerow((rid, name, "ذكر" if p.sex == "male" else "أنثى", age,
                          (p.date + dt.timedelta(days=off)).isoformat(), "مشفى " + centre.ar + " الوطني",
                          centre.ar, p.place.governorate_ar))
        return rid, applied, self.ann("hospital", False, "day", off, "district", "arabic")

    def mapping(self) -> str:
        return '''[options]
encoding = "windows-1256"
delimiter = ";"
date_order = "ymd"

[fields]
record_id = "رقم"
name = "الاسم"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الإدخال"
place = "المنطقة"
district = "المنطقة"
governorate = "المحافظة"
notes = "المشفى"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


class NewsWriter(Base):
    """Victims named in news reports (JSON lines, Latin): given + family name only, the
    report date (0-3 days after the death), the governorate or "X countryside"."""

    def __init__(self, outdir, spec, rng) -> None:
        super().__init__(outdir, spec, rng)
        self._f = open(self.path, "w", encoding="utf-8", newline="\n")

    def write(self, p, dup=False):
        rng, applied = self.rng, ({"duplicate"} if dup else set())
        rid = self.next_id()
        g, v1 = self.latin(p.given, self.rates["variant"])
        f, v2 = self.latin(p.family, self.rates["variant"])
        if v1 or v2:
            applied.add("translit_variant")
        name = f"{g} {f}"
        if self.hit("typo"):
            name = typo(name, rng)
            applied.add("typo")
        off = rng.choices((0, 1, 2, 3), (0.4, 0.3, 0.2, 0.1))[0]
        gov = rng.choice(GOVERNORATES[p.place.governorate][1][:2])
        u = rng.random()
        if u < self.rates["countryside"]:
            area = f"{gov} countryside"
        elif u < self.rates["countryside"] + self.rates["province"]:
            area = f"{gov} province"
        else:
            area = gov
        row = {"id": rid, "name": name,
               "sex": (p.sex if self.hit("sex") else None),
               "age": (p.age if self.hit("age") else None),
               "reported": (p.date + dt.timedelta(days=off)).isoformat(), "area": area,
               "outlet": rng.choice(("wire", "regional daily", "monitor site"))}
        self._f.write(json.dumps(row, ensure_ascii=False) + "\n")
        return rid, applied, self.ann("news", True, "day", off, "governorate", "latin")

    def mapping(self) -> str:
        return '''[fields]
record_id = "id"
name = "name"
sex = "sex"
age = "age"
date_of_death = "reported"
governorate = "area"
notes = "outlet"
'''


WRITERS = {"sh": RegisterWriter, "un": ConsolidatedWriter, "tg": PagesWriter,
           "ahl": CommunityWriter, "hos": HospitalWriter, "nw": NewsWriter}
#: Lists that repeat a victim (the rate is the share of their records that are repeats).
#: sh: a register re-entering a victim reported twice (rare); hos: a body moved between
#: hospitals and admitted again; un: merged contributing sources; tg: reposts; nw: follow-up reports.
DUPLICATING = ("sh", "un", "tg", "hos", "nw")
