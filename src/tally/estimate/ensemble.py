"""The default estimate: model averaging, cross-checked, never one model's word alone.

No single multiple-systems method is safe on casualty lists (benchmarks/RESULTS.md,
"Estimate II"): the old default (Rcapture's closedp model by AIC) covered the truth in 2
of 50 tables with two dependent lists; model averaging over decomposable graphs (dga)
covers dependence (48-49 of 50) but misses heterogeneity (victims harder to record on
every list) without a word; heterogeneity models see some of that and fail on
dependence. So the default answers with dga where it applies (3-5 lists), fits the
fast cross-checks beside it (the best heterogeneity model, Mth, and the interaction
search), and where a cross-check that fits the table puts N outside dga's interval, the
interval is widened to hold both and the output says which reading of the table each
end comes from. Heterogeneity too weak (or a table too small) to give the sign still
pulls every model down and cannot be ruled out by the table, so with 3-5 lists the upper
end also holds heterogeneity beside the most associated pair (``Mth Gamma3.5 + [ij]``)
where it fits and reads more than model averaging — only the upper end, said in the
interval's description rather than as a warning, since it is no detection. With 4-5
lists the interval also holds the all-two-way log-linear model where it fits and no smaller
model is clearly better (relative likelihood >= 0.05): the graphs
cannot represent pairs of lists that depend in opposite directions (a group easy for some
lists and hard for others), and read such tables high. The heterogeneity sign widens the interval;
the warning that victims differ in how easy they are to record is given only where the
overlaps also go beyond every tree of dependent lists (lists checking one another in a
chain give the sign too: RESULTS.md, "Estimate II, wave 7"). With 2 lists
or more than 5, the interaction search (or independence, for 2) answers alone, with what
it assumes stated. "The methods disagree" is warned only where a fitting cross-check and
model averaging each read N outside the other's interval; a cross-check whose interval still
holds model averaging's estimate widens the interval, said in its description. Last, with
4-5 lists, the interval is widened by the quasi-likelihood scale where the all-two-way
model's Pearson statistic shows over-dispersion (victims recorded a family or an incident at
a time: :mod:`tally.estimate.overdispersion`). With 3 lists the all-two-way model is held too
where one pair clearly depends one way and another leans the other (:func:`opposite_pairs`),
a reading the graphs cannot hold.

    >>> res = AutoMSE().fit(table)                                   # doctest: +SKIP
    >>> res.model, res.conf_int(), res.diagnostics["cross_checks"]   # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

from tally.errors import EstimationError
from tally.estimate.dga import MAX_LISTS, DGA
from tally.estimate.heterogeneity import (heterogeneity_beyond_dependence, heterogeneity_sign,
                                          most_associated_pair, pairwise_z)
from tally.estimate.list_readings import handle_list_structure
from tally.estimate.loglinear import GOF_ALPHA, LogLinearMSE
from tally.estimate.overdispersion import OVERDISPERSION_ALPHA, pearson_dispersion, scale_interval
from tally.estimate.results import MSEResult

#: The heterogeneity models among Rcapture's closed models (each list's catch varies
#: from person to person, the same way on every list).
HETEROGENEITY_MODELS = ("Mth Chao (LB)", "Mth Poisson2", "Mth Darroch", "Mth Gamma3.5")

#: Fitted beside the most associated pair's interaction when the sign fires (two
#: heterogeneity shapes, the narrower and the wider of those that usually fit).
PAIR_HETEROGENEITY_MODELS = ("Mth Darroch", "Mth Gamma3.5")

#: Fitted beside the most associated pair with every 3-5 list table, sign or not: the
#: heterogeneity model whose upper end the default's interval reaches when it fits and
#: reads more than model averaging (:data:`UPPER_END_LISTS`). Why: heterogeneity too weak,
#: or a table too small, to give the sign still pulls every other model down, and an Mth
#: model fits such tables as well as the graphs do (N is not identified across
#: heterogeneity shapes: Link 2003); the study's 4-list misses with no sign were of that
#: kind (RESULTS.md, "Estimate II, wave 5").
UPPER_END_MODEL = "Mth Gamma3.5"

#: The list counts at which the upper end is raised that way.
UPPER_END_LISTS = (3, 4, 5)

#: With 4-5 lists the interval also holds the all-two-way log-linear model (every pair of
#: lists may depend on each other, positively or negatively, and none is assumed
#: independent of another given the rest) wherever it fits the table. Why: model
#: averaging's decomposable graphs can only say "these lists depend" by joining them in a
#: clique, so a table where some pairs overlap *more* than independence allows and others
#: *less* (a group easy for some lists and hard for others, a trait each list reaches
#: differently) is read through the graph of the positive pairs alone, which lands high;
#: and where small lists barely overlap, the graphs' narrow intervals rest on
#: independence assumptions the table cannot check. The all-two-way model is the least
#: restrictive pairwise model that still identifies N; where the table does not reject
#: it, its reading is one the table allows (RESULTS.md, "Estimate II, wave 6"). With 3
#: lists it has no degrees of freedom left to test its fit, so it is held there only where
#: the table shows pairs depending in opposite directions (:data:`OPPOSITE_CLEAR_Z`).
ALL_PAIRS_LISTS = (4, 5)
#: ... and only where the table does not clearly prefer a smaller model: its relative
#: likelihood against the interaction search's best model, exp(-dAIC / 2), is at least
#: 0.05 (dAIC <= 2 ln 20 = 5.99; Burnham & Anderson's evidence ratio, at the level of a 95%
#: interval). Where a smaller model explains the table far better, the extra pairs are
#: noise and their wide interval says nothing the table holds (ungated, the interval grew
#: 35-88% with independent, negatively dependent and sparse 4-list tables).
ALL_PAIRS_AIC_MARGIN = 2 * math.log(20)
ALL_PAIRS_CHECK = "every pair of lists dependent (all two-way)"

#: With 3 lists the all-two-way model ``[12,13,23]`` is saturated (no test of its fit) and is
#: fitted beside model averaging but held in the interval only where the table shows pairs
#: depending in opposite directions (:func:`opposite_pairs`). Why: model averaging's graphs
#: hold at most two of the three pairs unless they add the three-way term, which the table
#: cannot estimate, and the interaction search drops a weak pair; where one pair clearly
#: depends one way and another leans the other way (a covariate that raises some lists' reach
#: and lowers another's: victims far from the cities, whom local committees record and the
#: national lists miss), the dropped pair's sign puts N off in one direction, and every
#: answer but the all-two-way model's lands there together (heldout7's remoteness gradient:
#: the default +10%, the all-two-way model within 2% of N; RESULTS.md, "E9 — heldout7's
#: failures (wave 9)"). Without the sign it is not held: held everywhere it doubled the
#: interval on independent and negatively dependent 3-list tables.
OPPOSITE_CLEAR_Z = 2.0
#: ... the other pair's lean the other way (:func:`~tally.estimate.heterogeneity.pairwise_z`)
OPPOSITE_LEAN_Z = 1.0


def opposite_pairs(table) -> bool:
    """Whether a 3-list table shows one pair of lists clearly dependent in one direction
    (conditional z beyond :data:`OPPOSITE_CLEAR_Z`) and another leaning the other way
    (beyond :data:`OPPOSITE_LEAN_Z`); ``False`` with any other number of lists."""
    if table.t != 3:
        return False
    z = sorted(pairwise_z(table))
    return ((z[-1] > OPPOSITE_CLEAR_Z and z[0] < -OPPOSITE_LEAN_Z)
            or (z[0] < -OPPOSITE_CLEAR_Z and z[-1] > OPPOSITE_LEAN_Z))

#: Said when the overlaps go beyond what any tree of dependent lists explains
#: (:func:`~tally.estimate.heterogeneity.heterogeneity_beyond_dependence`), under a stable
#: code. Only then: lists that check one another in a chain give the first sign too
#: (50 of 50 referral-chain tables in the fourth family), and a warning that victims differ
#: would be false there.
HETEROGENEITY_CODE = "victims-unequally-recorded"
HETEROGENEITY_WARNING = (
    "victims are recorded together by several lists more often than lists independent of "
    "each other allow, and more than any chain or tree of lists that depend on each other "
    "explains: the sign of victims who are harder to record on every list. Models that read "
    "this as list dependence then land too low, so the interval is widened to hold every "
    f"heterogeneity model that fits; treat the lower end with care [{HETEROGENEITY_CODE}]"
)

#: Said in the interval's description (not as a warning) when the first sign fires but a
#: tree of dependent lists explains the overlaps: the interval is still widened, since the
#: table cannot tell the two readings apart, but nothing says victims differ.
CHAIN_OR_HETEROGENEITY = (
    "the lists overlap more than independent lists would, which lists that depend on each "
    "other along a chain (one checking the next) explain as well as victims harder to "
    "record on every list, so the interval also holds every heterogeneity model that fits"
)

#: Said when a cross-check that fits the table and model averaging each read N outside
#: the other's interval, under a stable code. Only then: a cross-check whose point falls
#: outside model averaging's interval while its own interval still holds model averaging's
#: point is a difference of the size the two intervals allow, and it widens the interval
#: (said in the interval's description) without a warning. Why: warned on the point alone,
#: it fired on 11-15 of 50 tables of independent lists and 9-20 of sparse ones, close to a
#: standing caveat (RESULTS.md, "Estimate II, wave 8").
DISAGREE_CODE = "methods-disagree"

#: Said with every estimate, in words: what no model here can do.
BLIND_SPOT = (
    "a group of victims that no list reaches well cannot be seen by any of these models: "
    "the estimate covers those the lists could have recorded"
)


#: Said with every 3-list estimate from the default, under a stable code (in
#: ``diagnostics["warning_codes"]`` and at the end of the sentence, so the CLI, the JSON
#: and the report all carry it): with three lists the
#: all-two-way log-linear model is saturated and a two-class latent model has as many
#: parameters as the table has cells, so no statistic of the table can test whether some
#: victims are harder to record on every list. It is a standing caveat, not a detection:
#: the study counts it apart ("warned (detected)" leaves it out). Both directions are said:
#: a group easy for one list and hard for another reads *high* (the study's crossed
#: heterogeneity, +27% at 3 lists; RESULTS.md, "Estimate II, wave 6").
THREE_LISTS_CODE = "three-lists-heterogeneity-untestable"
THREE_LISTS_WARNING = (
    "with three lists the table cannot show whether some victims are harder to record on "
    "every list than others; if they are, the true number is higher than this interval. "
    "Nor can it show whether some victims are easier to record on some lists and harder on "
    "others, which can put the true number on either side of it. A fourth list, or one "
    "that reaches different people, would let the data tell "
    f"[{THREE_LISTS_CODE}]"
)


def all_pairs_model(t: int) -> str:
    """The all-two-way log-linear model on ``t`` lists in Rcapture's notation: ``[12,13,23]``."""
    return "[" + ",".join(f"{i + 1}{j + 1}" for i, j in itertools.combinations(range(t), 2)) + "]"


def search_aic(checks: list) -> float | None:
    """The AIC of the interaction search's best model among the cross-checks, if it ran."""
    for label, res in checks:
        if label == "interaction search" and not isinstance(res, EstimationError):
            return res.diagnostics.get("AIC")
    return None


class AutoMSE:
    """The default estimator (``--method auto``). Settings: ``alpha`` only."""

    def __init__(self, alpha: float = 0.05) -> None:
        self.alpha = alpha

    def fit(self, table) -> MSEResult:
        if not 0 < self.alpha < 1:
            raise EstimationError("alpha must lie strictly between 0 and 1")
        if table.t < 2:
            raise EstimationError("multiple systems estimation needs at least 2 lists")
        if table.t == 2:
            primary = LogLinearMSE(model="Mt", alpha=self.alpha).fit(table)
            return self._wrap(primary, [], "independence (2 lists)")
        if table.t > MAX_LISTS:
            primary = LogLinearMSE(candidates="hierarchical", alpha=self.alpha).fit(table)
            return self._wrap(primary, [], "interaction search (more than 5 lists)")
        primary = DGA(alpha=self.alpha).fit(table)
        checks = []
        for label, est in self.cross_checks(table):
            try:
                checks.append((label, est.fit(table)))
            except EstimationError as exc:
                checks.append((label, exc))
        # one list unlike the others (publishing only what the others confirm, seeking
        # the dead they missed, recording one group they barely reach): answered or
        # widened as tally.estimate.list_readings says
        return handle_list_structure(table, self.combine(table, primary, checks), self.fit)

    def cross_checks(self, table) -> list[tuple[str, LogLinearMSE]]:
        """The cross-checks fitted beside model averaging on a 3-5 list table, labelled."""
        uneven, _ = heterogeneity_sign(table)
        estimators = [
            ("heterogeneity (Mth, by AIC)", LogLinearMSE(candidates=HETEROGENEITY_MODELS, alpha=self.alpha)),
            ("interaction search", LogLinearMSE(candidates="hierarchical", alpha=self.alpha)),
        ]
        i, j = most_associated_pair(table)
        pair = f"[{i + 1}{j + 1}]"
        pair_models = list(PAIR_HETEROGENEITY_MODELS) if uneven else []
        if table.t in UPPER_END_LISTS and UPPER_END_MODEL not in pair_models:
            pair_models.append(UPPER_END_MODEL)
        if uneven:  # every heterogeneity model that fits may hold the answer, not AIC's one
            estimators += [(f"heterogeneity ({m})", LogLinearMSE(model=m, alpha=self.alpha))
                           for m in HETEROGENEITY_MODELS]
        # heterogeneity beside the most associated pair: lists that share informants
        # *and* victims harder to record everywhere, which neither the interaction search
        # nor the Mth models alone can fit (with the sign: Darroch and Gamma3.5; without
        # it, Gamma3.5 alone, for the upper end)
        estimators += [(f"heterogeneity and one pair ({m} + {pair})",
                        LogLinearMSE(model=f"{m} + {pair}", alpha=self.alpha))
                       for m in pair_models]
        if table.t in ALL_PAIRS_LISTS or opposite_pairs(table):
            estimators.append((ALL_PAIRS_CHECK,
                               LogLinearMSE(model=all_pairs_model(table.t), alpha=self.alpha)))
        return estimators

    def combine(self, table, primary: MSEResult, checks: list) -> MSEResult:
        """The default's answer from model averaging's result and the cross-checks' fits
        (each a result or the :class:`EstimationError` that refused it), in the order of
        :meth:`cross_checks`. Apart from :meth:`fit` so that a study can weigh a change to
        how the answer is put together on fits it has kept (the fits are the slow part)."""
        uneven, signals = heterogeneity_sign(table)
        beyond, beyond_z = heterogeneity_beyond_dependence(table)
        i, j = most_associated_pair(table)
        upper_model = f"{UPPER_END_MODEL} + [{i + 1}{j + 1}]" if table.t in UPPER_END_LISTS else None
        out = self._wrap(primary, checks, "model averaging over decomposable graphs",
                         uneven=uneven, upper_model=upper_model, beyond=beyond)
        out.diagnostics["heterogeneity_signal"] = signals["pairs"]
        out.diagnostics["capture_count_signal"] = signals["counts"]
        out.diagnostics["beyond_trees_signal"] = beyond_z
        out.diagnostics["heterogeneity_sign"] = uneven
        out.diagnostics["heterogeneity_beyond_dependence"] = beyond
        if uneven and beyond:
            out.diagnostics["warning_codes"] = [*out.diagnostics.get("warning_codes", []),
                                                HETEROGENEITY_CODE]
        if table.t == 3:
            out.warnings.append(THREE_LISTS_WARNING)
            out.diagnostics["warning_codes"] = [*out.diagnostics.get("warning_codes", []),
                                                THREE_LISTS_CODE]
        return self._overdispersion(table, out, checks)

    def _overdispersion(self, table, out: MSEResult, checks: list) -> MSEResult:
        """Widen ``out``'s interval by ``sqrt(phi)`` where the all-two-way model's Pearson
        statistic shows the counts vary more than independent victims allow (victims
        recorded together: :mod:`tally.estimate.overdispersion`)."""
        fit = next((res for label, res in checks if label == ALL_PAIRS_CHECK
                    and not isinstance(res, EstimationError)), None)
        disp = pearson_dispersion(table.counts, fit) if fit is not None else None
        if disp is None:
            return out
        applied = disp["p"] < OVERDISPERSION_ALPHA and disp["phi"] > 1
        disp = {**disp, "applied": applied, "scale": math.sqrt(disp["phi"]) if applied else 1.0}
        out.diagnostics["overdispersion"] = disp
        if not applied:
            return out
        lower, upper = scale_interval(out.n_observed, out.n_hat, out.lower, out.upper,
                                      disp["scale"])
        disp["from"] = [out.lower, out.upper]
        return replace(
            out, lower=lower, upper=upper, _interval_fn=None,
            interval=(out.interval + f"; widened {disp['scale']:.2f} times about the estimate "
                      f"for over-dispersion: the counts vary {disp['phi']:.1f} "
                      f"times more than victims recorded one by one allow ({disp['model']}: "
                      f"Pearson chi-square {disp['pearson']:,.1f} on {disp['df']} degrees of "
                      f"freedom, p = {disp['p']:.2g}), as when lists record a family or an "
                      "incident at a time"))

    def _wrap(self, primary: MSEResult, checks: list, how: str, uneven: bool = False,
              upper_model: str | None = None, beyond: bool = False) -> MSEResult:
        lower, upper = primary.lower, primary.upper
        warnings = list(primary.warnings)
        if uneven and beyond:
            warnings.append(HETEROGENEITY_WARNING)
        rows = []
        upper_fit = all_pairs_fit = None
        widened, widened_by = [], set()  # the lines to say, and the models they name
        disagree = []  # ... of those, the ones whose own interval excludes model averaging's
        for label, res in checks:
            if isinstance(res, EstimationError):
                rows.append({"check": label, "refused": str(res)})
                continue
            p = res.diagnostics.get("gof_p", float("nan"))
            fits = res.reliable and (math.isnan(p) or p >= GOF_ALPHA)
            outside = not primary.lower <= res.n_hat <= primary.upper
            excludes = not res.lower <= primary.n_hat <= res.upper
            rows.append({"check": label, "model": res.model, "n_hat": res.n_hat,
                         "lower": res.lower, "upper": res.upper, "gof_p": p, "fits": fits,
                         "outside": outside, "excludes_default": excludes})
            if res.model == upper_model and not uneven:
                # without the sign this model only speaks for the upper end (below)
                upper_fit = (res, fits)
                continue
            if label == ALL_PAIRS_CHECK:  # held wherever it fits (below), not only outside
                all_pairs_fit = (res, fits)
                continue
            widens = ((outside or (uneven and label.startswith("heterogeneity")))
                      and res.model not in widened_by)
            if fits and widens and math.isfinite(res.upper) and (
                    res.lower < lower or res.upper > upper):
                lower, upper = min(lower, res.lower), max(upper, res.upper)
                widened_by.add(res.model)
                line = (f"{label}: {res.model} reads {res.n_hat:,.0f} "
                        f"({res.lower:,.0f}-{res.upper:,.0f})")
                widened.append(line)
                if outside and excludes:
                    disagree.append(line)
        raised = None
        if upper_fit is not None:
            res, fits = upper_fit
            if (fits and res.n_hat > primary.n_hat and math.isfinite(res.upper)
                    and res.upper > upper):
                # heterogeneity the table cannot rule out: it biases every model here
                # down, never up, so only the upper end moves; said in the interval's
                # description (and diagnostics), not as a warning: it is not a detection
                raised = {"model": res.model, "n_hat": res.n_hat, "lower": res.lower,
                          "upper": res.upper, "from": upper}
                upper = res.upper
        held = None
        if all_pairs_fit is not None:  # fitted only where held (cross_checks)
            res, fits = all_pairs_fit
            best = search_aic(checks)
            aic = res.diagnostics.get("AIC", math.inf)
            supported = best is None or aic - best <= ALL_PAIRS_AIC_MARGIN
            if (fits and supported and math.isfinite(res.lower) and math.isfinite(res.upper)
                    and (res.lower < lower or res.upper > upper)):
                # pairs that depend in opposite directions, which the graphs cannot hold:
                # a reading the table allows, so the interval holds it (both ends); said in
                # the interval's description, like the upper end, since it is no detection
                held = {"model": res.model, "n_hat": res.n_hat, "lower": res.lower,
                        "upper": res.upper, "from": [lower, upper]}
                lower, upper = min(lower, res.lower), max(upper, res.upper)
        if disagree:
            warnings.append(
                f"the methods disagree: model averaging gives {primary.n_hat:,.0f} "
                f"({primary.lower:,.0f}-{primary.upper:,.0f}) but " + "; ".join(disagree)
                + ". Neither interval holds the other's estimate, yet each fits the table, "
                "which cannot tell them apart (victims harder to record on every list look "
                "like lists that depend on each other), so the interval spans both readings "
                f"[{DISAGREE_CODE}]"
            )
            out_codes = [DISAGREE_CODE]
        else:
            out_codes = []
        out = replace(
            primary,
            method="auto",
            model=f"{primary.model}" + (" + cross-checks" if checks else ""),
            lower=lower,
            upper=upper,
            interval=(primary.interval
                      + (", widened to hold the cross-checks" if disagree else "")
                      + (f", widened to hold cross-checks whose intervals overlap this one "
                         f"({'; '.join(w for w in widened if w not in disagree)})"
                         if len(widened) > len(disagree) else "")
                      + (f"; {CHAIN_OR_HETEROGENEITY}" if uneven and not beyond else "")
                      + (f"; upper end raised to {raised['upper']:,.0f} to hold heterogeneity "
                         f"the table cannot rule out ({raised['model']}, which fits, reads "
                         f"{raised['n_hat']:,.0f})" if raised else "")
                      + (f"; widened to {lower:,.0f}-{upper:,.0f} to hold every pair of lists "
                         f"depending on each other, in either direction ({held['model']}, "
                         f"which fits, reads {held['n_hat']:,.0f})" if held else "")),
            warnings=warnings,
            settings={"alpha": self.alpha, "primary": how, **primary.settings},
            diagnostics={**primary.diagnostics, "primary": primary.method,
                         "cross_checks": rows, "assumption": BLIND_SPOT,
                         **({"warning_codes": [*primary.diagnostics.get("warning_codes", []),
                                               *out_codes]} if out_codes else {}),
                         **({"upper_end": raised} if raised else {}),
                         **({"all_pairs": held} if held else {})},
            _interval_fn=None if (widened or raised or held) else primary._interval_fn,
        )
        return out
