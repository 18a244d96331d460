"""Recall (issue 15, helper LR): an unidentified body and the victims of its day."""

from tally.link.clustering import ClusterPolicy, Evidence, cluster_records

IDS = ["a1", "b1", "c1", "u1"]
LISTS = ["A", "B", "C", "M"]


def _attach(body_pairs):
    result = cluster_records(IDS, LISTS, Evidence(strong=[("a1", "b1", 12.0)], bodies={"u1"},
                                                  body_pairs=body_pairs),
                             ClusterPolicy(attach_unidentified=True, unidentified_threshold=0.3,
                                           rival_threshold=0.15, rival_ratio=0.5))
    return dict(zip(result.ids, result.cluster_of))


def test_a_body_that_fits_one_victim_joins_it_beside_a_neighbour_of_unknown_age():
    # a victim of the same day and village whose age no list gives scores ~0.15
    # against any body: not a rival of the victim the body fits at 0.7
    persons = _attach([("u1", "a1", 3.0, 0.7), ("u1", "c1", -2.0, 0.15)])
    assert persons["u1"] == persons["a1"] == persons["b1"] != persons["c1"]


def test_a_body_with_two_close_candidates_still_waits():
    persons = _attach([("u1", "a1", 3.0, 0.7), ("u1", "c1", 2.0, 0.4)])
    assert persons["u1"] not in (persons["a1"], persons["c1"])
