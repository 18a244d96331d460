"""Articles stored in a project with their proposed claims."""

from __future__ import annotations

import json

from tally.ingest.claims import ingest_article
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


def test_each_outlet_of_a_jsonl_file_is_its_own_source_for_attribution(project, tmp_path):
    from tally.incident import build_incidents

    def line(i, outlet, extra=""):
        return json.dumps({"id": f"x{i}", "published": "2025-07-16", "source": outlet,
                           "text": "At least 12 Druze civilians were killed in Sweida on 15 July by tribal "
                                   f"fighters{extra}.\n"})

    f = tmp_path / "two.jsonl"
    f.write_text(line(1, "Levant Daily") + "\n" + line(2, "Southern Syria News") + "\n", encoding="utf-8")
    ingest_article(project, f, "snhr")
    with project.connect() as con:
        assert sorted(r[0] for r in con.execute("SELECT outlet FROM claim").fetchall()) == [
            "Levant Daily", "Southern Syria News"]
    _, incidents = build_incidents(project)
    assert len(incidents) == 1
    assert [(g.grade, g.origins) for g in incidents[0].perpetrators] == [("corroborated", 2)]

    # one outlet quoting the other is not independent
    g = tmp_path / "quoting.jsonl"
    g.write_text(line(3, "Levant Daily") + "\n" + line(4, "Euphrates Post", ", according to Levant Daily")
                 + "\n", encoding="utf-8")
    with project.connect() as con:
        con.execute("DELETE FROM claim")
    ingest_article(project, g, "snhr")
    _, incidents = build_incidents(project)
    assert [(g.grade, g.origins) for g in incidents[0].perpetrators] == [("single_source", 1)]


def test_an_incidents_toll_is_read_from_totals_not_from_the_parts_they_name(project, tmp_path):
    """"Six civilians were shot dead ... Two more were found dead hours later" reports one
    toll of 8, kept as a sum with its two parts: the parts are not further readings of the
    incident's toll, so the incident's low stays 8 (it used to drop to the part's 6)."""
    from tally.incident import build_incidents

    f = tmp_path / "parts.txt"
    f.write_text("Six civilians were shot dead in Baniyas on 7 March by pro-government fighters. "
                 "Two more civilians were found dead in the town hours later.\n", encoding="utf-8")
    ingest_article(project, f, "snhr", published="2025-03-08")
    with project.connect() as con:
        scopes = sorted(r[0] for r in con.execute(
            "SELECT scope FROM claim WHERE what = 'killed'").fetchall())
    assert scopes == ["part", "part", "total"], scopes
    _, incidents = build_incidents(project)
    assert len(incidents) == 1
    assert (incidents[0].killed_low, incidents[0].killed_best) == (8, 8)
