"""`tally demo`: runs end to end and everything it prints is true."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def _num(text: str) -> int:
    return int(text.replace(",", ""))


def test_demo_summary_is_true(demo_run):
    out = demo_run.out  # `tally demo`, run once for the session's tests
    assert demo_run.code == 0, demo_run.errors
    text = demo_run.printed
    truth = out / "simulation" / "truth"
    with open(truth / "persons.csv", encoding="utf-8", newline="") as f:
        persons = list(csv.DictReader(f))
    with open(truth / "records.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with open(truth / "incidents.csv", encoding="utf-8", newline="") as f:
        incidents = sum(1 for _ in csv.DictReader(f))
    articles = len(list((out / "simulation" / "articles").glob("*.txt")))

    m = re.search(r"1\. Simulated a conflict \(seed \d+\): ([\d,]+) victims killed in ([\d,]+) "
                  r"incidents.*?with ([\d,]+) records and ([\d,]+) news articles", text, re.S)
    assert m, text
    assert (_num(m[1]), _num(m[2]), _num(m[3]), _num(m[4])) == (
        len(persons), incidents, len(records), articles)

    per_source = Counter(r["source"] for r in records)
    ingested = re.findall(r"3\. Ingested \S+ for (\S+): ([\d,]+) records, ([\d,]+) quarantined", text)
    assert {s: _num(n) for s, n, _ in ingested} == dict(per_source)
    assert all(q == "0" for _, _, q in ingested)

    m = re.search(r"4\. Store: 5 sources, 5 documents, ([\d,]+) records, 0 quarantined", text)
    assert m and _num(m[1]) == len(records)
    assert "6. Audit chain: verified" in text

    documented = len({r["person_id"] for r in records})
    m = re.search(r"7\. Truth: the ([\d,]+) records describe ([\d,]+) distinct victims; "
                  r"([\d,]+) of the ([\d,]+) dead are on no list", text)
    assert m, text
    assert (_num(m[1]), _num(m[2]), _num(m[3]), _num(m[4])) == (
        len(records), documented, len(persons) - documented, len(persons))
    assert (out / "records.csv").is_file()

    m = re.search(r"8\. Linked ([\d,]+) records into ([\d,]+) persons \(([\d,]+) true\); against the "
                  r"truth: pairwise precision ([\d.]+), recall ([\d.]+), F1 ([\d.]+); "
                  r"B-cubed F1 ([\d.]+)", text)
    assert m, text
    if m:  # its score is recomputed from the store
        from tally.project import Project
        from tally.simulate.score import project_clusters, score_linkage

        clusters = project_clusters(Project.open(out / "project"))
        s = score_linkage(out / "simulation", clusters).overall
        assert _num(m[1]) == len(records) and _num(m[2]) == len(set(clusters.values()))
        assert _num(m[3]) == documented
        assert (m[4], m[5], m[6], m[7]) == tuple(
            f"{v:.3f}" for v in (s.precision, s.recall, s.f1, s.bcubed_f1))
    m = re.search(r"9\. Estimated total dead from the ([\d,]+) linked persons: ([\d,]+) "
                  r"\(95% interval ([\d,]+)-([\d,]+), .*; ([\d,]+) unidentified bodies left out\); "
                  rf"true total {len(persons):,}$", text, re.M)
    assert m, text
    from tally.project import Project

    with Project.open(out / "project").connect() as con:
        stored = con.execute("SELECT n_observed, n_hat, lower, upper FROM estimate "
                             "WHERE stratum = '{}'").fetchall()
        by_governorate = con.execute(
            "SELECT count(*) FROM estimate WHERE stratum LIKE '%governorate%'").fetchall()[0][0]
    assert len(stored) == 1 and _num(m[1]) == stored[0][0]
    assert (_num(m[2]), _num(m[3]), _num(m[4])) == tuple(round(v) for v in stored[0][1:])
    m = re.search(r"10\. The same estimate with perfect linkage \(the true persons, ([\d,]+) on", text)
    assert m and _num(m[1]) == documented
    m = re.search(r"^9\. With linkage uncertainty \((\d+) clusterings drawn from the linker's pair "
                  r"probabilities\): ([\d,]+) \(95% interval ([\d,]+)-([\d,]+)\), ([\d.]+) times as "
                  r"wide$", text, re.M)
    assert m, text
    assert int(m[1]) == 20 and _num(m[3]) <= _num(m[2]) <= _num(m[4]) and float(m[5]) > 0.5
    m = re.search(r"^11\. Estimated by governorate: (\d+) strata \(sparse ones joined their "
                  r"nearest neighbour\); the 95% interval holds the true number of dead in (\d+) "
                  r"of (\d+); their total ([\d,]+) \(95% interval ([\d,]+)-([\d,]+)\) beside the "
                  r"unstratified ([\d,]+); true total ([\d,]+)$", text, re.M)
    assert m, text
    assert int(m[1]) == by_governorate >= 10 and int(m[2]) <= int(m[3]) <= int(m[1])
    assert _num(m[5]) <= _num(m[4]) <= _num(m[6])
    assert _num(m[7]) == _num(re.search(r"9\. Estimated total dead from the [\d,]+ linked persons: "
                                        r"([\d,]+)", text)[1])
    m = re.search(r"^12\. Ingested ([\d,]+) news articles: ([\d,]+) proposed claims; grouped claims and linked "
                  r"victims into ([\d,]+) incidents \(([\d,]+) with claims\); against the truth: grouping of "
                  r"([\d,]+) claims and records: pairwise precision ([\d.]+), recall ([\d.]+), B-cubed F1 "
                  r"([\d.]+); the true toll lies within killed low-high in (\d+) of (\d+) incidents with claims$",
                  text, re.M)
    assert m, text
    from tally.simulate.score import score_incidents

    project = Project.open(out / "project")
    with project.connect(read_only=True) as con:
        n_claims, n_incidents, n_with = con.execute(
            "SELECT (SELECT count(*) FROM claim), count(*), count(*) FILTER (WHERE claims > 0) "
            "FROM incident").fetchall()[0]
    assert (_num(m[1]), _num(m[2]), _num(m[3]), _num(m[4])) == (articles, n_claims, n_incidents, n_with)
    score = score_incidents(out / "simulation", project)
    assert (m[6], m[7], m[8]) == tuple(f"{v:.3f}" for v in (score.grouping.precision, score.grouping.recall,
                                                              score.grouping.bcubed_f1))
    assert (int(m[9]), int(m[10])) == (score.bracketed, score.with_claims)
    assert score.grouping.bcubed_f1 > 0.8 and score.bracketed > score.with_claims / 2
    m = re.search(r"^13\. Wrote the report \(one HTML file that opens offline\) to (.+)$", text, re.M)
    assert m, text
    assert Path(m[1]) == out / "report.html" and (out / "report.html").is_file()
    m = re.search(r"^14\. Wrote the public dataset \(([\d,]+) victims, names withheld; .*, "
                  r"([\d,]+) suppressed\) to (.+)$", text, re.M)
    assert m, text
    assert Path(m[3]) == out / "public.xlsx" and (out / "public.xlsx.json").is_file()


def test_demo_ends_by_saying_how_to_open_its_project_in_the_workspace(demo_run):
    from tally.project import Project

    m = re.search(r"15\. To open the project in the team workspace: `tally -p (\S+) user add NAME "
                  r"--role admin` .*?then `tally -p (\S+) serve --port 8000` and open "
                  r"http://127\.0\.0\.1:8000", demo_run.printed)
    assert m, demo_run.printed[-600:]
    assert m[1] == m[2]
    assert Project.open(Path(m[1])).root == demo_run.project.root
