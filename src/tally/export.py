"""Exports of what the store holds, in the interchange formats.

Records are written in the victim record interchange format (DESIGN.md):
``record_id`` is Tally's id of the record and ``source`` the id of the source
that supplied it; the source's own identifier, the document and the row
follow as extra columns so every exported row traces back to its bytes.

Formats: CSV, JSON lines, Parquet and XLSX (one sheet, a header row, dates as
dates). Text that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) never runs: in CSV it is prefixed
with an apostrophe; in XLSX it is written as a text cell marked "quote prefix"
(what Excel stores when a person types ``'=...``), so the cell shows and reads
back exactly as stored and stays text when edited.

``export_public`` writes the dataset meant for publication: one row per
documented victim, built from a list of allowed columns (never from the
records' columns minus some), so witness identities, contact details, notes,
raw values and document references cannot leak in by a new column. A
:class:`PublicPolicy` decides whether names are published and how rare
combinations of quasi-identifiers are generalised (see ``GENERALISATION_LEVELS``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

from tally.errors import UsageError
from tally.model import RECORD_FIELDS
from tally.project import Project

FORMATS = ("csv", "jsonl", "parquet", "xlsx")

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
        _write(con, query, out, fmt, sheet=out.stem)
    return n


def _write(con, query: str, out: Path, fmt: str, sheet: str = "data",
           extra_header: list[str] | None = None) -> None:
    """Write the rows of ``query`` to ``out`` in ``fmt`` (formula cells neutralised)."""
    if fmt == "xlsx":
        write_xlsx(con, query, out, sheet=sheet, extra_header=extra_header)
        return
    if fmt == "csv":
        query = _csv_safe_query(con, query)
    con.execute(f"COPY ({query}) TO {_sql_string(str(out))} ({_COPY_OPTIONS[fmt]})")


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


# --------------------------------------------------------------------------- XLSX

#: Rows and characters per cell that Excel can hold.
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_CELL = 32_767
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_value(ws, value, row: int, column: str):
    """One value as openpyxl should write it: text stays text, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # Excel has no time zones: write UTC
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, (list, tuple)):
        value = ";".join("" if v is None else str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    else:
        value = str(value)
    if len(value) > XLSX_MAX_CELL:
        raise UsageError(f"row {row}, column {column!r}: {len(value):,} characters do not fit "
                         f"in a spreadsheet cell ({XLSX_MAX_CELL:,}); export as csv or parquet")
    # control characters cannot be stored in the XML of a sheet: shown as U+FFFD
    value = _ILLEGAL_XML.sub("\ufffd", value)
    if value.startswith(FORMULA_PREFIXES):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"       # openpyxl would store '=...' as a formula
        cell.quotePrefix = True    # and Excel keeps it text when someone edits the cell
        return cell
    return value


def write_xlsx(con, query: str, out: str | os.PathLike, sheet: str = "data",
               extra_header: list[str] | None = None) -> int:
    """Write the rows of ``query`` as one XLSX sheet; return how many rows were written.

    ``extra_header`` is a second row written under the column names (HXL hashtags).
    """
    from openpyxl import Workbook

    out = Path(out)
    n = int(con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0])
    header_rows = 2 if extra_header else 1
    if n + header_rows > XLSX_MAX_ROWS:
        raise UsageError(f"{n:,} rows do not fit in one spreadsheet sheet "
                         f"({XLSX_MAX_ROWS - header_rows:,} at most): export as csv or parquet")
    cur = con.execute(query)
    names = [d[0] for d in cur.description]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(re.sub(r"[\[\]:*?/\\]", "_", sheet)[:31] or "data")
    ws.append([_xlsx_value(ws, c, 1, c) for c in names])
    if extra_header:
        ws.append([_xlsx_value(ws, c, 2, c) for c in extra_header])
    row = header_rows
    tmp = out.with_name(out.name + ".tmp")
    try:
        while batch := cur.fetchmany(10_000):
            for values in batch:
                row += 1
                ws.append([_xlsx_value(ws, v, row, names[i]) for i, v in enumerate(values)])
    except BaseException:
        with contextlib.suppress(Exception):  # close openpyxl's streams; nothing is kept
            wb.save(tmp)
        tmp.unlink(missing_ok=True)
        raise
    wb.save(tmp)
    tmp.replace(out)
    return n


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
    "locality": "#loc+name",
    "locality_pcode": "#loc+code",
    "status": "#affected+status",
    "community": "#affected+community",
    "perpetrator_claimed": "#org+perpetrator+alleged",
    "sources": "#meta+source",
    "records": "#meta+records",
    "unidentified": "#affected+unidentified",
    "generalisation": "#meta+generalised",
}

#: Fields that must never appear in a public export (checked by the tests over
#: every column): who gave testimony, how to reach anyone, internal notes, raw
#: values and the documents and rows they came from.
SENSITIVE_FIELDS: frozenset[str] = frozenset({
    "notes", "raw", "document", "document_sha256", "original_name", "source_record_id",
    "source_label", "row_number", "record_id", "person_id", "received_by", "witness",
    "witness_name", "contact", "phone", "email", "address", "mother_name", "father_name",
    "grandfather_name", "given_name", "family_name", "cause", "problems", "place",
    "birth_date", "national_id",
})

#: The quasi-identifiers of a victim: what a neighbour, a relative or a published
#: death notice could tell about a person (statistical disclosure control's "key
#: variables"). Status, alleged perpetrator and sources are what the dataset is
#: about, not keys: they are never generalised.
KEY_VARIABLES = ("place", "date", "sex", "age", "community")

#: Levels of detail, from the most detailed. With names withheld, each victim is
#: published at the first level at which at least ``min_cell`` of the victims not
#: yet published share its combination of place, date, sex, age and community
#: (k-anonymity by local recoding along these hierarchies); the victims left after
#: the last level are suppressed: all five withheld. Sex and community are never
#: coarsened: they are what casualty analysis is most asked about. The order keeps
#: district and week (the report's map and timeline) before age detail, and the
#: governorate before the month; the last level (no place, the year) saves from
#: suppression most victims whose sex and community are rare in their governorate.
GENERALISATION_LEVELS: tuple[tuple[str, str, str], ...] = (
    ("locality", "day", "age group"),
    ("district", "day", "age group"),
    ("district", "week", "age group"),
    ("district", "week", "broad age group"),
    ("district", "month", "broad age group"),
    ("governorate", "month", "broad age group"),
    ("governorate", "quarter", "broad age group"),
    ("governorate", "year", "broad age group"),
    ("country", "year", "broad age group"),
)
SUPPRESSED = "suppressed"

_PLACE_KEYS = {"locality": "governorate_id, district_id, locality_id",
               "district": "governorate_id, district_id", "governorate": "governorate_id",
               "country": "NULL"}
_AGE_KEYS = {"age group": "age_group", "broad age group": "age_broad"}
_BROAD_AGE = ("CASE WHEN age_group IN ('0-4', '5-17') THEN '0-17' "
              "WHEN age_group IN ('18-29', '30-44', '45-59') THEN '18-59' ELSE age_group END")


_PERIOD = {"week": "7 DAY", "month": "1 MONTH", "quarter": "3 MONTH", "year": "1 YEAR"}


def _date_bounds(precision: str, table: str = "") -> tuple[str, str]:
    """SQL for the first and last day of the ``precision`` period(s) of a date window."""
    start, end = f"{table}date_start", f"{table}date_end"
    if precision == "day":
        return start, end
    step = _PERIOD[precision]
    return (f"CAST(date_trunc('{precision}', {start}) AS DATE)",
            f"CAST(date_trunc('{precision}', {end}) + INTERVAL {step} - INTERVAL 1 DAY AS DATE)")


def level_label(level: tuple[str, str, str]) -> str:
    return "/".join(level)


@dataclass(frozen=True)
class PublicPolicy:
    """What a public export may show.

    ``names``: publish victims' names (off by default: families may be at risk).
    With names published, nothing else is generalised (a name identifies anyway).
    ``min_cell`` (k): with names withheld, every published combination of place,
    date, sex, age and community is shared by at least this many victims, each
    victim's place, date and age generalised only as far as its cell needs
    (``GENERALISATION_LEVELS``), the rest suppressed; 0 turns it off. Defaults
    come from ``[public]`` in tally.toml.
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

    @property
    def generalises(self) -> bool:
        return not self.names and self.min_cell > 0


def _generalise(con, policy: PublicPolicy) -> dict:
    """Give each victim of ``public_person`` its level; return the counts per level."""
    levels = GENERALISATION_LEVELS if policy.generalises else GENERALISATION_LEVELS[:1]
    if not policy.generalises:  # everyone at full detail
        con.execute("UPDATE public_person SET level = 0")
    else:
        for i, (place, precision, age) in enumerate(levels):
            start, end = _date_bounds(precision)
            keys = f"{_PLACE_KEYS[place]}, {start}, {end}, sex, {_AGE_KEYS[age]}, community"
            con.execute(f"""
                UPDATE public_person SET level = {i} FROM (
                    SELECT person_id FROM (
                        SELECT person_id, count(*) OVER (PARTITION BY {keys}) AS n
                        FROM public_person WHERE level IS NULL)
                    WHERE n >= {int(policy.min_cell)}) AS cell
                WHERE public_person.person_id = cell.person_id""")
    counts = dict(con.execute(
        "SELECT coalesce(level, -1), count(*) FROM public_person GROUP BY ALL").fetchall())
    total = sum(counts.values())
    return {
        "applied": policy.generalises,
        "k": policy.min_cell if policy.generalises else None,
        "key_variables": list(KEY_VARIABLES),
        "levels": [{"level": level_label(lv), "place": lv[0], "date": lv[1], "age": lv[2],
                    "rows": int(counts.get(i, 0))} for i, lv in enumerate(levels)],
        "suppressed": int(counts.get(-1, 0)),
        "share_at_full_detail": round(counts.get(0, 0) / total, 4) if total else None,
        "share_suppressed": round(counts.get(-1, 0) / total, 4) if total else None,
    }


def _public_query(policy: PublicPolicy) -> str:
    name = "n.name" if policy.names else "NULL"

    def at(levels: list[int], expr: str) -> str:
        return f"CASE WHEN p.level IN ({', '.join(map(str, levels))}) THEN {expr} END"

    by_place = {lv: [i for i, x in enumerate(GENERALISATION_LEVELS) if x[0] in lv]
                for lv in ("locality", "district", "governorate")}
    date_cases = []
    for side in (0, 1):
        whens = " ".join(f"WHEN p.level = {i} THEN {_date_bounds(x[1], 'p.')[side]}"
                         for i, x in enumerate(GENERALISATION_LEVELS))
        date_cases.append(f"CASE {whens} END")
    age_whens = " ".join(f"WHEN p.level = {i} THEN p.{_AGE_KEYS[x[2]]}"
                         for i, x in enumerate(GENERALISATION_LEVELS))
    label_whens = " ".join(
        f"WHEN p.level = {i} THEN '{'none' if i == 0 else level_label(x)}'"
        for i, x in enumerate(GENERALISATION_LEVELS))
    return f"""
        WITH names AS (
            SELECT person_id, first(name ORDER BY k DESC, name) AS name FROM (
                SELECT coalesce(pr.person_id, 'R-' || v.record_id) AS person_id, v.name,
                       count(*) AS k
                FROM victim_record v LEFT JOIN person_record pr USING (record_id)
                WHERE v.name IS NOT NULL AND v.name <> '' GROUP BY ALL)
            GROUP BY person_id)
        SELECT 'V-' || substr(sha256(p.person_id), 1, 16) AS victim_id,
               CAST({name} AS VARCHAR) AS name,
               CASE WHEN p.level IS NOT NULL THEN p.sex END AS sex,
               CASE {age_whens} END AS age_group,
               {date_cases[0]} AS date_start, {date_cases[1]} AS date_end,
               {at(by_place["locality"] + by_place["district"] + by_place["governorate"], "g.name_en")} AS governorate,
               {at(by_place["locality"] + by_place["district"] + by_place["governorate"], "p.governorate_id")} AS governorate_pcode,
               {at(by_place["locality"] + by_place["district"], "d.name_en")} AS district,
               {at(by_place["locality"] + by_place["district"], "p.district_id")} AS district_pcode,
               {at(by_place["locality"], "l.name_en")} AS locality,
               {at(by_place["locality"], "p.locality_id")} AS locality_pcode,
               p.status, CASE WHEN p.level IS NOT NULL THEN p.community END AS community,
               p.perpetrator AS perpetrator_claimed,
               array_to_string(p.sources, ';') AS sources, p.records, p.unidentified,
               CASE {label_whens} ELSE '{SUPPRESSED}' END AS generalisation
        FROM public_person p LEFT JOIN names n USING (person_id)
        LEFT JOIN public_place g ON g.id = p.governorate_id
        LEFT JOIN public_place d ON d.id = p.district_id
        LEFT JOIN public_place l ON l.id = p.locality_id
        ORDER BY p.level NULLS LAST, date_start NULLS LAST, victim_id"""


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

    A ``OUT.json`` beside it records the policy, how many victims were published
    at each level of detail and how many suppressed, the data version and when
    it was made.
    """
    from tally.normalize.actors import actor_table_version
    from tally.normalize.places import load_gazetteer
    from tally.report.queries import prepare_persons, records_digest

    policy = policy or PublicPolicy.from_config(project.config)
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if hxl and fmt not in ("csv", "xlsx"):
        raise UsageError("HXL hashtags are a header row: use --format csv or xlsx with --hxl")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with project.connect(read_only=True) as con:
        prepare_persons(con)
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE public_person AS
            SELECT *, {_BROAD_AGE} AS age_broad, CAST(NULL AS INTEGER) AS level
            FROM report_person""")
        generalisation = _generalise(con, policy)
        con.execute("CREATE OR REPLACE TEMP TABLE public_place (id VARCHAR, name_en VARCHAR)")
        con.executemany("INSERT INTO public_place VALUES (?, ?)",
                        [(p.id, p.name_en) for p in load_gazetteer()])
        query = _public_query(policy)
        columns = [d[0] for d in con.execute(f"DESCRIBE ({query})").fetchall()]
        leaked = set(columns) - set(PUBLIC_COLUMNS) | set(columns) & SENSITIVE_FIELDS
        if leaked:  # a programming error, never data: refuse rather than publish
            raise RuntimeError(f"public export would contain {sorted(leaked)}")
        n = int(con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0])
        _write(con, query, out, fmt, sheet="victims",
               extra_header=[PUBLIC_COLUMNS[c] for c in columns] if hxl and fmt == "xlsx" else None)
        version = records_digest(con)
    if hxl and fmt == "csv":
        _write_hxl_row(out, columns)
    meta = {"rows": n, "columns": columns, "policy": asdict(policy),
            "generalisation": generalisation, "data_version": version,
            "actor_table": actor_table_version(), "hxl": hxl, "format": fmt,
            "made_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    out.with_name(out.name + ".json").write_text(json.dumps(meta, indent=2) + "\n",
                                                 encoding="utf-8")
    return n
