"""CSV exports neutralise formulas; the public dataset follows its policy."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tally.errors import UsageError
from tally.export import (
    PUBLIC_COLUMNS,
    SENSITIVE_FIELDS,
    PublicPolicy,
    export_public,
    export_records,
    neutralise_cell,
)
from tally.ingest import ingest_file

FORMULA = '=HYPERLINK("https://example.invalid/x","click")'
CSV_TEXT = f'''record_id,name,sex,age,date_of_death,governorate,notes,cause
r1,"{FORMULA.replace('"', '""')}",male,30,2025-03-07,Latakia,"witness: Test Person, +963 000",@SUM(A1)
r2,Test Name Two,female,-3,2025-03-08,Latakia,internal note,shelling
'''


def _ingested(project, path: Path, text: str):
    """``project`` with ``text`` (a UTF-8 CSV list) ingested for source snhr."""
    path.write_text(text, encoding="utf-8")
    ingest_file(project, path, "snhr")
    return project


@pytest.fixture
def listed(project, tmp_path: Path):
    return _ingested(project, tmp_path / "list.csv", CSV_TEXT)


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_neutralise_cell():
    assert neutralise_cell(FORMULA) == "'" + FORMULA
    for prefix in "=+-@\t\r":
        assert neutralise_cell(prefix + "1").startswith("'")
    assert neutralise_cell("Ahmad") == "Ahmad" and neutralise_cell("") == ""


def test_records_csv_neutralises_formulas(listed, tmp_path):
    out = tmp_path / "records.csv"
    export_records(listed, out, "csv")
    rows = {r["source_record_id"]: r for r in _read(out)}
    assert rows["r1"]["name"] == "'" + FORMULA
    assert rows["r1"]["cause"] == "'@SUM(A1)"
    assert rows["r2"]["age"] == "'-3" and rows["r2"]["name"] == "Test Name Two"
    for row in rows.values():
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_public_export_policy_and_hxl(listed, tmp_path):
    out = tmp_path / "public.csv"
    n = export_public(listed, out, policy=PublicPolicy(names=True, min_cell=0), hxl=True)
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
    with pytest.raises(UsageError, match="not one of"):
        export_records(listed, tmp_path / "r.ods", "ods")


def test_claims_export_neutralises_and_leaves_out_the_proposal(listed, tmp_path, cli):
    from tally.export import export_claims

    with pytest.raises(UsageError, match="no claims yet"):
        export_claims(listed, tmp_path / "none.csv")
    with listed.connect() as con:
        con.execute("""
            INSERT INTO claim (claim_id, document_sha256, source_id, what, killed_best,
                evidence_text, evidence_start, evidence_end, proposal, lexicon_version,
                extracted_at)
            VALUES ('c1', 'd', 'snhr', 'killed', 12, ?, 0, 5, '{"x": 1}', 'test', 'now')""",
                    [FORMULA])
    out = tmp_path / "claims.csv"
    result = cli("-p", listed.root, "export", "claims", "--out", out)
    assert result.code == 0, result.err
    rows = _read(out)
    assert len(rows) == 1 and rows[0]["evidence_text"] == "'" + FORMULA
    assert "proposal" not in rows[0] and rows[0]["killed_best"] == "12"


# --------------------------------------------------------------------------- XLSX


def _xlsx_rows(path: Path) -> list[list]:
    """The sheet read by openpyxl: (value, data_type, quotePrefix) per cell."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return [[(c.value, c.data_type, c.quotePrefix) for c in row] for row in wb.active.iter_rows()]


def _calamine_rows(path: Path) -> list[list]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_records_xlsx_keeps_formulas_as_text_and_arabic_intact(listed, tmp_path):
    f = tmp_path / "ar.csv"
    f.write_text("record_id,name,date_of_death,governorate\nx1,محمد علي الأحمد,2025-03-07,اللاذقية\n",
                 encoding="utf-8")
    ingest_file(listed, f, "snhr")
    out = tmp_path / "records.xlsx"
    assert export_records(listed, out, "xlsx") == 3
    rows = _xlsx_rows(out)
    header = [v for v, _, _ in rows[0]]
    by_id = {r[header.index("source_record_id")][0]: r for r in rows[1:]}
    name, cause, age = (header.index(c) for c in ("name", "cause", "age"))
    # the cell is text, read back exactly, never a formula (openpyxl would say 'f')
    assert by_id["r1"][name] == (FORMULA, "s", True)
    assert by_id["r1"][cause] == ("@SUM(A1)", "s", True)
    assert by_id["r2"][age] == ("-3", "s", True)
    assert by_id["r2"][name] == ("Test Name Two", "s", False)
    assert by_id["x1"][name][0] == "محمد علي الأحمد"
    assert by_id["x1"][header.index("governorate")][0] == "اللاذقية"
    # python-calamine reads cell values, not formulas: a formula cell would come back empty
    cal = _calamine_rows(out)
    assert cal[0] == header
    cal_by_id = {r[header.index("source_record_id")]: r for r in cal[1:]}
    assert cal_by_id["r1"][name] == FORMULA and cal_by_id["r1"][cause] == "@SUM(A1)"
    assert cal_by_id["x1"][name] == "محمد علي الأحمد"
    import zipfile

    sheet = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet


def test_public_xlsx_has_hxl_row_and_the_same_rows_as_csv(levels, tmp_path):
    export_public(levels, tmp_path / "p.csv", policy=PublicPolicy(min_cell=3), hxl=True)
    n = export_public(levels, tmp_path / "p.xlsx", "xlsx", policy=PublicPolicy(min_cell=3), hxl=True)
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


def test_every_export_speaks_xlsx(listed, tmp_path, cli):
    with listed.connect() as con:
        con.execute("""
            INSERT INTO claim (claim_id, document_sha256, source_id, what, killed_best,
                evidence_text, evidence_start, evidence_end, proposal, lexicon_version,
                extracted_at)
            VALUES ('c1', 'd', 'snhr', 'killed', 12, ?, 0, 5, '{}', 'test', 'now')""", [FORMULA])
        con.execute("""INSERT INTO incident VALUES ('i1', DATE '2025-03-07', DATE '2025-03-07',
            'SY06', 'civilians', 10, 12, 20, 2, 1, 2, NULL, 'SY06', 'run')""")
        con.execute("""INSERT INTO incident_perpetrator VALUES
            ('i1', '=cmd|calc', 'x', 'single_source', 1, ['c1'], [])""")
    for noun, expect in (("records", 2), ("claims", 1), ("incidents", 1)):
        out = tmp_path / f"{noun}.xlsx"
        result = cli("-p", listed.root, "export", noun, "--format", "xlsx", "--out", out)
        assert result.code == 0, result.err
        rows = _xlsx_rows(out)
        assert len(rows) == expect + 1, noun
        assert all(t != "f" for row in rows for _, t, _ in row), noun
    claims = _xlsx_rows(tmp_path / "claims.xlsx")
    assert claims[1][[v for v, _, _ in claims[0]].index("evidence_text")] == (FORMULA, "s", True)
    incidents = _xlsx_rows(tmp_path / "incidents.xlsx")
    perps = [v for v, _, _ in incidents[0]].index("perpetrators")
    assert incidents[1][perps][0].startswith("=cmd|calc") and incidents[1][perps][1] == "s"


def test_xlsx_refuses_what_a_sheet_cannot_hold(listed, tmp_path, monkeypatch):
    import tally.export as export

    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 2)
    with pytest.raises(UsageError, match="do not fit in one spreadsheet sheet"):
        export_records(listed, tmp_path / "big.xlsx", "xlsx")
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 1_048_576)
    monkeypatch.setattr(export, "XLSX_MAX_CELL", len(FORMULA) - 1)
    with pytest.raises(UsageError, match=rf"row 2, column 'name': {len(FORMULA)} characters do not fit"):
        export_records(listed, tmp_path / "long.xlsx", "xlsx")


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
