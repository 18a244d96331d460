"""The persons do not depend on the order the scored pairs arrive in.

Fellegi-Sunter weights are sums over a few levels, so many pairs share one
weight; when the within-list rule lets only one of two tied edges through, the
first one taken wins. DuckDB returns pairs in a different order on each run and
Spark in yet another, so ties break by the records' ids.
"""

import itertools

from tally.link.clustering import ClusterPolicy
from tests.unit.link.test_clustering import cluster, clusters

IDS = ["a1", "a2", "b1", "c1"]
LISTS = ["A", "A", "B", "C"]


def test_tied_edges_give_the_same_persons_in_any_order():
    # a1 and a2 (one list, never matched with each other) both match b1 equally
    # well: only one can join it, and it is the same one whatever the order.
    edges = [("a1", "b1", 6.5), ("b1", "a2", 6.5), ("c1", "a2", 3.0)]
    results = {tuple(map(tuple, clusters(cluster(IDS, LISTS, list(order)))))
               for order in itertools.permutations(edges)}
    assert results == {(("a1", "b1"), ("a2", "c1"))}


def test_weights_equal_but_for_the_last_bits_are_a_tie():
    # Two engines may sum one weight to different last bits.
    edges = [("b1", "a2", 6.5 + 1e-13), ("a1", "b1", 6.5)]
    assert clusters(cluster(IDS, LISTS, edges)) == [["a1", "b1"], ["a2"], ["c1"]]


def test_tied_doubtful_pairs_give_the_same_persons_in_any_order():
    doubtful = [("a2", "b1", 0.5, 0.55), ("a1", "b1", 0.5, 0.55)]
    results = set()
    for order in itertools.permutations(doubtful):
        r = cluster(IDS, LISTS, [], doubtful=list(order),
                    policy=ClusterPolicy(clear_candidate_threshold=0.4, rival_threshold=0.6))
        results.add(tuple(map(tuple, clusters(r))))
    assert results == {(("a1", "b1"), ("a2",), ("c1",))}
