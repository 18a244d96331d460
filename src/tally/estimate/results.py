"""Result objects returned by the estimators' ``fit``.

Every result answers the same questions, whatever the method:

    >>> res.n_hat, res.conf_int(0.05), res.model      # doctest: +SKIP
    >>> print(res.summary()); res.to_dict()            # doctest: +SKIP

``warnings`` holds plain sentences a statistician must read before quoting the
number; ``reliable`` is False when at least one of them means the number
should not be quoted at all (a divergent or unidentified fit, chains that
disagree). They are data, not Python warnings, so that a stratified run can
report each stratum's problems side by side.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np


def _num(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _fmt(x: float | None) -> str:
    if x is None or not math.isfinite(x):
        return "unbounded"
    return f"{x:,.1f}" if abs(x) < 1e6 else f"{x:,.4g}"


@dataclass
class MSEResult:
    """Common part of every multiple-systems estimate."""

    method: str
    model: str
    lists: tuple[str, ...]
    n_observed: int
    n_hat: float
    alpha: float
    lower: float
    upper: float
    interval: str
    warnings: list[str] = field(default_factory=list)
    reliable: bool = True
    stratum: tuple[tuple[str, str], ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    diagnostics: dict[str, Any] = field(default_factory=dict)
    _interval_fn: Callable[[float], tuple[float, float]] | None = field(
        default=None, repr=False, compare=False
    )

    def conf_int(self, alpha: float | None = None) -> tuple[float, float]:
        """The ``1 - alpha`` interval for N (``upper`` is ``inf`` when unbounded)."""
        if alpha is None or alpha == self.alpha:
            return (self.lower, self.upper)
        if not 0 < alpha < 1:
            raise ValueError("alpha must lie strictly between 0 and 1")
        if self._interval_fn is None:
            raise ValueError("this result cannot recompute its interval")
        return self._interval_fn(alpha)

    @property
    def n_unobserved(self) -> float:
        return self.n_hat - self.n_observed

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``n_hat, lower, upper, method, model, warnings`` ..."""
        return {
            "method": self.method,
            "model": self.model,
            "n_hat": _num(self.n_hat),
            "lower": _num(self.lower),
            "upper": _num(self.upper),
            "upper_unbounded": not math.isfinite(self.upper),
            "alpha": self.alpha,
            "interval": self.interval,
            "n_observed": self.n_observed,
            "lists": list(self.lists),
            "stratum": dict(self.stratum),
            "reliable": self.reliable,
            "warnings": list(self.warnings),
            "settings": _jsonable(self.settings),
            "diagnostics": _jsonable(self.diagnostics),
        }

    def summary(self) -> str:
        """A plain-text report: estimate, interval, model, diagnostics, warnings."""
        level = round(100 * (1 - self.alpha), 1)
        lines = [
            f"Multiple systems estimate ({self.method}, model {self.model})",
            f"  stratum:        {', '.join(f'{k}={v}' for k, v in self.stratum) or 'all'}",
            f"  lists:          {', '.join(self.lists)} ({len(self.lists)})",
            f"  observed:       {self.n_observed:,}",
            f"  estimated N:    {_fmt(self.n_hat)}",
            f"  {level:g}% interval: {_fmt(self.lower)} - {_fmt(self.upper)} ({self.interval})",
        ]
        for key, value in self.diagnostics.items():
            if isinstance(value, (list, dict, np.ndarray)):
                continue
            if isinstance(value, float):
                value = f"{value:.4g}"
            lines.append(f"  {key + ':':<16}{value}")
        if not self.reliable:
            lines.append("  NOT RELIABLE: do not quote this number (see warnings)")
        for w in self.warnings:
            lines.append(f"  warning: {w}")
        return "\n".join(lines)


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _jsonable(obj.tolist())
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return _num(float(obj))
    return obj


@dataclass
class LogLinearResult(MSEResult):
    """A log-linear (Poisson GLM) fit as Rcapture's ``closedpCI.t`` reports it.

    ``n_hat`` is the GLM abundance ``n + exp(intercept)`` (Rcapture's
    ``abundance``); ``n_hat_profile`` is the maximiser of the multinomial
    profile likelihood, around which the interval is built.
    """

    n_hat_profile: float = float("nan")
    stderr: float = float("nan")
    deviance: float = float("nan")
    df: int = 0
    aic: float = float("nan")
    bic: float = float("nan")
    coefficients: dict[str, float] = field(default_factory=dict)
    fitted: np.ndarray | None = field(default=None, repr=False)
    candidates: list[dict[str, Any]] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.update(
            n_hat_profile=_num(self.n_hat_profile),
            stderr=_num(self.stderr),
            deviance=_num(self.deviance),
            df=self.df,
            aic=_num(self.aic),
            bic=_num(self.bic),
            coefficients=_jsonable(self.coefficients),
        )
        if self.candidates:
            out["candidates"] = _jsonable(self.candidates)
        return out


@dataclass
class LCMCRResult(MSEResult):
    """A posterior from the latent-class sampler: ``n_hat`` is the median."""

    samples: np.ndarray | None = field(default=None, repr=False)  # (chains, draws)

    def trace(self) -> np.ndarray:
        """Posterior draws of N, shape ``(chains, draws)``, for trace plots."""
        assert self.samples is not None
        return self.samples

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if self.samples is not None:
            s = self.samples.ravel()
            out["posterior_mean"] = _num(float(np.mean(s)))
        return out


def quotable(estimate: Mapping[str, Any]) -> bool:
    """Whether an estimate may be quoted as a number: it was made (not refused), it has
    a point estimate, and its estimator judged the fit reliable (``MSEResult.reliable``).

    ``estimate`` is a result's :meth:`MSEResult.to_dict` or a stored ``estimate`` row
    (``tally estimate``'s table): every output that shows an estimate (the CLI, the
    report) asks here, so that no output quotes what another says not to quote.
    """
    return (not estimate.get("refused") and estimate.get("n_hat") is not None
            and bool(estimate.get("reliable")))


def why_not_quoted(estimate: Mapping[str, Any]) -> str | None:
    """``None`` when :func:`quotable`; else why no number is quoted, in plain words
    (the refusal, or the warnings that come with an unreliable fit)."""
    if quotable(estimate):
        return None
    if estimate.get("refused"):
        return f"the estimate was refused: {estimate['refused']}"
    if estimate.get("n_hat") is None:
        return "no estimate could be made"
    warnings = [w for w in estimate.get("warnings") or [] if w]
    return "the fit is not reliable" + (f" ({'; '.join(warnings)})" if warnings else "")
