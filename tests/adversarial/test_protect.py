"""Protect (issue 19): sensitive data named once, kept out of public exports and
out of what the CLI prints; a mapping can mark more columns sensitive."""

from __future__ import annotations

import json

import pytest

from tally.errors import IngestError
from tally.ingest import ingest_file
from tally.model import RECORD_FIELDS, SENSITIVE_FIELDS
from tally.project import Project
from tally.report.public import SENSITIVE_FIELDS as PUBLIC_REFUSED
from tally.sources import add_source

pytestmark = pytest.mark.integration

#: distinctive values, one per sensitive field: found anywhere they must not be = a leak
CANARIES = {
    "witness_name": "Qzwitnessname Vrel",
    "witness_contact": "+963-99-CANARY-7731",
    "national_id": "NID9988776655",
    "birth_date": "1911-11-11",
    "address": "Qzaddress Street 77",
    "notes": "Qznotes told by the neighbour",
}


def _list(tmp_path, extra_header="", extra_value=""):
    header = ("record_id,name,sex,age,date_of_death,place,governorate,status,"
              "witness_name,witness_contact,consent,national_id,birth_date,address,notes")
    rows = []
    for i in range(1, 4):
        rows.append(f"r{i},Ahmad Ali Hasan{i},male,3{i},2025-03-0{i},Baniyas,Tartus,civilian,"
                    f"{CANARIES['witness_name']}{i},{CANARIES['witness_contact']}{i},"
                    f"storage;advocacy,{CANARIES['national_id']}{i},{CANARIES['birth_date']},"
                    f"{CANARIES['address']}{i},{CANARIES['notes']}{i}")
    path = tmp_path / "witnessed.csv"
    text = header + extra_header + "\n" + "\n".join(r + extra_value for r in rows) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def _project(tmp_path):
    project = Project.init(tmp_path / "proj")
    add_source(project, "w", name="Witness statements", kind="witness", reliability="B")
    return project


def test_sensitive_fields_are_named_once_in_the_core_and_refused_by_the_public_export():
    assert set(SENSITIVE_FIELDS) == {"witness_name", "witness_contact", "consent", "national_id",
                                     "birth_date", "address", "notes"}
    assert set(SENSITIVE_FIELDS) <= set(RECORD_FIELDS)
    assert set(SENSITIVE_FIELDS) <= PUBLIC_REFUSED


def test_witness_fields_are_ingested_and_never_in_a_public_export(tmp_path, cli):
    project = _project(tmp_path)
    report = ingest_file(project, _list(tmp_path), "w")
    assert report.records == 3 and report.records_with_problems == 0
    with project.connect(read_only=True) as con:
        stored = con.execute("SELECT witness_name, witness_contact, consent FROM victim_record "
                             "ORDER BY row_number").fetchall()
    assert stored[0] == (CANARIES["witness_name"] + "1", CANARIES["witness_contact"] + "1",
                         "storage;advocacy")
    assert cli("-p", project.root, "link").code == 0
    out = tmp_path / "public.csv"
    result = cli("-p", project.root, "export", "persons", "--public", "--names", "--out", out)
    assert result.code == 0, result.err
    published = out.read_text(encoding="utf-8") + (tmp_path / "public.csv.json").read_text()
    for value in CANARIES.values():
        assert value not in published
    assert "storage;advocacy" not in published


def test_the_person_view_never_prints_witness_fields(tmp_path, cli):
    project = _project(tmp_path)
    ingest_file(project, _list(tmp_path), "w")
    assert cli("-p", project.root, "link").code == 0
    with project.connect(read_only=True) as con:
        record = con.execute("SELECT record_id FROM victim_record LIMIT 1").fetchall()[0][0]
    for extra in ((), ("--json",)):
        result = cli("-p", project.root, "person", record, *extra)
        assert result.code == 0, result.err
        printed = result.out + result.err
        assert "Ahmad Ali Hasan" in printed  # the victim is shown
        for value in CANARIES.values():
            assert value not in printed, value
        assert "withheld" in printed


def test_a_mapping_marks_more_columns_sensitive(tmp_path, cli):
    project = _project(tmp_path)
    path = _list(tmp_path, ",Mobile", ",+963-CANARY-MOBILE")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[options]\nsensitive = ["Mobile"]\n[fields]\nname = "name"\n'
                       'witness_name = "witness_name"\n', encoding="utf-8")
    ingest_file(project, path, "w", mapping=mapping)
    with project.connect(read_only=True) as con:
        marked = con.execute("SELECT sensitive_columns FROM document").fetchall()[0][0]
        record = con.execute("SELECT record_id FROM victim_record LIMIT 1").fetchall()[0][0]
    assert json.loads(marked) == ["witness_name", "Mobile"]
    assert cli("-p", project.root, "link").code == 0
    printed = cli("-p", project.root, "person", record).out
    assert "CANARY-MOBILE" not in printed and CANARIES["witness_name"] not in printed
    assert "Mobile" in printed  # the column is named, its value withheld


def test_a_mapping_marking_a_column_the_file_lacks_is_refused(tmp_path):
    project = _project(tmp_path)
    mapping = tmp_path / "map.toml"
    mapping.write_text('[options]\nsensitive = ["Phone"]\n[fields]\nname = "name"\n',
                       encoding="utf-8")
    with pytest.raises(IngestError, match="sensitive"):
        ingest_file(project, _list(tmp_path), "w", mapping=mapping)
    mapping.write_text('[options]\nsensitive = "Phone"\n[fields]\nname = "name"\n',
                       encoding="utf-8")
    with pytest.raises(IngestError, match="sensitive must be a list"):
        ingest_file(project, _list(tmp_path), "w", mapping=mapping)


def test_consent_outside_the_purposes_is_flagged_not_refused(tmp_path):
    project = _project(tmp_path)
    path = tmp_path / "consent.csv"
    path.write_text("name,consent\nA B,storage publication\nC D,everything\n", encoding="utf-8")
    report = ingest_file(project, path, "w")
    assert report.records == 2 and report.records_with_problems == 1


def test_a_project_from_before_migration_015_verifies_and_shows_persons_read_only(tmp_path, cli):
    """`tally audit verify` and `tally person` open the store read-only, which does
    not migrate: a project last written by an older Tally must still verify."""
    import duckdb

    project = _project(tmp_path)
    path = tmp_path / "old.csv"
    path.write_text("name,sex,notes\nAhmad Ali,male,x\nHuda Omar,female,y\n", encoding="utf-8")
    ingest_file(project, path, "w")
    assert cli("-p", project.root, "link").code == 0
    con = duckdb.connect(str(project.db_path))
    for table, column in (("victim_record", "witness_name"), ("victim_record", "witness_contact"),
                          ("victim_record", "consent"), ("victim_record", "sealed"),
                          ("quarantine", "sealed"), ("document", "sensitive_columns")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("DELETE FROM schema_migration WHERE version = 15")
    record = con.execute("SELECT record_id FROM victim_record LIMIT 1").fetchall()[0][0]
    con.close()
    result = cli("-p", project.root, "audit", "verify")
    assert result.code == 0, result.err
    assert cli("-p", project.root, "person", record).code == 0
