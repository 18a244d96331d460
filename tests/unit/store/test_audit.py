"""The audit chain catches an edited event, object file or record."""

import os

from tally.ingest import ingest_file
from tally.store.audit import verify_audit


def verify(project):
    with project.connect() as con:
        return verify_audit(con, project.objects)


def ingested(project, examples):
    return ingest_file(project, examples("arabic_list_cp1256.csv"), "snhr",
                       mapping=examples("arabic_list.toml"))


def test_untouched_project_verifies(project, examples):
    ingested(project, examples)
    report = verify(project)
    assert report.ok and (report.events, report.documents, report.records) == (3, 1, 11)


def test_edited_audit_row_breaks_the_chain(project, examples):
    ingested(project, examples)
    with project.connect() as con:
        con.execute("UPDATE audit_event SET actor = 'someone-else' WHERE seq = 2")
    assert verify(project).problems == ["audit event 2 (source.added) was changed after it was written"]


def test_deleted_audit_row_is_noticed(project, examples):
    ingested(project, examples)
    with project.connect() as con:
        con.execute("DELETE FROM audit_event WHERE seq = 2")
    assert verify(project).problems[0] == "audit event 2 is missing (next is 3)"


def test_one_changed_byte_in_an_object_file_is_noticed(project, examples):
    report = ingested(project, examples)
    path = project.objects.path_for(report.sha256)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[10] ^= 0x01
    path.write_bytes(bytes(data))
    problems = verify(project).problems
    assert len(problems) == 1 and "object file's bytes changed" in problems[0]


def test_edited_record_is_noticed(project, examples):
    ingested(project, examples)
    with project.connect() as con:
        con.execute("UPDATE victim_record SET name = 'someone else' WHERE row_number = 3")
    assert verify(project).problems[0].endswith("its records were changed after ingest")


def test_deleted_record_is_noticed(project, examples):
    ingested(project, examples)
    with project.connect() as con:
        con.execute("DELETE FROM victim_record WHERE row_number = 3")
    assert "10 records stored, 11 recorded" in verify(project).problems[0]


def test_identity_fields_are_covered_by_the_digest(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("name,birth_date,national_id,address\n"
                    "Ali Hassan,1990-02-03,01020304050,Homs\nOmar Khaled,,,\n", encoding="utf-8")
    ingest_file(project, data, "snhr")
    assert verify(project).ok
    with project.connect() as con:
        con.execute("UPDATE victim_record SET national_id = '01020304051' WHERE row_number = 1")
    assert verify(project).problems[0].endswith("its records were changed after ingest")


def test_records_without_identity_fields_keep_the_digest_of_older_versions(project, examples):
    # Records ingested before the identity fields existed (migration 008) were
    # digested over the older columns only; such a record must still verify.
    from tally.store.audit import DIGEST_COLUMNS, records_digest_sql

    ingested(project, examples)
    old_parts = ", ".join(f"coalesce(CAST({c} AS VARCHAR), chr(0))" for c in DIGEST_COLUMNS)
    with project.connect() as con:
        old = con.execute(
            "SELECT sha256(string_agg(sha256(concat_ws(chr(31), " + old_parts + ")), '' "
            "ORDER BY row_number)) FROM victim_record").fetchall()[0][0]
        new = con.execute(records_digest_sql()).fetchall()[0][1]
    assert old == new
