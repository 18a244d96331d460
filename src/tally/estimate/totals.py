"""One total from the strata's estimates, with an interval.

Stratified estimates are made to let capture probabilities differ between places and
months; their sum is the stratified estimate of the whole, and it need not equal the
unstratified one (which assumes the same catchability everywhere and is usually lower
when lists reach some strata far better than others). A sum of interval ends is no
interval, so the total is the sum of draws: each stratum's posterior draws (LCMCR, dga)
or, for a log-linear fit, draws from its profile interval read as a split normal on the
log of the number missed (exact at the interval's ends and median, smooth between).
A stratum that could not be estimated adds its documented count and is named: the
total is then a lower bound there.

    >>> total = sum_strata(tables, results)                       # doctest: +SKIP
    >>> total.n_hat, total.lower, total.upper, total.notes        # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from tally.errors import EstimationError
from tally.estimate.results import MSEResult
from tally.estimate.tables import CaptureTable

DRAWS = 20_000


@dataclass
class StrataTotal:
    """The sum over strata: median of the summed draws and its equal-tailed interval."""

    n_hat: float
    lower: float
    upper: float
    alpha: float
    n_observed: int
    strata: int
    not_estimated: list[str] = field(default_factory=list)
    not_quoted: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def reliable(self) -> bool:
        return not self.not_estimated and not self.not_quoted and math.isfinite(self.upper)

    def to_dict(self) -> dict:
        return {
            "n_hat": self.n_hat, "lower": self.lower,
            "upper": self.upper if math.isfinite(self.upper) else None,
            "upper_unbounded": not math.isfinite(self.upper),
            "alpha": self.alpha, "n_observed": self.n_observed, "strata": self.strata,
            "not_estimated": self.not_estimated, "not_quoted": self.not_quoted,
            "notes": self.notes, "reliable": self.reliable,
        }


def posterior_draws(table: CaptureTable, result: MSEResult, rng: np.random.Generator, k: int) -> np.ndarray:
    """Draws of N for one stratum from what its result carries."""
    samples = getattr(result, "samples", None)
    if samples is not None:
        return rng.choice(np.asarray(samples, dtype=float).ravel(), size=k)
    grid, post = getattr(result, "grid", None), getattr(result, "posterior", None)
    if grid is not None and post is not None and "widened" not in result.interval:
        return rng.choice(np.asarray(grid, dtype=float), size=k, p=post / post.sum())
    n = float(table.n)
    if not math.isfinite(result.upper):
        return np.full(k, math.inf)
    z = stats.norm.ppf(1 - result.alpha / 2)
    m_hat = max(result.n_hat - n, 0.5)
    m_lo = max(result.lower - n, 0.25)
    m_hi = max(result.upper - n, m_hat)
    lo_sd = max(math.log(m_hat) - math.log(min(m_lo, m_hat)), 0.0) / z
    hi_sd = max(math.log(m_hi) - math.log(m_hat), 0.0) / z
    u = rng.standard_normal(k)
    log_m = math.log(m_hat) + np.where(u < 0, u * lo_sd, u * hi_sd)
    return n + np.exp(log_m)


def sum_strata(
    tables: Sequence[CaptureTable],
    results: Sequence[MSEResult | EstimationError],
    alpha: float = 0.05,
    seed: int = 20250306,
) -> StrataTotal:
    """Sum the strata's estimates (draws added stratum by stratum; a fixed seed, so one
    project gives one total)."""
    rng = np.random.default_rng(seed)
    total = np.zeros(DRAWS)
    observed = 0
    out = StrataTotal(0.0, 0.0, 0.0, alpha, 0, len(tables))
    for table, result in zip(tables, results):
        observed += table.n
        label = table.stratum_label().replace("stratum:", "")
        if isinstance(result, EstimationError) or result is None:
            total += table.n
            out.not_estimated.append(label)
            continue
        if not result.reliable:
            out.not_quoted.append(label)
        total += posterior_draws(table, result, rng, DRAWS)
    out.n_observed = observed
    if np.isinf(total).any():
        out.n_hat = float(np.median(total)) if np.isfinite(np.median(total)) else math.inf
        out.lower = float(np.quantile(total, alpha / 2))
        out.upper = math.inf
        out.notes.append("a stratum's interval has no upper end, so neither has the total")
    else:
        out.n_hat = float(np.median(total))
        out.lower, out.upper = (float(q) for q in np.quantile(total, [alpha / 2, 1 - alpha / 2]))
    if out.not_estimated:
        out.notes.append(
            f"{len(out.not_estimated)} strata could not be estimated and add only their "
            f"documented victims: there the total is a lower bound ({', '.join(out.not_estimated[:5])}"
            + (", ..." if len(out.not_estimated) > 5 else "") + ")"
        )
    if out.not_quoted:
        out.notes.append(
            f"{len(out.not_quoted)} strata have estimates marked not to be quoted, and the "
            "total carries their doubt"
        )
    out.notes.append(
        "strata let lists reach places and months unevenly; their total need not equal the "
        "unstratified estimate, which assumes the same catchability everywhere"
    )
    return out
