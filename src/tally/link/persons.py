"""A person as a reviewer sees it: every member record with its source, the
document and row it came from, the values as mapped and as written.

Linkage decides that records are one human being; whoever checks that decision
needs the evidence itself, not only the merged summary, so the raw values of
every source row are shown beside the mapped ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tally.errors import ProjectError

_MAPPED = ("name", "sex", "age", "birth_year", "date_of_death", "place", "district",
           "governorate", "community", "status", "perpetrator_claimed")


#: What the person view shows instead of a sensitive column's value.
WITHHELD = "(sensitive: withheld)"


def _withheld(raw: dict, sensitive: str | None) -> dict:
    """The raw values with those of the document's sensitive columns (a witness's
    name or phone, an identity number: tally.model.SENSITIVE_FIELDS and what the
    mapping marked) withheld: the view is printed, screenshotted, pasted."""
    hidden = set(json.loads(sensitive)) if sensitive else set()
    return {k: (WITHHELD if k in hidden else v)
            for k, v in (raw or {}).items()}


@dataclass
class PersonMember:
    record_id: str
    source_id: str
    source_name: str | None
    document: str  # the file's name as received
    document_sha256: str
    row_number: int
    match_weight: float | None  # strongest accepted link of this record
    unidentified: bool
    mapped: dict
    raw: dict
    line_number: int | None = None  # where it starts in the file (a spreadsheet's row)
    media_type: str | None = None   # of the file


@dataclass
class PersonView:
    person_id: str
    run_id: str
    members: list[PersonMember]


def person_view(project, person_or_record: str) -> PersonView:
    """The person with this id, or the person a record with this id belongs to."""
    with project.connect(read_only=True) as con:
        found = con.execute(
            """SELECT person_id, run_id FROM person_record
               WHERE person_id = ? OR record_id = ? LIMIT 1""",
            [person_or_record, person_or_record]).fetchall()
        if not found:
            linked = con.execute("SELECT count(*) FROM person_record").fetchall()[0][0]
            raise ProjectError("no persons yet: run `tally link` first" if not linked else
                               f"no person or record {person_or_record!r} in the latest linkage")
        person_id, run_id = found[0]
        cols = ", ".join(f"v.{c}" for c in _MAPPED)
        # a project not yet opened for writing by this Tally lacks migration 015's column
        sensitive = "d.sensitive_columns" if con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'document' "
            "AND column_name = 'sensitive_columns'").fetchall()[0][0] else "NULL"
        rows = con.execute(
            f"""SELECT v.record_id, v.source_id, s.name, d.original_name, v.document_sha256,
                       v.row_number, p.match_weight, coalesce(n.unidentified, false),
                       {cols}, v.raw, v.line_number, d.media_type, {sensitive}
                FROM person_record p
                JOIN victim_record v USING (record_id)
                JOIN document d ON d.sha256 = v.document_sha256
                LEFT JOIN source s ON s.id = v.source_id
                LEFT JOIN record_norm n USING (record_id)
                WHERE p.person_id = ?
                ORDER BY v.source_id, d.original_name, v.row_number""", [person_id]).fetchall()
    members = []
    for r in rows:
        mapped = {k: v for k, v in zip(_MAPPED, r[8:8 + len(_MAPPED)]) if v is not None}
        raw, line, media_type, sensitive = r[8 + len(_MAPPED):]
        raw = json.loads(raw) if isinstance(raw, str) else raw
        members.append(PersonMember(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]),
                                    mapped, _withheld(raw, sensitive), line, media_type))
    return PersonView(person_id, run_id, members)
