"""Clusterings drawn from the linker's pair probabilities, for the estimate's interval."""

from __future__ import annotations

import numpy as np

from tally.estimate.linkage_uncertainty import _tables

# record id, source, document, unidentified
RECS = [
    ("a1", "A", "docA", False), ("a2", "A", "docA", False),
    ("b1", "B", "docB", False), ("c1", "C", "docC", False), ("c2", "C", "docC", True),
]


def _persons(pairs, verdicts=(), draws=200):
    rng = np.random.default_rng(1)
    return [persons for _, persons in _tables(RECS, pairs, list(verdicts), rng, draws)]


def test_certain_pairs_always_link_and_impossible_ones_never():
    # a1=b1 for sure; c1 alone; c2 an unidentified body alone (left out of the table)
    assert set(_persons([("a1", "b1", 1.0), ("a2", "c1", 0.0)])) == {3}


def test_a_doubtful_pair_links_about_as_often_as_its_probability():
    counts = _persons([("a1", "b1", 0.3)], draws=2000)
    linked = sum(1 for n in counts if n == 3) / len(counts)
    assert 0.25 < linked < 0.35


def test_a_reviewers_verdict_overrides_the_probability():
    assert set(_persons([("a1", "b1", 1.0)], verdicts=[("a1", "b1", "no-match")])) == {4}
    assert set(_persons([("a1", "c1", 0.0)], verdicts=[("a1", "c1", "match")])) == {3}


def test_two_rows_of_one_list_never_join_through_a_third_record():
    """a1 and a2 (one list) both resemble b1: a chain must not make them one person."""
    tables = _tables(RECS, [("a1", "b1", 1.0), ("a2", "b1", 0.9)], [],
                     np.random.default_rng(0), 50)
    for table, persons in tables:
        assert persons >= 3  # {a1,b1} or {a2,b1}, never {a1,a2,b1}
        assert table.n == persons


def test_an_estimate_that_linkage_doubt_moves_beyond_its_interval_says_so():
    """Where drawn clusterings read an N outside the stored linkage's interval, the
    number rests on who was matched to whom, and `tally estimate` says so before any
    number (a poorly linked simulation read 1,640 and 1,940 for a true 1,231)."""
    from tally.estimate import CaptureTable, estimate_table
    from tally.estimate.project import linkage_moves_estimate

    fitted = estimate_table(CaptureTable.from_counts(["L1", "L2", "L3"], [60, 49, 4, 247, 112, 142, 12]),
                            method="loglinear", model="Mt")
    inside = {"n_hat": (fitted.lower + fitted.upper) / 2}
    outside = {"n_hat": fitted.upper * 1.2}
    assert linkage_moves_estimate(fitted.n_hat, fitted.lower, fitted.upper, inside) is None
    assert linkage_moves_estimate(fitted.n_hat, fitted.lower, fitted.upper, {"refused": "no pairs"}) is None
    warning = linkage_moves_estimate(fitted.n_hat, fitted.lower, fitted.upper, outside)
    assert warning and "beyond its interval" in warning and "tally review" in warning
    assert f"{outside['n_hat']:,.0f}" in warning
