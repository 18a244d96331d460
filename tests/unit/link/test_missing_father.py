"""A father a news-derived list leaves out says nothing (issue 15, item 2).

News lists write a victim's given and family name only; the EM sessions that
estimate the lineage never pair such a record, so "family agrees, father
missing on one side" learned how often a *full* record's match lacks a father
and weighed half what the family's agreement weighs.
"""

from __future__ import annotations

import pytest

from tally.demo import ingest_simulation
from tally.link import link_project
from tally.project import Project
from tally.simulate import simulate_conflict
from tally.simulate.score import load_record_sources, load_record_truth, recall_between


@pytest.mark.slow
def test_news_records_meet_the_full_records_of_their_victims(tmp_path):
    simulate_conflict(tmp_path / "sim", seed=3, size=2000, profile="field")
    project = Project.init(tmp_path / "project")
    ingest_simulation(project, tmp_path / "sim")
    report = link_project(project)
    with project.connect() as con:
        pred = dict(con.execute(
            "SELECT v.source_record_id, p.person_id FROM person_record p "
            "JOIN victim_record v USING (record_id)").fetchall())
    truth, sources = load_record_truth(tmp_path / "sim"), load_record_sources(tmp_path / "sim")
    group = {r: "news" if s.startswith("news") else "other" for r, s in sources.items()}
    recall, n = recall_between(truth, pred, group, "news", "other")
    assert n > 1000
    assert recall >= 0.6  # 0.39 when EM's weight for the level stood


def test_a_missing_father_leaves_the_family_weighing_what_it_weighs_with_one():
    import pyarrow as pa

    from tally.link.model import father_missing_share

    # four records with a family name, two with a father: a random pair of them
    # has a father on both sides a quarter of the time
    features = pa.table({"family_key": ["a", "b", "c", "d", None],
                         "father_key": ["x", None, "y", None, "z"]})
    assert father_missing_share(features) == pytest.approx(0.75)
