"""Victims recorded together (a household a time) make the counts vary more than victims
recorded one by one; the default widens its interval by the quasi-likelihood scale where
the all-two-way model's Pearson statistic shows it, and only there."""

from __future__ import annotations

import numpy as np
import pytest

from tally.estimate import CaptureTable, estimate_table
from tally.estimate.overdispersion import pearson_dispersion, scale_interval

#: benchmarks/mse_heldout5.py, household_reports, 4 lists, replicate 20: 1,717 families of
#: 4,215 dead, each list reporting a family at its own rate and naming 80-100% of its dead.
#: The default's interval was 3,607-4,171 before the scale: the truth lay above it.
HOUSEHOLDS = CaptureTable(["L1", "L2", "L3", "L4"], np.array(
    [408, 464, 233, 555, 329, 330, 140, 201, 101, 90, 58, 160, 35, 72, 27]))


def test_clustered_captures_widen_the_interval_to_the_truth():
    res = estimate_table(HOUSEHOLDS, method="auto")
    od = res.diagnostics["overdispersion"]
    assert od["applied"] and od["phi"] > 3 and od["p"] < 0.05 and od["df"] == 4
    assert res.lower <= 4215 <= res.upper
    assert res.upper > 4171
    assert "over-dispersion" in res.interval and "a family or an incident" in res.interval


def test_independent_victims_are_not_widened():
    rng = np.random.default_rng([7, 3])
    caught = rng.random((2000, 4)) < rng.uniform(0.2, 0.4, size=4)
    table = CaptureTable.from_histories(list("ABCD"), caught[caught.any(axis=1)].astype(int))
    res = estimate_table(table, method="auto")
    assert res.diagnostics["overdispersion"]["applied"] is False
    assert "over-dispersion" not in res.interval


def test_three_lists_leave_nothing_to_estimate_the_scale_from():
    res = estimate_table(CaptureTable.from_counts(["L1", "L2", "L3"], [60, 49, 4, 247, 112, 142, 12]),
                         method="auto")
    assert "overdispersion" not in res.diagnostics


def test_scaling_multiplies_each_side_and_never_goes_below_the_observed():
    assert scale_interval(1000, 1500, 1400, 1700, 2.0) == (1300, 1900)
    assert scale_interval(1000, 1500, 1200, 1900, 2.0) == (1000, 2300)
    assert scale_interval(1000, 1500, 1000, float("inf"), 2.0) == (1000, float("inf"))


def test_a_wide_interval_grows_in_proportion_not_by_a_power():
    """On the log of the number unseen an upper end 10 times the unseen, scaled by 2.4,
    reached 250 times it (heavy-tailed frailty: intervals 5,000 times N)."""
    lo, hi = scale_interval(1000, 1100, 1050, 2000, 2.4)
    assert hi == pytest.approx(1100 + 2.4 * 900)


def test_no_degrees_of_freedom_no_dispersion():
    class Saturated:
        model, df, fitted = "[12,13,23]", 0, np.ones(7)
    assert pearson_dispersion(np.ones(7), Saturated()) is None
