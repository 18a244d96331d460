"""Thin records (given and family name only, as news-derived lists write them)
teach the model what their own pairs look like (issue 15, item 2)."""

from __future__ import annotations

import pytest

from tally.demo import ingest_simulation
from tally.link import link_project
from tally.project import Project
from tally.simulate import simulate_conflict
from tally.simulate.score import load_record_sources, load_record_truth, recall_between


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    root = tmp_path_factory.mktemp("thin")
    simulate_conflict(root / "sim", seed=3, size=2000, profile="independent")
    project = Project.init(root / "project")
    ingest_simulation(project, root / "sim")
    link_project(project)
    with project.connect() as con:
        pred = dict(con.execute(
            "SELECT v.source_record_id, p.person_id FROM person_record p "
            "JOIN victim_record v USING (record_id)").fetchall())
    return load_record_truth(root / "sim"), load_record_sources(root / "sim"), pred


@pytest.mark.slow
def test_news_records_meet_the_rights_groups_records_of_their_victims(linked):
    # news records give no father, so the EM sessions that block on three names or
    # on day and village never saw a pair of them: the event levels only they show
    # stayed near their priors and most true news~list pairs scored below 0.1
    truth, sources, pred = linked
    group = {r: "news" if s.startswith("news") else "other" for r, s in sources.items()}
    recall, n = recall_between(truth, pred, group, "news", "other")
    assert n > 500
    assert recall >= 0.58  # 0.54 before the given+family training session, 0.61 with it
