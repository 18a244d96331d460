"""The stage-run skeleton: one transaction replacing a stage's own tables by
column name, with its run row and an audit event carrying the data version;
one decision writer; stale runs named."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from tally.ingest import ingest_file
from tally.store.audit import verify_audit
from tally.store.runs import (
    data_version,
    insert_rows,
    new_run_id,
    record_decision,
    stage_run,
    stale_runs,
)


def _events(con, action):
    return [(s, json.loads(d)) for s, d in con.execute(
        "SELECT subject, details FROM audit_event WHERE action = ? ORDER BY seq", [action]
    ).fetchall()]


def _ingest(project, examples, name="arabic_list_cp1256.csv", mapping="arabic_list.toml"):
    return ingest_file(project, examples(name), "snhr", mapping=examples(mapping))


def test_run_ids_name_the_stage_and_never_repeat():
    ids = {new_run_id("link") for _ in range(50)}
    assert len(ids) == 50 and all(i.startswith("link-2") for i in ids)


def test_a_stage_run_replaces_its_tables_by_column_name_and_is_audited(project, examples):
    _ingest(project, examples)
    with project.connect() as con:
        version = data_version(con)
        for n in (1, 2):  # a second run replaces the first one's rows
            with stage_run(con, "link", run_table="link_run",
                           replaces=("person_record",)) as run:
                # columns in another order than the table's: matched by name
                run.insert("person_record", pa.table({
                    "match_weight": [1.5, None], "person_id": ["P-a", "P-a"],
                    "record_id": [f"r{n}-1", f"r{n}-2"]}), run_id=run.run_id)
                run.row.update(settings="{}", records=2, persons=1)
                run.details.update(records=2)
        rows = con.execute("SELECT record_id, person_id, match_weight, run_id "
                           "FROM person_record ORDER BY 1").fetchall()
        runs = con.execute("SELECT run_id, actor, data_version, records, persons, finished_at "
                           "FROM link_run ORDER BY started_at").fetchall()
        events = _events(con, "link.run")
        assert verify_audit(con, project.objects).ok
    assert [r[:3] for r in rows] == [("r2-1", "P-a", 1.5), ("r2-2", "P-a", None)]
    assert rows[0][3] == runs[1][0]
    assert [(r[2], r[3], r[4]) for r in runs] == [(version, 2, 1)] * 2 and runs[1][5]
    assert [s for s, _ in events] == [r[0] for r in runs]
    assert events[-1][1] == {"data_version": version, "records": 2}


def test_a_failed_stage_run_leaves_the_previous_output_and_no_event(project, examples):
    _ingest(project, examples)
    with project.connect() as con:
        insert_rows(con, "person_record", [{"record_id": "r1", "person_id": "P-1",
                                            "run_id": "before"}])
        events = con.execute("SELECT count(*) FROM audit_event").fetchall()
        with pytest.raises(RuntimeError):
            with stage_run(con, "link", run_table="link_run", replaces=("person_record",)):
                raise RuntimeError("killed mid-run")
        assert con.execute("SELECT record_id FROM person_record").fetchall() == [("r1",)]
        assert con.execute("SELECT count(*) FROM link_run").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM audit_event").fetchall() == events


def test_an_unknown_column_is_refused_not_dropped(project):
    with project.connect() as con:
        with pytest.raises(ValueError, match="no column witness"):
            insert_rows(con, "person_record", [{"record_id": "r", "person_id": "P",
                                                "run_id": "x", "witness": "never"}])


def test_record_decision_takes_the_next_id_and_audits_in_the_deciders_name(project):
    with project.connect() as con:
        ids = [record_decision(
            con, "review_decision", {"record_id_l": "a", "record_id_r": "b", "verdict": v,
                                     "note": None, "run_id": None},
            action="review.verdict", subject="a|b", details={"verdict": v},
            decided_by="reviewer-1") for v in ("match", "no-match")]
        rows = con.execute("SELECT decision_id, verdict, decided_by FROM review_decision "
                           "ORDER BY 1").fetchall()
        actors = con.execute("SELECT actor FROM audit_event WHERE action = 'review.verdict'"
                             ).fetchall()
        events = _events(con, "review.verdict")
    assert ids == [1, 2]
    assert rows == [(1, "match", "reviewer-1"), (2, "no-match", "reviewer-1")]
    assert actors == [("reviewer-1",)] * 2
    assert events[1] == ("a|b", {"decision_id": 2, "verdict": "no-match"})


def test_every_stage_run_is_in_the_audit_chain_with_its_data_version(project, examples):
    from tally.normalize.project import renormalize_project

    _ingest(project, examples)
    renormalize_project(project)
    with project.connect() as con:
        (subject, details), = _events(con, "records.normalized")
        assert details["data_version"] == data_version(con)
        assert subject.startswith("norm-") and details["records"] == 11


def test_a_run_on_changed_data_is_named_stale(project, examples):
    _ingest(project, examples)
    with project.connect() as con:
        with stage_run(con, "link", run_table="link_run") as run:
            run.row.update(settings="{}")
        assert stale_runs(con) == []
    _ingest(project, examples, "english_list_utf16.txt", "english_list.toml")
    with project.connect() as con:
        (stale,) = stale_runs(con)
    assert (stale.stage, stale.run_id) == ("link", run.run_id)
    assert "re-run `tally link`" in stale.message and run.run_id in stale.message


def test_an_incidents_run_records_its_data_version_and_is_audited(project, examples):
    # an incidents run appended no audit event and recorded no data version
    from tally.incident import build_incidents

    _ingest(project, examples)
    report, _ = build_incidents(project)
    with project.connect() as con:
        version = data_version(con)
        run = con.execute("SELECT run_id, data_version, actor, finished_at FROM incident_run"
                          ).fetchall()
        (subject, details), = _events(con, "incident.run")
        assert verify_audit(con, project.objects).ok
    assert run[0][:2] == (report.run_id, version) and run[0][2] and run[0][3]
    assert subject == report.run_id and details["data_version"] == version
    assert details["incidents"] == report.incidents
    _ingest(project, examples, "english_list_utf16.txt", "english_list.toml")
    with project.connect() as con:
        assert [(s.stage, s.run_id) for s in stale_runs(con)] == [("incidents", report.run_id)]


def test_an_article_received_after_a_run_leaves_it_current(project, examples, tmp_path):
    from tally.sources import add_source

    _ingest(project, examples)
    with project.connect() as con:
        with stage_run(con, "link", run_table="link_run") as run:
            run.row.update(settings="{}")
    add_source(project, "news", name="news", kind="news_outlet", reliability="C")
    article = tmp_path / "article.txt"
    article.write_text("Gunmen killed 12 civilians in the village of Test on 7 March 2025.",
                       encoding="utf-8")
    ingest_file(project, article, "news", published="2025-03-08")
    with project.connect() as con:
        assert con.execute("SELECT count(*) FROM document").fetchall() == [(2,)]
        assert stale_runs(con) == []
        assert data_version(con) == run.data_version


def test_an_estimate_on_replaced_linkage_or_changed_data_is_named_stale(project, examples):
    _ingest(project, examples)
    with project.connect() as con:
        with stage_run(con, "link", run_table="link_run") as first:
            first.row.update(settings="{}")
        insert_rows(con, "estimate", [{
            "estimate_run": "est-1", "stratum": "{}", "made_at": "2026-01-01", "made_by": "t",
            "lists": "[]", "capture_table": "{}", "method": "loglinear", "settings": "{}",
            "n_observed": 1, "reliable": True, "warnings": "[]",
            "data_version": data_version(con), "link_run": first.run_id}])
        assert stale_runs(con) == []
        with stage_run(con, "link", run_table="link_run") as second:
            second.row.update(settings="{}")
        (stale,) = stale_runs(con)
        assert (stale.stage, stale.run_id) == ("estimate", "est-1")
        assert f"link run {second.run_id} has replaced it" in stale.message
        assert stale.message.endswith("re-run `tally estimate`")
    _ingest(project, examples, "english_list_utf16.txt", "english_list.toml")
    with project.connect() as con:
        assert [s.stage for s in stale_runs(con)] == ["link", "estimate"]


def test_no_stage_run_writes_rows_by_position():
    # the copies the skeleton replaced wrote `INSERT INTO t VALUES (?, ?, ... 19 ?)`:
    # a column added by a migration shifted values into the wrong place
    import re
    from pathlib import Path

    import tally

    src = Path(tally.__file__).parent
    for module in ("link/run.py", "estimate/project.py", "incident/run.py",
                   "normalize/project.py", "link/review.py", "extract/review.py",
                   "incident/decisions.py"):
        text = (src / module).read_text(encoding="utf-8")
        assert not re.search(r"INSERT INTO \w+ (VALUES|SELECT)", text), module
