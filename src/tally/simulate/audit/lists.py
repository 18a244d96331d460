"""The seven lists: how each writes a victim, its file and its mapping.

Who each list captures is :mod:`tally.simulate.audit.capture`; the base class and the
truth in each script are :mod:`tally.simulate.audit.listbase`; the Latin house styles
:mod:`tally.simulate.audit.styles`.
"""

from __future__ import annotations

import datetime as dt
import json

from tally.simulate.audit import spelling
from tally.simulate.audit.listbase import (
    GOV_LATIN, STOCKS, UNIDENTIFIED, AuditList, annotation, write_csv, ar, kunya_ref, ref,
)
from tally.simulate.audit.styles import (
    STYLE_BI, STYLE_EN_EARLY, STYLE_EN_LATE, STYLE_LOCAL, STYLE_NEWS_A, STYLE_NEWS_B,
)
from tally.simulate.writers import cp1256_safe
from tally.simulate.xlsx import XlsxWriter

__all__ = ["LISTS", "GOV_LATIN", "STOCKS", "ar", "ref"]


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
        return p.date, row, annotation("arabic", form, off, level if place else "district")

    def write(self, outdir):
        out, rows = [], []
        for rid, row, p, ann in self.ordered():
            rows.append((rid,) + row)
            out.append((rid, p, ann))
        write_csv(outdir / self.file, "cp1256", ";", self.header, rows)
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
        return p.date, row, annotation(script, form, off, level)

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
        return p.date, row, annotation("latin", form, off, level)

    def write(self, outdir):
        out, rows = [], []
        for rid, row, p, ann in self.ordered():
            rows.append((rid,) + row)
            out.append((rid, p, ann))
        write_csv(outdir / self.file, "utf-8", ",", self.header, rows)
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
        return reported, (" ".join(name), reported, where, sex, age), annotation(
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
        write_csv(outdir / self.file, "utf-8", ",", ("n", "victim", "date_reported", "region", "gender", "age"), rows)
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
        return received, row, annotation("arabic", "day", lag, "hospital")

    def write(self, outdir):
        out, rows = [], []
        for rid, row, p, ann in self.ordered():
            rows.append((rid,) + row)
            out.append((rid, p, ann))
        write_csv(outdir / self.file, "utf-16", "\t", self.header, rows)
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
        return p.date, row, annotation("latin" if latin else "arabic", form, off, pl.kind)

    def write(self, outdir):
        out, rows = [], []
        for rid, row, p, ann in self.ordered():
            rows.append((rid,) + row)
            out.append((rid, p, ann))
        write_csv(outdir / self.file, "utf-8-sig", ",", self.header, rows)
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
