"""Which sources document which victim.

Capture is heterogeneous and dependent, as in real casualty documentation:

- each victim belongs to a latent class, *easy* or *hard* to document, and
  every list captures easy victims far more often (heterogeneity that
  independence models cannot see);
- each list covers governorates unevenly and combatants differently;
- some lists copy from another (``depends_on``): when the parent list has the
  victim, the odds that the child list has them are multiplied (positive
  list dependence);
- a list hears of some incidents more than others: each (incident, list)
  draws an odds multiplier (log-normal, :data:`~tally.simulate.config.INCIDENT_EFFECT_SD`),
  so the victims of one incident tend to be documented together.
"""

from __future__ import annotations

import random

from tally.simulate.config import EASY_SHARE, INCIDENT_EFFECT_SD, SOURCES, SourceProfile
from tally.simulate.population import Person


def incident_effects(rng: random.Random, sources: tuple[SourceProfile, ...] = SOURCES) -> dict[str, float]:
    """Odds multipliers of one incident for each list (median 1)."""
    return {s.id: rng.lognormvariate(0.0, INCIDENT_EFFECT_SD) for s in sources}


def capture_probability(profile: SourceProfile, person: Person, captured: dict[str, bool],
                        effect: float = 1.0) -> float:
    p = profile.capture[0 if person.easy else 1]
    p *= profile.coverage.get(person.place.gov_id, 1.0)
    if person.status == "combatant":
        p *= profile.combatant_factor
    p = min(p, 0.97)
    odds = p / (1 - p) * effect
    if profile.depends_on and captured.get(profile.depends_on):
        odds *= profile.dependence_odds
    return min(odds / (1 + odds), 0.97)


def capture_person(person: Person, rng: random.Random,
                   sources: tuple[SourceProfile, ...] = SOURCES,
                   effects: dict[str, float] | None = None) -> dict[str, bool]:
    """Draw the latent class and each list's capture; in ``sources`` order."""
    person.easy = rng.random() < EASY_SHARE
    captured: dict[str, bool] = {}
    for profile in sources:
        effect = effects.get(profile.id, 1.0) if effects else 1.0
        captured[profile.id] = rng.random() < capture_probability(profile, person, captured, effect)
    return captured
