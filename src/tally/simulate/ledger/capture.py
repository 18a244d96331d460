"""Who reaches which list in the `ledger` profile.

Lists document incidents, not people one by one: a rights group that hears of a
massacre lists most of its victims, one that does not lists none. Each list
therefore first reaches an incident (with a probability by its kind, place and
size) and then names each of its victims with a probability of its own. Hospital
registers only reach towns whose bodies go to a working hospital; community
pages exist for the coast and Sweida far more than elsewhere; news lists reach
large incidents; the civil registry reaches few; the English monitor works
partly from the Arabic rights group's list.
"""

from __future__ import annotations

import random

from tally.simulate.ledger.people import Incident, Person

# list order: hrg-ar, mon-en, news-en, news-fr, hosp, page, civreg
_HOSPITAL = {"SY06": 0.75, "SY10": 0.75, "SY13": 0.55, "SY04": 0.5, "SY05": 0.5, "SY01": 0.6, "SY03": 0.4}
_PAGES = {"SY06": 0.6, "SY10": 0.6, "SY05": 0.45, "SY13": 0.65, "SY04": 0.3}
_REGISTRY = {"SY06": 0.3, "SY10": 0.35, "SY04": 0.25, "SY05": 0.25, "SY01": 0.35, "SY03": 0.2, "SY13": 0.2}


class Capture:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def incident(self, inc: Incident) -> tuple[float, ...]:
        """Per list: the probability of naming each victim (0 when the list missed the incident)."""
        rng, gov, n = self.rng, inc.place.gov, len(inc.victims)
        kurd = inc.place.community == "kurd"
        reach = (
            (0.8 if not kurd else 0.5, 0.75),
            (0.7, 0.6),
            (min(0.85, 0.12 + 0.06 * n), 0.5),
            (min(0.6, 0.05 + 0.04 * n), 0.45),
            (_HOSPITAL.get(gov, 0.2), 0.7),
            (_PAGES.get(gov, 0.12), 0.8),
            (_REGISTRY.get(gov, 0.08), 0.7),
        )
        return tuple(within * rng.uniform(0.6, 1.25) if rng.random() < p else 0.0 for p, within in reach)

    def person(self, person: Person, reach: tuple[float, ...]) -> list[bool]:
        rng = self.rng
        flags = [rng.random() < min(0.97, p) for p in reach]
        if flags[0] and reach[1]:  # the monitor copies from the Arabic list
            flags[1] = flags[1] or rng.random() < 0.35
        if person.status == "combatant":
            flags[4] = flags[4] or (reach[4] > 0 and rng.random() < 0.3)
        return flags
