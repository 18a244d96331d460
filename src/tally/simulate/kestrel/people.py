"""Victims: incidents of households, with the names a family really carries.

A mass killing reaches a village's homes: several households die together, a household
often head, wife, children and sometimes the head's father. Arabic names are chained —
a child's father name is the head's given name and its grandfather name the head's father
name; the eldest son is often named after his grandfather; wives keep their own family
name. Brothers' households in one village share family and grandfather names, so cousins
differ by father name only. Siblings are sometimes named one letter apart (سلمى / لمى).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from tally.simulate.kestrel import facts
from tally.simulate.kestrel.names import NEAR, pools
from tally.simulate.kestrel.places import Place, places

ELDEST_AFTER_GRANDFATHER = 0.45
SIBLING_NEAR_NAME = 0.15


@dataclass
class Person:
    person_id: str
    incident_id: str
    household_id: str
    phase: str
    role: str
    given: str
    father: str
    grandfather: str
    family: str
    mother: str
    sex: str
    age: int
    community: str
    status: str
    date: dt.date
    place: Place
    easy: bool = True
    hh_size: int = 1
    husband: tuple[str, str] = ("", "")  # a wife's husband: given and family name


@dataclass
class Incident:
    incident_id: str
    phase: str
    date: dt.date
    place: Place
    victims: list[Person] = field(default_factory=list)


def _pick(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def _geom(rng: random.Random, mean: float) -> int:
    """0, 1, 2, ... with the given mean."""
    if mean <= 0:
        return 0
    p = 1 / (1 + mean)
    n = 0
    while rng.random() > p:
        n += 1
    return n


class Population:
    """Draws incidents one at a time, each a list of :class:`Person`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n_people = 0
        self.n_households = 0
        self.n_incidents = 0
        self.phase_weights = [p.share / p.incident_mean for p in facts.PHASES]
        self.span = (facts.END - facts.START).days

    def _given(self, community: str, sex: str, avoid: set[str]) -> str:
        male, female, _ = pools()[community]
        pool = male if sex == "male" else female
        for _ in range(8):
            name = pool.draw(self.rng)
            if name not in avoid:
                return name
        return name

    def _person(self, inc: Incident, hh: str, role: str, community: str, given: str, father: str,
                grandfather: str, family: str, mother: str, sex: str, age: int, phase) -> Person:
        self.n_people += 1
        civilian = role != "single" or sex == "female" or age < 18 or self.rng.random() < phase.civilian_share
        p = Person(f"KP{self.n_people:07d}", inc.incident_id, hh, inc.phase, role, given, father,
                   grandfather, family, mother, sex, age, community,
                   "civilian" if civilian else "combatant", inc.date, inc.place,
                   easy=self.rng.random() < 0.62)
        inc.victims.append(p)
        return p

    def next_incident(self) -> Incident:
        rng = self.rng
        phase = rng.choices(facts.PHASES, self.phase_weights)[0]
        if phase.days:
            date = _pick(rng, phase.days)
        else:
            date = facts.START + dt.timedelta(days=rng.randrange(self.span + 1))
        gov = _pick(rng, phase.governorates)
        villages = places()[gov]
        place = villages[min(int(rng.paretovariate(1.1)) - 1, len(villages) - 1)] \
            if rng.random() < 0.5 else rng.choice(villages)
        self.n_incidents += 1
        inc = Incident(f"KI{self.n_incidents:06d}", phase.name, date, place)
        communities = phase.communities or facts.REGION_COMMUNITIES[gov]
        main = _pick(rng, communities)
        remaining = 1 + _geom(rng, phase.incident_mean - 1)
        last_head = None
        while remaining > 0:
            community = main if rng.random() < 0.9 else _pick(rng, communities)
            size = 1 if rng.random() < phase.household_single else 2 + _geom(rng, 1.8)
            size = min(size, remaining)
            remaining -= size
            brother = last_head if (last_head is not None and last_head.community == community
                                    and rng.random() < phase.brother_household) else None
            head = self._household(inc, phase, community, size, brother)
            if head is not None:
                last_head = head
        return inc

    def _household(self, inc: Incident, phase, community: str, size: int, brother):
        rng = self.rng
        male, female, fams = pools()[community]
        self.n_households += 1
        hh = f"KH{self.n_households:07d}"
        start = len(inc.victims)
        if brother is not None:
            family, father, grandfather = brother.family, brother.father, brother.grandfather
        else:
            family, father, grandfather = fams.draw(rng), male.draw(rng), male.draw(rng)
        if size == 1:
            sex = "male" if rng.random() < phase.male_share_single else "female"
            age = rng.choice((rng.randint(18, 45), rng.randint(18, 75), rng.randint(3, 17)))
            given = self._given(community, sex, {father} if sex == "male" else set())
            p = self._person(inc, hh, "single", community, given, father, grandfather, family,
                             female.draw(rng), sex, age, phase)
            for v in inc.victims[start:]:
                v.hh_size = 1
            return p if sex == "male" and age >= 25 else None
        head_age = rng.randint(28, 68)
        head = self._person(inc, hh, "head", community, self._given(community, "male", {father}),
                            father, grandfather, family, female.draw(rng), "male", head_age, phase)
        left = size - 1
        if left >= 2 and rng.random() < 0.15:  # the head's father, killed with them
            self._person(inc, hh, "grandfather", community, father, grandfather, male.draw(rng),
                         family, female.draw(rng), "male", min(95, head_age + rng.randint(22, 35)), phase)
            left -= 1
        wife = None
        if left >= 1 and rng.random() < 0.6:
            wfam = fams.draw(rng)
            wife = self._person(inc, hh, "wife", community, female.draw(rng), male.draw(rng),
                                male.draw(rng), wfam, female.draw(rng), "female",
                                max(18, head_age - rng.randint(0, 10)), phase)
            wife.husband = (head.given, head.family)
            left -= 1
        mother = wife.given if wife else female.draw(rng)
        names: set[str] = set()
        siblings: list[tuple[str, str]] = []
        for k in range(left):
            sex = "male" if rng.random() < 0.52 else "female"
            given = None
            if k == 0 and sex == "male" and rng.random() < ELDEST_AFTER_GRANDFATHER:
                given = father
            elif siblings and rng.random() < SIBLING_NEAR_NAME:
                near = [NEAR[g] for g, s in siblings if s == sex and g in NEAR and NEAR[g] not in names]
                given = near[0] if near else None
            if given is None or given in names:
                given = self._given(community, sex, names | {head.given})
            names.add(given)
            siblings.append((given, sex))
            age = max(0, min(head_age - 18, int(rng.triangular(0, head_age - 18, 8))))
            self._person(inc, hh, "child", community, given, head.given, father, family,
                         mother, sex, age, phase)
        for v in inc.victims[start:]:
            v.hh_size = size
        return head
