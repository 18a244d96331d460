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


# The review queue: doubtful pairs of a run (?), within a band (?, ?) of the model's
# probability (the calibrated one is what is shown), without a verdict.
_QUEUE = """FROM record_pair p
                JOIN victim_record l ON l.record_id = p.record_id_l
                JOIN victim_record r ON r.record_id = p.record_id_r
                JOIN record_norm nl ON nl.record_id = p.record_id_l
                JOIN record_norm nr ON nr.record_id = p.record_id_r
                LEFT JOIN review_decision d ON d.record_id_l = least(p.record_id_l, p.record_id_r)
                     AND d.record_id_r = greatest(p.record_id_l, p.record_id_r)
                WHERE p.run_id = ? AND coalesce(p.model_probability, p.match_probability)
                      BETWEEN ? AND ?
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


#: the review queue's orders: ``information`` (default) offers first the pairs
#: whose verdict is expected to change the most persons; ``doubt`` the pairs
#: whose probability is nearest 0.5 (the order before issue 15, kept so the
#: two can be compared)
QUEUE_ORDERS = ("information", "doubt")

# Each queued pair's expected change: the chance its verdict goes either way,
# p(1 - p) with p the calibrated probability, times the records whose persons
# it would change. Directly: both persons when the pair bridges two, the one
# person when a no-match would split it, doubled where the run's persons
# contradict the pair's own score (kept apart above the match threshold by
# another pair's constraint, or joined below it through a third record): there
# a verdict resolves a transitive conflict, not one edge. Through learning
# (:mod:`tally.link.learning`): the verdict moves the weights of every pair
# with the same field levels, so each queued pair sharing its levels adds
# :data:`LEARNING_REACH` records (a shift moves about one such pair in ten
# across the threshold, two records each), divided by the pair's rank among
# them (see ``_LEVELS``).
LEARNING_REACH = 0.2

_EXPECTED_CHANGE = """
    p.match_probability * (1 - p.match_probability) * (
      CASE WHEN ppl.person_id = ppr.person_id THEN coalesce(sl.n, 1)
           ELSE coalesce(sl.n, 1) + coalesce(sr.n, 1) END
      * CASE WHEN (ppl.person_id = ppr.person_id)
                  <> (coalesce(p.model_probability, p.match_probability) >= {threshold})
             THEN 2 ELSE 1 END
      + {reach} * count(*) OVER levels / row_number() OVER (levels ORDER BY
            abs(coalesce(p.model_probability, p.match_probability) - 0.5),
            p.record_id_l, p.record_id_r))"""

# the pairs of one level pattern; the second pair of a pattern to be reviewed
# teaches half what the first did, the third a third: a batch of reviews spans
# patterns instead of answering one common pattern 150 times (seen at 50,000
# records, where one namesake pattern held thousands of queued pairs)
_LEVELS = """WINDOW levels AS (
                    PARTITION BY regexp_replace(p.comparison, '"weight": [^,}]+', '', 'g'))"""

_PERSONS = """LEFT JOIN person_record ppl ON ppl.record_id = p.record_id_l
                LEFT JOIN person_record ppr ON ppr.record_id = p.record_id_r
                LEFT JOIN (SELECT person_id, count(*) AS n FROM person_record GROUP BY 1) sl
                       ON sl.person_id = ppl.person_id
                LEFT JOIN (SELECT person_id, count(*) AS n FROM person_record GROUP BY 1) sr
                       ON sr.person_id = ppr.person_id"""


def review_queue(project, limit: int = 20, band: tuple[float, float] | None = None,
                 order: str = "information") -> list[QueueItem]:
    """Doubtful pairs of the latest run without a verdict, the most telling first.

    ``order="information"`` (the default) ranks a pair by the persons its
    verdict is expected to change (``_EXPECTED_CHANGE``): a pair at 0.5
    between two persons of three records each changes six records' persons
    either way, an isolated pair at 0.5 two. Every verdict also trains the
    model (:mod:`tally.link.learning`), so both answers teach.
    ``order="doubt"`` is the earlier order: probability nearest 0.5, where
    the model could least decide — the calibrated probability the reviewer is
    shown, which by rival class is no longer monotone in the model's own, so
    "most doubtful first" reads true on the screen.

    Pairs with an unidentified body come after the named pairs: they are
    candidates for identification (a body is attached automatically only to
    a victim with no rival), not doubts about two named records.
    """
    if order not in QUEUE_ORDERS:
        raise ProjectError(f"queue order {order!r} is not one of {', '.join(QUEUE_ORDERS)}")
    with project.connect() as con:
        run_id, low, high = _latest_run(con, band)
        threshold = _match_threshold(con, run_id)
        cols = ", ".join(f"{side}.{c} AS {c}_{side}" for side in ("l", "r") for c in _SHOWN)
        if order == "information":
            info = _EXPECTED_CHANGE.format(threshold=float(threshold), reach=LEARNING_REACH)
            rank, joins, window = "-info, ", _PERSONS, _LEVELS
        else:
            info, rank, joins, window = "NULL", "", "", ""
        source = _QUEUE.replace("WHERE", joins + "\n                WHERE", 1)
        rows = con.execute(
            f"""SELECT p.record_id_l, p.record_id_r, p.match_probability, p.match_weight,
                       p.comparison, {cols}, {info} AS info
                {source}
                {window}
                -- named pairs first (a verdict settles them); then unidentified
                -- bodies against the victims of their day and village
                ORDER BY (nl.unidentified OR nr.unidentified), {rank}
                         abs(p.match_probability - 0.5),
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


def _match_threshold(con, run_id: str) -> float:
    """The match threshold the run linked at."""
    settings = con.execute("SELECT settings FROM link_run WHERE run_id = ?", [run_id]).fetchall()
    return float(json.loads(settings[0][0]).get("match_threshold", 0.5))
