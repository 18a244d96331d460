"""Who each list documents: capture probabilities by event and community, in bulk.

A victim's chance to be on a list is a logistic model: the list's base rate for the
event (mass killings are documented far better than a lone shooting), plus effects
shared by every list — the incident's visibility (sd 0.6), the household's (sd 0.4:
families are documented together) and the person's (sd 0.4) — so lists overlap more
than independence would give, as real lists do. The English list is mostly copied
from the Arabic rights-group list (65% of those on it, 8% of the others), and the
community pages document their own (Alawite and Druze pages are the busiest).
"""

from __future__ import annotations

import numpy as np

EVENTS = ("coast", "sweida", "sahnaya", "church", "maqsud", "background")
COMMUNITY_INDEX = {"sunni": 0, "alawite": 1, "druze": 2, "kurdish": 3, "christian": 4}

#: list → base capture probability per event (order of EVENTS)
BASE = {
    "rights-ar": (.55, .45, .60, .80, .50, .42),
    "bilingual": (.30, .25, .35, .60, .35, .28),
    "news-wire": (.20, .25, .30, .70, .25, .05),
    "news-agg": (.15, .22, .25, .50, .20, .04),
    "morgue": (.30, .35, .40, .80, .30, .12),
    "local": (.45, .55, .45, .60, .40, .15),
}
#: the community pages' reach by community (logit shift), order of COMMUNITY_INDEX
LOCAL_COMMUNITY = np.array([-0.9, 0.5, 0.7, 0.2, 0.3])
ENGLISH_GIVEN_ARABIC, ENGLISH_OTHERWISE = 0.65, 0.08
SD_INCIDENT, SD_HOUSEHOLD, SD_PERSON = 0.6, 0.4, 0.4


def _logit(p):
    p = np.asarray(p, dtype=float)
    return np.log(p / (1 - p))


def capture(seed: int, event: np.ndarray, community: np.ndarray, incident: np.ndarray,
            household: np.ndarray, list_ids: tuple[str, ...]) -> np.ndarray:
    """Boolean matrix persons × lists (``list_ids`` order): who is on which list.

    ``event``, ``community``, ``incident`` and ``household`` are integer codes per person."""
    rng = np.random.default_rng([seed, 0xCA97])
    n = len(event)
    shared = (rng.normal(0, SD_INCIDENT, incident.max() + 1)[incident]
              + rng.normal(0, SD_HOUSEHOLD, household.max() + 1)[household]
              + rng.normal(0, SD_PERSON, n))
    out = np.zeros((n, len(list_ids)), dtype=bool)
    for j, lid in enumerate(list_ids):
        if lid == "english":
            continue
        z = _logit(BASE[lid])[event] + shared
        if lid == "local":
            z = z + LOCAL_COMMUNITY[community]
        out[:, j] = rng.random(n) < 1 / (1 + np.exp(-z))
    if "english" in list_ids:
        j = list_ids.index("english")
        on_ar = out[:, list_ids.index("rights-ar")]
        base = np.where(on_ar, _logit(ENGLISH_GIVEN_ARABIC), _logit(ENGLISH_OTHERWISE))
        out[:, j] = rng.random(n) < 1 / (1 + np.exp(-(base + 0.5 * shared)))
    return out


def duplicates(seed: int, captured: np.ndarray, rates: np.ndarray) -> np.ndarray:
    """Boolean matrix like ``captured``: which captured victims a list enters twice."""
    rng = np.random.default_rng([seed, 0xD0B1E])
    return captured & (rng.random(captured.shape) < rates[None, :])
