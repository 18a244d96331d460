"""The victims: events, incidents, families killed together, names, ages, dates.

Events (share of all victims, chosen from the published tolls' proportions, not
their sizes — the simulation scales to any size):

- ``coast`` 28%: the coastal killings of 6-10 March 2025 (Latakia, Jableh, Baniyas,
  Masyaf and Homs villages): mostly Alawite civilians killed by households in their
  villages and neighbourhoods, some Sunni security-force members.
- ``sweida`` 16%: Sweida, 13-20 July 2025: Druze families in the city and villages,
  Bedouin (Sunni Arab) families, a few Christians.
- ``sahnaya`` 2%: Jaramana / Sahnaya, 29 April - 1 May 2025 (Druze).
- ``church`` 0.4%: the Mar Elias church bombing, Damascus, 22 June 2025 (Christians).
- ``maqsud`` 2%: clashes in Aleppo's Sheikh Maqsoud, October 2025 and January 2026
  (Kurdish).
- ``background`` the rest: small incidents (62% a single victim) all over Syria from
  8 December 2024 to 31 May 2026, heavier in the first three months (revenge killings).

A mass event is split into incidents (one village or neighbourhood on one day, 3 to
~80 victims). Victims come in households: a father, the mother (who keeps her own
family name, the same as her husband's in about a third of marriages), children
carrying their father's given name as their father name and their paternal
grandfather's as their grandfather name; the eldest son named after that grandfather
(60%); two sisters or brothers named one letter apart (سلمى / لمى, حسن / حسين) in a
quarter of families with two children of one sex; in 30% of large households an uncle
with his own children (cousins: same grandfather, same family name, different father)
and sometimes the grandfather himself. Households of one incident are drawn from a few
clans of the village, so unrelated victims share family names too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from tally.simulate.audit.names import COMMUNITIES, KUNYA_OF, ONE_LETTER, Stock, stocks
from tally.simulate.audit.places import GOVERNORATES, Place, places_in

START, END = dt.date(2024, 12, 8), dt.date(2026, 5, 31)

#: event → (share of victims, [(governorate, district or None)], date weights by day,
#: community mix, mean incident size)
EVENTS = {
    "coast": (0.28, [("Latakia", "Latakia"), ("Latakia", "Jableh"), ("Tartus", "Baniyas"),
                     ("Hama", "Masyaf"), ("Homs", "Tall Kalakh")],
              {dt.date(2025, 3, 6): .1, dt.date(2025, 3, 7): .3, dt.date(2025, 3, 8): .3,
               dt.date(2025, 3, 9): .2, dt.date(2025, 3, 10): .1},
              {"alawite": .85, "sunni": .12, "christian": .03}, 22),
    "sweida": (0.16, [("Suwayda", None)],
               {dt.date(2025, 7, 13) + dt.timedelta(days=i): w
                for i, w in enumerate((.06, .12, .2, .2, .16, .12, .08, .06))},
               {"druze": .75, "sunni": .20, "christian": .05}, 14),
    "sahnaya": (0.02, [("Rif Dimashq", "Jaramana")],
                {dt.date(2025, 4, 29): .4, dt.date(2025, 4, 30): .4, dt.date(2025, 5, 1): .2},
                {"druze": .9, "sunni": .1}, 8),
    "church": (0.004, [("Damascus", "Damascus")], {dt.date(2025, 6, 22): 1.0},
               {"christian": 1.0}, 25),
    "maqsud": (0.02, [("Aleppo", "Aleppo")],
               {dt.date(2025, 10, 6): .3, dt.date(2025, 10, 7): .2, dt.date(2026, 1, 8): .2,
                dt.date(2026, 1, 9): .2, dt.date(2026, 1, 10): .1},
               {"kurdish": .9, "sunni": .1}, 6),
}
BACKGROUND_SIZES = (1, 2, 3, 4, 5, 6, 7, 8)
BACKGROUND_SIZE_P = (.62, .15, .08, .05, .04, .03, .02, .01)
MASS_HOUSEHOLD = (1, 2, 3, 4, 5, 6, 7, 8)
MASS_HOUSEHOLD_P = (.60, .10, .08, .07, .06, .04, .03, .02)
P_EXTENDED = 0.30        # large households with an uncle's family (cousins)
P_GRANDFATHER = 0.15     # ... with the grandfather himself
P_NAMED_AFTER = 0.60     # eldest son named after his paternal grandfather
P_ONE_LETTER = 0.25      # two siblings of one sex named one letter apart
P_COUSIN_MARRIAGE = 0.33  # the mother's family name is her husband's
P_CLAN = 0.25            # a household of a mass incident is of one of the village's clans
P_BRANCH = 0.15          # ... a branch of a clan household already hit: the father has the
                         # other father's given name (not his father's), a child the name one
                         # letter from the other's child (issue 15's sisters سلمى / لمى)
HOME_GOVERNORATES = ("Idlib", "Hama", "Homs", "Aleppo", "Daraa", "Deir ez-Zor", "Rif Dimashq")
LAQABS = ("الحجي", "الأستاذ", "الدكتور", "المهندس", "الشيخ", "أبو شهاب", "الأسمر", "الطويل")


@dataclass
class Incident:
    incident_id: str
    event: str
    date: dt.date
    place: Place
    victims: list


@dataclass
class Person:
    person_id: str
    incident: Incident
    family_id: str
    household_id: str
    community: str
    sex: str
    age: int
    role: str
    given: int          # index into the community's male / female stock
    father: int         # male stock
    grandfather: int    # male stock
    family: int         # family stock
    mother: int         # female stock
    mother_family: int  # family stock
    kunya: str = ""     # Arabic given name of the son in "Abu X" / "Umm X"
    laqab: str = ""
    date: dt.date | None = None   # date of death (a few die of wounds the next day)
    burial: dt.date | None = None
    status: str = "civilian"
    home: Place | None = None  # a fighter's home village, when he died elsewhere
    husband: int = -1          # a wife's husband's given name (male stock) ...
    husband_family: int = -1   # ... and family: she keeps her own, some lists write his


class Population:
    """Draws incidents and their victims with one numpy generator (deterministic)."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng([seed, 0xA0D17])
        self.stocks = stocks()
        # each governorate ranks each community's clans in its own order
        self.family_rank: dict[tuple[str, str], np.ndarray] = {}
        for g in GOVERNORATES:
            for c in COMMUNITIES:
                n = len(self.stocks[c]["family"].arabic)
                self.family_rank[(g, c)] = self.rng.permutation(n)
        self._pools: dict[int, list] = {}
        self.incidents: list[Incident] = []
        self.persons: list[Person] = []
        self._families = 0
        self._households = 0

    # -- draws ----------------------------------------------------------------------
    def _pick(self, stock: Stock, k: int | None = None):
        """Zipf draws from ``stock``, taken from a buffer drawn in bulk (one numpy call
        per 4,096 names instead of one per name)."""
        if k is not None:
            return [self._pick(stock) for _ in range(k)]
        buf = self._pools.get(id(stock))
        if buf is None or buf[1] >= len(buf[0]):
            buf = [self.rng.choice(len(stock.weights), size=4096, p=stock.weights), 0]
            self._pools[id(stock)] = buf
        buf[1] += 1
        return int(buf[0][buf[1] - 1])

    def _family(self, gov: str, community: str) -> int:
        stock = self.stocks[community]["family"]
        return int(self.family_rank[(gov, community)][self._pick(stock)])

    def _weighted(self, mix: dict[str, float]) -> str:
        u, acc = self.rng.random() * sum(mix.values()), 0.0
        for k, w in mix.items():
            acc += w
            if u < acc:
                return k
        return k

    # -- events ---------------------------------------------------------------------
    def generate(self, persons: int) -> None:
        """About ``persons`` victims, the events in their shares, incidents shuffled."""
        plan = []
        for event, (share, where, days, mix, mean) in EVENTS.items():
            n = int(round(share * persons))
            while n > 0:
                k = min(n, max(3, int(self.rng.geometric(1 / mean))))
                if event == "church":
                    k = n
                plan.append((event, k))
                n -= k
        n_bg = persons - sum(k for _, k in plan)
        while n_bg > 0:
            k = min(n_bg, int(self.rng.choice(BACKGROUND_SIZES, p=BACKGROUND_SIZE_P)))
            plan.append(("background", k))
            n_bg -= k
        order = self.rng.permutation(len(plan))
        for i in order:
            self._incident(*plan[i])

    def _incident(self, event: str, k: int) -> None:
        rng = self.rng
        if event == "background":
            gov = self._weighted({g: v[2] for g, v in GOVERNORATES.items()})
            places = places_in(gov)
            place = places[rng.integers(len(places))]
            span = (END - START).days
            # the first three months weigh double (revenge killings after the fall)
            day = int(rng.integers(span + 90))
            date = START + dt.timedelta(days=day if day <= span else day - span - 1)
            date = min(date, END)
            mix = GOVERNORATES[gov][1]
        else:
            _, where, days, mix, _ = EVENTS[event]
            gov, district = where[rng.integers(len(where))]
            places = places_in(gov, district)
            if event == "church":
                places = [p for p in places if p.name == "al-Duwayla'a"][:1]
            if event == "maqsud":
                places = [p for p in places if p.name == "al-Shaykh Maqsud"]
            place = places[rng.integers(len(places))]
            date = self._weighted(days)
        inc = Incident(f"I{len(self.incidents) + 1:06d}", event, date, place, [])
        self.incidents.append(inc)
        community = self._weighted(mix)
        clans = [self._family(place.governorate, community) for _ in range(4)]
        left = k
        branch = None  # ((family, community), (father's given, his father, children)) to echo
        while left > 0:
            if event == "background":
                h = left if (left > 1 and rng.random() < 0.30) else 1
            else:
                h = int(rng.choice(MASS_HOUSEHOLD, p=MASS_HOUSEHOLD_P))
            h = min(h, left)
            # victims of another community in a mass event come one household at a time
            c = community if (event == "background" or rng.random() < 0.8) else self._weighted(mix)
            fam = (clans[rng.integers(len(clans))] if c == community and rng.random() < P_CLAN
                   else self._family(place.governorate, c))
            echo = None
            if branch is not None and left > 1:
                (fam, c), echo = branch  # the other branch's household, killed in the same raid
                h = min(max(h, int(rng.integers(3, 7))), left)
            made = self._household(inc, c, fam, h, echo)
            branch = ((fam, c), made) if (made is not None and made[2] and echo is None
                                          and rng.random() < P_BRANCH) else None
            left -= h

    # -- households -------------------------------------------------------------------
    def _new(self, inc, c, fam_id, hh_id, sex, age, role, given, father, grandfather, family,
             mother, mother_family) -> Person:
        p = Person(f"V{len(self.persons) + 1:07d}", inc, fam_id, hh_id, c, sex, int(age), role,
                   int(given), int(father), int(grandfather), int(family), int(mother),
                   int(mother_family))
        die_later = inc.event != "background" and self.rng.random() < 0.03
        p.date = inc.date + dt.timedelta(days=int(die_later))
        p.burial = p.date + dt.timedelta(days=int(self.rng.random() < 0.3))
        self.persons.append(p)
        inc.victims.append(p)
        return p

    def _household(self, inc: Incident, c: str, family: int, h: int, echo=None):
        """Victims of one household; returns (father's given, his father, children) of a
        family household, for a branch of the same clan to echo."""
        rng, st = self.rng, self.stocks[c]
        gov = inc.place.governorate
        self._families += 1
        self._households += 1
        fam_id, hh_id = f"F{self._families:06d}", f"H{self._households:06d}"
        if h == 1:
            male = rng.random() < (0.88 if inc.event == "background" else 0.78)
            sex = "male" if male else "female"
            stock = st["male" if male else "female"]
            father, grandfather = self._pick(st["male"], 2)
            given = self._pick(stock)
            if male and rng.random() < 0.2:
                given = grandfather
            age = int(rng.integers(18, 76))
            p = self._new(inc, c, fam_id, hh_id, sex, age, "single", given, father, grandfather,
                          family, self._pick(st["female"]), self._family(gov, c))
            if male and age >= 28 and rng.random() < 0.5:
                p.kunya = KUNYA_OF.get(st["male"].arabic[given], st["male"].arabic[self._pick(st["male"])])
            if male and inc.event == "coast" and c == "sunni":
                p.status = "combatant"
            elif male and inc.event == "background" and rng.random() < 0.25:
                p.status = "combatant"
            if p.status == "combatant" and rng.random() < 0.6:
                # a fighter killed away from home: his village's page mourns him there
                homes = places_in(HOME_GOVERNORATES[int(rng.integers(len(HOME_GOVERNORATES)))])
                p.home = homes[int(rng.integers(len(homes)))]
            if male and rng.random() < 0.05:
                p.laqab = LAQABS[int(rng.integers(len(LAQABS)))]
            return None
        ff, fff = (int(x) for x in self._pick(st["male"], 2))   # the children's grandfather, his father
        members: list[tuple] = []  # (role, sex, age, given, father, grandfather, mother, mother_family)
        f_given = int(self._pick(st["male"]))
        if echo is not None:
            f_given = echo[0]
            while ff == echo[1] or ff == f_given:
                ff = int(self._pick(st["male"]))
        f_age = int(rng.integers(28, 62))
        m_given, m_family = int(self._pick(st["female"])), (
            family if rng.random() < P_COUSIN_MARRIAGE else self._family(gov, c))
        members.append(("father", "male", f_age, f_given, ff, fff, int(self._pick(st["female"])),
                        self._family(gov, c)))
        n_left = h - 1
        if n_left and rng.random() < 0.8:
            members.append(("mother", "female", max(18, f_age - int(rng.integers(0, 11))), m_given,
                            int(self._pick(st["male"])), int(self._pick(st["male"])),
                            int(self._pick(st["female"])), self._family(gov, c)))
            n_left -= 1
        if n_left >= 3 and rng.random() < P_GRANDFATHER:
            members.append(("grandfather", "male", f_age + int(rng.integers(22, 36)), ff, fff,
                            int(self._pick(st["male"])), int(self._pick(st["female"])),
                            self._family(gov, c)))
            n_left -= 1
        uncle_kids = 0
        if n_left >= 3 and rng.random() < P_EXTENDED:
            u_given = int(self._pick(st["male"]))
            while u_given == f_given:
                u_given = int(self._pick(st["male"]))
            u_age = f_age + int(rng.integers(-8, 9))
            members.append(("uncle", "male", u_age, u_given, ff, fff,
                            int(self._pick(st["female"])), self._family(gov, c)))
            uncle_kids = int(rng.integers(1, n_left))
            n_left -= 1 + uncle_kids
            self._children(members, st, u_given, ff, u_age, uncle_kids, "cousin", gov, c)
        self._children(members, st, f_given, ff, f_age, n_left, "child", gov, c,
                       mother=(m_given, m_family), echo=echo[2] if echo is not None else ())
        # kunya: Abu / Umm + the eldest son's given name (or a conventional one)
        eldest = next((m for m in members if m[0] == "child" and m[1] == "male"), None)
        ar_male = st["male"].arabic
        for role, sex, age, given, father, grandfather, mother, mother_family in members:
            # a wife keeps her own family name (the same as his after a cousin marriage)
            own = m_family if role == "mother" else family
            p = self._new(inc, c, fam_id, hh_id, sex, age, role,
                          given, father, grandfather, own, mother, mother_family)
            if role == "mother":
                p.husband, p.husband_family = f_given, family
            stock = st["male" if sex == "male" else "female"]
            if role in ("father", "mother"):
                p.kunya = (ar_male[eldest[3]] if eldest is not None
                           else KUNYA_OF.get(stock.arabic[given], ar_male[self._pick(st["male"])]))
            elif role in ("uncle", "grandfather") and rng.random() < 0.6:
                p.kunya = KUNYA_OF.get(stock.arabic[given], ar_male[self._pick(st["male"])])
            if sex == "male" and age >= 25 and rng.random() < 0.05:
                p.laqab = LAQABS[int(rng.integers(len(LAQABS)))]
        return f_given, ff, [(m[1], m[3]) for m in members if m[0] == "child"]

    def _children(self, members, st, father_given, grandfather, father_age, n, role, gov, c,
                  mother=None, echo=()) -> None:
        rng = self.rng
        if n <= 0:
            return
        mom = mother or (int(self._pick(st["female"])), self._family(gov, c))
        age = max(0, father_age - int(rng.integers(22, 32)))
        taken: dict[str, list[int]] = {"male": [], "female": []}
        first_son = True
        for _ in range(n):
            sex = "male" if rng.random() < 0.5 else "female"
            stock = st[sex]
            if sex == "male" and first_son and rng.random() < P_NAMED_AFTER:
                given = grandfather
            else:
                given = int(self._pick(stock))
                prev = taken[sex]
                tries = 0
                while given in prev and tries < 20:
                    given = int(self._pick(stock))
                    tries += 1
                if prev and rng.random() < P_ONE_LETTER:
                    # rename the last sibling of this sex and this one as a one-letter pair
                    j = max(k for k, m in enumerate(members) if m[0] == role and m[1] == sex)
                    if not (sex == "male" and members[j][3] == grandfather):
                        pairs = [(x, y) for x, y in ONE_LETTER[sex]
                                 if x in stock.arabic and y in stock.arabic]
                        x, y = pairs[int(rng.integers(len(pairs)))]
                        members[j] = members[j][:3] + (stock.index(x),) + members[j][4:]
                        prev[-1] = stock.index(x)
                        given = stock.index(y)
            partner = _partner(stock, echo, sex)
            if partner is not None and partner not in taken[sex] and rng.random() < 0.7:
                given = partner  # one letter from a child of the other branch, or its very name

            if sex == "male":
                first_son = False
            taken[sex].append(int(given))
            members.append((role, sex, age, int(given), father_given, grandfather, mom[0], mom[1]))
            age = max(0, age - int(rng.integers(1, 5)))


def _partner(stock: Stock, echo, sex: str) -> int | None:
    """The name one letter from a child of the other branch (``echo``), else that
    child's own name (cousins named alike, told apart by the grandfather only)."""
    same = None
    for s_, given in echo:
        if s_ != sex:
            continue
        a = stock.arabic[given]
        same = given if same is None else same
        for x, y in ONE_LETTER[sex]:
            other = y if a == x else x if a == y else None
            if other is not None and other in stock.arabic:
                return stock.index(other)
    return same


__all__ = ["Incident", "Person", "Population", "START", "END", "EVENTS"]
