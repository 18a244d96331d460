"""Settings of a simulated conflict: phases, places, sources and their errors.

Every number a test measures on the output is configured here, so that the
test can compare measured rates with the configured ones. The values are
chosen to look like Syria between December 2024 and October 2025; they are
illustrative, not estimates of what happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

START = dt.date(2024, 12, 1)
END = dt.date(2025, 10, 31)

#: Governorates by gazetteer p-code: name used in reports and community mix.
COMMUNITY_MIX: dict[str, dict[str, float]] = {
    "SY01": {"sunni": 0.72, "alawite": 0.1, "christian": 0.08, "druze": 0.04, "shia": 0.06},
    "SY02": {"sunni": 0.8, "kurd": 0.14, "christian": 0.06},
    "SY03": {"sunni": 0.76, "druze": 0.1, "christian": 0.05, "alawite": 0.05, "shia": 0.04},
    "SY04": {"sunni": 0.62, "alawite": 0.27, "christian": 0.1, "shia": 0.01},
    "SY05": {"sunni": 0.68, "alawite": 0.14, "ismaili": 0.09, "christian": 0.09},
    "SY06": {"alawite": 0.68, "sunni": 0.27, "christian": 0.05},
    "SY07": {"sunni": 0.96, "druze": 0.03, "christian": 0.01},
    "SY08": {"kurd": 0.5, "sunni": 0.4, "christian": 0.1},
    "SY09": {"sunni": 0.98, "christian": 0.02},
    "SY10": {"alawite": 0.72, "sunni": 0.2, "christian": 0.08},
    "SY11": {"sunni": 0.85, "kurd": 0.15},
    "SY12": {"sunni": 0.96, "christian": 0.04},
    "SY13": {"druze": 0.86, "sunni": 0.08, "christian": 0.06},
    "SY14": {"sunni": 0.8, "druze": 0.2},
}


@dataclass(frozen=True)
class Phase:
    """A kind of violence with its own time, places, victims and perpetrators."""

    name: str
    share: float  # share of all victims
    start: dt.date
    end: dt.date
    governorates: dict[str, float]  # p-code -> weight
    size_mean: float  # mean victims per incident (1 + geometric)
    target: str | None  # community targeted (most victims), if any
    target_share: float
    combatant_share: float
    family_share: float  # share of victims killed with relatives
    perpetrators: dict[str, float]
    types: dict[str, float]


PHASES: tuple[Phase, ...] = (
    Phase(
        "background", 0.6, START, END,
        {"SY04": 12, "SY05": 9, "SY06": 6, "SY10": 4, "SY01": 6, "SY03": 8, "SY02": 9,
         "SY07": 6, "SY09": 8, "SY12": 7, "SY13": 4, "SY08": 4, "SY11": 4, "SY14": 2},
        1.0, None, 0.0, 0.3, 0.3,
        {"unidentified gunmen": 30, "government-affiliated forces": 12,
         "former-regime loyalist insurgents": 8, "ISIS": 6, "SDF": 5,
         "Turkish-backed factions": 4, "Israeli forces": 3, "tribal fighters": 5,
         "explosive remnants of war": 7},
        {"shooting": 40, "assassination": 20, "clashes": 15, "explosion": 12,
         "abduction and killing": 8, "airstrike": 5},
    ),
    Phase(
        "coast-2025-03", 0.25, dt.date(2025, 3, 6), dt.date(2025, 3, 12),
        {"SY06": 50, "SY10": 30, "SY05": 12, "SY04": 8},
        7.0, "alawite", 0.88, 0.12, 0.65,
        {"government-affiliated forces": 45, "pro-government armed factions": 35,
         "former-regime loyalist insurgents": 12, "unidentified gunmen": 8},
        {"mass killing": 55, "execution": 30, "clashes": 15},
    ),
    Phase(
        "sweida-2025-07", 0.15, dt.date(2025, 7, 13), dt.date(2025, 7, 21),
        {"SY13": 88, "SY12": 12},
        5.0, "druze", 0.8, 0.2, 0.55,
        {"government-affiliated forces": 40, "tribal fighters": 30,
         "Druze armed groups": 15, "Israeli forces": 5, "unidentified gunmen": 10},
        {"mass killing": 35, "execution": 30, "clashes": 25, "airstrike": 10},
    ),
)


@dataclass(frozen=True)
class SourceProfile:
    """One documenting source: who it captures and how it writes records."""

    id: str
    name: str
    kind: str
    reliability: str
    language: str
    file: str
    mapping: str
    # capture probability by latent class (easy, hard)
    capture: tuple[float, float]
    # multiplier of the capture probability by governorate p-code (default 1)
    coverage: dict[str, float] = field(default_factory=dict)
    combatant_factor: float = 1.0
    # list dependence: when `depends_on` captured the victim, odds are multiplied
    depends_on: str | None = None
    dependence_odds: float = 1.0
    errors: dict[str, float] = field(default_factory=dict)


#: The five lists. Error rates are per record (or per name part where noted).
SOURCES: tuple[SourceProfile, ...] = (
    SourceProfile(
        "rg-ar", "Syrian Documentation Collective (Arabic list)", "rights_group_list", "B", "ar",
        "lists/rg-ar_cp1256.csv", "mappings/rg-ar.toml", (0.62, 0.16),
        combatant_factor=0.8,
        errors={
            "hamza": 0.35,            # per name part that has a hamza: written without
            "ta_marbuta": 0.3,        # per part ending in ة: written ه
            "alef_maqsura": 0.3,      # per part ending in ى: written ي
            "abd_spacing": 0.5,       # per عبد compound: spacing changed
            "no_article": 0.2,        # family name written without ال
            "missing_grandfather": 0.5,
            "missing_age": 0.15,
            "date_shift": 0.05,       # date of death one day off
        },
    ),
    SourceProfile(
        "rg-en", "Syria Casualty Watch (English list)", "rights_group_list", "B", "en",
        "lists/rg-en.xlsx", "mappings/rg-en.toml", (0.45, 0.1),
        combatant_factor=0.7, depends_on="rg-ar", dependence_odds=3.0,
        errors={
            "translit_variant": 0.5,  # per name part: a non-standard Latin spelling
            "month_only": 0.35,       # date written as a month only
            "age_range": 0.4,         # age given as a ten-year range
            "missing_age": 0.2,
            "missing_father": 0.4,    # full name without the father's name
            "place_alt": 0.3,         # district written with another spelling
            "unidentified": 0.03,     # "Unidentified man" / "Unknown": a placeholder, not a name
        },
    ),
    SourceProfile(
        "local", "Local coordination committees (mixed list)", "social_media", "D", "ar",
        "lists/local_mixed.csv", "mappings/local.toml", (0.4, 0.22),
        coverage={"SY06": 1.6, "SY10": 1.6, "SY13": 1.7, "SY09": 0.5, "SY08": 0.5, "SY11": 0.5},
        errors={
            "latin_script": 0.4,      # record written in Latin script (else Arabic)
            "typo": 0.12,             # one character edit in the name
            "swapped_order": 0.1,     # family name written first
            "kunya": 0.08,            # Abu X / Umm X instead of the given name
            "duplicate": 0.07,        # the same victim listed twice (as a share of records)
            "missing_age": 0.35,
            "missing_sex": 0.3,
        },
    ),
    SourceProfile(
        "morgue", "Hospital morgue registers", "official", "C", "ar",
        "lists/morgue_utf16.txt", "mappings/morgue.toml", (0.35, 0.3),
        coverage={"SY06": 1.2, "SY10": 1.2, "SY04": 1.0, "SY13": 1.3, "SY01": 1.0,
                  "SY05": 0.8, "SY03": 0.6, "SY12": 0.6, "SY02": 0.5, "SY07": 0.3,
                  "SY09": 0.3, "SY08": 0.3, "SY11": 0.3, "SY14": 0.3},
        combatant_factor=1.3,
        errors={
            "unidentified": 0.3,      # body registered as مجهول الهوية
            "date_received_later": 0.2,  # registered the day after death
            "missing_father": 0.3,
        },
    ),
    SourceProfile(
        "monitor", "Regional monitoring network (JSON export)", "rights_group_list", "C", "ar",
        "lists/monitor.jsonl", "mappings/monitor.toml", (0.3, 0.06),
        depends_on="rg-ar", dependence_odds=2.0, combatant_factor=1.5,
        errors={
            "birth_year_off": 0.2,    # birth year one off (computed from age)
            "missing_father": 0.2,
            "hamza": 0.2,
            "governorate_only": 0.25,  # no village, only the governorate
        },
    ),
)

#: News articles about incidents: probability grows with the number killed.
ARTICLE_BASE = 0.03
ARTICLE_PER_VICTIM = 0.04
ARTICLE_MAX = 0.9
#: Share of articles whose count is vague ("dozens") rather than a number.
ARTICLE_VAGUE = 0.45
#: Share of claims that name an alleged perpetrator.
ARTICLE_ATTRIBUTED = 0.65

#: Latent classes: share of victims that are easy to document.
EASY_SHARE = 0.6
#: Spread (sd of the log) of each list's odds multiplier per incident: some
#: incidents reach a list in full, others barely.
INCIDENT_EFFECT_SD = 0.7


#: Error profiles: every configured error rate multiplied by this factor
#: (capped at 0.9). "standard" is the realistic default; "hard" is for
#: stress-testing linkage; "clean" shows what linkage does with tidy lists.
PROFILES: dict[str, float] = {"clean": 0.25, "standard": 1.0, "hard": 1.6}


#: Profiles with a generator of their own (not an error factor on the sources above):
#: independent, field and audit (tuning profiles now), and ledger, the held-out one of
#: wave 5 (tally.simulate.ledger: seven lists of its own), and mosaic, held out in
#: wave 6 (tally.simulate.mosaic; run once at the end of wave 6, in-sample since), and
#: kestrel, held out in wave 7 (tally.simulate.kestrel), and heron, held out in wave 8
#: (tally.simulate.heron), and osprey, held out in wave 9 (tally.simulate.osprey).
OWN_GENERATORS: tuple[str, ...] = ("independent", "field", "audit", "ledger", "mosaic", "kestrel", "heron",
                                   "osprey")


def sources_for(profile: str = "standard") -> tuple[SourceProfile, ...]:
    """The sources with their error rates scaled for ``profile``."""
    from dataclasses import replace

    try:
        factor = PROFILES[profile]
    except KeyError:
        raise ValueError(f"unknown error profile {profile!r}; use one of {', '.join(PROFILES)}") from None
    if factor == 1.0:
        return SOURCES
    return tuple(replace(s, errors={k: round(min(0.9, v * factor), 4) for k, v in s.errors.items()})
                 for s in SOURCES)
