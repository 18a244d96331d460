"""Report queries on a tiny store: persons, modes, breakdowns, sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.ingest import ingest_file
from tally.report.html import collect_facts, render_html
from tally.sources import add_source

CSV = """record_id,name,sex,age,date_of_death,governorate,status,perpetrator_claimed
a1,Ahmad Ali Hasan,male,34,2025-03-07,Latakia,civilian,Unidentified gunmen
a2,Fatima Omar Saleh,female,8,2025-03-08,Tartus,civilian,
a3,Khaled Nour Issa,male,70,2025-03,Hama,combatant,SDF
"""


@pytest.fixture
def tiny(project, tmp_path: Path):
    f = tmp_path / "list.csv"
    f.write_text(CSV, encoding="utf-8")
    ingest_file(project, f, "snhr")
    add_source(project, "other", name="Other list", kind="other", reliability="F")
    return project


def test_unlinked_records_count_once_each(tiny):
    with tiny.connect(read_only=True) as con:
        facts = collect_facts(con)
    h = facts["headline"]
    assert (h["records"], h["persons"], h["linked"]) == (3, 3, False)
    assert str(h["first_date"]) == "2025-03-01" and str(h["last_date"]) == "2025-03-31"
    by = {c: {r["value"]: r["n"] for r in rows} for c, rows in facts["breakdowns"].items()}
    assert by["sex"] == {"male": 2, "female": 1}
    assert by["age_group"] == {"30-44": 1, "5-17": 1, "60+": 1}
    assert by["perpetrator"] == {"Unidentified gunmen": 1, "Syrian Democratic Forces (SDF)": 1,
                                 "unknown": 1}
    assert facts["weekly"]["not_weekly"] == 1  # the month-precision date
    assert sum(r["n"] for r in facts["weekly"]["rows"]) == 2
    src = {s["source_id"]: (s["records"], s["persons"], s["unique_persons"])
           for s in facts["sources"]}
    assert src == {"snhr": (3, 3, 3), "other": (0, 0, 0)}
    assert facts["estimates"] == [] and facts["incidents"] is None


def test_report_without_link_or_estimate_says_what_to_run(tiny):
    with tiny.connect(read_only=True) as con:
        html = render_html(collect_facts(con), "tiny", generated="2025-01-01T00:00:00+00:00")
    assert "not yet linked" in html and "tally estimate" in html
    assert 'id="estimated"' not in html and 'id="incidents"' not in html



def test_report_command_on_an_unlinked_project(cli, tiny, tmp_path):
    out = tmp_path / "sub" / "report.html"
    result = cli("-p", tiny.root, "report", "--out", out)
    assert result.code == 0, result.err
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'data-value="3"' in html


def test_claims_section_appears_only_with_claims(tiny):
    with tiny.connect() as con:
        facts = collect_facts(con)
        assert facts["claims"] is None
        html = render_html(facts, "tiny")
        assert 'id="incidents"' not in html
        for i, (best, perp, attr) in enumerate([(40, "Group A", "claimed by source"),
                                                (7, "Group A", "contested"),
                                                (12, None, None)]):
            con.execute("""
                INSERT INTO claim (claim_id, document_sha256, source_id, what, killed_low,
                    killed_best, killed_high, scope, place, perpetrator, attribution,
                    evidence_text, evidence_start, evidence_end, proposal, lexicon_version,
                    extracted_at)
                VALUES (?, 'd', 'snhr', 'killed', ?, ?, ?, 'total', 'جبلة', ?, ?, ?, 0, 10,
                        '{}', 'test', 'now')""",
                        [f"c{i}", best, best, best, perp, attr, f"<b>{best} killed</b>"])
        facts = collect_facts(con)
    c = facts["claims"]
    assert (c["claims"], c["documents"], c["reviewed"]) == (3, 1, 0)
    assert [r["killed_best"] for r in c["largest"]] == [40, 12, 7]
    assert {(r["perpetrator"], r["attribution"]): (r["claims"], r["killed_best"])
            for r in c["by_perpetrator"]} == {("Group A", "claimed by source"): (1, 40),
                                              ("Group A", "contested"): (1, 7),
                                              ("unknown", "unknown"): (1, 12)}
    html = render_html(facts, "tiny")
    assert 'id="incidents"' in html and "&lt;b&gt;40 killed&lt;/b&gt;" in html


def test_a_witness_is_never_named(project, tmp_path):
    from tally.report.public import PublicPolicy, export_public

    add_source(project, "wit-test-person", name="Test Person, Jableh", kind="witness",
               reliability="C")
    f = tmp_path / "testimony.csv"
    f.write_text("name,sex,date_of_death\nTest Victim,male,2025-03-07\n", encoding="utf-8")
    ingest_file(project, f, "wit-test-person")
    with project.connect(read_only=True) as con:
        facts = collect_facts(con)
    html = render_html(facts, "p")
    assert "Test Person" not in html and "wit-test-person" not in html
    assert "witness #1" in html and "identity withheld" in html
    out = tmp_path / "public.csv"
    export_public(project, out, policy=PublicPolicy(names=True, min_cell=0))
    text = out.read_text(encoding="utf-8")
    assert "wit-test-person" not in text and "witness #1" in text and "Test Victim" in text


def test_one_perpetrator_under_its_spellings_counts_once(project, tmp_path):
    f = tmp_path / "list.csv"
    f.write_text("record_id,name,sex,date_of_death,perpetrator_claimed\n"
                 "b1,Test One,male,2025-03-07,SDF\n"
                 "b2,Test Two,male,2025-03-07,قسد\n"
                 "b3,Test Three,male,2025-03-07,the Syrian Democratic Forces\n"
                 "b4,Test Four,male,2025-03-07,Kata'ib Example\n"
                 "b5,Test Five,male,2025-03-07,-\n", encoding="utf-8")
    ingest_file(project, f, "snhr")
    with project.connect(read_only=True) as con:
        facts = collect_facts(con)
    by = {r["value"]: r["n"] for r in facts["breakdowns"]["perpetrator"]}
    # an unknown name is kept as written; '-' names nobody
    assert by == {"Syrian Democratic Forces (SDF)": 3, "Kata'ib Example": 1, "unknown": 1}
    html = render_html(facts, "p")
    assert "<title>Syrian Democratic Forces (SDF): 3 (" in html


def test_incident_perpetrators_by_attribution_grade(tiny):
    with tiny.connect() as con:
        con.execute("""INSERT INTO incident VALUES
            ('i1', DATE '2025-03-07', DATE '2025-03-07', 'SY06', 'civilians', 10, 12, 20, 9, 2, 9,
             NULL, 'SY06', 'run'),
            ('i2', DATE '2025-03-08', DATE '2025-03-08', 'SY10', 'civilians', 3, 3, 3, 3, 0, 3,
             NULL, 'SY10', 'run')""")
        con.execute("""INSERT INTO incident_perpetrator VALUES
            ('i1', 'Hay''at Tahrir al-Sham', 'hts', 'corroborated', 2, ['c1', 'r1'], []),
            ('i2', 'هيئة تحرير الشام', 'hts', 'corroborated', 2, ['r2'], []),
            ('i2', 'Faction X', 'faction x', 'contested', 1, ['r3'], ['r2'])""")
        facts = collect_facts(con)
    assert facts["incident_perpetrators"] == [
        {"perpetrator": "Hay'at Tahrir al-Sham (HTS)", "grade": "corroborated", "incidents": 2,
         "documented": 12},
        {"perpetrator": "Faction X", "grade": "contested", "incidents": 1, "documented": 3}]
    assert [(r["incident_id"], r["perpetrators"]) for r in facts["incidents"]] == [
        ("i1", [("Hay'at Tahrir al-Sham (HTS)", "corroborated", 2)]),
        ("i2", [("Hay'at Tahrir al-Sham (HTS)", "corroborated", 2), ("Faction X", "contested", 1)])]
    html = render_html(facts, "tiny")
    section = html[html.index('id="incident-perpetrators"'):]
    assert "<td><bdi>Hay&#x27;at Tahrir al-Sham (HTS)</bdi></td><td>corroborated</td><td class=n>2</td>" \
        "<td class=n>12</td>" in section
