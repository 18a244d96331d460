"""Victims of the independent profile: places, incidents, extended families.

Incidents happen in a town or village of the shipped gazetteer (read here
directly, levels 3-4, with their district and governorate). Most incidents
kill one person; a third kill part of one extended family (grandparents, sons,
their wives and children, killed together: cousins share a grandfather,
siblings a father and grandfather, an eldest son's eldest son often carries
the grandfather's given name); a few kill several families of one village,
whose clans share family names. Dates cluster in waves (several incidents in
a governorate within days), as they did in Syria in 2025.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tally.simulate.independent.names import COMMUNITIES, Names, NameForm

START = dt.date(2025, 1, 1)
DAYS = 300


@dataclass(frozen=True)
class Unit:
    id: str
    level: int
    name_en: str
    name_ar: str
    alts: tuple[str, ...]
    governorate: str
    district: str


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Unit]:
    text = resources.files("tally.data.gazetteer").joinpath("gazetteer.csv").read_text(encoding="utf-8")
    units = {}
    for r in csv.DictReader(text.splitlines()):
        units[r["id"]] = Unit(r["id"], int(r["admin_level"]), r["name_en"], r["name_ar"],
                              tuple(a for a in r["alt_names"].split("|") if a), r["governorate_id"],
                              r["district_id"])
    return units


def places() -> list[Unit]:
    return [u for u in gazetteer().values() if u.level in (3, 4) and u.name_ar and u.district]


@dataclass
class Victim:
    person_id: str
    incident_id: str
    household: str
    given: NameForm
    father: NameForm
    grandfather: NameForm
    family: NameForm
    sex: str
    age: int
    date: dt.date
    place: Unit


class Population:
    """Incidents one after another, each with its victims."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = Names(rng)
        self.places = places()
        govs = sorted({p.governorate for p in self.places})
        # each governorate: a dominant community and a minority
        self.mix = {g: (rng.choice(COMMUNITIES), rng.choice(COMMUNITIES)) for g in govs}
        self.clans: dict[str, list[NameForm]] = {}
        self.n_incidents = 0
        self.n_persons = 0
        self.n_households = 0
        self.wave: tuple[str, dt.date, int] | None = None

    def community(self, place: Unit) -> str:
        major, minor = self.mix[place.governorate]
        return major if self.rng.random() < 0.8 else minor

    def clan(self, place: Unit, community: str) -> NameForm:
        """A family name of the village: a few clans hold most of its people."""
        clans = self.clans.get(place.id)
        if clans is None:
            clans = self.clans[place.id] = [self.names.clan(community) for _ in range(self.rng.randint(4, 12))]
        if self.rng.random() < 0.65:
            return clans[min(int(self.rng.expovariate(0.6)), len(clans) - 1)]
        return self.names.clan(community)

    def _when_where(self) -> tuple[dt.date, Unit]:
        rng = self.rng
        if self.wave and self.wave[2] > 0 and rng.random() < 0.7:
            gov, start, left = self.wave
            self.wave = (gov, start, left - 1)
            cands = [p for p in self.places if p.governorate == gov]
            return start + dt.timedelta(days=rng.randint(0, 5)), rng.choice(cands)
        if rng.random() < 0.03:
            place = rng.choice(self.places)
            start = START + dt.timedelta(days=rng.randrange(DAYS - 6))
            self.wave = (place.governorate, start, rng.randint(10, 60))
            return start, place
        return START + dt.timedelta(days=rng.randrange(DAYS)), rng.choice(self.places)

    def next_incident(self) -> list[Victim]:
        rng = self.rng
        self.n_incidents += 1
        iid = f"I{self.n_incidents:06d}"
        date, place = self._when_where()
        u = rng.random()
        victims: list[Victim] = []
        if u < 0.65:
            victims += self._lone(iid, date, place)
        elif u < 0.94:
            victims += self._family(iid, date, place, rng.randint(2, 7))
        else:
            for _ in range(rng.randint(2, 6)):
                victims += self._family(iid, date, place, rng.randint(1, 8))
        return victims

    def _new(self, iid, hh, given, father, grandfather, family, sex, age, date, place) -> Victim:
        self.n_persons += 1
        return Victim(f"P{self.n_persons:07d}", iid, hh, given, father, grandfather, family, sex,
                      max(0, age), date, place)

    def _lone(self, iid, date, place) -> list[Victim]:
        rng = self.rng
        c = self.community(place)
        sex = "male" if rng.random() < 0.85 else "female"
        self.n_households += 1
        return [self._new(iid, f"H{self.n_households:06d}", self.names.given(c, sex),
                          self.names.given(c, "male"), self.names.given(c, "male"),
                          self.clan(place, c), sex, int(rng.triangular(14, 75, 28)), date, place)]

    def _family(self, iid, date, place, n: int) -> list[Victim]:
        """``n`` members of one extended family, drawn from its three generations."""
        rng, nm = self.rng, self.names
        c = self.community(place)
        self.n_households += 1
        hh = f"H{self.n_households:06d}"
        fam = self.clan(place, c)
        g_given, g_father = nm.given(c, "male"), nm.given(c, "male")
        g_age = rng.randint(58, 85)
        members: list[tuple] = [(g_given, g_father, nm.given(c, "male"), fam, "male", g_age)]
        # the grandmother: her own father's names and family
        members.append((nm.given(c, "female"), nm.given(c, "male"), nm.given(c, "male"),
                         self.clan(place, c), "female", g_age - rng.randint(0, 8)))
        for k in range(rng.randint(1, 4)):
            son = nm.given(c, "male")
            s_age = g_age - rng.randint(22, 34) - 3 * k
            members.append((son, g_given, g_father, fam, "male", s_age))
            members.append((nm.given(c, "female"), nm.given(c, "male"), nm.given(c, "male"),
                            self.clan(place, c), "female", s_age - rng.randint(0, 8)))
            last_girl = None
            taken = {son.arabic}  # parents do not give two children one name, nor the father's
            for j in range(rng.randint(1, 5)):
                sex = "male" if rng.random() < 0.5 else "female"
                for _ in range(20):
                    if sex == "male":
                        given = (g_given if j == 0 and k == 0 and rng.random() < 0.5
                                 else nm.given(c, "male"))
                    else:
                        given = nm.sister_of(c, last_girl) if last_girl else nm.given(c, "female")
                    if given.arabic not in taken:
                        break
                taken.add(given.arabic)
                if sex == "female":
                    last_girl = given
                members.append((given, son, g_given, fam, sex, max(0, s_age - rng.randint(20, 32) - 2 * j)))
        rng.shuffle(members)
        # a nuclear core is likelier to die together: take from the front after sorting by chance
        chosen = members[: min(n, len(members))]
        return [self._new(iid, hh, *m, date, place) for m in chosen]
