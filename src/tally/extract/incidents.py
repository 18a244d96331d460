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

Attribution grades (:mod:`.attribution_grade`) count independent origins. A
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
import json
import statistics
import uuid
from collections import Counter
from dataclasses import dataclass, field

from tally.extract.attribution_grade import Evidence, Grade, grade_perpetrators, stance_of
from tally.normalize.places import place_by_id
from tally.store.audit import append_event, utc_now
from tally.store.transaction import transaction

USABLE_STATUSES = ("proposed", "accepted", "edited")  # a parameter throughout; ("accepted",) once reviewed


@dataclass(frozen=True)
class IncidentSettings:
    review_statuses: tuple[str, ...] = USABLE_STATUSES
    tolerance_days: int = 1
    max_window_days: int = 7


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

def _date(v) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


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
    def __init__(self, n: int, apart: list[tuple[int, int]]):
        self.parent = list(range(n))
        self.apart = apart

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        for x, y in self.apart:
            if {self.find(x), self.find(y)} == {ra, rb}:
                return False
        self.parent[max(ra, rb)] = min(ra, rb)
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
        _set_traits(u)
        _set_traits(peeled)
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


# ---------------------------------------------------------------- from the store

def _place(place_id: str | None) -> tuple[str | None, str | None, int | None]:
    p = place_by_id(place_id) if place_id else None
    if p is None:
        return None, None, None
    return p.district_id, p.governorate_id, p.admin_level


def load_units(con, settings: IncidentSettings = IncidentSettings()) -> tuple[list[Unit], int]:
    """Claims (with their reviewed values and status where reviewed) and day-place groups of
    persons from the store; also how many claims were left out as tallies or unplaced."""
    units: list[Unit] = []
    skipped = 0
    from tally.extract.review import reviewed_claims_sql

    marks = ", ".join("?" * len(settings.review_statuses))
    cur = con.execute(
        f"""SELECT c.claim_id, c.source_id, s.name AS source_name, c.killed_low, c.killed_best, c.killed_high,
                   c.community, c.status, c.place_id, c.date_start, c.date_end, c.perpetrator, c.attribution,
                   c.cited_source, c.evidence_text, c.outlet
            FROM ({reviewed_claims_sql(con)}) c JOIN source s ON s.id = c.source_id
            WHERE c.review_status IN ({marks}) AND c.what IN ('killed', 'executed')
              AND coalesce(c.killed_best, c.killed_low, c.killed_high) IS NOT NULL
            ORDER BY c.claim_id""", list(settings.review_statuses))
    cols = [d[0] for d in cur.description]
    for row in cur.fetchall():
        c = dict(zip(cols, row))
        start, end = _date(c["date_start"]), _date(c["date_end"] or c["date_start"])
        district, gov, level = _place(c["place_id"])
        if start is None or end is None or gov is None or (end - start).days > settings.max_window_days:
            skipped += 1
            continue
        units.append(Unit(c["claim_id"], "claim", start, end, c["place_id"], district, gov, level,
                          c["status"], c["community"], claim=c))
    cur = con.execute(
        """SELECT v.record_id, v.source_id, s.name AS source_name, p.person_id, n.date_start, n.date_end,
                  n.place_id, n.place_level, n.district_id, n.governorate_id, n.status, n.community,
                  v.perpetrator_claimed
           FROM victim_record v JOIN record_norm n USING (record_id)
           JOIN source s ON s.id = v.source_id
           LEFT JOIN person_record p USING (record_id)
           ORDER BY v.record_id""")
    cols = [d[0] for d in cur.description]
    persons: dict[str, list[dict]] = {}
    for row in cur.fetchall():
        r = dict(zip(cols, row))
        persons.setdefault(r["person_id"] or r["record_id"], []).append(r)
    buckets: dict[tuple, Unit] = {}
    for recs in persons.values():
        dated = [r for r in recs if _date(r["date_start"]) and r["governorate_id"]]
        if not dated:
            continue
        when = Counter((_date(r["date_start"]), _date(r["date_end"]) or _date(r["date_start"])) for r in dated)
        (start, end), _ = when.most_common(1)[0]
        if (end - start).days > settings.max_window_days:
            continue
        at = [r for r in dated if (_date(r["date_start"]), _date(r["date_end"]) or _date(r["date_start"]))
              == (start, end)]
        rep = max(at, key=lambda r: (r["place_level"] or 0, r["record_id"]))
        key = (start, end, rep["place_id"] if (rep["place_level"] or 0) >= 3 else rep["district_id"] or rep["governorate_id"])
        u = buckets.get(key)
        if u is None:
            u = buckets[key] = Unit(f"rec:{start}:{end}:{key[2]}", "records", start, end, rep["place_id"],
                                    rep["district_id"], rep["governorate_id"], rep["place_level"])
        elif (rep["place_level"] or 0) > (u.place_level or 0):
            u.place_id, u.place_level = rep["place_id"], rep["place_level"]
        u.records.extend(recs)
    for u in buckets.values():
        _set_traits(u)
        units.append(u)
    return units, skipped


def _set_traits(u: Unit) -> None:
    """A records unit's victim status and community, from its records."""
    st = Counter(r.get("status") for r in u.records if r.get("status") in ("civilian", "combatant"))
    u.status = st.most_common(1)[0][0] if st and len(st) == 1 else ("mixed" if st else "unknown")
    cm = Counter(r.get("community") for r in u.records if r.get("community"))
    u.community = cm.most_common(1)[0][0] if len(cm) == 1 else None


@dataclass
class IncidentReport:
    run_id: str
    incidents: int
    with_claims: int
    claims_used: int
    claims_skipped: int
    records_used: int
    decisions_used: int


def build_incidents(project, settings: IncidentSettings = IncidentSettings()) -> tuple[IncidentReport,
                                                                                       list[Incident]]:
    """Group, grade and store incidents; replaces the previous run's output, never the decisions."""
    with project.connect() as con:
        units, skipped = load_units(con, settings)
        decisions = [tuple(r) for r in con.execute(
            "SELECT kind, member_a, member_b FROM incident_decision ORDER BY decision_id").fetchall()]
        incidents = [build_incident(g) for g in group_units(units, settings, decisions)]
        incidents = [i for i in incidents if i.claims or i.records]
        incidents.sort(key=lambda i: (-(i.killed_best or 0), str(i.date_start), i.incident_id))
        run_id = f"inc-{utc_now()[:19].replace(':', '').replace('-', '')}-{uuid.uuid4().hex[:6]}"
        with transaction(con):
            for t in ("incident_perpetrator", "incident_member", "incident"):
                con.execute(f"DELETE FROM {t}")
            con.executemany(
                "INSERT INTO incident VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[i.incident_id, i.date_start, i.date_end, i.place_id, i.victim_group, i.killed_low,
                  i.killed_best, i.killed_high, i.documented, len(i.claims), len(i.records), i.district_id,
                  i.governorate_id, run_id] for i in incidents])
            members = []
            for i in incidents:
                members += [[i.incident_id, "claim", c["claim_id"], None] for c in i.claims]
                members += [[i.incident_id, "record", r["record_id"], r.get("person_id")] for r in i.records]
            if members:
                con.executemany("INSERT INTO incident_member VALUES (?, ?, ?, ?)", members)
            perps = [[i.incident_id, g.perpetrator, g.key, g.grade, g.origins, list(g.evidence_ids),
                      list(g.contested_by)] for i in incidents for g in i.perpetrators]
            if perps:
                con.executemany("INSERT INTO incident_perpetrator VALUES (?, ?, ?, ?, ?, ?, ?)", perps)
            report = IncidentReport(
                run_id, len(incidents), sum(1 for i in incidents if i.claims),
                sum(len(i.claims) for i in incidents), skipped, sum(len(i.records) for i in incidents),
                len(decisions))
            con.execute("INSERT INTO incident_run VALUES (?, ?, ?, ?, ?)",
                        [run_id, utc_now(), json.dumps(settings.__dict__), len(incidents), len(decisions)])
    return report, incidents


DECISION_KINDS = ("merge", "split", "detach")


def record_incident_decision(project, kind: str, member_a: str, member_b: str | None, decided_by: str,
                             note: str | None = None) -> int:
    """Store a person's verdict on incident membership (binds every later run):
    ``merge`` (two members are one incident), ``split`` (they are two) or ``detach``
    (``member_a`` leaves the incident the rules put it in; ``member_b`` None).
    Members are claim or record ids."""
    from tally.errors import TallyError

    if kind not in DECISION_KINDS:
        raise TallyError(f"decision must be one of {', '.join(DECISION_KINDS)}, not {kind!r}")
    if (kind == "detach") != (member_b is None):
        raise TallyError("a detach names one member; a merge or split names two")
    if not decided_by or not decided_by.strip():
        raise TallyError("a decision needs the name of who made it")
    members = [m for m in (member_a, member_b) if m is not None]
    with project.connect() as con:
        known = {r[0] for r in con.execute(
            f"SELECT claim_id FROM claim WHERE claim_id IN ({', '.join('?' * len(members))}) UNION "
            f"SELECT record_id FROM victim_record WHERE record_id IN ({', '.join('?' * len(members))})",
            members + members).fetchall()}
        for m in members:
            if m not in known:
                raise TallyError(f"no claim or record {m!r}")
        with transaction(con):
            n = con.execute("SELECT coalesce(max(decision_id), 0) + 1 FROM incident_decision").fetchall()[0][0]
            con.execute("INSERT INTO incident_decision VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [n, kind, member_a, member_b, decided_by.strip(), utc_now(), note])
            append_event(con, "incident.decided", member_a,
                         {"decision_id": n, "kind": kind, "member_a": member_a, "member_b": member_b,
                          "note": note}, actor=decided_by.strip())
    return n


def move_member(project, member: str, to: str | None, decided_by: str, note: str | None = None) -> list[int]:
    """Move a claim or record out of its incident: alone (``to`` None), or into the
    incident of member ``to``. Returns the decision ids (a detach, and a merge)."""
    ids = [record_incident_decision(project, "detach", member, None, decided_by, note)]
    if to is not None:
        ids.append(record_incident_decision(project, "merge", member, to, decided_by, note))
    return ids


def incident_decisions(project) -> list[dict]:
    """Every merge/split/detach decision, oldest first, with who and when."""
    with project.connect(read_only=True) as con:
        cur = con.execute("SELECT decision_id, kind, member_a, member_b, decided_by, decided_at, note "
                          "FROM incident_decision ORDER BY decision_id")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]


def incident_members(project, incident_id: str) -> list[dict]:
    """The members of a stored incident (latest run): claims with their evidence, records with
    their source, name, date and place, so that a person can pick one to move."""
    from tally.errors import TallyError

    with project.connect(read_only=True) as con:
        cur = con.execute(
            """SELECT m.member_kind AS kind, m.member_id, coalesce(c.source_id, v.source_id) AS source_id,
                      m.person_id, coalesce(c.date_start, CAST(n.date_start AS VARCHAR)) AS date,
                      coalesce(c.place, v.place) AS place, c.killed_best,
                      coalesce(c.evidence_text, v.name) AS text
               FROM incident_member m
               LEFT JOIN claim c ON m.member_kind = 'claim' AND c.claim_id = m.member_id
               LEFT JOIN victim_record v ON m.member_kind = 'record' AND v.record_id = m.member_id
               LEFT JOIN record_norm n ON n.record_id = v.record_id
               WHERE m.incident_id = ? ORDER BY m.member_kind, m.member_id""", [incident_id])
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    if not rows:
        raise TallyError(f"no incident {incident_id!r} in the latest run (see `tally incidents`)")
    return rows


INCIDENTS_QUERY = """
    SELECT i.incident_id, i.date_start, i.date_end, i.place_id, i.district_id, i.governorate_id,
           i.victim_group, i.killed_low, i.killed_best, i.killed_high, i.documented, i.claims, i.records,
           (SELECT string_agg(p.perpetrator || ' (' || p.grade || ', ' || p.origins || ' origins)', '; '
                              ORDER BY p.origins DESC, p.perpetrator_key)
              FROM incident_perpetrator p WHERE p.incident_id = i.incident_id) AS perpetrators,
           i.run_id
    FROM incident i ORDER BY i.killed_best DESC NULLS LAST, i.date_start, i.incident_id"""


def export_incidents(project, out, fmt: str = "csv") -> int:
    """Write the stored incidents with their graded perpetrators (CSV cells neutralised as in every export)."""
    from tally.export import _export

    return _export(project, INCIDENTS_QUERY, out, fmt, "no incidents yet: run `tally incidents` first")
