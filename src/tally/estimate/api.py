"""The calls the shells make: one table, or one table per stratum.

    >>> res = estimate_table(table, method="loglinear", model="Mt")   # doctest: +SKIP

For ``tally estimate`` inside a project: build per-person membership rows from
linked persons, tabulate them with :func:`tally.estimate.capture_histories`
(optionally :func:`tally.estimate.pool_strata`), then call
:func:`estimate_strata`; each result's ``to_dict()`` is what to store, next to
the data version.
"""

from __future__ import annotations

from collections.abc import Sequence

from tally.errors import EstimationError
from tally.model import DEFAULT_METHOD, ESTIMATION_METHODS
from tally.estimate.dga import DGA
from tally.estimate.ensemble import AutoMSE
from tally.estimate.lcmcr import LCMCR
from tally.estimate.loglinear import LogLinearMSE
from tally.estimate.results import MSEResult
from tally.estimate.tables import CaptureTable

METHODS = ESTIMATION_METHODS


def make_estimator(method: str = DEFAULT_METHOD, **settings: object) -> LogLinearMSE | LCMCR | DGA | AutoMSE:
    """The estimator for ``method`` with its settings (unknown settings are refused)."""
    if method == "loglinear":
        allowed = {"model", "criterion", "candidates", "alpha", "max_exhaustive", "search"}
        cls = LogLinearMSE
    elif method == "lcmcr":
        allowed = {"K", "a_alpha", "b_alpha", "iterations", "burnin", "thin", "chains",
                   "seed", "alpha", "rhat_max", "spread_max"}
        cls = LCMCR
    elif method == "auto":
        allowed = {"alpha"}
        cls = AutoMSE
    elif method == "dga":
        allowed = {"delta", "alpha", "max_missing"}
        cls = DGA
    else:
        raise EstimationError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    unknown = sorted(k for k, v in settings.items() if k not in allowed and v is not None)
    if unknown:
        raise EstimationError(f"method {method} has no setting(s) {', '.join(unknown)}")
    return cls(**{k: v for k, v in settings.items() if v is not None})  # type: ignore[arg-type]


def estimate_table(table: CaptureTable, method: str = DEFAULT_METHOD, **settings: object) -> MSEResult:
    """Fit one capture-history table; raises :class:`EstimationError` when refused."""
    return make_estimator(method, **settings).fit(table)


def estimate_strata(
    tables: Sequence[CaptureTable], method: str = DEFAULT_METHOD, **settings: object
) -> list[MSEResult | EstimationError]:
    """Fit each stratum; a refused stratum yields its :class:`EstimationError`
    in place of a result, so one bad stratum does not hide the others."""
    estimator = make_estimator(method, **settings)
    out: list[MSEResult | EstimationError] = []
    for table in tables:
        try:
            out.append(estimator.fit(table))
        except EstimationError as exc:
            out.append(exc)
    return out
