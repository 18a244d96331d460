"""Articles stored in a project with their proposed claims."""

from __future__ import annotations

import json

from tally.extract.store import ingest_article
from tally.store.audit import verify_audit

TEXT = ("Attack in Baniyas leaves dozens dead\n\nDozens of Alawite civilians were killed in Baniyas "
        "on Sunday, according to local activists.\n")


def test_article_and_claims_are_stored(project, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    r = ingest_article(project, f, "snhr", published="2025-03-12")
    assert (r.status, r.articles, r.claims) == ("ingested", 1, 1)
    with project.connect() as con:
        rows = con.execute("SELECT killed_low, killed_high, victim_group, review_status, evidence_start, "
                           "evidence_end, evidence_text, published, proposal FROM claim").fetchall()
        assert len(rows) == 1
        low, high, group, review, s, e, ev, pub, proposal = rows[0]
        assert (low, high, group, review, pub) == (24, 99, "alawite civilians", "proposed", "2025-03-12")
        assert TEXT[s:e] == ev and json.loads(proposal)["evidence_text"] == ev
        assert verify_audit(con, project.objects).ok
    assert ingest_article(project, f, "snhr", published="2025-03-12").status == "duplicate"


def test_jsonl_articles_keep_their_ids(project, tmp_path):
    f = tmp_path / "arts.jsonl"
    f.write_text(json.dumps({"id": "x1", "text": TEXT, "published": "2025-03-12"}) + "\n", encoding="utf-8")
    r = ingest_article(project, f, "snhr")
    assert r.claims == 1
    with project.connect() as con:
        assert con.execute("SELECT article_id FROM claim").fetchall() == [("x1",)]
