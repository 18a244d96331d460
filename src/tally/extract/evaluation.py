"""Agreement of the extractor with hand labels of whole articles.

    from tally.extract.evaluation import load_labels, score_labels
    score = score_labels(load_labels("tests/data/fakes_labels.csv"), texts)
    print(score.summary())

Each label describes an article's main event (see ``tests/data/README.md``);
the extractor's reading of the article is its :func:`~tally.extract.claims.main_claim`.
Agreement, per label:

- count: the main claim's number equals the label's best, else its number as
  written ("more than 500": 500); for a label with neither (a range), the
  claim's low and high equal the label's;
- perpetrator: both name nobody, or both name the same actor (the names share
  an actor class below, or a content word when neither is in a class);
- attribution: the same strength ("unidentified" counts as "unknown": neither
  names an actor);
- governorate / place: the claim's gazetteer unit lies in the label's governorate /
  is the unit the label's place resolves to or a part of it ("Salah al-Din
  district" for "Aleppo"), for labels with a governorate / a place the gazetteer knows;
- date: the claim's window overlaps the label's day or window (labels with a date).

The actor classes are for scoring only: they let "the Assad regime" and
"government forces" agree without claiming that the extractor should rename either.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from tally.extract.claims import extract_claims, main_claim
from tally.normalize.places import place_by_id, resolve_place

#: actor class → words that name it (lower case, whole words)
ACTOR_CLASSES = {
    "syrian government": ("regime", "government", "assad", "army", "troops", "loyal", "pro-government"),
    "russia": ("russia", "russian", "russia's"),
    "islamic state": ("islamic state", "isis", "isil", "daesh", "is"),
    "us-led coalition": ("coalition", "us", "u.s.", "us-led", "u.s.-led", "american"),
    "kurdish forces": ("kurdish", "kurdish-led", "ypg", "sdf", "syrian democratic forces"),
    "rebels": ("rebel", "rebels", "opposition"),
    "terrorists (as state media names them)": ("terrorist", "terrorists"),
    "israel": ("israel", "israeli"),
    "turkey": ("turkey", "turkish"),
    "saudi-backed": ("saudi-backed", "saudi"),
    "nusra": ("nusra", "al-nusra"),
}
_GENERIC = frozenset("the a an of and or forces force group groups syrian syria jets warplanes war planes "
                     "air strikes airstrikes aircraft members fighters militants units its their".split())


def _words(name: str) -> list[str]:
    return re.findall(r"[a-z][a-z.'’-]*", name.lower())


def actor_classes(name: str | None) -> set[str]:
    """The scoring classes a perpetrator name falls in."""
    if not name:
        return set()
    text = " " + " ".join(_words(name)) + " "
    return {k for k, words in ACTOR_CLASSES.items() if any(f" {w} " in text for w in words)}


def same_actor(a: str | None, b: str | None) -> bool:
    """Whether two perpetrator names (either may be None: nobody) agree."""
    if not a or not b:
        return not a and not b
    ca, cb = actor_classes(a), actor_classes(b)
    if ca or cb:
        return bool(ca & cb)
    return bool((set(_words(a)) - _GENERIC) & (set(_words(b)) - _GENERIC))


def _int(v: str) -> int | None:
    return int(v) if v.strip() else None


def load_labels(path: str | Path) -> list[dict]:
    """The label rows of a labels CSV (numbers as ints, empty cells as None)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        for k in ("row", "killed_stated", "killed_low", "killed_best", "killed_high"):
            r[k] = _int(r[k])
        for k in ("perpetrator", "place", "governorate", "date", "note"):
            r[k] = r[k].strip() or None
    return rows


def _window(value: str) -> tuple[dt.date, dt.date]:
    a, _, b = value.partition("/")
    return dt.date.fromisoformat(a), dt.date.fromisoformat(b or a)


@dataclass
class LabelScore:
    articles: int
    count_exact: float
    count_nothing: float
    perpetrator: float
    attribution: float
    governorate: float
    place: float
    date: float
    rows: list[dict] = field(default_factory=list)   # per article: label, main claim, what agreed

    def summary(self) -> str:
        return (f"{self.articles} labelled articles: killed count exact {self.count_exact:.2f} "
                f"(nothing {self.count_nothing:.2f}), perpetrator {self.perpetrator:.2f}, "
                f"attribution {self.attribution:.2f}, governorate {self.governorate:.2f}, "
                f"place {self.place:.2f}, date {self.date:.2f}")


def _count_agrees(label: dict, claim: dict | None) -> bool:
    if claim is None:
        return False
    for k in ("killed_best", "killed_stated"):
        if label[k] is not None:
            got = next(claim[c] for c in ("killed_best", "count_stated", "killed_low") if claim.get(c) is not None)
            return got == label[k]
    return (claim["killed_low"], claim["killed_high"]) == (label["killed_low"], label["killed_high"])


def _within(place_id: str | None, unit_id: str) -> bool:
    """Whether ``place_id`` is the unit ``unit_id`` or lies inside it."""
    seen = 0
    while place_id and seen < 8:
        if place_id == unit_id:
            return True
        p = place_by_id(place_id)
        place_id, seen = (p.parent_id if p else None), seen + 1
    return False


def _governorate_id(place_id: str | None) -> str | None:
    p = place_by_id(place_id) if place_id else None
    return p.governorate_id if p else None


def score_labels(labels: list[dict], texts: dict[str, str]) -> LabelScore:
    """Agreement of the extractor with ``labels``; ``texts`` maps a label's
    ``unit_id`` to the article text (labels without a text are skipped)."""
    rows = []
    for lab in labels:
        text = texts.get(lab["unit_id"])
        if text is None:
            continue
        claim = main_claim(extract_claims(text, dt.date.fromisoformat(lab["published"])))
        perp = claim["perpetrator"] if claim else None
        att = (claim["attribution"] if claim else "unknown") or "unknown"
        row = {"label": lab, "claim": claim, "count": _count_agrees(lab, claim),
               "perpetrator": same_actor(lab["perpetrator"], perp),
               "attribution": {"unidentified": "unknown"}.get(att, att) == lab["attribution"]}
        if lab["governorate"]:
            gov = resolve_place(lab["governorate"], level=1)
            row["governorate"] = gov is not None and claim is not None and \
                _governorate_id(claim["place_id"]) == gov.id
        if lab["place"] and (pm := resolve_place(lab["place"], governorate=lab["governorate"])):
            row["place"] = claim is not None and _within(claim["place_id"], pm.id)
        if lab["date"]:
            a, b = _window(lab["date"])
            s, e = (claim or {}).get("date_start"), (claim or {}).get("date_end")
            row["date"] = bool(s and e and dt.date.fromisoformat(s) <= b and a <= dt.date.fromisoformat(e))
        rows.append(row)

    def share(key: str) -> float:
        had = [r[key] for r in rows if key in r]
        return sum(had) / len(had) if had else 0.0

    return LabelScore(len(rows), share("count"), sum(r["claim"] is None for r in rows) / max(1, len(rows)),
                      share("perpetrator"), share("attribution"), share("governorate"), share("place"),
                      share("date"), rows)
