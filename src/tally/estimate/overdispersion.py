"""Over-dispersion: victims recorded together make the counts vary more than victims
recorded one by one, and every interval here too narrow.

Every model Tally fits treats each victim's capture history as an independent draw. Where
lists record victims a family or an incident at a time (a household reported together,
the dead of one shelling named in one bulletin), people come in clusters that share their
history: the cells of the table vary about the mean cluster size times more than a
multinomial's, while their *expected* values, and so the estimate, are unchanged. The
textbook remedy is the quasi-likelihood scale (McCullagh & Nelder 1989, sec. 4.5; in
capture-recapture, Cormack 1989 and the c-hat of program MARK): estimate the dispersion
``phi`` as the Pearson chi-square over its degrees of freedom of a model general enough to
hold the truth, and widen the interval by ``sqrt(phi)``.

Which model: the all-two-way log-linear model (every pair of lists may depend on each
other). It contains independence and every pairwise dependence the default considers, so
where the truth is among them its Pearson statistic over its degrees of freedom estimates
``phi`` without the downward bias of a model chosen by AIC (which spends spurious
interactions on the clusters' noise: on the 4-5 list clustered tables the default missed, the
chosen model's X^2/df was 1.0-3.6 and the all-two-way model's 1.3-5.9, higher on every one;
at 3 lists the chosen model's was 0.2-1.3). With three lists that model is
saturated and nothing is left to estimate ``phi`` from, so no scaling is done there (said
in the results). Only where the table shows it: the Pearson statistic must pass its
chi-square test at ``OVERDISPERSION_ALPHA``; otherwise a noisy ``phi`` from 4 degrees of
freedom (4 lists) would widen clean tables at random.

The scaling multiplies each end's distance from the estimate by ``sqrt(phi)`` (as the
quasi-likelihood scales a standard error), keeping the interval's asymmetry, and the lower
end never falls below the number observed. Not on the log of the number unseen: there an
interval already wide (heavy-tailed frailty, upper end 3 times the unseen) raised to the
power ``sqrt(phi)`` grew to 5,000 times N (RESULTS.md, "Estimate II, wave 8").
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

#: The level at which the Pearson statistic must show over-dispersion before the interval
#: is widened for it (RESULTS.md, "Estimate II, wave 8", for the price on clean tables).
OVERDISPERSION_ALPHA = 0.05


def pearson_dispersion(counts, fit) -> dict | None:
    """The Pearson chi-square of a log-linear ``fit`` on the table's observed cells, its
    degrees of freedom, ``phi = X^2 / df`` and the test's p-value; ``None`` where the fit
    has no degrees of freedom or no fitted values."""
    mu = getattr(fit, "fitted", None)
    df = int(getattr(fit, "df", 0) or 0)
    y = np.asarray(counts, dtype=float)
    if mu is None or df <= 0 or len(mu) != len(y):
        return None
    mu = np.asarray(mu, dtype=float)
    ok = mu > 0
    x2 = float(np.sum((y[ok] - mu[ok]) ** 2 / mu[ok]))
    return {"model": fit.model, "pearson": x2, "df": df, "phi": x2 / df,
            "p": float(stats.chi2.sf(x2, df))}


def scale_interval(n_observed: float, n_hat: float, lower: float, upper: float,
                   factor: float) -> tuple[float, float]:
    """``(lower, upper)`` with each end's distance from ``n_hat`` multiplied by ``factor``;
    the lower end no lower than the number observed, an unbounded end unbounded."""
    lo = max(n_observed, n_hat - factor * (n_hat - lower)) if math.isfinite(lower) else lower
    hi = n_hat + factor * (upper - n_hat) if math.isfinite(upper) else upper
    return min(lo, lower), max(hi, upper)
