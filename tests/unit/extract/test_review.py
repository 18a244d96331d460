"""Review of extracted claims: accept / edit / reject, appended, never overwriting the proposal."""

from __future__ import annotations

import json

import pytest

from tally.errors import ProjectError, UsageError
from tally.extract.review import claim_queue, current_claims, get_claim, record_claim_decision
from tally.ingest import ingest_file
from tally.store.audit import verify_audit

TEXT = ("Gunmen killed at least 40 civilians in Baniyas on Friday, the Syrian Observatory for "
        "Human Rights said.\n\nIn Jableh, 12 people were killed by security forces on Saturday.\n")


@pytest.fixture
def claims(project, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert ingest_file(project, f, "snhr", published="2025-03-09").claims >= 2
    with project.connect() as con:
        return [r[0] for r in con.execute("SELECT claim_id FROM claim ORDER BY claim_id").fetchall()]


def test_proposed_claims_are_queued_with_their_evidence_spans(project, claims):
    queue = claim_queue(project)
    assert [c.claim_id for c in queue] == claims
    first = queue[0]
    assert first.status == "proposed" and first.decisions == []
    slots = {slot: first.evidence_text[s:e] for s, e, slot in first.spans}
    assert slots["count"] == "at least 40 civilians"
    assert slots["perpetrator"] == "Gunmen"
    assert first.values["killed_low"] == 40


def test_accept_and_reject_are_kept_with_who_and_when(project, claims, monkeypatch):
    monkeypatch.setenv("LOGNAME", "reviewer-a")
    d1 = record_claim_decision(project, claims[0], "accept", note="matches SOHR")
    d2 = record_claim_decision(project, claims[1], "reject", decided_by="reviewer-b")
    assert d2 == d1 + 1
    a, r = get_claim(project, claims[0]), get_claim(project, claims[1])
    assert (a.status, r.status) == ("accepted", "rejected")
    assert a.decisions[0]["decided_by"] == "reviewer-a" and a.decisions[0]["decided_at"]
    assert a.decisions[0]["note"] == "matches SOHR"
    assert r.decisions[0]["decided_by"] == "reviewer-b"
    assert claim_queue(project) == []
    with project.connect() as con:
        # the claim rows themselves are untouched
        assert {s for (s,) in con.execute("SELECT review_status FROM claim").fetchall()} == {"proposed"}
        events = con.execute("SELECT action, subject FROM audit_event WHERE action = 'claim.reviewed' "
                             "ORDER BY seq").fetchall()
        assert events == [("claim.reviewed", claims[0]), ("claim.reviewed", claims[1])]
        assert verify_audit(con, project.objects).ok


def test_an_edit_never_overwrites_the_proposal(project, claims):
    cid = claims[0]
    with project.connect() as con:
        before = con.execute("SELECT * FROM claim WHERE claim_id = ?", [cid]).fetchall()
    record_claim_decision(project, cid, "edit", {"killed_low": 38, "killed_best": 38,
                                                 "perpetrator": "armed men", "attribution": "alleged"},
                          note="later report")
    c = get_claim(project, cid)
    assert c.status == "edited"
    assert (c.values["killed_low"], c.values["killed_best"], c.values["perpetrator"],
            c.values["attribution"]) == (38, 38, "armed men", "alleged")
    assert c.proposal["killed_low"] == 40 and c.proposal["perpetrator"] == "Gunmen"
    # a later edit wins for what it sets, and keeps the earlier edit's other values
    record_claim_decision(project, cid, "edit", {"killed_best": 39})
    record_claim_decision(project, cid, "accept")
    status, values = current_claims_of(project)[cid]
    assert status == "accepted" and (values["killed_low"], values["killed_best"]) == (38, 39)
    assert values["perpetrator"] == "armed men"
    with project.connect() as con:
        assert con.execute("SELECT * FROM claim WHERE claim_id = ?", [cid]).fetchall() == before
        edited = con.execute("SELECT edited FROM claim_decision ORDER BY decision_id").fetchall()
        assert json.loads(edited[0][0])["perpetrator"] == "armed men" and edited[2][0] is None
        assert verify_audit(con, project.objects).ok


def current_claims_of(project):
    with project.connect() as con:
        return current_claims(con)


def test_bad_decisions_are_refused_and_store_nothing(project, claims):
    with pytest.raises(ProjectError, match="no claim nope"):
        record_claim_decision(project, "nope", "accept")
    with pytest.raises(UsageError, match="verdict"):
        record_claim_decision(project, claims[0], "maybe")
    with pytest.raises(UsageError, match="at least one value"):
        record_claim_decision(project, claims[0], "edit", {})
    with pytest.raises(UsageError, match="low ≤ best ≤ high"):
        record_claim_decision(project, claims[0], "edit", {"killed_best": 10})
    with pytest.raises(UsageError, match="attribution"):
        record_claim_decision(project, claims[0], "edit", {"attribution": "rumoured"})
    with pytest.raises(UsageError, match="cannot edit"):
        record_claim_decision(project, claims[0], "edit", {"place": "Homs"})
    with pytest.raises(UsageError, match="only an edit"):
        record_claim_decision(project, claims[0], "accept", {"killed_best": 41})
    with project.connect() as con:
        assert con.execute("SELECT count(*) FROM claim_decision").fetchall() == [(0,)]


def test_exports_and_report_read_the_reviewed_values(project, claims, tmp_path):
    import csv

    from tally.report.exports import export_claims
    from tally.report import queries

    record_claim_decision(project, claims[0], "edit", {"killed_best": 41, "killed_high": 45,
                                                       "perpetrator": "armed men"})
    record_claim_decision(project, claims[1], "reject")
    out = tmp_path / "claims.csv"
    assert export_claims(project, out) == len(claims)
    with out.open(encoding="utf-8", newline="") as f:
        rows = {r["claim_id"]: r for r in csv.DictReader(f)}
    first = rows[claims[0]]
    assert (first["killed_low"], first["killed_best"], first["killed_high"], first["perpetrator"],
            first["review_status"]) == ("40", "41", "45", "armed men", "edited")
    assert rows[claims[1]]["review_status"] == "rejected"
    with project.connect() as con:
        summary = queries.claims(con)
    assert summary["reviewed"] == 2
    assert [c["claim_id"] for c in summary["largest"]] == [claims[0]]
    assert summary["largest"][0]["killed_best"] == 41
    # the report names the edited perpetrator as the actor it names (the shipped actor table)
    assert summary["by_perpetrator"][0]["perpetrator"] == queries.actor_label("armed men")
