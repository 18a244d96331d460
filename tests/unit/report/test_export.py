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


@pytest.fixture
def listed(project, tmp_path: Path):
    f = tmp_path / "list.csv"
    f.write_text(CSV_TEXT, encoding="utf-8")
    ingest_file(project, f, "snhr")
    return project


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


def test_public_export_withholds_names_and_generalises_small_cells(listed, tmp_path):
    out = tmp_path / "public.csv"
    export_public(listed, out, policy=PublicPolicy(min_cell=5))
    rows = _read(out)
    assert all(r["name"] == "" for r in rows)
    assert all(r["generalised"] == "true" and r["district"] == "" and r["age_group"] == ""
               for r in rows)
    assert {r["governorate_pcode"] for r in rows} == {"SY06"}


def test_policy_from_config_and_refusals(listed, tmp_path):
    assert PublicPolicy.from_config({"public": {"names": True, "min_cell": 3}}) == PublicPolicy(True, 3)
    assert PublicPolicy.from_config({"public": {"names": True}}, names=False).names is False
    with pytest.raises(UsageError):
        PublicPolicy.from_config({}, min_cell=-1)
    with pytest.raises(UsageError):
        export_public(listed, tmp_path / "p.jsonl", "jsonl", hxl=True)


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
