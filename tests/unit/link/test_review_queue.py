"""The review queue offers first the pairs whose verdict would change the most
persons (issue 15, item 3), and keeps the older nearest-0.5 order as an option."""

from __future__ import annotations

import pytest

from tally.demo import ingest_simulation
from tally.errors import ProjectError
from tally.link import link_project, review_queue
from tally.project import Project
from tally.simulate import simulate_conflict


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    """A real linked project whose latest run's persons and pairs are then set by
    hand: an isolated pair at 0.50 (two persons of one record), and a pair at
    0.35 bridging two persons of three records each."""
    root = tmp_path_factory.mktemp("queue")
    simulate_conflict(root / "sim", seed=2, size=200)
    project = Project.init(root / "p")
    ingest_simulation(project, root / "sim")
    run = link_project(project).run_id
    with project.connect() as con:
        ids = [r[0] for r in con.execute(
            "SELECT v.record_id FROM victim_record v JOIN record_norm n USING (record_id) "
            "WHERE NOT coalesce(n.unidentified, false) ORDER BY 1 LIMIT 8").fetchall()]
        con.execute("DELETE FROM record_pair")
        con.execute("DELETE FROM person_record")
        persons = {ids[0]: "P-a", ids[1]: "P-b",  # the isolated pair's two persons
                   ids[2]: "P-c", ids[3]: "P-c", ids[4]: "P-c",
                   ids[5]: "P-d", ids[6]: "P-d", ids[7]: "P-d"}
        for record, person in persons.items():
            con.execute("INSERT INTO person_record VALUES (?, ?, NULL, ?)", [record, person, run])
        pairs = [(ids[0], ids[1], 0.0, 0.50),  # isolated, most doubtful
                 (ids[2], ids[5], -0.9, 0.35),  # bridges three and three
                 (ids[2], ids[3], 5.0, 0.97)]  # inside P-c, nearly sure
        for a, b, w, p in pairs:
            con.execute("INSERT INTO record_pair (run_id, record_id_l, record_id_r, match_weight, "
                        "match_probability, comparison) VALUES (?, ?, ?, ?, ?, '{}')",
                        [run, a, b, w, p])
    return project, ids


def test_a_pair_bridging_two_persons_comes_before_an_isolated_pair_at_one_half(staged):
    project, ids = staged
    first = review_queue(project, limit=3)[0]
    assert (first.record_id_l, first.record_id_r) == (ids[2], ids[5])


def test_the_older_order_nearest_one_half_is_kept_as_an_option(staged):
    project, ids = staged
    first = review_queue(project, limit=3, order="doubt")[0]
    assert (first.record_id_l, first.record_id_r) == (ids[0], ids[1])


def test_an_unknown_order_is_refused_by_name(staged):
    project, _ = staged
    with pytest.raises(ProjectError, match="queue order 'random'"):
        review_queue(project, order="random")
