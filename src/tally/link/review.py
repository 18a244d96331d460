"""Review verdicts: a person's decision on a record pair binds every later run.

Verdicts live in ``review_decision``; `tally link` reads them (match → the
pair is always one person; no-match → never, not even by transitivity) and
never changes or deletes them. The newest verdict on a pair wins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb

from tally.errors import ProjectError
from tally.store.runs import record_decision

VERDICTS = ("match", "no-match", "unsure")


def ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def current_verdicts(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    """The newest verdict on each pair (pairs stored in id order)."""
    rows = con.execute(
        """SELECT record_id_l, record_id_r, verdict FROM (
               SELECT *, row_number() OVER (PARTITION BY record_id_l, record_id_r
                                            ORDER BY decision_id DESC) AS k
               FROM review_decision) WHERE k = 1"""
    ).fetchall()
    return {(a, b): v for a, b, v in rows}


def record_verdict(
    project, record_a: str, record_b: str, verdict: str, note: str | None = None,
    decided_by: str | None = None,
) -> int:
    """Store a verdict on a pair of records; return its decision id."""
    if verdict not in VERDICTS:
        raise ProjectError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    if record_a == record_b:
        raise ProjectError("a verdict needs two different records")
    left, right = ordered(record_a, record_b)
    with project.connect() as con:
        known = {r[0] for r in con.execute(
            "SELECT record_id FROM victim_record WHERE record_id IN (?, ?)", [left, right]
        ).fetchall()}
        missing = [r for r in (left, right) if r not in known]
        if missing:
            raise ProjectError(f"no record {', '.join(missing)} in this project")
        run = con.execute(
            "SELECT run_id FROM link_run ORDER BY started_at DESC LIMIT 1").fetchall()
        decision_id = record_decision(
            con, "review_decision",
            {"record_id_l": left, "record_id_r": right, "verdict": verdict, "note": note,
             "run_id": run[0][0] if run else None},
            action="review.verdict", subject=f"{left}|{right}",
            details={"verdict": verdict, "note": note}, decided_by=decided_by)
    return decision_id


@dataclass
class QueueItem:
    record_id_l: str
    record_id_r: str
    match_probability: float
    match_weight: float
    comparison: dict
    left: dict
    right: dict


_SHOWN = ("source_id", "name", "sex", "age", "date_of_death", "place", "governorate", "status")


# The review queue: doubtful pairs of a run (?), within a band (?, ?), without a verdict.
_QUEUE = """FROM record_pair p
                JOIN victim_record l ON l.record_id = p.record_id_l
                JOIN victim_record r ON r.record_id = p.record_id_r
                JOIN record_norm nl ON nl.record_id = p.record_id_l
                JOIN record_norm nr ON nr.record_id = p.record_id_r
                LEFT JOIN review_decision d ON d.record_id_l = least(p.record_id_l, p.record_id_r)
                     AND d.record_id_r = greatest(p.record_id_l, p.record_id_r)
                WHERE p.run_id = ? AND p.match_probability BETWEEN ? AND ?
                      AND d.decision_id IS NULL"""


def _latest_run(con, band: tuple[float, float] | None) -> tuple[str, float, float]:
    """The latest link run's id and review band (``band`` overrides it)."""
    run = con.execute(
        "SELECT run_id, settings FROM link_run ORDER BY started_at DESC LIMIT 1").fetchall()
    if not run:
        raise ProjectError("no linkage yet: run `tally link` first")
    run_id, settings = run[0]
    low, high = band or json.loads(settings)["review_band"]
    return run_id, low, high


def review_queue_size(project, band: tuple[float, float] | None = None) -> int:
    """How many pairs the review queue holds in all (`tally review` shows the first few)."""
    with project.connect(read_only=True) as con:
        run_id, low, high = _latest_run(con, band)
        return con.execute(f"SELECT count(*) {_QUEUE}", [run_id, low, high]).fetchall()[0][0]


def review_queue(project, limit: int = 20, band: tuple[float, float] | None = None) -> list[QueueItem]:
    """Doubtful pairs of the latest run without a verdict, most uncertain first.

    Most uncertain is the probability nearest 0.5: there the model could least
    decide, so a reviewer's verdict changes the most; pairs near the band's
    edges are the ones the model was nearly sure of.

    Pairs with an unidentified body come after the named pairs: they are
    candidates for identification (a body is attached automatically only to
    a victim with no rival), not doubts about two named records.
    """
    with project.connect() as con:
        run_id, low, high = _latest_run(con, band)
        cols = ", ".join(f"{side}.{c} AS {c}_{side}" for side in ("l", "r") for c in _SHOWN)
        rows = con.execute(
            f"""SELECT p.record_id_l, p.record_id_r, p.match_probability, p.match_weight,
                       p.comparison, {cols}
                {_QUEUE}
                -- named pairs first (a verdict settles them); then unidentified
                -- bodies against the victims of their day and village
                ORDER BY (nl.unidentified OR nr.unidentified), abs(p.match_probability - 0.5),
                         p.record_id_l, p.record_id_r
                LIMIT ?""",
            [run_id, low, high, limit],
        ).fetchall()
    items = []
    for row in rows:
        n = len(_SHOWN)
        items.append(QueueItem(
            row[0], row[1], row[2], row[3], json.loads(row[4] or "{}"),
            dict(zip(_SHOWN, row[5:5 + n])), dict(zip(_SHOWN, row[5 + n:5 + 2 * n])),
        ))
    return items
