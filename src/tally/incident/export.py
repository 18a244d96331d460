"""The stored incidents as a table file (`tally export incidents`, `tally incidents export`).

It borrows the export writer (``tally.export._export``) until ``report/`` owns every
output (Restructure item 3), where this module then belongs.
"""

from __future__ import annotations

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
