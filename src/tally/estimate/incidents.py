"""Captures clustered by incident: the design effect the capture table cannot show.

A list that hears of an incident tends to name all its dead, so victims are not recorded
one by one, and the cells of the capture table vary more than multinomial sampling allows:
every interval computed as if they did is too narrow. Where the project knows each
person's incident (`tally incidents`), the extra variance can be measured: the cells'
covariance over incidents, given the number seen (each incident's cells less its size's
share of every cell, summed), against the multinomial one, both carried to N through the
gradient of the independence model's N in the cells (numerical, one refit per cell). Their
ratio is the design effect; the interval beside the default's stretches it about its
estimate by sqrt(deff) where deff > 1. One person per incident gives deff 1 exactly.

The independence model serves only as the direction in which N moves with the cells, not
as the estimate: the ratio of two variances along one direction changes little with the
model (benchmarks/mse_clustered.py measures coverage and width where truth is known).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from tally.errors import EstimationError
from tally.estimate.tables import CaptureTable


def design_effect(table: CaptureTable, codes: np.ndarray, incident: Sequence) -> float:
    """The design effect of ``table``'s N when its persons (``codes``: each person's cell,
    1 .. 2**t - 1) come in incidents (``incident``: each person's incident, any hashable;
    persons with no incident should carry ids of their own)."""
    from tally.estimate.api import estimate_table

    counts = np.asarray(table.counts, dtype=np.int64)
    codes = np.asarray(codes, dtype=np.int64)
    if codes.size != counts.sum():
        raise EstimationError("design_effect: one code per person in the table")

    def n_hat(c):
        return estimate_table(CaptureTable(table.lists, c), method="loglinear", model="Mt").n_hat

    base = n_hat(counts)
    grad = np.zeros(counts.size)
    for h in range(counts.size):
        bumped = counts.copy()
        step = max(1, int(0.01 * bumped[h]))
        bumped[h] += step
        grad[h] = (n_hat(bumped) - base) / step
    n = counts.sum()
    p = counts / n
    iid = n * (np.diag(p) - np.outer(p, p))
    _, inc = np.unique(np.asarray(incident, dtype=object).astype(str), return_inverse=True)
    m = int(inc.max()) + 1
    if m < 2:
        return 1.0
    per = np.zeros((m, counts.size))
    np.add.at(per, (inc, codes - 1), 1.0)
    resid = per - per.sum(axis=1, keepdims=True) * p[None, :]
    cl = m / (m - 1) * resid.T @ resid
    v_iid, v_cl = float(grad @ iid @ grad), float(grad @ cl @ grad)
    return v_cl / v_iid if v_iid > 0 and math.isfinite(v_cl) else 1.0


def stretched(n_hat: float, lower: float, upper: float, deff: float) -> tuple[float, float]:
    """The interval stretched about ``n_hat`` by sqrt(deff) (never narrowed)."""
    s = math.sqrt(max(deff, 1.0))
    return n_hat - s * (n_hat - lower), n_hat + s * (upper - n_hat)
