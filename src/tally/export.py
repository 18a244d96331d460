"""Exports of what the store holds, in the interchange formats.

Records are written in the victim record interchange format (DESIGN.md):
``record_id`` is Tally's id of the record and ``source`` the id of the source
that supplied it; the source's own identifier, the document and the row
follow as extra columns so every exported row traces back to its bytes.

``export_public`` writes the dataset meant for publication: one row per
documented victim, built from a list of allowed columns (never from the
records' columns minus some), so witness identities, contact details, notes,
raw values and document references cannot leak in by a new column. A
:class:`PublicPolicy` decides whether names are published and generalises
rare combinations of attributes. CSV cells that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are
prefixed with an apostrophe in every CSV export.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from tally.errors import UsageError
from tally.model import RECORD_FIELDS
from tally.project import Project

FORMATS = ("csv", "jsonl", "parquet")

_COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "jsonl": "FORMAT json",
    "parquet": "FORMAT parquet, COMPRESSION zstd",
}


def records_query(raw: bool = False) -> str:
    columns = ["record_id", "source_id AS source"]
    columns += [f for f in RECORD_FIELDS if f not in ("record_id", "source")]
    columns += ["source_record_id", "document_sha256 AS document", "row_number"]
    if raw:
        columns.append("CAST(raw AS VARCHAR) AS raw")
    return (
        f"SELECT {', '.join(columns)} FROM victim_record "
        "ORDER BY source_id, document_sha256, row_number"
    )


def persons_query() -> str:
    """One row per record of each person: who, from which source, how strongly linked."""
    return """
        SELECT p.person_id, v.record_id, v.source_id AS source, v.name, v.sex, v.age,
               v.date_of_death, v.place, v.governorate, v.status,
               p.match_weight, count(*) OVER (PARTITION BY p.person_id) AS records_in_person,
               p.run_id
        FROM person_record p JOIN victim_record v USING (record_id)
        ORDER BY p.person_id, v.source_id, v.record_id"""


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _export(project: Project, query: str, out, fmt: str, empty_message: str | None = None) -> int:
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with project.connect() as con:
        n = int(con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0])
        if n == 0 and empty_message:
            raise UsageError(empty_message)
        if fmt == "csv":
            query = _csv_safe_query(con, query)
        con.execute(f"COPY ({query}) TO {_sql_string(str(out))} ({_COPY_OPTIONS[fmt]})")
    return n


def export_persons(project: Project, out: str | os.PathLike, fmt: str = "csv") -> int:
    """Write every linked record with its person; return how many rows were written."""
    return _export(project, persons_query(), out, fmt,
                   "no persons yet: run `tally link` first")


def export_estimates(project: Project, out: str | os.PathLike, fmt: str = "csv") -> int:
    """Write every estimate made in the project (each with its lists, settings and data)."""
    query = """
        SELECT estimate_run, stratum, made_at, made_by, method, model, lists, n_observed,
               n_hat, lower, upper, reliable, warnings, refused, settings, capture_table,
               data_version, link_run
        FROM estimate ORDER BY made_at, estimate_run, stratum"""
    return _export(project, query, out, fmt, "no estimates yet: run `tally estimate` first")


def export_claims(project: Project, out: str | os.PathLike, fmt: str = "csv") -> int:
    """Write every casualty claim extracted from text, with its evidence span (reviewed values where reviewed)."""
    from tally.extract.review import reviewed_claims_sql

    with project.connect(read_only=True) as con:
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'claim' "
            "ORDER BY ordinal_position").fetchall()]
        source = reviewed_claims_sql(con) if cols else ""
    if not cols:
        raise UsageError("this project has no claims table: upgrade Tally")
    keep = ", ".join(_quote_ident(c) for c in cols if c != "proposal")
    # reviewed claims carry their reviewed values and status (the proposal is kept in the store)
    return _export(project, f"SELECT {keep} FROM ({source}) ORDER BY claim_id", out, fmt,
                   "no claims yet: extract articles first")


def export_records(
    project: Project, out: str | os.PathLike, fmt: str = "csv", raw: bool = False
) -> int:
    """Write every victim record to ``out``; return how many were written."""
    return _export(project, records_query(raw), out, fmt)


# --------------------------------------------------------------------------- CSV safety

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(text: str) -> str:
    """``=HYPERLINK(...)`` → ``'=HYPERLINK(...)``: shown as text, never run."""
    return "'" + text if text and text.startswith(FORMULA_PREFIXES) else text


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _csv_safe_query(con, query: str) -> str:
    """Wrap ``query`` so every text column is neutralised (lists become ``a;b`` text)."""
    cols = con.execute(f"DESCRIBE ({query})").fetchall()
    prefixes = ", ".join(_sql_string(p) for p in FORMULA_PREFIXES)
    exprs = []
    for name, ctype, *_ in cols:
        q = _quote_ident(name)
        if ctype.endswith("[]"):
            q = f"array_to_string({q}, ';')"
        elif ctype != "VARCHAR":
            exprs.append(q)
            continue
        exprs.append(f"CASE WHEN left({q}, 1) IN ({prefixes}) THEN chr(39) || {q} ELSE {q} END "
                     f"AS {_quote_ident(name)}")
    return f"SELECT {', '.join(exprs)} FROM ({query})"


# --------------------------------------------------------------------------- public dataset

#: Columns of the public dataset, each with its HXL hashtag (Humanitarian Exchange
#: Language). Nothing else is ever written: this list is the allow-list.
PUBLIC_COLUMNS: dict[str, str] = {
    "victim_id": "#affected+id",
    "name": "#affected+name",
    "sex": "#affected+sex",
    "age_group": "#affected+age",
    "date_start": "#date+start",
    "date_end": "#date+end",
    "governorate": "#adm1+name",
    "governorate_pcode": "#adm1+code",
    "district": "#adm2+name",
    "district_pcode": "#adm2+code",
    "status": "#affected+status",
    "community": "#affected+community",
    "perpetrator_claimed": "#org+perpetrator+alleged",
    "sources": "#meta+source",
    "records": "#meta+records",
    "unidentified": "#affected+unidentified",
    "generalised": "#meta+generalised",
}

#: Fields that must never appear in a public export (checked by the tests over
#: every column): who gave testimony, how to reach anyone, internal notes, raw
#: values and the documents and rows they came from.
SENSITIVE_FIELDS: frozenset[str] = frozenset({
    "notes", "raw", "document", "document_sha256", "original_name", "source_record_id",
    "source_label", "row_number", "record_id", "person_id", "received_by", "witness",
    "witness_name", "contact", "phone", "email", "address", "mother_name", "father_name",
    "grandfather_name", "given_name", "family_name", "cause", "problems", "place",
})


@dataclass(frozen=True)
class PublicPolicy:
    """What a public export may show.

    ``names``: publish victims' names (off by default: families may be at risk).
    ``min_cell``: a victim whose combination of governorate, district, sex, age
    group, status and community is shared by fewer than this many victims is
    generalised (district and age group withheld, ``generalised`` true); 0 turns
    it off. Defaults come from ``[public]`` in tally.toml.
    """

    names: bool = False
    min_cell: int = 5

    @classmethod
    def from_config(cls, config: dict, **overrides) -> "PublicPolicy":
        section = dict(config.get("public", {}))
        section.update({k: v for k, v in overrides.items() if v is not None})
        policy = cls(names=bool(section.get("names", cls.names)),
                     min_cell=int(section.get("min_cell", cls.min_cell)))
        if policy.min_cell < 0:
            raise UsageError("min_cell must be 0 or more")
        return policy


def _public_query(policy: PublicPolicy) -> str:
    k = int(policy.min_cell)
    small = (f"count(*) OVER (PARTITION BY governorate_id, district_id, sex, age_group, status, "
             f"community) < {k}") if k > 0 else "false"
    name = "n.name" if policy.names else "NULL"
    return f"""
        WITH p AS (SELECT *, {small} AS generalised FROM report_person),
        names AS (
            SELECT person_id, first(name ORDER BY k DESC, name) AS name FROM (
                SELECT coalesce(pr.person_id, 'R-' || v.record_id) AS person_id, v.name,
                       count(*) AS k
                FROM victim_record v LEFT JOIN person_record pr USING (record_id)
                WHERE v.name IS NOT NULL AND v.name <> '' GROUP BY ALL)
            GROUP BY person_id)
        SELECT 'V-' || substr(sha256(p.person_id), 1, 16) AS victim_id,
               CAST({name} AS VARCHAR) AS name, p.sex,
               CASE WHEN p.generalised THEN NULL ELSE p.age_group END AS age_group,
               p.date_start, p.date_end,
               g.name_en AS governorate, p.governorate_id AS governorate_pcode,
               CASE WHEN p.generalised THEN NULL ELSE d.name_en END AS district,
               CASE WHEN p.generalised THEN NULL ELSE p.district_id END AS district_pcode,
               p.status, p.community, p.perpetrator AS perpetrator_claimed,
               array_to_string(p.sources, ';') AS sources, p.records, p.unidentified,
               p.generalised
        FROM p LEFT JOIN names n USING (person_id)
        LEFT JOIN public_place g ON g.id = p.governorate_id
        LEFT JOIN public_place d ON d.id = p.district_id
        ORDER BY p.date_start NULLS LAST, victim_id"""


def _write_hxl_row(path: Path, columns: list[str]) -> None:
    """Insert the row of HXL hashtags under the CSV header."""
    tmp = path.with_name(path.name + ".hxl")
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        dst.write(src.readline())
        dst.write((",".join(PUBLIC_COLUMNS[c] for c in columns) + "\n").encode("utf-8"))
        shutil.copyfileobj(src, dst)
    tmp.replace(path)


def export_public(project: Project, out: str | os.PathLike, fmt: str = "csv",
                  policy: PublicPolicy | None = None, hxl: bool = False) -> int:
    """Write the public dataset (one row per documented victim); return how many rows.

    A ``OUT.json`` beside it records the policy, the data version and when it was made.
    """
    from tally.normalize.places import load_gazetteer
    from tally.report.queries import prepare_persons, records_digest

    policy = policy or PublicPolicy.from_config(project.config)
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if hxl and fmt != "csv":
        raise UsageError("HXL hashtags are a CSV header row: use --format csv with --hxl")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with project.connect(read_only=True) as con:
        prepare_persons(con)
        con.execute("CREATE OR REPLACE TEMP TABLE public_place (id VARCHAR, name_en VARCHAR)")
        con.executemany("INSERT INTO public_place VALUES (?, ?)",
                        [(p.id, p.name_en) for p in load_gazetteer() if p.admin_level <= 2])
        query = _public_query(policy)
        columns = [d[0] for d in con.execute(f"DESCRIBE ({query})").fetchall()]
        leaked = set(columns) - set(PUBLIC_COLUMNS) | set(columns) & SENSITIVE_FIELDS
        if leaked:  # a programming error, never data: refuse rather than publish
            raise RuntimeError(f"public export would contain {sorted(leaked)}")
        if fmt == "csv":
            query = _csv_safe_query(con, query)
        n = int(con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0])
        con.execute(f"COPY ({query}) TO {_sql_string(str(out))} ({_COPY_OPTIONS[fmt]})")
        version = records_digest(con)
    if hxl:
        _write_hxl_row(out, columns)
    meta = {"rows": n, "columns": columns, "policy": asdict(policy), "data_version": version,
            "hxl": hxl, "made_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    out.with_name(out.name + ".json").write_text(json.dumps(meta, indent=2) + "\n",
                                                 encoding="utf-8")
    return n
