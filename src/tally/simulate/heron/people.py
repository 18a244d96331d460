"""heron's victims: incidents, and the extended families killed together in them.

Published accounts of the March 2025 coastal killings (SNHR, Syrian Network for Human
Rights; UN Commission of Inquiry) and of Sweida in July 2025 describe men taken from
homes and families killed in their villages: several generations of one lineage in one
incident. So each incident's victims are drawn in groups from extended-family trees —
a patriarch, his sons and unmarried daughters, the sons' wives (who keep their own
family name) and children (who carry father and grandfather names; the eldest son is
often named after his grandfather). Villages hold a few dominant lineages, so the same
family and given names recur in other incidents of the same place (namesakes).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tally.simulate.heron.names import NEAR, Names
from tally.simulate.heron.places import PLACES, Place

START, END = dt.date(2024, 12, 8), dt.date(2025, 10, 31)

#: phase -> (share of incidents before size weighting, governorates, days, mean group count)
PHASES = {
    "coast-2025-03": (("lat", "tar", "ham", "hom"), (dt.date(2025, 3, 6), dt.date(2025, 3, 10))),
    "sweida-2025-07": (("swd",), (dt.date(2025, 7, 13), dt.date(2025, 7, 20))),
    "other": (None, (START, END)),
}
#: per incident drawn: phase probabilities (mass-killing phases have larger incidents)
PHASE_P = (("coast-2025-03", 0.14), ("sweida-2025-07", 0.13), ("other", 0.73))
#: the targeted community of each mass-killing phase
TARGET = {"coast-2025-03": ("alawite", 0.85), "sweida-2025-07": ("druze", 0.82)}


@dataclass
class Person:
    person_id: str
    incident_id: str
    household_id: str
    role: str
    community: str
    sex: str
    age: int
    given: str
    father: str
    grandfather: str
    family: str
    mother: str          # mother's given name
    mother_family: str
    tribe: str           # Bedouin tribal nisba, else ""
    laqab: str           # by-name, else ""
    kunya: str           # "أبو X" after the eldest son, else ""
    status: str
    date: dt.date
    place: Place
    phase: str
    easy: bool
    married_into: str = ""   # a wife's husband's family (she keeps her own)


@dataclass
class Incident:
    incident_id: str
    phase: str
    date: dt.date
    place: Place
    victims: list


def _weighted(rng: random.Random, items):
    items = list(items)
    x = rng.random() * sum(w for _, w in items)
    for k, w in items:
        x -= w
        if x <= 0:
            return k
    return items[-1][0]


class Population:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = Names()
        self.n_inc = 0
        self.n_person = 0
        self.n_house = 0
        self.village_families: dict[tuple[str, str], list[str]] = {}
        self.by_gov: dict[str, list[Place]] = {}
        for p in PLACES:
            self.by_gov.setdefault(p.gov, []).append(p)

    # ---- names -------------------------------------------------------------------------
    def _family_of(self, place: Place, community: str) -> str:
        rng = self.rng
        key = (place.place_id, community)
        pool = self.village_families.get(key)
        if pool is None:
            pool = [self.names.family[community].draw(rng) for _ in range(rng.randint(3, 6))]
            self.village_families[key] = pool
        if rng.random() < 0.8:
            return _weighted(rng, ((f, 1.0 / (i + 1)) for i, f in enumerate(pool)))
        return self.names.family[community].draw(rng)

    def _child_name(self, community: str, sex: str, siblings: list[str]) -> str:
        rng = self.rng
        if siblings and rng.random() < 0.2:
            near = [NEAR[s] for s in siblings if s in NEAR and NEAR[s] not in siblings]
            if near:
                return rng.choice(near)
        for _ in range(4):
            g = self.names.given(rng, community, sex)
            if g not in siblings:
                return g
        return g

    # ---- a lineage ---------------------------------------------------------------------
    def _tree(self, place: Place, community: str) -> list[dict]:
        """An extended family: dicts with the fields of Person that a tree fixes."""
        rng, nm = self.rng, self.names
        family = self._family_of(place, community)
        tribe = nm.tribe.draw(rng) if community == "bedouin" else ""
        ggg, gg = nm.given(rng, community, "male"), nm.given(rng, community, "male")
        p0 = nm.given(rng, community, "male")
        w0, w0_fam = nm.given(rng, community, "female"), nm.family[community].draw(rng)
        self.n_house += 1
        h0 = f"HH{self.n_house:06d}"
        people = [dict(role="patriarch", sex="male", age=rng.randint(58, 85), given=p0, father=gg,
                       grandfather=ggg, family=family, mother=nm.given(rng, community, "female"),
                       mother_family=nm.family[community].draw(rng), household=h0),
                  dict(role="patriarch_wife", sex="female", age=rng.randint(52, 80), given=w0,
                       father=nm.given(rng, community, "male"), grandfather=nm.given(rng, community, "male"),
                       family=w0_fam, mother=nm.given(rng, community, "female"),
                       mother_family=nm.family[community].draw(rng), household=h0, married_into=family)]
        children: list[str] = []
        n_sons, n_daughters = rng.randint(1, 5), rng.randint(0, 4)
        kids = ["male"] * n_sons + ["female"] * n_daughters
        rng.shuffle(kids)
        for i, sex in enumerate(kids):
            if sex == "male" and "male" not in kids[:i] and rng.random() < 0.5:
                g = gg  # eldest son after his grandfather
            else:
                g = self._child_name(community, sex, [c for c, k in zip(children, kids) if k == sex])
            children.append(g)
            married = sex == "male" or rng.random() < 0.3
            age = rng.randint(18, 52)
            if sex == "female" or not married:
                people.append(dict(role="daughter" if sex == "female" else "son", sex=sex, age=age,
                                   given=g, father=p0, grandfather=gg, family=family, mother=w0,
                                   mother_family=w0_fam, household=h0))
                continue
            self.n_house += 1
            h = f"HH{self.n_house:06d}"
            wife, wife_fam = nm.given(rng, community, "female"), nm.family[community].draw(rng)
            people.append(dict(role="son", sex="male", age=age, given=g, father=p0, grandfather=gg,
                               family=family, mother=w0, mother_family=w0_fam, household=h))
            people.append(dict(role="son_wife", sex="female", age=max(18, age - rng.randint(0, 8)),
                               given=wife, father=nm.given(rng, community, "male"),
                               grandfather=nm.given(rng, community, "male"), family=wife_fam,
                               mother=nm.given(rng, community, "female"),
                               mother_family=nm.family[community].draw(rng), household=h, married_into=family))
            grand: list[str] = []
            gkids = [rng.choice(("male", "female")) for _ in range(rng.randint(0, 5) if age > 22 else 0)]
            for j, gs in enumerate(gkids):
                if gs == "male" and "male" not in gkids[:j] and rng.random() < 0.55:
                    gn = p0
                else:
                    gn = self._child_name(community, gs, [c for c, k in zip(grand, gkids) if k == gs])
                grand.append(gn)
                people.append(dict(role="grandchild", sex=gs, age=rng.randint(0, max(0, age - 20)),
                                   given=gn, father=g, grandfather=p0, family=family, mother=wife,
                                   mother_family=wife_fam, household=h))
            eldest = next((gn for gn, gs in zip(grand, gkids) if gs == "male"), "")
            if eldest:
                people[-len(grand) - 2]["kunya"] = "أبو " + eldest
        if "male" in kids:
            people[0]["kunya"] = "أبو " + children[kids.index("male")]
        for p in people:
            p["tribe"] = tribe
        return people

    # ---- incidents ---------------------------------------------------------------------
    def next_incident(self) -> Incident:
        rng = self.rng
        phase = _weighted(rng, PHASE_P)
        govs, (d0, d1) = PHASES[phase]
        if govs is None:
            gov = _weighted(rng, (("lat", 1), ("tar", 0.7), ("ham", 1), ("hom", 1.2), ("swd", 0.6),
                                  ("dra", 1.2), ("rif", 1.2), ("dam", 0.8), ("idl", 0.8), ("alp", 1.0),
                                  ("dez", 0.8), ("has", 0.6)))
        else:
            gov = rng.choice(govs)
        place = rng.choice(self.by_gov[gov])
        if phase == "coast-2025-03":
            date = d0 + dt.timedelta(days=_weighted(rng, ((0, 2), (1, 3), (2, 2), (3, 1), (4, 0.5))))
            n_groups, mean = rng.randint(1, 6), 1.9
        elif phase == "sweida-2025-07":
            date = d0 + dt.timedelta(days=_weighted(rng, ((i, 3 if i < 4 else 1) for i in range(8))))
            n_groups, mean = rng.randint(1, 5), 1.6
        else:
            date = d0 + dt.timedelta(days=rng.randint(0, (d1 - d0).days))
            n_groups, mean = _weighted(rng, ((1, 6), (2, 2), (3, 1))), 0.45
        self.n_inc += 1
        inc = Incident(f"HI{self.n_inc:06d}", phase, date, place, [])
        killed_men = phase == "coast-2025-03"
        for _ in range(n_groups):
            if phase in TARGET and rng.random() < TARGET[phase][1]:
                community = TARGET[phase][0]
            else:
                community = _weighted(rng, place.community)
            tree = self._tree(place, community)
            k = min(len(tree), max(1, int(rng.expovariate(1.0 / mean)) + 1))
            weights = [(3.0 if t["sex"] == "male" and t["age"] >= 16 else 0.7 if killed_men else 1.0)
                       for t in tree]
            chosen = []
            idx = list(range(len(tree)))
            for _ in range(k):
                j = rng.choices(idx, weights=[weights[i] for i in idx])[0]
                idx.remove(j)
                chosen.append(tree[j])
            easy = rng.random() < 0.6
            for t in chosen:
                self.n_person += 1
                status = "civilian" if phase != "other" or rng.random() < 0.85 else "combatant"
                laqab = self.names.laqab.draw(rng) if t["age"] >= 25 and rng.random() < 0.06 else ""
                inc.victims.append(Person(
                    f"HP{self.n_person:07d}", inc.incident_id, t["household"], t["role"], community,
                    t["sex"], t["age"], t["given"], t["father"], t["grandfather"], t["family"],
                    t["mother"], t["mother_family"], t["tribe"], laqab, t.get("kunya", ""), status,
                    date, place, phase, easy, t.get("married_into", "")))
        return inc
