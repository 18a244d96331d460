"""Does one list seek the dead the other lists missed? (a gap-filling list)

After a war, commissions for the missing and documentation groups' calls to families
collect reports of people not yet on any published list; a family whose relative is
already listed rarely reports again. Such a list records mostly the people the others
missed: the mirror of a list that publishes only what the others confirm
(:mod:`tally.estimate.list_structure`). Its "only on this list" cell is far *above*
what independence predicts, and it holds the same small share of every combination of
the other lists. No hierarchical log-linear model short of the saturated one holds it:
models that include it read the many people only it holds as a large unseen population,
and every method Tally had read such tables 13-111% high (held-out ``--heldout6``
gap-filling list: 1 / 0 / 1 of 50 covered at 3 / 4 / 5 lists before the over-dispersion
scale widened them; RESULTS.md, "Link II and Estimate II, wave 8: the held-out runs").

The reading: the other lists do not depend on the gap list, and it depends on them only
through whether any of them holds the person (share ``g1`` of those they missed, ``g2``
of those they hold). The people only it holds then fix ``g1`` and nothing else, so the
table collapsed over it (Bishop, Fienberg & Holland 1975) holds all the information on
N: the estimate from the other lists is the maximum-likelihood answer. That is the
handling, with the list's people counted (the lower end is at least everyone seen).

What the table cannot tell apart, said in the warning:

- **A list that alone reaches a closed area** (besieged, cut off) and records there at
  its usual rate. If the other lists are near-blind to the area, the two readings fit
  the observed cells identically (the area is one more group the others miss), and that
  reading gives a larger N. What separates them is how much of what the others missed
  the gap reading needs the list to have found, ``g1`` (the people only it holds over
  the others' estimate of the people they missed): 0.29-0.49 on gap-filling tables
  (10th-90th percentile), 0.48-1.34 where one list alone reaches a closed area, above 1
  (impossible for a gap list) where the other lists depend on each other. The sign asks
  for ``g1`` at most :data:`MAX_FOUND`.
- **With three lists, two lists that depend on each other and a third independent of
  both** (the model ``[12,3]``) leave the same two constraints on the seven cells as the
  gap reading, so the table cannot tell them apart at all. There the estimate stands,
  the interval is widened to hold the reading without the list, and the warning says so.
- **A list that records one group the others barely reach** (deaths in detention) holds
  many people alone too, but its share of the others' combinations falls the more lists
  hold the person; with 4-5 lists :mod:`tally.estimate.group_list` fits that reading
  and the likelihood chooses (:func:`tally.estimate.list_structure.handle_list_structure`).

Thresholds and false alarms on every in-sample scenario: ``benchmarks/list_structure.py
--gap`` (RESULTS.md, "Estimate II, wave 9: list structures (E7)").
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from tally.estimate.list_structure import (
    _ratios, confirmation_homogeneity, drop_list, independence_n, only_cells,
)
from tally.estimate.loglinear import _poisson_deviance
from tally.estimate.tables import CaptureTable, history_matrix

#: A list's "only on this list" cell at least this many times what independence
#: predicts (gap-filling lists: 3.4-9.8 from the 10th to the 90th percentile;
#: independent lists 1.0-1.3) ...
MIN_RATIO = 3.0
#: ... at least this many times every other list's ratio (a property of one list) ...
MIN_CONTRAST = 3.0
#: ... and so many alone that chance does not explain it (Poisson upper tail).
EXCESS_ALPHA = 0.001
#: The gap reading's share of the people the others missed that the list found: above
#: this the other lists' estimate of the missed is too small for that reading (they
#: depend on each other, or share a blind spot that this list reaches).
MAX_FOUND = 0.67
#: The list holds the same share of each combination of the other lists
#: (:func:`tally.estimate.list_structure.confirmation_homogeneity`).
HOMOGENEITY_ALPHA = 0.01


def excess_list(table: CaptureTable) -> int | None:
    """The list holding far more people alone than independence predicts, far more so
    than any other list, beyond chance; ``None`` where there is none (fewer than 3
    lists included)."""
    if table.t < 3:
        return None
    alone, expected = only_cells(table)
    r = _ratios(alone, expected)
    if not np.isfinite(r).all():
        return None
    j = int(np.argmax(r))
    rest = np.delete(r, j)
    if not (r[j] >= MIN_RATIO and (rest * MIN_CONTRAST <= r[j]).all()):
        return None
    if stats.poisson.sf(alone[j] - 1, expected[j]) >= EXCESS_ALPHA:
        return None
    return j


def found_share(table: CaptureTable, j: int) -> float:
    """The people on list ``j`` alone over the other lists' estimate (independence) of
    the people they missed: the gap reading's ``g1``."""
    collapsed = drop_list(table, j)
    missed = independence_n(collapsed) - collapsed.n
    alone = only_cells(table)[0][j]
    return float(alone / missed) if missed > 0 else math.inf


def gap_reading_fit(table: CaptureTable, j: int) -> dict:
    """The gap reading's fit by maximum likelihood (the others independent, list ``j``
    holding share ``g2`` of everyone they hold and any number of those they missed):
    its deviance on the observed cells, parameters and AIC (deviance + 2 parameters,
    comparable with :func:`tally.estimate.group_list.fit_group_list`'s)."""
    hist = history_matrix(table.t).astype(bool)
    counts = table.counts.astype(float)
    collapsed = drop_list(table, j)
    n = independence_n(collapsed)
    others = np.delete(hist, j, axis=1)
    seen = others.any(axis=1)
    p = np.array(list(collapsed.list_totals().values()), dtype=float) / n
    g2 = counts[seen & hist[:, j]].sum() / counts[seen].sum()
    base = n * np.prod(np.where(others, p, 1 - p), axis=1)
    mu = np.where(hist[:, j], base * g2, base * (1 - g2))
    mu[~seen] = counts[~seen]
    dev = _poisson_deviance(counts, mu)
    k = table.t + 2
    return {"n_hat": n, "deviance": dev, "parameters": k, "AIC": dev + 2 * k,
            "share_held": float(g2)}


def gap_filling_list(table: CaptureTable, j: int | None = None) -> int | None:
    """The index of the list that looks like it seeks the dead the others missed, or
    ``None``: :func:`excess_list`, the same share of every combination of the others,
    and a share found of the missed no larger than :data:`MAX_FOUND`."""
    j = excess_list(table) if j is None else j
    if j is None:
        return None
    p = confirmation_homogeneity(table, j)
    if not (math.isfinite(p) and p >= HOMOGENEITY_ALPHA):
        return None
    return j if found_share(table, j) <= MAX_FOUND else None
