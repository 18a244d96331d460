"""The seven lists of the mosaic profile, each in its own shape and encoding.

Every writer turns a victim into one row of its file and says, for the truth
files, what it did: the variation tokens and the annotations linkage_kinds reads
(list kind, thin, script, date form and offset, place level).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

from tally.simulate.mosaic.names import Name, arabic_typo, arabic_variant, latin_typo, romanise
from tally.simulate.mosaic.places import Village
from tally.simulate.mosaic.world import Incident, Person
from tally.simulate.xlsx import XlsxWriter


class ListWriter:
    id = ""
    name = ""
    kind = "rights_group_list"
    reliability = "B"
    language = "ar"
    file = ""
    mapping_file = ""
    list_kind = ""
    dup_rate = 0.0

    def __init__(self, outdir: Path, rng: random.Random) -> None:
        self.rng = rng
        self.path = outdir / self.file
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self._rows: list = []
        self.open()

    # capture -------------------------------------------------------------------
    def p_incident(self, inc: Incident) -> float:  # pragma: no cover
        raise NotImplementedError

    def p_victim(self, p: Person) -> float:
        return 0.6 if p.status == "civilian" else 0.3

    # writing -------------------------------------------------------------------
    def open(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def write(self, p: Person, dup: bool = False) -> tuple[str, set[str], dict]:  # pragma: no cover
        raise NotImplementedError

    def mapping(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def put(self, key, row) -> None:
        """Keep a row; the file is written sorted by ``key`` at close, the way the list's
        keepers sort it (ids stay in the order of entry)."""
        self._rows.append((key, self.count, row))

    def emit(self, row) -> None:
        self._w.writerow(row)

    def close(self) -> None:
        self._rows.sort(key=lambda r: (r[0], r[1]))
        for _, _, row in self._rows:
            self.emit(row)
        self._rows = []
        self._f.close()

    def meta(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "reliability": self.reliability,
                "language": self.language, "file": self.file, "mapping": self.mapping_file,
                "list_kind": self.list_kind, "duplicate_rate": self.dup_rate}

    # helpers -------------------------------------------------------------------
    def hit(self, p: float) -> bool:
        return self.rng.random() < p

    def ar(self, n: Name | None, tokens: set[str], rate: float = 0.25) -> str:
        if n is None:
            return ""
        text, done = arabic_variant(n.ar, self.rng, rate)
        tokens |= done
        return text

    def lat(self, n: Name | None, hand: str, p: Person | None = None) -> str:
        if n is None:
            return ""
        return romanise(n.pivot, hand, self.rng, ar=n.ar, kurdish=p is not None and p.community == "kurd")

    def lag(self, weights) -> int:
        return self.rng.choices(range(len(weights)), weights=weights)[0]


def _death(p: Person) -> dt.date:
    return p.incident.date


def _ann(kind: str, thin: bool, script: str, form: str, offset: int, level: str) -> dict:
    return {"list_kind": kind, "thin": int(thin), "script": script, "date_form": form,
            "date_offset": offset if form == "day" else "", "place_level": level}


def _gov(v: Village):
    return v.district.gov


def _ar_place(text: str, rng: random.Random, rate: float, tokens: set[str]) -> str:
    """A village as typed on a phone: final hamza dropped (السويدا), ة as ه, hamza-less alef."""
    if rng.random() >= rate:
        return text
    out = text.replace("اء", "ا") if text.endswith("اء") else text
    out = out.replace("ة", "ه").replace("أ", "ا").replace("إ", "ا")
    if out != text:
        tokens.add("place_spelling")
    return out


def _age_or_child(p: Person) -> str:
    return str(p.age)


# -- 1. Arabic register, four name columns -------------------------------------------

class Register(ListWriter):
    """A national rights network's Arabic register (Windows-1256, ';'), name parts in four
    columns. When a part is unknown the clerk leaves no gap: the following parts move left,
    so a grandfather sits in the father column or the family name in the grandfather's."""

    id = "reg"
    name = "National rights network, Arabic victims register"
    file = "lists/register_ar_1256.csv"
    mapping_file = "mappings/reg.toml"
    list_kind = "register"
    dup_rate = 0.03
    header = ("الرقم التسلسلي", "الاسم", "اسم الأب", "اسم الجد", "النسبة", "الجنس", "العمر",
              "تاريخ الاستشهاد", "القرية أو الحي", "المنطقة", "المحافظة", "الصفة", "ملاحظات")

    def open(self) -> None:
        self._f = open(self.path, "w", encoding="cp1256", newline="", errors="replace")
        self._w = csv.writer(self._f, delimiter=";", lineterminator="\r\n")
        self._w.writerow(self.header)

    def p_incident(self, inc: Incident) -> float:
        return {"SY13": 0.7, "SY08": 0.6, "SY11": 0.6}.get(_gov(inc.village).code, 0.85)

    def p_victim(self, p: Person) -> float:
        return 0.72 if p.status == "civilian" else 0.3

    def write(self, p, dup=False):
        rng, tokens = self.rng, set()
        self.count += 1
        rid = f"SR-{self.count:06d}"
        father = p.father if self.hit(0.92) else None
        grand = p.grandfather if father is not None and self.hit(0.6) else None
        parts = [self.ar(p.given, tokens), self.ar(father, tokens), self.ar(grand, tokens), self.ar(p.family, tokens)]
        if self.hit(0.05):
            i = rng.choice([0, 3])
            parts[i] = arabic_typo(parts[i], rng)
            tokens.add("typo")
        if father is None:
            tokens.add("no_father")
        if grand is None:
            tokens.add("no_grandfather")
        if (father is None or grand is None) and self.hit(0.35):
            parts = [x for x in parts if x] + [""] * (4 - len([x for x in parts if x]))
            tokens.add("shifted_columns")
        age = _age_or_child(p) if self.hit(0.78) else ""
        d = _death(p)
        r = rng.random()
        if r < 0.86:
            form, off = "day", 0
        elif r < 0.92:
            form, off = "day", rng.choice((-1, 1))
            tokens.add("date_shift")
        elif r < 0.96:
            form, off = "month", 0
            tokens.add("date_month")
        else:
            form, off = "missing", 0
            tokens.add("date_missing")
        date = ("" if form == "missing" else d.strftime("%Y-%m") if form == "month"
                else (d + dt.timedelta(days=off)).strftime("%d/%m/%Y"))
        v = p.incident.village
        village = v.ar if self.hit(0.9) else ""
        level = "village" if village else "district"
        if not village:
            tokens.add("district_only")
        self.put((d, _gov(v).code), (rid, *parts, "ذكر" if p.sex == "male" else "أنثى", age, date, village,
                          v.district.ar, _gov(v).ar, "مدني" if p.status == "civilian" else "عسكري", ""))
        return rid, tokens, _ann(self.list_kind, False, "arabic", form, off, level)

    def mapping(self) -> str:
        return '''# National rights network register: Windows-1256, ';', four name columns.
[options]
encoding = "windows-1256"
delimiter = ";"
date_order = "dmy"

[fields]
record_id = "الرقم التسلسلي"
name = { join = ["الاسم", "اسم الأب", "اسم الجد", "النسبة"], sep = " " }
given_name = "الاسم"
father_name = "اسم الأب"
grandfather_name = "اسم الجد"
family_name = "النسبة"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الاستشهاد"
place = "القرية أو الحي"
district = "المنطقة"
governorate = "المحافظة"
status = "الصفة"
notes = "ملاحظات"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"

[values.status]
"مدني" = "civilian"
"عسكري" = "combatant"
'''


# -- 2. A coalition list merged from two organisations' exports ------------------------

class Coalition(ListWriter):
    """Two organisations' exports pasted into one sheet without de-duplication: org A's
    Arabic rows (ids A-2025-nnnnnn, ISO dates, villages) and org B's Latin rows (ids
    B/nnnnn, English spellings, day/month/year dates, districts). A victim both recorded
    appears twice, once in each script."""

    id = "coal"
    name = "Coalition list (merged export of two member organisations)"
    reliability = "C"
    file = "lists/coalition_merged.csv"
    mapping_file = "mappings/coal.toml"
    list_kind = "coalition"
    dup_rate = 0.02
    header = ("record_ref", "org", "full_name", "gender", "age", "date_of_death", "location",
              "governorate", "notes")

    def open(self) -> None:
        self._f = open(self.path, "w", encoding="utf-8", newline="")
        self._w = csv.writer(self._f, lineterminator="\n")
        self._w.writerow(self.header)
        self.n_a = self.n_b = 0

    def p_incident(self, inc: Incident) -> float:  # not used: org A and B decide (see capture)
        return 0.0

    def write(self, p, dup=False, org: str = "A"):
        return self._a(p) if org == "A" else self._b(p)

    def _a(self, p):
        tokens = {"org_a"}
        self.n_a += 1
        rid = f"A-2025-{self.n_a:06d}"
        parts = [self.ar(p.given, tokens)]
        if self.hit(0.6):
            parts.append(self.ar(p.father, tokens))
        else:
            tokens.add("no_father")
        parts.append(self.ar(p.family, tokens))
        name = " ".join(parts)
        if self.hit(0.04):
            name = arabic_typo(name, self.rng)
            tokens.add("typo")
        d = _death(p)
        form = "day" if self.hit(0.93) else "missing"
        if form == "missing":
            tokens.add("date_missing")
        v = p.incident.village
        self.put(("A", d), (rid, "A", name, "ذكر" if p.sex == "male" else "أنثى",
                          _age_or_child(p) if self.hit(0.6) else "", d.isoformat() if form == "day" else "",
                          v.ar, _gov(v).ar, ""))
        return rid, tokens, _ann(self.list_kind, False, "arabic", form, 0, "village")

    def _b(self, p):
        tokens = {"org_b", "latin_script", "hand_en"}
        self.n_b += 1
        rid = f"B/{self.n_b:05d}"
        parts = [self.lat(p.given, "en", p)]
        if self.hit(0.5):
            parts.append(self.lat(p.father, "en", p))
        else:
            tokens.add("no_father")
        parts.append(self.lat(p.family, "en", p))
        name = " ".join(x for x in parts if x)
        if self.hit(0.06):
            name = latin_typo(name, self.rng)
            tokens.add("typo")
        d = _death(p)
        r = self.rng.random()
        if r < 0.7:
            form, date = "day", d.strftime("%d/%m/%Y")
        elif r < 0.92:
            form, date = "month", d.strftime("%Y-%m")
            tokens.add("date_month")
        else:
            form, date = "missing", ""
            tokens.add("date_missing")
        v = p.incident.village
        gov = _gov(v)
        self.put(("B", d), (rid, "B", name, "M" if p.sex == "male" else "F",
                          _age_or_child(p) if self.hit(0.45) else "", date,
                          romanise(v.district.pivot, "en", self.rng), gov.en[0], ""))
        tokens.add("district_only")
        return rid, tokens, _ann(self.list_kind, False, "latin", form, 0, "district")

    def mapping(self) -> str:
        return '''# Coalition list: UTF-8 CSV pasted from two organisations' exports (org A Arabic, org B Latin).
[options]
encoding = "utf-8"
delimiter = ","
date_order = "dmy"

[fields]
record_id = "record_ref"
name = "full_name"
sex = "gender"
age = "age"
date_of_death = "date_of_death"
place = "location"
governorate = "governorate"
notes = ["notes", "org"]

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
"M" = "male"
"F" = "female"
'''


# -- 3. News wires: thin, Latin ----------------------------------------------------

_GOV_FORMS = ("plain", "countryside", "province")


def _thin_place_latin(rng: random.Random, v: Village, hand: str) -> tuple[str, str]:
    gov = _gov(v)
    form = rng.choices(_GOV_FORMS, weights=(4, 4, 2))[0]
    if gov.code == "SY01" and form == "countryside":
        form = "plain"
    if hand == "fr":
        name = gov.fr
        text = {"plain": name, "countryside": f"campagne de {name}", "province": f"province de {name}"}[form]
    else:
        name = rng.choice(gov.en) if rng.random() < 0.3 else gov.en[0]
        text = {"plain": name, "countryside": f"{name} countryside", "province": f"{name} province"}[form]
        if gov.code == "SY03" and form != "province":
            text = rng.choice(("Damascus countryside", "Rif Dimashq", "Rural Damascus"))
            form = "countryside"
    return text, ("countryside" if form == "countryside" else "governorate")


def _thin_place_ar(rng: random.Random, v: Village) -> tuple[str, str]:
    gov = _gov(v)
    form = rng.choices(_GOV_FORMS, weights=(4, 4, 2))[0]
    if gov.code in ("SY01", "SY03") and form == "countryside":
        return "ريف دمشق", "countryside"
    text = {"plain": gov.ar, "countryside": f"ريف {gov.ar}", "province": f"محافظة {gov.ar}"}[form]
    return text, ("countryside" if form == "countryside" else "governorate")


def _news_p(inc: Incident) -> float:
    n = len(inc.victims)
    if inc.phase == "background":
        return min(0.6, 0.12 + 0.06 * n)
    return min(0.85, 0.15 + 0.06 * n)


class Wire(ListWriter):
    """Names quoted by English- and French-language wires and outlets, gathered into a
    JSON-lines roll: given and family name only, the date the story ran (0-3 days after
    the death), the governorate ("Latakia countryside", "province de Lattaquié"); age
    rarely, sex about half the time."""

    id = "wire"
    name = "News wire roll (English and French outlets)"
    kind = "news_outlet"
    reliability = "C"
    language = "en"
    file = "lists/news_wires.jsonl"
    mapping_file = "mappings/wire.toml"
    list_kind = "news"
    dup_rate = 0.05
    outlets_en = ("Levant Wire", "Syria Desk", "Reuters-style bulletin", "Daily Monitor")
    outlets_fr = ("Agence Levant", "Le Courrier du Levant")

    def open(self) -> None:
        self._f = open(self.path, "w", encoding="utf-8", newline="\n")

    def emit(self, row) -> None:
        self._f.write(row)

    def p_incident(self, inc):
        return _news_p(inc)

    def p_victim(self, p):
        return 0.45 if p.age >= 15 else 0.35

    def write(self, p, dup=False):
        rng = self.rng
        hand = "fr" if rng.random() < 0.25 else "en"
        tokens = {"latin_script", f"hand_{hand}", "thin"}
        self.count += 1
        rid = f"W{self.count:06d}"
        name = f"{self.lat(p.given, hand, p)} {self.lat(p.family, hand, p)}"
        if self.hit(0.06):
            name = latin_typo(name, rng)
            tokens.add("typo")
        lag = self.lag((0.3, 0.4, 0.2, 0.1))
        tokens.add(f"report_lag_{lag}")
        place, level = _thin_place_latin(rng, p.incident.village, hand)
        sex = None
        if self.hit(0.5):
            sex = ("male" if p.sex == "male" else "female") if hand == "en" else ("homme" if p.sex == "male" else "femme")
        age = p.age if self.hit(0.12) else None
        row = {"id": rid, "outlet": rng.choice(self.outlets_fr if hand == "fr" else self.outlets_en),
               "lang": hand, "name": name, "sex": sex, "age": age,
               "reported": (_death(p) + dt.timedelta(days=lag)).isoformat(), "location": place}
        self.put(row["reported"], json.dumps(row, ensure_ascii=False) + "\n")
        return rid, tokens, _ann(self.list_kind, True, "latin", "day", lag, level)

    def mapping(self) -> str:
        return '''# News wire roll: JSON lines, names as the stories spelled them, report dates.
[fields]
record_id = "id"
name = "name"
sex = "sex"
age = "age"
date_of_death = "reported"
governorate = "location"
notes = ["outlet", "lang"]

[values.sex]
"homme" = "male"
"femme" = "female"
'''


class Digest(ListWriter):
    """A diaspora group's monthly media digest (XLSX): names from Arabic and English media,
    given + family only; two thirds re-typed in Latin, the rest pasted in Arabic; the date
    of the report; the governorate or its countryside."""

    id = "digest"
    name = "Monthly media digest (diaspora monitoring group)"
    kind = "news_outlet"
    reliability = "D"
    language = "en"
    file = "lists/media_digest.xlsx"
    mapping_file = "mappings/digest.toml"
    list_kind = "news"
    dup_rate = 0.05

    def open(self) -> None:
        self._f = XlsxWriter(self.path, "Names")
        self._f.row(("#", "Name", "Sex", "Date", "Area", "Media"))

    def emit(self, row) -> None:
        self._f.row(row)

    def p_incident(self, inc):
        return _news_p(inc) * 0.8

    def p_victim(self, p):
        return 0.4

    def write(self, p, dup=False):
        rng = self.rng
        tokens = {"thin"}
        self.count += 1
        rid = f"MD-{self.count:05d}"
        latin = rng.random() < 0.66
        if latin:
            tokens |= {"latin_script", "hand_en"}
            name = f"{self.lat(p.given, 'en', p)} {self.lat(p.family, 'en', p)}"
            if self.hit(0.06):
                name = latin_typo(name, rng)
                tokens.add("typo")
            place, level = _thin_place_latin(rng, p.incident.village, "en")
            sex = ("M" if p.sex == "male" else "F") if self.hit(0.5) else ""
        else:
            if p.role == "father" and p.eldest_son is not None and self.hit(0.15):
                name = f"أبو {self.ar(p.eldest_son.given, tokens)} {self.ar(p.family, tokens, 0.35)}"
                tokens.add("kunya")
            else:
                name = f"{self.ar(p.given, tokens, 0.35)} {self.ar(p.family, tokens, 0.35)}"
            place, level = _thin_place_ar(rng, p.incident.village)
            sex = ("ذكر" if p.sex == "male" else "أنثى") if self.hit(0.5) else ""
        lag = self.lag((0.25, 0.4, 0.25, 0.1))
        tokens.add(f"report_lag_{lag}")
        date = _death(p) + dt.timedelta(days=lag)
        self.put(date.strftime("%Y-%m"), (rid, name, sex, date, place, rng.choice(("TV", "web", "Telegram", "Facebook"))))
        return rid, tokens, _ann(self.list_kind, True, "latin" if latin else "arabic", "day", lag, level)

    def mapping(self) -> str:
        return '''# Media digest: XLSX, sheet Names; dates are report dates.
[options]
sheet = "Names"

[fields]
record_id = "#"
name = "Name"
sex = "Sex"
date_of_death = "Date"
governorate = "Area"
notes = "Media"

[values.sex]
"M" = "male"
"F" = "female"
"ذكر" = "male"
"أنثى" = "female"
'''


# -- 5. Hospital morgue registers --------------------------------------------------

class Morgue(ListWriter):
    """Health directorates' morgue registers (UTF-16 tab-separated, as Excel saves "Unicode
    text"): the date the body was received (0-2 days after death), the hospital of the
    district centre, and the odd unidentified body."""

    id = "morgue"
    name = "Hospital morgue registers (health directorates)"
    kind = "official"
    reliability = "B"
    file = "lists/morgue_registers.txt"
    mapping_file = "mappings/morgue.toml"
    list_kind = "hospital"
    dup_rate = 0.015
    header = ("رقم القيد", "الاسم الكامل", "الجنس", "العمر", "تاريخ الإدخال", "المشفى", "المدينة",
              "المحافظة", "ملاحظات")

    def open(self) -> None:
        self._f = open(self.path, "w", encoding="utf-16", newline="")
        self._w = csv.writer(self._f, delimiter="\t", lineterminator="\r\n")
        self._w.writerow(self.header)

    def p_incident(self, inc):
        code = _gov(inc.village).code
        if code in ("SY02", "SY07", "SY08", "SY09", "SY11"):
            return 0.3
        return 0.55

    def p_victim(self, p):
        return 0.6

    def write(self, p, dup=False):
        rng = self.rng
        tokens: set[str] = set()
        self.count += 1
        v = p.incident.village
        rid = f"MR-{_gov(v).code[2:]}-{self.count:06d}"
        if self.hit(0.025):
            name = "مجهول الهوية"
            tokens.add("unidentified")
            age = f"{max(0, p.age // 10 * 10)}-{p.age // 10 * 10 + 10}"
        else:
            r = rng.random()
            parts = [p.given, p.father, p.family] if r < 0.72 else (
                [p.given, p.father, p.grandfather, p.family] if r < 0.87 else [p.given, p.family])
            name = " ".join(self.ar(x, tokens, 0.3) for x in parts if x is not None)
            if self.hit(0.05):
                name = arabic_typo(name, rng)
                tokens.add("typo")
            age = str(p.age) if self.hit(0.7) else ""
        lag = self.lag((0.65, 0.25, 0.1))
        tokens.add(f"received_lag_{lag}")
        d = _death(p) + dt.timedelta(days=lag)
        self.put((_gov(v).code, v.district.ar, d), (rid, name, "ذكر" if p.sex == "male" else "أنثى", age, d.strftime("%Y/%m/%d"),
                          v.district.hospital_ar, v.district.ar, _gov(v).ar, ""))
        return rid, tokens, _ann(self.list_kind, False, "arabic", "day", lag, "hospital")

    def mapping(self) -> str:
        return '''# Morgue registers: UTF-16 tab-separated; date = body received; place = hospital.
# An unidentified body carries the name "مجهول الهوية": a placeholder, not a name.
[options]
encoding = "utf-16"
delimiter = "\\t"
date_order = "ymd"

[fields]
record_id = "رقم القيد"
name = "الاسم الكامل"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الإدخال"
place = ["المشفى", "المدينة"]
district = "المدينة"
governorate = "المحافظة"
notes = "ملاحظات"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


# -- 6. Community memorial pages ----------------------------------------------------

_PREFIX_M = ("الشهيد", "الشاب", "الحاج")
_PREFIX_F = ("الشهيدة", "السيدة")


class Pages(ListWriter):
    """Names collected from village and community memorial pages (Sweida, the coast): a
    UTF-8 sheet with BOM. Many women appear only as the wife or mother of a man ("زوجة
    علي حسن", "والدة محمد"); names carry honorifics (الشهيد، الشاب، الطفلة، الحاج); some
    rows are typed by relatives abroad in the chat alphabet; dates are often left out."""

    id = "pages"
    name = "Community memorial pages (compiled)"
    kind = "social_media"
    reliability = "D"
    file = "lists/community_pages.csv"
    mapping_file = "mappings/pages.toml"
    list_kind = "community"
    dup_rate = 0.04
    header = ("م", "الاسم", "الجنس", "العمر", "القرية", "التاريخ", "ملاحظة")

    def open(self) -> None:
        self._f = open(self.path, "w", encoding="utf-8-sig", newline="")
        self._w = csv.writer(self._f, lineterminator="\r\n")
        self._w.writerow(self.header)

    def p_incident(self, inc):
        if inc.phase == "background":
            return 0.12 if _gov(inc.village).code in ("SY06", "SY10", "SY13", "SY03") else 0.03
        return 0.8

    def p_victim(self, p):
        return 0.68

    def write(self, p, dup=False):
        rng = self.rng
        tokens: set[str] = set()
        self.count += 1
        rid = f"CP{self.count:06d}"
        script = "arabic"
        if self.hit(0.09):
            script = "latin"
            tokens |= {"latin_script", "hand_chat"}
            parts = [p.given] + ([p.father] if self.hit(0.5) else []) + [p.family]
            name = " ".join(self.lat(x, "chat", p) for x in parts)
        elif p.role == "father" and p.eldest_son is not None and self.hit(0.12):
            name = f"أبو {self.ar(p.eldest_son.given, tokens)} {self.ar(p.given, tokens)} {self.ar(p.family, tokens)}"
            tokens.add("kunya")
        elif p.role == "mother" and p.husband is not None and self.hit(0.4):
            h = p.husband
            if p.eldest_son is not None and self.hit(0.35):
                kin = "أم" if self.hit(0.5) else "والدة"
                name = f"{kin} {self.ar(p.eldest_son.given, tokens)} {self.ar(h.given, tokens)} {self.ar(h.family, tokens)}"
                tokens.add("kunya" if kin == "أم" else "mother_of")
            else:
                name = f"زوجة {self.ar(h.given, tokens)} {self.ar(h.father, tokens)} {self.ar(h.family, tokens)}"
                tokens.add("wife_of")
        else:
            parts = [p.given] + ([p.father] if self.hit(0.7) else []) + [p.family]
            name = " ".join(self.ar(x, tokens, 0.3) for x in parts)
            if self.hit(0.3):
                prefix = ("الطفل" if p.sex == "male" else "الطفلة") if p.age < 13 else rng.choice(
                    _PREFIX_M if p.sex == "male" else _PREFIX_F)
                if prefix == "الحاج" and p.age < 50:
                    prefix = "الشهيد"
                name = f"{prefix} {name}"
                tokens.add("honorific")
            if self.hit(0.05):
                name = arabic_typo(name, rng)
                tokens.add("typo")
        r = rng.random()
        d = _death(p)
        if r < 0.55:
            form, date = "day", d.strftime("%d/%m/%Y")
        elif r < 0.7:
            form, date = "month", d.strftime("%Y-%m")
            tokens.add("date_month")
        else:
            form, date = "missing", ""
            tokens.add("date_missing")
        sex = ("ذكر" if p.sex == "male" else "أنثى") if self.hit(0.6) else ""
        age = str(p.age) if self.hit(0.4) else ""
        v = p.incident.village
        self.put((_gov(v).code, v.index), (rid, name, sex, age, _ar_place(v.ar, rng, 0.3, tokens), date, ""))
        return rid, tokens, _ann(self.list_kind, False, script, form, 0, "village")

    def mapping(self) -> str:
        return '''# Community memorial pages: UTF-8 with BOM; names as posted (honorifics, "wife of").
[options]
date_order = "dmy"

[fields]
record_id = "م"
name = "الاسم"
sex = "الجنس"
age = "العمر"
place = "القرية"
date_of_death = "التاريخ"
notes = "ملاحظة"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
'''


# -- 7. Northern NGO, Turkish orthography, family name first ------------------------

class North(ListWriter):
    """A relief NGO in the north (Aleppo, Idlib, Raqqa, Hasakah, northern Hama) that keeps
    its register in Turkish: XLSX with the family name first in capitals ("EL-HASAN,
    Muhammed"), names in Turkish spelling (Kurdish ones in Kurmanji), birth years instead
    of ages, the district in Turkish spelling."""

    id = "north"
    name = "Northern relief NGO register (Turkish export)"
    reliability = "C"
    language = "tr"
    file = "lists/north_register.xlsx"
    mapping_file = "mappings/north.toml"
    list_kind = "ngo"
    dup_rate = 0.02
    govs = {"SY02": 1.0, "SY07": 1.0, "SY08": 0.8, "SY11": 0.8, "SY05": 0.4}

    def open(self) -> None:
        self._f = XlsxWriter(self.path, "Kayıtlar")
        self._f.row(("Sıra No", "Soyadı, Adı", "Baba Adı", "Cinsiyet", "Doğum Yılı", "Ölüm Tarihi", "İlçe", "İl"))

    def emit(self, row) -> None:
        self._f.row(row)

    def p_incident(self, inc):
        return 0.7 * self.govs.get(_gov(inc.village).code, 0.0)

    def p_victim(self, p):
        return 0.65 if p.status == "civilian" else 0.4

    def write(self, p, dup=False):
        rng = self.rng
        tokens = {"latin_script", "hand_tr", "family_first", "birth_year"}
        self.count += 1
        rid = f"KY{self.count:06d}"
        fam = self.lat(p.family, "tr", p)
        fam = fam.upper().replace("İ", "İ") if rng.random() < 0.85 else fam
        name = f"{fam}, {self.lat(p.given, 'tr', p)}"
        if self.hit(0.05):
            name = latin_typo(name, rng)
            tokens.add("typo")
        father = self.lat(p.father, "tr", p) if self.hit(0.75) else ""
        d = _death(p)
        by = d.year - p.age - (1 if rng.random() < 0.5 else 0)
        if self.hit(0.15):
            by += rng.choice((-1, 1))
            tokens.add("birth_year_off")
        v = p.incident.village
        self.put(d, (rid, name, father, "Erkek" if p.sex == "male" else "Kadın", by, d,
                     romanise(v.district.pivot, "tr", rng), _gov(v).tr))
        return rid, tokens, _ann(self.list_kind, False, "latin", "day", 0, "district")

    def mapping(self) -> str:
        return '''# Northern NGO register: XLSX sheet Kayıtlar; "Soyadı, Adı" = family name first.
[options]
sheet = "Kayıtlar"

[fields]
record_id = "Sıra No"
name = "Soyadı, Adı"
father_name = "Baba Adı"
sex = "Cinsiyet"
birth_year = "Doğum Yılı"
date_of_death = "Ölüm Tarihi"
district = "İlçe"
governorate = "İl"

[values.sex]
"Erkek" = "male"
"Kadın" = "female"
'''


WRITERS = (Register, Coalition, Wire, Digest, Morgue, Pages, North)
