"""Tampering behind Tally's back with what people put into a project, and with
the end of the audit chain: `tally audit verify` must name each change."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from tally.extract.review import record_claim_decision
from tally.incident.decisions import record_incident_decision
from tally.ingest import ingest_file
from tally.ingest.claims import ingest_article
from tally.link.review import record_verdict
from tally.store.audit import GENESIS, event_hash, inputs_changed, verify_audit
from tally.store.head import HEAD_NAME

ARTICLE = ("Clashes in Baniyas\n\n"
           "At least 45 civilians were killed in Baniyas on Sunday, activists said.\n")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A project with a list (one row quarantined), an article's claim, and a
    reviewer's no-match, a claim decision and an incident decision."""
    from tally.demo import example_path as examples
    from tally.project import Project
    from tally.sources import add_source

    tmp_path = tmp_path_factory.mktemp("audit")
    project = Project.init(tmp_path / "proj")
    add_source(project, "snhr", name="Syrian Network for Human Rights", kind="rights_group_list",
               reliability="B", language="ar")
    listed = ingest_file(project, examples("arabic_list_cp1256.csv"), "snhr",
                         mapping=examples("arabic_list.toml"))
    assert listed.quarantined == 1
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    ingest_article(project, article, "snhr", published="2025-03-12")
    with project.connect() as con:
        (claim_id,), = con.execute("SELECT claim_id FROM claim").fetchall()
    a, b = f"{listed.sha256[:16]}-1", f"{listed.sha256[:16]}-2"
    record_verdict(project, a, b, "no-match", note="father and son")
    record_claim_decision(project, claim_id, "edit", {"killed_best": 45})
    record_incident_decision(project, "split", claim_id, a, "reviewer")
    assert verify(project).ok
    return project.root


@pytest.fixture
def documented(template, tmp_path):
    """A fresh copy of the template project, to tamper with."""
    from tally.project import Project

    shutil.copytree(template, tmp_path / "proj", symlinks=True)
    return Project.open(tmp_path / "proj")


def verify(project, **kwargs):
    with project.connect(read_only=True) as con:
        return verify_audit(con, project.objects, **kwargs)


def tamper(project, sql):
    con = duckdb.connect(str(project.db_path))  # behind Tally's back
    con.execute(sql)
    con.close()


def test_flipped_review_verdict_is_named(documented):
    tamper(documented, "UPDATE review_decision SET verdict = 'match'")
    assert verify(documented).problems == [
        "review decision 1 (dc73c2ca258318f3-1|dc73c2ca258318f3-2): stored verdict is match, "
        "its audit event 5 says no-match"]


def test_flipped_review_verdict_is_seen_without_walking_the_chain(documented):
    # what `tally link` can check before applying verdicts, in milliseconds
    with documented.connect(read_only=True) as con:
        assert inputs_changed(con) == []
    tamper(documented, "UPDATE review_decision SET verdict = 'match'")
    with documented.connect(read_only=True) as con:
        assert inputs_changed(con) == ["reviewers' verdicts on pairs of records"]


def test_changed_killed_count_of_a_claim_is_noticed(documented):
    tamper(documented, "UPDATE claim SET killed_best = 4500, killed_low = 4500")
    assert verify(documented).problems == [
        "document 783496899b92: its claims were changed after audit event 4",
        "claim 783496899b92468f-1: stored killed_low is 4500, as extracted it was 45",
        "claim 783496899b92468f-1: stored killed_best is 4500, as extracted it was 45"]


def test_changed_count_in_a_claim_decision_is_named(documented):
    tamper(documented, """UPDATE claim_decision SET edited = '{"killed_best":4500}'""")
    assert verify(documented).problems == [
        'claim decision 1 (783496899b92468f-1): stored edited is {"killed_best":4500}, '
        'its audit event 6 says {"killed_best":45}']


def test_deleted_quarantined_row_is_noticed(documented):
    tamper(documented, "DELETE FROM quarantine")
    assert verify(documented).problems == [
        "document dc73c2ca2583: 0 quarantined rows stored, 1 recorded in the audit log (event 3)"]


def test_regraded_source_is_named(documented):
    tamper(documented, "UPDATE source SET reliability = 'A'")
    assert verify(documented).problems == [
        "source snhr: stored reliability is A, its audit event 2 says B"]


def test_source_notes_changed_are_noticed_by_digest(documented):
    # notes are not in the event's details: the digest still covers them
    tamper(documented, "UPDATE source SET notes = 'trusted'")
    assert verify(documented).problems == [
        "sources (their names, kinds and reliability grades) were changed after the last "
        "audit event (7, incident.decided): 1 rows now, 1 when it was written"]


def test_changed_normalized_value_is_noticed(documented):
    tamper(documented, "UPDATE record_norm SET sex = 'female' WHERE record_id LIKE '%-1'")
    assert verify(documented).problems == [
        "document dc73c2ca2583: its normalized values were changed after audit event 3 "
        "(`tally normalize` recomputes them)"]


def test_changed_incident_decision_is_named(documented):
    tamper(documented, "UPDATE incident_decision SET kind = 'merge'")
    assert verify(documented).problems == [
        "incident decision 1 (783496899b92468f-1): stored kind is merge, its audit event 7 "
        "says split"]


def test_decision_added_behind_tallys_back_is_named(documented):
    tamper(documented, "INSERT INTO review_decision VALUES (2, 'dc73c2ca258318f3-3', "
                       "'dc73c2ca258318f3-4', 'match', 'x', 'now', NULL, NULL)")
    assert verify(documented).problems == [
        "review decision 2 (dc73c2ca258318f3-3|dc73c2ca258318f3-4) has no audit event: "
        "it was added behind Tally's back"]


def test_deleted_last_events_are_noticed(documented):
    tamper(documented, "DELETE FROM audit_event WHERE seq >= 6")
    problems = verify(documented).problems
    assert ("the audit chain ends at event 5, but audit.head recorded 7 events "
            f"(head {verify_head(documented)[:16]}): events were removed from its end") in problems


def verify_head(project):
    return json.loads((project.root / HEAD_NAME).read_text())["hash"]


def test_deleted_last_events_and_head_file_are_noticed(documented):
    head = verify_head(documented)
    tamper(documented, "DELETE FROM audit_event WHERE seq = 7; DELETE FROM incident_decision")
    (documented.root / HEAD_NAME).unlink()
    report = verify(documented)
    assert report.problems == [
        "audit.head is missing from the project folder: events cut from the end of the audit "
        "chain could go unnoticed (check with --head HASH)"]
    # the head written down earlier catches it even when the file is gone
    assert verify(documented, head=head).problems[-1].startswith(
        f"no audit event has the head hash you gave ({head[:16]})")


def test_truncated_chain_is_not_re_anchored_by_the_next_command(documented):
    tamper(documented, "DELETE FROM audit_event WHERE seq = 7; DELETE FROM incident_decision")
    with documented.connect():  # e.g. `tally status`
        pass
    assert "events were removed from its end" in verify(documented).problems[0]


def test_head_written_down_verifies_while_the_chain_grows(documented):
    head = verify_head(documented)
    record_verdict(documented, "dc73c2ca258318f3-3", "dc73c2ca258318f3-4", "match")
    report = verify(documented, head=head[:12])
    assert report.ok and report.notes == ["the head you gave is event 7 of 8"]


def test_project_from_before_digests_verifies_and_is_covered_after_upgrade(documented):
    """A project written by a Tally whose events carried no digests (before
    migration 011) still verifies; opening it once upgrades it and records an
    `audit.covered` event, after which its inputs are covered too."""
    con = duckdb.connect(str(documented.db_path))
    rows = con.execute("SELECT seq, occurred_at, actor, action, subject, details "
                       "FROM audit_event ORDER BY seq").fetchall()
    con.execute("DELETE FROM audit_event")
    con.execute("ALTER TABLE audit_event DROP COLUMN digests")
    con.execute("DELETE FROM schema_migration WHERE version = 11")
    prev = GENESIS
    for seq, at, actor, action, subject, details in rows:  # as the older Tally wrote them
        digest = event_hash(seq, at, actor, action, subject, details, prev)
        con.execute("INSERT INTO audit_event VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [seq, at, actor, action, subject, details, prev, digest])
        prev = digest
    con.close()
    (documented.root / HEAD_NAME).unlink()
    report = verify(documented)
    assert report.ok and report.notes[0].startswith("no audit.head yet")
    tamper(documented, "UPDATE review_decision SET verdict = 'match'")  # still named, by event
    assert len(verify(documented).problems) == 1
    tamper(documented, "UPDATE review_decision SET verdict = 'no-match'")
    with documented.connect() as con:  # the upgrade
        assert con.execute("SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1"
                           ).fetchall() == [("audit.covered",)]
    assert verify(documented).ok
    tamper(documented, "UPDATE source SET notes = 'trusted'")
    assert verify(documented).problems[0].startswith("sources (their names")


def test_cli_verify_prints_each_problem_and_the_head(documented, cli):
    ok = cli("-p", documented.root, "audit", "verify")
    assert ok.code == 0 and f"audit head: event 7, {verify_head(documented)}" in ok.out
    tamper(documented, "UPDATE review_decision SET verdict = 'match'")
    broken = cli("-p", documented.root, "audit", "verify")
    assert broken.code == 1
    assert "BROKEN: review decision 1" in broken.err and "says no-match" in broken.err


def test_cli_verify_checks_a_head_written_down(documented, cli):
    head = verify_head(documented)
    assert cli("-p", documented.root, "audit", "verify", "--head", head).code == 0
    tamper(documented, "DELETE FROM audit_event WHERE seq = 7; DELETE FROM incident_decision")
    (documented.root / HEAD_NAME).unlink()
    r = cli("-p", documented.root, "audit", "verify", "--head", head)
    assert r.code == 1 and "no audit event has the head hash you gave" in r.err


def test_status_prints_the_head(documented, cli):
    r = cli("-p", documented.root, "status")
    assert r.code == 0 and f"audit head: event 7, {verify_head(documented)}" in r.out


def test_link_warns_when_the_verdicts_it_applies_were_changed(documented):
    from tally.link.run import link_project

    assert link_project(documented).warnings == []
    tamper(documented, "UPDATE review_decision SET verdict = 'match'")
    assert link_project(documented).warnings == [
        "reviewers' verdicts on pairs of records were changed outside Tally since the last "
        "audit event (used as stored): `tally audit verify` names what changed"]


def test_change_carried_by_a_later_event_is_still_noticed(documented):
    """A later event digests the tables as it finds them: a change made before
    it must not be laundered into the chain."""
    tamper(documented, "UPDATE source SET notes = 'trusted'")
    record_verdict(documented, "dc73c2ca258318f3-3", "dc73c2ca258318f3-4", "match")
    assert verify(documented).problems == [
        "sources (their names, kinds and reliability grades) were changed outside Tally "
        "between audit events 7 and 8 (review.verdict does not write them)"]


def test_deleted_quarantine_row_is_noticed_after_a_renormalize(documented):
    from tally.normalize.project import renormalize_project

    tamper(documented, "DELETE FROM quarantine")
    renormalize_project(documented)
    assert verify(documented).problems == [
        "document dc73c2ca2583: its quarantined rows were changed outside Tally between audit "
        "events 3 and 8 (records.normalized does not write them)"]


def test_decision_put_in_another_persons_name_is_named(documented):
    tamper(documented, "UPDATE incident_decision SET decided_by = 'senior-analyst'")
    assert verify(documented).problems == [
        "incident decision 1 (783496899b92468f-1): stored decided_by is senior-analyst, "
        "its audit event 7 says reviewer"]


def test_damaged_head_file_is_named_and_left_for_verify(documented):
    (documented.root / HEAD_NAME).write_text("garbage", encoding="utf-8")
    with documented.connect():
        pass
    assert verify(documented).problems == [
        "audit.head cannot be read as an audit head: it was damaged or replaced "
        "(check with --head HASH)"]


def test_no_export_overwrites_the_head(documented):
    from tally.errors import UsageError
    from tally.store.layout import check_output_path

    with pytest.raises(UsageError, match=r"audit chain's anchor \(audit.head\)"):
        check_output_path(documented.root / HEAD_NAME, documented.root)


def test_a_column_added_by_a_later_migration_keeps_the_digests(documented):
    for table in ("review_decision", "claim", "quarantine", "record_norm", "source"):
        tamper(documented, f"ALTER TABLE {table} ADD COLUMN later_field VARCHAR")
    assert verify(documented).ok
