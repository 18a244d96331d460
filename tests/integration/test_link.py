"""Linkage on a simulated conflict with known truth, through the real pipeline.

The simulation (tally.simulate) writes five lists in their own formats and
error profiles (Windows-1256 Arabic, English XLSX with varied transliteration,
a mixed list with typos and swapped names, a morgue list with unidentified
bodies, a JSONL monitor), plus the truth: which person each record is.
"""

from __future__ import annotations

import csv
import json
import math

import pytest

from tally.link import LinkSettings, link_project, record_verdict
from tally.simulate.score import load_record_scripts, load_record_truth, recall_between, score_clusters

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def linked(tmp_path_factory, linked_simulation):
    # the session's linked lists, copied: verdicts and estimates below write to it
    copy = linked_simulation.copy(tmp_path_factory.mktemp("link"))
    return copy.project, copy.sim, copy.report


def predicted(project) -> dict[str, str]:
    with project.connect() as con:
        return dict(con.execute(
            "SELECT v.source_record_id, p.person_id FROM person_record p "
            "JOIN victim_record v USING (record_id)").fetchall())


def unidentified(project) -> set[str]:
    with project.connect() as con:
        return {r[0] for r in con.execute(
            "SELECT v.source_record_id FROM victim_record v JOIN record_norm n USING (record_id) "
            "WHERE n.unidentified").fetchall()}


def test_every_record_belongs_to_exactly_one_person(linked):
    project, _, report = linked
    with project.connect() as con:
        n_records, n_assigned, n_persons = con.execute(
            "SELECT (SELECT count(*) FROM victim_record), count(DISTINCT record_id), "
            "count(DISTINCT person_id) FROM person_record").fetchall()[0]
    assert n_records == n_assigned == report.records
    assert n_persons == report.persons < n_records


def test_linkage_accuracy_against_the_truth(linked):
    project, sim, _ = linked
    truth = load_record_truth(sim)
    pred = predicted(project)
    score = score_clusters(truth, pred)
    # Floors well under what the model reaches, so the test catches regressions
    # rather than noise; benchmarks/linkage.py reports the exact figures.
    assert score.precision >= 0.95, score.summary()
    assert score.bcubed_f1 >= 0.90, score.summary()
    unid = unidentified(project)
    named = {r: p for r, p in truth.items() if r not in unid}
    named_score = score_clusters(named, {r: pred[r] for r in named})
    assert named_score.f1 >= 0.90, named_score.summary()


def test_arabic_and_latin_records_of_one_person_are_linked(linked):
    project, sim, _ = linked
    truth = load_record_truth(sim)
    unid = unidentified(project)
    named = {r: p for r, p in truth.items() if r not in unid}
    recall, pairs = recall_between(named, predicted(project), load_record_scripts(sim),
                                   "arabic", "latin")
    assert pairs > 200 and recall >= 0.85


def test_unidentified_bodies_are_never_merged_on_the_placeholder(linked):
    project, sim, _ = linked
    truth = load_record_truth(sim)
    pred = predicted(project)
    unid = unidentified(project)
    assert len(unid) > 10
    members: dict[str, list[str]] = {}
    for r, p in pred.items():
        members.setdefault(p, []).append(r)
    # a body never joins other bodies alone: every person holding a body and
    # anyone else holds a named record
    for u in unid:
        group = members[pred[u]]
        assert len(group) == 1 or any(r not in unid for r in group)
    # bodies that were attached to a named victim were attached to the right one
    attached = [(u, r) for u in unid for r in members[pred[u]] if r not in unid]
    assert len(attached) > 5
    right = sum(truth[u] == truth[r] for u, r in attached)
    assert right / len(attached) >= 0.85, (right, len(attached))


def test_pairs_carry_per_field_reasons(linked):
    project, _, _ = linked
    with project.connect() as con:
        comparison = json.loads(con.execute(
            "SELECT comparison FROM record_pair ORDER BY match_probability DESC LIMIT 1"
        ).fetchall()[0][0])
    assert set(comparison) >= {"given_name", "lineage", "event", "age", "sex"}
    assert comparison["event"]["level"] != "?" and comparison["event"]["weight"] > 0


def test_each_pair_of_lists_has_its_own_prior_shown_with_the_pair(linked):
    project, _, _ = linked
    with project.connect() as con:
        model = json.loads(con.execute(
            "SELECT model FROM link_run ORDER BY finished_at DESC LIMIT 1").fetchall()[0][0])
        details = [json.loads(c) for (c,) in con.execute(
            "SELECT comparison FROM record_pair").fetchall()]
    overlap = {tuple(e["lists"]): e["factor"] for e in model["tally_list_overlap"]}
    # five lists: ten pairs of lists, each with a factor of its own, within the bounds
    assert len(overlap) == 10 and len(set(overlap.values())) > 1
    assert all(1 / 8 <= f <= 8 for f in overlap.values())
    # a reviewer sees the shift with the fields' weights, and it is the stored factor's
    shown = [d["list_overlap"] for d in details if "list_overlap" in d]
    assert shown
    lists = {f"{a} and {b}": f for (a, b), f in overlap.items()}
    lists.update({f"{b} and {a}": f for (a, b), f in overlap.items()})
    assert all(abs(s["weight"] - math.log2(lists[s["level"]])) < 0.01 for s in shown)


def test_verdicts_bind_later_runs(tmp_path, linked):
    project, _, _ = linked
    with project.connect() as con:
        # two records the model put in one person, and two it kept apart
        split_a, split_b = con.execute(
            """SELECT a.record_id, b.record_id FROM person_record a JOIN person_record b
               ON a.person_id = b.person_id AND a.record_id < b.record_id LIMIT 1""").fetchall()[0]
        join_a, join_b = con.execute(
            """SELECT p.record_id_l, p.record_id_r FROM record_pair p
               JOIN person_record a ON a.record_id = p.record_id_l
               JOIN person_record b ON b.record_id = p.record_id_r
               WHERE a.person_id <> b.person_id ORDER BY p.match_probability DESC LIMIT 1"""
        ).fetchall()[0]
    record_verdict(project, split_a, split_b, "no-match", note="different fathers per family")
    record_verdict(project, join_a, join_b, "match", note="same person, confirmed by family")
    for _ in range(2):  # verdicts hold on every later run, not just the next
        report = link_project(project, LinkSettings())
        assert report.verdicts_used == 2
        with project.connect() as con:
            person = dict(con.execute("SELECT record_id, person_id FROM person_record").fetchall())
            assert con.execute("SELECT count(*) FROM review_decision").fetchall()[0][0] == 2
        assert person[split_a] != person[split_b]
        assert person[join_a] == person[join_b]


def test_dedupe_stand_alone_file(tmp_path, linked):
    from tally.report.exports import export_records
    from tally.link import dedupe_file

    project, _, _ = linked
    records = tmp_path / "records.csv"
    export_records(project, records)
    out = tmp_path / "clusters.csv"
    report = dedupe_file(records, out)
    with open(out, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["record_id", "cluster_id", "match_weight"]
    assert len(rows) == report.records
    with project.connect() as con:
        n_persons = con.execute("SELECT count(DISTINCT person_id) FROM person_record").fetchall()[0][0]
    # the same records, linked without a project, give about the same persons
    assert abs(report.persons - n_persons) <= 0.05 * n_persons


def test_estimate_per_stratum_from_linked_persons(linked):
    from tally.estimate.project import estimate_project
    from tally.store.runs import data_version
    from tally.simulate.score import true_total

    project, sim, _ = linked
    whole = estimate_project(project)
    row = whole.rows[0]
    assert row["refused"] is None and row["n_observed"] == whole.persons_used
    assert whole.unidentified_left_out > 0
    # a floor and a ceiling a statistician would call sane, not the exact figure
    assert row["n_observed"] < row["n_hat"] < 2 * true_total(sim)
    by_period = estimate_project(project, strata=["period"], min_observed=100)
    assert sum(r["n_observed"] for r in by_period.rows) == whole.persons_used
    with project.connect() as con:
        stored = con.execute(
            "SELECT estimate_run, data_version, link_run, capture_table FROM estimate").fetchall()
        version = data_version(con)
    assert len(stored) == 1 + len(by_period.rows)
    assert {s[1] for s in stored} == {version}
    assert json.loads(stored[0][3])["counts"]


def test_estimate_refuses_unknown_strata(linked):
    from tally.errors import ProjectError
    from tally.estimate.project import estimate_project

    with pytest.raises(ProjectError, match="unknown stratum religion"):
        estimate_project(linked[0], strata=["religion"])


def test_unidentified_bodies_become_review_candidates_not_merges(linked):
    from tally.link import review_queue

    project, _, _ = linked
    with project.connect() as con:
        candidates = con.execute(
            """SELECT count(*) FROM record_pair p
               JOIN record_norm a ON a.record_id = p.record_id_l
               JOIN record_norm b ON b.record_id = p.record_id_r
               WHERE a.unidentified OR b.unidentified""").fetchall()[0][0]
    assert candidates > 0
    with project.connect() as con:
        bodies = {r for (r,) in con.execute(
            "SELECT record_id FROM record_norm WHERE unidentified").fetchall()}
    queue = review_queue(project, limit=100_000)
    # a body is what the record says ("مجهول الهوية", "Unidentified", "Unknown"
    # in a morgue register), read by normalization, not guessed from one wording
    kinds = [i.record_id_l in bodies or i.record_id_r in bodies for i in queue]
    assert any(kinds) and kinds == sorted(kinds)  # named doubts first, then bodies
    named = [i for i, body in zip(queue, kinds) if not body]
    assert not any(n in (i.left["name"] or "") + (i.right["name"] or "")
                   for i in named for n in ("مجهول", "nidentified"))
