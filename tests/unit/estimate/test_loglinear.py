"""Log-linear estimator behaviour on tables whose answer is known exactly."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tally.errors import EstimationError
from tally.estimate import CaptureTable, LogLinearMSE, history_matrix, parse_model


def expected_table(N: float, p: list[float], lam12: float = 0.0) -> CaptureTable:
    """Expected cell counts (rounded) of N people under independent lists, with an
    optional log odds-ratio between lists 1 and 2: the model's own assumptions."""
    t = len(p)
    h = np.vstack([np.zeros(t, dtype=int), history_matrix(t)])
    logit = np.log(np.array(p) / (1 - np.array(p)))
    w = np.exp(h @ logit + lam12 * h[:, 0] * h[:, 1])
    probs = w / w.sum()
    counts = np.rint(N * probs[1:]).astype(int)
    return CaptureTable([f"L{i + 1}" for i in range(t)], counts)


def test_two_lists_give_lincoln_petersen():
    # 100 on list A, 80 on list B, 20 on both: N = 100 * 80 / 20 = 400
    table = CaptureTable(("A", "B"), np.array([60, 80, 20]))
    res = LogLinearMSE(model="Mt").fit(table)
    assert res.n_hat == pytest.approx(400.0, rel=1e-9)
    assert res.df == 0
    assert any("2 lists" in w for w in res.warnings)
    with pytest.raises(EstimationError, match="at least 3 lists"):
        LogLinearMSE(model="Mh Chao").fit(table)
    with pytest.raises(EstimationError, match="at least 2 lists"):
        LogLinearMSE().fit(CaptureTable(("A",), np.array([5])))


def test_independence_recovers_n_from_its_own_expected_counts():
    table = expected_table(100_000, [0.3, 0.4, 0.5, 0.2])
    res = LogLinearMSE(model="Mt").fit(table)
    assert res.n_hat == pytest.approx(100_000, rel=1e-3)
    lo, hi = res.conf_int()
    assert lo < 100_000 < hi
    assert res.deviance < 1.0  # rounding only


def test_a_positive_dependence_biases_independence_down_and_the_right_model_fixes_it():
    # people on list 1 are more likely to be on list 2 (log odds ratio 1):
    # independence underestimates, [12,3,4] recovers N.
    table = expected_table(50_000, [0.3, 0.3, 0.4, 0.25], lam12=1.0)
    mt = LogLinearMSE(model="Mt").fit(table)
    right = LogLinearMSE(model="[12,3,4]").fit(table)
    assert mt.n_hat < 0.95 * 50_000
    assert right.n_hat == pytest.approx(50_000, rel=2e-3)
    assert right.aic < mt.aic
    assert LogLinearMSE(criterion="bic", candidates="hierarchical").fit(table).model == "[12,3,4]"


def test_narrower_level_gives_a_nested_interval(mse_table):
    res = LogLinearMSE(model="Mt").fit(mse_table("hiv"))
    lo95, hi95 = res.conf_int()
    lo80, hi80 = res.conf_int(0.2)
    assert lo95 < lo80 < res.n_hat_profile < hi80 < hi95
    with pytest.raises(ValueError):
        res.conf_int(1.5)


def test_chao_lower_bound_drops_negative_etas_and_says_so(mse_table):
    res = LogLinearMSE(model="Mth Chao").fit(mse_table("kosovo"))
    assert res.model == "Mth Chao (LB)"
    assert any("set to zero" in w for w in res.warnings)
    assert "eta4" not in res.coefficients or "eta3" not in res.coefficients


@pytest.mark.parametrize(
    "name, t, canonical",
    [
        ("Mt", 4, "Mt"),
        ("independence", 4, "Mt"),
        ("mth chao", 4, "Mth Chao (LB)"),
        ("Mh Chao (LB)", 4, "Mh Chao (LB)"),
        ("Mth Poisson2", 5, "Mth Poisson2"),
        ("Mh Gamma3.5", 5, "Mh Gamma3.5"),
        ("[34,12]", 4, "[12,34]"),
        ("[12, 3, 4]", 4, "[12,3,4]"),
        ("[1,2,3]", 3, "[1,2,3]"),
        ("[123,12]", 4, "[123,4]"),
    ],
)
def test_model_names_are_read_in_rcapture_notation(name, t, canonical):
    assert parse_model(name, t).name == canonical


@pytest.mark.parametrize(
    "name, t, fragment",
    [
        ("[15]", 4, "does not exist"),
        ("Mx", 4, "unknown model"),
        ("Mh", 4, "say which heterogeneity"),
        ("[1a]", 4, "not a group"),
        ("Mth Darroch", 2, "at least 3 lists"),
    ],
)
def test_bad_model_names_are_refused(name, t, fragment):
    with pytest.raises(EstimationError, match=fragment):
        parse_model(name, t)


def test_more_parameters_than_cells_is_unidentifiable():
    table = expected_table(1000, [0.3, 0.4, 0.5])
    with pytest.raises(EstimationError, match="not identifiable"):
        LogLinearMSE(model="[123]").fit(table)


def test_result_reports_for_humans_and_machines(mse_table):
    res = LogLinearMSE(model="Mt").fit(mse_table("kosovo"))
    d = res.to_dict()
    for key in ("n_hat", "lower", "upper", "method", "model", "warnings", "n_observed"):
        assert key in d
    assert d["method"] == "loglinear" and d["model"] == "Mt"
    assert d["interval"] == "profile likelihood"
    text = res.summary()
    assert "estimated N" in text and "7,394.6" in text
    assert math.isfinite(d["aic"]) and d["df"] == 10
