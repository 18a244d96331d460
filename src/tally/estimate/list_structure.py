"""Is one list built from the others? (a list that publishes only what another confirms)

Some recorders publish a death only once a second source confirms it (Iraq Body
Count's two-source rule), and their second sources are largely the other lists of the
table. Such a list depends on every other list at once (on whether anyone else has the
person), which no hierarchical log-linear model or decomposable graph short of the
saturated one can represent: every method Tally has read such tables 18-40% low and
covered 0 of 50 (RESULTS.md, "Link II and Estimate II, wave 7: the held-out runs").

The table shows it. If list ``j`` recorded people independently of the others, the
share of the people the others missed that ``j`` holds would be ``j``'s share of the
people the others saw. So ``j``'s rate among those the others saw, times the number
the others missed (from the others alone), predicts how many are on ``j`` only. A list
that confirms against the others holds far fewer: its "only on this list" cell is
nearly empty. :func:`corroboration_ratios` gives, for every list, the observed count on
that list alone over the predicted one (1 for an independent list, near 0 for one that
publishes nothing unconfirmed).

The others' count of the missed is itself an estimate, and lists that depend on each
other or victims harder to record on every list bias it. So the sign
(:func:`dependent_list`) asks that one list's ratio be low *and* far below every other
list's (heterogeneity lowers them all), that the list hold the same share of each
combination of the other lists (a list tied to one particular other list, as in a
referral chain, does not), and that chance not explain the near-empty cell (a register
of a handful of records). Thresholds and false-alarm rates on every in-sample scenario:
``benchmarks/list_structure.py`` (RESULTS.md, "Estimate II, wave 8").

Handling: the others do not depend on the confirming list, so collapsing the table
over it (leaving it out; Bishop, Fienberg & Holland 1975) gives a table that holds N.
With 4-5 lists the default answers so. With 3 it cannot: "C confirms against A and B"
and "A and B rarely record the same people, C independent" fit the seven cells equally
(both leave the same two constraints), so the estimate stands and a warning gives the
other reading and asks how the list was compiled.
"""

from __future__ import annotations

import math

from dataclasses import replace
from typing import Callable

import numpy as np
from scipy import stats

from tally.errors import EstimationError
from tally.estimate.results import MSEResult
from tally.estimate.tables import CaptureTable, history_matrix


def drop_list(table: CaptureTable, j: int) -> CaptureTable:
    """The table collapsed over list ``j``: the other lists' histories, counted over
    everyone they recorded (the people only ``j`` recorded leave the table, they are
    among those the other lists missed)."""
    hist = history_matrix(table.t).astype(bool)
    keep = [k for k in range(table.t) if k != j]
    rows = hist[:, keep]
    seen = rows.any(axis=1)
    return CaptureTable.from_histories(
        [table.lists[k] for k in keep], rows[seen].astype(int), counts=table.counts[seen],
        stratum=table.stratum, source=table.source, notes=table.notes)


def independence_n(table: CaptureTable) -> float:
    """N under independent lists with list-specific rates (Darroch's Mt), solving
    ``1 - n/N = prod_k (1 - n_k/N)``; ``inf`` where the lists never overlap."""
    n = float(table.n)
    sizes = np.array(list(table.list_totals().values()), dtype=float)
    if n == 0:
        return 0.0
    if sizes.sum() <= n:  # nobody on two lists
        return math.inf

    def excess(big_n: float) -> float:
        return float(np.sum(np.log1p(-sizes / big_n)) - math.log1p(-n / big_n))

    lo, hi = n * (1 + 1e-12), n * 2.0  # excess > 0 just above n, < 0 far above the root
    while excess(hi) > 0:
        hi *= 2.0
        if hi > 1e15:
            return math.inf
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        if excess(mid) > 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def only_cells(table: CaptureTable) -> tuple[np.ndarray, np.ndarray]:
    """``(alone, expected)`` for each list: the people on it alone, and how many
    independence from the other lists predicts there (``nan`` where no prediction can be
    made: fewer than three lists, or the others never overlap)."""
    hist = history_matrix(table.t).astype(bool)
    alone_out = np.zeros(table.t)
    expected_out = np.full(table.t, np.nan)
    for j in range(table.t):
        others = np.delete(hist, j, axis=1).any(axis=1)
        alone_out[j] = float(table.counts[hist[:, j] & ~others].sum())
        if table.t < 3:
            continue
        seen_by_others = float(table.counts[others].sum())
        with_j = float(table.counts[others & hist[:, j]].sum())
        if seen_by_others == 0 or with_j == 0:
            continue
        rest = independence_n(drop_list(table, j))
        if not math.isfinite(rest):
            continue
        expected_out[j] = with_j / seen_by_others * (rest - seen_by_others)
    return alone_out, expected_out


def corroboration_ratios(table: CaptureTable) -> np.ndarray:
    """For each list: the people on it alone, over how many independence from the other
    lists predicts there (``nan`` where no prediction can be made)."""
    return _ratios(*only_cells(table))


def _ratios(alone: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected > 0, alone / expected, np.nan)


#: A list's ratio below this (corroborating lists: 0.10-0.29 from the 10th to the 90th
#: percentile; independent lists 0.78-0.96) ...
MAX_RATIO = 0.35
#: ... every other list's ratio at least this many times its own (a property of one
#: list, not of the whole table) ...
MIN_CONTRAST = 3.0
#: ... and no evidence at this level that the list's share differs between the other
#: lists' histories (:func:`confirmation_homogeneity`): a list tied to one particular
#: other list (a referral chain, a dependent pair) fails it.
HOMOGENEITY_ALPHA = 0.01
#: ... and so few on the list alone that chance does not explain it: a Poisson count
#: with the predicted mean falls this low with probability under this (a list of a
#: handful of records, like a small regional register among 300 victims, holds nobody
#: alone by chance: 3 of 50 such tables fired without it, and leaving the list out cost
#: one of them its coverage).
SCARCITY_ALPHA = 0.001


def dependent_list(table: CaptureTable) -> int | None:
    """The index of the list that looks built from the others (publishing only what
    they confirm), or ``None``. Measured false alarms: RESULTS.md, "Estimate II, wave 8"."""
    if table.t < 3:
        return None
    alone, expected = only_cells(table)
    r = _ratios(alone, expected)
    if not np.isfinite(r).all():
        return None
    j = int(np.argmin(r))
    rest = np.delete(r, j)
    if not (r[j] < MAX_RATIO and (rest >= MIN_CONTRAST * r[j]).all()):
        return None
    if stats.poisson.cdf(alone[j], expected[j]) >= SCARCITY_ALPHA:
        return None
    p = confirmation_homogeneity(table, j)
    return j if math.isfinite(p) and p >= HOMOGENEITY_ALPHA else None


def confirmation_homogeneity(table: CaptureTable, j: int) -> float:
    """The p-value that list ``j`` holds the same share of the people seen by each
    combination of the other lists (a chi-square test of homogeneity over the others'
    non-empty histories). A list that publishes what any other list confirms holds the
    same share whichever others have the person; a list that depends on one particular
    other list, or victims easier to record on every list, holds more of those several
    others saw. ``nan`` where there are fewer than two histories to compare."""
    hist = history_matrix(table.t).astype(bool)
    others = np.delete(hist, j, axis=1)
    codes = others.astype(np.int64) @ (1 << np.arange(table.t - 2, -1, -1))
    on_j = np.bincount(codes, weights=table.counts * hist[:, j], minlength=2 ** (table.t - 1))[1:]
    off_j = np.bincount(codes, weights=table.counts * ~hist[:, j], minlength=2 ** (table.t - 1))[1:]
    grid = np.vstack([on_j, off_j])
    grid = grid[:, grid.sum(axis=0) > 0]
    if grid.shape[1] < 2 or (grid.sum(axis=1) == 0).any():
        return math.nan
    expected = grid.sum(axis=1, keepdims=True) * grid.sum(axis=0, keepdims=True) / grid.sum()
    chi2 = float(((grid - expected) ** 2 / expected).sum())
    return float(stats.chi2.sf(chi2, grid.shape[1] - 1))


#: The stable code of the warning (in ``diagnostics["warning_codes"]`` and at the end of
#: the sentence, so the CLI, the JSON and the report carry it).
CONFIRMING_CODE = "list-publishes-only-confirmed"

#: The list counts at which the answer is the table with the confirming list left out.
#: With 3 lists the table cannot tell such a list from the two others rarely recording
#: the same people (both readings fit the 7 cells exactly: RESULTS.md, "Estimate II,
#: wave 8"), so there the estimate stands and the warning gives the other reading.
LEAVE_OUT_LISTS = (4, 5)


def _reading(res: MSEResult) -> str:
    return f"{res.n_hat:,.0f} ({res.lower:,.0f}-{res.upper:,.0f})"


def handle_confirming_list(table: CaptureTable, result: MSEResult,
                           refit: Callable[[CaptureTable], MSEResult]) -> MSEResult:
    """``result`` (the default's answer on ``table``), or where one list looks built from
    the others (:func:`dependent_list`), the answer with that list left out
    (``refit`` on the collapsed table; 4-5 lists) or ``result`` with a warning that
    gives that reading (3 lists). Said in words either way."""
    j = dependent_list(table)
    if j is None:
        return result
    name = table.lists[j]
    others = [x for k, x in enumerate(table.lists) if k != j]
    alone_all, expected_all = only_cells(table)
    ratios = _ratios(alone_all, expected_all)
    alone, expected, ratio = int(alone_all[j]), float(expected_all[j]), float(ratios[j])
    collapsed = drop_list(table, j)
    try:
        alt = refit(collapsed)
    except EstimationError as exc:
        alt = None
        why = str(exc)
    facts = (f"list {name} holds far fewer people whom no other list holds than a list "
             f"recording independently of {', '.join(others)} would ({alone:,} are on {name} "
             f"alone, where about {expected:,.0f} were to be expected). {name} looks like a "
             f"list that publishes a death only once another source, here the other lists, "
             f"confirms it. No model here can represent such a list, and where one is in the "
             f"table every estimate from all {table.t} lists reads too low")
    leave_out = alt is not None and table.t in LEAVE_OUT_LISTS
    if alt is None:
        sentence = f"{facts}; without {name} the other lists gave no estimate ({why})"
    elif leave_out:
        sentence = (f"{facts}. So {name} is left out: the estimate is from "
                    f"{', '.join(others)} alone, {_reading(alt)}, where all {table.t} lists "
                    f"gave {_reading(result)}. If {name} does not work that way, the estimate from "
                    f"all {table.t} lists stands instead")
    else:
        sentence = (f"{facts}. Leaving {name} out, {', '.join(others)} give {_reading(alt)}. "
                    f"With three lists the table cannot tell this from "
                    f"{' and '.join(others)} rarely recording the same people, which "
                    f"this estimate assumes: ask how {name} was compiled")
    sentence += f" [{CONFIRMING_CODE}]"
    info = {"list": name, "alone": alone, "expected_alone": expected, "ratio": ratio,
            "ratios": dict(zip(table.lists, (float(x) for x in ratios))),
            "homogeneity_p": confirmation_homogeneity(table, j),
            "left_out": leave_out,
            "without_list": (None if alt is None else
                             {"n_hat": alt.n_hat, "lower": alt.lower, "upper": alt.upper,
                              "model": alt.model}),
            "all_lists": {"n_hat": result.n_hat, "lower": result.lower, "upper": result.upper,
                          "model": result.model}}
    base = alt if leave_out else result
    codes = [*base.diagnostics.get("warning_codes", []), CONFIRMING_CODE]
    out = replace(base, lists=table.lists, n_observed=table.n,
                  lower=max(base.lower, table.n) if leave_out else base.lower,
                  warnings=[*base.warnings, sentence],
                  diagnostics={**base.diagnostics, "confirming_list": info,
                               "warning_codes": codes})
    if leave_out:
        out = replace(out, interval=f"{alt.interval}; from {', '.join(others)}, {name} left out",
                      _interval_fn=None)
    return out
