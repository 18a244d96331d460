"""Normalize a whole table of victim records, set-based.

The per-value functions of this package are pure and cached; here each is run
once per DISTINCT raw value of a column (a million records hold far fewer
distinct names, dates and places), the results go to DuckDB as Arrow tables,
and one SQL statement joins them back to the records. Raw values are never
changed; what cannot be normalized stays NULL with a problem note.
"""

from __future__ import annotations

from typing import Callable, Iterable

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
from tally.normalize.places import load_gazetteer, resolve_place
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


def _distinct(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def _register(con, name: str, columns: dict[str, list], types: dict[str, pa.DataType]) -> None:
    table = pa.table({c: pa.array(v, types[c]) for c, v in columns.items()})
    con.register(name, table)


def _name_table(values: Iterable[str]) -> tuple[dict[str, list], dict[str, pa.DataType]]:
    cols: dict[str, list] = {k: [] for k in (
        "v", "script", "given", "father", "grandfather", "family", "kunya", "keys", "unidentified",
        "given_std", "father_std", "family_std")}
    for value in values:
        cols["v"].append(value)
        if is_unidentified(value):
            for k in ("given", "father", "grandfather", "family", "kunya", "given_std",
                      "father_std", "family_std"):
                cols[k].append(None)
            cols["script"].append(None)
            cols["keys"].append([])
            cols["unidentified"].append(True)
            continue
        result = normalize_name(value)
        cols["script"].append(result.script)
        for part in NAME_PARTS:
            cols[part].append(result.part_keys.get(part))
        cols["kunya"].append(result.part_keys.get("kunya"))
        for part in ("given", "father", "family"):
            cols[part + "_std"].append(_part_name(result, part))
        cols["keys"].append(list(result.keys))
        cols["unidentified"].append(False)
    types = {c: pa.string() for c in cols}
    types["keys"] = pa.list_(pa.string())
    types["unidentified"] = pa.bool_()
    return cols, types


def _part_name(result, part: str) -> str | None:
    """The name table's reading of one part (the family name is the last such unit)."""
    unit = result.parts.get(part)
    if unit is None or unit not in result.tokens:
        return None
    positions = [i for i, t in enumerate(result.tokens) if t == unit]
    i = positions[-1] if part == "family" else positions[0]
    return result.names[i] if i < len(result.names) else None


def _std(value: str) -> str | None:
    """The name table's reading of a value a list gave as one name part."""
    if is_unidentified(value):
        return None
    result = normalize_name(value)
    known = [n for n in result.names if n]
    return "_".join(known) if known and len(known) == len(result.names) else None


def _part_key(value: str) -> str | None:
    """Key of a value that a list gave as one name part (may hold several tokens)."""
    if is_unidentified(value):
        return None
    result = normalize_name(value)
    if not result.keys:
        return None
    return "_".join(result.keys) if len(result.keys) > 1 else result.keys[0]


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

    say("names")
    names = [r[0] for r in _distinct(con, f"SELECT DISTINCT name FROM {source} WHERE name IS NOT NULL")]
    cols, types = _name_table(names)
    _register(con, "_norm_names", cols, types)

    parts = [r[0] for r in _distinct(con, f"""
        SELECT DISTINCT v FROM (
            SELECT unnest([given_name, father_name, grandfather_name, family_name, mother_name]) AS v
            FROM {source}) WHERE v IS NOT NULL""")]
    _register(con, "_norm_parts",
              {"v": parts, "k": [_part_key(p) for p in parts], "n": [_std(p) for p in parts]},
              {"v": pa.string(), "k": pa.string(), "n": pa.string()})

    say("dates")
    dates = _distinct(con, f"""SELECT DISTINCT date_of_death, date_order AS ord
                               FROM {source} WHERE date_of_death IS NOT NULL""")
    dcols: dict[str, list] = {"v": [], "ord": [], "start": [], "end": [], "precision": [], "problem": []}
    for value, order in dates:
        res = parse_date(value, order=order)
        dcols["v"].append(value)
        dcols["ord"].append(order)
        dcols["start"].append(res.start)
        dcols["end"].append(res.end)
        dcols["precision"].append(res.precision)
        dcols["problem"].append(f"date_of_death: {res.problem}" if res.problem else None)
    _register(con, "_norm_dates", dcols, {"v": pa.string(), "ord": pa.string(),
              "start": pa.date32(), "end": pa.date32(), "precision": pa.string(),
              "problem": pa.string()})

    say("places")
    gaz = {p.id: p for p in load_gazetteer()}
    places = _distinct(con, f"""SELECT DISTINCT place, district, governorate FROM {source}
                                WHERE coalesce(place, district, governorate) IS NOT NULL""")
    pcols: dict[str, list] = {k: [] for k in ("place", "district", "governorate", "id", "level",
                                                "ambiguous", "district_id", "governorate_id",
                                                "lat", "lon", "problem")}
    for place, district, governorate in places:
        match, doubt = None, None
        for text, level in ((place, None), (district, 2), (governorate, 1)):
            if text:
                match = resolve_place(text, governorate=governorate if level is None else None,
                                      district=district if level is None else None, level=level)
                if match is not None and match.spans_governorates:
                    # same-name places in different governorates: no guess, the coarser columns decide
                    doubt, match = doubt or f"place: {match.problems[-1]}", None
                    continue
                if match is not None:
                    break
        pcols["place"].append(place)
        pcols["district"].append(district)
        pcols["governorate"].append(governorate)
        unit = gaz.get(match.id) if match else None
        pcols["id"].append(match.id if match else None)
        pcols["level"].append(match.admin_level if match else None)
        pcols["ambiguous"].append(match.ambiguous if match else True if doubt else None)
        pcols["district_id"].append(
            (match.id if match.admin_level == 2 else unit.district_id if unit else None)
            if match else None)
        pcols["governorate_id"].append(
            (match.id if match.admin_level == 1 else unit.governorate_id if unit else None)
            if match else None)
        pcols["lat"].append(match.lat if match else None)
        pcols["lon"].append(match.lon if match else None)
        pcols["problem"].append(
            doubt if doubt else None if match else f"place: not found in the gazetteer: {place or district or governorate}")
    ptypes = {k: pa.string() for k in pcols}
    ptypes.update(level=pa.int32(), ambiguous=pa.bool_(), lat=pa.float64(), lon=pa.float64())
    _register(con, "_norm_places", pcols, ptypes)

    say("categories")
    ages = [r[0] for r in _distinct(con, f"SELECT DISTINCT age FROM {source} WHERE age IS NOT NULL")]
    acols: dict[str, list] = {"v": [], "low": [], "high": [], "sex": [], "problem": []}
    for value in ages:
        res = normalize_age(value)
        acols["v"].append(value)
        acols["low"].append(res.low)
        acols["high"].append(res.high)
        acols["sex"].append(res.sex)
        acols["problem"].append(f"age: {res.problem}" if res.problem else None)
    _register(con, "_norm_ages", acols, {"v": pa.string(), "low": pa.float64(),
              "high": pa.float64(), "sex": pa.string(), "problem": pa.string()})

    cat_rows: dict[str, list] = {"field": [], "v": [], "value": [], "problem": []}
    for field_name, fn in (("sex", normalize_sex), ("status", normalize_status),
                           ("community", normalize_community)):
        for (value,) in _distinct(
            con, f"SELECT DISTINCT {field_name} FROM {source} WHERE {field_name} IS NOT NULL"
        ):
            res = fn(value)
            cat_rows["field"].append(field_name)
            cat_rows["v"].append(value)
            cat_rows["value"].append(res.value)
            cat_rows["problem"].append(f"{field_name}: {res.problem}" if res.problem else None)
    _register(con, "_norm_cats", cat_rows, {k: pa.string() for k in cat_rows})

    say("joining")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {target} AS
        SELECT
            s.record_id,
            CASE WHEN nm.unidentified THEN 'none' ELSE nm.script END AS name_script,
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
            coalesce(cs.value, a.sex) AS sex,
            cst.value AS status,
            cc.value AS community,
            list_filter([d.problem, p.problem, a.problem, cs.problem, cst.problem, cc.problem],
                        lambda x: x IS NOT NULL) AS problems,
            ? AS normalizer
        FROM {source} s
        LEFT JOIN _norm_names nm ON nm.v = s.name
        LEFT JOIN _norm_parts pg ON pg.v = s.given_name
        LEFT JOIN _norm_parts pf ON pf.v = s.father_name
        LEFT JOIN _norm_parts pgf ON pgf.v = s.grandfather_name
        LEFT JOIN _norm_parts pfam ON pfam.v = s.family_name
        LEFT JOIN _norm_parts pm ON pm.v = s.mother_name
        LEFT JOIN _norm_dates d ON d.v = s.date_of_death
             AND d.ord IS NOT DISTINCT FROM s.date_order
        LEFT JOIN _norm_places p ON p.place IS NOT DISTINCT FROM s.place
             AND p.district IS NOT DISTINCT FROM s.district
             AND p.governorate IS NOT DISTINCT FROM s.governorate
        LEFT JOIN _norm_ages a ON a.v = s.age
        LEFT JOIN _norm_cats cs ON cs.field = 'sex' AND cs.v = s.sex
        LEFT JOIN _norm_cats cst ON cst.field = 'status' AND cst.v = s.status
        LEFT JOIN _norm_cats cc ON cc.field = 'community' AND cc.v = s.community
    """, [normalizer_version()])
    for name in ("_norm_names", "_norm_parts", "_norm_dates", "_norm_places", "_norm_ages",
                 "_norm_cats"):
        con.unregister(name)
    return int(con.execute(f"SELECT count(*) FROM {target}").fetchall()[0][0])
