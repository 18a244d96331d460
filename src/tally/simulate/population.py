"""The dead: incidents, and the victims of each, with their true attributes.

Incidents are drawn one at a time (so any number can be streamed): a phase
(background violence, the coast in March 2025, Sweida in July 2025), a date
and village in it, a type and an alleged perpetrator, then its victims —
often relatives killed together, who share family, father's and
grandfather's names — with community, sex, age and status.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from itertools import accumulate

from tally.simulate.config import COMMUNITY_MIX, PHASES, Phase
from tally.simulate.tables import Name, Place, name_pools, places_by_governorate


@dataclass
class Person:
    person_id: str
    incident_id: str
    given: Name
    father: Name
    grandfather: Name
    family: Name
    mother: Name
    sex: str
    age: int
    community: str
    status: str
    place: Place
    date: dt.date
    cause: str
    perpetrator: str
    easy: bool = True
    kunya: Name | None = None  # the eldest son's name, for "Abu X"
    household: str = ""


@dataclass
class Incident:
    incident_id: str
    phase: str
    date: dt.date
    place: Place
    type: str
    perpetrator: str
    victims: list[Person] = field(default_factory=list)


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, cum_weights=list(accumulate(weights[k] for k in keys)))[0]


class PopulationGenerator:
    """Draws incidents with their victims, one at a time, from one generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pools = name_pools()
        self.places: dict[str, tuple[Place, ...]] = places_by_governorate()
        self.phase_weights = {p.name: p.share / p.size_mean for p in PHASES}
        self.phases = {p.name: p for p in PHASES}
        self.n_incidents = 0
        self.n_persons = 0
        self.n_households = 0

    # -- incidents -------------------------------------------------------
    def next_incident(self) -> Incident:
        rng = self.rng
        phase = self.phases[_weighted(rng, self.phase_weights)]
        gov = _weighted(rng, {k: v for k, v in phase.governorates.items() if k in self.places}
                        or {next(iter(self.places)): 1.0})
        places = self.places[gov]
        # towns are likelier than villages; in a wave, the places named in
        # public reporting of it are likelier still
        wave = phase.name != "background"
        weights = [p.weight * (6.0 if wave and p.reported else 1.0) for p in places]
        place = rng.choices(places, weights=weights)[0]
        self.n_incidents += 1
        incident = Incident(
            incident_id=f"I{self.n_incidents:07d}",
            phase=phase.name,
            date=self._date(phase),
            place=place,
            type=_weighted(rng, phase.types),
            perpetrator=_weighted(rng, phase.perpetrators),
        )
        n = self._size(phase, incident.type)
        self._victims(incident, phase, n)
        return incident

    def _date(self, phase: Phase) -> dt.date:
        days = (phase.end - phase.start).days
        if phase.name == "background":
            offset = self.rng.randint(0, days)
        else:  # most killings in the first days of a wave
            offset = min(days, int(self.rng.triangular(0, days + 1, 1)))
        return phase.start + dt.timedelta(days=offset)

    def _size(self, phase: Phase, kind: str) -> int:
        rng = self.rng
        if kind in ("assassination",):
            return 1
        if phase.size_mean <= 2:
            n = 1
            while rng.random() < 1 - 1 / phase.size_mean and n < 12:
                n += 1
            return n
        sigma = 0.9
        mu = math.log(phase.size_mean) - sigma * sigma / 2
        return max(1, min(150, round(rng.lognormvariate(mu, sigma))))

    # -- victims ---------------------------------------------------------
    def _community(self, phase: Phase, gov: str) -> str:
        if phase.target and self.rng.random() < phase.target_share:
            return phase.target
        return _weighted(self.rng, COMMUNITY_MIX.get(gov, {"sunni": 1.0}))

    def _victims(self, incident: Incident, phase: Phase, n: int) -> None:
        rng = self.rng
        gov = incident.place.gov_id
        combatant_share = phase.combatant_share * (2.5 if incident.type == "clashes" else 1.0)
        left = n
        while left > 0:
            if left >= 2 and rng.random() < phase.family_share:
                size = min(left, rng.choice((2, 2, 2, 3, 3, 4, 5)))
            else:
                size = 1
            community = self._community(phase, gov)
            self._household(incident, community, size, min(0.95, combatant_share))
            left -= size

    def _name(self, role: str, community: str) -> Name:
        return self.pools[(role, community)].draw(self.rng)

    def _household(self, incident: Incident, community: str, size: int, combatant_share: float) -> None:
        rng = self.rng
        self.n_households += 1
        household = f"H{self.n_households:07d}"
        family = self._name("family", community)
        if size == 1:
            self._person(incident, household, community, family, self._name("given_m", community),
                         self._name("given_m", community), self._name("given_f", community),
                         None, combatant_share)
            return
        shape = rng.choice(("siblings", "parent", "cousins"))
        grandfather = self._name("given_m", community)
        father = self._name("given_m", community)
        mother = self._name("given_f", community)
        if shape == "parent":
            # a father and his children: the children's father is him
            head = self._person(incident, household, community, family, grandfather,
                                self._name("given_m", community), self._name("given_f", community),
                                father, combatant_share, sex="male", age=rng.randint(40, 78))
            children = []
            for i in range(size - 1):
                given = grandfather if i == 0 and rng.random() < 0.2 else None
                children.append(self._person(
                    incident, household, community, family, father, grandfather, mother, given,
                    combatant_share, child_of=head, is_son=(i == 0)))
            sons = [c for c in children if c.sex == "male"]
            if sons:
                head.kunya = max(sons, key=lambda c: c.age).given
            return
        for _ in range(size):
            f = father if shape == "siblings" else self._name("given_m", community)
            m = mother if shape == "siblings" else self._name("given_f", community)
            self._person(incident, household, community, family, f, grandfather, m, None,
                         combatant_share)

    def _person(self, incident: Incident, household: str, community: str, family: Name,
                father: Name, grandfather: Name, mother: Name, given: Name | None,
                combatant_share: float, *, sex: str | None = None, age: int | None = None,
                child_of: Person | None = None, is_son: bool = False) -> Person:
        rng = self.rng
        status = "combatant" if rng.random() < combatant_share else "civilian"
        if sex is None:
            if status == "combatant" or is_son:
                sex = "male"
            else:
                sex = "female" if rng.random() < 0.27 else "male"
        if age is None:
            if child_of is not None:
                age = max(0, child_of.age - rng.randint(18, 40))
            elif status == "combatant":
                age = rng.randint(18, 50)
            else:
                u = rng.random()
                age = rng.randint(0, 17) if u < 0.2 else rng.randint(18, 59) if u < 0.85 else rng.randint(60, 92)
        if status == "combatant" and age < 18:
            status = "civilian"
        if given is None:
            given = self._name("given_m" if sex == "male" else "given_f", community)
        self.n_persons += 1
        p = Person(
            person_id=f"P{self.n_persons:08d}", incident_id=incident.incident_id,
            given=given, father=father, grandfather=grandfather, family=family, mother=mother,
            sex=sex, age=age, community=community, status=status, place=incident.place,
            date=incident.date, cause=incident.type, perpetrator=incident.perpetrator,
            household=household,
        )
        if sex == "male" and age >= 25 and p.kunya is None and rng.random() < 0.6:
            p.kunya = self._name("given_m", community)
        incident.victims.append(p)
        return p
