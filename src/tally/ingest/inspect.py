"""What ingest set aside or flagged, for a person to act on.

Ingest never drops a row: a row that cannot become a record goes to the
quarantine with the problem, and a record whose value looked wrong keeps it
with a problem note (normalize adds its own notes beside its values). These
read-only views list them the way a documenter goes back to the list they
came from: by file, data row and line of the file, with the problem in words
and the row as it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tally.errors import ProjectError


@dataclass(frozen=True)
class QuarantinedRow:
    sha256: str
    file: str            # the document's name as received
    source_id: str
    row: int             # data row, 1-based (the header is row 0)
    line: int | None     # the line (a spreadsheet's row) where it starts in the file
    column: str | None   # the column at fault, where one is
    problem: str
    raw: str | None      # the row as read: its text, or its values as JSON


@dataclass
class ProblemGroup:
    stage: str           # "ingest" (the value as mapped) or "normalize" (its reading)
    problem: str
    records: int
    examples: list[dict] = field(default_factory=list)  # record_id, file, row


def _document_filter(con, document: str | None) -> str | None:
    """The full sha256 of the document named by ``document`` (a prefix of its hash,
    as `tally status` prints it, or its file name); None for all documents."""
    if document is None:
        return None
    found = con.execute(
        "SELECT sha256 FROM document WHERE starts_with(sha256, lower(?)) OR original_name = ?",
        [document, document]).fetchall()
    if not found:
        raise ProjectError(f"no document {document!r} in this project (see `tally status`)")
    if len(found) > 1:
        raise ProjectError(f"{document!r} names {len(found)} documents; give more of the sha256")
    return found[0][0]


def quarantined_rows(project, document: str | None = None) -> list[QuarantinedRow]:
    """Every quarantined row (of one document), in file and row order."""
    with project.connect(read_only=True) as con:
        sha = _document_filter(con, document)
        rows = con.execute(
            """SELECT q.document_sha256, d.original_name, d.source_id, q.row_number,
                      q.line_number, q.column_name, q.problem,
                      coalesce(q.raw_text, CAST(q.raw AS VARCHAR))
               FROM quarantine q JOIN document d ON d.sha256 = q.document_sha256
               WHERE ? IS NULL OR q.document_sha256 = ?
               ORDER BY d.received_at, d.sha256, q.row_number""", [sha, sha]).fetchall()
    return [QuarantinedRow(*r) for r in rows]


def record_problems(project, document: str | None = None, examples: int = 3) -> list[ProblemGroup]:
    """Records' problem notes grouped by problem, most frequent first, each with
    how many records carry it and the first few of them (file and row)."""
    with project.connect(read_only=True) as con:
        sha = _document_filter(con, document)
        rows = con.execute(
            """WITH notes AS (
                   SELECT 'ingest' AS stage, unnest(v.problems) AS problem, v.record_id
                   FROM victim_record v WHERE ? IS NULL OR v.document_sha256 = ?
                   UNION ALL
                   SELECT 'normalize', unnest(n.problems), n.record_id
                   FROM record_norm n JOIN victim_record v USING (record_id)
                   WHERE ? IS NULL OR v.document_sha256 = ?),
               numbered AS (
                   SELECT n.stage, n.problem, n.record_id, d.original_name, v.row_number,
                          count(*) OVER (PARTITION BY n.stage, n.problem) AS records,
                          row_number() OVER (PARTITION BY n.stage, n.problem
                                             ORDER BY d.received_at, v.document_sha256,
                                                      v.row_number) AS k
                   FROM notes n JOIN victim_record v USING (record_id)
                   JOIN document d ON d.sha256 = v.document_sha256)
               SELECT stage, problem, records, record_id, original_name, row_number
               FROM numbered WHERE k <= ?
               ORDER BY records DESC, stage, problem, k""",
            [sha, sha, sha, sha, examples]).fetchall()
    groups: dict[tuple[str, str], ProblemGroup] = {}
    for stage, problem, records, record_id, file, row in rows:
        group = groups.setdefault((stage, problem), ProblemGroup(stage, problem, records))
        group.examples.append({"record_id": record_id, "file": file, "row": row})
    return list(groups.values())
