"""Victims in incidents: extended families killed together, and namesakes.

An incident happens in one village on one day (massacres run over two days)
and kills members of one or more extended families of the village's clans,
plus unrelated neighbours. An extended family is a patriarch, his wife, his
sons and daughters, their wives and children: a child carries the father's
given name as its father name and the patriarch's as its grandfather name;
the eldest son is often named after his paternal grandfather (so cousins
named after one grandfather share given and grandfather names and differ
only in the father); a later sibling of the same sex sometimes gets a name one
letter from an elder's (سلمى / لمى). Each village holds a few clans drawn by
Zipf rank from its community's family names, so one family name is shared by
unrelated households across many villages.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from functools import lru_cache

from tally.simulate.field import names as nm
from tally.simulate.field.places import Place, villages

# (name, community, start, end, governorate weights, share of victims, incident kind)
PHASES: tuple[tuple, ...] = (
    ("coast-march", "alawite", dt.date(2025, 3, 6), dt.date(2025, 3, 12),
     {"02": 0.45, "14": 0.30, "10": 0.15, "11": 0.10}, 0.34, "massacre"),
    ("sweida-july", "druze", dt.date(2025, 7, 13), dt.date(2025, 7, 20), {"05": 1.0}, 0.15, "massacre"),
    ("sweida-bedouin", "sunni", dt.date(2025, 7, 13), dt.date(2025, 7, 20), {"05": 1.0}, 0.03, "family"),
    ("sahnaya-may", "druze", dt.date(2025, 4, 29), dt.date(2025, 5, 2), {"08": 1.0}, 0.03, "family"),
    ("alawite-background", "alawite", dt.date(2024, 12, 8), dt.date(2025, 10, 31),
     {"11": 0.4, "02": 0.2, "14": 0.2, "10": 0.2}, 0.11, "small"),
    ("sunni-background", "sunni", dt.date(2024, 12, 8), dt.date(2025, 10, 31),
     {"11": 0.15, "10": 0.12, "12": 0.15, "09": 0.12, "06": 0.15, "08": 0.12, "13": 0.05,
      "07": 0.14}, 0.22, "small"),
    ("kurdish-background", "kurdish", dt.date(2024, 12, 8), dt.date(2025, 10, 31),
     {"09": 0.5, "01": 0.3, "04": 0.2}, 0.08, "small"),
    ("druze-background", "druze", dt.date(2024, 12, 8), dt.date(2025, 10, 31),
     {"05": 0.7, "08": 0.3}, 0.04, "small"),
)

# Phases confined to some districts of their governorate (Sahnaya and Jaramana lie
# south-east of Damascus).
PHASE_DISTRICTS = {"sahnaya-may": ("Jaramana", "Darayya", "Qatana")}

GIVEN_ZIPF = 1.0    # exponent of the given-name rank law
FAMILY_ZIPF = 0.9   # exponent of the family-name rank law (clans of a village)
ELDEST_NAMED_FOR_GRANDFATHER = 0.45
SIBLING_ONE_LETTER = 0.2


@dataclass
class Person:
    person_id: str
    incident_id: str
    family_id: str
    given: nm.Name
    father: nm.Name
    grandfather: nm.Name
    family: nm.Name
    sex: str
    age: int
    community: str
    date: dt.date
    place: Place


@dataclass
class Incident:
    incident_id: str
    phase: str
    community: str
    date: dt.date
    place: Place
    victims: list[Person]


def _zipf(n: int, s: float) -> list[float]:
    return [1.0 / (r + 1) ** s for r in range(n)]


@lru_cache(maxsize=None)
def _tables(community: str):
    m, f, fam = nm.males(community), nm.females(community), nm.families(community)
    return m, _zipf(len(m), GIVEN_ZIPF), f, _zipf(len(f), GIVEN_ZIPF), fam, _zipf(len(fam), FAMILY_ZIPF)


def _latin(ar: str, table: tuple[nm.Name, ...]) -> nm.Name:
    for n in table:
        if n.ar == ar:
            return n
    return nm.Name(ar, nm.EXTRA_LATIN.get(ar, ar))


class Population:
    """Draws incidents one after another, from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n_incidents = 0
        self.n_persons = 0
        self.n_families = 0
        self.similar = nm.similar()
        self._clans: dict[tuple[str, str], list] = {}
        self._phase_w = [p[5] for p in PHASES]

    # -- names ----------------------------------------------------------------
    def male(self, community: str) -> nm.Name:
        m, w, *_ = _tables(community)
        return self.rng.choices(m, w)[0]

    def female(self, community: str) -> nm.Name:
        _, _, f, w, *_ = _tables(community)
        return self.rng.choices(f, w)[0]

    def _sibling_name(self, community: str, sex: str, elder: list[nm.Name]) -> nm.Name:
        """A name for a later child: sometimes one letter from an elder sibling's, never equal."""
        rng = self.rng
        if elder and rng.random() < SIBLING_ONE_LETTER:
            options = [o for e in elder for o in self.similar.get(e.ar, ())
                       if o not in {x.ar for x in elder}]
            if options:
                m, _, f, *_ = _tables(community)
                return _latin(rng.choice(options), m if sex == "male" else f)
        for _ in range(10):
            name = self.male(community) if sex == "male" else self.female(community)
            if name.ar not in {x.ar for x in elder}:
                return name
        return name

    def clans(self, community: str, place: Place) -> tuple[list, list]:
        """The clans of a village: a few family names with their local weights."""
        key = (community, place.name_ar)
        if key not in self._clans:
            *_, fam, w = _tables(community)
            k = self.rng.randint(5, 12)
            chosen: list = []
            while len(chosen) < k:
                c = self.rng.choices(fam, w)[0]
                if c not in chosen:
                    chosen.append(c)
            self._clans[key] = [chosen, _zipf(k, 0.6)]
        return self._clans[key]

    # -- families ---------------------------------------------------------------
    def extended_family(self, community: str, place: Place) -> list[tuple]:
        """Members of one extended family: (given, father, grandfather, family, sex, age)."""
        rng = self.rng
        clans, cw = self.clans(community, place)
        fam = rng.choices(clans, cw)[0]
        great = self.male(community)        # the patriarch's father
        patriarch = self.male(community)
        p_father = self.male(community)     # unused generations keep their own names
        p_age = rng.randint(58, 88)
        members = [(patriarch, great, p_father, fam, "male", p_age)]
        members.append(self._wife(community, clans, cw, p_age - rng.randint(0, 8)))
        sons: list[nm.Name] = []
        daughters: list[nm.Name] = []
        for i in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
            if i == 0 and rng.random() < ELDEST_NAMED_FOR_GRANDFATHER:
                son = great
            else:
                son = self._sibling_name(community, "male", sons)
            sons.append(son)
            s_age = max(18, p_age - rng.randint(22, 40) - 2 * i)
            members.append((son, patriarch, great, fam, "male", s_age))
            members.append(self._wife(community, clans, cw, s_age - rng.randint(0, 8)))
            boys: list[nm.Name] = []
            girls: list[nm.Name] = []
            for j in range(rng.choice((0, 1, 2, 3, 3, 4, 5, 6))):
                c_age = s_age - rng.randint(18, 32) - 2 * j
                if c_age < 0:  # not born yet: a young father has fewer children
                    break
                if rng.random() < 0.5:
                    if not boys and rng.random() < ELDEST_NAMED_FOR_GRANDFATHER:
                        child = patriarch
                    else:
                        child = self._sibling_name(community, "male", boys)
                    boys.append(child)
                    members.append((child, son, patriarch, fam, "male", c_age))
                else:
                    child = self._sibling_name(community, "female", girls)
                    girls.append(child)
                    members.append((child, son, patriarch, fam, "female", c_age))
        for i in range(rng.choice((0, 1, 1, 2, 3))):
            d = self._sibling_name(community, "female", daughters)
            daughters.append(d)
            members.append((d, patriarch, great, fam, "female", max(12, p_age - rng.randint(20, 45))))
        return members

    def _wife(self, community: str, clans: list, cw: list, age: int) -> tuple:
        rng = self.rng
        if rng.random() < 0.4:
            fam = rng.choices(clans, cw)[0]
        else:
            *_, fam_all, w = _tables(community)
            fam = rng.choices(fam_all, w)[0]
        return (self.female(community), self.male(community), self.male(community), fam, "female",
                max(16, age))

    # -- incidents ----------------------------------------------------------------
    def next_incident(self) -> Incident:
        rng = self.rng
        phase = rng.choices(PHASES, self._phase_w)[0]
        name, community, start, end, govs, _, kind = phase
        gov = rng.choices(list(govs), list(govs.values()))[0]
        places = villages()[gov]
        if name in PHASE_DISTRICTS:
            places = tuple(p for p in places if p.district in PHASE_DISTRICTS[name]) or places
        place = rng.choice(places)
        date = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        self.n_incidents += 1
        iid = f"FI{self.n_incidents:06d}"
        groups: list[tuple[int, list[tuple]]] = []  # (family number, members killed)
        if kind == "massacre":
            n_fam = min(5, 1 + int(rng.expovariate(0.9)))
            for _ in range(n_fam):
                groups.append(self._killed(community, place, rng.choice((1, 1, 1, 1, 2, 2, 3, 4, 6))))
            for _ in range(rng.choice((0, 1, 2, 3, 4, 5))):
                groups.append(self._killed(community, place, 1))
        elif kind == "family":
            groups.append(self._killed(community, place, rng.choice((1, 2, 3, 4, 6))))
            if rng.random() < 0.3:
                groups.append(self._killed(community, place, 1))
        else:
            r = rng.random()
            k = 1 if r < 0.7 else (rng.randint(2, 4) if r < 0.95 else rng.randint(5, 8))
            groups.append(self._killed(community, place, k))
        victims = []
        two_days = kind == "massacre"
        for fid, members in groups:
            for given, father, grandfather, family, sex, age in members:
                self.n_persons += 1
                d = date + dt.timedelta(days=1) if two_days and rng.random() < 0.2 else date
                victims.append(Person(f"FP{self.n_persons:07d}", iid, f"FF{fid:06d}", given, father,
                                      grandfather, family, sex, age, community, d, place))
        return Incident(iid, name, community, date, place, victims)

    def _killed(self, community: str, place: Place, k: int) -> tuple[int, list[tuple]]:
        self.n_families += 1
        members = self.extended_family(community, place)
        self.rng.shuffle(members)
        return self.n_families, members[:k]
