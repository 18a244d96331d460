"""Model averaging over decomposable graphs: the parts checked without R."""

from __future__ import annotations

import numpy as np
import pytest

from tally.errors import EstimationError
from tally.estimate import CaptureTable, estimate_table
from tally.estimate.dga import DGA, decomposable_graphs
from tally.estimate.identifiability import information_problems

# Madigan & York's 3-list example as dga's documentation types it (dga 2.0.2,
# man/bma.cr.Rd; GPL >= 2): cells 001, 010, ..., 111.
MY3 = CaptureTable.from_counts(["L1", "L2", "L3"], [60, 49, 4, 247, 112, 142, 12])


def test_every_decomposable_graph_and_no_other():
    """All graphs on 3 lists are decomposable; on 4, the three 4-cycles are not; on 5,
    822 of 1,024 are (dga ships the same counts as graphs3/4/5)."""
    assert [len(decomposable_graphs(t)) for t in (3, 4, 5)] == [8, 61, 822]
    four_cycle = ((0, 1), (0, 3), (1, 2), (2, 3))
    assert four_cycle not in {g.edges for g in decomposable_graphs(4)}


def test_madigan_york_three_lists_as_r():
    res = DGA().fit(MY3)
    assert (res.n_hat, res.lower, res.upper) == (731, 694, 786)  # R: 731 (694-786)
    assert res.diagnostics["posterior_mode"] == 729
    assert res.diagnostics["top_graph"] == "[L1, L2*L3]"  # R: graph #2, weight 0.723
    assert res.diagnostics["top_graph_weight"] == pytest.approx(0.723, abs=0.002)
    assert res.posterior.sum() == pytest.approx(1.0)
    assert res.reliable


def test_wider_interval_at_lower_confidence_is_narrower():
    res = DGA().fit(MY3)
    lo80, hi80 = res.conf_int(0.2)
    assert res.lower < lo80 < res.n_hat < hi80 < res.upper


def test_independent_lists_recover_the_population():
    """Three independent lists over 2,000 people: the truth lies in the interval."""
    rng = np.random.default_rng(7)
    caught = rng.random((2000, 3)) < [0.3, 0.4, 0.25]
    seen = caught[caught.any(axis=1)].astype(int)
    table = CaptureTable.from_histories(["A", "B", "C"], seen)
    res = DGA().fit(table)
    assert res.lower <= 2000 <= res.upper
    assert res.upper - res.lower < 600


@pytest.mark.parametrize(
    "counts, reason",
    [
        ([5, 7, 0, 9, 0, 0, 0], "never overlap"),
        ([0, 0, 0, 40, 0, 0, 0], "only one list"),
        ([20, 30, 0, 40, 0, 6, 0], "list C shares no one"),
    ],
)
def test_tables_without_information_on_n_are_refused_by_every_bayesian_method(counts, reason):
    table = CaptureTable.from_counts(["A", "B", "C"], counts)
    assert any(reason in p for p in information_problems(table))
    for method in ("dga", "lcmcr"):
        with pytest.raises(EstimationError, match=reason):
            estimate_table(table, method=method)


def test_two_or_six_lists_are_refused_with_the_way_out():
    with pytest.raises(EstimationError, match="3 to 5 lists"):
        DGA().fit(CaptureTable.from_counts(["A", "B"], [5, 7, 3]))
    six = CaptureTable.from_counts(list("ABCDEF"), [3] * 63)
    with pytest.raises(EstimationError, match="--method loglinear"):
        DGA().fit(six)


def test_a_table_only_the_saturated_graph_explains_is_not_quoted():
    """2.5e11 people on three lists: any dependence is certain at that size, the graph
    where every list depends on every other takes all the weight, and the missed cell is
    then unidentified. dga returned N = n with a zero-width interval, marked reliable."""
    table = CaptureTable.from_counts(
        list("ABC"), [90_000_000_000, 80_000_000_000, 3_000_000_000, 70_000_000_000,
                      2_000_000_000, 1_000_000_000, 100_000_000])
    res = DGA().fit(table)
    assert not res.reliable
    assert any("every list depends on every other" in w for w in res.warnings)
    assert res.diagnostics["top_graph"] == "[A*B*C]"


def test_reference_tables_are_not_taken_for_saturated():
    res = DGA().fit(MY3)
    assert res.reliable and not any("every other" in w for w in res.warnings)
