"""Clustering pairwise match edges into persons, under constraints.

Plain connected components let one wrong edge chain two families together,
and let transitivity merge two people a list itself records as different.
Here edges are taken strongest first and two clusters merge only if:

* no reviewer said "no match" for any pair across them (cannot-link),
* no pair across them was scored as clearly two people (``distinct``: below
  ``LinkSettings.conflict_probability``), so a chain of links cannot join two
  records that, compared directly, differ in age, sex or name, and
* for every document present in both, each cross pair from that document was
  itself predicted a match: a list rarely names one person twice, so two of its
  rows join one person only on their own evidence, never by transitivity.

Reviewers' "match" verdicts are applied first and always hold.

Unidentified bodies (``attach``) take no part in that agglomeration: with no
name, a body could bridge any two victims of its day and village. Afterwards
each joins the one person it matches best, only if that match reaches the
threshold and no other person is a plausible candidate at all (the second best
is below ``attach_rival``): "the unidentified man of about 40 found in the
village that day" is linked when one named victim fits him, and left alone
(for a reviewer) when two do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np


@dataclass
class Clustering:
    """``cluster_of[i]`` is the cluster of ``ids[i]``; clusters are named by a member id."""

    ids: list[str]
    cluster_of: list[str]
    best_weight: list[float | None]  # strongest accepted edge touching the record
    blocked_merges: int  # merges refused by a constraint
    conflicts: list[tuple[str, str]]  # must-link verdicts that contradict cannot-links


def cluster_records(
    ids: Sequence[str],
    documents: Sequence[str],
    edges: Iterable[tuple[str, str, float]],
    *,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    attach: Iterable[str] = (),
    attach_edges: Iterable[tuple[str, str, float, float]] = (),
    attach_threshold: float = 1.0,
    attach_rival: float = 0.0,
    doubtful_edges: Iterable[tuple[str, str, float, float]] = (),
    doubtful_threshold: float = 1.0,
    distinct: Iterable[tuple[str, str]] = (),
) -> Clustering:
    """Greedy constrained agglomeration of ``edges`` (id_l, id_r, match_weight).

    ``attach_edges`` (id_l, id_r, match_weight, match_probability) are every
    scored pair touching a record of ``attach``, whatever its probability (the
    rivals count too); ``doubtful_edges`` likewise the named pairs below the
    match threshold, which link at ``doubtful_threshold`` or above only when
    neither record has another candidate at ``attach_rival`` or above.
    ``distinct`` are pairs the model scored as clearly two people: like
    cannot-link verdicts, but a reviewer's "match" overrides them.
    """
    index = {rid: i for i, rid in enumerate(ids)}
    n = len(ids)
    parent = np.arange(n)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    docs: dict[int, dict[str, list[int]]] = {i: {documents[i]: [i]} for i in range(n)}
    best = [None] * n

    edge_list = [(index[a], index[b], float(w)) for a, b, w in edges if a in index and b in index]
    matched = {(min(a, b), max(a, b)) for a, b, _ in edge_list}
    def apart(pairs: Iterable[tuple[str, str]]) -> dict[int, set[int]]:
        """record → the records it may never share a person with."""
        sets: dict[int, set[int]] = {}
        for a, b in pairs:
            if a in index and b in index:
                ia, ib = index[a], index[b]
                sets.setdefault(ia, set()).add(ib)
                sets.setdefault(ib, set()).add(ia)
        return sets

    cannot = apart(cannot_link)  # reviewers' no-match verdicts
    differ = apart(distinct)  # the model's conflicts; reviewers' matches override them

    def find(i: int) -> int:
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def allowed(ra: int, rb: int) -> bool:
        small, large = (ra, rb) if len(members[ra]) <= len(members[rb]) else (rb, ra)
        for m in members[small]:
            for other in (*cannot.get(m, ()), *differ.get(m, ())):
                if find(other) == large:
                    return False
        for doc, rows in docs[small].items():
            theirs = docs[large].get(doc)
            if theirs:
                for x in rows:
                    for y in theirs:
                        if (min(x, y), max(x, y)) not in matched:
                            return False
        return True

    def merge(ra: int, rb: int) -> None:
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))
        for doc, rows in docs.pop(rb).items():
            docs[ra].setdefault(doc, []).extend(rows)

    def keep_best(w: float, *records: int) -> None:
        """Remember ``w`` as the strongest accepted link of each record it beats."""
        for i in records:
            if best[i] is None or w > best[i]:
                best[i] = w

    conflicts = []
    for a, b in must_link:
        if a not in index or b not in index:
            continue
        ra, rb = find(index[a]), find(index[b])
        if ra == rb:
            continue
        if any(find(o) == rb for m in members[ra] for o in cannot.get(m, ())):
            conflicts.append((a, b))
            continue
        merge(ra, rb)
        matched.add((min(index[a], index[b]), max(index[a], index[b])))

    def order(a: int, b: int, strength: float) -> tuple:
        """Strongest first; equal strengths (many pairs share a level pattern)
        by the records' ids, so the persons do not depend on the order the
        pairs arrive in: DuckDB's varies from run to run, Spark's is another.
        Rounded, because two engines may sum one weight to different last bits."""
        x, y = ids[a], ids[b]
        return (-round(strength, 9), min(x, y), max(x, y))

    blocked = 0
    edge_list.sort(key=lambda e: order(e[0], e[1], e[2]))
    for a, b, w in edge_list:
        ra, rb = find(a), find(b)
        if ra != rb:
            if not allowed(ra, rb):
                blocked += 1
                continue
            merge(ra, rb)
        keep_best(w, a, b)

    # Doubtful pairs (below the match threshold) join two persons only when
    # each side has no other candidate: "Ahmad Hussein, March, Latakia" is
    # linked to the one Ahmad Hussein of that month and place, and left apart
    # when the place lost two of them.
    doubtful = [(index[a], index[b], float(w), float(p)) for a, b, w, p in doubtful_edges
                if a in index and b in index]
    near: dict[int, list[tuple[int, float]]] = {}
    for a, b, _, p in doubtful:
        if p >= attach_rival:
            near.setdefault(a, []).append((b, p))
            near.setdefault(b, []).append((a, p))

    def rivals(x: int, *exclude: int) -> bool:
        return any(find(o) not in exclude for o, _ in near.get(x, ()))

    doubtful = sorted((e for e in doubtful if e[3] >= doubtful_threshold),
                      key=lambda e: order(e[0], e[1], e[3]))
    # a merge can remove the rival of another pair (two of its candidates were
    # one person), so passes repeat until nothing changes
    changed = True
    while changed:
        changed = False
        for a, b, w, p in doubtful:
            ra, rb = find(a), find(b)
            if ra == rb or rivals(a, ra, rb) or rivals(b, ra, rb):
                continue
            if not allowed(ra, rb):
                continue
            merge(ra, rb)
            changed = True
            matched.add((min(a, b), max(a, b)))
            keep_best(w, a, b)

    attach = {index[a] for a in attach if a in index}
    candidates: dict[int, list[tuple[int, float, float]]] = {}
    for a, b, w, p in attach_edges:
        if a not in index or b not in index:
            continue
        ia, ib = index[a], index[b]
        if (ia in attach) == (ib in attach):
            continue  # two bodies are never merged on their own
        body, other = (ia, ib) if ia in attach else (ib, ia)
        candidates.setdefault(body, []).append((other, float(w), float(p)))
    for body, found in sorted(candidates.items()):
        if len(members.get(find(body), ())) > 1:
            continue  # a reviewer already placed it
        by_person: dict[int, tuple[float, float]] = {}
        for other, w, p in found:
            root = find(other)
            if root not in by_person or p > by_person[root][1]:
                by_person[root] = (w, p)
        ranked = sorted(by_person.items(), key=lambda kv: -kv[1][1])
        root, (w, p) = ranked[0]
        rival = ranked[1][1][1] if len(ranked) > 1 else 0.0
        if p < attach_threshold or rival >= attach_rival:
            continue
        rb = find(body)
        if not allowed(root, rb):
            blocked += 1
            continue
        merge(root, rb)
        keep_best(w, body)

    names = {}
    for root, rows in members.items():
        names[root] = min(ids[i] for i in rows)
    cluster_of = [names[find(i)] for i in range(n)]
    return Clustering(list(ids), cluster_of, best, blocked, conflicts)
