"""Checks on mapped values that flag, never refuse.

A value that looks wrong (an age that is no number, range or known word; a
date in no known shape) keeps its raw form and gets a problem note on the
record: casualty lists are messy and a typo must not cost a victim their
place in the count. Rows that cannot become records at all are decided in
:mod:`tally.ingest.pipeline` (quarantine).
"""

from __future__ import annotations

import re

from tally.model import CONSENT_PURPOSES, SEX_VALUES, STATUS_VALUES
from tally.normalize.dates import numeric_date_regex

_DIGIT = "[0-9٠-٩۰-۹]"
_AGE = (
    f"^({_DIGIT}{{1,3}}(\\.{_DIGIT}+)?|{_DIGIT}{{1,3}}\\s*[-–/]\\s*{_DIGIT}{{1,3}}"
    "|child|adult|elderly|infant|baby|teen|teenager|youth|old|minor)$"
)
_DATE_ONE = f"{_DIGIT}{{4}}(-{_DIGIT}{{1,2}}(-{_DIGIT}{{1,2}})?)?"
_DATE = f"^{_DATE_ONE}(/{_DATE_ONE})?$"
_YEAR = f"^{_DIGIT}{{4}}$"
_BIRTH = f"^({_DATE_ONE}|{_DIGIT}{{8}})$"
_PURPOSE = "(" + "|".join(CONSENT_PURPOSES) + ")"
_CONSENT = f"^(none|{_PURPOSE}([ ,;]+{_PURPOSE})*)$"

#: Fields whose values must match a pattern (tested on the lower-cased value).
_PATTERNS: dict[str, str] = {
    "age": _AGE, "date_of_death": _DATE, "birth_year": _YEAR, "birth_date": _BIRTH,
    "consent": _CONSENT,
}
#: Fields with a closed vocabulary.
_VOCABULARY: dict[str, tuple[str, ...]] = {"sex": SEX_VALUES, "status": STATUS_VALUES}

_NOTES: dict[str, str] = {
    "age": "age is not a number, a range or a known word",
    "date_of_death": "date_of_death is not YYYY-MM-DD, YYYY-MM, YYYY or a start/end range",
    "birth_year": "birth_year is not a four-digit year",
    "birth_date": "birth_date is not YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYY",
    "consent": "consent is not a list of " + ", ".join(CONSENT_PURPOSES) + " (or none)",
    "sex": "sex is not male, female or unknown",
    "status": "status is not civilian, combatant or unknown",
}

# (field, SQL condition that is TRUE when the value is suspect, note)
_RULES: tuple[tuple[str, str, str], ...] = tuple(
    (name, f"NOT regexp_matches(lower({name}), '{pattern}')", _NOTES[name])
    for name, pattern in _PATTERNS.items()
) + tuple(
    (name, f"lower({name}) NOT IN (" + ", ".join(f"'{v}'" for v in values) + ")", _NOTES[name])
    for name, values in _VOCABULARY.items()
)


def value_problem(field: str, value: str, date_order: str | None = None) -> str | None:
    """The note :func:`problems_sql` would give ``value`` in ``field``, or None.

    Used to refuse a mapping whose value map or constant writes a value that
    every row would then carry as a problem.
    """
    text = value.strip().lower()
    pattern = (_declared_date(date_order) if field == "date_of_death" and date_order
               else _PATTERNS.get(field))
    if pattern and not re.fullmatch(pattern, text):
        return _NOTES[field]
    if field in _VOCABULARY and text not in _VOCABULARY[field]:
        return _NOTES[field]
    return None


#: C0 control characters but tab, newline and carriage return (which a quoted
#: cell may hold), and DEL, as a regex class for DuckDB (RE2).
CONTROL_CHARACTERS_SQL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# The same characters in the raw JSON of a row: escaped as \u00XX, \b or \f
# (after an even run of backslashes, so a typed "\u0000" is not one), DEL as is.
_CONTROL_IN_RAW = (
    r"(^|[^\\])(\\\\)*\\(u00(0[0-8bBcCeEfF]|1[0-9a-fA-F])|[bf])|\x7f"
)
CONTROL_NOTE = "control characters (such as NUL or ESC) removed from the values as received"


def _declared_date(date_order: str) -> str:
    """A date of death as ISO, or as one numeric date in the order the mapping declares."""
    return f"^({_DATE_ONE}(/{_DATE_ONE})?|{numeric_date_regex(date_order)})$"


def problems_sql(date_order: str | None = None) -> str:
    """A SQL expression (over mapped columns and ``raw``) giving the problem notes.

    A NUL or a terminal escape in a name is no letter of it: the mapped values
    lose them (see :func:`tally.ingest.mapping.compile_mapping`), the raw values
    keep them, and the record carries :data:`CONTROL_NOTE`. With the mapping's
    ``date_order``, a date written in that order (06/03/2025 under ``dmy``) is the
    list's declared shape, not a problem: normalize reads it as that day.
    """
    rules = _RULES if not date_order else tuple(
        (column, f"NOT regexp_matches(lower({column}), '{_declared_date(date_order)}')", note)
        if column == "date_of_death" else (column, condition, note)
        for column, condition, note in _RULES
    )
    items = ", ".join(
        f"CASE WHEN {column} IS NOT NULL AND {condition} THEN '{note}' END"
        for column, condition, note in rules
    )
    items += f", CASE WHEN regexp_matches(raw, '{_CONTROL_IN_RAW}') THEN '{CONTROL_NOTE}' END"
    return f"list_filter([{items}], lambda x: x IS NOT NULL)"
