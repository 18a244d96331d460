"""Reviewers' verdicts teach the model, and `tally link` says how many did (issue 15, item 3)."""

from __future__ import annotations

from tally.demo import ingest_simulation
from tally.link import link_project, record_verdict, review_queue
from tally.project import Project
from tally.simulate import simulate_conflict
from tally.simulate.score import load_record_truth


def test_match_verdicts_train_the_model_and_the_run_says_how_many(tmp_path):
    simulate_conflict(tmp_path / "sim", seed=4, size=1100, profile="independent")
    project = Project.init(tmp_path / "p")
    ingest_simulation(project, tmp_path / "sim")
    assert link_project(project).verdicts_learned == 0
    truth = load_record_truth(tmp_path / "sim")
    with project.connect() as con:
        source_id = dict(con.execute("SELECT record_id, source_record_id FROM victim_record").fetchall())
    matches = 0
    for item in review_queue(project, limit=200):
        same = truth[source_id[item.record_id_l]] == truth[source_id[item.record_id_r]]
        record_verdict(project, item.record_id_l, item.record_id_r, "match" if same else "no-match")
        matches += same
        if matches == 20:
            break
    report = link_project(project)
    assert report.verdicts_learned == matches == 20
