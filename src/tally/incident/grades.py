"""Grade each alleged perpetrator of an incident from the evidence naming it.

Grades, strongest reading first (the same rules for every actor):

    acknowledged    the alleged perpetrator itself claimed or acknowledged it
    contested       the accused denies it, or an independent origin names other
                    perpetrators and not this one
    corroborated    two or more independent origins name it
    single_source   one origin names it

Independence: two evidence items share an origin when they come from the same
source (``source_id``, or a source whose name is the other's cited source) or
cite the same origin ("according to SOHR" in two outlets counts once). Origins
are the connected groups of that relation, so a chain of quoting collapses to
one. Items without a named perpetrator (unidentified gunmen, nobody named) are
ignored; an origin naming only such actors contests nobody.

Actors are compared through the shipped actor table
(:mod:`tally.normalize.actors`): "the Syrian Democratic Forces" and "قسد" are one
actor, so two origins naming it under either name corroborate. A name the table
does not know is compared as written (case, articles, spacing and punctuation
aside). Where the table makes one actor a named component of another (General
Security of government forces), naming the component also names the whole, and
an origin naming one of them never contests the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tally.disjoint_set import DisjointSet
from tally.normalize.actors import actor_by_id, actor_lineage, actors_in, match_actor

GRADES = ("acknowledged", "contested", "corroborated", "single_source")

#: stance of an evidence item towards its named perpetrator
STANCES = ("accuses", "denies", "acknowledges")

_NO_ACTOR = ("unidentified", "unknown")
#: names the actor table does not know that still name nobody, as lists write them
_NOBODY = frozenset({"unknown", "not known", "unidentified", "none", "n/a", "na", "-", "?", "unclear",
                     "غير معروف", "مجهول", "غير محدد", "explosive remnants of war", "مخلفات حرب"})
_UNNAMED = re.compile(r"\b(?:unidentified|unknown|masked|anonymous)\b|^(?:armed\s+)?gunmen$|مجهول")
_ARTICLE = re.compile(r"^(?:the|al)[\s-]+", re.IGNORECASE)


def _norm(name: str) -> str:
    t = re.sub(r"[\s\u200f\u200e]+", " ", name.strip().casefold())
    t = re.sub(r"[.,;:'’\"()]+", "", t)
    return _ARTICLE.sub("", t).strip()


def actor_key(name: str | None) -> str | None:
    """An alleged perpetrator's comparable form: the actor table's id, else the name folded.

    >>> actor_key("the Syrian Democratic Forces"), actor_key("قسد"), actor_key("Faction X")
    ('sdf', 'sdf', 'faction x')
    """
    if not name:
        return None
    actor = match_actor(name)
    return actor.id if actor else (_norm(name) or None)


def source_key(name: str | None) -> str | None:
    """A source's or cited source's comparable form: only a whole name is read as an actor.

    ("Israel Hayom" is an outlet, not Israeli forces; "the SDF" quoted as source is the SDF.)
    """
    if not name:
        return None
    actor = match_actor(name, inside=False)
    return actor.id if actor else (_norm(name) or None)


def _lineage(key: str) -> tuple[str, ...]:
    """The key and the larger actors it is part of (only the key when the table does not know it)."""
    return actor_lineage(key) or (key,)


def _related(a: str, b: str) -> bool:
    return a in _lineage(b) or b in _lineage(a)


@dataclass(frozen=True)
class Evidence:
    """One statement about who did it: a claim's attribution or a record's alleged perpetrator."""

    evidence_id: str
    source_id: str
    perpetrator: str | None
    cited_source: str | None = None
    strength: str = "asserted"       # the extractor's attribution strength
    stance: str = "accuses"          # accuses | denies | acknowledges
    source_name: str | None = None   # lets "according to SOHR" meet source 'sohr' named "SOHR"

    @property
    def names_actor(self) -> bool:
        if self.strength in _NO_ACTOR or not self.perpetrator:
            return False
        actor = match_actor(self.perpetrator)
        if actor is not None:
            return actor.names_someone
        k = _norm(self.perpetrator)
        return bool(k) and k not in _NOBODY and not _UNNAMED.search(k)


@dataclass(frozen=True)
class Grade:
    perpetrator: str                 # the actor table's display name, else the name as first given
    key: str                         # the actor table's id, else the name folded
    grade: str
    origins: int                     # independent origins naming it
    evidence_ids: tuple[str, ...] = field(default_factory=tuple)
    contested_by: tuple[str, ...] = field(default_factory=tuple)  # evidence naming others / denying


def origins(items: list[Evidence]) -> list[int]:
    """For each item, the index of its origin group (items quoting one another share one):
    the group's lowest item index."""
    sets = DisjointSet(len(items))
    owner: dict[tuple[str, str], int] = {}
    for i, e in enumerate(items):
        keys = [("src", e.source_id)]
        for name in (e.source_name, e.source_id, e.cited_source):
            k = source_key(name)
            if k:
                keys.append(("name", k))
        for k in keys:
            if k in owner:
                sets.union(owner[k], i)
            else:
                owner[k] = i
    return sets.labels()


def grade_perpetrators(items: list[Evidence]) -> list[Grade]:
    """The grade of every perpetrator named in one incident's evidence, most cited first."""
    items = list(items)
    org = origins(items)
    named: dict[str, list[int]] = {}
    first_name: dict[str, str] = {}
    for i, e in enumerate(items):
        if e.names_actor:
            k = actor_key(e.perpetrator)
            named.setdefault(k, []).append(i)
            if k not in first_name or _norm(e.perpetrator) == k != _norm(first_name[k]):
                first_name[k] = e.perpetrator.strip()  # prefer the name the key is written in
    # who each origin accuses (denials and acknowledgements are about the named actor too)
    accuses: dict[int, set[str]] = {}
    for k, idx in named.items():
        for i in idx:
            accuses.setdefault(org[i], set()).add(k)
    out = []
    for k in named:
        # naming a component of k (General Security of government forces) names k too
        idx = sorted(i for j, ids in named.items() if k in _lineage(j) for i in ids)
        own = [items[i] for i in idx]
        n_origins = len({org[i] for i in idx})
        ack = [e for e in own if e.stance == "acknowledges" or source_key(e.cited_source) == k
               and e.stance != "denies" and e.strength != "contested"]
        denial = [e for e in own if e.stance == "denies" or e.strength == "contested"]
        rival_origins = {o for o, ks in accuses.items() if not any(_related(k, j) for j in ks)}
        rivals = [items[i].evidence_id for i in range(len(items))
                  if org[i] in rival_origins and items[i].names_actor]
        if ack:
            grade = "acknowledged"
        elif denial or rivals:
            grade = "contested"
        elif n_origins >= 2:
            grade = "corroborated"
        else:
            grade = "single_source"
        actor = actor_by_id(k)
        out.append(Grade(actor.name if actor else first_name[k], k, grade, n_origins,
                         tuple(e.evidence_id for e in own),
                         tuple([e.evidence_id for e in denial] + rivals)))
    out.sort(key=lambda g: (-g.origins, -len(g.evidence_ids), g.key))
    return out


_ACK = re.compile(r"\b(claimed|claims|claiming|acknowledged|acknowledges|admitted|admits)\s+"
                  r"(?:full\s+)?(?:responsibility|involvement|carrying\s+out)", re.IGNORECASE)


def stance_of(perpetrator: str | None, strength: str | None, evidence_text: str | None,
              cited_source: str | None) -> str:
    """A claim's stance from its extracted attribution: denial, the actor's own claim, or accusation."""
    if strength == "contested":
        return "denies"
    k = actor_key(perpetrator)
    if k and source_key(cited_source) == k:
        return "acknowledges"
    if k and evidence_text:
        m = _ACK.search(evidence_text)
        subject = evidence_text[:m.start()] if m else ""
        if m and (k in actors_in(subject) or k in _norm(subject)) and not re.search(
                r"\b(?:no|none|nobody|not)\b[^.]{0,30}$", subject, re.IGNORECASE):
            return "acknowledges"
    return "accuses"
