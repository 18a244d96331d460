"""People's verdicts on incident membership, kept with who and when; and an incident's members.

    from tally.incident import move_member
    move_member(project, "ab12…-3", None, "Rania")        # detach: stands alone from now on

Decisions are only appended (``incident_decision``, and an ``incident.decided``
audit event each) and bind every later run of :func:`tally.incident.build_incidents`.
"""

from __future__ import annotations

from tally.errors import TallyError
from tally.store.runs import record_decision

DECISION_KINDS = ("merge", "split", "detach")


def record_incident_decision(project, kind: str, member_a: str, member_b: str | None, decided_by: str,
                             note: str | None = None) -> int:
    """Store a person's verdict on incident membership (binds every later run):
    ``merge`` (two members are one incident), ``split`` (they are two) or ``detach``
    (``member_a`` leaves the incident the rules put it in; ``member_b`` None).
    Members are claim or record ids."""
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
        return record_decision(
            con, "incident_decision",
            {"kind": kind, "member_a": member_a, "member_b": member_b, "note": note},
            action="incident.decided", subject=member_a,
            details={"kind": kind, "member_a": member_a, "member_b": member_b, "note": note},
            decided_by=decided_by.strip())


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
