"""Who is killed, where, when and with whom: incidents, clans and households.

Each village keeps its own few family names (drawn once, Zipf-weighted, from its
community's pool) and, under each family name, the branches of the clan met so
far: a grandfather, his sons' households, their wives and children. Victims are
drawn from those households and stay drawn, so that a larger simulation kills
more people *of the same clans* (cousins, uncles, namesakes) rather than
inventing new villages: namesake density grows with size as it does on real lists.

Naming follows the Levantine nasab: a child's father name is the father's ism,
its grandfather name the father's father's; the eldest son is often named after
his paternal grandfather (so cousins, sons of two brothers, may carry the same
given, grandfather and family name, and differ only in the father's); sisters
are often given names that rhyme or differ by a letter (سلمى / لمى). A married
woman keeps her own father's names and family name (often her husband's clan in
Druze, Alawite and Bedouin villages, where cousin marriage is common).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from tally.simulate.mosaic.names import FAMILIES, GIVEN, RHYMES, Name, Zipf, pivot_of
from tally.simulate.mosaic.places import District, Village, load_districts

START = dt.date(2024, 12, 8)
END = dt.date(2025, 10, 31)


@dataclass
class Person:
    pid: str
    given: Name
    father: Name | None
    grandfather: Name | None
    family: Name
    sex: str
    age: int
    community: str
    household: str
    branch: str
    role: str
    husband: "Person | None" = None     # for a wife: her husband (lists may name her by him)
    eldest_son: "Person | None" = None  # for a parent: the eldest son (Abu X / Umm X)
    incident: "Incident | None" = None
    status: str = "civilian"
    killed: bool = False


@dataclass
class Household:
    hid: str
    father: Person
    mother: Person | None
    children: list[Person] = field(default_factory=list)


@dataclass
class Branch:
    bid: str
    family: Name
    community: str
    grandfather: Name
    great_grandfather: Name
    households: list[Household] = field(default_factory=list)


@dataclass
class Incident:
    iid: str
    phase: str
    kind: str
    date: dt.date
    village: Village
    perpetrator: str
    victims: list[Person] = field(default_factory=list)


@dataclass(frozen=True)
class Phase:
    name: str
    share: float                   # share of all victims
    days: tuple[tuple[dt.date, float], ...] | None  # (day, weight); None = the whole period
    governorates: dict[str, float]
    target: str | None
    size_median: float
    size_cap: int
    family: float                  # chance an incident kills a family together
    combatant: float
    kinds: dict[str, float]
    perpetrators: dict[str, float]


def _days(start: dt.date, weights) -> tuple:
    return tuple((start + dt.timedelta(days=i), w) for i, w in enumerate(weights))


PHASES = (
    Phase("coast-2025-03", 0.27, _days(dt.date(2025, 3, 6), (0.12, 0.34, 0.3, 0.14, 0.07, 0.03)),
          {"SY06": 45, "SY10": 30, "SY05": 13, "SY04": 12}, "alawite", 4.5, 45, 0.7, 0.08,
          {"mass killing": 50, "execution": 35, "clashes": 15},
          {"government-affiliated factions": 60, "unidentified gunmen": 25, "former-regime insurgents": 15}),
    Phase("sweida-2025-07", 0.2, _days(dt.date(2025, 7, 13), (0.1, 0.16, 0.2, 0.2, 0.15, 0.1, 0.05, 0.04)),
          {"SY13": 90, "SY12": 10}, "druze", 3.5, 35, 0.6, 0.22,
          {"execution": 40, "mass killing": 30, "clashes": 20, "shelling": 10},
          {"government-affiliated forces": 45, "tribal fighters": 25, "Druze armed groups": 15,
           "Israeli strikes": 5, "unidentified gunmen": 10}),
    Phase("jaramana-2025-04", 0.025, _days(dt.date(2025, 4, 29), (0.4, 0.35, 0.25)),
          {"SY03": 100}, "druze", 1.8, 12, 0.35, 0.4, {"clashes": 70, "execution": 30},
          {"pro-government armed groups": 70, "unidentified gunmen": 30}),
    Phase("background", 0.505, None,
          {"SY04": 14, "SY05": 10, "SY06": 6, "SY10": 4, "SY01": 5, "SY03": 8, "SY02": 12, "SY07": 9,
           "SY09": 9, "SY12": 9, "SY13": 4, "SY08": 4, "SY11": 4, "SY14": 2}, None, 1.25, 8, 0.3, 0.12,
          {"shooting": 35, "assassination": 15, "explosive remnants of war": 15, "clashes": 12,
           "abduction and killing": 8, "airstrike": 5, "explosion": 10},
          {"unidentified gunmen": 45, "government-affiliated forces": 12, "ISIS": 8, "SDF": 6,
           "Turkish-backed factions": 5, "Israeli forces": 4, "explosive remnants of war": 12,
           "tribal fighters": 8}),
)


def _weighted(rng: random.Random, table: dict):
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


class World:
    """Draws incidents and their victims; every draw from ``rng`` in a fixed order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.districts: list[District] = load_districts()
        self.villages = [v for d in self.districts for v in d.villages]
        self.by_gov: dict[str, list[Village]] = {}
        for v in self.villages:
            self.by_gov.setdefault(v.district.gov.code, []).append(v)
        self.given = {c: (Zipf(m, s), Zipf(f, s)) for c, (m, f, s) in GIVEN.items()}
        self._village_families: dict[tuple[int, str], Zipf] = {}
        self.clans: dict[tuple[int, str, str], list[Branch]] = {}
        self.n_person = self.n_house = self.n_branch = self.n_incident = 0
        self.church_done = False
        # draws per phase so that phases keep their share of victims whatever the size
        self._phase_weights = [p.share / self._mean_size(p) for p in PHASES]

    @staticmethod
    def _mean_size(p: Phase) -> float:
        return min(p.size_cap, p.size_median * 1.4 + 0.2)

    # -- names -----------------------------------------------------------------

    def _given(self, community: str, sex: str, avoid=()) -> Name:
        pool = self.given[community][0 if sex == "m" else 1]
        for _ in range(6):
            n = pool.draw(self.rng)
            if n.ar not in avoid:
                return n
        return n

    def _families(self, village: Village, community: str) -> Zipf:
        key = (village.index, community)
        z = self._village_families.get(key)
        if z is None:
            pool = FAMILIES[community]
            k = min(len(pool), self.rng.randint(5, 11))
            ranked = Zipf(pool, 0.7)
            chosen: list[Name] = []
            while len(chosen) < k:
                n = ranked.draw(self.rng)
                if n not in chosen:
                    chosen.append(n)
            z = self._village_families[key] = Zipf(chosen, 1.1)
        return z

    # -- people ----------------------------------------------------------------

    def _pid(self) -> str:
        self.n_person += 1
        return f"P{self.n_person:07d}"

    def _branch(self, village: Village, community: str, family: Name) -> Branch:
        key = (village.index, community, family.ar)
        branches = self.clans.setdefault(key, [])
        if branches and self.rng.random() < 0.7:
            return self.rng.choice(branches)
        self.n_branch += 1
        b = Branch(f"B{self.n_branch:06d}", family, community, self._given(community, "m"),
                   self._given(community, "m"))
        branches.append(b)
        return b

    def _household(self, branch: Branch, village: Village) -> Household:
        live = [h for h in branch.households if _alive(h)]
        if live and (len(branch.households) >= 5 or self.rng.random() < 0.55):
            return self.rng.choice(live)
        rng = self.rng
        c = branch.community
        brothers = [h.father.given.ar for h in branch.households]
        if brothers and rng.random() < 0.15 and brothers[-1] in RHYMES:
            ar = RHYMES[brothers[-1]]
            fgiven = Name(ar, pivot_of(ar))
        else:
            fgiven = self._given(c, "m", avoid=brothers + [branch.grandfather.ar])
        self.n_house += 1
        hid = f"H{self.n_house:06d}"
        fage = rng.randint(24, 72)
        father = Person(self._pid(), fgiven, branch.grandfather, branch.great_grandfather, branch.family,
                        "male", fage, c, hid, branch.bid, "father")
        mother = None
        if rng.random() < 0.9:
            cousin = c in ("druze", "alawite", "bedouin") and rng.random() < 0.3
            wfam = branch.family if cousin else self._families(village, c).draw(rng)
            mother = Person(self._pid(), self._given(c, "f"), self._given(c, "m"), self._given(c, "m"), wfam,
                            "female", max(17, fage - rng.randint(2, 10)), c, hid, branch.bid, "mother",
                            husband=father)
        h = Household(hid, father, mother)
        n_children = min(8, max(0, int(rng.gauss(3.6, 1.8))))
        oldest = max(0, min(fage - 20, (mother.age if mother else fage) - 18))
        ages = sorted((max(0, oldest - 2 * i - rng.randint(0, 1)) for i in range(n_children)), reverse=True)
        names: dict[str, list[str]] = {"m": [], "f": []}
        eldest_son = None
        p_after_grandfather = 0.35 if c == "christian" else 0.5
        for age in ages:
            sex = "m" if rng.random() < 0.51 else "f"
            taken = names[sex]
            if sex == "m" and eldest_son is None and rng.random() < p_after_grandfather:
                given = branch.grandfather
            elif taken and rng.random() < (0.3 if sex == "f" else 0.15) and taken[-1] in RHYMES \
                    and RHYMES[taken[-1]] not in taken:
                ar = RHYMES[taken[-1]]
                given = Name(ar, pivot_of(ar))
            else:
                given = self._given(c, sex, avoid=taken + [fgiven.ar])
            taken.append(given.ar)
            child = Person(self._pid(), given, fgiven, branch.grandfather, branch.family,
                           "male" if sex == "m" else "female", age, c, hid, branch.bid,
                           "son" if sex == "m" else "daughter")
            if sex == "m" and eldest_son is None:
                eldest_son = child
            h.children.append(child)
        father.eldest_son = eldest_son
        if mother is not None:
            mother.eldest_son = eldest_son
        branch.households.append(h)
        return h

    # -- incidents -------------------------------------------------------------

    def next_incident(self) -> Incident:
        rng = self.rng
        if not self.church_done and self.n_incident >= 40 and rng.random() < 0.02:
            return self._church()
        phase = rng.choices(PHASES, weights=self._phase_weights)[0]
        gov = _weighted(rng, phase.governorates)
        villages = self.by_gov[gov]
        if phase.target:
            weights = [0.03 + v.mix.get(phase.target, 0) + (v.mix.get("bedouin", 0) if phase.target == "druze" else 0)
                       for v in villages]
        else:
            weights = [1.0 for v in villages]
        village = rng.choices(villages, weights=weights)[0]
        if phase.days:
            date = rng.choices([d for d, _ in phase.days], weights=[w for _, w in phase.days])[0]
        else:
            date = START + dt.timedelta(days=rng.randrange((END - START).days + 1))
        size = min(phase.size_cap, max(1, int(round(math.exp(rng.gauss(math.log(phase.size_median), 0.75)) - 0.3))))
        if phase.name == "background" and size > 1 and rng.random() < 0.5:
            size = 1
        kind = _weighted(rng, phase.kinds)
        inc = self._incident(phase.name, kind, date, village, _weighted(rng, phase.perpetrators))
        if phase.target and village.mix.get(phase.target, 0) > 0 and rng.random() < 0.88:
            community = phase.target
        elif phase.target == "druze" and village.mix.get("bedouin") and rng.random() < 0.7:
            community = "bedouin"
        else:
            community = _weighted(rng, village.mix)
        self._kill(inc, village, community, size, phase.family, phase.combatant,
                   men_first=phase.name in ("coast-2025-03", "sweida-2025-07") or kind in ("execution", "clashes"),
                   children=kind in ("explosive remnants of war", "airstrike", "explosion", "shelling"))
        return inc

    def _incident(self, phase: str, kind: str, date: dt.date, village: Village, perp: str) -> Incident:
        self.n_incident += 1
        return Incident(f"I{self.n_incident:06d}", phase, kind, date, village, perp)

    def _church(self) -> Incident:
        """The suicide bombing of Mar Elias church, al-Dweila'a, Damascus, 22 June 2025."""
        self.church_done = True
        village = next(v for v in self.villages if v.ar == "الدويلعة")
        inc = self._incident("church-2025-06", "explosion", dt.date(2025, 6, 22), village, "ISIS")
        self._kill(inc, village, "christian", 25, 0.5, 0.0, men_first=False, children=True)
        return inc

    def _kill(self, inc: Incident, village: Village, community: str, size: int, p_family: float,
              p_combatant: float, *, men_first: bool, children: bool) -> None:
        rng = self.rng
        families = self._families(village, community)
        guard = 0
        while len(inc.victims) < size and guard < 50:
            guard += 1
            branch = self._branch(village, community, families.draw(rng))
            if rng.random() < p_family and size - len(inc.victims) >= 2:
                h = self._household(branch, village)
                group = _members(h)
                rng.shuffle(group)
                group.sort(key=lambda p: _priority(p, men_first, children, rng))
                take = min(len(group), size - len(inc.victims), rng.randint(2, max(2, len(group))))
                chosen = group[:take]
                if rng.random() < 0.4 and len(inc.victims) + take < size:  # a brother's household too
                    h2 = self._household(branch, village)
                    if h2 is not h:
                        more = sorted(_members(h2), key=lambda p: _priority(p, men_first, children, rng))
                        chosen += more[:max(1, min(len(more), size - len(inc.victims) - take))]
            else:
                h = self._household(branch, village)
                group = sorted(_members(h), key=lambda p: _priority(p, True, children, rng))
                chosen = group[:1]
            for p in chosen:
                if len(inc.victims) >= size or p.killed:
                    continue
                p.killed = True
                p.incident = inc
                if p.sex == "male" and p.age >= 18 and rng.random() < p_combatant:
                    p.status = "combatant"
                inc.victims.append(p)


def _alive(h: Household) -> bool:
    return any(not p.killed for p in _all(h))


def _all(h: Household) -> list[Person]:
    return [h.father] + ([h.mother] if h.mother else []) + h.children


def _members(h: Household) -> list[Person]:
    return [p for p in _all(h) if not p.killed]


def _priority(p: Person, men_first: bool, children: bool, rng: random.Random) -> float:
    score = rng.random()
    if men_first and p.sex == "male" and p.age >= 15:
        score -= 1.0
    if children and p.age < 15:
        score -= 0.6
    return score
