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

A second statistic reads the same thing another way (:func:`capture_count_signal`):
heterogeneity makes people recorded by many lists, and by one, commoner than independent
lists allow, which a log-linear term in the square of the number of lists a person is on
(Darroch's heterogeneity term) picks up. Fitted beside every main effect and one pair's
interaction, its z-score is taken at the pair that explains it best (the smallest), so a
single dependent pair is not read as heterogeneity. It uses every cell rather than the
complete 2x2 tables, and at four lists it saw two latent classes where the pairwise sign
did not (the misspecification study, RESULTS.md "Estimate II, wave 4"). The sign fires
when either statistic passes its threshold (each the 90th percentile over independent
lists, so together 11-16% of independent tables get the sign and a wider interval).

It is a sign, not a proof: strong dependence among every list reads the same way, and
heterogeneity that no list escapes (a group every list misses alike) leaves no sign at all.
Lists that each check the one before (a referral chain) gave the sign in 50 of 50 tables
of the fourth family, at 3, 4 and 5 lists, though no victim was harder to record than
another: both statistics set aside one pair, and a chain has several. So the sign only
widens the interval; the *warning* that victims differ in how easy they are to record
needs a third statistic, :func:`beyond_trees_signal`: Darroch's term fitted beside every
spanning tree of dependent pairs in turn (a chain, a star, any tree of lists that depend
on their neighbours), taken at the tree that explains it best. Where the lists depend
along some tree and victims are alike, that tree's z-score is about standard normal, so
the smallest over the trees passes 1.645 in at most about one table in twenty, whatever
the tree (:data:`BEYOND_TREES_Z`; 1-2 of 50 referral-chain tables in the study).

    >>> heterogeneity_signal(table)          # doctest: +SKIP
    1.9
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np

from tally.errors import EstimationError
from tally.estimate.loglinear import fit_poisson
from tally.estimate.tables import CaptureTable, history_matrix

#: The signal above which the default widens toward the heterogeneity models, by list
#: count: the 90th percentile of the statistic over independent lists (1,500 simulated
#: tables each, N = 500, 2,000 and 10,000, capture rates 0.1-0.5), so about one table in
#: ten with nothing wrong is widened and says so. (The smallest z over more lists sits
#: lower, hence the falling thresholds.)
SIGNAL_THRESHOLDS = {3: 0.89, 4: 0.09, 5: -0.28}


def signal_threshold(t: int, thresholds: dict[int, float] = SIGNAL_THRESHOLDS) -> float:
    """The threshold for ``t`` lists (the five-list one above five) among
    ``thresholds`` (:data:`SIGNAL_THRESHOLDS`, or :data:`COUNT_THRESHOLDS`)."""
    return thresholds[min(max(t, 3), 5)]


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


#: The threshold of :func:`capture_count_signal` by list count: its 90th percentile over
#: independent lists (1,500 simulated tables each, as :data:`SIGNAL_THRESHOLDS`;
#: ``benchmarks/heterogeneity_thresholds.py``).
COUNT_THRESHOLDS = {3: 1.00, 4: 0.88, 5: 0.88}


def capture_count_signal(table: CaptureTable) -> float:
    """The smallest, over pairs of lists, of the z-score of Darroch's heterogeneity term
    (the square of the number of lists a person is on, halved) in a Poisson log-linear
    model with every list's main effect and that pair's interaction; ``nan`` with fewer
    than 3 lists or when no such model can be fitted."""
    t = table.t
    if t < 3:
        return float("nan")
    hist = history_matrix(t).astype(float)
    y = np.asarray(table.counts, dtype=float)
    zs = [z for z in (_darroch_z(y, hist, [pair]) for pair in itertools.combinations(range(t), 2))
          if z is not None]
    return min(zs) if zs else float("nan")


def _darroch_z(y: np.ndarray, hist: np.ndarray, pairs) -> float | None:
    """The z-score of Darroch's heterogeneity term (the square of the number of lists a
    person is on, halved) beside every main effect and the interactions of ``pairs``;
    ``None`` where the model cannot be fitted."""
    k = hist.sum(axis=1)
    X = np.column_stack([np.ones(len(y)), hist, *(hist[:, i] * hist[:, j] for i, j in pairs),
                         k**2 / 2])
    try:
        g = fit_poisson(y, X)
    except EstimationError:
        return None
    var = g.cov[-1, -1]
    if g.converged and np.isfinite(var) and var > 0:
        return float(g.coef[-1] / math.sqrt(var))
    return None


@functools.lru_cache(maxsize=None)
def spanning_trees(t: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Every spanning tree of ``t`` lists as its ``t - 1`` pairs (3, 16 and 125 trees for
    3, 4 and 5 lists: Cayley's t^(t-2))."""
    out = []
    for edges in itertools.combinations(itertools.combinations(range(t), 2), t - 1):
        root = list(range(t))

        def find(x: int) -> int:
            while root[x] != x:
                x = root[x]
            return x

        for i, j in edges:
            a, b = find(i), find(j)
            if a == b:
                break
            root[a] = b
        else:
            out.append(edges)
    return tuple(out)


#: The z above which :func:`beyond_trees_signal` is read as victims harder to record on
#: every list: the one-sided 5% point of the standard normal. Where the lists depend along
#: one tree of pairs and nothing else, that tree's z is about standard normal and the
#: statistic (the smallest over trees) lies below it, so at most about 5% of such tables
#: pass. Not calibrated on any simulation: a bound (in the study 0-2 of 50 independent,
#: positively or negatively dependent and referral-chain tables at each list count).
BEYOND_TREES_Z = 1.645

#: Above five lists the trees are too many to fit each (5^3 = 125 at five, 1,296 at six).
MAX_TREE_LISTS = 5


def beyond_trees_signal(table: CaptureTable) -> float:
    """The smallest, over every spanning tree of pairs of lists, of the z-score of
    Darroch's heterogeneity term beside every main effect and that tree's interactions:
    how far the table's overlaps go beyond what lists that depend on each other along
    any chain or tree could make. ``nan`` with fewer than 3 or more than
    :data:`MAX_TREE_LISTS` lists, or when no tree's model can be fitted."""
    t = table.t
    if not 3 <= t <= MAX_TREE_LISTS:
        return float("nan")
    hist = history_matrix(t).astype(float)
    y = np.asarray(table.counts, dtype=float)
    zs = [z for z in (_darroch_z(y, hist, tree) for tree in spanning_trees(t)) if z is not None]
    return min(zs) if zs else float("nan")


def heterogeneity_beyond_dependence(table: CaptureTable) -> tuple[bool, float]:
    """Whether the overlaps go beyond any tree of dependent lists
    (:func:`beyond_trees_signal` over :data:`BEYOND_TREES_Z`), and the statistic."""
    z = beyond_trees_signal(table)
    return bool(z > BEYOND_TREES_Z), z


def heterogeneity_sign(table: CaptureTable) -> tuple[bool, dict[str, float]]:
    """Whether either statistic passes its threshold for this many lists, and both values
    (``pairs`` for :func:`heterogeneity_signal`, ``counts`` for :func:`capture_count_signal`)."""
    pairs, counts = heterogeneity_signal(table), capture_count_signal(table)
    fired = (pairs > signal_threshold(table.t)
             or counts > signal_threshold(table.t, COUNT_THRESHOLDS))
    return bool(fired), {"pairs": pairs, "counts": counts}


def most_associated_pair(table: CaptureTable) -> tuple[int, int]:
    """The pair of lists (0-based) with the largest :func:`pairwise_z`: the one the sign
    sets aside, and the pair the default models beside heterogeneity when the sign fires."""
    pairs = list(itertools.combinations(range(table.t), 2))
    return pairs[int(np.argmax(pairwise_z(table)))]
