"""Read audit (issue 19 item 5): viewing a person, every export (full and public)
and the report each append a read event to the audit chain, naming the actor and
the kind of read and never a value read; `tally audit verify` still passes; and
an export whose event cannot be recorded leaves no file behind."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from tally.link import link_project
from tally.project import Project
from tally.store.audit import current_actor
from tests.unit.store.test_backup import make_project


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> tuple[Project, str]:
    """One small linked project for the module (each test looks at the events it adds)."""
    canary = f"QZREAD{secrets.token_hex(4).upper()}"
    from tally.demo import example_path
    from tally.ingest import ingest_file
    from tally.sources import add_source

    project = make_project(tmp_path_factory.mktemp("reads"), canary, rows=12)
    add_source(project, "wire", name="News wire", kind="news_outlet", reliability="C",
               language="en")
    ingest_file(project, example_path("articles.jsonl"), "wire", articles=True)  # claims
    link_project(project)
    return project, canary


def events(project: Project, after: int = 0) -> list[dict]:
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT seq, actor, action, subject, details FROM audit_event "
                           "WHERE seq > ? ORDER BY seq", [after]).fetchall()
    return [{"seq": r[0], "actor": r[1], "action": r[2], "subject": r[3],
             "details": json.loads(r[4])} for r in rows]


def last_seq(project: Project) -> int:
    return events(project)[-1]["seq"]


def only_read(project: Project, before: int) -> dict:
    new = events(project, before)
    assert len(new) == 1, [e["action"] for e in new]
    return new[0]


READS = [
    ("records", ["export", "records", "--raw"], "read.export"),
    ("persons", ["export", "persons"], "read.export"),
    ("persons", ["export", "persons", "--public", "--min-cell", "0"], "read.export"),
    ("claims", ["export", "claims"], "read.export"),
    ("report", ["report"], "read.report"),
]


@pytest.mark.parametrize("subject,command,action", READS, ids=[" ".join(r[1]) for r in READS])
def test_every_export_and_the_report_append_a_read_event(linked, tmp_path, cli, subject,
                                                         command, action):
    project, canary = linked
    before = last_seq(project)
    out = tmp_path / ("out.html" if command == ["report"] else "out.csv")
    result = cli("-p", project.root, *command, "--out", out)
    assert result.code == 0, result.err
    event = only_read(project, before)
    assert event["action"] == action and event["subject"] == subject
    assert event["actor"] == current_actor()
    assert event["details"]["file"] == out.name
    if command[0] == "export":
        assert event["details"]["public"] == ("--public" in command)
    with project.connect(read_only=True) as con:  # never a value read
        text = con.execute("SELECT string_agg(CAST(details AS VARCHAR) || coalesce(subject, ''))"
                           " FROM audit_event").fetchall()[0][0]
    assert canary not in text and "Ahmad Ali" not in text
    verified = cli("-p", project.root, "audit", "verify")
    assert verified.code == 0, verified.err


def test_viewing_a_person_appends_a_read_event_before_anything_is_shown(linked, cli):
    project, canary = linked
    with project.connect(read_only=True) as con:
        record, person = con.execute("SELECT record_id, person_id FROM person_record "
                                     "ORDER BY record_id LIMIT 1").fetchall()[0]
    for args, shown in ((["person", record], "text"), (["person", person, "--json"], "json")):
        before = last_seq(project)
        result = cli("-p", project.root, *args)
        assert result.code == 0, result.err
        assert canary not in result.out  # the view withholds sensitive values
        event = only_read(project, before)
        assert event["action"] == "read.person" and event["subject"] == person
        assert event["actor"] == current_actor()
        assert event["details"]["as"] == shown and event["details"]["sensitive"] == "withheld"
    verified = cli("-p", project.root, "audit", "verify")
    assert verified.code == 0, verified.err


def test_a_backup_is_accounted_for_as_a_read_of_everything(linked, tmp_path, monkeypatch, cli):
    project, _ = linked
    secret = tmp_path / "pass.txt"
    secret.write_text("four words of passphrase\n", encoding="utf-8")
    before = last_seq(project)
    assert cli("-p", project.root, "--passphrase-file", secret, "backup",
               tmp_path / "b.tallybak").code == 0
    event = only_read(project, before)
    assert event["action"] == "project.backed_up" and event["actor"] == current_actor()
    assert event["details"]["archive"] == "b.tallybak"


def test_a_failed_view_or_export_records_no_read(linked, tmp_path, cli):
    project, _ = linked
    before = last_seq(project)
    assert cli("-p", project.root, "person", "no-such-person").code == 1
    refused = cli("-p", project.root, "export", "estimates", "--out", tmp_path / "e.csv")
    assert refused.code == 1 and "no estimates" in refused.err
    assert events(project, before) == []


def test_an_export_whose_read_event_cannot_be_recorded_leaves_no_file(linked, tmp_path):
    """Another process holds the store (as a running ingest would) when the event is
    to be appended: the export fails, and the file it wrote is removed."""
    import subprocess
    import sys

    from tally.errors import ProjectError
    from tally.store.reads import record_export

    project, _ = linked
    out = tmp_path / "records.csv"
    out.write_text("record_id\nr1\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(project.db_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(ProjectError, match="open in another Tally process"):
            record_export(project, "records", out, {"format": "csv"})
    finally:
        holder.kill()
        holder.communicate()
    assert not out.exists()


def test_showing_quarantined_rows_appends_a_read_event(linked, tmp_path, cli):
    """Rows ingest could not read are shown as read (any value a list holds)."""
    from tally.ingest import ingest_file

    project, _ = linked
    broken = tmp_path / "broken.csv"
    broken.write_text("record_id,name,sex,age,date_of_death,place,governorate,status\n"
                      "q1,Someone,male,not-an-age-at-all,2025-13-45,X,Y,civilian,extra,cells\n",
                      encoding="utf-8")
    ingest_file(project, broken, "w")
    before = last_seq(project)
    result = cli("-p", project.root, "quarantine", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)
    event = only_read(project, before)
    assert event["action"] == "read.quarantine" and event["actor"] == current_actor()
    assert event["details"]["rows"] >= 1 and "Someone" not in json.dumps(event)
    assert cli("-p", project.root, "audit", "verify").code == 0
