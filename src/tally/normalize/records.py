"""Normalize a whole table of victim records, set-based.

The per-value functions of this package are pure and cached; here each is run
once per DISTINCT raw value of a column (a million records hold far fewer
distinct names, dates and places), the results go to DuckDB as Arrow tables,
and one SQL statement joins them back to the records. Raw values are never
changed; what cannot be normalized stays NULL with a problem note.

Each field is one entry of :data:`NORMALIZERS`: the source columns it reads,
the function run on each distinct value, the columns that function gives and
the label of its problems. A new field is a new entry (and its columns in the
final SELECT), not a new copy of the distinct-apply-register block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import duckdb
import pyarrow as pa

from tally.normalize.categories import (
    normalize_age,
    normalize_community,
    normalize_sex,
    normalize_status,
)
from tally.normalize.dates import parse_date
from tally.normalize.names import normalize_name
from tally.normalize.places import place_by_id, resolve_place
from tally.normalize.version import normalizer_version


#: Name values that say "we do not know who this is": missing, never a name.
UNIDENTIFIED_NAMES = frozenset(
    {
        "مجهول الهوية", "مجهول الهويه", "مجهول", "مجهولة الهوية", "مجهوله الهويه", "مجهولة",
        "غير معروف", "غير معروفة", "جثة مجهولة", "جثة مجهولة الهوية", "بدون اسم", "لا يوجد",
        "unidentified", "unidentified body", "unidentified man", "unidentified woman",
        "unidentified child", "unknown", "unknown person", "unknown man", "unknown woman",
        "unnamed", "no name", "n/a", "na", "-", "?", "john doe", "jane doe",
    }
)

NAME_PARTS = ("given", "father", "grandfather", "family")


def is_unidentified(name: str | None) -> bool:
    if name is None:
        return False
    folded = " ".join(name.strip().lower().replace("ـ", "").split())
    return folded in UNIDENTIFIED_NAMES


@dataclass(frozen=True)
class FieldNormalizer:
    """How one field of the records becomes normalized columns.

    ``normalize`` is called once per distinct combination of the ``reads``
    columns (with the ``context`` columns' values after them) and returns one
    value per ``outputs`` column, in order. The results are joined back to the
    records as ``alias``. With a ``problem`` label, the ``problem`` output is
    kept as ``"<label>: <problem>"`` in the record's problems. Entries that name
    the same ``pool`` (one column each) share one lookup built from all their
    columns' values (the name parts: one name read once, whichever column).
    """

    alias: str
    label: str
    reads: tuple[str, ...]
    normalize: Callable[..., tuple]
    outputs: dict[str, pa.DataType]
    context: tuple[str, ...] = ()
    problem: str | None = None
    pool: str | None = None

    @property
    def table(self) -> str:
        """The lookup table's name (one per pool)."""
        return f"_norm_{self.pool or self.alias}"

    @property
    def join(self) -> str:
        """SQL joining the lookup to the records ``s`` on the columns it read."""
        on = " AND ".join(f"{self.alias}.in{i} IS NOT DISTINCT FROM s.{column}"
                          for i, column in enumerate(self.reads + self.context))
        return f"LEFT JOIN {self.table} {self.alias} ON {on}"


_TEXT = pa.string()


def _name(value: str) -> tuple:
    """A full name: script, the parts' keys, every key, and the name table's readings."""
    if is_unidentified(value):
        return (None, None, None, None, None, None, [], True, None, None, None, None)
    result = normalize_name(value)
    return (
        result.script,
        *(result.part_keys.get(part) for part in NAME_PARTS),
        result.part_keys.get("kunya"),
        list(result.keys),
        False,
        *(_part_name(result, part) for part in ("given", "father", "family")),
        result.sex,
    )


_NAME_OUTPUTS = {
    "script": _TEXT, "given": _TEXT, "father": _TEXT, "grandfather": _TEXT, "family": _TEXT,
    "kunya": _TEXT, "keys": pa.list_(_TEXT), "unidentified": pa.bool_(),
    "given_std": _TEXT, "father_std": _TEXT, "family_std": _TEXT, "sex": _TEXT,
}


def _part_name(result, part: str) -> str | None:
    """The name table's reading of one part (the family name is the last such unit)."""
    unit = result.parts.get(part)
    if unit is None or unit not in result.tokens:
        return None
    positions = [i for i, t in enumerate(result.tokens) if t == unit]
    i = positions[-1] if part == "family" else positions[0]
    return result.names[i] if i < len(result.names) else None


def _name_part(value: str) -> tuple[str | None, str | None, str | None]:
    """A value a list gave as one name part (it may hold several tokens): its key,
    the name table's reading of it, and its script."""
    if is_unidentified(value):
        return None, None, None
    result = normalize_name(value)
    key = ("_".join(result.keys) if len(result.keys) > 1 else result.keys[0]) if result.keys else None
    known = [n for n in result.names if n]
    std = "_".join(known) if known and len(known) == len(result.names) else None
    return key, std, (result.script if key else None)


def _date(value: str, order: str | None) -> tuple:
    """A date of death, read in the order its list's mapping declares (dmy, mdy, ymd)."""
    res = parse_date(value, order=order)
    return res.start, res.end, res.precision, res.problem


def _place(place: str | None, district: str | None, governorate: str | None) -> tuple:
    """The finest of place, district and governorate that the gazetteer resolves.

    A place name shared by places in different governorates is no guess: the
    coarser columns decide, and the doubt is kept as the problem."""
    match, doubt = None, None
    for text, level in ((place, None), (district, 2), (governorate, 1)):
        if text:
            match = resolve_place(text, governorate=governorate if level is None else None,
                                  district=district if level is None else None, level=level)
            if match is not None and match.spans_governorates:
                doubt, match = doubt or match.problems[-1], None
                continue
            if match is not None:
                break
    if match is None:
        return (None, None, True if doubt else None, None, None, None, None,
                doubt or f"not found in the gazetteer: {place or district or governorate}")
    unit = place_by_id(match.id)
    district_id = match.id if match.admin_level == 2 else unit.district_id if unit else None
    governorate_id = match.id if match.admin_level == 1 else unit.governorate_id if unit else None
    return (match.id, match.admin_level, match.ambiguous, district_id, governorate_id,
            match.lat, match.lon, doubt)


def _age(value: str) -> tuple:
    """Age in years (a range), and the sex a word such as "boy" gives."""
    res = normalize_age(value)
    return res.low, res.high, res.sex, res.problem


def _category(normalize: Callable[[str], Any]) -> Callable[[str], tuple]:
    def read(value: str) -> tuple:
        res = normalize(value)
        return res.value, res.problem

    return read


_CATEGORY = {"value": _TEXT, "problem": _TEXT}

#: Every field normalized, in the order of the joins and of the problems they note.
NORMALIZERS: tuple[FieldNormalizer, ...] = (
    FieldNormalizer("nm", "names", ("name",), _name, _NAME_OUTPUTS),
    *(FieldNormalizer(alias, "name parts", (column,), _name_part,
                      {"k": _TEXT, "n": _TEXT, "s": _TEXT},
                      pool="parts")
      for alias, column in (("pg", "given_name"), ("pf", "father_name"),
                            ("pgf", "grandfather_name"), ("pfam", "family_name"),
                            ("pm", "mother_name"))),
    FieldNormalizer("d", "dates", ("date_of_death",), _date,
                    {"start": pa.date32(), "end": pa.date32(), "precision": _TEXT,
                     "problem": _TEXT},
                    context=("date_order",), problem="date_of_death"),
    FieldNormalizer("p", "places", ("place", "district", "governorate"), _place,
                    {"id": _TEXT, "level": pa.int32(), "ambiguous": pa.bool_(),
                     "district_id": _TEXT, "governorate_id": _TEXT, "lat": pa.float64(),
                     "lon": pa.float64(), "problem": _TEXT},
                    problem="place"),
    FieldNormalizer("a", "ages", ("age",), _age,
                    {"low": pa.float64(), "high": pa.float64(), "sex": _TEXT, "problem": _TEXT},
                    problem="age"),
    FieldNormalizer("cs", "sex", ("sex",), _category(normalize_sex), _CATEGORY, problem="sex"),
    FieldNormalizer("cst", "status", ("status",), _category(normalize_status), _CATEGORY,
                    problem="status"),
    FieldNormalizer("cc", "community", ("community",), _category(normalize_community),
                    _CATEGORY, problem="community"),
)


def _register_lookup(con, source: str, members: list[FieldNormalizer]) -> None:
    """Run the normalizer on each distinct value of its columns (pooled across the
    members of a pool) and register the results as the lookup table."""
    first = members[0]
    if first.pool:
        pooled = ", ".join(m.reads[0] for m in members)
        sql = (f"SELECT DISTINCT v FROM (SELECT unnest([{pooled}]) AS v FROM {source}) "
               "WHERE v IS NOT NULL")
    else:
        sql = (f"SELECT DISTINCT {', '.join(first.reads + first.context)} FROM {source} "
               f"WHERE coalesce({', '.join(first.reads)}) IS NOT NULL")
    rows = con.execute(sql).fetchall()
    results = [first.normalize(*row) for row in rows]
    columns = {f"in{i}": pa.array([row[i] for row in rows], _TEXT)
               for i in range(len(first.reads + first.context))}
    for j, (name, dtype) in enumerate(first.outputs.items()):
        values = [r[j] for r in results]
        if name == "problem" and first.problem:
            values = [f"{first.problem}: {v}" if v else None for v in values]
        columns[name] = pa.array(values, dtype)
    con.register(first.table, pa.table(columns))


#: the script of a record's name parts where no full name was given: the one
#: script its parts share, or "mixed"
_PART_SCRIPTS = "coalesce(pg.s, ''), coalesce(pf.s, ''), coalesce(pgf.s, ''), coalesce(pfam.s, '')"
_PARTS_SCRIPT = (f"CASE WHEN coalesce(pg.s, pf.s, pgf.s, pfam.s) IS NULL THEN NULL "
                 f"WHEN 'mixed' IN ({_PART_SCRIPTS}) OR ('arabic' IN ({_PART_SCRIPTS}) "
                 f"AND 'latin' IN ({_PART_SCRIPTS})) THEN 'mixed' "
                 "ELSE coalesce(pg.s, pf.s, pgf.s, pfam.s) END")
#: SQL: the record's given-name column is only the first word of a compound
#: given name that its full name spells out (pg: the column's key, nm: the parse)
_CUT_GIVEN = ("(pg.k IS NOT NULL AND nm.given IS NOT NULL AND pg.k <> nm.given "
              "AND (starts_with(nm.given, pg.k || '_') "
              "OR (pg.k IN ('abd', 'abd_al') AND starts_with(nm.given, 'abd_'))))")


def normalize_table(
    con: duckdb.DuckDBPyConnection,
    source: str,
    target: str,
    *,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Normalize records of relation ``source`` into a new table ``target``.

    ``source`` must have ``record_id``, the interchange fields (name,
    given_name, ..., status) and ``date_order``: how the record's list writes
    numeric dates (``dmy``/``mdy``/``ymd`` from its mapping, or NULL).
    ``source`` and ``target`` are identifiers chosen by Tally, never user text.
    Returns the number of rows written.
    """
    say = progress or (lambda _msg: None)
    lookups: dict[str, list[FieldNormalizer]] = {}
    for normalizer in NORMALIZERS:
        lookups.setdefault(normalizer.table, []).append(normalizer)
    for members in lookups.values():
        say(members[0].label)
        _register_lookup(con, source, members)

    say("joining")
    problems = ", ".join(f"{n.alias}.problem" for n in NORMALIZERS if n.problem)
    joins = "\n        ".join(n.join for n in NORMALIZERS)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {target} AS
        SELECT
            s.record_id,
            -- a list that gives the name in parts only (given, father, family
            -- columns) has the script of its parts: the link tells two names read
            -- from Arabic (exact, up to a typo) from a Latin spelling (which may
            -- blur Samer and Samir) by it
            CASE WHEN nm.unidentified THEN 'none' ELSE coalesce(nm.script, {_PARTS_SCRIPT}) END
                AS name_script,
            -- a given-name column holding only the start of a compound name
            -- ("Abdel" of Abdel Hady, "Shams" of Shams Eddin: a mapping that split
            -- the full name at its first space) yields to the full name's parse
            CASE WHEN {_CUT_GIVEN} THEN nm.given ELSE coalesce(pg.k, nm.given) END AS given_key,
            coalesce(pf.k, nm.father)      AS father_key,
            coalesce(pgf.k, nm.grandfather) AS grandfather_key,
            coalesce(pfam.k, nm.family)    AS family_key,
            pm.k                           AS mother_key,
            CASE WHEN pg.k IS NOT NULL AND NOT {_CUT_GIVEN} THEN pg.n ELSE nm.given_std END
                AS given_std,
            CASE WHEN pf.k IS NOT NULL THEN pf.n ELSE nm.father_std END AS father_std,
            CASE WHEN pfam.k IS NOT NULL THEN pfam.n ELSE nm.family_std END AS family_std,
            coalesce(nm.keys, [])          AS name_keys,
            nm.kunya                       AS kunya_key,
            coalesce(nm.unidentified, false) AS unidentified,
            d.start AS date_start, d."end" AS date_end, d.precision AS date_precision,
            p.id AS place_id, p.level AS place_level, p.ambiguous AS place_ambiguous,
            p.district_id, p.governorate_id, p.lat AS latitude, p.lon AS longitude,
            -- no age but a birth year: the age at death is known to within a year
            CASE WHEN a.low IS NOT NULL THEN a.low
                 WHEN regexp_full_match(trim(s.birth_year), '(19|20)[0-9][0-9]')
                      AND d.start IS NOT NULL
                 THEN greatest(year(d.start) - CAST(trim(s.birth_year) AS INTEGER) - 1, 0)
            END AS age_low,
            CASE WHEN a.low IS NOT NULL THEN a.high
                 WHEN regexp_full_match(trim(s.birth_year), '(19|20)[0-9][0-9]')
                      AND d.start IS NOT NULL
                 THEN greatest(year(d."end") - CAST(trim(s.birth_year) AS INTEGER), 0)
            END AS age_high,
            -- the list's sex column first; then what the age column or the name
            -- itself says ("زوجة X", "son of X", "الشهيدة X": tally.normalize.names)
            coalesce(cs.value, a.sex, nm.sex) AS sex,
            cst.value AS status,
            cc.value AS community,
            list_filter([{problems}], lambda x: x IS NOT NULL) AS problems,
            ? AS normalizer
        FROM {source} s
        {joins}
    """, [normalizer_version()])
    for table in lookups:
        con.unregister(table)
    return int(con.execute(f"SELECT count(*) FROM {target}").fetchall()[0][0])
