"""Reads the review pages need that no stage function answers yet (as W1's
:mod:`tally.web.queries`): the stored incidents of the latest run, largest first.

When the incident stage grows a list function for the CLI, the page should call
that instead and this goes.
"""

from __future__ import annotations

from tally.store.runs import latest_run

INCIDENT_COLUMNS = ("incident_id", "date_start", "date_end", "place_id", "victim_group",
                    "killed_low", "killed_best", "killed_high", "documented", "claims", "records")


def stored_incidents(project, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    """The latest incident run's incidents (largest first) and how many there are;
    ``([], -1)`` when incidents were never built."""
    with project.connect(read_only=True) as con:
        if not latest_run(con, "incident_run"):
            return [], -1
        total = con.execute("SELECT count(*) FROM incident").fetchall()[0][0]
        rows = con.execute(
            f"""SELECT {', '.join(INCIDENT_COLUMNS)} FROM incident
                ORDER BY coalesce(killed_best, documented) DESC, documented DESC, incident_id
                LIMIT ? OFFSET ?""", [limit, offset]).fetchall()
        perps = con.execute(
            "SELECT incident_id, perpetrator, grade FROM incident_perpetrator "
            "ORDER BY incident_id, perpetrator").fetchall()
    found = [dict(zip(INCIDENT_COLUMNS, r)) for r in rows]
    by_id: dict[str, list] = {}
    for iid, perp, grade in perps:
        by_id.setdefault(iid, []).append({"perpetrator": perp, "grade": grade})
    for item in found:
        item["date_start"] = str(item["date_start"]) if item["date_start"] else None
        item["date_end"] = str(item["date_end"]) if item["date_end"] else None
        item["perpetrators"] = by_id.get(item["incident_id"], [])
    return found, total
