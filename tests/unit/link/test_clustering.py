"""Constrained clustering: transitivity never overrides a list or a reviewer."""

from tally.link.clustering import cluster_records

IDS = ["a1", "a2", "b1", "b2", "c1"]
LISTS = ["A", "A", "B", "B", "C"]


def clusters(result):
    groups = {}
    for rid, c in zip(result.ids, result.cluster_of):
        groups.setdefault(c, set()).add(rid)
    return sorted(sorted(g) for g in groups.values())


def test_strong_edges_merge_across_lists():
    r = cluster_records(IDS, LISTS, [("a1", "b1", 12.0), ("b1", "c1", 9.0)])
    assert clusters(r) == [["a1", "b1", "c1"], ["a2"], ["b2"]]


def test_two_rows_of_one_list_join_only_on_their_own_evidence():
    # a2 matches b1, which already holds a1 from the same list A: a1 and a2 were
    # never matched with each other, so the list's two people stay two persons.
    r = cluster_records(IDS, LISTS, [("a1", "b1", 12.0), ("a2", "b1", 8.0)])
    assert clusters(r) == [["a1", "b1"], ["a2"], ["b2"], ["c1"]]
    assert r.blocked_merges == 1
    # ...unless the list's two rows are themselves a match (a within-list duplicate)
    r = cluster_records(IDS, LISTS, [("a1", "b1", 12.0), ("a2", "b1", 8.0), ("a1", "a2", 7.0)])
    assert clusters(r) == [["a1", "a2", "b1"], ["b2"], ["c1"]]


def test_reviewer_no_match_is_never_bridged_by_transitivity():
    r = cluster_records(IDS, LISTS, [("a1", "b1", 12.0), ("b1", "c1", 9.0)],
                        cannot_link=[("a1", "c1")])
    assert clusters(r) == [["a1", "b1"], ["a2"], ["b2"], ["c1"]]


def test_reviewer_match_holds_without_any_edge():
    r = cluster_records(IDS, LISTS, [], must_link=[("a2", "b2")])
    assert clusters(r) == [["a1"], ["a2", "b2"], ["b1"], ["c1"]]


def test_contradictory_verdicts_are_reported_not_applied():
    r = cluster_records(IDS, LISTS, [], must_link=[("a1", "b1"), ("b1", "c1")],
                        cannot_link=[("a1", "c1")])
    assert r.conflicts == [("b1", "c1")]
    assert clusters(r) == [["a1", "b1"], ["a2"], ["b2"], ["c1"]]


def test_best_weight_is_the_strongest_accepted_link():
    r = cluster_records(IDS, LISTS, [("a1", "b1", 12.0), ("b1", "c1", 9.0)])
    assert dict(zip(r.ids, r.best_weight)) == {"a1": 12.0, "a2": None, "b1": 12.0,
                                               "b2": None, "c1": 9.0}
