"""Who is killed in the `ledger` profile: incidents, extended families, namesakes.

An incident kills people of one town on one day. Mass killings (the coast in
March 2025, Sweida in July 2025) kill extended families: a grandfather, his sons'
households, his grandchildren, and often a second branch of the same clan (same
family name, another grandfather) and neighbours. Every child carries its
father's given name as father name and its grandfather's as grandfather name;
the eldest son is often named after his paternal grandfather, so a grandson and
his grandfather share given and family name. Sisters are now and then given names
one letter apart (سلمى / لمى). Each town has a few clans (family names) drawn from
its community's ranked list, so namesakes cluster in governorates.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from tally.simulate.ledger.names import (
    FAMILY,
    NICKNAMES,
    ONE_LETTER,
    Part,
    Zipf,
    family_zipf,
    given_part,
    given_zipf,
)
from tally.simulate.ledger.places import Place, load_places, towns

START = dt.date(2024, 12, 1)
END = dt.date(2025, 10, 31)

#: Share of the eldest sons named after their paternal grandfather.
ELDEST_AFTER_GRANDFATHER = 0.4
#: Share of families where two sisters (or brothers) get names one letter apart.
ONE_LETTER_SIBLINGS = 0.3


@dataclass
class Person:
    person_id: str
    incident_id: str
    household_id: str
    clan_id: str
    role: str      # grandfather, grandmother, father, mother, son, daughter, man, woman
    sex: str
    age: int
    given: Part
    father: Part
    grandfather: Part
    family: Part
    mother: Part
    mother_family: Part
    community: str
    date: dt.date
    place: Place
    status: str
    cause: str
    kunya: Part | None = None        # Abu/Umm + this name
    husband: Part | None = None      # a wife's husband's given name (listed as "wife of ...")
    husband_family: Part | None = None
    nickname: tuple[str, str] | None = None


@dataclass
class Incident:
    incident_id: str
    phase: str
    date: dt.date
    place: Place
    cause: str
    victims: list[Person] = field(default_factory=list)


@dataclass(frozen=True)
class Phase:
    name: str
    share: float
    start: dt.date
    end: dt.date
    govs: dict[str, float]
    community: str | None      # the community targeted (its towns only), if any
    family_p: float            # share of incidents that kill an extended family
    causes: dict[str, float]
    combatant_p: float


PHASES = (
    Phase("background", 0.44, START, END,
          {"SY04": 12, "SY05": 9, "SY06": 6, "SY10": 4, "SY01": 5, "SY03": 8, "SY02": 9, "SY07": 6,
           "SY09": 8, "SY12": 8, "SY13": 4, "SY08": 4, "SY11": 4, "SY14": 2},
          None, 0.12, {"shooting": 40, "assassination": 20, "explosion": 15, "clashes": 15,
                       "torture": 5, "landmine": 5}, 0.35),
    Phase("coast-2025-03", 0.31, dt.date(2025, 3, 6), dt.date(2025, 3, 10),
          {"SY06": 45, "SY10": 35, "SY05": 12, "SY04": 8}, "alawite", 0.6,
          {"field execution": 55, "shooting": 35, "mass killing": 10}, 0.08),
    Phase("sweida-2025-07", 0.19, dt.date(2025, 7, 13), dt.date(2025, 7, 20),
          {"SY13": 90, "SY12": 10}, "druze", 0.45,
          {"field execution": 40, "shooting": 30, "shelling": 20, "clashes": 10}, 0.2),
    Phase("north-2024-12", 0.06, dt.date(2024, 12, 8), dt.date(2025, 1, 31),
          {"SY02": 70, "SY11": 15, "SY08": 15}, "kurd", 0.3,
          {"clashes": 40, "shelling": 30, "drone strike": 30}, 0.4),
)


def _pick(weights: dict, rng: random.Random):
    u = rng.random() * sum(weights.values())
    for k, w in weights.items():
        u -= w
        if u <= 0:
            return k
    return k


class Population:
    """Incidents, one after another, each with its victims."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n_incidents = 0
        self.n_persons = 0
        self.n_households = 0
        self.n_clans = 0
        self._clans: dict[str, tuple[Zipf, list[str]]] = {}
        self._church_done = False

    # -- names --------------------------------------------------------------
    def clans_of(self, place: Place) -> Zipf:
        """The few family names of a town, most common first (drawn once per town)."""
        z = self._clans.get(place.place_id)
        if z is None:
            rng = random.Random(f"ledger-clans:{place.place_id}:{self.rng.random()}")
            pool = family_zipf(place.community)
            k = rng.randint(5, 12)
            names: list[Part] = []
            while len(names) < min(k, len(FAMILY.get(place.community, ())) or k):
                p = pool.draw(rng)
                if p not in names:
                    names.append(p)
            z = Zipf(names, 0.7)
            self._clans[place.place_id] = z
        return z

    def male(self, community: str, avoid: tuple[Part, ...] = ()) -> Part:
        z = given_zipf(community, "male")
        for _ in range(8):
            p = z.draw(self.rng)
            if p not in avoid:
                return p
        return p

    def female(self, community: str, avoid: tuple[Part, ...] = ()) -> Part:
        z = given_zipf(community, "female")
        for _ in range(8):
            p = z.draw(self.rng)
            if p not in avoid:
                return p
        return p

    def _other_family(self, community: str) -> Part:
        return family_zipf(community).draw(self.rng)

    # -- people -------------------------------------------------------------
    def _person(self, inc: Incident, hh: str, clan: str, role: str, sex: str, age: int, given: Part,
                father: Part, grandfather: Part, family: Part, mother: Part, mother_family: Part,
                status_p: float) -> Person:
        self.n_persons += 1
        status = ("combatant" if sex == "male" and 18 <= age <= 50 and self.rng.random() < status_p
                  else "civilian")
        p = Person(f"P{self.n_persons:07d}", inc.incident_id, hh, clan, role, sex, age, given, father,
                   grandfather, family, mother, mother_family, inc.place.community, inc.date, inc.place,
                   status, inc.cause)
        if given.ar in NICKNAMES and self.rng.random() < 0.4:
            p.nickname = NICKNAMES[given.ar]
        return p

    def _household(self, inc: Incident, phase: Phase, family: Part, clan: str, grandfather: Part,
                   great: Part, father_age: int, kill: float, echo: tuple | None = None) -> list[Person]:
        """A man, his wife and children; each killed with probability ``kill``.

        ``echo`` (a father's name and a daughter's name of another branch of the clan):
        this household's father bears the same name and a daughter gets a name one letter
        from that daughter's, as cousins of two branches of a clan often do."""
        rng, com = self.rng, inc.place.community
        self.n_households += 1
        hh = f"H{self.n_households:07d}"
        father = echo[0] if echo and echo[0] != grandfather else self.male(com, (grandfather,))
        wife = self.female(com)
        wife_family = self._other_family(com) if rng.random() < 0.6 else family
        wife_father = self.male(com)
        n_children = min(8, int(rng.expovariate(1 / 3.2)))
        ages = sorted((max(0, father_age - rng.randint(20, 42)) for _ in range(n_children)), reverse=True)
        children: list[tuple[str, Part, int]] = []
        names: list[Part] = []
        pair = None
        if n_children >= 2 and rng.random() < ONE_LETTER_SIBLINGS:
            sex = "female" if rng.random() < 0.65 else "male"
            pairs = [(a, b) for a, b in ONE_LETTER[sex] if a in _names(com, sex) and b in _names(com, sex)
                     and father.ar not in (a, b)]
            if pairs:
                pair = (sex, [given_part(x) for x in pairs[rng.randrange(len(pairs))]])
        if echo and echo[1] is not None and n_children:
            partner = [b if a == echo[1].ar else a for a, b in ONE_LETTER["female"] if echo[1].ar in (a, b)]
            if partner and partner[0] in _names(com, "female") and rng.random() < 0.6:
                pair = ("female", [given_part(partner[0])])  # سلمى in one branch, لمى in the other
            else:
                pair = ("female", [echo[1]])  # the same name: cousins named after one great-aunt
        for i, age in enumerate(ages):
            sex = "male" if rng.random() < 0.51 else "female"
            if pair and len(pair[1]) and (i >= n_children - len(pair[1]) or sex == pair[0]):
                sex, name = pair[0], pair[1].pop(0)
            elif sex == "male" and not any(s == "male" for s, _, _ in children) \
                    and rng.random() < ELDEST_AFTER_GRANDFATHER:
                name = grandfather
            else:
                name = (self.male if sex == "male" else self.female)(com, tuple(names) + (father,))
            names.append(name)
            children.append((sex, name, age))
        out: list[Person] = []
        eldest_son = next((n for s, n, _ in children if s == "male"), None)
        if rng.random() < kill + 0.1:
            p = self._person(inc, hh, clan, "father", "male", father_age, father, grandfather, great, family,
                             self.female(com), self._other_family(com), phase.combatant_p)
            p.kunya = eldest_son or (self.male(com) if rng.random() < 0.5 else None)
            out.append(p)
        if rng.random() < kill * 0.8:
            p = self._person(inc, hh, clan, "mother", "female", max(16, father_age - rng.randint(0, 10)),
                             wife, wife_father, self.male(com), wife_family, self.female(com),
                             self._other_family(com), 0.0)
            p.kunya = eldest_son
            p.husband, p.husband_family = father, family
            out.append(p)
        for sex, name, age in children:
            if rng.random() < kill:
                out.append(self._person(inc, hh, clan, "son" if sex == "male" else "daughter", sex, age, name,
                                        father, grandfather, family, wife, wife_family, phase.combatant_p))
        return out

    def _extended(self, inc: Incident, phase: Phase, branch_of: list[Person] | None = None) -> list[Person]:
        """A grandfather's sons' households (and now and then himself). ``branch_of``: the
        victims of another branch of the same clan (same family name, another grandfather)."""
        rng, com = self.rng, inc.place.community
        echo = None
        if branch_of:
            family = branch_of[0].family
            fathers = [p for p in branch_of if p.role == "father"]
            daughters = [p.given for p in branch_of if p.role == "daughter"]
            if fathers and rng.random() < 0.75:
                echo = (fathers[0].given, daughters[0] if daughters else None)
        else:
            family = self.clans_of(inc.place).draw(rng)
        self.n_clans += 1
        clan = f"C{self.n_clans:06d}"
        great = self.male(com)
        grandfather = self.male(com, (great,))
        g_age = rng.randint(58, 88)
        out = []
        if rng.random() < 0.3:
            self.n_households += 1
            out.append(self._person(inc, f"H{self.n_households:07d}", clan, "grandfather", "male", g_age,
                                    grandfather, great, self.male(com), family, self.female(com),
                                    self._other_family(com), 0.0))
        sons = 1 + min(3, int(rng.expovariate(1 / 1.2)))
        killed_houses = max(1, min(sons, 1 + int(rng.expovariate(1 / 0.8))))
        for i in range(killed_houses):
            out += self._household(inc, phase, family, clan, grandfather, great,
                                   max(24, g_age - rng.randint(22, 38) - 3 * i), rng.uniform(0.45, 0.85),
                                   echo if i == 0 else None)
        return out

    def _men(self, inc: Incident, phase: Phase, n: int) -> list[Person]:
        """Men (and now and then a woman) of the town, of its clans; brothers now and then."""
        rng, com = self.rng, inc.place.community
        out = []
        clans = self.clans_of(inc.place)
        while len(out) < n:
            # most from the town's clans; some displaced or married-in from elsewhere
            family = clans.draw(rng) if rng.random() < 0.75 else self._other_family(com)
            self.n_clans += 1
            clan = f"C{self.n_clans:06d}"
            father = self.male(com)
            grandfather = self.male(com, (father,))
            self.n_households += 1
            hh = f"H{self.n_households:07d}"
            k = 2 if rng.random() < 0.15 else 1
            names: list[Part] = []
            for _ in range(k):
                if rng.random() < 0.9:
                    sex, age = "male", rng.randint(16, 65)
                    given = (grandfather if not names and rng.random() < 0.2
                             else self.male(com, tuple(names) + (father,)))
                else:
                    sex, age = "female", rng.randint(14, 70)
                    given = self.female(com)
                names.append(given)
                p = self._person(inc, hh, clan, "man" if sex == "male" else "woman", sex, age, given,
                                 father, grandfather, family, self.female(com),
                                 self._other_family(com), phase.combatant_p)
                if sex == "male" and age >= 25 and rng.random() < 0.6:
                    p.kunya = self.male(com, (given,))  # Abu + his eldest son's name
                out.append(p)
        return out[:n]

    # -- incidents ----------------------------------------------------------
    def next_incident(self) -> Incident:
        rng = self.rng
        self.n_incidents += 1
        iid = f"I{self.n_incidents:06d}"
        if not self._church_done and self.n_incidents == 7:
            return self._church(iid)
        phase = PHASES[_pick({i: p.share / (1.0 + 4.0 * p.family_p) for i, p in enumerate(PHASES)}, rng)]
        gov = _pick(phase.govs, rng)
        choices = towns(gov, phase.community) or towns(gov)
        if phase.name == "sweida-2025-07" and gov == "SY12":
            choices = towns(gov)
        place = choices[min(int(rng.expovariate(1.2) * len(choices) / 3), len(choices) - 1)] \
            if rng.random() < 0.5 else choices[rng.randrange(len(choices))]
        days = (phase.end - phase.start).days
        if phase.name == "background":
            date = phase.start + dt.timedelta(days=rng.randrange(days + 1))
        else:  # mass killings peak on their second and third day
            date = phase.start + dt.timedelta(days=min(days, int(abs(rng.gauss(1.5, 1.3)))))
        inc = Incident(iid, phase.name, date, place, _pick(phase.causes, rng))
        if rng.random() < phase.family_p:
            inc.victims = self._extended(inc, phase)
            if rng.random() < 0.35:  # a second branch of the clan, or another clan
                inc.victims += self._extended(inc, phase, inc.victims if rng.random() < 0.7 else None)
            if rng.random() < 0.5:
                inc.victims += self._men(inc, phase, 1 + int(rng.expovariate(1 / 1.5)))
        else:
            n = 1 + int(rng.expovariate(1 / (0.6 if phase.name == "background" else 2.0)))
            inc.victims = self._men(inc, phase, n)
        if not inc.victims:
            inc.victims = self._men(inc, phase, 1)
        return inc

    def _church(self, iid: str) -> Incident:
        """The Mar Elias church bombing, Dweila, Damascus, 22 June 2025 (25 killed)."""
        place = next(p for p in load_places() if p.name == "Dweila")
        phase = Phase("church-2025-06", 0, dt.date(2025, 6, 22), dt.date(2025, 6, 22), {"SY01": 1},
                      "christian", 1, {"suicide bombing": 1}, 0.0)
        inc = Incident(iid, phase.name, phase.start, place, "suicide bombing")
        while len(inc.victims) < 25:
            inc.victims += self._extended(inc, phase) if self.rng.random() < 0.5 else self._men(inc, phase, 2)
        inc.victims = inc.victims[:25]
        self._church_done = True
        return inc


def _names(community: str, sex: str) -> set[str]:
    from tally.simulate.ledger.names import GIVEN

    return set(GIVEN[community][sex])
