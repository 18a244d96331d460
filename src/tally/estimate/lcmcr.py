"""Bayesian non-parametric latent-class capture-recapture (LCMCR).

The model of Manrique-Vallier (2016, Biometrics 72:1) as implemented in R's
LCMCR: people fall into latent classes with a truncated stick-breaking
(Dirichlet-process) prior over ``K`` classes, ``alpha ~ Gamma(a, b)``; within a
class each list catches independently with probability ``lambda[j, k] ~
Beta(1, 1)``. The Gibbs sampler imputes the unobserved people (``n0``, the
all-zero cell) each sweep, so the posterior of ``N = n + n0`` comes straight
from the draws. Each sweep is R's ``CNPLCM_CR_Basic_Freq::Update``: allocate
cell counts to classes, draw ``lambda``, the stick-breaking weights, the
probability of being missed, ``n0 ~ NegBin(n, 1 - p0)`` (R's improper prior
``p(N) ~ 1/N``), the classes of the missed, then ``alpha``.

Several chains run side by side (vectorised over chains); they start from
deliberately different numbers of missed people so that a posterior with
several modes shows up as chains that disagree. R-hat, effective sample size
and the spread of chain medians are reported, and ``unstable`` is raised when
the chains disagree: such a posterior must not be quoted as one number.

    >>> res = LCMCR(K=10, seed=1).fit(table)                   # doctest: +SKIP
    >>> res.n_hat, res.conf_int(), res.diagnostics["rhat"]     # doctest: +SKIP
"""

from __future__ import annotations

import math
import time

import numpy as np
from numba import njit
from scipy import special, stats

from tally.errors import EstimationError
from tally.estimate.identifiability import require_information
from tally.estimate.results import LCMCRResult
from tally.estimate.tables import CaptureTable, history_matrix

_WARMUP_FIXED_ALPHA = 500  # R's warm-up sweeps with alpha held at 0.3 / K


@njit(cache=True)
def _log_gamma(shape: float) -> float:
    """log of a Gamma(shape, 1) draw, accurate for tiny shapes (as R's dan_log_gamma_1)."""
    return math.log(np.random.gamma(shape + 1.0, 1.0)) + math.log(np.random.random()) / shape


@njit(cache=True)
def _draw_multinomial(total: int, w: np.ndarray, wsum: float, out: np.ndarray) -> None:
    """Multinomial(total, w / wsum) into ``out`` by conditional binomials."""
    K = w.shape[0]
    rem = total
    remw = wsum
    for k in range(K):
        if rem <= 0:
            out[k] = 0
            continue
        if k == K - 1:
            out[k] = rem
            rem = 0
            continue
        pk = w[k] / remw if remw > 0 else 1.0
        if pk >= 1.0:
            x = rem
        elif pk <= 0.0:
            x = 0
        else:
            x = np.random.binomial(rem, pk)
        out[k] = x
        rem -= x
        remw -= w[k]


@njit(cache=True)
def _run_chain(cells, freq, n, K, a_alpha, b_alpha, burnin, warm_fixed, n_keep, thin, seed,
               lam0, log_nu0, n0_init):  # pragma: no cover - compiled
    """One chain of R's CNPLCM_CR_Basic_Freq::Update; returns the kept draws of N."""
    np.random.seed(seed)
    M, J = cells.shape
    lam = lam0.copy()
    log_nu = log_nu0.copy()
    alpha = 0.3 / K
    n0 = n0_init
    ll = np.empty((J, K))
    l1 = np.empty((J, K))
    probs = np.empty(K)
    w = np.empty(K)
    x = np.zeros(K, dtype=np.int64)
    ones = np.zeros((J, K))
    nobs = np.zeros(K)
    count0 = np.zeros(K, dtype=np.int64)
    for k in range(K):
        w[k] = math.exp(log_nu[k])
    _draw_multinomial(n0, w, w.sum(), count0)
    out = np.empty(n_keep, dtype=np.int64)
    total = burnin + n_keep * thin
    for it in range(total):
        for j in range(J):
            for k in range(K):
                ll[j, k] = math.log(lam[j, k])
                l1[j, k] = math.log1p(-lam[j, k])
        ones[:, :] = 0.0
        nobs[:] = 0.0
        # classes of the observed, cell by cell
        for m in range(M):
            mx = -np.inf
            for k in range(K):
                s = log_nu[k]
                for j in range(J):
                    s += ll[j, k] if cells[m, j] == 1 else l1[j, k]
                probs[k] = s
                if s > mx:
                    mx = s
            tot = 0.0
            for k in range(K):
                probs[k] = math.exp(probs[k] - mx)
                tot += probs[k]
            _draw_multinomial(freq[m], probs, tot, x)
            for k in range(K):
                if x[k] > 0:
                    nobs[k] += x[k]
                    for j in range(J):
                        if cells[m, j] == 1:
                            ones[j, k] += x[k]
        # lambda | classes; the missed have zeros on every list
        for j in range(J):
            for k in range(K):
                v = np.random.beta(1.0 + ones[j, k], 1.0 + nobs[k] - ones[j, k] + count0[k])
                lam[j, k] = min(max(v, 1e-12), 1.0 - 1e-12)
        # stick-breaking weights
        rest = float(n + n0)
        acc = 0.0
        for k in range(K - 1):
            ck = nobs[k] + count0[k]
            rest -= ck
            g1 = _log_gamma(1.0 + ck)
            g2 = _log_gamma(alpha + rest)
            ls = max(g1, g2) + math.log1p(math.exp(-abs(g1 - g2)))
            log_nu[k] = g1 - ls + acc
            acc += g2 - ls
        log_nu[K - 1] = acc
        # the missed: how many, and their classes
        p0 = 0.0
        for k in range(K):
            s = log_nu[k]
            for j in range(J):
                s += math.log1p(-lam[j, k])
            w[k] = math.exp(s)
            p0 += w[k]
        p0 = min(p0, 1.0 - 1e-12)
        n0 = np.random.negative_binomial(n, 1.0 - p0)
        _draw_multinomial(n0, w, p0, count0)
        if it >= warm_fixed:
            alpha = np.random.gamma(a_alpha + K - 1.0, 1.0 / (b_alpha - log_nu[K - 1]))
        if it >= burnin and (it - burnin + 1) % thin == 0:
            out[(it - burnin + 1) // thin - 1] = n + n0
    return out


def split_rhat(draws: np.ndarray) -> float:
    """Rank-normalised split R-hat (Vehtari et al. 2021), max of bulk and tail."""
    C, S = draws.shape
    if S < 4:
        return math.nan
    half = S // 2
    x = np.concatenate([draws[:, :half], draws[:, half : 2 * half]], axis=0)

    def rhat(y: np.ndarray) -> float:
        m, n = y.shape
        means = y.mean(axis=1)
        W = y.var(axis=1, ddof=1).mean()
        B = n * means.var(ddof=1)
        if W <= 0:
            return math.inf if B > 0 else 1.0
        var_plus = (n - 1) / n * W + B / n
        return float(math.sqrt(var_plus / W))

    def ranknorm(y: np.ndarray) -> np.ndarray:
        r = stats.rankdata(y, method="average").reshape(y.shape)
        return special.ndtri((r - 0.375) / (y.size + 0.25))

    bulk = rhat(ranknorm(x))
    folded = np.abs(x - np.median(x))
    tail = rhat(ranknorm(folded))
    return max(bulk, tail)


def ess(draws: np.ndarray) -> float:
    """Multi-chain effective sample size (Geyer's initial monotone sequence)."""
    C, S = draws.shape
    if S < 4:
        return math.nan
    x = draws - draws.mean(axis=1, keepdims=True)
    nfft = 1 << (2 * S - 1).bit_length()
    f = np.fft.rfft(x, n=nfft, axis=1)
    acov = np.fft.irfft(f * np.conj(f), n=nfft, axis=1)[:, :S] / S
    chain_var = acov[:, 0] * S / (S - 1)
    W = chain_var.mean()
    B_over_n = draws.mean(axis=1).var(ddof=1) if C > 1 else 0.0
    var_plus = (S - 1) / S * W + B_over_n
    if var_plus <= 0:
        return float(C * S)
    rho = 1.0 - (W - acov.mean(axis=0)) / var_plus
    rho[0] = 1.0
    # sum of pairs, truncated when a pair turns negative, made monotone
    pairs = rho[: (S // 2) * 2].reshape(-1, 2).sum(axis=1)
    stop = np.flatnonzero(pairs < 0)
    pairs = pairs[: stop[0]] if len(stop) else pairs
    pairs = np.minimum.accumulate(pairs)
    tau = -1.0 + 2.0 * pairs.sum()
    tau = max(tau, 1.0 / math.log10(C * S + 10))
    return float(C * S / tau)


class LCMCR:
    """Latent-class multiple systems estimator (Manrique-Vallier 2016; R's LCMCR).

    ``K`` latent classes (R's default 10), ``a_alpha``/``b_alpha`` the Gamma
    prior on the stick-breaking concentration (R's default 0.25, 0.25);
    ``iterations`` kept sweeps per chain after ``burnin``, every ``thin``-th
    kept; ``chains`` independent chains; ``seed`` makes runs repeatable;
    ``alpha`` sets the credible level (0.05: 95%). The result is flagged
    ``unstable`` when split R-hat exceeds ``rhat_max`` or the chain medians
    differ by more than ``spread_max`` times the width of the pooled credible
    interval (chains that each explore the whole posterior have medians far
    closer together than that).
    """

    def __init__(
        self,
        K: int = 10,
        *,
        a_alpha: float = 0.25,
        b_alpha: float = 0.25,
        iterations: int = 50_000,
        burnin: int = 100_000,
        thin: int = 10,
        chains: int = 6,
        seed: int | None = None,
        alpha: float = 0.05,
        rhat_max: float = 1.05,
        spread_max: float = 0.2,
        start_max: float = 30.0,
    ) -> None:
        self.start_max = start_max
        self.K = K
        self.a_alpha = a_alpha
        self.b_alpha = b_alpha
        self.iterations = iterations
        self.burnin = burnin
        self.thin = thin
        self.chains = chains
        self.seed = seed
        self.alpha = alpha
        self.rhat_max = rhat_max
        self.spread_max = spread_max

    def _check(self, table: CaptureTable) -> None:
        if table.t < 3:
            raise EstimationError(
                f"the latent-class model needs at least 3 lists; {table.source or 'the table'} "
                f"has {table.t}"
            )
        if table.n == 0:
            raise EstimationError("the table is empty: nobody was observed")
        if self.K < 2:
            raise EstimationError("K (number of latent classes) must be at least 2")
        if self.a_alpha <= 0 or self.b_alpha <= 0:
            raise EstimationError("the Gamma prior on alpha needs a > 0 and b > 0")
        if self.iterations < 10 * self.thin or self.burnin < 0 or self.thin < 1:
            raise EstimationError("need iterations >= 10 * thin, burnin >= 0 and thin >= 1")
        if self.chains < 1:
            raise EstimationError("need at least one chain")
        if not 0 < self.alpha < 1:
            raise EstimationError("alpha must lie strictly between 0 and 1")

    def settings(self) -> dict[str, object]:
        return {
            "seed_used": getattr(self, "seed_used_", self.seed),
            "K": self.K,
            "a_alpha": self.a_alpha,
            "b_alpha": self.b_alpha,
            "iterations": self.iterations,
            "burnin": self.burnin,
            "thin": self.thin,
            "chains": self.chains,
            "seed": self.seed,
            "alpha": self.alpha,
        }

    def sample(self, table: CaptureTable) -> tuple[np.ndarray, float]:
        """Posterior draws of N, shape ``(chains, iterations // thin)``, and seconds taken."""
        self._check(table)
        ss = np.random.SeedSequence(self.seed)
        self.seed_used_ = int(ss.entropy)  # type: ignore[arg-type]
        chain_seeds = ss.generate_state(self.chains + 1)
        rng = np.random.default_rng(chain_seeds[-1])
        hist = history_matrix(table.t)
        keep_cells = table.counts > 0
        cells = np.ascontiguousarray(hist[keep_cells].astype(np.int8))
        freq = table.counts[keep_cells].astype(np.int64)
        n, K, J, C = table.n, self.K, table.t, self.chains
        # R starts lambda at the observed catch rates of each list; each chain here
        # jitters them, and starts from 0.1 n to 30 n missed people, so that chains
        # stuck in different modes show up as disagreeing chains.
        marg = np.clip((hist.T.astype(float) @ table.counts) / n, 0.02, 0.98)
        nu = np.full(K, 1.0 / K)
        if K > 4:
            nu[:4] = 0.25 * 0.9
            nu[4:] = 0.1 / (K - 4)
        factors = np.geomspace(0.1, self.start_max, C) if C > 1 else np.array([1.0])
        keep = self.iterations // self.thin
        warm = min(_WARMUP_FIXED_ALPHA, self.burnin // 2)
        out = np.empty((C, keep), dtype=np.int64)
        start = time.perf_counter()
        for c in range(C):
            lam0 = np.clip(marg[:, None] * rng.uniform(0.5, 1.5, size=(J, K)), 0.01, 0.99)
            out[c] = _run_chain(cells, freq, n, K, float(self.a_alpha), float(self.b_alpha),
                                int(self.burnin), int(warm), int(keep), int(self.thin),
                                int(chain_seeds[c]), lam0, np.log(nu), int(round(n * factors[c])))
        return out, time.perf_counter() - start

    def fit(self, table: CaptureTable) -> LCMCRResult:
        require_information(table, method="lcmcr")
        draws, seconds = self.sample(table)
        return self._result(table, draws, seconds)

    def _result(self, table: CaptureTable, draws: np.ndarray, seconds: float) -> LCMCRResult:
        pooled = draws.ravel().astype(float)
        med = float(np.median(pooled))
        lo, hi = (float(v) for v in np.quantile(pooled, [self.alpha / 2, 1 - self.alpha / 2]))
        chain_medians = np.median(draws, axis=1)
        half = draws.shape[1] // 2
        half_medians = np.concatenate(
            [np.median(draws[:, :half], axis=1), np.median(draws[:, half:], axis=1)]
        )
        logd = np.log(draws.astype(float))
        rhat = split_rhat(logd) if self.chains > 1 else split_rhat(logd[:, :])
        n_eff = ess(logd)
        spread = float((chain_medians.max() - chain_medians.min()) / med)
        width = max(hi - lo, 1.0)
        spread_width = float((chain_medians.max() - chain_medians.min()) / width)
        half_spread = float((half_medians.max() - half_medians.min()) / med)
        warnings: list[str] = []
        unstable = False
        if self.chains < 2:
            warnings.append("one chain only: convergence cannot be checked across chains")
        if math.isfinite(rhat) and rhat > self.rhat_max:
            unstable = True
            warnings.append(
                f"chains disagree: split R-hat of log N is {rhat:.2f} (> {self.rhat_max})"
            )
        if spread_width > self.spread_max:
            unstable = True
            warnings.append(
                "chains disagree: their medians of N range over "
                f"{chain_medians.min():,.0f}-{chain_medians.max():,.0f} ({100 * spread:.0f}% of the "
                f"pooled median, {100 * spread_width:.0f}% of the interval's width); the "
                "posterior may have several modes"
            )
        if unstable:
            warnings.append(
                "unstable posterior: do not quote the median as the estimate; run longer chains "
                "and compare with other models"
            )
        if math.isfinite(n_eff) and n_eff < 100:
            warnings.append(f"effective sample size of N is only {n_eff:.0f}: run longer")
        if hi > 20 * table.n:
            warnings.append("the upper credible limit exceeds 20 times the number observed")
        sweeps = self.chains * (self.burnin + (self.iterations // self.thin) * self.thin)

        def interval(a: float) -> tuple[float, float]:
            q = np.quantile(pooled, [a / 2, 1 - a / 2])
            return float(q[0]), float(q[1])

        return LCMCRResult(
            method="lcmcr",
            model=f"LCMCR K={self.K}",
            lists=table.lists,
            n_observed=table.n,
            n_hat=med,
            alpha=self.alpha,
            lower=lo,
            upper=hi,
            interval="posterior quantiles",
            warnings=warnings,
            reliable=not unstable,
            stratum=table.stratum,
            settings=self.settings(),
            diagnostics={
                "unstable": unstable,
                "rhat": rhat,
                "ess": n_eff,
                "chain_spread": spread,
                "chain_spread_of_width": spread_width,
                "half_chain_spread": half_spread,
                "chain_medians": chain_medians.tolist(),
                "posterior_mean": float(pooled.mean()),
                "sweeps": sweeps,
                "seconds": seconds,
                "sweeps_per_second": sweeps / seconds if seconds > 0 else math.nan,
            },
            _interval_fn=interval,
            samples=draws,
        )
