"""Victims and incidents of the osprey profile.

Three kinds of violence, with the facts that shape the lists:

- the coast, 6-10 March 2025 (Latakia, Tartus, Hama countryside): mostly Alawite
  civilians, many killed at home with relatives, whole households at once;
- Sweida, 13-20 July 2025: mostly Druze, also Bedouin and Christian residents;
- smaller incidents across governorates, December 2024 - October 2025: one or two
  victims at a time (assassinations, shootings, explosions).

Households are built the way Syrian names work: children carry their father's
given name as their father's name and their grandfather's as their grandfather's;
an eldest son is often named after his paternal grandfather; a married woman keeps
her own father's family name; brothers share father and grandfather.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tally.simulate.osprey.names import Entry, pools
from tally.simulate.osprey.places import PLACES, Place


@dataclass(frozen=True)
class Phase:
    name: str
    weight: float          # share of incidents drawn from this phase (before sizes)
    start: dt.date
    end: dt.date
    governorates: dict[str, float]
    communities: dict[str, float]
    size_mean: float       # mean victims per incident
    household_share: float  # share of incidents that kill a household together
    combatant_share: float


PHASES: tuple[Phase, ...] = (
    Phase("coast", 0.09, dt.date(2025, 3, 6), dt.date(2025, 3, 10),
          {"Latakia": 55, "Tartus": 30, "Hama": 10, "Homs": 5},
          {"alawite": 0.9, "christian": 0.04, "sunni": 0.06}, 7.0, 0.7, 0.08),
    Phase("sweida", 0.07, dt.date(2025, 7, 13), dt.date(2025, 7, 20),
          {"Sweida": 90, "Daraa": 10},
          {"druze": 0.8, "bedouin": 0.13, "christian": 0.07}, 5.0, 0.55, 0.2),
    Phase("smaller", 0.84, dt.date(2024, 12, 8), dt.date(2025, 10, 31),
          {"Homs": 18, "Hama": 10, "Latakia": 8, "Tartus": 4, "Damascus": 8, "Rif Dimashq": 10,
           "Daraa": 12, "Deir ez-Zor": 12, "Idlib": 8, "Aleppo": 8, "Sweida": 2},
          {}, 1.6, 0.15, 0.3),
)

#: Community mix by governorate for the smaller incidents.
MIX: dict[str, dict[str, float]] = {
    "Homs": {"sunni": 0.55, "alawite": 0.35, "christian": 0.1},
    "Hama": {"sunni": 0.7, "alawite": 0.2, "christian": 0.1},
    "Latakia": {"alawite": 0.7, "sunni": 0.25, "christian": 0.05},
    "Tartus": {"alawite": 0.8, "sunni": 0.1, "christian": 0.1},
    "Damascus": {"sunni": 0.6, "christian": 0.3, "alawite": 0.1},
    "Rif Dimashq": {"sunni": 0.5, "druze": 0.4, "christian": 0.1},
    "Daraa": {"sunni": 0.8, "bedouin": 0.2},
    "Deir ez-Zor": {"sunni": 0.6, "bedouin": 0.4},
    "Idlib": {"sunni": 1.0}, "Aleppo": {"sunni": 0.95, "christian": 0.05},
    "Sweida": {"druze": 0.85, "christian": 0.1, "bedouin": 0.05},
}
COORDS = {"Latakia": (35.52, 35.79), "Tartus": (34.89, 35.89), "Hama": (35.13, 36.75),
          "Homs": (34.73, 36.71), "Sweida": (32.71, 36.57), "Daraa": (32.62, 36.1),
          "Damascus": (33.51, 36.29), "Rif Dimashq": (33.5, 36.4), "Deir ez-Zor": (35.33, 40.14),
          "Idlib": (35.93, 36.63), "Aleppo": (36.2, 37.16)}

#: Probability that an eldest son is named after his paternal grandfather.
ELDEST_AFTER_GRANDFATHER = 0.5
#: A village's victims often belong to a few large families: the share of an incident's
#: households and single victims whose family name is one of the incident's two clans.
CLAN_SHARE = 0.65


@dataclass
class Person:
    person_id: str
    incident_id: str
    household: str
    role: str
    given: Entry
    father: Entry
    grandfather: Entry
    family: Entry
    mother: Entry
    sex: str
    age: int
    community: str
    status: str
    date: dt.date
    place: Place
    phase: str
    easy: bool
    spouse: Entry | None = None   # a wife's husband (for "زوجة X")
    spouse_family: Entry | None = None  # his family name (she keeps her own)
    eldest: Entry | None = None   # eldest child's given name (for kunyas "أبو X" / "أم X")


@dataclass
class Incident:
    incident_id: str
    phase: Phase
    date: dt.date
    place: Place
    victims: list


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


class Population:
    """Draws incidents one at a time (streamed: memory stays bounded at any size)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pools = pools(random.Random(rng.random()))
        self.n_inc = 0
        self.n_person = 0
        self.n_house = 0

    def _name(self, com: str, kind: str) -> Entry:
        return self.pools[(com, kind)].draw(self.rng)

    def _person(self, inc: Incident, house: str, role: str, com: str, sex: str, age: int, *,
                given=None, father=None, grandfather=None, family=None, status="civilian") -> Person:
        self.n_person += 1
        rng = self.rng
        return Person(
            f"OP{self.n_person:07d}", inc.incident_id, house, role,
            given or self._name(com, "m" if sex == "male" else "f"),
            father or self._name(com, "m"), grandfather or self._name(com, "m"),
            family or self._name(com, "fam"), self._name(com, "f"), sex, age, com, status,
            inc.date, inc.place, inc.phase.name, rng.random() < 0.6)

    def _clan(self, com: str, clans: dict) -> Entry | None:
        if self.rng.random() < CLAN_SHARE:
            if com not in clans:
                clans[com] = (self._name(com, "fam"), self._name(com, "fam"))
            return self.rng.choice(clans[com])
        return None

    def _household(self, inc: Incident, com: str, n: int, clans: dict) -> list[Person]:
        rng = self.rng
        self.n_house += 1
        house = f"OH{self.n_house:07d}"
        head = self._person(inc, house, "father", com, "male", rng.randint(32, 72),
                            family=self._clan(com, clans))
        out = [head]
        if n > 1:
            wife = self._person(inc, house, "mother", com, "female",
                                max(18, head.age - rng.randint(0, 10)))
            wife.spouse, wife.spouse_family = head.given, head.family
            out.append(wife)
        kids = []
        while len(out) < n:
            if len(out) >= 3 and rng.random() < 0.15:  # a brother of the head, same lineage
                out.append(self._person(inc, house, "uncle", com, "male", max(18, head.age + rng.randint(-12, 12)),
                                        father=head.father, grandfather=head.grandfather, family=head.family))
                continue
            sex = "male" if rng.random() < 0.5 else "female"
            age = max(0, head.age - rng.randint(20, 34) - 2 * len(kids))
            given = None
            if sex == "male" and not any(k.sex == "male" for k in kids) and rng.random() < ELDEST_AFTER_GRANDFATHER:
                given = head.father
            kid = self._person(inc, house, "child", com, sex, age, given=given, father=head.given,
                               grandfather=head.father, family=head.family)
            kids.append(kid)
            out.append(kid)
        if kids:
            for p in out[:2]:
                p.eldest = kids[0].given
        return out

    def next_incident(self) -> Incident:
        rng = self.rng
        phase = rng.choices(PHASES, [p.weight for p in PHASES])[0]
        gov = _pick(rng, phase.governorates)
        place = rng.choice(PLACES[gov])
        date = phase.start + dt.timedelta(days=rng.randint(0, (phase.end - phase.start).days))
        self.n_inc += 1
        inc = Incident(f"OI{self.n_inc:06d}", phase, date, place, [])
        size = 1
        while rng.random() > 1.0 / phase.size_mean:
            size += 1
        mix = phase.communities or MIX[gov]
        left = size
        clans: dict = {}
        while left > 0:
            com = _pick(rng, mix)
            if left >= 2 and rng.random() < phase.household_share:
                n = min(left, 2 + int(rng.expovariate(1 / 2.5)))
                inc.victims.extend(self._household(inc, com, n, clans))
            else:
                n = 1
                sex = "male" if rng.random() < 0.82 else "female"
                status = "combatant" if rng.random() < phase.combatant_share else "civilian"
                self.n_house += 1
                inc.victims.append(self._person(inc, f"OH{self.n_house:07d}", "single", com, sex,
                                                rng.randint(14, 80), status=status,
                                                family=self._clan(com, clans)))
            left -= n
        return inc
