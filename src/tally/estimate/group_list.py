"""A list that records one group only, which the other lists barely reach.

Deaths in detention are the case in point: families often do not learn the fate of a
detainee, so ordinary lists record few of them, while a list of their own (photographs
from custody, prison records, identifications from mass graves) records many and
nobody else. Such a list holds far more people whom no other list holds than
independence predicts, and its share of the people the others saw falls the more
lists saw them (a person several lists recorded is rarely a detainee). Every model the
default averages or cross-checks reads such tables 5-10% low with an interval a twentieth
of N wide (held-out ``--heldout6`` detention deaths at 5 lists: 12 of 50 covered;
RESULTS.md, "Link II and Estimate II, wave 8: the held-out runs").

The model here is that structure, stated: two groups of victims; list ``j`` records
group members at rate ``d`` and nobody outside the group; every other list records
group members at its own rate ``r_k`` and the rest at ``s_k``; lists are independent
within each group. Everyone on list ``j`` is in the group, so the other lists' overlap
with ``j`` gives their rates in the group; the rest of the table is a mixture of the
group's unrecorded members (rates now known) and everyone else, which leaves ``t + 1``
unknowns for ``2**(t-1) - 1`` cells: identifiable with 4 lists (5 unknowns, 7 cells) and
5 (6, 15), not with 3 (4, 3). It is fitted by maximum likelihood on the observed cells
(Poisson counts, the unseen cell free), N is ``N1 + N2``, and the interval is the
profile likelihood's (Wilks, chi-square with one degree of freedom).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize, stats

from tally.errors import EstimationError
from tally.estimate.loglinear import _poisson_deviance
from tally.estimate.tables import CaptureTable, history_matrix


#: Rates are kept within logit +-12 (6e-6 of 0 or 1), which the likelihood cannot tell
#: from the boundary.
LOGIT_BOUND = 12.0


def _parts(theta: np.ndarray, hist: np.ndarray, j: int, total: float | None = None):
    """The two groups' expected counts of every observable history (and, last, of the
    unseen one), and what the gradient needs. ``theta``: log N1, log N2 (or, with
    ``total``, the logit of N1's share alone), logit d, logit r (t-1), logit s (t-1)."""
    t = hist.shape[1]
    if total is None:
        n1, n2, w = math.exp(min(theta[0], 50.0)), math.exp(min(theta[1], 50.0)), None
        rest = theta[2:]
    else:
        w = 1.0 / (1.0 + math.exp(-min(max(theta[0], -50.0), 50.0)))
        n1, n2 = total * w, total * (1 - w)
        rest = theta[1:]
    rest = np.clip(rest, -LOGIT_BOUND, LOGIT_BOUND)
    d = 1.0 / (1.0 + math.exp(-rest[0]))
    r = 1.0 / (1.0 + np.exp(-rest[1:t]))
    s = 1.0 / (1.0 + np.exp(-rest[t:]))
    full = np.vstack([hist, np.zeros((1, t), dtype=hist.dtype)]).astype(bool)
    others = np.delete(full, j, axis=1)
    pr = np.prod(np.where(others, r, 1 - r), axis=1)
    ps = np.prod(np.where(others, s, 1 - s), axis=1)
    on_j = full[:, j]
    a = np.where(on_j, n1 * d * pr, n1 * (1 - d) * pr)  # the group's share of each cell
    b = np.where(on_j, 0.0, n2 * ps)  # everyone else's
    return a, b, d, r, s, w, others, on_j


def _expected(theta: np.ndarray, hist: np.ndarray, j: int, total: float | None = None) -> np.ndarray:
    a, b, *_ = _parts(theta, hist, j, total)
    return a + b


def _nll(theta, hist, counts, j, total=None):
    """The negative Poisson log-likelihood of the observed cells (constants left out)
    and its gradient."""
    a, b, d, r, s, w, others, on_j = _parts(theta, hist, j, total)
    a, b, others, on_j = a[:-1], b[:-1], others[:-1], on_j[:-1]
    mu = np.maximum(a + b, 1e-300)
    value = float(np.sum(mu - counts * np.log(mu)))
    g = 1.0 - counts / mu
    sign = np.where(on_j, 1.0, -1.0)
    pr = a / np.where(on_j, d, 1 - d)  # n1 * prod r
    grad_d = float(np.sum(g * sign * pr * d * (1 - d)))
    grad_r = (g * a) @ (others - r)
    grad_s = (g * b) @ (others - s)
    if total is None:
        head = [float(np.sum(g * a)), float(np.sum(g * b))]
    else:
        head = [float(np.sum(g * (a * (1 - w) - b * w)))]
    return value, np.concatenate([head, [grad_d], grad_r, grad_s])


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _start(table: CaptureTable, j: int) -> np.ndarray:
    """Starting values from the table: the others' rates in the group from list ``j``'s
    people, outside it from the people list ``j`` does not hold."""
    hist = history_matrix(table.t).astype(bool)
    c = table.counts.astype(float)
    on_j = hist[:, j]
    others = np.delete(hist, j, axis=1)
    n_j = max(c[on_j].sum(), 1.0)
    r = [(c[on_j & others[:, k]].sum() + 0.5) / (n_j + 1) for k in range(table.t - 1)]
    off = c[~on_j].sum()
    s = [(c[~on_j & others[:, k]].sum() + 0.5) / (off + 1) for k in range(table.t - 1)]
    n1 = n_j / 0.5
    n2 = max(off, 1.0) / max(1 - np.prod(1 - np.array(s)), 0.05)
    return np.array([math.log(n1), math.log(n2), 0.0, *map(_logit, r), *map(_logit, s)])


def _fit(table: CaptureTable, j: int, total: float | None = None, start=None):
    hist = history_matrix(table.t).astype(bool)
    counts = table.counts.astype(float)
    x0 = _start(table, j) if start is None else start
    if total is not None and start is None:
        x0 = np.concatenate([[0.0], x0[2:]])
    # BFGS, not L-BFGS-B: the bounded Fortran routine costs ~20 ms a step on a loaded
    # machine against ~1 ms for the whole likelihood; rates are kept off 0 and 1 by
    # clipping their logits inside :func:`_parts` instead
    return optimize.minimize(_nll, x0, args=(hist, counts, j, total), jac=True, method="BFGS",
                             options={"maxiter": 2000, "gtol": 1e-6})


def fit_group_list(table: CaptureTable, j: int, alpha: float = 0.05) -> dict:
    """The two-group model with list ``j`` recording only the group: ``n_hat``, the
    profile-likelihood interval, each group's size, the rates, the deviance's
    goodness-of-fit p-value and AIC. Refused with fewer than 4 lists (not identifiable)."""
    if table.t < 4:
        raise EstimationError("a list of one group can be sized only with 4 or more lists")
    fit = _fit(table, j)
    theta = fit.x
    hist = history_matrix(table.t).astype(bool)
    mu = _expected(theta, hist, j)
    n1, n2 = math.exp(min(theta[0], 50.0)), math.exp(min(theta[1], 50.0))
    n_hat = n1 + n2
    counts = table.counts.astype(float)
    obs = mu[:-1]
    dev = _poisson_deviance(counts, obs)
    k = len(theta)
    df = (2 ** table.t - 1) - k
    gof_p = float(stats.chi2.sf(dev, df)) if df > 0 else math.nan
    crit = float(stats.chi2.ppf(1 - alpha, 1)) / 2
    best = fit.fun
    n_obs = float(table.n)

    warm = np.concatenate([[math.log(n1 / n2) if n2 > 0 else 10.0], theta[2:]])

    def excess(total: float) -> float:
        # two starts: the group's size and its list's rate trade off along a ridge, and
        # the fit's own point (often a rate near 1) can miss the larger group further on
        prof = min(_fit(table, j, total=total, start=warm).fun, _fit(table, j, total=total).fun)
        return prof - best - crit

    lower = upper = math.nan
    try:
        lo = max(n_obs * (1 + 1e-6), n_hat * 0.5)
        if excess(lo) > 0:
            lower = optimize.brentq(excess, lo, n_hat, xtol=max(1.0, 1e-3 * n_hat))
        else:
            lower = n_obs
        hi = n_hat * 1.5
        while excess(hi) <= 0 and hi < n_hat * 50:
            hi *= 2
        upper = (optimize.brentq(excess, n_hat, hi, xtol=max(1.0, 1e-3 * n_hat))
                 if excess(hi) > 0 else math.inf)
    except (ValueError, FloatingPointError):
        pass
    d = 1.0 / (1.0 + math.exp(-float(np.clip(theta[2], -LOGIT_BOUND, LOGIT_BOUND))))
    return {"n_hat": n_hat, "lower": lower, "upper": upper, "group": n1, "rest": n2,
            "rate_in_group": d, "deviance": dev, "df": df, "gof_p": gof_p,
            "parameters": k, "AIC": dev + 2 * k, "converged": bool(fit.success or np.max(np.abs(fit.jac)) < 1e-2)}
