"""Review of extracted claims: accept, edit or reject, kept with who and when.

    from tally.extract.review import record_claim_decision, claim_queue, current_claim
    record_claim_decision(project, "ab12…-1", "edit", {"killed_best": 38}, note="SOHR update")

Decisions live in ``claim_decision`` and are only appended. The ``claim`` row,
with the extractor's ``proposal``, is never changed: a claim's current status is
its newest verdict (``proposed`` when it has none), and its current values are
the proposal overlaid by every edit in order, the later edit winning. An accept
after an edit accepts the edited values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import duckdb

from tally.errors import ProjectError, UsageError
from tally.store.runs import record_decision

VERDICTS = ("accept", "edit", "reject")
STATUS = {"accept": "accepted", "edit": "edited", "reject": "rejected"}

#: values an edit may set, with their type
EDITABLE = {"killed_low": int, "killed_best": int, "killed_high": int,
            "perpetrator": str, "attribution": str}
ATTRIBUTIONS = ("asserted", "claimed_by_source", "alleged", "suspected", "affiliated",
                "unidentified", "contested", "unknown")

#: claim columns shown in review and overlaid by edits
_SHOWN = ("source_id", "article_id", "published", "what", "killed_low", "killed_best",
          "killed_high", "qualifier", "scope", "victim_group", "place", "date_start", "date_end",
          "perpetrator", "attribution", "cited_source")


@dataclass
class ReviewedClaim:
    claim_id: str
    status: str                      # proposed | accepted | edited | rejected
    values: dict                     # the current values (proposal overlaid by edits)
    proposal: dict                   # the extractor's proposal, unchanged
    evidence_text: str
    spans: list = field(default_factory=list)   # (start, end, slot) within evidence_text
    decisions: list = field(default_factory=list)


def _check_edit(values: dict) -> dict:
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise UsageError(f"cannot edit {', '.join(unknown)}: editable are {', '.join(EDITABLE)}")
    clean = {}
    for k, v in values.items():
        if v is None:
            continue
        if EDITABLE[k] is int:
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise UsageError(f"{k} must be a whole number ≥ 0, not {v!r}")
        elif not isinstance(v, str) or not v.strip():
            raise UsageError(f"{k} must be a non-empty text")
        else:
            v = v.strip()
        clean[k] = v
    if "attribution" in clean and clean["attribution"] not in ATTRIBUTIONS:
        raise UsageError(f"attribution {clean['attribution']!r} is not one of {', '.join(ATTRIBUTIONS)}")
    if not clean:
        raise UsageError("an edit needs at least one value: "
                         "killed_low, killed_best, killed_high, perpetrator or attribution")
    return clean


def _overlay(base: dict, decisions: list[dict]) -> tuple[str, dict]:
    values = dict(base)
    for d in decisions:
        if d["verdict"] == "edit":
            values.update(d["edited"] or {})
    status = STATUS[decisions[-1]["verdict"]] if decisions else "proposed"
    return status, values


def _check_counts(values: dict) -> None:
    nums = [values.get(k) for k in ("killed_low", "killed_best", "killed_high")]
    given = [n for n in nums if n is not None]
    if given != sorted(given):
        raise UsageError("killed counts must satisfy low ≤ best ≤ high "
                         f"(would be {nums[0]} / {nums[1]} / {nums[2]})")


def _decisions(con: duckdb.DuckDBPyConnection, claim_ids: list[str] | None = None) -> dict[str, list]:
    where, args = "", []
    if claim_ids is not None:
        if not claim_ids:
            return {}
        where, args = f"WHERE claim_id IN ({', '.join('?' * len(claim_ids))})", list(claim_ids)
    rows = con.execute(
        f"SELECT decision_id, claim_id, verdict, edited, decided_by, decided_at, note "
        f"FROM claim_decision {where} ORDER BY decision_id", args).fetchall()
    out: dict[str, list] = {}
    for did, cid, verdict, edited, who, when, note in rows:
        out.setdefault(cid, []).append({
            "decision_id": did, "verdict": verdict, "edited": json.loads(edited) if edited else None,
            "decided_by": who, "decided_at": when, "note": note})
    return out


def _claims(con, where: str = "", args: list | None = None, limit: int | None = None) -> list[ReviewedClaim]:
    cols = ", ".join(_SHOWN)
    lim = f" LIMIT {int(limit)}" if limit is not None else ""
    rows = con.execute(
        f"SELECT claim_id, {cols}, proposal, evidence_text, evidence_start FROM claim {where} "
        f"ORDER BY claim_id{lim}", args or []).fetchall()
    decs = _decisions(con, [r[0] for r in rows])
    found = []
    for row in rows:
        cid = row[0]
        base = dict(zip(_SHOWN, row[1:1 + len(_SHOWN)]))
        proposal, evidence, ev_start = json.loads(row[-3]), row[-2], row[-1]
        status, values = _overlay(base, decs.get(cid, []))
        found.append(ReviewedClaim(cid, status, values, proposal, evidence,
                                   _spans(proposal, ev_start, len(evidence)), decs.get(cid, [])))
    return found


def _spans(proposal: dict, ev_start: int, ev_len: int) -> list[tuple[int, int, str]]:
    """Slot spans of the proposal, relative to its evidence sentence, in order, not overlapping."""
    spans = []
    for slot, (a, b) in {"count": ("count_start", "count_end"),
                         "perpetrator": ("perpetrator_start", "perpetrator_end"),
                         "place": ("place_start", "place_end"),
                         "date": ("date_text_start", "date_text_end"),
                         "cited_source": ("cited_source_start", "cited_source_end")}.items():
        s, e = proposal.get(a), proposal.get(b)
        if s is None or e is None:
            continue
        s, e = s - ev_start, e - ev_start
        if 0 <= s < e <= ev_len:
            spans.append((s, e, slot))
    spans.sort()
    kept, end = [], 0
    for s, e, slot in spans:
        if s >= end:
            kept.append((s, e, slot))
            end = e
    return kept


def get_claim(project, claim_id: str) -> ReviewedClaim:
    with project.connect() as con:
        found = _claims(con, "WHERE claim_id = ?", [claim_id])
    if not found:
        raise ProjectError(f"no claim {claim_id} in this project")
    return found[0]


def claim_queue(project, limit: int | None = 20, status: str | None = "proposed") -> list[ReviewedClaim]:
    """Claims with the given current status (``None``: all), in claim id order."""
    with project.connect() as con:
        if status is None:
            return _claims(con, limit=limit)
        if status == "proposed":
            return _claims(con, "WHERE claim_id NOT IN (SELECT claim_id FROM claim_decision)",
                           limit=limit)
        every = [c for c in _claims(con) if c.status == status]
    return every if limit is None else every[:limit]


def current_claims(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, dict]]:
    """Every claim's current (status, values) by claim id."""
    return {c.claim_id: (c.status, c.values) for c in _claims(con)}


def record_claim_decision(
    project, claim_id: str, verdict: str, values: dict | None = None,
    note: str | None = None, decided_by: str | None = None,
) -> int:
    """Store a decision on a claim; return its decision id. The claim row is never changed."""
    if verdict not in VERDICTS:
        raise UsageError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    edited = None
    if verdict == "edit":
        edited = _check_edit(values or {})
    elif values and any(v is not None for v in values.values()):
        raise UsageError(f"only an edit sets values; {verdict} takes none")
    with project.connect() as con:
        current = _claims(con, "WHERE claim_id = ?", [claim_id])
        if not current:
            raise ProjectError(f"no claim {claim_id} in this project")
        if edited:
            _check_counts({**current[0].values, **edited})
        return record_decision(
            con, "claim_decision",
            {"claim_id": claim_id, "verdict": verdict, "note": note,
             "edited": json.dumps(edited, ensure_ascii=False) if edited is not None else None},
            action="claim.reviewed", subject=claim_id,
            details={"verdict": verdict, "edited": edited, "note": note}, decided_by=decided_by)


def reviewed_claims_sql(con: duckdb.DuckDBPyConnection) -> str:
    """A query with the ``claim`` table's columns, where reviewed: the current values
    (the latest edit of each value wins) and ``review_status`` from the newest verdict.
    ``proposal`` stays the extractor's. Plain ``claim`` where no review table exists."""
    has = con.execute("SELECT count(*) FROM information_schema.tables "
                      "WHERE table_name = 'claim_decision'").fetchall()[0][0]
    if not has:
        return "SELECT * FROM claim"
    picks = ",\n".join(
        f"arg_max({'CAST(' if t is int else ''}edited->>'$.{k}'{' AS BIGINT)' if t is int else ''}, "
        f"decision_id) FILTER (WHERE edited->>'$.{k}' IS NOT NULL) AS {k}"
        for k, t in EDITABLE.items())
    status = " ".join(f"WHEN '{v}' THEN '{s}'" for v, s in STATUS.items())
    replaced = ", ".join(f"coalesce(d.{k}, c.{k}) AS {k}" for k in EDITABLE)
    return f"""
        SELECT c.* REPLACE ({replaced},
                            coalesce(CASE d.verdict {status} END, c.review_status) AS review_status)
        FROM claim c LEFT JOIN (
            SELECT claim_id, arg_max(verdict, decision_id) AS verdict,
                   {picks}
            FROM claim_decision GROUP BY claim_id) d ON d.claim_id = c.claim_id"""
