"""Incidents: claims and linked victim records that describe the same killing.

Grouping (:func:`group_units`) joins two units when all three hold:

* time: their date windows overlap (claims' windows are widened by
  ``tolerance_days`` each side, for reports dated the day after);
* place: the same place, or places within the same district; a unit known only
  to its governorate matches anything within that governorate;
* victim group: not civilians against combatants, and not two different
  named communities.

Records enter as persons (``tally link``): a person's records count once, on
the person's most common date and most specific place. Persons killed on the
same day in the same district form one unit before grouping. Claims whose
window is longer than ``max_window_days`` (monthly tolls, "since March") are
tallies, not incidents, and are left out. A person's verdicts
(``incident_decision``, kept with who and when) bind every later grouping: a
split keeps two members apart even when the rules would join them (when they
sit in one day-place unit, the second leaves it); a merge joins them whatever
the rules say; a detach moves one member out of the incident the rules put it
in, to stand alone unless a merge joins it elsewhere ("move" is a detach and a
merge). A record moves with the other records of its person: one victim.

Attribution grades (:mod:`.grades`) count independent origins. A
claim's source is the document's, except for an article from a JSON-lines file
that names its own outlet (``source``/``outlet`` on the line): that outlet is the
claim's source (:func:`claim_origin`), so two outlets in one file are two origins
and an outlet quoting another ("according to Levant Daily") is one.

Killed per incident: documented victims (distinct persons) are a floor;
low = the lowest claimed low, best = the median claimed best, high = the
highest claimed high, each raised to at least the documented count.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from collections import Counter
from dataclasses import dataclass, field

from tally.disjoint_set import DisjointSet
from tally.incident.grades import Evidence, Grade, grade_perpetrators, stance_of

USABLE_STATUSES = ("proposed", "accepted", "edited")  # a parameter throughout; ("accepted",) once reviewed
#: Every status a claim can have: a run over rejected claims shows what they would have made.
CLAIM_STATUSES = USABLE_STATUSES + ("rejected",)


@dataclass(frozen=True)
class IncidentSettings:
    review_statuses: tuple[str, ...] = USABLE_STATUSES
    tolerance_days: int = 1
    max_window_days: int = 7

    def __post_init__(self) -> None:
        unknown = [s for s in self.review_statuses if s not in CLAIM_STATUSES]
        if unknown or not self.review_statuses:
            from tally.errors import UsageError

            raise UsageError(f"claim status {', '.join(map(repr, unknown)) or '(none)'}: "
                             f"a claim is {', '.join(CLAIM_STATUSES)}")


@dataclass
class Unit:
    """A claim, or the persons killed one day in one district, before grouping."""

    uid: str
    kind: str                          # claim | records
    start: dt.date
    end: dt.date
    place_id: str | None
    district_id: str | None
    governorate_id: str | None
    place_level: int | None = None
    status: str | None = None          # civilian | combatant | unknown | mixed
    community: str | None = None
    claim: dict | None = None
    records: list[dict] = field(default_factory=list)   # {record_id, person_id, ...}


@dataclass
class Incident:
    incident_id: str
    units: list[Unit]
    date_start: dt.date
    date_end: dt.date
    place_id: str | None
    district_id: str | None
    governorate_id: str | None
    victim_group: str
    killed_low: int | None
    killed_best: int | None
    killed_high: int | None
    documented: int
    claims: list[dict]
    records: list[dict]
    perpetrators: list[Grade]

    def as_dict(self) -> dict:
        return {
            "incident_id": self.incident_id, "date_start": str(self.date_start), "date_end": str(self.date_end),
            "place_id": self.place_id, "district_id": self.district_id, "governorate_id": self.governorate_id,
            "victim_group": self.victim_group, "killed_low": self.killed_low, "killed_best": self.killed_best,
            "killed_high": self.killed_high, "documented": self.documented,
            "claims": [c["claim_id"] for c in self.claims], "records": len(self.records),
            "perpetrators": [{"perpetrator": g.perpetrator, "grade": g.grade, "origins": g.origins,
                              "evidence": len(g.evidence_ids)} for g in self.perpetrators],
        }


# ---------------------------------------------------------------- matching rules

def _times_overlap(a: Unit, b: Unit, tol: int) -> bool:
    pad = dt.timedelta(days=tol)
    pa = pad if a.kind == "claim" else dt.timedelta(0)
    pb = pad if b.kind == "claim" else dt.timedelta(0)
    return a.start - pa <= b.end + pb and b.start - pb <= a.end + pa


def _places_match(a: Unit, b: Unit) -> bool:
    if not a.governorate_id or not b.governorate_id or a.governorate_id != b.governorate_id:
        return False
    if a.place_id and a.place_id == b.place_id:
        return True
    if a.district_id is None or b.district_id is None:
        return True  # known only to the governorate
    return a.district_id == b.district_id


def _groups_match(a: Unit, b: Unit) -> bool:
    if {a.status, b.status} == {"civilian", "combatant"}:
        return False
    return not (a.community and b.community and a.community != b.community)


def units_match(a: Unit, b: Unit, settings: IncidentSettings = IncidentSettings()) -> bool:
    return _times_overlap(a, b, settings.tolerance_days) and _places_match(a, b) and _groups_match(a, b)


# ---------------------------------------------------------------- grouping

class _Components:
    """Units joined into incidents, on the shared :class:`DisjointSet`, with two things of
    their own: pairs a person split stay apart (a join that would put them in one group is
    refused), and a group is named by its lowest unit index, as every run names it (the
    name breaks ties between candidate incidents, so it must not depend on join order)."""

    def __init__(self, n: int, apart: list[tuple[int, int]]):
        self.sets = DisjointSet(n)
        self.lowest = list(range(n))   # by root: the lowest member of its group
        self.apart = apart

    def find(self, i: int) -> int:
        """The group's name: its lowest member."""
        return self.lowest[self.sets.find(i)]

    def union(self, a: int, b: int) -> bool:
        """Join the groups of ``a`` and ``b`` unless a split keeps them apart (False)."""
        ra, rb = self.sets.find(a), self.sets.find(b)
        if ra == rb:
            return True
        for x, y in self.apart:
            if {self.sets.find(x), self.sets.find(y)} == {ra, rb}:
                return False
        low = min(self.lowest[ra], self.lowest[rb])
        self.lowest[self.sets.union(ra, rb)] = low
        return True


def _specific(u: Unit) -> bool:
    return (u.place_level or 0) >= 3


def _holder(units: list[Unit], member: str) -> int | None:
    """Index of the unit holding a claim, record or person id."""
    for i, u in enumerate(units):
        if u.uid == member or (u.claim and u.claim["claim_id"] == member) or any(
                r["record_id"] == member or r.get("person_id") == member for r in u.records):
            return i
    return None


def _isolate(units: list[Unit], member: str) -> int | None:
    """Put ``member`` in a unit of its own (a record with the rest of its person's records),
    taking it out of a day-place unit it shares; return that unit's index."""
    i = _holder(units, member)
    if i is None or units[i].kind != "records":
        return i
    u = units[i]
    person = next((r.get("person_id") for r in u.records
                   if r["record_id"] == member or r.get("person_id") == member), None)
    mine = [r for r in u.records if r["record_id"] == member or (person and r.get("person_id") == person)]
    rest = [r for r in u.records if r not in mine]
    if not rest:
        return i
    peeled = Unit(f"{u.uid}/{member}", "records", u.start, u.end, u.place_id, u.district_id, u.governorate_id,
                  u.place_level, u.status, u.community, records=mine)
    u.records = rest
    if any("status" in r for r in mine + rest):  # records from the store carry their own
        set_traits(u)
        set_traits(peeled)
    units.append(peeled)
    return len(units) - 1


def group_units(units: list[Unit], settings: IncidentSettings = IncidentSettings(),
                decisions: list[tuple[str, str, str | None]] = ()) -> list[list[Unit]]:
    """Units joined into incidents by the rules and by ``(kind, member_a, member_b)`` decisions.

    Units at a place (sub-district or finer) join one another at the same place.
    A unit known only to its district or governorate joins one incident at most
    (the matching one with the most documented victims), so that a district-wide
    report never chains separate killings together; broad units matching no
    incident form their own. Decisions come in the order they were made: a detach
    (``member_b`` None) takes its member out of every rule-made join; a split
    whose members share a unit first gives the second a unit of its own.
    """
    units = list(units)
    alone: set[str] = set()
    for k, a, b in decisions:
        if k == "detach":
            i = _isolate(units, a)
            if i is not None:
                alone.add(units[i].uid)
        elif k == "split" and b is not None and _holder(units, a) is not None and \
                _holder(units, a) == _holder(units, b):
            _isolate(units, b)
    detached = {i for i, u in enumerate(units) if u.uid in alone}
    where: dict[str, int] = {}
    for i, u in enumerate(units):
        where[u.uid] = i
        if u.claim:
            where[u.claim["claim_id"]] = i
        for r in u.records:
            where[r["record_id"]] = i
            if r.get("person_id"):
                where.setdefault(r["person_id"], i)
    apart = [(where[a], where[b]) for k, a, b in decisions if k == "split" and a in where and b in where]
    comp = _Components(len(units), apart)
    for k, a, b in decisions:
        if k == "merge" and a in where and b in where:
            comp.union(where[a], where[b])
    by_gov: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        by_gov.setdefault(u.governorate_id or "", []).append(i)
    gap = dt.timedelta(days=2 * settings.tolerance_days)
    for idx in by_gov.values():
        idx.sort(key=lambda i: (units[i].start, units[i].uid))
        idx = [i for i in idx if i not in detached]  # a detached member joins only by a merge
        specific = [i for i in idx if _specific(units[i])]
        broad = [i for i in idx if not _specific(units[i])]
        for p, i in enumerate(specific):
            for j in specific[p + 1:]:
                if units[j].start - units[i].end > gap:
                    break
                if units[i].kind == "records" and units[j].kind == "records" and not (
                        units[i].start == units[j].start and units[i].end == units[j].end):
                    continue  # records join one another only through a claim, or on the same day
                if units[i].place_id == units[j].place_id and units_match(units[i], units[j], settings):
                    comp.union(i, j)
        weight: Counter = Counter()
        for i in specific:
            weight[comp.find(i)] += len(units[i].records) + (1 if units[i].claim else 0)
        loose = []
        for i in broad:
            cands = sorted({comp.find(j) for j in specific if units_match(units[i], units[j], settings)},
                           key=lambda r: (-weight[r], r))
            if not any(comp.union(i, r) for r in cands[:1]) and not any(comp.union(i, r) for r in cands[1:]):
                loose.append(i)
        for p, i in enumerate(loose):
            for j in loose[p + 1:]:
                if units_match(units[i], units[j], settings) and units[i].district_id == units[j].district_id:
                    comp.union(i, j)
    groups: dict[int, list[Unit]] = {}
    for i, u in enumerate(units):
        groups.setdefault(comp.find(i), []).append(u)
    return list(groups.values())


def killed_range(claims: list[dict], documented: int) -> tuple[int | None, int | None, int | None]:
    """Low/best/high from the claims, with the documented victims as a floor."""
    lows = [c.get("killed_low") if c.get("killed_low") is not None else c.get("killed_best") for c in claims]
    bests = [c.get("killed_best") for c in claims]
    highs = [c.get("killed_high") if c.get("killed_high") is not None else c.get("killed_best") for c in claims]
    lows, bests, highs = ([v for v in xs if v is not None] for xs in (lows, bests, highs))
    if not bests and not lows and not highs:
        return (documented, documented, documented) if documented else (None, None, None)
    low = max(documented, min(lows or bests or highs))
    best = max(documented, round(statistics.median(bests or lows or highs)), low)
    high = max(documented, max(highs or bests or lows), best)
    return low, best, high


def claim_origin(c: dict) -> tuple[str, str | None]:
    """``(source id, source name)`` a claim counts as for independence: the outlet its
    article names (a JSON line's ``source``/``outlet``) when it names one, so that two
    outlets in one file of articles are two sources and an outlet quoting another is one;
    else the source the document came from."""
    outlet = (c.get("outlet") or "").strip()
    if outlet:
        return f"{c['source_id']}/outlet:{' '.join(outlet.casefold().split())}", outlet
    return c["source_id"], c.get("source_name")


def evidence_of(claims: list[dict], records: list[dict]) -> list[Evidence]:
    out = []
    for c in claims:
        source_id, source_name = claim_origin(c)
        out.append(Evidence(
            c["claim_id"], source_id, c.get("perpetrator"), c.get("cited_source"),
            c.get("attribution") or "unknown",
            stance_of(c.get("perpetrator"), c.get("attribution"), c.get("evidence_text"), c.get("cited_source")),
            source_name))
    for r in records:
        if r.get("perpetrator_claimed"):
            out.append(Evidence(r["record_id"], r["source_id"], r["perpetrator_claimed"], None, "asserted",
                                "accuses", r.get("source_name")))
    return out


def _victim_group(units: list[Unit]) -> str:
    statuses = {u.status for u in units if u.status in ("civilian", "combatant")}
    communities = Counter(u.community for u in units if u.community)
    noun = {"civilian": "civilians", "combatant": "combatants"}.get(
        next(iter(statuses)) if len(statuses) == 1 else "", "people")
    return f"{communities.most_common(1)[0][0]} {noun}" if communities else noun


def build_incident(units: list[Unit]) -> Incident:
    claims = [u.claim for u in units if u.claim]
    records = [r for u in units for r in u.records]
    documented = len({r.get("person_id") or r["record_id"] for r in records})
    members = sorted([c["claim_id"] for c in claims] + [r["record_id"] for r in records])
    iid = "inc-" + hashlib.sha256("\n".join(members).encode()).hexdigest()[:12]
    best = max(units, key=lambda u: (u.place_level or 0, u.kind == "claim"))
    low, mid, high = killed_range(claims, documented)
    return Incident(
        iid, units, min(u.start for u in units), max(u.end for u in units), best.place_id,
        best.district_id, best.governorate_id, _victim_group(units), low, mid, high, documented,
        claims, records, grade_perpetrators(evidence_of(claims, records)))


def set_traits(u: Unit) -> None:
    """A records unit's victim status and community, from its records."""
    st = Counter(r.get("status") for r in u.records if r.get("status") in ("civilian", "combatant"))
    u.status = st.most_common(1)[0][0] if st and len(st) == 1 else ("mixed" if st else "unknown")
    cm = Counter(r.get("community") for r in u.records if r.get("community"))
    u.community = cm.most_common(1)[0][0] if len(cm) == 1 else None


