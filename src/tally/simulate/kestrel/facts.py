"""Published facts the kestrel profile is written from, as numbers.

Kestrel models documentation of killings in Syria after December 2024, drawn from
public reporting (figures rounded; the profile scales them to ``size``):

- **Coast, 6-10 March 2025.** After an insurgent attack on 6 March, government-affiliated
  forces and allied factions killed civilians, overwhelmingly Alawite, in villages and
  towns of Latakia, Tartus and western Hama (Jableh, Baniyas, al-Haffa, Qardaha, Masyaf
  countryside). Rights groups counted about 1,400-1,500 civilians, most on 7-8 March;
  whole families were shot in their homes (the UN Commission of Inquiry, SNHR and SOHR
  reports of March-August 2025).
- **Sweida, 13-20 July 2025.** Fighting between Druze armed groups, Bedouin tribes and
  government forces, with summary killings of Druze civilians in Sweida city and villages
  and reprisals against Bedouin families; SOHR counted well over 1,000 dead, most Druze,
  some Bedouin; bodies went to Sweida National Hospital, whose morgue lists circulated.
- **Smaller incidents** through December 2024-October 2025: Jaramana and Sahnaya (Druze,
  end of April 2025), killings in Homs and Hama countryside, single shootings elsewhere.

Lists: rights groups publish registers in Arabic (with name parts in columns) and in
English (one Latin full name); news outlets and local pages name victims as they report
them, a day or three after the death, with a governorate or "X countryside" for place;
hospital/morgue lists give the date the body came in and the hospital's district; family
and village committees compile four-part names. These shares are illustrative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

START = dt.date(2024, 12, 8)
END = dt.date(2025, 10, 31)


@dataclass(frozen=True)
class Phase:
    """A wave of killing: when, where, whom, and how incidents and households cluster."""

    name: str
    share: float                       # share of all victims
    days: dict[dt.date, float]         # day -> weight (empty: uniform over START..END)
    governorates: dict[str, float]     # governorate key -> weight
    communities: dict[str, float]
    incident_mean: float               # mean victims per incident
    household_single: float            # P(a household has one victim)
    brother_household: float           # P(a further household is a brother's: cousins)
    male_share_single: float           # sex of victims killed alone
    civilian_share: float


def _days(start: dt.date, weights: list[float]) -> dict[dt.date, float]:
    return {start + dt.timedelta(days=i): w for i, w in enumerate(weights)}


PHASES: tuple[Phase, ...] = (
    Phase("coast-2025-03", 0.45, _days(dt.date(2025, 3, 6), [0.12, 0.36, 0.30, 0.14, 0.08]),
          {"latakia": 0.48, "tartus": 0.32, "hama": 0.15, "homs": 0.05},
          {"alawite": 0.9, "sunni": 0.06, "christian": 0.04},
          7.0, 0.42, 0.3, 0.82, 0.88),
    Phase("sweida-2025-07", 0.35, _days(dt.date(2025, 7, 13), [0.08, 0.14, 0.22, 0.2, 0.14, 0.1, 0.07, 0.05]),
          {"sweida": 0.86, "daraa": 0.14},
          {"druze": 0.8, "bedouin": 0.16, "christian": 0.04},
          5.0, 0.5, 0.25, 0.8, 0.7),
    Phase("smaller", 0.2, {},
          {"homs": 0.3, "hama": 0.18, "rural-damascus": 0.2, "latakia": 0.1, "tartus": 0.08,
           "daraa": 0.08, "sweida": 0.06},
          {}, 1.6, 0.8, 0.1, 0.9, 0.75),
)

#: who lives where, for the smaller incidents (phase communities empty)
REGION_COMMUNITIES: dict[str, dict[str, float]] = {
    "latakia": {"alawite": 0.6, "sunni": 0.35, "christian": 0.05},
    "tartus": {"alawite": 0.7, "sunni": 0.2, "christian": 0.1},
    "hama": {"sunni": 0.65, "alawite": 0.2, "christian": 0.1, "ismaili": 0.05},
    "homs": {"sunni": 0.6, "alawite": 0.3, "christian": 0.1},
    "rural-damascus": {"sunni": 0.6, "druze": 0.35, "christian": 0.05},
    "daraa": {"sunni": 0.85, "bedouin": 0.15},
    "sweida": {"druze": 0.85, "bedouin": 0.1, "christian": 0.05},
}
