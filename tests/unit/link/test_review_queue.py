"""The review queue offers first the pairs whose verdict would change the most
persons (issue 15, item 3), and keeps the older nearest-0.5 order as an option."""

from __future__ import annotations

import json

import pytest

from tally.demo import ingest_simulation
from tally.errors import ProjectError
from tally.link import link_project, review_queue
from tally.project import Project
from tally.simulate import simulate_conflict


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """A real linked project; each test then sets its latest run's persons and pairs."""
    root = tmp_path_factory.mktemp("queue")
    simulate_conflict(root / "sim", seed=2, size=200)
    project = Project.init(root / "p")
    ingest_simulation(project, root / "sim")
    run = link_project(project).run_id
    with project.connect() as con:
        ids = [r[0] for r in con.execute(
            "SELECT v.record_id FROM victim_record v JOIN record_norm n USING (record_id) "
            "WHERE NOT coalesce(n.unidentified, false) ORDER BY 1 LIMIT 40").fetchall()]
    return project, run, ids


def _stage(project, run, persons: dict, pairs: list) -> None:
    with project.connect() as con:
        con.execute("DELETE FROM record_pair")
        con.execute("DELETE FROM person_record")
        for record, person in persons.items():
            con.execute("INSERT INTO person_record VALUES (?, ?, NULL, ?)", [record, person, run])
        for a, b, w, p, *levels in pairs:
            comparison = json.dumps({"given_name": {"level": levels[0] if levels else "?",
                                                    "weight": w}})
            con.execute("INSERT INTO record_pair (run_id, record_id_l, record_id_r, match_weight, "
                        "match_probability, comparison) VALUES (?, ?, ?, ?, ?, ?)",
                        [run, a, b, w, p, comparison])


@pytest.fixture
def bridging(linked):
    """An isolated pair at 0.50 (two persons of one record), and a pair at 0.35
    bridging two persons of three records each."""
    project, run, ids = linked
    _stage(project, run,
           {ids[0]: "P-a", ids[1]: "P-b",
            ids[2]: "P-c", ids[3]: "P-c", ids[4]: "P-c",
            ids[5]: "P-d", ids[6]: "P-d", ids[7]: "P-d"},
           [(ids[0], ids[1], 0.0, 0.50),  # isolated, most doubtful
            (ids[2], ids[5], -0.9, 0.35),  # bridges three and three
            (ids[2], ids[3], 5.0, 0.97)])  # inside P-c, nearly sure
    return project, ids


def test_a_pair_bridging_two_persons_comes_before_an_isolated_pair_at_one_half(bridging):
    project, ids = bridging
    first = review_queue(project, limit=3)[0]
    assert (first.record_id_l, first.record_id_r) == (ids[2], ids[5])


def test_the_older_order_nearest_one_half_is_kept_as_an_option(bridging):
    project, ids = bridging
    first = review_queue(project, limit=3, order="doubt")[0]
    assert (first.record_id_l, first.record_id_r) == (ids[0], ids[1])


def test_a_verdict_that_teaches_about_many_queued_pairs_comes_first(linked):
    # two isolated pairs at 0.5: one's field levels are shared by 20 other queued
    # pairs (its verdict moves their weights), the other's by none
    project, run, ids = linked
    persons = {r: f"P-{r}" for r in ids}
    common = [(ids[4 + 2 * i], ids[5 + 2 * i], 1.0, 0.2, "typo") for i in range(18)]
    _stage(project, run, persons,
           [(ids[0], ids[1], 0.0, 0.5, "rare"), (ids[2], ids[3], 0.0, 0.5, "typo"), *common])
    first = review_queue(project, limit=3)[0]
    assert (first.record_id_l, first.record_id_r) == (ids[2], ids[3])


def test_a_batch_of_reviews_spans_level_patterns(linked):
    # 100 queued pairs share one pattern of levels and 50 another, all at 0.5: the
    # second pair of the first pattern teaches less than the first of the second
    import itertools

    project, run, ids = linked
    combos = list(itertools.combinations(ids, 2))
    _stage(project, run, {r: f"P-{r}" for r in ids},
           [(a, b, 0.0, 0.5, "common") for a, b in combos[:100]]
           + [(a, b, 0.0, 0.5, "less common") for a, b in combos[100:150]])
    second = {(a, b) for a, b in combos[100:150]}
    first = review_queue(project, limit=3)
    assert any((i.record_id_l, i.record_id_r) in second for i in first)


def test_an_unknown_order_is_refused_by_name(linked):
    project, _, _ = linked
    with pytest.raises(ProjectError, match="queue order 'random'"):
        review_queue(project, order="random")
