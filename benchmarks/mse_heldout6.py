"""A sixth held-out family of capture-recapture tables (Estimate II, issue #16).

Written apart from the estimator and committed before anyone fitted a table of it.
Five scenarios, each drawn for 3, 4 or 5 lists with the true number of victims N
(everyone, seen or not):

    .venv/bin/python benchmarks/mse_misspecification.py --heldout6 --reps 50
    .venv/bin/python benchmarks/mse_misspecification.py --heldout6 --draw-only --reps 2

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
HELDOUT6 = ("massacre_visibility", "one_list_inside", "detention_deaths",
            "false_deaths", "gap_filling_list")

#: Whether the truth can be recovered in principle from the table alone, by list count.
IDENTIFIABLE = {
    "massacre_visibility": {3: True, 4: True, 5: True},
    "one_list_inside": {3: True, 4: True, 5: True},
    "detention_deaths": {3: False, 4: True, 5: True},
    "false_deaths": {3: False, 4: False, 5: False},
    "gap_filling_list": {3: True, 4: True, 5: True},
}


def simulate_heldout6(scenario: str, t: int, rng: np.random.Generator) -> tuple[CaptureTable, int]:
    """One table over ``t`` lists as the linker would hand it over, and the true N."""
    people, entities = draw_people(scenario, t, rng)
    return _table(entities, t), int(people.shape[0])


def draw_people(scenario: str, t: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``(people, entities)``: every victim's true capture history (N rows, the unseen
    included) and the histories of the persons the table counts (the seen victims, plus
    the false entries of the scenario that has them)."""
    if t not in (3, 4, 5):
        raise ValueError(f"the family is drawn for 3, 4 or 5 lists, not {t}")
    try:
        draw = _SCENARIOS[scenario]
    except KeyError:
        raise ValueError(scenario) from None
    people, entities = draw(t, rng)
    if entities is None:
        entities = people[people.any(axis=1)]
    return people, entities


def news_lists(t: int) -> int:
    """How many of massacre_visibility's ``t`` lists are news lists (the rest document)."""
    return 3 if t == 5 else 2


def draw_incidents(t: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(people, incident, news)`` of :func:`_massacre_visibility`: each victim's
    history, the index of its incident, and which columns are news lists (the same
    draws, so the tests can see the incidents)."""
    n = int(rng.choice([2000, 6000]))
    large_share = rng.uniform(0.3, 0.6)
    small = _sizes(lambda k: 1 + rng.poisson(0.4, size=k), (1 - large_share) * n)
    large = _sizes(lambda k: np.minimum(10 + np.floor(10 * rng.pareto(1.2, size=k)), 300).astype(int),
                   large_share * n)
    sizes = np.concatenate([small, large])
    incident = np.repeat(np.arange(sizes.size), sizes)
    people = np.zeros((incident.size, t), dtype=bool)
    k = news_lists(t)
    scale = rng.uniform(3.0, 10.0, size=k)
    named = rng.uniform(0.5, 0.9, size=k)
    noticed = rng.random((sizes.size, k)) < 1 - np.exp(-sizes[:, None] / scale[None, :])
    people[:, :k] = noticed[incident] & (rng.random((incident.size, k)) < named)
    people[:, k:] = rng.random((incident.size, t - k)) < rng.uniform(0.2, 0.45, size=t - k)
    order = rng.permutation(t)
    return people[:, order], incident, order < k


def _sizes(draw, total: float) -> np.ndarray:
    """Incident sizes drawn in batches until they hold ``total`` victims."""
    out = []
    held = 0
    while held < total:
        batch = draw(64)
        out.append(batch)
        held += int(batch.sum())
    sizes = np.concatenate(out)
    return sizes[: int(np.searchsorted(np.cumsum(sizes), total)) + 1]


def _massacre_visibility(t: int, rng: np.random.Generator):
    """News lists notice an incident more often the more people it killed.

    Small incidents of 1 + Poisson(0.4) dead and large ones of 10 + 10 Pareto(1.2) dead
    (at most 300); the large ones hold 30-60% of the victims; N about 2,000 or 6,000.
    News lists (2 at 3-4 lists, 3 at 5) notice an incident of size s with probability
    1 - exp(-s / k), k 3-10 per list, and name each of its dead at 50-90%;
    documentation lists record each victim at 20-45%, whatever the incident.
    List order shuffled.
    """
    people, _, _ = draw_incidents(t, rng)
    return people, None


def draw_area(t: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, int]:
    """``(people, area, inside)`` of :func:`_one_list_inside`: each victim's history,
    whether the victim died in the closed area, and the inside list's column."""
    n = int(rng.choice([1500, 5000]))
    area = rng.random(n) < rng.uniform(0.15, 0.35)
    p = np.where(area[:, None], rng.uniform(0.0, 0.02, size=t)[None, :],
                 rng.uniform(0.2, 0.45, size=t)[None, :])
    inside = int(rng.integers(t))
    p[:, inside] = rng.uniform(0.3, 0.5)
    return rng.random((n, t)) < p, area, inside


def _one_list_inside(t: int, rng: np.random.Generator):
    """One area is closed to every list but one.

    N = 1,500 or 5,000; the area holds 15-35% of the victims. The list inside records
    30-50% of the victims everywhere, inside and outside alike; each other list records
    20-45% outside the area and 0-2% inside. Lists independent given the area. The
    inside list's position is random.
    """
    people, _, _ = draw_area(t, rng)
    return people, None


def _detention_deaths(t: int, rng: np.random.Generator):
    """Deaths in detention, recorded well by one list only.

    N = 2,000 or 6,000; 15-30% died in detention. The detention list records 40-60% of
    those and no one else; each other list records 3-10% of the detention deaths and
    20-45% of the rest. Lists independent given the group. The detention list's
    position is random.
    """
    n = int(rng.choice([2000, 6000]))
    detained = rng.random(n) < rng.uniform(0.15, 0.3)
    p = np.where(detained[:, None], rng.uniform(0.03, 0.1, size=t)[None, :],
                 rng.uniform(0.2, 0.45, size=t)[None, :])
    det = int(rng.integers(t))
    p[:, det] = np.where(detained, rng.uniform(0.4, 0.6), 0.0)
    return rng.random((n, t)) < p, None


def _false_deaths(t: int, rng: np.random.Generator):
    """A fast list names people as dead who are alive; other lists repeat some.

    N = 1,500 or 5,000 victims, recorded independently at 15-40% per list. The fast
    list also holds false entries numbering 15-35% of its true ones; each other list
    repeats a false entry with probability 3-12%. The fast list's position is random.
    """
    n = int(rng.choice([1500, 5000]))
    people = rng.random((n, t)) < rng.uniform(0.15, 0.4, size=t)
    fast = int(rng.integers(t))
    false = np.zeros((int(round(people[:, fast].sum() * rng.uniform(0.15, 0.35))), t), dtype=bool)
    false[:] = rng.random(false.shape) < rng.uniform(0.03, 0.12, size=t)
    false[:, fast] = True
    return people, np.vstack([people[people.any(axis=1)], false])


def _gap_filling_list(t: int, rng: np.random.Generator):
    """One list seeks out the dead that the other lists have not recorded.

    N = 2,000 or 6,000. The other lists record 15-40% each, independently. The gap list
    records 30-50% of the victims on no other list, and 10-30% of that rate among the
    victims some other list already holds. Its position is random.
    """
    n = int(rng.choice([2000, 6000]))
    people = rng.random((n, t)) < rng.uniform(0.15, 0.4, size=t)
    gap = int(rng.integers(t))
    elsewhere = np.delete(people, gap, axis=1).any(axis=1)
    rate = rng.uniform(0.3, 0.5)
    people[:, gap] = rng.random(n) < np.where(elsewhere, rate * rng.uniform(0.1, 0.3), rate)
    return people, None


_SCENARIOS = {
    "massacre_visibility": _massacre_visibility,
    "one_list_inside": _one_list_inside,
    "detention_deaths": _detention_deaths,
    "false_deaths": _false_deaths,
    "gap_filling_list": _gap_filling_list,
}
assert tuple(_SCENARIOS) == HELDOUT6


def _table(entities: np.ndarray, t: int) -> CaptureTable:
    """The capture-history table of the persons counted (each row seen on some list)."""
    return CaptureTable.from_histories([f"L{j + 1}" for j in range(t)], entities.astype(int))
