"""The public dataset follows its policy and returns what it published
(src/tally/report/public.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tally.errors import UsageError
from tally.ingest import ingest_file
from tally.report.exports import export_records
from tally.report.public import PUBLIC_COLUMNS, SENSITIVE_FIELDS, PublicPolicy, export_public
from tests.unit.report.test_exports import (  # noqa: F401 (fixtures)
    FORMULA,
    _calamine_rows,
    _ingested,
    _read,
    listed,
)

def test_public_export_policy_and_hxl(listed, tmp_path):
    out = tmp_path / "public.csv"
    n = export_public(listed, out, policy=PublicPolicy(names=True, min_cell=0), hxl=True).rows
    lines = out.read_text(encoding="utf-8").splitlines()
    header, tags = lines[0].split(","), lines[1].split(",")
    assert n == 2 and tags == [PUBLIC_COLUMNS[c] for c in header]
    assert all(t.startswith("#") for t in tags)
    rows = list(csv.DictReader(lines[:1] + lines[2:]))
    assert {r["name"] for r in rows} == {"'" + FORMULA, "Test Name Two"}
    assert not set(header) & SENSITIVE_FIELDS
    text = out.read_text(encoding="utf-8")
    assert "witness" not in text and "internal note" not in text and "r1" not in text.split(",")
    meta = json.loads(Path(str(out) + ".json").read_text())
    assert meta["policy"] == {"names": True, "min_cell": 0} and meta["rows"] == 2
    assert meta["generalisation"]["applied"] is False


def test_the_result_is_what_the_sidecar_says(listed, tmp_path):
    out = tmp_path / "public.csv"
    result = export_public(listed, out, policy=PublicPolicy(min_cell=2))
    meta = json.loads((tmp_path / "public.csv.json").read_text())
    assert (result.path, result.metadata_path) == (out, tmp_path / "public.csv.json")
    assert (result.rows, result.columns, result.data_version) == (
        meta["rows"], meta["columns"], meta["data_version"])
    assert result.generalisation == meta["generalisation"]
    assert result.summary.startswith("2 victims (public: names withheld, k=2: ")
    assert result.summary.endswith("see public.csv.json)")


LEVELS_CSV = """record_id,name,sex,age,date_of_death,place,governorate,community
v1,Test One,male,30,2025-03-07,Ein Elsharqiyeh,Latakia,Alawite
v2,Test Two,male,31,2025-03-07,Ein Elsharqiyeh,Latakia,Alawite
v3,Test Three,male,32,2025-03-07,Ein Elsharqiyeh,Latakia,Alawite
v4,Test Four,male,35,2025-03-07,Ein Shiqaq,Latakia,Alawite
v5,Test Five,male,36,2025-03-07,Ein Shiqaq,Latakia,Alawite
v6,Test Six,male,40,2025-03-08,Arab al-Mulk,Latakia,Alawite
v7,Test Seven,female,70,2025-05-01,Tartous,Tartous,Christian
"""


@pytest.fixture
def levels(project, tmp_path: Path):
    return _ingested(project, tmp_path / "levels.csv", LEVELS_CSV)


def test_public_export_generalises_each_victim_only_as_far_as_its_cell_needs(levels, tmp_path):
    out = tmp_path / "public.csv"
    export_public(levels, out, policy=PublicPolicy(min_cell=3))
    rows = _read(out)
    assert all(r["name"] == "" for r in rows)
    by = {}
    for r in rows:
        by.setdefault(r["generalisation"], []).append(r)
    assert {k: len(v) for k, v in by.items()} == {
        "none": 3, "district/week/age group": 3, "suppressed": 1}
    # three victims of one village, day, sex, age group and community: shown in full
    assert {(r["locality_pcode"], r["district_pcode"], r["date_start"], r["date_end"], r["age_group"])
            for r in by["none"]} == {("SY060201", "SY0602", "2025-03-07", "2025-03-07", "30-44")}
    # three of one district and week but not of one village and day: village and day withheld
    assert {(r["locality"], r["district"], r["date_start"], r["date_end"], r["age_group"], r["sex"])
            for r in by["district/week/age group"]} == {
        ("", "Jablah", "2025-03-03", "2025-03-09", "30-44", "male")}
    # one victim alike in nothing: every quasi-identifier suppressed, the rest kept
    (alone,) = by["suppressed"]
    assert [alone[c] for c in ("sex", "age_group", "date_start", "governorate", "district",
                               "locality", "community")] == [""] * 7
    assert alone["records"] == "1" and alone["status"] == "unknown"
    # every published combination is shared by at least k victims
    cells = {}
    for r in rows:
        if r["generalisation"] != "suppressed":
            key = tuple(r[c] for c in ("generalisation", "sex", "age_group", "date_start", "date_end",
                                       "governorate_pcode", "district_pcode", "locality_pcode",
                                       "community"))
            cells[key] = cells.get(key, 0) + 1
    assert min(cells.values()) >= 3
    meta = json.loads(Path(str(out) + ".json").read_text())
    g = meta["generalisation"]
    assert g["k"] == 3 and g["key_variables"] == ["place", "date", "sex", "age", "community"]
    assert [lv["rows"] for lv in g["levels"]] == [3, 0, 3, 0, 0, 0, 0, 0, 0] and g["suppressed"] == 1


def test_published_names_mean_nothing_else_is_generalised(levels, tmp_path):
    out = tmp_path / "public.csv"
    export_public(levels, out, policy=PublicPolicy(names=True, min_cell=5))
    rows = _read(out)
    assert {r["generalisation"] for r in rows} == {"none"} and len(rows) == 7
    assert {r["name"] for r in rows} >= {"Test One", "Test Seven"}
    assert json.loads(Path(str(out) + ".json").read_text())["generalisation"]["applied"] is False


def test_policy_from_config_and_refusals(listed, tmp_path):
    assert PublicPolicy.from_config({"public": {"names": True, "min_cell": 3}}) == PublicPolicy(True, 3)
    assert PublicPolicy.from_config({"public": {"names": True}}, names=False).names is False
    with pytest.raises(UsageError):
        PublicPolicy.from_config({}, min_cell=-1)
    with pytest.raises(UsageError):
        export_public(listed, tmp_path / "p.jsonl", "jsonl", hxl=True)


def test_public_xlsx_has_hxl_row_and_the_same_rows_as_csv(levels, tmp_path):
    export_public(levels, tmp_path / "p.csv", policy=PublicPolicy(min_cell=3), hxl=True)
    n = export_public(levels, tmp_path / "p.xlsx", "xlsx", policy=PublicPolicy(min_cell=3),
                      hxl=True).rows
    with open(tmp_path / "p.csv", encoding="utf-8", newline="") as fh:
        csv_rows = list(csv.reader(fh))
    cal = _calamine_rows(tmp_path / "p.xlsx")
    assert n == 7 and len(cal) == 9
    assert cal[0] == csv_rows[0] and cal[1] == [PUBLIC_COLUMNS[c] for c in cal[0]]

    def text(v):
        if v == "" or v is None:
            return ""
        if isinstance(v, bool):
            return str(v).lower()
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)
    assert [[text(v) for v in r] for r in cal[2:]] == csv_rows[2:]
    meta = json.loads((tmp_path / "p.xlsx.json").read_text())
    assert meta["format"] == "xlsx" and meta["hxl"] is True


def test_identity_fields_never_reach_the_public_dataset(project, tmp_path):
    f = tmp_path / "ids.csv"
    f.write_text("record_id,name,sex,date_of_death,governorate,birth_date,national_id,address\n"
                 "i1,Test Name,male,2025-03-07,Latakia,1990-02-03,07091234567,7 Test Street\n",
                 encoding="utf-8")
    ingest_file(project, f, "snhr")
    internal = tmp_path / "records.csv"
    export_records(project, internal, "csv")
    assert _read(internal)[0]["national_id"] == "07091234567"  # kept for the team
    out = tmp_path / "public.csv"
    export_public(project, out, policy=PublicPolicy(names=True, min_cell=0))
    text = out.read_text(encoding="utf-8")
    assert "07091234567" not in text and "1990-02-03" not in text and "Test Street" not in text
    assert {"birth_date", "national_id", "address"} <= SENSITIVE_FIELDS
