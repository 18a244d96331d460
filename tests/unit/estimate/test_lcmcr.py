"""LCMCR sampler mechanics: reproducibility, diagnostics, known-truth recovery."""

from __future__ import annotations

import numpy as np
import pytest

from tally.errors import EstimationError
from tally.estimate import LCMCR, CaptureTable
from tally.estimate.lcmcr import ess, split_rhat

SMALL = dict(K=5, chains=2, burnin=3000, iterations=4000, thin=4)


def latent_class_population(N: int, seed: int) -> tuple[CaptureTable, int]:
    """N people in two equal classes (hard and easy to record) over 5 lists:
    heterogeneity that independence models miss and the latent-class model is built for."""
    rng = np.random.default_rng(seed)
    hard = rng.random(N) < 0.5
    p = np.where(hard[:, None], [0.2, 0.3, 0.25, 0.2, 0.3], [0.6, 0.5, 0.7, 0.55, 0.6])
    seen = rng.random((N, 5)) < p
    seen = seen[seen.any(axis=1)]
    return CaptureTable.from_histories(["A", "B", "C", "D", "E"], seen.astype(int)), N


def test_same_seed_same_draws_other_seed_other_draws():
    table, _ = latent_class_population(1500, 1)
    a = LCMCR(seed=11, **SMALL).sample(table)[0]
    b = LCMCR(seed=11, **SMALL).sample(table)[0]
    c = LCMCR(seed=12, **SMALL).sample(table)[0]
    assert a.shape == (2, 1000)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_posterior_covers_the_true_population_under_the_model():
    table, N = latent_class_population(3000, 5)
    res = LCMCR(K=10, chains=2, burnin=40_000, iterations=20_000, thin=10, seed=3).fit(table)
    lo, hi = res.conf_int()
    assert lo < N < hi
    assert res.n_observed < lo  # the unobserved are estimated, not assumed away
    assert res.trace().shape == (2, 2000)
    lo80, hi80 = res.conf_int(0.2)
    assert lo <= lo80 < res.n_hat < hi80 <= hi


def test_refuses_what_it_cannot_estimate():
    two = CaptureTable(("A", "B"), np.array([5, 6, 2]))
    with pytest.raises(EstimationError, match="at least 3 lists"):
        LCMCR().fit(two)
    three = CaptureTable(("A", "B", "C"), np.array([5, 6, 2, 3, 1, 1, 1]))
    with pytest.raises(EstimationError, match="K"):
        LCMCR(K=1).fit(three)
    with pytest.raises(EstimationError, match="prior"):
        LCMCR(a_alpha=0).fit(three)
    with pytest.raises(EstimationError, match="iterations"):
        LCMCR(iterations=5, thin=1).fit(three)


def test_rhat_near_one_for_agreeing_chains_and_large_for_shifted_ones():
    rng = np.random.default_rng(0)
    same = rng.normal(size=(4, 2000))
    assert split_rhat(same) < 1.01
    shifted = same + np.array([[0.0], [0.0], [3.0], [3.0]])
    assert split_rhat(shifted) > 1.5


def test_ess_counts_independent_draws_and_discounts_autocorrelation():
    rng = np.random.default_rng(1)
    iid = rng.normal(size=(4, 5000))
    assert ess(iid) == pytest.approx(20_000, rel=0.15)
    rho = 0.9
    x = np.zeros((4, 5000))
    eps = rng.normal(size=(4, 5000))
    for i in range(1, 5000):
        x[:, i] = rho * x[:, i - 1] + eps[:, i]
    theory = 20_000 * (1 - rho) / (1 + rho)
    assert ess(x) == pytest.approx(theory, rel=0.3)


def test_one_chain_is_allowed_but_flagged():
    table, _ = latent_class_population(800, 2)
    res = LCMCR(K=5, chains=1, burnin=2000, iterations=2000, thin=2, seed=1).fit(table)
    assert any("one chain" in w for w in res.warnings)
    d = res.to_dict()
    assert d["method"] == "lcmcr" and d["model"] == "LCMCR K=5"
    assert d["settings"]["seed"] == 1 and d["diagnostics"]["sweeps"] == 4000
