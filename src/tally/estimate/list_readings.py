"""One list unlike the others: which reading of the table answers, and what is said.

The default (:class:`tally.estimate.ensemble.AutoMSE`) passes its answer through
:func:`handle_list_structure`, which looks, in turn, for

1. a list that publishes only what the others confirm (far too few people on it alone;
   :mod:`tally.estimate.list_structure`, E5);
2. a list holding far too many people alone (:func:`tally.estimate.gap_list.excess_list`),
   read one of two ways, which the likelihood tells apart with 4-5 lists (measured:
   RESULTS.md, "Estimate II, wave 9: list structures (E7)"):

   - **it records one group the others barely reach** (deaths in detention): the
     two-group model of :mod:`tally.estimate.group_list` fits better (AIC) than the gap
     reading and fits the table (goodness of fit p >= :data:`GROUP_GOF_ALPHA`). The
     answer stands and the interval is widened to hold that model's interval, which the
     warning gives: every other model reads such tables low with a narrow interval, and
     the widening costs only width where the reading is wrong;
   - **it seeks the dead the others missed** (:func:`tally.estimate.gap_list.gap_filling_list`):
     with 4-5 lists the answer is the table without it (its people are counted, and
     the maximum-likelihood answer under that reading is the others'); with 3 lists,
     where two dependent lists and an independent third fit the same cells, the answer
     stands and the interval is widened to hold the reading without the list.

Each says what it found in words, under a stable code, in the result's warnings
(CLI, JSON and report carry them) and in ``diagnostics``.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Callable

from tally.errors import EstimationError
from tally.estimate.gap_list import (
    excess_list, found_share, gap_filling_list, gap_reading_fit,
)
from tally.estimate.group_list import fit_group_list
from tally.estimate.list_structure import drop_list, handle_confirming_list, only_cells
from tally.estimate.results import MSEResult
from tally.estimate.tables import CaptureTable

#: Stable warning codes.
GAP_CODE = "list-seeks-the-missed"
GROUP_CODE = "list-records-one-group"
#: The two-group model answers only where it fits the table at this level.
GROUP_GOF_ALPHA = 0.05


def _reading(res) -> str:
    upper = res["upper"] if isinstance(res, dict) else res.upper
    lower = res["lower"] if isinstance(res, dict) else res.lower
    n_hat = res["n_hat"] if isinstance(res, dict) else res.n_hat
    up = f"{upper:,.0f}" if math.isfinite(upper) else "unbounded"
    return f"{n_hat:,.0f} ({lower:,.0f}-{up})"


def _add(result: MSEResult, code: str, sentence: str, key: str, info: dict,
         **changes) -> MSEResult:
    codes = [*result.diagnostics.get("warning_codes", []), code]
    return replace(result, warnings=[*result.warnings, f"{sentence} [{code}]"],
                   diagnostics={**result.diagnostics, key: info, "warning_codes": codes},
                   **changes)


def excess_reading(table: CaptureTable, alpha: float = 0.05) -> tuple[str | None, int | None, dict]:
    """How a list holding far too many people alone is read: ``("group", j, fits)``,
    ``("gap", j, fits)`` or ``(None, j or None, fits)`` (no such list, or neither reading
    holds). Fits nothing but the two readings; the study counts false alarms with it."""
    j = excess_list(table)
    if j is None:
        return None, None, {}
    fits = {"gap": gap_reading_fit(table, j)}
    if table.t >= 4:
        try:
            fits["group"] = fit_group_list(table, j, alpha=alpha)
        except EstimationError:
            fits["group"] = None
        group = fits["group"]
        if group is not None and group["AIC"] < fits["gap"]["AIC"]:
            ok = group["gof_p"] >= GROUP_GOF_ALPHA and math.isfinite(group["lower"])
            return ("group" if ok else None), j, fits
    return ("gap" if gap_filling_list(table, j) is not None else None), j, fits


def handle_list_structure(table: CaptureTable, result: MSEResult,
                          refit: Callable[[CaptureTable], MSEResult]) -> MSEResult:
    """``result`` (the default's answer on ``table``) as each reading above leaves it."""
    out = handle_confirming_list(table, result, refit)
    if out is not result:
        return out
    kind, j, fits = excess_reading(table, result.alpha)
    if kind == "group":
        return _group(table, j, result, fits["group"], fits["gap"])
    if kind == "gap":
        return _gap(table, j, result, refit, fits["gap"])
    return result


def _group(table, j, result, group, gap) -> MSEResult:
    name = table.lists[j]
    alone, expected = only_cells(table)
    lower, upper = min(result.lower, group["lower"]), max(result.upper, group["upper"])
    sentence = (
        f"list {name} holds far more people whom no other list holds than independence "
        f"predicts ({alone[j]:,.0f}, where about {expected[j]:,.0f} were to be expected), and "
        f"fewer of those several other lists hold: it looks like a list of one group of "
        f"victims that the other lists barely reach (deaths in detention are the usual "
        f"case). Read so (two groups, {name} recording only the first), the table gives "
        f"{_reading(group)}, with about {group['group']:,.0f} in that group; that model fits "
        f"(goodness of fit p = {group['gof_p']:.2g}) and better than {name} depending only "
        f"on whether another list holds a person. Models that do not know the group read "
        f"such tables low, so the interval is widened to hold this reading")
    info = {"list": name, "alone": float(alone[j]), "expected_alone": float(expected[j]),
            "group_model": group, "gap_reading_aic": gap["AIC"],
            "from": [result.lower, result.upper]}
    return _add(result, GROUP_CODE, sentence, "group_list", info, lower=lower, upper=upper,
                interval=(f"{result.interval}; widened to {lower:,.0f}-{upper:,.0f} to hold "
                          f"the reading of {name} as a list of one group the others barely "
                          f"reach ({_reading(group)})"),
                _interval_fn=None)


def _gap(table, j, result, refit, gap) -> MSEResult:
    name = table.lists[j]
    others = [x for k, x in enumerate(table.lists) if k != j]
    alone, expected = only_cells(table)
    share = found_share(table, j)
    try:
        alt = refit(drop_list(table, j))
    except EstimationError as exc:
        alt, why = None, str(exc)
    facts = (f"list {name} holds far more people whom no other list holds than a list "
             f"recording independently of {', '.join(others)} would ({alone[j]:,.0f} are on "
             f"{name} alone, where about {expected[j]:,.0f} were to be expected), and the same "
             f"small share of whatever the others hold: {name} looks like a list that seeks "
             f"the dead the other lists missed (as families' reports to a commission for "
             f"the missing do). No model of all {table.t} lists represents such a list, and "
             f"they read the many people only it holds as a large unseen population")
    info = {"list": name, "alone": float(alone[j]), "expected_alone": float(expected[j]),
            "found_share": share, "gap_reading": gap,
            "all_lists": {"n_hat": result.n_hat, "lower": result.lower, "upper": result.upper,
                          "model": result.model}}
    if alt is None:
        info["without_list"] = None
        return _add(result, GAP_CODE, f"{facts}; without {name} the other lists gave no "
                    f"estimate ({why})", "gap_list", info)
    info["without_list"] = {"n_hat": alt.n_hat, "lower": alt.lower, "upper": alt.upper,
                            "model": alt.model}
    if table.t >= 4:
        info["left_out"] = True
        sentence = (f"{facts}. So {name} is left out: the estimate is from "
                    f"{', '.join(others)}, {_reading(alt)}, with {name}'s people counted, where "
                    f"all {table.t} lists gave {_reading(result)}. If instead {name} alone "
                    f"reaches a group the others cannot (a closed area), the table cannot tell, "
                    f"and the estimate from all {table.t} lists stands")
        base = replace(alt, lists=table.lists, n_observed=table.n,
                       lower=max(alt.lower, table.n), n_hat=max(alt.n_hat, table.n),
                       interval=f"{alt.interval}; from {', '.join(others)}, {name} left out",
                       _interval_fn=None)
        return _add(base, GAP_CODE, sentence, "gap_list", info)
    info["left_out"] = False
    lower, upper = min(result.lower, max(alt.lower, table.n)), max(result.upper, alt.upper)
    sentence = (f"{facts}. Without {name}, {' and '.join(others)} give {_reading(alt)}. With "
                f"three lists the table cannot tell this from {' and '.join(others)} "
                f"recording the same people more often than chance and {name} independent "
                f"of both, which this estimate reads, so the interval holds both readings: "
                f"ask how {name} was compiled")
    return _add(result, GAP_CODE, sentence, "gap_list", info, lower=lower, upper=upper,
                interval=(f"{result.interval}; widened to {lower:,.0f}-{upper:,.0f} to hold the "
                          f"estimate without {name} ({_reading(alt)})"),
                _interval_fn=None)
