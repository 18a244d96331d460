"""Which sources document which victim.

Capture is heterogeneous and dependent, as in real casualty documentation:

- each victim belongs to a latent class, *easy* or *hard* to document, and
  every list captures easy victims far more often (heterogeneity that
  independence models cannot see);
- each list covers governorates unevenly and combatants differently;
- some lists copy from another (``depends_on``): when the parent list has the
  victim, the odds that the child list has them are multiplied (positive
  list dependence).
"""

from __future__ import annotations

import random

from tally.simulate.config import EASY_SHARE, SOURCES, SourceProfile
from tally.simulate.population import Person


def capture_probability(profile: SourceProfile, person: Person, captured: dict[str, bool]) -> float:
    p = profile.capture[0 if person.easy else 1]
    p *= profile.coverage.get(person.place.gov_id, 1.0)
    if person.status == "combatant":
        p *= profile.combatant_factor
    p = min(p, 0.97)
    if profile.depends_on and captured.get(profile.depends_on):
        odds = p / (1 - p) * profile.dependence_odds
        p = odds / (1 + odds)
    return min(p, 0.97)


def capture_person(person: Person, rng: random.Random,
                   sources: tuple[SourceProfile, ...] = SOURCES) -> dict[str, bool]:
    """Draw the latent class and each list's capture; in ``sources`` order."""
    person.easy = rng.random() < EASY_SHARE
    captured: dict[str, bool] = {}
    for profile in sources:
        captured[profile.id] = rng.random() < capture_probability(profile, person, captured)
    return captured
