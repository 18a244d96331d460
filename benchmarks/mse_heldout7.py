"""A seventh held-out family of capture-recapture tables (Estimate II, issue #16).

Written apart from the estimator and committed before anyone fitted a table of it.
Five scenarios, each drawn for 3, 4 or 5 lists with the true number of victims N
(everyone, seen or not):

    .venv/bin/python benchmarks/mse_misspecification.py --heldout7 --reps 50
    .venv/bin/python benchmarks/mse_misspecification.py --heldout7 --draw-only --reps 2

Each ``_scenario`` docstring gives the scenario's parameters; ``IDENTIFIABLE`` says, by
list count, whether N is recoverable in principle from the table alone.
"""

from __future__ import annotations

from pathlib import Path
import sys

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tally.estimate import CaptureTable  # noqa: E402

#: The family, in the order the benchmark seeds it (the index is part of each seed).
HELDOUT7 = ("remoteness_gradient", "merged_list", "vast_thin", "access_drift",
            "hidden_group_sharing")

#: Whether the truth can be recovered in principle from the table alone, by list count.
IDENTIFIABLE = {
    "remoteness_gradient": {3: True, 4: True, 5: True},
    "merged_list": {3: False, 4: True, 5: True},
    "vast_thin": {3: True, 4: True, 5: True},
    "access_drift": {3: True, 4: True, 5: True},
    "hidden_group_sharing": {3: False, 4: False, 5: True},
}

LIST_COUNTS = (3, 4, 5)


def simulate_heldout7(scenario: str, t: int, rng: np.random.Generator) -> tuple[CaptureTable, int]:
    """One table over ``t`` lists as the linker would hand it over, and the true N."""
    people, _ = draw_people(scenario, t, rng)
    seen = people[people.any(axis=1)]
    return _table(seen, t), int(people.shape[0])


def draw_people(scenario: str, t: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``(people, mark)``: every victim's true capture history (N rows, the unseen
    included, 0/1 by list) and the one per-victim quantity the scenario's capture
    depends on (remoteness, group, time of death ...; see each scenario)."""
    if scenario not in _SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}; the family is {', '.join(HELDOUT7)}")
    if t not in LIST_COUNTS:
        raise ValueError(f"{scenario} is drawn for 3, 4 or 5 lists, not {t}")
    return _SCENARIOS[scenario](t, rng)


def _capture(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """0/1 histories with ``P(capture) = p`` (one row per victim), independently."""
    return (rng.random(p.shape) < p).astype(np.int8)


def _expit(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


#: remoteness_gradient: (intercept, slope) of each list's logit against remoteness x in [0, 1]
GRADIENT = ((0.6, -3.0),   # L1 national documentation group: 0.65 in the cities -> 0.08 remote
            (0.0, -3.5),   # L2 media monitoring: 0.50 -> 0.03
            (-1.8, 1.5),   # L3 rural family / tribal committees: 0.14 -> 0.43
            (0.3, -4.0),   # L4 hospital and morgue records: 0.57 -> 0.02
            (-0.4, -2.0))  # L5 mosque / church community lists: 0.40 -> 0.08


def _remoteness_gradient(t: int, rng: np.random.Generator):
    """Each list's reach falls (or rises) smoothly with the victim's remoteness.

    N = 4,000; remoteness x ~ Beta(1.5, 2) (0 = city centre, 1 = remote village);
    list j captures with expit(a_j + b_j x), ``GRADIENT`` above: four lists reach the
    cities better, the rural committees' list (L3) the villages. No classes, no list
    copies another: a continuum of heterogeneity with slopes of both signs, so pairs of
    lists look positively or negatively dependent depending on their slopes' signs, and
    the signs partly cancel. Every victim is reachable: the remotest still have L3's
    0.43.
    Mark: x.
    """
    n = 4000
    x = rng.beta(1.5, 2.0, n)
    a = np.array([g[0] for g in GRADIENT[:t]])
    b = np.array([g[1] for g in GRADIENT[:t]])
    return _capture(_expit(a + np.outer(x, b)), rng), x


#: merged_list: the two source networks merged into L1, and L1's sub-lists' reach
MERGED = dict(p2=0.35, p3=0.30, a_on=0.55, a_off=0.08, b_on=0.50, b_off=0.08, p4=0.25, p5=0.30)


def _merged_list(t: int, rng: np.random.Generator):
    """L1 is the merger of two organisations' lists, each fed by another list's network.

    N = 3,000. L2 (p 0.35) and L3 (p 0.30) are independent of each other. L1 = A ∪ B
    (deduplicated): sub-list A took names from the same local committees as L2
    (P(A | on L2) 0.55, else 0.08), sub-list B from the same hospitals as L3
    (P(B | on L3) 0.50, else 0.08). L4 (0.25) and L5 (0.30) are independent of all.
    L1 is positively dependent on L2 and on L3, and among L1's names L2 and L3 are
    negatively associated (either network alone suffices to bring a name in); among the
    people L1 missed, L2 and L3 are independent again. Mark: 1 if on A, 2 if on B, 3 both.
    """
    m = MERGED
    n = 3000
    u = rng.random((n, 6))
    l2 = u[:, 0] < m["p2"]
    l3 = u[:, 1] < m["p3"]
    a = u[:, 2] < np.where(l2, m["a_on"], m["a_off"])
    b = u[:, 3] < np.where(l3, m["b_on"], m["b_off"])
    cols = [a | b, l2, l3, u[:, 4] < m["p4"], u[:, 5] < m["p5"]][:t]
    return np.column_stack(cols).astype(np.int8), a.astype(int) + 2 * b.astype(int)


#: vast_thin: each list's capture probability, independent lists
THIN = (0.03, 0.045, 0.02, 0.05, 0.035)


def _vast_thin(t: int, rng: np.random.Generator):
    """A large toll that every list reaches thinly.

    N = 50,000, lists independent and homogeneous with capture ``THIN`` above (2-5%):
    roughly 4,600 (3 lists) to 8,400 (5 lists) seen, pairwise overlaps of 30-115 and a
    3-list cell of one or two. Every model assumption holds; only scale and sparseness
    of the overlaps stress the estimator. Mark: zeros.
    """
    n = 50_000
    return _capture(np.broadcast_to(np.array(THIN[:t]), (n, t)), rng), np.zeros(n)


#: access_drift: logit intercept and slope against time in [0, 1]; L4 also in the surge
DRIFT = ((1.2, -4.0),   # L1 loses access (its staff abducted): 0.77 -> 0.06
         (-2.2, 3.2),   # L2 grows: 0.10 -> 0.73
         (-0.85, 0.0),  # L3 steady registry: 0.30 throughout
         (-1.7, 0.0),   # L4 news monitoring: 0.15, 0.60 in the surge week (below)
         (-1.4, 0.0))   # L5 steady: 0.20
SURGE = dict(share=0.25, centre=0.7, sd=0.015, window=0.05, news=0.60)


def _access_drift(t: int, rng: np.random.Generator):
    """Lists' reach drifts through the period, each its own way, around a surge.

    N = 3,500 deaths over a period scaled to [0, 1]: 75% uniform, 25% in a surge
    (massacre week) around 0.7 (sd 0.015). Capture expit(a_j + b_j time), ``DRIFT``:
    L1 loses access as the period goes on, L2 scales up, L3 and L5 are steady, L4 (news
    monitoring) is at 0.15 except within 0.05 of the surge centre, where it is 0.60.
    Pooled over time, L1 and L2 look negatively dependent and L4 leans towards the
    surge; the steady lists are independent of everything. Mark: time of death.
    """
    n = 3500
    surge = rng.random(n) < SURGE["share"]
    when = np.where(surge, rng.normal(SURGE["centre"], SURGE["sd"], n), rng.random(n))
    when = np.clip(when, 0.0, 1.0)
    a = np.array([d[0] for d in DRIFT[:t]])
    b = np.array([d[1] for d in DRIFT[:t]])
    p = _expit(a + np.outer(when, b))
    if t >= 4:
        p[np.abs(when - SURGE["centre"]) < SURGE["window"], 3] = SURGE["news"]
    return _capture(p, rng), when


#: hidden_group_sharing: the accessible group's capture, and the hard group's
HIDDEN = dict(share=0.30, easy=(0.50, 0.40, 0.45, 0.35, 0.40), source=0.25,
              via_source=(0.80, 0.75), without_source=(0.04, 0.03),
              hard_rest=(0.25, 0.20, 0.25))


def _hidden_group_sharing(t: int, rng: np.random.Generator):
    """A hard-to-reach group, in which two lists share one local source.

    N = 3,000. 70% are in an accessible group where lists are independent with capture
    0.50, 0.40, 0.45, 0.35, 0.40. 30% are in a hard-to-reach group (an area cut off,
    communications down): one local network reaches 25% of it and passes its names to
    both L1 and L2 (capture 0.80 and 0.75 through it, 0.04 and 0.03 without it); L3-L5
    reach the group at 0.25, 0.20, 0.25 regardless. Heterogeneity and dependence at
    once: L1 and L2 are strongly dependent inside the hard group only. Mark: 0 accessible,
    1 hard and reached by the network, 2 hard and not.
    """
    h = HIDDEN
    n = 3000
    hard = rng.random(n) < h["share"]
    source = hard & (rng.random(n) < h["source"])
    p = np.tile(np.array(h["easy"][:t]), (n, 1))
    p[hard, 0] = np.where(source[hard], h["via_source"][0], h["without_source"][0])
    p[hard, 1] = np.where(source[hard], h["via_source"][1], h["without_source"][1])
    p[hard, 2:] = np.array(h["hard_rest"][:t - 2])
    mark = np.where(source, 1, np.where(hard, 2, 0))
    return _capture(p, rng), mark


_SCENARIOS = {
    "remoteness_gradient": _remoteness_gradient,
    "merged_list": _merged_list,
    "vast_thin": _vast_thin,
    "access_drift": _access_drift,
    "hidden_group_sharing": _hidden_group_sharing,
}


def _table(entities: np.ndarray, t: int) -> CaptureTable:
    """The capture-history table of the persons counted (each row seen on some list)."""
    return CaptureTable.from_histories([f"L{j + 1}" for j in range(t)], entities.astype(int))
