"""What a log-linear answer says about its own doubt: a fit test for every model, and
a warning when models the data support almost equally disagree beyond the interval."""

from __future__ import annotations

import numpy as np
import pytest

from tally.estimate import CaptureTable, LogLinearMSE


def _dependent_lists(seed: int = 3, n: int = 20000) -> CaptureTable:
    """Five lists where being on list A makes B and C far likelier (shared sources)."""
    rng = np.random.default_rng(seed)
    a = rng.random(n) < 0.3
    b = rng.random(n) < np.where(a, 0.6, 0.1)
    c = rng.random(n) < np.where(a | b, 0.5, 0.08)
    d = rng.random(n) < 0.2
    e = rng.random(n) < 0.25
    caught = np.column_stack([a, b, c, d, e])
    seen = caught[caught.any(axis=1)].astype(int)
    return CaptureTable.from_histories(list("ABCDE"), seen)


def test_a_model_that_does_not_fit_says_so():
    res = LogLinearMSE(model="Mt").fit(_dependent_lists())
    assert res.diagnostics["gof_p"] < 1e-6
    assert any("does not fit the table" in w for w in res.warnings)


def test_a_model_that_fits_carries_its_test_and_no_misfit_warning():
    rng = np.random.default_rng(1)
    caught = rng.random((3000, 3)) < [0.3, 0.4, 0.35]
    table = CaptureTable.from_histories(list("ABC"), caught[caught.any(axis=1)].astype(int))
    res = LogLinearMSE(model="Mt").fit(table)
    assert res.diagnostics["gof_p"] > 0.001
    assert not any("does not fit" in w for w in res.warnings)
    assert "gof_p" in res.to_dict()["diagnostics"]


def test_near_equal_models_far_apart_are_named():
    """The sparse-table case: models a hair apart in AIC, estimates far apart."""
    table = CaptureTable.from_counts(list("ABC"), [60, 50, 5, 70, 6, 8, 1])
    res = LogLinearMSE().fit(table)
    doubt = [w for w in res.warnings if "almost as well supported" in w]
    assert doubt, res.warnings
    assert res.diagnostics["rival_models"]
    assert "cannot choose between them" in doubt[0]
