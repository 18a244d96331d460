"""Captures clustered by incident: does the default's interval know it, and what would a
design-effect correction from the records' incident ids cost and buy?

A list that hears of an incident tends to name all its dead, so victims are not recorded
one by one: the cells of the capture table vary more than multinomial sampling allows, and
an interval computed as if they did is too narrow. Where a project knows each person's
incident (`tally incidents`), that variance can be measured: the cells' covariance over
incidents given the number seen (a cluster sum of each incident's cells less its share)
against the multinomial one, each carried to N through the
gradient of the independence model's N (numerical, one refit per cell), gives the design
effect deff; the corrected interval stretches the default's about its estimate by
sqrt(deff) where deff > 1.

Scenarios (N about 2,000 or 6,000; lists independent given the incident, so every
method's N is unbiased in expectation and coverage measures the interval alone unless
noted):
- ``massacre``: heldout6's massacre_visibility draws (in-sample; news lists notice big
  incidents more; not independent given size, so heterogeneity as well);
- ``incident_effect``: incidents of geometric(mean 3) dead, 10% of them 10-60; each
  (incident, list) draws an odds multiplier, log-normal sd 1.0 (the in-sample simulator
  uses 0.7); lists record 20-45% at the median;
- ``clean``: the same incidents, no incident effect (the correction's width cost).

    .venv/bin/python benchmarks/mse_clustered.py --reps 30 --lists 3 4 5
    .venv/bin/python benchmarks/mse_clustered.py --truth-check --lists 3

Verdict (RESULTS.md, E8 wave 9): the estimated design effect treats the incidents as
drawn at random, so their different sizes and make-up count as variance; in MSE the
incidents are fixed and only the captures are random, and the real design effect is far
smaller (massacre 3 lists: real about 2, estimated about 16). Not shipped.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tally.errors import EstimationError  # noqa: E402
from tally.estimate import CaptureTable, estimate_table  # noqa: E402


def _incidents(n: int, rng: np.random.Generator) -> np.ndarray:
    sizes = []
    held = 0
    while held < n:
        s = int(rng.integers(10, 61)) if rng.random() < 0.1 else int(rng.geometric(1 / 3))
        sizes.append(s)
        held += s
    return np.repeat(np.arange(len(sizes)), sizes)[:n]


def draw(scenario: str, t: int, rng: np.random.Generator):
    """(people histories, incident index per person)."""
    if scenario == "massacre":
        from mse_heldout6 import draw_incidents

        people, incident, _ = draw_incidents(t, rng)
        return people, incident
    n = int(rng.choice([2000, 6000]))
    incident = _incidents(n, rng)
    base = rng.uniform(0.2, 0.45, size=t)
    odds = base / (1 - base)
    sd = 1.0 if scenario == "incident_effect" else 0.0
    effect = np.exp(rng.normal(0.0, sd, size=(incident.max() + 1, t)))
    o = odds[None, :] * effect[incident]
    return rng.random((n, t)) < o / (1 + o), incident


def table_of(caught: np.ndarray, t: int) -> tuple[CaptureTable, np.ndarray]:
    w = 1 << np.arange(t - 1, -1, -1)
    codes = caught.astype(np.int64) @ w
    return CaptureTable(tuple("ABCDE"[:t]), np.bincount(codes, minlength=2 ** t)[1:]), codes


def design_effect(counts, codes, incident, t: int) -> float:
    """Var of N over incidents (the cells' covariance summed over incidents, each less its
    size's share of every cell: given the number seen) over its multinomial variance, both
    along the independence model's gradient of N in the cells (one refit per cell)."""
    lists = tuple("ABCDE"[:t])
    counts = np.asarray(counts, dtype=np.int64)

    def n_hat(c):
        return estimate_table(CaptureTable(lists, c), method="loglinear", model="Mt").n_hat

    base = n_hat(counts)
    grad = np.zeros(counts.size)
    for h in range(counts.size):
        bumped = counts.copy()
        step = max(1, int(0.01 * bumped[h]))
        bumped[h] += step
        grad[h] = (n_hat(bumped) - base) / step
    n = counts.sum()
    p = counts / n
    iid = n * (np.diag(p) - np.outer(p, p))
    _, inc = np.unique(incident, return_inverse=True)
    m = int(inc.max()) + 1
    per = np.zeros((m, counts.size))
    np.add.at(per, (inc, codes - 1), 1.0)
    resid = per - per.sum(axis=1, keepdims=True) * p[None, :]
    cl = m / (m - 1) * resid.T @ resid
    v_iid = grad @ iid @ grad
    return float(grad @ cl @ grad / v_iid) if v_iid > 0 else 1.0


def truth_check(scenario: str, t: int, seed: int, redraws: int = 150) -> str:
    """The design effect the estimator reports against the real one: the incidents (and
    the scenario's parameters) held fixed, the captures redrawn ``redraws`` times; the
    real deff is the squared ratio of the independence model's N's spread over the
    redraws to its own standard error (interval / 3.92)."""
    rng = np.random.default_rng([seed, t])
    if scenario == "massacre":
        from mse_heldout6 import _sizes, news_lists

        n = int(rng.choice([2000, 6000]))
        large = rng.uniform(0.3, 0.6)
        sizes = np.concatenate([
            _sizes(lambda k: 1 + rng.poisson(0.4, size=k), (1 - large) * n),
            _sizes(lambda k: np.minimum(10 + np.floor(10 * rng.pareto(1.2, size=k)), 300)
                   .astype(int), large * n)])
        incident = np.repeat(np.arange(sizes.size), sizes)
        k = news_lists(t)
        scale, named = rng.uniform(3.0, 10.0, size=k), rng.uniform(0.5, 0.9, size=k)
        doc = rng.uniform(0.2, 0.45, size=t - k)

        def captures():
            people = np.zeros((incident.size, t), dtype=bool)
            noticed = rng.random((sizes.size, k)) < 1 - np.exp(-sizes[:, None] / scale[None, :])
            people[:, :k] = noticed[incident] & (rng.random((incident.size, k)) < named)
            people[:, k:] = rng.random((incident.size, t - k)) < doc
            return people
    else:
        n = 2000
        incident = _incidents(n, rng)
        base = rng.uniform(0.2, 0.45, size=t)
        odds = base / (1 - base)
        sd = 1.0 if scenario == "incident_effect" else 0.0

        def captures():
            o = odds[None, :] * np.exp(rng.normal(0.0, sd, size=(incident.max() + 1, t)))[incident]
            return rng.random((incident.size, t)) < o / (1 + o)
    est, ses, deffs = [], [], []
    for i in range(redraws):
        people = captures()
        seen = people.any(axis=1)
        tb, codes = table_of(people[seen], t)
        r = estimate_table(tb, method="loglinear", model="Mt")
        est.append(r.n_hat)
        ses.append((r.upper - r.lower) / 3.92)
        if i < 30:
            deffs.append(design_effect(np.asarray(tb.counts), codes, incident[seen], t))
    real = (np.std(est) / np.mean(ses)) ** 2
    return (f"{scenario:16s} {t} lists, incidents fixed: real deff {real:.2f}; estimated "
            f"median {np.median(deffs):.2f} ({min(deffs):.2f}-{max(deffs):.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--lists", type=int, nargs="+", default=[3, 4, 5])
    ap.add_argument("--scenarios", nargs="+", default=["clean", "incident_effect", "massacre"])
    ap.add_argument("--seed", type=int, default=20261208)
    ap.add_argument("--truth-check", action="store_true",
                    help="the estimated design effect against the real one, incidents fixed")
    args = ap.parse_args()
    if args.truth_check:
        for scenario in args.scenarios:
            for t in args.lists:
                print(truth_check(scenario, t, args.seed), flush=True)
        return
    t0 = time.time()
    for scenario in args.scenarios:
        for t in args.lists:
            rng = np.random.default_rng([args.seed, t, len(scenario)])
            cov = cov_c = 0
            width = width_c = 0.0
            deffs = []
            done = 0
            for _ in range(args.reps):
                people, incident = draw(scenario, t, rng)
                seen = people.any(axis=1)
                tb, codes = table_of(people[seen], t)
                try:
                    r = estimate_table(tb)
                except EstimationError:
                    continue
                if not r.reliable:
                    continue
                n = len(people)
                deff = design_effect(np.asarray(tb.counts), codes, incident[seen], t)
                s = np.sqrt(max(deff, 1.0))
                lo, hi = r.n_hat - s * (r.n_hat - r.lower), r.n_hat + s * (r.upper - r.n_hat)
                done += 1
                deffs.append(deff)
                cov += r.lower <= n <= r.upper
                cov_c += lo <= n <= hi
                width += (r.upper - r.lower) / n
                width_c += (hi - lo) / n
            if not done:
                print(f"{scenario:16s} {t} lists: nothing estimated")
                continue
            print(f"{scenario:16s} {t} lists: default covers {cov}/{done}, width {width / done:.3f} N; "
                  f"corrected covers {cov_c}/{done}, width {width_c / done:.3f} N; deff median "
                  f"{np.median(deffs):.2f} (range {min(deffs):.2f}-{max(deffs):.2f})", flush=True)
    print(f"{time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
