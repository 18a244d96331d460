"""Incident: claims and linked persons that describe the same killing, with graded perpetrators.

    from tally.incident import build_incidents
    report, incidents = build_incidents(project)      # after `tally link`

A stage of its own, after link (records enter as persons) and extract (claims
with their reviewed values). Modules, one job each: :mod:`.grouping` (the rules
that join claims and day-place groups of persons, pure), :mod:`.grades`
(attribution grades from independent origins, pure), :mod:`.run` (the stage run:
read the store, group, grade, store), :mod:`.decisions` (people's merge, split
and detach verdicts, which bind every run). The stored incidents as a table file
are Report's (:func:`tally.report.exports.export_incidents`).
"""

from tally.incident.decisions import (
    DECISION_KINDS,
    incident_decisions,
    incident_members,
    move_member,
    record_incident_decision,
)
from tally.incident.grades import actor_key, grade_perpetrators
from tally.incident.grouping import Incident, IncidentSettings, group_units
from tally.incident.run import IncidentReport, build_incidents, load_units

__all__ = ["DECISION_KINDS", "Incident", "IncidentReport", "IncidentSettings", "actor_key",
           "build_incidents", "grade_perpetrators", "group_units", "incident_decisions",
           "incident_members", "load_units", "move_member", "record_incident_decision"]
