"""The seven lists: who each captures, how it writes a victim, its file and mapping.

Each list renders a victim from the truth alone, with its own generator, so a
re-entry (the same victim entered twice by one source) is spelled again from
scratch, the way a second volunteer would write it. :meth:`AuditList.render`
returns the row and an annotation: the variations applied (``errors``), the script
of the name, whether the record is thin, the date's form and offset from the true
date of death, and the level of the place it names.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

from tally.simulate.audit import spelling
from tally.simulate.audit.names import stocks
from tally.simulate.audit.people import Person
from tally.simulate.writers import cp1256_safe
from tally.simulate.xlsx import XlsxWriter

STOCKS = stocks()
UNIDENTIFIED = "مجهول الهوية"
_KUNYA_LATIN = {"حفص": "Hafs", "الوليد": "al-Walid", "يعقوب": "Ya'qub", "داود": "Dawud",
                "خليل": "Khalil", "علي": "'Ali", "أحمد": "Ahmad", "محمد": "Muhammad", "حسن": "Hasan"}

#: how each list spells governorates in Latin (a house habit; first is the reference)
GOV_LATIN = {
    "Latakia": ("Latakia", "Lattakia", "Al-Ladhiqiyah"), "Tartus": ("Tartus", "Tartous"),
    "Hama": ("Hama", "Hamah"), "Homs": ("Homs",), "Suwayda": ("Suwayda", "Sweida", "As-Suwayda"),
    "Rif Dimashq": ("Rif Dimashq", "Damascus Suburbs", "Rural Damascus"),
    "Damascus": ("Damascus",), "Aleppo": ("Aleppo",), "Idlib": ("Idlib", "Idleb"),
    "Hasakah": ("Hasakah", "Hasakeh", "Al-Hasakah"), "Raqqa": ("Raqqa", "Raqqah", "Al-Raqqah"),
    "Deir ez-Zor": ("Deir ez-Zor", "Deir Ezzor", "Dayr al-Zawr"), "Daraa": ("Daraa", "Deraa", "Dar'a"),
    "Quneitra": ("Quneitra", "Al-Qunaytirah"),
}


# -- the truth, in each script ---------------------------------------------------------

def _stock(p: Person, part: str):
    st = STOCKS[p.community]
    if part == "given":
        return st["male" if p.sex == "male" else "female"], p.given
    if part in ("father", "grandfather"):
        return st["male"], getattr(p, part)
    if part == "family":
        return st["family"], p.family
    if part == "mother":
        return st["female"], p.mother
    if part == "husband":
        return st["male"], p.husband
    if part == "husband_family":
        return st["family"], p.husband_family
    return st["family"], p.mother_family


def ar(p: Person, part: str) -> str:
    stock, i = _stock(p, part)
    return stock.arabic[i]


def ref(p: Person, part: str) -> tuple[str, bool]:
    """Reference Latin of a name part, and whether its Arabic ends in ta marbuta."""
    stock, i = _stock(p, part)
    return stock.latin[i], stock.arabic[i].endswith("ة")


def kunya_ref(arabic: str) -> str:
    st = STOCKS["sunni"]["male"]
    return st.latin[st.index(arabic)] if arabic in st.arabic else _KUNYA_LATIN.get(arabic, "Muhammad")


def iso_partial(d: dt.date, form: str) -> str:
    return {"month": d.strftime("%Y-%m"), "year": str(d.year)}[form]


# -- styles ----------------------------------------------------------------------------

def _w(**kw) -> dict:
    return kw


STYLE_EN_EARLY = spelling.Style("en-2025a", _w(
    article=(0, 0, 0, 6, 3, 1, 0), abd=(1, 6, 2, 1, 0, 0), abu=(6, 3, 0), u=(5, 4, 1, 0),
    ay=(1, 3, 5, 1), aw=(5, 3, 1), q=(8, 1, 1), j=(9, 0, 1), kh=(9, 1), sh=(1, 0), gh=(9, 1),
    th=(6, 3, 1), dh=(4, 4, 1, 1), double=(8, 2), ayn=(6, 1, 3), imala=(3, 7), long_i=(8, 2),
    tam=(2, 5, 3)), prefer={"Muhammad": 1, "Husayn": 1, "Yusuf": 1, "Sulayman": 1, "Fatima": 2,
                            "Zaynab": 2, "Haydar": 1, "'Isa": 1, "Abd Allah": 1}, noise=0.08)
STYLE_EN_LATE = spelling.Style("en-2025b", _w(
    article=(8, 1, 0, 1, 0, 0, 0), abd=(4, 3, 1, 0, 0, 0), abu=(9, 1, 0), u=(9, 1, 0, 0),
    ay=(4, 5, 1, 0), aw=(8, 1, 1), q=(9, 1, 0), j=(10, 0, 0), kh=(10, 0), sh=(1, 0), gh=(1, 0),
    th=(8, 1, 1), dh=(6, 2, 1, 1), double=(6, 4), ayn=(8, 2, 0), imala=(6, 4), long_i=(9, 1),
    tam=(5, 4, 1)), prefer={"Muhammad": 3, "Husayn": 2, "Yusuf": 0, "Sulayman": 2, "Fatima": 0,
                            "Zaynab": 1, "Haydar": 0, "Abd Allah": 2}, noise=0.08)
STYLE_BI = spelling.Style("bilingual", _w(
    article=(1, 6, 3, 0, 0, 0, 0), abd=(0, 7, 2, 1, 0, 0), abu=(5, 5, 0), u=(4, 5, 1, 0),
    ay=(1, 3, 6, 0), aw=(3, 6, 1), q=(6, 2, 2), j=(9, 0, 1), kh=(9, 1), sh=(9, 1), gh=(9, 1),
    th=(5, 4, 1), dh=(3, 6, 0, 1), double=(9, 1), ayn=(8, 0, 2), imala=(2, 8), long_i=(7, 3),
    tam=(3, 3, 4)), prefer={"Muhammad": 2, "Husayn": 1, "Yusuf": 1, "Fatima": 2}, noise=0.12)
STYLE_NEWS_A = spelling.Style("wire", _w(
    article=(8, 1, 0, 0, 0, 0, 1), abd=(5, 3, 1, 1, 0, 0), abu=(10, 0, 0), u=(7, 1, 2, 0),
    ay=(1, 4, 5, 0), aw=(6, 2, 2), q=(9, 1, 0), j=(10, 0, 0), kh=(10, 0), sh=(10, 0), gh=(10, 0),
    th=(7, 2, 1), dh=(5, 3, 1, 1), double=(7, 3), ayn=(7, 3, 0), imala=(4, 6), long_i=(8, 2),
    tam=(6, 3, 1)), prefer={"Muhammad": 2, "Husayn": 1, "Yusuf": 1}, noise=0.25)
STYLE_NEWS_B = spelling.Style("aggregator", _w(
    article=(2, 2, 1, 3, 1, 1, 0), abd=(1, 3, 3, 3, 0, 0), abu=(3, 6, 1), u=(2, 6, 2, 0),
    ay=(0, 3, 7, 0), aw=(1, 8, 1), q=(5, 3, 2), j=(6, 3, 1), kh=(7, 3), sh=(6, 4), gh=(7, 3),
    th=(3, 6, 1), dh=(2, 6, 1, 1), double=(6, 4), ayn=(8, 1, 1), imala=(2, 8), long_i=(6, 4),
    tam=(2, 2, 6)), prefer={"Muhammad": 4, "Husayn": 4, "Yusuf": 1, "Fatima": 3}, noise=0.3)
STYLE_LOCAL = spelling.Style("diaspora", _w(
    article=(2, 3, 3, 2, 0, 0, 0), abd=(0, 5, 4, 1, 0, 0), abu=(4, 6, 0), u=(3, 5, 2, 0),
    ay=(0, 4, 6, 0), aw=(3, 6, 1), q=(4, 4, 2), j=(8, 1, 1), kh=(8, 2), sh=(9, 1), gh=(8, 2),
    th=(4, 5, 1), dh=(2, 7, 0, 1), double=(5, 5), ayn=(8, 0, 2), imala=(2, 8), long_i=(4, 6),
    tam=(2, 2, 6)), prefer={"Muhammad": 1, "Husayn": 1, "Yusuf": 1}, noise=0.3)


class AuditList:
    """One list: identity, capture (in :mod:`capture`), rendering, file and mapping."""

    id = ""
    name = ""
    kind = "rights_group_list"
    reliability = "B"
    language = "ar"
    file = ""
    prefix = ""
    list_kind = ""
    duplicate = 0.0  # share of its victims it enters twice

    #: a re-entry comes from another informant or volunteer: its spelling varies more
    REENTRY_BOOST = 2.5

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"tally-audit:{seed}:{self.id}")
        self._boost = 1.0
        self.rows: list[tuple] = []   # (sort key, row without id)
        self.count = 0

    @property
    def mapping_file(self) -> str:
        return f"mappings/{self.id}.toml"

    # helpers -----------------------------------------------------------------------
    def _date(self, p: Person, probs: dict[str, float], applied: set[str], base: dt.date | None = None,
              shift: tuple[int, ...] = (-1, 1)) -> tuple[object, str, int]:
        """(value as a date or partial text, form, offset from the true date)."""
        rng = self.rng
        d = base or p.date
        u, acc = rng.random(), 0.0
        form = "day"
        for k, v in probs.items():
            acc += v
            if u < acc:
                form = k
                break
        if form == "day":
            return d, "day", (d - p.date).days
        if form == "shift":
            d = d + dt.timedelta(days=rng.choice(shift))
            applied.add("date_shift")
            return d, "day", (d - p.date).days
        if form == "burial":
            applied.add("burial_date")
            return p.burial, "day", (p.burial - p.date).days
        if form == "missing":
            applied.add("date_missing")
            return "", "missing", 0
        applied.add("month_only" if form == "month" else "year_only")
        return iso_partial(d, form), form, 0

    def _age(self, p: Person, off: float, spread: int, applied: set[str]) -> str:
        """The age as this list heard it: off by 1 to ``spread`` years in ``off`` of records
        (an estimate, the age at the next birthday, a relative's guess)."""
        if self.rng.random() < off:
            applied.add("age_off")
            return str(max(0, p.age + self.rng.choice((-1, 1)) * self.rng.randint(1, spread)))
        return str(p.age)

    def _ar(self, p: Person, part: str, rates: dict, applied: set[str]) -> str:
        if self._boost != 1.0:
            rates = {k: min(0.9, v * self._boost) for k, v in rates.items()}
        return spelling.arabic(ar(p, part), self.rng, rates, applied)

    def _lat(self, p: Person, part: str, c: dict) -> str:
        r, tam = ref(p, part)
        return spelling.latin(r, c, tam, ar(p, part))

    def _typo(self, parts: list[str], rate: float, applied: set[str], latin: bool) -> None:
        if parts and self.rng.random() < rate * self._boost:
            i = self.rng.randrange(len(parts))
            parts[i] = (spelling.latin_typo if latin else spelling.arabic_typo)(parts[i], self.rng)
            applied.add("typo")

    def add(self, p: Person, duplicate: bool = False) -> dict:
        applied: set[str] = {"duplicate"} if duplicate else set()
        self._boost = self.REENTRY_BOOST if duplicate else 1.0
        key, row, ann = self.render(p, applied)
        self._boost = 1.0
        if duplicate:  # entered again weeks later, when the list was revised
            key = key + dt.timedelta(days=self.rng.randint(3, 60))
        self.rows.append((key, self.rng.random(), row, p, ann))
        ann["errors"] = applied
        return ann

    def render(self, p: Person, applied: set[str]) -> tuple[dt.date, tuple, dict]:  # pragma: no cover
        raise NotImplementedError

    def ordered(self):
        """Rows in the list's own order (by date entered), each with its record id."""
        self.rows.sort(key=lambda r: (r[0], r[1]))
        for i, (_, _, row, p, ann) in enumerate(self.rows, 1):
            yield f"{self.prefix}-{i:06d}", row, p, ann
        self.count = len(self.rows)

    def write(self, outdir: Path) -> list[tuple[str, Person, dict]]:  # pragma: no cover
        raise NotImplementedError

    def mapping(self) -> str:  # pragma: no cover
        raise NotImplementedError


def _ann(script: str, date_form: str, offset: int, level: str, thin: bool = False) -> dict:
    return {"script": script, "date_form": date_form, "date_offset": offset,
            "place_level": level, "thin": thin}


def _csv_out(path: Path, encoding: str, delimiter: str, header, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


class RightsArabic(AuditList):
    """A rights group's Arabic list (SNHR-style): Windows-1256 CSV, the full name in one
    cell, split into parts only in rows entered after the list's 2025 revision."""

    id, name, prefix, list_kind = "rights-ar", "Rights group (Arabic list)", "AR", "rights_group"
    file, duplicate = "lists/rights_ar.csv", 0.03
    rates = {"hamza": 0.25, "ta_marbuta": 0.1, "alef_maqsura": 0.15, "abd_spacing": 0.3}
    header = ("م", "الاسم الكامل", "الاسم", "اسم الأب", "اسم الجد", "الكنية", "اسم الأم", "الجنس",
              "العمر", "تاريخ الوفاة", "القرية أو الحي", "المنطقة", "المحافظة", "الصفة")

    def render(self, p, applied):
        rng = self.rng
        g, f, gf, fam = (self._ar(p, k, self.rates, applied) for k in ("given", "father", "grandfather", "family"))
        if fam.startswith("ال") and len(fam) > 4 and rng.random() < 0.05:
            fam = fam[2:]
            applied.add("no_article")
        full = [g, f] + ([gf] if rng.random() < 0.55 else []) + [fam]
        if len(full) == 4 and rng.random() < 0.04:  # the three-part name, no family known
            full, fam = full[:3], ""
            applied.add("missing_family")
        self._typo(full, 0.03, applied, False)
        split = rng.random() < 0.6
        if split:
            has_gf = len(full) == 4 or not fam
            parts = (full[0], full[1], full[2] if has_gf else "", full[-1] if fam else "")
            if parts[2] == "" and rng.random() < 0.8:
                parts = (parts[0], parts[1], self._ar(p, "grandfather", self.rates, applied), parts[3])
        else:
            parts = ("", "", "", "")
            applied.add("name_one_cell")
        mother = (self._ar(p, "mother", self.rates, applied) + " " + ar(p, "mother_family")
                  if rng.random() < 0.2 else "")
        date, form, off = self._date(p, {"shift": .03, "month": .03, "missing": .01}, applied)
        where = p.incident.place
        if p.home is not None and rng.random() < 0.2:
            where = p.home
            applied.add("home_place")
        place, level = (where.name_ar, where.kind) if rng.random() < 0.88 else ("", "district")
        if level == "neighbourhood":  # a rights group names the town, not the quarter
            place, level = where.district_ar, "district"
        row = (" ".join(full), *parts, mother, "ذكر" if p.sex == "male" else "أنثى",
               self._age(p, 0.08, 2, applied) if rng.random() < 0.75 else "",
               date.isoformat() if isinstance(date, dt.date) else date, place,
               where.district_ar, where.governorate_ar,
               "مدني" if p.status == "civilian" else "عسكري")
        row = tuple(cp1256_safe(x) for x in row)
        return p.date, row, _ann("arabic", form, off, level if place else "district")

    def write(self, outdir):
        out, rows = [], []
        for rid, row, p, ann in self.ordered():
            rows.append((rid,) + row)
            out.append((rid, p, ann))
        _csv_out(outdir / self.file, "cp1256", ";", self.header, rows)
        return out

    def mapping(self):
        return '''# Rights group (Arabic list): Windows-1256, ';'-separated. The full name is in one
# cell; rows entered after the 2025 revision also give its parts.
[options]
encoding = "windows-1256"
delimiter = ";"
date_order = "ymd"

[fields]
record_id = "م"
name = "الاسم الكامل"
given_name = "الاسم"
father_name = "اسم الأب"
grandfather_name = "اسم الجد"
family_name = "الكنية"
mother_name = "اسم الأم"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الوفاة"
place = "القرية أو الحي"
district = "المنطقة"
governorate = "المحافظة"
status = "الصفة"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"

[values.status]
"مدني" = "civilian"
"عسكري" = "combatant"
'''


class Bilingual(AuditList):
    """A documentation centre's bilingual database export (VDC-style), kept in Excel:
    an English and an Arabic name column, either sometimes empty; adult/child with sex."""

    id, name, prefix, list_kind = "bilingual", "Documentation centre (bilingual)", "VB", "bilingual"
    file, duplicate, language, reliability = "lists/bilingual.xlsx", 0.04, "ar+en", "B"
    rates = {"hamza": 0.5, "ta_marbuta": 0.3, "alef_maqsura": 0.3, "abd_spacing": 0.5}
    header = ("ID", "Name", "الاسم", "Status", "Sex", "Age", "Province", "Area", "Date of death")

    def render(self, p, applied):
        rng = self.rng
        c = STYLE_BI.draw(rng, self._boost)
        with_father = rng.random() < 0.7
        parts = ["given"] + (["father"] if with_father else []) + ["family"]
        latin = [self._lat(p, k, c) for k in parts]
        arab = [self._ar(p, k, self.rates, applied) for k in parts]
        u = rng.random()
        if u < 0.12:
            latin = []
            applied.add("latin_missing")
        elif u < 0.32:
            arab = []
            applied.add("arabic_missing")
        script = "latin" if latin else "arabic"
        if latin:
            applied.add("latin_script")
            self._typo(latin, 0.04, applied, True)
        else:
            self._typo(arab, 0.03, applied, False)
        date, form, off = self._date(p, {"shift": .03, "month": .08, "year": .02, "missing": .02},
                                     applied, shift=(-2, -1, 1, 2))
        pl = p.incident.place
        gov = GOV_LATIN[pl.governorate]
        province = gov[1] if len(gov) > 1 else gov[0]
        if rng.random() < 0.75:
            area = spelling.latin(pl.name if pl.kind == "village" else pl.district, c)
            level = "village" if pl.kind == "village" else "district"
        else:
            area, level = "", "governorate"
        sex = ("Child" if p.age < 18 else "Adult") + " - " + ("Male" if p.sex == "male" else "Female")
        row = (" ".join(latin), " ".join(arab), "Civilian" if p.status == "civilian" else "Non-Civilian",
               sex, p.age if rng.random() < 0.4 else "", province, area, date)
        return p.date, row, _ann(script, form, off, level)

    def write(self, outdir):
        out = []
        (outdir / self.file).parent.mkdir(parents=True, exist_ok=True)
        with XlsxWriter(outdir / self.file, "Martyrs") as x:
            x.row(self.header)
            for rid, row, p, ann in self.ordered():
                x.row((rid,) + row)
                out.append((rid, p, ann))
        return out

    def mapping(self):
        return '''# Documentation centre (bilingual): XLSX, an English and an Arabic name column
# (the English one is taken where both are filled).
[options]
sheet = "Martyrs"

[fields]
record_id = "ID"
name = ["Name", "الاسم"]
status = "Status"
sex = "Sex"
age = "Age"
governorate = "Province"
place = "Area"
date_of_death = "Date of death"

[values.sex]
"Adult - Male" = "male"
"Child - Male" = "male"
"Adult - Female" = "female"
"Child - Female" = "female"

[values.status]
"Civilian" = "civilian"
"Non-Civilian" = "combatant"
'''


class English(AuditList):
    """A monitor's English list: transliterated full names in its house style, which
    changed on 1 July 2025 (new editor: Muhammed, al-, Husain); copied mostly from the
    rights group's Arabic list, so capture depends on it."""

    id, name, prefix, list_kind = "english", "Monitor (English list)", "EN", "english"
    file, duplicate, language, reliability = "lists/english.csv", 0.03, "en", "C"
    SWITCH = dt.date(2025, 7, 1)
    header = ("Ref", "Victim", "Sex", "Age", "Date", "Location", "Governorate")

    def render(self, p, applied):
        rng = self.rng
        style = STYLE_EN_EARLY if p.date < self.SWITCH else STYLE_EN_LATE
        c = style.draw(rng, self._boost)
        applied.add(f"style_{c['_style']}")
        applied.add("latin_script")
        family = "family"
        if p.husband >= 0 and rng.random() < 0.3:  # a married woman under her husband's name
            family = "husband_family"
            applied.add("married_name")
        parts = ["given"] + (["father"] if rng.random() < 0.5 else []) + [family]
        name = [self._lat(p, k, c) for k in parts]
        self._typo(name, 0.04, applied, True)
        if rng.random() < 0.03:  # "Family, Given" as a spreadsheet sorts it
            name = [name[-1] + ","] + name[:-1]
            applied.add("family_first")
        date, form, off = self._date(p, {"shift": .05, "month": .05, "missing": .02}, applied)
        pl = p.incident.place
        u = rng.random()
        if u < 0.6:
            loc, level = spelling.latin(pl.name, c), pl.kind
        elif u < 0.85:
            loc, level = spelling.latin(pl.district, c), "district"
        else:
            loc, level = "", "governorate"
        row = (" ".join(name), ("Male" if p.sex == "male" else "Female") if rng.random() < 0.9 else "",
               self._age(p, 0.12, 2, applied) if rng.random() < 0.6 else "",
               date.strftime("%d/%m/%Y") if isinstance(date, dt.date) else date, loc,
               GOV_LATIN[pl.governorate][0])
        return p.date, row, _ann("latin", form, off, level)

    def write(self, outdir):
        out, rows = [], []
        for rid, row, p, ann in self.ordered():
            rows.append((rid,) + row)
            out.append((rid, p, ann))
        _csv_out(outdir / self.file, "utf-8", ",", self.header, rows)
        return out

    def mapping(self):
        return '''# Monitor (English list): UTF-8 CSV, transliterated names, day/month/year dates.
[options]
date_order = "dmy"

[fields]
record_id = "Ref"
name = "Victim"
sex = "Sex"
age = "Age"
date_of_death = "Date"
place = "Location"
governorate = "Governorate"

[values.sex]
"Male" = "male"
"Female" = "female"
'''


class _News(AuditList):
    """A news-derived list: names read out of articles, given + family name only; the
    date is the day the article came out (0-3 days after the death); the place is the
    governorate, "X countryside" or "X province"; age rarely, sex half the time."""

    kind, reliability, list_kind, language = "news_outlet", "C", "news", "en"
    duplicate = 0.06
    p_latin = 0.9
    style = STYLE_NEWS_A
    lag = {0: .3, 1: .35, 2: .25, 3: .1}

    def render(self, p, applied):
        rng = self.rng
        latin = rng.random() < self.p_latin
        applied.add("thin")
        if latin:
            c = self.style.draw(rng, self._boost)
            applied.add("latin_script")
            name = [self._lat(p, "given", c), self._lat(p, "family", c)]
        else:
            name = [self._ar(p, k, {"hamza": .6, "ta_marbuta": .3, "alef_maqsura": .4}, applied)
                    for k in ("given", "family")]
        self._typo(name, 0.05, applied, latin)
        lag = rng.choices(list(self.lag), weights=list(self.lag.values()))[0]
        reported = p.date + dt.timedelta(days=lag)
        applied.add(f"report_lag_{lag}")
        pl = p.incident.place
        u = rng.random()
        if latin:
            gov = GOV_LATIN[pl.governorate][0 if rng.random() < 0.7 else -1]
            where = gov if u < 0.4 else f"{gov} countryside" if u < 0.75 else f"{gov} province"
        else:
            gov = pl.governorate_ar
            where = gov if u < 0.4 else f"ريف {gov}" if u < 0.75 else f"محافظة {gov}"
        sex = (("male" if p.sex == "male" else "female") if latin else
               ("ذكر" if p.sex == "male" else "أنثى")) if rng.random() < 0.5 else ""
        age = str(p.age) if rng.random() < 0.12 else ""
        return reported, (" ".join(name), reported, where, sex, age), _ann(
            "latin" if latin else "arabic", "day", lag, "governorate", thin=True)


class NewsWire(_News):
    id, name, prefix = "news-wire", "News digest (wire reports)", "NA"
    file = "lists/news_wire.jsonl"

    def write(self, outdir):
        out = []
        path = outdir / self.file
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for rid, (name, reported, where, sex, age), p, ann in self.ordered():
                f.write(json.dumps({"id": rid, "name": name, "reported": reported.isoformat(),
                                    "location": where, "gender": sex or None, "age": age or None},
                                   ensure_ascii=False) + "\n")
                out.append((rid, p, ann))
        return out

    def mapping(self):
        return '''# News digest (wire reports): JSON lines; the date is the day of the report.
[fields]
record_id = "id"
name = "name"
date_of_death = "reported"
governorate = "location"
sex = "gender"
age = "age"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


class NewsAggregator(_News):
    id, name, prefix = "news-agg", "News aggregator (Arabic and English outlets)", "NB"
    file, p_latin, style, language = "lists/news_aggregator.csv", 0.65, STYLE_NEWS_B, "ar+en"
    lag = {0: .2, 1: .35, 2: .3, 3: .15}

    def write(self, outdir):
        out, rows = [], []
        for rid, (name, reported, where, sex, age), p, ann in self.ordered():
            rows.append((rid, name, f"{reported.day}/{reported.month}/{reported.year}", where, sex, age))
            out.append((rid, p, ann))
        _csv_out(outdir / self.file, "utf-8", ",", ("n", "victim", "date_reported", "region", "gender", "age"), rows)
        return out

    def mapping(self):
        return '''# News aggregator: UTF-8 CSV, names in Latin or Arabic script; the date is the
# day of the report (day/month/year).
[options]
date_order = "dmy"

[fields]
record_id = "n"
name = "victim"
date_of_death = "date_reported"
governorate = "region"
sex = "gender"
age = "age"

[values.sex]
"male" = "male"
"female" = "female"
"ذكر" = "male"
"أنثى" = "female"
'''


class Morgue(AuditList):
    """Hospital morgue registers of the district-centre hospitals: UTF-16 tab text; the
    place is the hospital, the date the day the body was received (0-2 days after the
    death); some bodies unidentified, some partly identified (the family only, or
    "son of X")."""

    id, name, prefix, list_kind = "morgue", "Hospital morgue registers", "HM", "hospital"
    kind, reliability, file, duplicate = "official", "B", "lists/morgue.txt", 0.02
    rates = {"hamza": 0.4, "ta_marbuta": 0.2, "alef_maqsura": 0.3, "abd_spacing": 0.3}
    header = ("رقم القيد", "الاسم", "الجنس", "العمر", "تاريخ الاستلام", "المشفى", "المنطقة",
              "المحافظة", "ملاحظات")

    def render(self, p, applied):
        rng = self.rng
        u = rng.random()
        note = ""
        if u < 0.11 and "duplicate" not in applied:
            name, note = UNIDENTIFIED, "جثة مجهولة الهوية"
            applied.add("unidentified")
        elif u < 0.17:
            applied.add("partly_identified")
            if p.age < 18 and rng.random() < 0.6:
                name = ("ابن " if p.sex == "male" else "ابنة ") + " ".join(
                    self._ar(p, k, self.rates, applied) for k in ("father", "family"))
            else:
                name = "مجهول من عائلة " + self._ar(p, "family", self.rates, applied)
            note = "هوية غير مكتملة"
        else:
            parts = ["given"] + (["father"] if rng.random() < 0.8 else []) + ["family"]
            nm = [self._ar(p, k, self.rates, applied) for k in parts]
            self._typo(nm, 0.04, applied, False)
            name = " ".join(nm)
        if "unidentified" in applied or "partly_identified" in applied or rng.random() < 0.3:
            lo = p.age // 10 * 10
            age = f"{lo}-{lo + 10}"
        else:
            age = str(p.age)
        lag = rng.choices((0, 1, 2), weights=(.5, .35, .15))[0]
        received = p.date + dt.timedelta(days=lag)
        applied.add(f"received_lag_{lag}")
        pl = p.incident.place
        row = (name, "ذكر" if p.sex == "male" else "أنثى", age, received.isoformat(), pl.hospital_ar,
               pl.district_ar, pl.governorate_ar, note)
        return received, row, _ann("arabic", "day", lag, "hospital")

    def write(self, outdir):
        out, rows = [], []
        for rid, row, p, ann in self.ordered():
            rows.append((rid,) + row)
            out.append((rid, p, ann))
        _csv_out(outdir / self.file, "utf-16", "\t", self.header, rows)
        return out

    def mapping(self):
        return f'''# Hospital morgue registers: UTF-16 tab-separated text (Excel "Unicode text").
# The date is the day the body was received; the place is the hospital.
# "{UNIDENTIFIED}" is a placeholder, not a name.
[fields]
record_id = "رقم القيد"
name = "الاسم"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الاستلام"
place = "المشفى"
district = "المنطقة"
governorate = "المحافظة"
notes = "ملاحظات"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


_TITLE_CHILD = {"male": "الطفل", "female": "الطفلة"}


class Local(AuditList):
    """A community's martyrs page (a village or a Sweida / coastal network): UTF-8 with
    BOM; titles (الشهيد, الطفلة, الحاج), kunyas (أبو علي) in place of or beside the given
    name, nicknames, family-first order, the neighbourhood as the place; some pages
    written in Latin by diaspora volunteers."""

    id, name, prefix, list_kind = "local", "Community martyrs pages", "LC", "local"
    kind, reliability, file, duplicate = "social_media", "C", "lists/local.csv", 0.06
    language = "ar"
    rates = {"hamza": 0.5, "ta_marbuta": 0.3, "alef_maqsura": 0.3, "abd_spacing": 0.5}
    header = ("#", "الاسم", "الجنس", "العمر", "تاريخ الاستشهاد", "المكان", "المحافظة", "ملاحظات")

    def render(self, p, applied):
        rng = self.rng
        latin = rng.random() < 0.1
        if latin:
            c = STYLE_LOCAL.draw(rng, self._boost)
            applied.add("latin_script")
            word = lambda k: self._lat(p, k, c)  # noqa: E731
        else:
            word = lambda k: self._ar(p, k, self.rates, applied)  # noqa: E731
        if p.husband >= 0 and not latin and rng.random() < 0.08:
            # her name unknown to the page: "wife of <husband> <his family>"
            name = "زوجة " + " ".join(self._ar(p, k, self.rates, applied) for k in ("husband", "husband_family"))
            applied.add("wife_of")
            return self._local_row(p, applied, name, latin, None)
        given = word("given")
        kunya = ""
        if p.kunya and rng.random() < 0.25:
            son = spelling.latin(kunya_ref(p.kunya), c) if latin else p.kunya
            lead = ("Abu " if p.sex == "male" else "Umm ") if latin else ("أبو " if p.sex == "male" else "أم ")
            kunya = lead + son
            applied.add("kunya")
        parts = [given]
        if kunya and rng.random() < 0.5:
            parts = [kunya]          # known by the kunya alone
            applied.add("kunya_for_given")
        if rng.random() < 0.75:
            parts.append(word("father"))
            if rng.random() < 0.2:
                parts.append(word("grandfather"))
        fam = word("family")
        if rng.random() < 0.06:
            parts.insert(0, fam)
            applied.add("family_first")
        else:
            parts.append(fam)
        self._typo(parts, 0.05, applied, latin)
        if kunya and parts[0] != kunya:
            parts.append(f"({kunya})")
        if not latin:
            if p.age < 15 and rng.random() < 0.6:
                parts.insert(0, _TITLE_CHILD[p.sex])
                applied.add("title")
            elif p.age >= 60 and rng.random() < 0.3:
                parts.insert(0, "الحاج" if p.sex == "male" else "الحاجة")
                applied.add("title")
            elif rng.random() < 0.15:
                parts.insert(0, "الشهيد" if p.sex == "male" else "الشهيدة")
                applied.add("title")
            if p.laqab and rng.random() < 0.5:
                parts.append(f"الملقب {p.laqab}" if not p.laqab.startswith("ال") else p.laqab)
                applied.add("laqab")
        return self._local_row(p, applied, " ".join(parts), latin, c if latin else None)

    def _local_row(self, p, applied, name, latin, c):
        rng = self.rng
        pl = p.incident.place
        if p.home is not None:  # the page of his home village
            pl = p.home
            applied.add("home_place")
        date, form, off = self._date(p, {"burial": .1, "month": .07, "year": .03, "missing": .02}, applied)
        if pl.kind == "neighbourhood":
            where = (f"{pl.name_ar} - {pl.district_ar}" if not latin
                     else f"{spelling.latin(pl.name, c)}, {spelling.latin(pl.district, c)}")
        else:
            where = pl.name_ar if not latin else spelling.latin(pl.name, c)
        gov = pl.governorate_ar if not latin else GOV_LATIN[pl.governorate][0]
        sex = "" if rng.random() < 0.2 else (("m" if p.sex == "male" else "f") if latin else
                                             ("ذكر" if p.sex == "male" else "أنثى"))
        row = (name, sex, self._age(p, 0.15, 5, applied) if rng.random() < 0.5 else "",
               f"{date.day}/{date.month}/{date.year}" if isinstance(date, dt.date) else date,
               where, gov, "")
        return p.date, row, _ann("latin" if latin else "arabic", form, off, pl.kind)

    def write(self, outdir):
        out, rows = [], []
        for rid, row, p, ann in self.ordered():
            rows.append((rid,) + row)
            out.append((rid, p, ann))
        _csv_out(outdir / self.file, "utf-8-sig", ",", self.header, rows)
        return out

    def mapping(self):
        return '''# Community martyrs pages: UTF-8 CSV (BOM), day/month/year dates; names with
# titles, kunyas (أبو X) and nicknames as written on the pages.
[options]
date_order = "dmy"

[fields]
record_id = "#"
name = "الاسم"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الاستشهاد"
place = "المكان"
governorate = "المحافظة"
notes = "ملاحظات"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
"m" = "male"
"f" = "female"
'''


LISTS = (RightsArabic, Bilingual, English, NewsWire, NewsAggregator, Morgue, Local)
