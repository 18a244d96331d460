"""What a project holds: sources, documents, records, quarantined rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from tally.project import Project
from tally.store.head import chain_head
from tally.store.migrations import schema_version
from tally.store.runs import stale_runs


@dataclass
class ProjectStatus:
    name: str
    schema_version: int
    sources: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    #: the audit chain's head ({"events": n, "hash": ...}): write it down or
    #: publish it; `tally audit verify --head HASH` checks the chain against it
    audit_head: dict | None = None
    #: latest runs made on other data than the store holds now (each with its
    #: stage, run id, versions and a message saying what to re-run)
    stale_runs: list[dict] = field(default_factory=list)


def project_status(project: Project) -> ProjectStatus:
    with project.connect() as con:
        status = ProjectStatus(project.config["project"]["name"], schema_version(con))
        cols = ["id", "name", "kind", "reliability", "documents", "records", "quarantined"]
        for row in con.execute(
            """SELECT s.id, s.name, s.kind, s.reliability,
                      count(d.sha256), coalesce(sum(d.record_count), 0),
                      coalesce(sum(d.quarantine_count), 0)
               FROM source s LEFT JOIN document d ON d.source_id = s.id
               GROUP BY ALL ORDER BY s.id"""
        ).fetchall():
            status.sources.append(dict(zip(cols, row)))
        cols = ["sha256", "source_id", "original_name", "media_type", "encoding",
                "records", "quarantined", "received_at"]
        for row in con.execute(
            """SELECT sha256, source_id, original_name, media_type, encoding,
                      record_count, quarantine_count, received_at
               FROM document ORDER BY received_at"""
        ).fetchall():
            status.documents.append(dict(zip(cols, row)))
        totals = con.execute(
            """SELECT (SELECT count(*) FROM source), (SELECT count(*) FROM document),
                      (SELECT count(*) FROM victim_record), (SELECT count(*) FROM quarantine),
                      (SELECT count(*) FROM audit_event)"""
        ).fetchall()[0]
        status.totals = dict(
            zip(("sources", "documents", "records", "quarantined", "audit_events"), totals)
        )
        head = chain_head(con)
        status.audit_head = {"events": head.events, "hash": head.hash} if head else None
        status.stale_runs = [{"stage": r.stage, "run_id": r.run_id, "data_version": r.data_version,
                              "current_version": r.current_version, "message": r.message}
                             for r in stale_runs(con)]
    return status
