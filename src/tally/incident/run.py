"""The incident stage's run: read claims and persons from the store, group, grade, store.

    from tally.incident import build_incidents
    report, incidents = build_incidents(project)      # after `tally link`

Incidents come after linkage: records enter as persons (``person_record``), and
claims with their reviewed values and status (:func:`tally.extract.review.reviewed_claims_sql`).
:func:`build_incidents` is the whole run, one stage run (:mod:`tally.store.runs`): it replaces the previous
run's incidents, members and perpetrators, never the people's decisions
(``incident_decision``), which it applies. The rules are in :mod:`.grouping`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from tally.extract.review import reviewed_claims_sql
from tally.incident.grouping import (
    Incident,
    IncidentSettings,
    Unit,
    build_incident,
    group_units,
    set_traits,
)
from tally.normalize.places import place_by_id
from tally.store.audit import utc_now
from tally.store.runs import data_version, stage_run, stale_run
from tally.store.transaction import transaction


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



def _place(place_id: str | None) -> tuple[str | None, str | None, int | None]:
    p = place_by_id(place_id) if place_id else None
    if p is None:
        return None, None, None
    return p.district_id, p.governorate_id, p.admin_level


def load_units(con, settings: IncidentSettings = IncidentSettings()) -> tuple[list[Unit], int]:
    """Claims (with their reviewed values and status where reviewed) and day-place groups of
    persons from the store; also how many claims were left out as tallies or unplaced.

    Only a claim of a whole toll (``scope`` total) reads an incident's toll: a subtotal
    ("among them seven children") or a part of a summed toll ("six ... two more") is a
    piece of one, and taken as a reading it would drag the incident's low down to it."""
    units: list[Unit] = []
    skipped = 0
    marks = ", ".join("?" * len(settings.review_statuses))
    cur = con.execute(
        f"""SELECT c.claim_id, c.source_id, s.name AS source_name, c.killed_low, c.killed_best, c.killed_high,
                   c.community, c.status, c.place_id, c.date_start, c.date_end, c.perpetrator, c.attribution,
                   c.cited_source, c.evidence_text, c.outlet
            FROM ({reviewed_claims_sql(con)}) c JOIN source s ON s.id = c.source_id
            WHERE c.review_status IN ({marks}) AND c.what IN ('killed', 'executed')
              AND coalesce(c.scope, 'total') = 'total'
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
        set_traits(u)
        units.append(u)
    return units, skipped



@dataclass
class IncidentReport:
    run_id: str
    incidents: int
    with_claims: int
    claims_used: int
    claims_skipped: int
    records_used: int
    decisions_used: int
    #: Things to say before any number: e.g. the link run whose persons it grouped is stale.
    warnings: list[str] = field(default_factory=list)


def build_incidents(project, settings: IncidentSettings = IncidentSettings()) -> tuple[IncidentReport,
                                                                                       list[Incident]]:
    """Group, grade and store incidents; replaces the previous run's output, never the decisions.

    A stage run (:func:`tally.store.runs.stage_run`): the run row and an
    ``incident.run`` audit event carry the data version read with the inputs."""
    started = utc_now()
    with project.connect() as con:
        with transaction(con):  # one snapshot: the version names exactly what was read
            version = data_version(con)
            units, skipped = load_units(con, settings)
            decisions = [tuple(r) for r in con.execute(
                "SELECT kind, member_a, member_b FROM incident_decision ORDER BY decision_id").fetchall()]
            stale = stale_run(con, "link", version)
        incidents = [build_incident(g) for g in group_units(units, settings, decisions)]
        incidents = [i for i in incidents if i.claims or i.records]
        incidents.sort(key=lambda i: (-(i.killed_best or 0), str(i.date_start), i.incident_id))
        with stage_run(con, "incident", prefix="inc", run_table="incident_run",
                       replaces=("incident_perpetrator", "incident_member", "incident"),
                       version=version, started_at=started) as run:
            run.insert("incident", [
                {"incident_id": i.incident_id, "date_start": i.date_start, "date_end": i.date_end,
                 "place_id": i.place_id, "victim_group": i.victim_group, "killed_low": i.killed_low,
                 "killed_best": i.killed_best, "killed_high": i.killed_high,
                 "documented": i.documented, "claims": len(i.claims), "records": len(i.records),
                 "district_id": i.district_id, "governorate_id": i.governorate_id}
                for i in incidents], run_id=run.run_id)
            members = []
            for i in incidents:
                members += [{"incident_id": i.incident_id, "member_kind": "claim",
                             "member_id": c["claim_id"], "person_id": None} for c in i.claims]
                members += [{"incident_id": i.incident_id, "member_kind": "record",
                             "member_id": r["record_id"], "person_id": r.get("person_id")}
                            for r in i.records]
            run.insert("incident_member", members)
            run.insert("incident_perpetrator", [
                {"incident_id": i.incident_id, "perpetrator": g.perpetrator, "perpetrator_key": g.key,
                 "grade": g.grade, "origins": g.origins, "evidence_ids": list(g.evidence_ids),
                 "contested_by": list(g.contested_by)}
                for i in incidents for g in i.perpetrators])
            report = IncidentReport(
                run.run_id, len(incidents), sum(1 for i in incidents if i.claims),
                sum(len(i.claims) for i in incidents), skipped, sum(len(i.records) for i in incidents),
                len(decisions))
            if stale is not None:
                report.warnings.append(f"victims grouped from a stale linkage: {stale.message}")
            run.row.update(settings=json.dumps(settings.__dict__), incidents=len(incidents),
                           decisions_used=len(decisions))
            run.details.update(incidents=report.incidents, with_claims=report.with_claims,
                               claims_used=report.claims_used, records_used=report.records_used,
                               decisions_used=report.decisions_used)
    return report, incidents
