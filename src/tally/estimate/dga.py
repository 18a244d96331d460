"""Bayesian model averaging over decomposable graphical models (Madigan & York 1997).

The method of R's ``dga`` (Lum, Johndrow & Ball), which HRDAG uses beside LCMCR for
casualty counts. Each decomposable graph on the lists is a model of how the lists
depend on one another (an edge: two lists that tend to record the same people). Under
a hyper-Dirichlet prior (``delta`` prior people in every cell of the full table) the
marginal likelihood of a decomposable graph factorises over its cliques and
separators, so the posterior of (graph, N) is exact on a grid of N: no sampler, no
chains to disagree. The answer is averaged over every graph, weighted by how well it
explains the table, so no single model choice decides the number — the failure that a
search for one best log-linear model shows on tables with list dependence.

    >>> res = DGA().fit(table)                                      # doctest: +SKIP
    >>> res.n_hat, res.conf_int(), res.diagnostics["top_graphs"]    # doctest: +SKIP

Agreement with R's dga 2.0.2 (``bma.cr`` with ``delta = 2**-t`` and the 1/N prior on
N, the settings of ``shared/data/mse/reference_results.csv``): posterior medians and
95% quantiles on every 3-5 list reference table (tests/unit/estimate/test_dga_reference.py).

What it cannot do, like every MSE model: see a group of victims that no list reaches.
A table that holds no information on N (no list overlaps another) is refused.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy.special import gammaln

from tally.errors import EstimationError
from tally.estimate.identifiability import require_information
from tally.estimate.results import MSEResult
from tally.estimate.tables import CaptureTable, history_matrix

MAX_LISTS = 5  # 822 decomposable graphs on 5 lists; 6 lists would be 18,154 (dga stops at 5)
_TAIL = 1e-4  # posterior mass in the grid's last tenth above which the grid is widened
_MAX_GRID = 10**8  # the widest grid of N tried
_POINTS = 250_000  # values of N scored at most (wider grids step evenly)
_CHUNK = 20_000  # values of N scored at once (822 graphs x 20,000 doubles = 130 MB)
SATURATED_MAX = 0.5  # posterior weight on the all-lists-dependent graph above which N is not quoted


@dataclass(frozen=True)
class Graph:
    """A decomposable graph on lists ``0..t-1``: its edges, cliques and separators."""

    edges: tuple[tuple[int, int], ...]
    cliques: tuple[tuple[int, ...], ...]
    separators: tuple[tuple[int, ...], ...]  # non-empty separators of a junction tree

    def label(self, names: tuple[str, ...]) -> str:
        """Cliques in Rcapture's bracket notation with list names: ``[A*B, C]``."""
        return "[" + ", ".join("*".join(names[i] for i in c) for c in self.cliques) + "]"


def _chordal(t: int, adj: list[set[int]]) -> bool:
    """True when repeatedly removing a simplicial vertex empties the graph."""
    left = set(range(t))
    while left:
        for v in sorted(left):
            nb = adj[v] & left
            if all(b in adj[a] for a, b in itertools.combinations(sorted(nb), 2)):
                left.discard(v)
                break
        else:
            return False
    return True


def _cliques(t: int, adj: list[set[int]]) -> list[tuple[int, ...]]:
    complete = [
        s for r in range(1, t + 1) for s in itertools.combinations(range(t), r)
        if all(b in adj[a] for a, b in itertools.combinations(s, 2))
    ]
    sets = [set(s) for s in complete]
    return [s for s, ss in zip(complete, sets) if not any(ss < o for o in sets)]


def _separators(cliques: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """The separators of a junction tree: a maximum spanning tree of the clique graph
    weighted by the size of the intersections (Prim). Empty ones join components and
    contribute nothing to the marginal likelihood, so they are left out."""
    if len(cliques) <= 1:
        return []
    inside = {0}
    seps = []
    while len(inside) < len(cliques):
        best = max(
            ((len(set(cliques[i]) & set(cliques[j])), -j, i, j)
             for i in inside for j in range(len(cliques)) if j not in inside)
        )
        _, _, i, j = best
        inside.add(j)
        sep = tuple(sorted(set(cliques[i]) & set(cliques[j])))
        if sep:
            seps.append(sep)
    return seps


@lru_cache(maxsize=None)
def decomposable_graphs(t: int) -> tuple[Graph, ...]:
    """Every decomposable (chordal) graph on ``t`` lists: 8 for 3, 61 for 4, 822 for 5."""
    if not 1 <= t <= MAX_LISTS:
        raise EstimationError(f"model averaging over graphs covers 1 to {MAX_LISTS} lists, not {t}")
    pairs = list(itertools.combinations(range(t), 2))
    out = []
    for mask in range(2 ** len(pairs)):
        edges = tuple(p for k, p in enumerate(pairs) if mask >> k & 1)
        adj: list[set[int]] = [set() for _ in range(t)]
        for a, b in edges:
            adj[a].add(b)
            adj[b].add(a)
        if not _chordal(t, adj):
            continue
        cliques = _cliques(t, adj)
        out.append(Graph(edges, tuple(cliques), tuple(_separators(cliques))))
    return tuple(out)


def _marginal_terms(table: CaptureTable, delta: float, n_missing: np.ndarray) -> np.ndarray:
    """log marginal likelihood of every marginal table, for each number missed.

    Row ``s`` (a bit mask over lists, first list the most significant bit) holds, for
    each value of ``n_missing``, sum over the marginal's cells of
    ``lgamma(count + a) - lgamma(a)`` with ``a = delta * 2**(t - |s|)`` prior people
    per cell, plus the Dirichlet normaliser ``lgamma(A) - lgamma(N + A)``
    (``A = delta * 2**t``, the same for every marginal), so that a graph's log
    marginal likelihood is its cliques' rows minus its separators' rows.
    """
    t = table.t
    hist = history_matrix(t).astype(np.int64)
    counts = table.counts.astype(np.float64)
    n = counts.sum()
    total_prior = delta * 2**t
    norm = gammaln(total_prior) - gammaln(n + n_missing + total_prior)
    rows = np.zeros((2**t, len(n_missing)))
    for s in range(1, 2**t):
        members = [j for j in range(t) if s >> (t - 1 - j) & 1]
        a = delta * 2 ** (t - len(members))
        # the cell of each observed history in this marginal
        code = hist[:, members] @ (1 << np.arange(len(members) - 1, -1, -1))
        cell = np.bincount(code, weights=counts, minlength=2 ** len(members))
        fixed = np.sum(gammaln(cell[1:] + a) - gammaln(a))
        # the all-zero cell of the marginal holds the observed with no list of s, plus the missed
        zero = gammaln(cell[0] + n_missing + a) - gammaln(a)
        rows[s] = fixed + zero + norm
    return rows


def _mask(members: tuple[int, ...], t: int) -> int:
    return sum(1 << (t - 1 - j) for j in members)


def log_posterior(table: CaptureTable, n_missing: np.ndarray, delta: float,
                  graph_matrix: np.ndarray) -> np.ndarray:
    """Unnormalised log posterior of (graph, number missed), shape (graphs, grid),
    with the 1/N prior on N and equal prior weight on every graph (dga's defaults);
    ``graph_matrix`` is :func:`_graph_matrix` of the graphs."""
    out = graph_matrix @ _marginal_terms(table, delta, n_missing)
    n = float(table.counts.sum())
    multinomial = gammaln(n + n_missing + 1) - gammaln(n_missing + 1) - np.sum(gammaln(table.counts + 1.0))
    log_prior_n = -np.log(n + n_missing)
    return out + multinomial + log_prior_n


def _graph_matrix(graphs: tuple[Graph, ...], t: int) -> np.ndarray:
    """+1 for each clique, -1 for each separator: a graph's log marginal likelihood
    is this row times the marginal tables' terms."""
    sel = np.zeros((len(graphs), 2**t))
    for g, graph in enumerate(graphs):
        for c in graph.cliques:
            sel[g, _mask(c, t)] += 1
        for s in graph.separators:
            sel[g, _mask(s, t)] -= 1
    return sel


def posterior(
    table: CaptureTable, n_missing: np.ndarray, delta: float, graphs: tuple[Graph, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Normalised posterior of N over the grid and of each graph, computed in chunks
    of the grid so that memory stays bounded whatever the grid's length."""
    log_n = np.empty(len(n_missing))
    log_g = np.full(len(graphs), -np.inf)
    graph_matrix = _graph_matrix(graphs, table.t)  # once, not once per chunk
    for start in range(0, len(n_missing), _CHUNK):
        chunk = log_posterior(table, n_missing[start:start + _CHUNK], delta, graph_matrix)
        m = chunk.max()
        e = np.exp(chunk - m)
        log_n[start:start + _CHUNK] = np.log(e.sum(axis=0)) + m
        with np.errstate(divide="ignore"):
            log_g = np.logaddexp(log_g, np.log(e.sum(axis=1)) + m)
    top = max(log_n.max(), log_g.max())
    post_n = np.exp(log_n - top)
    total = post_n.sum()
    return post_n / total, np.exp(log_g - top) / total


@dataclass
class DGAResult(MSEResult):
    """Posterior of N averaged over decomposable graphs; ``n_hat`` is the median."""

    grid: np.ndarray | None = field(default=None, repr=False)  # values of N
    posterior: np.ndarray | None = field(default=None, repr=False)  # P(N = grid[i])
    graph_weights: dict[str, float] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        out = super().to_dict()
        if self.grid is not None and self.posterior is not None:
            out["posterior_mean"] = float(np.dot(self.grid, self.posterior))
            out["posterior_mode"] = float(self.grid[int(np.argmax(self.posterior))])
        return out


def _quantile(grid: np.ndarray, cdf: np.ndarray, q: float) -> float:
    return float(grid[min(int(np.searchsorted(cdf, q, side="left")), len(grid) - 1)])


class DGA:
    """Model averaging over decomposable graphs, as R's ``dga::bma.cr``.

    Settings (scikit-learn style, no logic here):

    - ``delta``: prior people per cell of the full table; ``None`` is dga's usual
      ``2**-t`` (one prior person in all), which lets the data speak.
    - ``alpha``: the interval is the ``alpha/2`` and ``1 - alpha/2`` posterior quantiles.
    - ``max_missing``: the largest number missed on the grid; ``None`` widens the grid
      from ``2n`` until less than one in a million of the posterior lies beyond it.
    """

    def __init__(self, delta: float | None = None, alpha: float = 0.05,
                 max_missing: int | None = None) -> None:
        self.delta = delta
        self.alpha = alpha
        self.max_missing = max_missing

    def fit(self, table: CaptureTable) -> DGAResult:
        if not 0 < self.alpha < 1:
            raise EstimationError("alpha must lie strictly between 0 and 1")
        if not 3 <= table.t <= MAX_LISTS:
            raise EstimationError(
                f"model averaging over decomposable graphs needs 3 to {MAX_LISTS} lists; "
                f"this table has {table.t} (merge lists, or use --method loglinear)"
            )
        require_information(table, method="dga")
        delta = 2.0 ** -table.t if self.delta is None else float(self.delta)
        if not delta > 0:
            raise EstimationError("delta (prior people per cell) must be positive")
        graphs = decomposable_graphs(table.t)
        n = table.n
        top = self.max_missing if self.max_missing is not None else max(2 * n, 1000)
        while True:
            # whole numbers while the grid is short; past _POINTS values an even step,
            # which the smooth posterior of a large N does not notice
            step = max(1, -(-top // _POINTS))
            n_missing = np.arange(0, top + 1, step, dtype=np.float64)
            post_n, gw = posterior(table, n_missing, delta, graphs)
            # mass in the last tenth of the grid stands for what lies beyond it
            tail = float(post_n[int(0.9 * len(post_n)):].sum())
            if self.max_missing is not None or tail < _TAIL or top >= _MAX_GRID:
                break
            top *= 4
        grid = n + n_missing
        cdf = np.cumsum(post_n)
        lo = _quantile(grid, cdf, self.alpha / 2)
        hi = _quantile(grid, cdf, 1 - self.alpha / 2)
        median = _quantile(grid, cdf, 0.5)
        order = np.argsort(-gw, kind="stable")
        top_graphs = [f"{graphs[i].label(table.lists)} ({gw[i]:.3f})" for i in order[:5]]
        warnings = []
        reliable = True
        saturated = float(sum(w for g, w in zip(graphs, gw) if g.cliques == (tuple(range(table.t)),)))
        if saturated >= SATURATED_MAX:
            # With every list depending on every other the missed cell is unidentified:
            # the posterior is the prior's (mass at no one missed), not the data's. A
            # table of 2.5e11 people gave N = n with a zero-width interval this way.
            warnings.append(
                f"the table is best explained ({saturated:.0%} of the posterior) by the model in "
                "which every list depends on every other, which says nothing about how many "
                "were missed: do not quote this number"
            )
            reliable = False
        if tail >= _TAIL:
            warnings.append(
                f"the posterior of N does not fall to zero within N = {grid[-1]:,.0f} "
                f"({tail:.1e} of it in the last tenth of the grid): the table hardly "
                "limits how many were missed; do not quote this number"
            )
            reliable = False
        def interval(a: float) -> tuple[float, float]:
            return _quantile(grid, cdf, a / 2), _quantile(grid, cdf, 1 - a / 2)
        return DGAResult(
            method="dga",
            model=f"average over {len(graphs)} decomposable graphs",
            lists=table.lists,
            n_observed=n,
            n_hat=median,
            alpha=self.alpha,
            lower=lo,
            upper=hi,
            interval="posterior median, equal-tailed quantiles",
            warnings=warnings,
            reliable=reliable,
            stratum=table.stratum,
            settings={"delta": delta, "prior_n": "1/N", "prior_graphs": "uniform",
                      "max_missing": int(n_missing[-1])},
            diagnostics={
                "posterior_mode": int(grid[int(np.argmax(post_n))]),
                "posterior_mean": round(float(np.dot(grid, post_n)), 1),
                "graphs": len(graphs),
                "top_graph": graphs[order[0]].label(table.lists),
                "top_graph_weight": float(gw[order[0]]),
                "top_graphs": top_graphs,
                "tail_mass": tail,
            },
            _interval_fn=interval,
            grid=grid,
            posterior=post_n,
            graph_weights={graphs[i].label(table.lists): float(gw[i]) for i in order},
        )
