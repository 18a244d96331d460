"""ingest_file: records with raw values, quarantine, duplicates, transactions."""

import json

import pytest

from tally.errors import IngestError, ProjectError
from tally.ingest import ingest_file


def records(project, *columns):
    with project.connect() as con:
        return con.execute(
            f"SELECT {', '.join(columns)} FROM victim_record ORDER BY row_number"
        ).fetchall()


def counts(project):
    with project.connect() as con:
        return con.execute(
            "SELECT (SELECT count(*) FROM document), (SELECT count(*) FROM victim_record), "
            "(SELECT count(*) FROM quarantine), (SELECT count(*) FROM audit_event)"
        ).fetchone()


def test_mapping_joins_splits_maps_values_and_sets_constants(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text(
        "رقم,الاسم,اسم الأب,الكنية,الاسم الكامل,الجنس,الصفة\n"
        "7,محمد,عبد الله,الأحمد,محمد عبد الله  الأحمد,ذكر,مدني\n"
        "8,فاطمة,,إبراهيم,فاطمة إبراهيم,انثى, عسكري \n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        """
[fields]
record_id = "رقم"
name = { join = ["الاسم", "اسم الأب", "الكنية"], sep = " " }
given_name = { split = "الاسم الكامل", part = 1 }
family_name = { split = "الاسم الكامل", part = "2:" }
sex = "الجنس"
status = "الصفة"
[values.sex]
"ذكر" = "male"
"انثى" = "female"
[values.status]
"مدني" = "civilian"
"عسكري" = "combatant"
[constants]
governorate = "Latakia"
""",
        encoding="utf-8",
    )
    report = ingest_file(project, data, "snhr", mapping=mapping)
    assert (report.records, report.quarantined) == (2, 0)
    assert records(project, "source_record_id", "name", "given_name", "family_name", "sex",
                   "status", "governorate") == [
        ("7", "محمد عبد الله الأحمد", "محمد", "عبد الله الأحمد", "male", "civilian", "Latakia"),
        ("8", "فاطمة إبراهيم", "فاطمة", "إبراهيم", "female", "combatant", "Latakia"),
    ]
    raw = json.loads(records(project, "raw")[1][0])
    assert raw["الصفة"] == " عسكري " and raw["اسم الأب"] == ""  # exactly as read


def test_mapping_naming_a_missing_column_refuses_the_file_and_stores_nothing(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("Name,Sex\nAli,M\n")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[fields]\nname = "Full name"\n')
    before = counts(project)
    with pytest.raises(IngestError, match=r"list.csv.*column 'Full name'"):
        ingest_file(project, data, "snhr", mapping=mapping)
    assert counts(project) == before
    assert not any(project.objects.root.iterdir())


def test_list_without_interchange_columns_needs_a_mapping(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("Nom,Sexe\nAli,M\n")
    with pytest.raises(IngestError, match="give a mapping with --mapping"):
        ingest_file(project, data, "snhr")


def test_required_fields_send_rows_to_quarantine(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("name,age,place\nAli,30,Homs\n,40,Hama\n")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[options]\nrequired = ["name"]\n[fields]\nname="name"\nage="age"\nplace="place"\n')
    report = ingest_file(project, data, "snhr", mapping=mapping)
    assert (report.records, report.quarantined) == (1, 1)
    with project.connect() as con:
        assert con.execute("SELECT row_number, column_name, problem FROM quarantine").fetchall() == [
            (2, "name", "required field name is empty")]


def test_values_that_look_wrong_are_kept_with_a_problem_note(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("name,age,date_of_death,sex\nAli,thirty,07/03/2025,male\nOmar,٣٥,2025-03,male\n")
    ingest_file(project, data, "snhr")
    rows = records(project, "age", "date_of_death", "problems")
    assert rows[0] == ("thirty", "07/03/2025", [
        "age is not a number, a range or a known word",
        "date_of_death is not YYYY-MM-DD, YYYY-MM, YYYY or a start/end range",
    ])
    assert rows[1] == ("٣٥", "2025-03", [])


def test_unknown_source_is_refused_before_anything_is_stored(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("name\nAli\n")
    with pytest.raises(ProjectError, match="unknown source 'nobody'.*snhr"):
        ingest_file(project, data, "nobody")
    assert counts(project)[:3] == (0, 0, 0)


def test_dry_run_reports_and_writes_nothing(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("name,age\nAli,30\n,\nHuda,12\n")
    before = counts(project)
    report = ingest_file(project, data, "snhr", dry_run=True)
    assert (report.status, report.records, report.quarantined) == ("dry-run", 2, 1)
    assert counts(project) == before
    assert not any(project.objects.root.iterdir())


def test_same_bytes_twice_are_recognised(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("name\nAli\nOmar\n")
    first = ingest_file(project, data, "snhr")
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(data.read_bytes())
    again = ingest_file(project, copy, "snhr")
    assert again.status == "duplicate" and again.duplicate_of["original_name"] == "list.csv"
    assert counts(project)[:2] == (1, 2) and first.records == 2


def test_object_is_stored_unchanged_and_read_only(project, examples):
    path = examples("arabic_list_cp1256.csv")
    report = ingest_file(project, path, "snhr", mapping=examples("arabic_list.toml"))
    stored = project.objects.path_for(report.sha256)
    assert stored.read_bytes() == path.read_bytes()
    assert stored.stat().st_mode & 0o222 == 0
    with project.connect() as con:
        doc = con.execute(
            "SELECT original_name, media_type, size_bytes, encoding, parser, received_by, mapping "
            "FROM document").fetchone()
    assert doc[:4] == ("arabic_list_cp1256.csv", "text/csv", path.stat().st_size, "cp1256")
    assert "delimiter=';'" in doc[4] and doc[5] and "الاسم" in doc[6]


def test_identity_fields_are_kept_and_a_malformed_birth_date_is_noted(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("name,birth_date,national_id,address\n"
                    "Ali Hassan,19900203,010-203-04050,\"Homs, al-Waer\"\n"
                    "Omar Khaled,3/2/1990,,\n", encoding="utf-8")
    ingest_file(project, data, "snhr")
    rows = records(project, "birth_date", "national_id", "address", "problems")
    assert rows[0] == ("19900203", "010-203-04050", "Homs, al-Waer", [])
    assert rows[1] == ("3/2/1990", None, None,
                       ["birth_date is not YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYY"])
