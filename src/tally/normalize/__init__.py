"""Normalization: raw names, dates, places and categories → comparable values.

Every function here is pure and works on one value, so callers can run it on
the distinct values of a column and join back. Raw values are never changed:
results carry what was recognized and, where something could not be, a
``problem`` note instead of an exception.

    from tally.normalize import normalize_name, parse_date, resolve_place

Per value (pure, cached; call them on the distinct values of a column):

- ``normalize_name(text) -> NameResult``: ``parts`` (given, father, grandfather,
  family, kunya, title), ``part_keys``, ``tokens``, ``keys`` (cross-script
  skeleton keys, e.g. ``mhmd``), ``names`` (readable table names, e.g.
  ``muhammad``, or None), ``script``, ``problems``.
- ``parse_date(text, reference=None, order=None) -> DateResult``: ``start``,
  ``end``, ``precision`` (day/month/year/range), ``problem``.
- ``resolve_place(text, governorate=None, district=None, level=None) ->
  PlaceMatch | None``: ``id`` (p-code where one exists), ``name_en``,
  ``name_ar``, ``admin_level``, ``parents``, ``governorate``, ``district``,
  ``lat``/``lon``, ``ambiguous``, ``candidates``.
- ``normalize_actor(text) -> ActorMatch``: ``id`` of the alleged perpetrator in the
  shipped actor table (or None: kept as ``written``), ``label`` to show,
  ``names_someone`` (False for unidentified gunmen, "unknown").
- ``normalize_age`` → ``AgeResult(low, high, age_class, sex, problem)``;
  ``normalize_sex`` / ``normalize_status`` / ``normalize_community`` →
  ``CategoryResult(value, problem)``.

Tables: ``load_actors()``, ``load_name_table()``, ``select_names(kind=, gender=, community=)``,
``load_gazetteer()``; ``token_frequencies(names)`` pools spellings on keys;
``normalizer_version()`` names the rules and tables that produced a value.
"""

from tally.normalize.actors import Actor, ActorMatch, load_actors, match_actor, normalize_actor
from tally.normalize.categories import (
    AgeResult,
    CategoryResult,
    normalize_age,
    normalize_community,
    normalize_sex,
    normalize_status,
)
from tally.normalize.dates import DateResult, parse_date
from tally.normalize.names import (
    NameEntry,
    NameResult,
    load_name_table,
    name_keys,
    normalize_name,
    select_names,
    token_frequencies,
    token_key,
)
from tally.normalize.places import Place, PlaceMatch, load_gazetteer, resolve_place
from tally.normalize.version import RULES_VERSION, normalizer_version

__all__ = [
    "Actor",
    "ActorMatch",
    "AgeResult",
    "CategoryResult",
    "DateResult",
    "NameEntry",
    "NameResult",
    "Place",
    "PlaceMatch",
    "RULES_VERSION",
    "load_actors",
    "load_gazetteer",
    "load_name_table",
    "match_actor",
    "name_keys",
    "normalize_actor",
    "normalize_age",
    "normalize_community",
    "normalize_name",
    "normalize_sex",
    "normalize_status",
    "normalizer_version",
    "parse_date",
    "resolve_place",
    "select_names",
    "token_frequencies",
    "token_key",
]
