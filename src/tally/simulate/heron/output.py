"""Writing heron's lists (each in its source's real encoding), mappings, truth and manifest.

``truth/records.csv`` gives every record's person and the kinds of difference it carries
(``errors``; Latin-script records carry ``latin_script``), its list kind, whether it is
thin, how far its date is from the death, and the level its place is given at.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from tally.simulate.heron.lists import ListSpec, Rendered, latin_of
from tally.simulate.heron.people import Incident
from tally.simulate.heron.places import GOVERNORATES
from tally.simulate.manifest import write_csv
from tally.simulate.manifest import write_manifest as _write_manifest
from tally.simulate.xlsx import XlsxWriter, _col

XLSX_SHEET = "الشهداء"
XLSX_TITLE = "قوائم الشهداء كما جمعتها لجان العائلات"

#: list id -> (encoding, delimiter; "xlsx" for the spreadsheet)
FORMATS = {"snhr": ("cp1256", ";"), "vdc": ("utf-8", ","), "news_en": ("utf-8", ","),
           "news_ar": ("utf-8-sig", ","), "morgue": ("utf-16", "\t"), "ahali": ("xlsx", "xlsx")}

MAPPINGS = {
    "snhr": '''[options]
encoding = "windows-1256"
delimiter = ";"
date_order = "dmy"

[fields]
record_id = "الرقم"
given_name = "الاسم"
father_name = "اسم الأب"
grandfather_name = "اسم الجد"
family_name = "الكنية"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الوفاة"
place = ["القرية أو الحي", "المنطقة"]
district = "المنطقة"
governorate = "المحافظة"
status = "الصفة"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"

[values.status]
"مدني" = "civilian"
"مسلح" = "combatant"
''',
    "vdc": '''[options]
encoding = "utf-8"
delimiter = ","
date_order = "dmy"

[fields]
record_id = "ID"
name = "Name"
sex = "Sex"
age = "Age"
date_of_death = "Date of death"
place = "Area"
governorate = "Governorate"
status = "Status"

[values.sex]
"Male" = "male"
"Female" = "female"

[values.status]
"Civilian" = "civilian"
"Combatant" = "combatant"
''',
    "news_en": '''[options]
encoding = "utf-8"
delimiter = ","
date_order = "ymd"

[fields]
record_id = "no"
name = "name"
sex = "sex"
age = "age"
date_of_death = "reported"
place = "location"

[values.sex]
"man" = "male"
"boy" = "male"
"woman" = "female"
"girl" = "female"
''',
    "news_ar": '''[options]
encoding = "utf-8"
delimiter = ","
date_order = "dmy"

[fields]
record_id = "الرقم"
name = "الاسم"
date_of_death = "تاريخ الخبر"
place = "المكان"
''',
    "morgue": '''[options]
encoding = "utf-16"
delimiter = "\\t"
date_order = "ymd"

[fields]
record_id = "رقم الجثة"
name = "الاسم الكامل"
sex = "الجنس"
age = "العمر التقريبي"
date_of_death = "تاريخ الاستلام"
place = "المنطقة"
district = "المنطقة"
notes = "المشفى"

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
''',
    "ahali": '''[options]
sheet = "الشهداء"
header_row = 2
date_order = "dmy"

[fields]
record_id = "الرمز"
name = { join = ["الاسم", "العائلة"], sep = " " }
mother_name = "اسم الأم"
birth_year = "المواليد"
place = "القرية"
date_of_death = "تاريخ الاستشهاد"
''',
}

RECORD_COLUMNS = ("record_id", "source", "person_id", "incident_id", "errors", "list_kind", "thin",
                  "date_form", "date_offset", "place_level", "script")


def _date_form(r: Rendered) -> str:
    """day (a full Gregorian date), partial (month only), hijri, or missing."""
    if r.date_offset != "":
        return "day"
    for tag, form in (("date_missing", "missing"), ("hijri", "hijri"), ("date_month", "partial")):
        if tag in r.errors:
            return form
    return "missing"
PERSON_COLUMNS = ("person_id", "incident_id", "household_id", "role", "given_name", "father_name",
                  "grandfather_name", "family_name", "mother_name", "given_key", "father_key",
                  "grandfather_key", "family_key", "given_latin", "family_latin", "kunya", "laqab",
                  "tribe", "sex", "age", "community", "status", "date_of_death", "place", "place_ar",
                  "district", "governorate", "place_id", "lat", "lon", "phase", "latent_class")


class _MergingXlsx(XlsxWriter):
    """The shared streaming writer, plus merged cells (a family name over its rows)."""

    def __init__(self, path, sheet) -> None:
        super().__init__(path, sheet)
        self.merges: list[str] = []

    def close(self) -> None:
        self._flush()
        tail = "</sheetData>"
        if self.merges:
            tail += f'<mergeCells count="{len(self.merges)}">' + "".join(
                f'<mergeCell ref="{m}"/>' for m in self.merges) + "</mergeCells>"
        self._sheet.write((tail + "</worksheet>").encode("utf-8"))
        self._sheet.close()
        self._zip.close()


def _write_xlsx(path: Path, rows: list[Rendered], merge_blocks: list[tuple[int, int]]) -> None:
    """rows in file order; merge_blocks: (first, last) row indexes whose family cell is merged."""
    header = list(rows[0].row) if rows else ["الرمز"]
    col = _col(header.index("العائلة")) if "العائلة" in header else "B"
    blanks = set()
    with _MergingXlsx(path, XLSX_SHEET) as w:
        for a, b in merge_blocks:
            w.merges.append(f"{col}{a + 3}:{col}{b + 3}")  # title row, header row, 1-based
            blanks.update(range(a + 1, b + 1))
        w.row([XLSX_TITLE])
        w.row(header)
        for i, r in enumerate(rows):
            vals = list(r.row.values())
            if i in blanks:
                vals[header.index("العائلة")] = None
            w.row(vals)


def write_list(outdir: Path, spec: ListSpec, rows: list[Rendered], merge_blocks=()) -> None:
    enc, delim = FORMATS[spec.id]
    path = outdir / spec.file
    path.parent.mkdir(parents=True, exist_ok=True)
    if delim == "xlsx":
        _write_xlsx(path, rows, list(merge_blocks))
    else:
        with open(path, "w", encoding=enc, newline="") as f:
            w = csv.writer(f, delimiter=delim, lineterminator="\r\n" if enc == "cp1256" else "\n")
            w.writerow(list(rows[0].row) if rows else ["id"])
            for r in rows:
                w.writerow(["" if v is None else v for v in r.row.values()])
    mapping = outdir / "mappings" / f"{spec.id}.toml"
    mapping.parent.mkdir(parents=True, exist_ok=True)
    mapping.write_text(MAPPINGS[spec.id], encoding="utf-8")


def write_truth(outdir: Path, specs, records, incidents: list[Incident], captured) -> None:
    """records: (record_id, spec, person, rendered); captured: person_id -> list id -> n."""
    tdir = outdir / "truth"
    tdir.mkdir(parents=True, exist_ok=True)
    write_csv(tdir / "records.csv", RECORD_COLUMNS, (
        (rid, spec.id, p.person_id, p.incident_id, ";".join(sorted(r.errors)), spec.list_kind,
         int(spec.thin), _date_form(r), r.date_offset, r.place_level, r.script) for rid, spec, p, r in records))
    ids = tuple(s.id for s in specs)
    gm: Counter = Counter()
    comm: Counter = Counter()
    hist: Counter = Counter()
    prow = []
    for inc in incidents:
        for p in inc.victims:
            n = captured.get(p.person_id, {})
            flags = tuple(int(bool(n.get(s))) for s in ids)
            pl = p.place
            gov = GOVERNORATES[pl.gov][0]
            prow.append((p.person_id, p.incident_id, p.household_id, p.role, p.given, p.father,
                         p.grandfather, p.family, p.mother, p.given, p.father, p.grandfather, p.family,
                         latin_of(p.given), latin_of(p.family), p.kunya, p.laqab, p.tribe, p.sex, p.age,
                         p.community, p.status, p.date.isoformat(), pl.name_en, pl.name_ar,
                         pl.district_en, gov, pl.place_id, "", "", p.phase,
                         "easy" if p.easy else "hard") + flags + (sum(n.values()),))
            month, doc = p.date.strftime("%Y-%m"), any(flags)
            gm[(gov, month, "t")] += 1
            gm[(gov, month, "d")] += doc
            comm[(p.community, "t")] += 1
            comm[(p.community, "d")] += doc
            if doc:
                hist[(gov, month, flags)] += 1
    write_csv(tdir / "persons.csv", PERSON_COLUMNS + ids + ("n_records",), prow)
    write_csv(tdir / "incidents.csv", ("incident_id", "phase", "date", "place", "place_ar", "district",
                                  "governorate", "place_id", "killed", "civilians", "documented"),
         ((i.incident_id, i.phase, i.date.isoformat(), i.place.name_en, i.place.name_ar,
           i.place.district_en, GOVERNORATES[i.place.gov][0], i.place.place_id, len(i.victims),
           sum(v.status == "civilian" for v in i.victims),
           sum(bool(captured.get(v.person_id)) for v in i.victims)) for i in incidents))
    write_csv(tdir / "strata_governorate_month.csv", ("governorate", "month", "n_true", "n_documented"),
         (k + (gm[k + ("t",)], gm[k + ("d",)]) for k in sorted({k[:2] for k in gm})))
    write_csv(tdir / "strata_community.csv", ("community", "n_true", "n_documented"),
         ((c, comm[(c, "t")], comm[(c, "d")]) for c in sorted({k[0] for k in comm})))
    write_csv(tdir / "capture_histories.csv", ("governorate", "month") + ids + ("count",),
         (k[:2] + k[2] + (hist[k],) for k in sorted(hist)))
    (tdir / "claims.json").write_text("[]\n", encoding="utf-8")


def write_manifest(outdir: Path, result, specs) -> None:
    """``simulation.json`` and the README (:func:`tally.simulate.manifest.write_manifest`)."""
    _write_manifest(outdir, result, specs, {k: v[0] for k, v in FORMATS.items()})
