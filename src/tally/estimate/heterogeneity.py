"""Is there a sign, in the table itself, that some victims are harder to record on every list?

Two lists that share informants overlap more than chance allows; so do *all* lists when
some victims are harder for every list to reach (heterogeneity: a remote village, a
community no group documents well). The two look alike in the observed cells, and the
models fitted to them disagree: decomposable-graph averaging (dga) reads the extra
overlap as list dependence and lands low, heterogeneity models read it as hard-to-reach
victims and land higher (benchmarks/RESULTS.md, "Estimate II").

The sign this module reads: for every pair of lists, the odds ratio of being on both
among the people one *other* list recorded (for them the pair's 2x2 table is complete, no
cell is missing), taken at the least associated of the other lists. Lists independent
of each other give odds ratios near 1 in every pair; a pair that shares informants gives
one large ratio among ordinary ones; victims unevenly reachable raise the ratio in
*every* pair, among the people of every other list. So the statistic is the median over
pairs (the most associated pair set aside) of the smallest z-score over the other lists.
Conditioning on one list at a time, not on "any other list", matters: people recorded by
at least one of two lists that each depend on a different list of the pair are a
selected group in which the pair looks associated though it is not (a collider); the
held-out study's two dependent pairs gave that false sign in 39 of 50 four-list tables
until this was changed. Its threshold is set on independent lists alone (one false sign
in ten, :data:`SIGNAL_THRESHOLDS`); the misspecification study reports how often it
fires with latent classes and with the other scenarios.

It is a sign, not a proof: strong dependence among every list reads the same way, and
heterogeneity that no list escapes (a group every list misses alike) leaves no sign at all.

    >>> heterogeneity_signal(table)          # doctest: +SKIP
    1.9
"""

from __future__ import annotations

import math

import numpy as np

from tally.estimate.tables import CaptureTable, history_matrix

#: The signal above which the default widens toward the heterogeneity models, by list
#: count: the 90th percentile of the statistic over independent lists (1,500 simulated
#: tables each, N = 500, 2,000 and 10,000, capture rates 0.1-0.5), so about one table in
#: ten with nothing wrong is widened and says so. (The smallest z over more lists sits
#: lower, hence the falling thresholds.)
SIGNAL_THRESHOLDS = {3: 0.89, 4: 0.09, 5: -0.28}


def signal_threshold(t: int) -> float:
    """The threshold for ``t`` lists (the five-list one above five)."""
    return SIGNAL_THRESHOLDS[min(max(t, 3), 5)]


def pairwise_z(table: CaptureTable) -> list[float]:
    """For each pair of lists, the smallest over the other lists of the z-score of the
    pair's log odds ratio among the people that list recorded (0.5 added to every cell,
    so empty cells give finite, shrunken values)."""
    t = table.t
    if t < 3:
        return []
    hist = history_matrix(t).astype(bool)
    counts = np.asarray(table.counts, dtype=float)
    out = []
    for i in range(t):
        for j in range(i + 1, t):
            zs = []
            for k in (k for k in range(t) if k not in (i, j)):
                seen = hist[:, k]
                a, b, c, d = (counts[seen & (hist[:, i] == x) & (hist[:, j] == y)].sum() + 0.5
                              for x, y in ((1, 1), (1, 0), (0, 1), (0, 0)))
                zs.append(math.log(a * d / (b * c)) / math.sqrt(1 / a + 1 / b + 1 / c + 1 / d))
            out.append(min(zs))
    return out


def heterogeneity_signal(table: CaptureTable) -> float:
    """Median over pairs of :func:`pairwise_z`, the most associated pair set aside (one
    pair of lists sharing informants must not read as every list missing the same
    people); ``nan`` with fewer than 3 lists."""
    z = sorted(pairwise_z(table))
    return float(np.median(z[:-1])) if z else float("nan")
