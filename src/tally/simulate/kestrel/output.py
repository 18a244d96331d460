"""Writing kestrel's lists, mappings and truth files.

Each list goes out in the encoding and layout its kind of source really uses (the
Arabic register in Windows-1256 with ';', the morgue list as UTF-16 tab-separated text,
news names as JSON lines, the family committees' list as a spreadsheet with a title row,
the rest UTF-8 CSV), with the mapping a team would write
for ``tally ingest``. Truth: ``truth/records.csv`` gives every record's person and, per
record, the kinds of difference it carries (list kind, thin, how its date and place are
written, script), so recall can be cut by kind of pair.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from tally.simulate.kestrel.lists import ListSpec, Rendered
from tally.simulate.kestrel.names import latin
from tally.simulate.kestrel.people import Incident, Person
from tally.simulate.kestrel.places import GOVERNORATES
from tally.simulate.manifest import write_csv
from tally.simulate.manifest import write_manifest as _write_manifest
from tally.simulate.xlsx import XlsxWriter

XLSX_SHEET = "الضحايا"
XLSX_TITLE = "قائمة الضحايا كما جمعتها لجان الأهالي"  # a title row above the header, as committees write

#: list id -> (encoding written, delimiter; None for JSON lines, "xlsx" for a spreadsheet)
FORMATS = {"sjl": ("cp1256", ";"), "obs": ("utf-8", ","), "wire": ("utf-8", None),
           "sahat": ("utf-8-sig", ","), "morgue": ("utf-16", "\t"), "ahl": ("xlsx", "xlsx")}
ID_COLUMN = {"sjl": "الرقم", "obs": "ID", "wire": "id", "sahat": "م", "morgue": "رقم الجثة", "ahl": "الرمز"}

MAPPINGS = {
    "sjl": '''[options]
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
governorate = "المحافظة"
district = "المنطقة"
place = ["مكان الوفاة", "المنطقة"]

[values.sex]
"ذكر" = "male"
"أنثى" = "female"
''',
    "obs": '''[options]
encoding = "utf-8"
delimiter = ","
date_order = "ymd"

[fields]
record_id = "ID"
name = "Name"
sex = "Sex"
age = "Age"
date_of_death = "Date of death"
place = "Area"
governorate = "Governorate"

[values.sex]
"Male" = "male"
"Female" = "female"
''',
    "wire": '''[options]
date_order = "ymd"

[fields]
record_id = "id"
name = "name"
date_of_death = "reported"
place = "location"
sex = "sex"
age = "age"

[values.sex]
"man" = "male"
"boy" = "male"
"woman" = "female"
"girl" = "female"
''',
    "sahat": '''[options]
encoding = "utf-8"
delimiter = ","
date_order = "dmy"

[fields]
record_id = "م"
name = "الاسم"
date_of_death = "تاريخ النشر"
place = "المكان"
notes = "ملاحظات"
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
    "ahl": '''[options]
sheet = "الضحايا"
header_row = 2
date_order = "dmy"

[fields]
record_id = "الرمز"
name = "الاسم الرباعي"
mother_name = "اسم الأم"
birth_year = "المواليد"
place = "القرية"
date_of_death = "تاريخ الاستشهاد"
''',
}

RECORD_COLUMNS = ("record_id", "source", "person_id", "incident_id", "errors", "list_kind", "thin",
                  "date_form", "date_offset", "place_level", "script")
PERSON_COLUMNS = ("person_id", "incident_id", "household_id", "role", "given_name", "father_name",
                  "grandfather_name", "family_name", "mother_name", "given_key", "father_key",
                  "grandfather_key", "family_key", "given_latin", "family_latin", "sex", "age",
                  "community", "status", "date_of_death", "place", "place_ar", "district",
                  "governorate", "place_id", "lat", "lon", "phase", "latent_class")


def write_list(outdir: Path, spec: ListSpec, rows: list[Rendered]) -> None:
    """Write one list's records (already in file order, ids filled in)."""
    enc, delim = FORMATS[spec.id]
    path = outdir / spec.file
    path.parent.mkdir(parents=True, exist_ok=True)
    if delim == "xlsx":
        with XlsxWriter(path, XLSX_SHEET) as w:
            w.row([XLSX_TITLE])
            w.row(list(rows[0].row) if rows else [ID_COLUMN[spec.id]])
            for r in rows:
                w.row(list(r.row.values()))
    elif delim is None:
        with open(path, "w", encoding=enc, newline="\n") as f:
            for r in rows:
                f.write(json.dumps(r.row, ensure_ascii=False) + "\n")
    else:
        with open(path, "w", encoding=enc, newline="") as f:
            w = csv.writer(f, delimiter=delim, lineterminator="\r\n" if enc == "cp1256" else "\n")
            w.writerow(list(rows[0].row) if rows else [ID_COLUMN[spec.id]])
            for r in rows:
                w.writerow(["" if v is None else v for v in r.row.values()])
    mapping = outdir / "mappings" / f"{spec.id}.toml"
    mapping.parent.mkdir(parents=True, exist_ok=True)
    mapping.write_text(MAPPINGS[spec.id], encoding="utf-8")


def write_truth(outdir: Path, specs: tuple[ListSpec, ...], records: list[tuple[str, ListSpec, Person, Rendered]],
                incidents: list[Incident], captured: dict[str, dict[str, int]]) -> None:
    """records: (record_id, spec, person, rendered) in file order; captured: person -> list -> n."""
    tdir = outdir / "truth"
    tdir.mkdir(parents=True, exist_ok=True)
    write_csv(tdir / "records.csv", RECORD_COLUMNS, (
        (rid, spec.id, p.person_id, p.incident_id, ";".join(sorted(r.errors)), spec.list_kind,
         int(spec.thin), r.date_form, r.date_offset, r.place_level, r.script)
        for rid, spec, p, r in records))
    ids = tuple(s.id for s in specs)
    lat = latin()
    gm: Counter = Counter()
    comm: Counter = Counter()
    hist: Counter = Counter()
    prow = []
    for inc in incidents:
        for p in inc.victims:
            n = captured.get(p.person_id, {})
            flags = tuple(int(bool(n.get(s))) for s in ids)
            pl = p.place
            prow.append((p.person_id, p.incident_id, p.household_id, p.role, p.given, p.father,
                         p.grandfather, p.family, p.mother, p.given, p.father, p.grandfather, p.family,
                         lat[p.given], lat[p.family], p.sex, p.age, p.community, p.status,
                         p.date.isoformat(), pl.name_en, pl.name_ar, pl.district_en,
                         GOVERNORATES[pl.governorate][1][0], pl.place_id, pl.lat, pl.lon, p.phase,
                         "easy" if p.easy else "hard") + flags + (sum(n.values()),))
            gov, month, doc = GOVERNORATES[pl.governorate][1][0], p.date.strftime("%Y-%m"), any(flags)
            gm[(gov, month)] += 0
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
           i.place.district_en, GOVERNORATES[i.place.governorate][1][0], i.place.place_id,
           len(i.victims), sum(v.status == "civilian" for v in i.victims),
           sum(bool(captured.get(v.person_id)) for v in i.victims)) for i in incidents))
    write_csv(tdir / "strata_governorate_month.csv", ("governorate", "month", "n_true", "n_documented"),
         (k + (gm[k + ("t",)], gm[k + ("d",)]) for k in sorted(k for k in gm if len(k) == 2)))
    write_csv(tdir / "strata_community.csv", ("community", "n_true", "n_documented"),
         ((c, comm[(c, "t")], comm[(c, "d")]) for c in sorted({k[0] for k in comm})))
    write_csv(tdir / "capture_histories.csv", ("governorate", "month") + ids + ("count",),
         (k[:2] + k[2] + (hist[k],) for k in sorted(hist)))
    (tdir / "claims.json").write_text("[]\n", encoding="utf-8")


def write_manifest(outdir: Path, result, specs) -> None:
    """``simulation.json`` and the README (:func:`tally.simulate.manifest.write_manifest`)."""
    _write_manifest(outdir, result, specs, {k: v[0] for k, v in FORMATS.items()})
