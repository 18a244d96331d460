"""Estimate: multiple systems estimation of the total number of victims.

From a capture-history table (which lists recorded how many people) to an
estimate of everyone, recorded or not, with an honest interval:

    >>> from tally.estimate import LogLinearMSE, read_capture_table
    >>> table = read_capture_table("kosovo.csv")                 # doctest: +SKIP
    >>> res = LogLinearMSE(model="Mt").fit(table)                # doctest: +SKIP
    >>> res.n_hat, res.conf_int(), res.warnings                  # doctest: +SKIP

``LogLinearMSE`` reproduces R's Rcapture (closedp.t, closedpCI.t, closedpMS.t);
``LCMCR`` is the Bayesian non-parametric latent-class model of
Manrique-Vallier (2016), as R's LCMCR; ``DGA`` averages over decomposable
graphical models (Madigan & York 1997), as R's dga. :func:`estimate_table` is the one call a
shell needs (``tally mse``, and later ``tally estimate`` per stratum).
"""

from tally.estimate.api import estimate_strata, estimate_table
from tally.estimate.dga import DGA, DGAResult
from tally.estimate.lcmcr import LCMCR
from tally.estimate.loglinear import (
    CLOSEDP_MODELS,
    LogLinearMSE,
    all_pairwise_models,
    fit_models,
    parse_model,
)
from tally.estimate.results import LCMCRResult, LogLinearResult, MSEResult
from tally.estimate.tables import (
    CaptureTable,
    capture_histories,
    history_matrix,
    pool_strata,
    read_capture_csv,
    read_capture_table,
)

__all__ = [
    "CLOSEDP_MODELS",
    "CaptureTable",
    "DGA",
    "DGAResult",
    "LCMCR",
    "LCMCRResult",
    "LogLinearMSE",
    "LogLinearResult",
    "MSEResult",
    "all_pairwise_models",
    "capture_histories",
    "estimate_strata",
    "estimate_table",
    "fit_models",
    "history_matrix",
    "parse_model",
    "pool_strata",
    "read_capture_csv",
    "read_capture_table",
]
