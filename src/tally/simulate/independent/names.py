"""Names for the independent profile: Zipf pools per community, families, relatives.

Written apart from :mod:`tally.simulate.population` on purpose: the name table
is a different one (``names_ar_en.csv``, Arabic name segments with one Latin
spelling each, from the public-domain TechForPalestine dictionaries, see
``NOTICE``), names are ranked per community by a seeded shuffle and drawn with
Zipf weights (a few names very common, a long tail), and victims come as
extended families: a grandfather's line, his sons, their children. A child's
father name is the father's given name and its grandfather name the
grandfather's; an eldest son is often named after his grandfather; sisters
sometimes carry names one letter apart (سلمى / لمى). None of this is tuned to
what Tally's linker does; it follows what is published about Syrian lists.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate

#: Zipf exponent for given and family names (s = 1: rank r drawn ∝ 1/r).
ZIPF_S = 1.0
#: How many names of each pool a community uses (its ranked head).
GIVEN_PER_COMMUNITY = 350
FAMILY_PER_COMMUNITY = 900
COMMUNITIES = ("c1", "c2", "c3", "c4")
_FEMALE_ENDINGS = ("ة", "ى", "اء")


@dataclass(frozen=True)
class NameForm:
    """A name as its family would write it: Arabic letters and one usual Latin spelling."""

    arabic: str
    latin: str


@lru_cache(maxsize=1)
def name_table() -> tuple[tuple[NameForm, ...], tuple[NameForm, ...], tuple[NameForm, ...]]:
    """(male given, female given, family) names from the bundled table."""
    text = resources.files(__package__).joinpath("names_ar_en.csv").read_text(encoding="utf-8")
    male, female, family = [], [], []
    for row in csv.DictReader(text.splitlines()):
        form = NameForm(row["ar"], row["en"])
        ar = form.arabic
        if ar.startswith("ال") and len(ar) > 3:
            family.append(form)
        elif ar.startswith(("ابو", "أبو")) and len(ar) > 4:
            family.append(form)
        elif ar.endswith(_FEMALE_ENDINGS) or (ar.endswith("ه") and not ar.endswith("لله")):
            female.append(form)
        elif len(ar) >= 3:
            male.append(form)
    return tuple(male), tuple(female), tuple(family)


@dataclass(frozen=True)
class ZipfPool:
    names: tuple[NameForm, ...]
    cum: tuple[float, ...]

    def draw(self, rng: random.Random) -> NameForm:
        return rng.choices(self.names, cum_weights=self.cum)[0]


def zipf_pool(names, rng: random.Random, head: int) -> ZipfPool:
    ranked = list(names)
    rng.shuffle(ranked)
    ranked = ranked[:head]
    return ZipfPool(tuple(ranked), tuple(accumulate(1.0 / (r + 1) ** ZIPF_S for r in range(len(ranked)))))


class Names:
    """Per-community Zipf pools and the relatives' naming rules."""

    def __init__(self, rng: random.Random) -> None:
        male, female, family = name_table()
        self.rng = rng
        self.male = {c: zipf_pool(male, rng, GIVEN_PER_COMMUNITY) for c in COMMUNITIES}
        self.female = {c: zipf_pool(female, rng, GIVEN_PER_COMMUNITY) for c in COMMUNITIES}
        self.family = {c: zipf_pool(family, rng, FAMILY_PER_COMMUNITY) for c in COMMUNITIES}
        # female names one letter apart (سلمى / لمى): the sister-name neighbours
        by_ar = {f.arabic: f for f in female}
        self.near_female: dict[str, list[NameForm]] = {}
        for f in female:
            near = [by_ar[f.arabic[:i] + f.arabic[i + 1:]] for i in range(len(f.arabic))
                    if f.arabic[:i] + f.arabic[i + 1:] in by_ar]
            if near:
                self.near_female[f.arabic] = near

    def given(self, community: str, sex: str) -> NameForm:
        return (self.male if sex == "male" else self.female)[community].draw(self.rng)

    def sister_of(self, community: str, sister: NameForm) -> NameForm:
        """A sister's name: sometimes one letter from her sister's, else a fresh draw."""
        near = self.near_female.get(sister.arabic)
        if near and self.rng.random() < 0.5:
            return self.rng.choice(near)
        return self.given(community, "female")

    def clan(self, community: str) -> NameForm:
        return self.family[community].draw(self.rng)
