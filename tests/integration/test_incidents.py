"""Incidents on a simulated conflict: lists, articles and linkage through the real pipeline."""

from __future__ import annotations

import csv
import json

import pytest

from tally.cli import main
from tally.incident import IncidentSettings, actor_key, build_incidents
from tally.ingest import ingest_file
from tally.sources import add_source

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def built(tmp_path_factory, linked_simulation):
    # the session's linked lists, copied: this module adds articles and decisions.
    # The articles are ingested after linkage, as in `tally demo` (they hold no records).
    linked = linked_simulation.copy(tmp_path_factory.mktemp("incidents"))
    project, sim = linked.project, linked.sim
    add_source(project, "wire", name="News wire", kind="news_outlet", reliability="C", language="en")
    ingest_file(project, sim / "articles.jsonl", "wire", articles=True)
    report, incidents = build_incidents(project)
    with open(sim / "truth" / "incidents.csv", encoding="utf-8") as f:
        truth = sorted(csv.DictReader(f), key=lambda r: -int(r["killed"]))
    return project, report, incidents, truth


def _at(incidents, row):
    import datetime as dt

    day = dt.date.fromisoformat(row["date"])
    return [i for i in incidents if i.place_id == row["place_id"] and i.date_start <= day <= i.date_end]


def test_the_largest_massacres_become_incidents_with_their_victims(built):
    _, _, incidents, truth = built
    top = truth[:5]
    assert {r["date"][:7] for r in top} >= {"2025-03", "2025-07"}  # the coast in March, Sweida in July
    for row in top:
        found = _at(incidents, row)
        assert len(found) == 1, (row, found)
        inc = found[0]
        documented, killed = int(row["documented"]), int(row["killed"])
        # the documented victims, counted once per linked person, are the incident's floor
        assert 0.75 * documented <= inc.documented <= 1.3 * documented, (row, inc.as_dict())
        assert inc.killed_low >= inc.documented
        assert inc.killed_low <= killed <= max(inc.killed_high, 1.3 * documented), (row, inc.as_dict())
        # the perpetrator the lists name is graded, and named by several independent lists
        grades = {g.key: g for g in inc.perpetrators}
        assert actor_key(row["perpetrator"]) in grades, (row, inc.as_dict())
        g = grades[actor_key(row["perpetrator"])]
        assert g.origins >= 2 and g.grade in ("corroborated", "contested"), g


def test_a_claimed_toll_brackets_the_truth_where_articles_report_it(built):
    _, _, incidents, truth = built
    inc = _at(incidents, truth[0])[0]   # Al-Matrah, March: reported in the news
    assert inc.claims
    assert inc.killed_low <= int(truth[0]["killed"]) <= inc.killed_high


def test_every_record_is_in_at_most_one_incident_and_a_rerun_replaces_its_output(built):
    project, report, _, _ = built
    report2, _ = build_incidents(project)
    with project.connect() as con:
        n_inc, n_members, n_distinct = con.execute(
            "SELECT (SELECT count(*) FROM incident), count(*), count(DISTINCT member_id) "
            "FROM incident_member").fetchall()[0]
        runs = con.execute("SELECT count(*) FROM incident_run").fetchall()[0][0]
    assert n_inc == report.incidents == report2.incidents
    assert n_members == n_distinct
    assert runs == 2


def test_only_accepted_claims_when_asked(built):
    project, _, _, _ = built
    report, incidents = build_incidents(project, IncidentSettings(review_statuses=("accepted",)))
    assert report.claims_used == 0 and not any(i.claims for i in incidents)
    build_incidents(project)


def test_cli_lists_incidents_as_json(built, capsys):
    project, _, _, truth = built
    assert main(["-p", str(project.root), "incidents", "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["report"]["incidents"] > 100 and len(data["incidents"]) == 3
    first = data["incidents"][0]
    assert first["killed_low"] <= first["killed_best"] <= first["killed_high"]


@pytest.mark.parametrize("command", [["incidents", "export"], ["export", "incidents"]])
def test_cli_exports_incidents(built, tmp_path, command):
    project, report, _, _ = built
    out = tmp_path / "incidents.csv"
    assert main(["-p", str(project.root), *command, "--format", "csv", "--out", str(out)]) == 0
    with open(out, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == report.incidents
    assert any("corroborated" in (r["perpetrators"] or "") for r in rows)


def test_a_persons_split_then_merge_binds_later_runs(built, capsys):
    project, _, incidents, truth = built
    inc = _at(incidents, truth[0])[0]
    c, r = inc.claims[0]["claim_id"], inc.records[0]["record_id"]
    try:
        assert main(["-p", str(project.root), "incidents", "split", c, r, "--by", "analyst"]) == 0
        _, after = build_incidents(project)
        with_claim = [i for i in after if any(x["claim_id"] == c for x in i.claims)]
        with_record = [i for i in after if any(x["record_id"] == r for x in i.records)]
        assert len(with_claim) == len(with_record) == 1 and with_claim[0] is not with_record[0]
        assert main(["-p", str(project.root), "incidents", "merge", c, "no-such-id", "--by", "analyst"]) == 1
        assert "no claim or record" in capsys.readouterr().err
    finally:
        with project.connect() as con:
            con.execute("DELETE FROM incident_decision")
        build_incidents(project)


def test_a_person_splits_an_incident_by_moving_one_record_out_and_reruns_keep_it(built, capsys):
    project, _, incidents, truth = built
    inc = next(i for i in _at(incidents, truth[0]) if len({r.get("person_id") for r in i.records}) > 2)
    root = str(project.root)
    try:
        assert main(["-p", root, "incidents", "show", inc.incident_id, "--json"]) == 0
        members = json.loads(capsys.readouterr().out)
        rec = next(m for m in members if m["kind"] == "record")
        person = rec["person_id"]
        assert main(["-p", root, "incidents", "detach", rec["member_id"], "--by", "analyst",
                     "--note", "killed the day before, elsewhere"]) == 0
        for _ in range(2):  # the decision binds this run and every later one
            _, after = build_incidents(project)
            holding = [i for i in after if any(r.get("person_id") == person for r in i.records)]
            assert len(holding) == 1
            moved = holding[0]
            assert {r.get("person_id") for r in moved.records} == {person} and not moved.claims
            big = next(i for i in after if any(c["claim_id"] == inc.claims[0]["claim_id"] for c in i.claims))
            # the rest stay (a governorate-wide record may follow the rules to a now larger neighbour)
            assert person not in {r.get("person_id") for r in big.records}
            assert inc.documented - 3 <= big.documented <= inc.documented - 1
        # moved into another incident instead
        other = next(i for i in after if i.claims and i.incident_id != big.incident_id)
        assert main(["-p", root, "incidents", "move", rec["member_id"], "--to", other.claims[0]["claim_id"],
                     "--by", "analyst"]) == 0
        _, after = build_incidents(project)
        joined = next(i for i in after if any(r.get("person_id") == person for r in i.records))
        assert any(c["claim_id"] == other.claims[0]["claim_id"] for c in joined.claims)
        capsys.readouterr()
        assert main(["-p", root, "incidents", "decisions", "--json"]) == 0
        log = json.loads(capsys.readouterr().out)
        assert [(d["kind"], d["member_a"], d["decided_by"]) for d in log] == [
            ("detach", rec["member_id"], "analyst"), ("detach", rec["member_id"], "analyst"),
            ("merge", rec["member_id"], "analyst")]
        assert log[0]["note"] == "killed the day before, elsewhere" and log[0]["decided_at"]
        assert main(["-p", root, "incidents", "detach", "no-such-id", "--by", "analyst"]) == 1
        assert main(["-p", root, "incidents", "show", "inc-nothing"]) == 1
        with project.connect() as con:
            from tally.store.audit import verify_audit

            assert con.execute("SELECT count(*) FROM audit_event WHERE action = 'incident.decided' "
                               "AND subject = ?", [rec["member_id"]]).fetchall()[0][0] == 3
            assert verify_audit(con, project.objects).ok
    finally:
        with project.connect() as con:
            con.execute("DELETE FROM incident_decision")
        build_incidents(project)


def test_reviewers_verdicts_on_claims_are_used(built):
    from tally.extract.review import record_claim_decision

    project, _, incidents, truth = built
    inc = _at(incidents, truth[0])[0]
    cid = inc.claims[0]["claim_id"]
    try:
        record_claim_decision(project, cid, "reject", decided_by="analyst")
        _, after = build_incidents(project)
        assert not any(c["claim_id"] == cid for i in after for c in i.claims)
        report, after = build_incidents(project, IncidentSettings(review_statuses=("rejected",)))
        assert [c["claim_id"] for i in after for c in i.claims] == [cid]
    finally:
        with project.connect() as con:
            con.execute("DELETE FROM claim_decision")
        build_incidents(project)
