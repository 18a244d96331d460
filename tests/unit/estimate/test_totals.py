"""The total over strata: a sum of draws, not of interval ends."""

from __future__ import annotations

import numpy as np
import pytest

from tally.errors import EstimationError
from tally.estimate import CaptureTable, LogLinearMSE
from tally.estimate.dga import DGA
from tally.estimate.totals import sum_strata


def _table(seed: int, n: int, p, name: str) -> CaptureTable:
    rng = np.random.default_rng(seed)
    caught = rng.random((n, len(p))) < p
    seen = caught[caught.any(axis=1)].astype(int)
    return CaptureTable.from_histories(list("ABC"), seen, stratum=(("stratum:governorate", name),))


def test_total_of_strata_lies_between_sum_of_ends_and_covers_the_truth():
    tables = [_table(1, 1500, [0.3, 0.4, 0.35], "Latakia"), _table(2, 800, [0.5, 0.2, 0.3], "Tartus")]
    results = [LogLinearMSE(model="Mt").fit(t) for t in tables]
    total = sum_strata(tables, results)
    assert sum(r.lower for r in results) < total.lower < total.n_hat
    assert total.n_hat < total.upper < sum(r.upper for r in results)
    assert total.n_hat == pytest.approx(sum(r.n_hat for r in results), rel=0.02)
    assert total.lower <= 2300 <= total.upper
    assert total.reliable and total.n_observed == sum(t.n for t in tables)


def test_posterior_draws_are_used_when_the_method_has_them():
    tables = [_table(3, 1000, [0.3, 0.4, 0.35], "Homs"), _table(4, 600, [0.4, 0.3, 0.3], "Hama")]
    results = [DGA().fit(t) for t in tables]
    total = sum_strata(tables, results)
    assert total.lower <= 1600 <= total.upper
    assert total.n_hat == pytest.approx(sum(r.n_hat for r in results), rel=0.02)


def test_a_stratum_that_could_not_be_estimated_is_named_and_counted_as_documented():
    good = _table(5, 1500, [0.3, 0.4, 0.35], "Latakia")
    bad = _table(6, 40, [0.3, 0.4, 0.35], "Idlib")
    total = sum_strata([good, bad], [LogLinearMSE(model="Mt").fit(good),
                                     EstimationError("no model could be fitted")])
    assert total.not_estimated == ["governorate=Idlib"]
    assert not total.reliable
    assert any("lower bound" in n for n in total.notes)
    assert total.n_observed == good.n + bad.n
