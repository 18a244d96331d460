"""The public surface: what `tally mse` and, later, `tally estimate` call."""

from __future__ import annotations

import numpy as np
import pytest

import tally.estimate as est
from tally.errors import EstimationError
from tally.estimate import (
    CaptureTable,
    LogLinearResult,
    capture_histories,
    estimate_strata,
    estimate_table,
)
from tally.estimate.api import make_estimator


def test_public_names_exist_and_are_listed():
    assert sorted(est.__all__) == sorted(set(est.__all__))
    for name in est.__all__:
        assert hasattr(est, name), name


def test_per_person_membership_to_per_stratum_estimates_covering_truth():
    # two governorates, each with a known number of dead; three lists record
    # people independently (the independence model's assumptions)
    rng = np.random.default_rng(7)
    truth = {"Latakia": 4000, "Tartus": 1500}
    persons = []
    for gov, N in truth.items():
        seen = rng.random((N, 3)) < [0.35, 0.25, 0.3]
        for row in seen[seen.any(axis=1)]:
            persons.append({"SNHR": int(row[0]), "VDC": int(row[1]), "SOHR": int(row[2]),
                            "governorate": gov})
    tables = capture_histories(persons, ["SNHR", "VDC", "SOHR"], strata=["governorate"])
    results = estimate_strata(tables, "loglinear", model="Mt")
    for res in results:
        assert isinstance(res, LogLinearResult)
        gov = dict(res.stratum)["governorate"]
        lo, hi = res.conf_int()
        assert lo < truth[gov] < hi, (gov, lo, hi)


def test_a_refused_stratum_does_not_hide_the_others():
    ok = CaptureTable(("A", "B", "C"), np.array([30, 40, 8, 50, 9, 12, 3]), stratum=(("g", "x"),))
    empty = CaptureTable(("A", "B", "C"), np.zeros(7, dtype=int), stratum=(("g", "y"),))
    out = estimate_strata([ok, empty], "loglinear", model="Mt")
    assert isinstance(out[0], LogLinearResult)
    assert isinstance(out[1], EstimationError) and "empty" in str(out[1])


def test_unknown_methods_and_settings_are_refused():
    table = CaptureTable(("A", "B", "C"), np.array([30, 40, 8, 50, 9, 12, 3]))
    with pytest.raises(EstimationError, match="unknown method"):
        estimate_table(table, "bayes")
    with pytest.raises(EstimationError, match="no setting"):
        make_estimator("loglinear", chains=3)
    with pytest.raises(EstimationError, match="criterion"):
        estimate_table(table, "loglinear", criterion="cp")
