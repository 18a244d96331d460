"""Table exports: every format, formulas never run, one path for every table
(src/tally/report/exports.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tally.errors import UsageError
from tally.ingest import ingest_file
from tally.report.exports import export_records, neutralise_cell

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


def test_an_unknown_format_is_refused_naming_the_formats(listed, tmp_path):
    with pytest.raises(UsageError, match="'ods' is not one of csv, jsonl, parquet, xlsx"):
        export_records(listed, tmp_path / "r.ods", "ods")
    assert not (tmp_path / "r.ods").exists()


def test_claims_export_neutralises_and_leaves_out_the_proposal(listed, tmp_path, cli):
    from tally.report.exports import export_claims

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
    import tally.report.exports as export

    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 2)
    with pytest.raises(UsageError, match="do not fit in one spreadsheet sheet"):
        export_records(listed, tmp_path / "big.xlsx", "xlsx")
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 1_048_576)
    monkeypatch.setattr(export, "XLSX_MAX_CELL", len(FORMULA) - 1)
    with pytest.raises(UsageError, match=rf"row 2, column 'name': {len(FORMULA)} characters do not fit"):
        export_records(listed, tmp_path / "long.xlsx", "xlsx")


def test_every_format_option_offers_the_formats_the_writers_know():
    import typer.main

    from tally.cli import app
    from tally.report.exports import FORMATS

    root = typer.main.get_command(app)
    found = []

    def walk(command, path):
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, path + (name,))
        for param in getattr(command, "params", []):
            if "--format" in getattr(param, "opts", []) and path[0] in ("export", "incidents"):
                found.append(path)
                assert all(f in param.help for f in FORMATS), (path, param.help)

    walk(root, ())
    assert {("export", n) for n in ("records", "persons", "estimates", "claims", "incidents")} \
        | {("incidents", "export")} <= set(found)
