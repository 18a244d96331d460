"""The public dataset: what may be published, and how rare victims are protected.

:func:`export_public` writes the dataset meant for publication: one row per
documented victim, built from a list of allowed columns (never from the
records' columns minus some), so witness identities, contact details, notes,
raw values and document references cannot leak in by a new column. A
:class:`PublicPolicy` decides whether names are published and how rare
combinations of quasi-identifiers are generalised (see ``GENERALISATION_LEVELS``).
It returns a :class:`PublicExport` (what was published, at which level of
detail) and writes the same facts to ``OUT.json`` beside the file.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tally.errors import UsageError
from tally.model import SENSITIVE_FIELDS as MODEL_SENSITIVE
from tally.project import Project
from tally.report.exports import check_format, prepare_output, write_rows

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
    "birth_date", "national_id", "witness_contact", "consent", "sealed",
}) | frozenset(MODEL_SENSITIVE)

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


@dataclass
class PublicExport:
    """What :func:`export_public` wrote: the file, its sidecar and the facts in it."""

    path: Path
    metadata_path: Path
    rows: int
    columns: list[str]
    policy: PublicPolicy
    generalisation: dict = field(default_factory=dict)
    data_version: str = ""
    #: Things to say with the file: e.g. the link run whose persons it lists is stale.
    warnings: list[str] = field(default_factory=list)
    #: Records left out: no consent to publication; from sources restricted to groups.
    left_out: dict = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """One line for a person: how many victims, names, and how cells were protected."""
        g = self.generalisation
        if g.get("applied"):
            levels = ", ".join(f"{lv['rows']} at {lv['level']}" for lv in g["levels"])
            cells = (f"k={g['k']}: {levels}, {g['suppressed']} suppressed; see "
                     f"{self.metadata_path.name}")
        else:
            cells = "no generalisation"
        return (f"{self.rows} victims (public: names "
                f"{'shown' if self.policy.names else 'withheld'}, {cells})")


def _leave_out(project: Project, con, exclude_sources: frozenset[str]) -> dict:
    """Shadow ``victim_record`` in this connection by a view without the records a
    public export must not use: those whose witness did not consent to publication
    (:mod:`tally.report.consent`) and those of ``exclude_sources`` (sources restricted
    to access groups the person exporting is not in). Every query after this one
    reads the view; returns how many records each rule left out."""
    from tally.report.consent import withheld_from_publication

    withheld = withheld_from_publication(project, con)
    con.execute("CREATE OR REPLACE TEMP TABLE public_left_out (record_id VARCHAR)")
    if withheld:
        con.executemany("INSERT INTO public_left_out VALUES (?)", [[r] for r in withheld])
    hidden = sorted(exclude_sources) or [""]
    restricted = con.execute("SELECT count(*) FROM victim_record WHERE list_contains(?, source_id)",
                             [hidden]).fetchall()[0][0]
    database = con.execute("SELECT current_database()").fetchall()[0][0].replace('"', '""')
    con.execute(f"""CREATE OR REPLACE TEMP VIEW victim_record AS
        SELECT * FROM "{database}".main.victim_record
        WHERE record_id NOT IN (SELECT record_id FROM public_left_out)
          AND NOT list_contains({_sql_list(hidden)}, source_id)""")
    return {"no_publication_consent": len(withheld), "restricted_sources": int(restricted)}


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def export_public(project: Project, out: str | os.PathLike, fmt: str = "csv",
                  policy: PublicPolicy | None = None, hxl: bool = False,
                  exclude_sources: frozenset[str] = frozenset()) -> PublicExport:
    """Write the public dataset (one row per documented victim); return what was written.

    A ``OUT.json`` beside it records the policy, how many victims were published
    at each level of detail and how many suppressed, the records left out (no
    consent to publication; ``exclude_sources``), the data version and when it
    was made.
    """
    from tally.normalize.actors import actor_table_version
    from tally.normalize.places import load_gazetteer
    from tally.report.queries import prepare_persons, records_digest
    from tally.store.layout import check_output_path
    from tally.store.runs import stale_run

    policy = policy or PublicPolicy.from_config(project.config)
    check_format(fmt)
    if hxl and fmt not in ("csv", "xlsx"):
        raise UsageError("HXL hashtags are a header row: use --format csv or xlsx with --hxl")
    out = prepare_output(project, out, fmt)
    meta_path = check_output_path(out.with_name(out.name + ".json"), project.root)
    with project.connect(read_only=True) as con:
        version = records_digest(con)  # of the project, before any record is left out
        stale = stale_run(con, "link")
        left_out = _leave_out(project, con, frozenset(exclude_sources))
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
        write_rows(con, query, out, fmt, sheet="victims",
                   extra_header=[PUBLIC_COLUMNS[c] for c in columns] if hxl and fmt == "xlsx" else None)
    warnings = [f"victims listed from a stale linkage: {stale.message}"] if stale else []
    if hxl and fmt == "csv":
        _write_hxl_row(out, columns)
    meta = {"rows": n, "columns": columns, "policy": asdict(policy),
            "generalisation": generalisation, "left_out": left_out, "data_version": version,
            "actor_table": actor_table_version(), "hxl": hxl, "format": fmt, "warnings": warnings,
            "made_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return PublicExport(out, meta_path, n, columns, policy, generalisation, version, warnings,
                        left_out)
