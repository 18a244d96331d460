"""Alleged perpetrators: free text → one actor of the shipped table, or as written.

The table (``tally/data/actors/actors.toml``, its origin noted there) gives each
armed actor relevant to Syria since December 2024 a stable ``id``, a neutral
display name in English and Arabic, a ``kind`` and, where an actor is a named
component of a larger one, ``part_of``. Every actor is entered under the same
rules; the table maps names, it finds no one responsible.

    >>> normalize_actor("قسد").id, normalize_actor("the Syrian Democratic Forces").id
    ('sdf', 'sdf')
    >>> m = normalize_actor("Kata'ib Example")   # not in the table: kept as written
    >>> (m.id, m.label)
    (None, "Kata'ib Example")

A text is matched when its comparable form equals a spelling of the table, or
when the spellings found inside it (longest first, ``aliases`` only) name one
actor: a component beats the larger actor it is part of ("General Security
forces" → general security), a named actor beats "gunmen", and two different
actors ("SDF and tribal fighters") leave the text unmatched rather than pick one.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tally.normalize._text import clean_arabic, fold_arabic, fold_latin, has_arabic

__all__ = ["Actor", "ActorMatch", "actor_by_id", "actor_lineage", "actor_table_version",
           "actors_in", "load_actors", "match_actor", "normalize_actor"]

KINDS = ("state_force", "foreign_force", "armed_group", "unidentified", "no_actor")
#: kinds that name nobody: they never corroborate or contest an attribution
NOBODY_KINDS = frozenset({"unidentified", "no_actor"})
#: the actor of a text that names no perpetrator ("unknown", "-", "?")
NOT_KNOWN = "not known"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    name_ar: str
    kind: str
    part_of: str | None = None
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    note: str = ""

    @property
    def names_someone(self) -> bool:
        return self.kind not in NOBODY_KINDS


@dataclass(frozen=True)
class ActorMatch:
    """A text read as an alleged perpetrator: the actor it names, or none."""

    written: str               # the text, spacing tidied, otherwise as given
    actor: Actor | None

    @property
    def id(self) -> str | None:
        return self.actor.id if self.actor else None

    @property
    def label(self) -> str:
        """What to show: the actor's display name, else the text as written."""
        return self.actor.name if self.actor else self.written

    @property
    def names_someone(self) -> bool:
        """False for unidentified gunmen, 'unknown', explosive remnants: nobody is named."""
        return self.actor.names_someone if self.actor else bool(self.written)


_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]|_")
_DROP_LATIN = frozenset({"the", "al", "el", "of", "a", "an"})


def _token_arabic(t: str) -> str:
    t = fold_arabic(t)
    for prefix in ("وال", "بال", "لل", "ال"):
        if t.startswith(prefix) and len(t) - len(prefix) >= 2:
            t = t[len(prefix):]
            break
    return t


def _token_latin(t: str) -> str:
    if len(t) > 3 and t.endswith("s") and not t.endswith("ss"):
        t = t[:-1]
    return t


def actor_tokens(text: str) -> tuple[str, ...]:
    """The comparable form of a name: tokens with case, accents, articles, plurals folded.

    >>> actor_tokens("Hay'at Tahrir al-Sham"), actor_tokens("الأمن العام")
    (('hayat', 'tahrir', 'sham'), ('امن', 'عام'))
    """
    text = _WS.sub(" ", text or "").strip()
    if has_arabic(text):
        text = clean_arabic(text)
    text = fold_latin(text.replace("-", " "))
    text = _PUNCT.sub(" ", text)
    out = []
    for t in text.split():
        if has_arabic(t):
            out.append(_token_arabic(t))
        elif t not in _DROP_LATIN:
            out.append(_token_latin(t))
    return tuple(t for t in out if t)


class _Table:
    def __init__(self, actors: tuple[Actor, ...]) -> None:
        self.by_id = {a.id: a for a in actors}
        self.exact: dict[tuple[str, ...], str] = {}
        self.inner: dict[tuple[str, ...], str] = {}   # spellings also found inside a text
        for a in actors:
            for spelling in (a.name, a.name_ar, a.id, *a.aliases, *a.exact):
                key = actor_tokens(spelling)
                if not key:
                    continue
                other = self.exact.setdefault(key, a.id)
                if other != a.id:
                    raise ValueError(f"actor table: {spelling!r} names both {other!r} and {a.id!r}")
            for spelling in a.aliases:
                self.inner[actor_tokens(spelling)] = a.id
        self.longest = max(map(len, self.inner), default=0)

    def lineage(self, actor_id: str) -> tuple[str, ...]:
        out = []
        while actor_id and actor_id not in out:
            out.append(actor_id)
            actor_id = self.by_id[actor_id].part_of
        return tuple(out)

    def match(self, key: tuple[str, ...], inside: bool = True) -> str | None:
        if key in self.exact:
            return self.exact[key]
        if not inside:
            return None
        ids = self.found(key)
        if any(self.by_id[i].names_someone for i in ids):
            ids = {i for i in ids if self.by_id[i].names_someone}
        # a component beats the larger actor it belongs to
        ids = {i for i in ids if not any(i in self.lineage(j)[1:] for j in ids)}
        return ids.pop() if len(ids) == 1 else None

    def found(self, key: tuple[str, ...]) -> set[str]:
        """Actors spelled inside ``key`` (longest spellings first, no overlaps)."""
        taken = [False] * len(key)
        found: list[str] = []
        for n in range(min(self.longest, len(key)), 0, -1):   # longest spellings first
            for i in range(len(key) - n + 1):
                actor = self.inner.get(key[i:i + n])
                if actor and not any(taken[i:i + n]):
                    taken[i:i + n] = [True] * n
                    found.append(actor)
        return set(found)


def _read_table() -> tuple[bytes, tuple[Actor, ...]]:
    data = resources.files("tally.data").joinpath("actors", "actors.toml").read_bytes()
    actors = []
    for row in tomllib.loads(data.decode("utf-8"))["actor"]:
        if row["kind"] not in KINDS:
            raise ValueError(f"actor table: {row['id']!r} has kind {row['kind']!r}")
        actors.append(Actor(row["id"], row["name"], row["name_ar"], row["kind"],
                            row.get("part_of"), tuple(row.get("aliases", ())),
                            tuple(row.get("exact", ())), row.get("note", "")))
    ids = {a.id for a in actors}
    for a in actors:
        if a.part_of and a.part_of not in ids:
            raise ValueError(f"actor table: {a.id!r} is part of unknown {a.part_of!r}")
    return data, tuple(actors)


@lru_cache(maxsize=1)
def _table() -> _Table:
    return _Table(_read_table()[1])


@lru_cache(maxsize=1)
def load_actors() -> tuple[Actor, ...]:
    """Every actor of the shipped table, in the table's order."""
    return _read_table()[1]


@lru_cache(maxsize=1)
def actor_table_version() -> str:
    """First 12 hex of the table's SHA-256: record it beside anything grouped by actor."""
    return hashlib.sha256(_read_table()[0]).hexdigest()[:12]


def actor_by_id(actor_id: str | None) -> Actor | None:
    return _table().by_id.get(actor_id) if actor_id else None


def actor_lineage(actor_id: str) -> tuple[str, ...]:
    """The actor and every larger actor it is part of, nearest first."""
    return _table().lineage(actor_id) if actor_id in _table().by_id else ()


@lru_cache(maxsize=65536)
def match_actor(text: str | None, inside: bool = True) -> Actor | None:
    """The actor ``text`` names, or None (not in the table, or several actors named).

    ``inside=False`` matches the whole text only (for names of sources, where
    "Israel Hayom" must not read as Israeli forces). Text without a letter
    ("-", "?") is the table's ``not known``; empty text is None.
    """
    if not text or not text.strip():
        return None
    key = actor_tokens(text)
    table = _table()
    actor_id = table.match(key, inside) if key else NOT_KNOWN
    return table.by_id.get(actor_id) if actor_id else None


def actors_in(text: str | None) -> set[str]:
    """Ids of every actor spelled inside ``text`` (whole-text spellings included)."""
    key = actor_tokens(text or "")
    table = _table()
    return ({table.exact[key]} if key in table.exact else set()) | table.found(key)


def normalize_actor(text: str | None) -> ActorMatch:
    """``text`` as an alleged perpetrator: its actor where the table knows it, else as written."""
    written = _WS.sub(" ", text or "").strip()
    return ActorMatch(written, match_actor(written) if written else None)
