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
    sensitive = ["Phone"]         # other columns of the list that are sensitive
                                  # (besides those filling tally.model.SENSITIVE_FIELDS)
    fill_down = ["العائلة"]        # columns written once per block of rows: an empty
                                  # cell takes the value above it (tally.ingest.fill;
                                  # cells merged over rows in an XLSX need nothing)

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
from tally.ingest.checks import CONTROL_CHARACTERS_SQL, value_problem
from tally.ingest.encodings import canonical_encoding
from tally.model import RECORD_FIELDS, SENSITIVE_FIELDS, STORED_FIELD

_OPTION_KEYS = {"encoding", "delimiter", "sheet", "date_order", "required", "header_row",
                "sensitive", "fill_down"}
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
    _check_shape(data, str(path))
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


def _check_shape(data: dict, where: str) -> None:
    """Each section a table, value maps tables of text, constants single values."""
    for section in ("fields", "values", "constants", "options"):
        if not isinstance(data.get(section, {}), dict):
            raise IngestError(
                f"{section} must be a [{section}] table, not {_kind(data[section])}", file=where)
    for name, table in data.get("values", {}).items():
        if not isinstance(table, dict):
            raise IngestError(
                f"[values.{name}] must be a table of \"as written\" = \"value\" pairs, not "
                f"{_kind(table)}", file=where)
        for key, value in table.items():
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise IngestError(
                    f"[values.{name}] {key!r} must map to a text value, not {_kind(value)}",
                    file=where)
    for name, value in data.get("constants", {}).items():
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise IngestError(
                f"[constants] {name} must be a text value, not {_kind(value)}", file=where)


def _kind(value: Any) -> str:
    names = {dict: "a table", list: "a list", str: "text", bool: "true/false", int: "a number",
             float: "a number"}
    return names.get(type(value), type(value).__name__)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _check_value(section: str, name: str, key: str | None, value: str, where: str,
                 date_order: str | None = None) -> None:
    """A value the mapping itself writes must be one the checks accept."""
    at = f"[{section}.{name}] {key!r}" if key is not None else f"[{section}] {name}"
    if _CONTROL.search(value):
        raise IngestError(f"{at}: the value holds control characters", file=where)
    problem = value_problem(name, value, date_order)
    if problem:
        raise IngestError(
            f"{at} = {value!r}: {problem}, so every row it applies to would carry that "
            "problem", file=where)


def _check_options(options: dict, where: str) -> None:
    """Each option of the right type and meaning (TOML gives any type to any key)."""
    for key in ("encoding", "delimiter", "sheet", "date_order"):
        if key in options and not isinstance(options[key], str):
            raise IngestError(
                f"[options] {key} must be text (in quotes), not {_kind(options[key])}", file=where)
    if "encoding" in options:
        try:
            canonical_encoding(options["encoding"])
        except IngestError as exc:
            raise IngestError(f"[options] encoding: {exc.problem}", file=where) from None
    delimiter = options.get("delimiter")
    if delimiter is not None and len(delimiter) != 1 and delimiter not in ("\\t", "tab"):
        raise IngestError(
            f"[options] delimiter must be one character (such as \",\" \";\" \"|\" or "
            f"\"tab\"), not {delimiter!r}", file=where)
    if delimiter is not None and delimiter in ('"', "\r", "\n"):
        raise IngestError(f"[options] delimiter cannot be {delimiter!r}", file=where)
    header_row = options.get("header_row")
    if header_row is not None and (
        not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1
    ):
        raise IngestError("[options] header_row must be a line number from 1", file=where)
    order = options.get("date_order")
    if order is not None and order not in _DATE_ORDERS:
        raise IngestError(f"[options] date_order must be one of {sorted(_DATE_ORDERS)}", file=where)
    required = options.get("required")
    if required is not None and (
        not isinstance(required, list) or not all(isinstance(n, str) for n in required)
    ):
        raise IngestError(
            f"[options] required must be a list of field names, such as required = "
            f"[\"name\"], not {_kind(required)}", file=where)
    for name in required or ():
        if name not in RECORD_FIELDS:
            raise IngestError(f"[options] required: {name!r} is not a field", file=where)
    sensitive = options.get("sensitive")
    if sensitive is not None and (
        not isinstance(sensitive, list) or not all(isinstance(n, str) and n for n in sensitive)
    ):
        raise IngestError(
            f"[options] sensitive must be a list of the list's column names, such as "
            f"sensitive = [\"Phone\"], not {_kind(sensitive)}", file=where)
    fill = options.get("fill_down")
    if fill is not None and (
        not isinstance(fill, list) or not all(isinstance(n, str) and n for n in fill)
    ):
        raise IngestError(
            f"[options] fill_down must be a list of the list's column names, such as "
            f"fill_down = [\"Family\"], not {_kind(fill)}", file=where)


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
        if isinstance(spec, dict) and not isinstance(spec.get("sep", ""), str):
            raise IngestError(f"[fields] {name}: sep must be text", file=where)
        if isinstance(spec, dict) and "join" in spec:
            join = spec["join"]
            if not isinstance(join, list) or not join or not all(isinstance(c, str) for c in join):
                raise IngestError(f"[fields] {name}: join needs a list of columns", file=where)
            continue
        if isinstance(spec, dict) and "split" in spec:
            if not isinstance(spec["split"], str):
                raise IngestError(f"[fields] {name}: split needs one column name", file=where)
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
    _check_options(mapping.options, where)
    for name, value in mapping.constants.items():
        _check_value("constants", name, None, value, where, mapping.options.get("date_order"))
    for name, table in mapping.values.items():
        if name not in mapping.fields and name not in mapping.constants:
            raise IngestError(
                f"[values.{name}] maps values of {name}, which [fields] does not fill", file=where)
        for key, value in table.items():
            _check_value("values", name, key, value, where, mapping.options.get("date_order"))


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
    #: the list's columns holding sensitive values (filling a sensitive field, or
    #: marked ``sensitive`` by the mapping), in the file's order
    sensitive_columns: list[str] = field(default_factory=list)


def _clean(i: int) -> str:
    return f"regexp_replace(c{i}, '{CONTROL_CHARACTERS_SQL}', '', 'g')"


def column_finder(columns: list[str]):
    """A function giving a mapping's column name its index in ``columns`` (None
    where the file lacks it): exactly, else ignoring case and surrounding spaces."""
    index = {c: i for i, c in enumerate(columns)}
    loose = {c.strip().lower(): i for i, c in enumerate(columns)}

    def find(name: str) -> int | None:
        if name in index:
            return index[name]
        return loose.get(name.strip().lower())

    return find


def compile_mapping(mapping: Mapping, columns: list[str], filename: str) -> CompiledMapping:
    """Turn a mapping into SQL over staged columns c0..cN, checking every column exists."""
    find = column_finder(columns)
    sensitive: set[int] = set()

    def col(name: str, field_name: str) -> str:
        # control characters (NUL, ESC...) are removed from the mapped value; the
        # raw value keeps them, and the record's problems say so (checks.py)
        i = find(name)
        if i is not None:
            if field_name in SENSITIVE_FIELDS:
                sensitive.add(i)
            return f"nullif(trim({_clean(i)}), '')"
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
    for name in mapping.options.get("sensitive", ()):
        i = find(name)
        if i is None:
            raise IngestError("the mapping marks sensitive a column the file does not have",
                              file=filename, column=name)
        sensitive.add(i)
    stored = {STORED_FIELD[name]: expr for name, expr in exprs.items()}
    return CompiledMapping(stored, mapping.required, [columns[i] for i in sorted(sensitive)])
