"""Mapping files: how a list's own columns become victim record fields.

A mapping is a small TOML file kept with the document it was used for::

    [options]
    encoding = "windows-1256"     # optional; detected otherwise
    delimiter = ";"               # optional; detected otherwise
    sheet = "Victims"             # optional; spreadsheets only
    header_row = 3                # optional; where the header is (title rows above
                                  # it are otherwise recognised by themselves)
    date_order = "dmy"            # how numeric dates are written (for normalize)
    required = ["name"]           # rows missing one of these go to quarantine

    [fields]
    record_id = "رقم"                               # one column
    place = ["القرية", "المدينة"]                  # first non-empty of several
    name = { join = ["الاسم", "اسم الأب", "الكنية"], sep = " " }
    given_name = { split = "Full name", part = 1 }  # whitespace-separated token 1
    family_name = { split = "Full name", part = "3:" }  # tokens 3 to the end

    [values.sex]                 # value maps, matched after trimming, any case
    "ذكر" = "male"
    "انثى" = "female"

    [constants]
    status = "civilian"          # the same value for every row

A list already in the interchange format needs no mapping: its columns are
matched to the fields by name.

Mappings compile to SQL expressions over the staged columns ``c0 .. cN``;
column names never enter SQL text, values are bound as parameters.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tally.errors import IngestError
from tally.model import RECORD_FIELDS, STORED_FIELD

_OPTION_KEYS = {"encoding", "delimiter", "sheet", "date_order", "required", "header_row"}
_DATE_ORDERS = {"dmy", "mdy", "ymd"}
_SPLIT_PART = re.compile(r"^(\d+)(:(\d*))?$")


@dataclass
class Mapping:
    """A parsed mapping file (or the implicit mapping of an interchange list)."""

    fields: dict[str, Any] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    origin: str = "interchange columns"

    @property
    def required(self) -> list[str]:
        return list(self.options.get("required", []))


def load_mapping(path: str | os.PathLike) -> Mapping:
    """Read and check a mapping file; errors name the file and the key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise IngestError("mapping file not found", file=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(f"not a valid TOML mapping: {exc}", file=str(path)) from None
    unknown = set(data) - {"fields", "values", "constants", "options"}
    if unknown:
        raise IngestError(f"unknown section(s) {sorted(unknown)}", file=str(path))
    mapping = Mapping(
        fields=dict(data.get("fields", {})),
        values={k: {str(a): str(b) for a, b in v.items()} for k, v in data.get("values", {}).items()},
        constants={k: str(v) for k, v in data.get("constants", {}).items()},
        options=dict(data.get("options", {})),
        text=text,
        origin=str(path),
    )
    _check(mapping, str(path))
    return mapping


def _check(mapping: Mapping, where: str) -> None:
    for section in ("fields", "values", "constants"):
        for name in getattr(mapping, section):
            if name not in RECORD_FIELDS:
                raise IngestError(
                    f"[{section}] {name!r} is not a victim record field "
                    f"({', '.join(RECORD_FIELDS)})",
                    file=where,
                )
    for name, spec in mapping.fields.items():
        if isinstance(spec, str):
            continue
        if isinstance(spec, list) and spec and all(isinstance(c, str) for c in spec):
            continue
        if isinstance(spec, dict) and "join" in spec:
            if not isinstance(spec["join"], list) or not spec["join"]:
                raise IngestError(f"[fields] {name}: join needs a list of columns", file=where)
            continue
        if isinstance(spec, dict) and "split" in spec:
            if not _SPLIT_PART.match(str(spec.get("part", ""))):
                raise IngestError(
                    f"[fields] {name}: split needs part = N or \"N:\" or \"N:M\"", file=where
                )
            continue
        raise IngestError(
            f"[fields] {name}: use a column name, a list of columns, "
            "{join = [...]} or {split = ..., part = ...}",
            file=where,
        )
    unknown = set(mapping.options) - _OPTION_KEYS
    if unknown:
        raise IngestError(f"[options] unknown key(s) {sorted(unknown)}", file=where)
    header_row = mapping.options.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise IngestError("[options] header_row must be a line number from 1", file=where)
    order = mapping.options.get("date_order")
    if order is not None and order not in _DATE_ORDERS:
        raise IngestError(f"[options] date_order must be one of {sorted(_DATE_ORDERS)}", file=where)
    for name in mapping.required:
        if name not in RECORD_FIELDS:
            raise IngestError(f"[options] required: {name!r} is not a field", file=where)


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def interchange_mapping(columns: list[str], filename: str) -> Mapping:
    """The implicit mapping of a list whose headers are interchange field names."""
    by_key = {_header_key(c): c for c in columns}
    fields = {f: by_key[f] for f in RECORD_FIELDS if f in by_key}
    if not fields:
        raise IngestError(
            "no column matches a victim record field "
            f"(columns: {', '.join(columns[:12])}{'…' if len(columns) > 12 else ''}); "
            "give a mapping with --mapping MAP.toml",
            file=filename,
        )
    return Mapping(fields=fields)


@dataclass
class CompiledMapping:
    """SQL for each stored field, with the parameters it binds, in order."""

    expressions: dict[str, tuple[str, list[Any]]]
    required: list[str]


def compile_mapping(mapping: Mapping, columns: list[str], filename: str) -> CompiledMapping:
    """Turn a mapping into SQL over staged columns c0..cN, checking every column exists."""
    index = {c: i for i, c in enumerate(columns)}
    # Headers are also matched ignoring case and surrounding spaces.
    loose = {c.strip().lower(): i for i, c in enumerate(columns)}

    def col(name: str, field_name: str) -> str:
        if name in index:
            return f"nullif(trim(c{index[name]}), '')"
        if name.strip().lower() in loose:
            return f"nullif(trim(c{loose[name.strip().lower()]}), '')"
        raise IngestError(
            f"mapping for {field_name!r} names a column the file does not have",
            file=filename,
            column=name,
        )

    exprs: dict[str, tuple[str, list[Any]]] = {}
    for name, spec in mapping.fields.items():
        params: list[Any] = []
        if isinstance(spec, str):
            sql = col(spec, name)
        elif isinstance(spec, list):
            sql = "coalesce(" + ", ".join(col(c, name) for c in spec) + ")"
        elif "join" in spec:
            sep = str(spec.get("sep", " "))
            parts = ", ".join(col(c, name) for c in spec["join"])
            sql = f"nullif(concat_ws(?, {parts}), '')"
            params.append(sep)
        else:
            source = col(spec["split"], name)
            sep = spec.get("sep")
            if sep is None:  # any run of whitespace separates tokens
                tokens = f"string_split(regexp_replace({source}, '\\s+', ' ', 'g'), ' ')"
                joiner = "' '"
            else:
                tokens, joiner = f"string_split({source}, ?)", "?"
                params += [str(sep)]
            start, has_slice, end_ = _SPLIT_PART.match(str(spec["part"])).groups()
            if not has_slice:
                sql = f"nullif(trim(({tokens})[{int(start)}]), '')"
            else:
                sql = (
                    f"nullif(trim(array_to_string(({tokens})[{int(start)}:{end_ or ''}], "
                    f"{joiner})), '')"
                )
                if sep is not None:
                    params += [str(sep)]
        exprs[name] = (sql, params)
    for name, value in mapping.constants.items():
        if name in exprs:
            exprs[name] = (f"coalesce({exprs[name][0]}, ?)", [*exprs[name][1], value])
        else:
            exprs[name] = ("CAST(? AS VARCHAR)", [value])
    for name, table in mapping.values.items():
        if name not in exprs or not table:
            continue
        base_sql, base_params = exprs[name]
        whens = " ".join("WHEN ? THEN ?" for _ in table)
        params = [*base_params]
        for key, value in table.items():
            params += [key.strip().lower(), value]
        params += base_params
        exprs[name] = (f"CASE lower({base_sql}) {whens} ELSE {base_sql} END", params)
    stored = {STORED_FIELD[name]: expr for name, expr in exprs.items()}
    return CompiledMapping(stored, mapping.required)
