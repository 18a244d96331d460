"""Clustering pairwise match edges into persons, under constraints.

Plain connected components let one wrong edge chain two families together,
and let transitivity merge two people a list itself records as different.
Here a :class:`Partition` of the records grows by merges that must keep its
constraints: two persons merge only if

* no reviewer said "no match" for any pair across them (cannot-link),
* no pair across them was scored as clearly two people (``distinct``: below
  ``LinkSettings.conflict_probability``), so a chain of links cannot join two
  records that, compared directly, differ in age, sex or name, and
* for every document present in both, each cross pair from that document was
  itself predicted a match: a list rarely names one person twice, so two of its
  rows join one person only on their own evidence, never by transitivity, and
* every cross pair of two full records (with a father's or grandfather's name,
  :attr:`Evidence.full`) was compared at all (is among the scored pairs): two
  such records that no blocking rule paired, or that scored below the floor,
  share a person only where a reviewer says so. A chain otherwise joins two
  namesakes' families through one record that fits both (hard profile, 200,000
  records, persons as ``tally link`` made them: of the pairs of full records in
  one person never compared, 29 were one person and 534 two; the guard: named
  F1 0.949 -> 0.953, precision +0.008, recall -0.001). Thin records (given and
  family name only) and bodies are exempt: they meet few of a person's records
  by any rule.

The passes, in order, each a function of its own:

1. :func:`apply_must_links`: reviewers' "match" verdicts, which always hold;
2. :func:`link_strong_pairs`: pairs at or above the match threshold,
   strongest first;
3. :func:`link_clear_candidates`: doubtful pairs, when neither record has
   another candidate person ("Ahmad Hussein, March, Latakia" joins the one
   Ahmad Hussein of that month and place, and stays apart when there are two);
4. :func:`attach_bodies`: unidentified bodies take no part in the above (with
   no name, a body could bridge any two victims of its day and village);
   afterwards each joins the one person it matches best, only if that match
   reaches the threshold and no other person is a plausible candidate at all.

The thresholds are a :class:`ClusterPolicy`, built from the link settings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import chain
from typing import TYPE_CHECKING, Collection, Iterable, Mapping, Sequence

from tally.disjoint_set import DisjointSet
from tally.link.namesakes import (link_window_likeliest, report_days, same_list_reports,
                                  window_namesakes)

if TYPE_CHECKING:
    import pyarrow as pa

    from tally.link.settings import LinkSettings

Edge = tuple[str, str, float]  # id_l, id_r, match_weight
ScoredEdge = tuple[str, str, float, float]  # id_l, id_r, match_weight, match_probability


@dataclass
class Clustering:
    """``cluster_of[i]`` is the cluster of ``ids[i]``; clusters are named by a member id."""

    ids: list[str]
    cluster_of: list[str]
    best_weight: list[float | None]  # strongest accepted edge touching the record
    blocked_merges: int  # merges refused by a constraint
    conflicts: list[tuple[str, str]]  # must-link verdicts that contradict cannot-links


@dataclass(frozen=True)
class ClusterPolicy:
    """The thresholds that turn scored pairs into persons.

    :meth:`from_settings` gives ``tally link``'s; the defaults link the pairs
    at or above 0.5 and nothing else (no doubtful pair, no body).
    """

    #: a pair at or above this probability is a strong pair (greedy pass)
    match_threshold: float = 0.5
    #: a doubtful pair at or above this links when neither side has a rival
    clear_candidate_threshold: float = 1.0
    #: another candidate at or above this probability is a rival
    rival_threshold: float = 0.0
    #: an unidentified body's best candidate needs at least this probability
    unidentified_threshold: float = 1.0
    #: whether unidentified bodies are attached at all
    attach_unidentified: bool = False
    #: a doubtful pair with a thin record (given and family name only) links
    #: from this probability when neither side has a rival
    thin_candidate_threshold: float = 1.0
    #: a candidate is a rival of a doubtful pair only if its probability is at
    #: least this share of the pair's own (0: any candidate above the rival
    #: threshold is one)
    rival_ratio: float = 0.0

    @classmethod
    def from_settings(cls, settings: LinkSettings) -> ClusterPolicy:
        return cls(match_threshold=settings.match_threshold,
                   clear_candidate_threshold=settings.clear_candidate_threshold,
                   rival_threshold=settings.rival_threshold,
                   unidentified_threshold=settings.unidentified_threshold,
                   attach_unidentified=settings.attach_unidentified,
                   rival_ratio=settings.rival_ratio)


@dataclass
class Evidence:
    """What the passes are given, by record id.

    ``strong`` pairs are at or above the match threshold; ``doubtful`` the
    named pairs below it; ``body_pairs`` every scored pair touching one of
    ``bodies`` (the unidentified records), whatever its probability, since the
    rivals count too. ``distinct`` are pairs the model scored as clearly two
    people: like cannot-link verdicts, but a reviewer's "match" overrides them.
    """

    strong: Sequence[Edge] = ()
    doubtful: Sequence[ScoredEdge] = ()
    body_pairs: Sequence[ScoredEdge] = ()
    bodies: Collection[str] = ()
    distinct: Iterable[tuple[str, str]] = ()
    must_link: Iterable[tuple[str, str]] = ()
    cannot_link: Iterable[tuple[str, str]] = ()
    #: records that give only a given and a family name (news-derived lists)
    thin: Collection[str] = ()
    #: each thin record dated by report with the records of its name and
    #: governorate dated in its report window (tally.link.namesakes)
    window_namesakes: Sequence[tuple[str, Sequence[str]]] = ()
    #: pairs of thin records one news list reported within the window, each
    #: other's evidence for the one-document rule in the window passes
    #: (tally.link.namesakes.same_list_reports)
    window_reports: Sequence[tuple[str, str]] = ()
    #: each record's day number, whether its list dates by report and its sex,
    #: in the order of the ids (tally.link.namesakes.report_days): the report
    #: lag and sex pick between a thin record's two window persons; None, they do not
    window_dates: tuple | None = None
    #: records with a father's or grandfather's name (neither thin nor a
    #: body): two of them in one person must have been compared (a pair in
    #: ``strong``, ``doubtful`` or ``body_pairs``); empty, no such guard
    full: Collection[str] = ()
    #: window namesake pairs (thin record, namesake) whose ages lie apart or
    #: whose sexes differ (:func:`window_disagreements`). Window namesakes share
    #: the given name, family name and governorate ``tally link``'s first
    #: blocking rule pairs on, so each such pair was scored; missing from
    #: ``strong`` and ``doubtful``, it fell below the keep floor on that
    #: disagreement, and the one-person window pass does not join over it.
    #: Empty (a hand-built evidence), a missing pair is no evidence
    window_apart: Iterable[tuple[str, str]] = ()

    @classmethod
    def from_scored(cls, pairs: Iterable[ScoredEdge], bodies: Collection[str],
                    policy: ClusterPolicy, **rest) -> Evidence:
        """Sort scored pairs (id_l, id_r, weight, probability) into strong,
        doubtful and body pairs by ``policy``'s match threshold."""
        strong, doubtful, body_pairs = [], [], []
        for a, b, w, p in pairs:
            if a in bodies or b in bodies:
                body_pairs.append((a, b, w, p))
            elif p >= policy.match_threshold:
                strong.append((a, b, w))
            else:
                doubtful.append((a, b, w, p))
        return cls(strong, doubtful, body_pairs, bodies, **rest)


class Partition:
    """Records grouped into persons, and the constraints every merge keeps.

    Records are numbered by their place in ``ids``; ``documents[i]`` is the
    document (list) record ``i`` came from.
    """

    def __init__(self, ids: Sequence[str], documents: Sequence[str], *,
                 matched: Iterable[tuple[str, str]] = (),
                 cannot_link: Iterable[tuple[str, str]] = (),
                 distinct: Iterable[tuple[str, str]] = (),
                 full: Collection[str] = (),
                 compared: Iterable[tuple[str, str]] = ()) -> None:
        self.ids = list(ids)
        self.index = {rid: i for i, rid in enumerate(self.ids)}
        index, n = self.index, len(self.ids)
        #: full records (Evidence.full), and the pairs compared among them
        #: (as ``low * n + high``): two full records share a person only if compared
        self._full = {index[r] for r in full if r in index}
        self._compared = {min(index[a], index[b]) * n + max(index[a], index[b])
                          for a, b in compared
                          if index.get(a) in self._full and index.get(b) in self._full}
        self._sets = DisjointSet(len(self.ids))
        self._docs: dict[int, dict[str, list[int]]] = {
            i: {documents[i]: [i]} for i in range(len(self.ids))}
        #: pairs that are evidence of their own (a model's match or a verdict):
        #: only those join two rows of one document
        self.matched: set[tuple[int, int]] = set()
        for a, b in self.known(matched):
            self.add_matched(a, b)
        self._cannot = self._apart(cannot_link)  # reviewers' no-match verdicts
        self._differ = self._apart(distinct)  # the model's conflicts; a "match" overrides
        self.best: list[float | None] = [None] * len(self.ids)
        self.blocked = 0
        self.conflicts: list[tuple[str, str]] = []

    def known(self, pairs: Iterable[tuple]) -> list[tuple]:
        """``pairs`` whose two records are in the partition, as indices (any
        further items, weights and probabilities, kept as floats)."""
        index = self.index
        return [(index[a], index[b], *map(float, rest)) for a, b, *rest in pairs
                if a in index and b in index]

    def _apart(self, pairs: Iterable[tuple[str, str]]) -> dict[int, set[int]]:
        """record → the records it may never share a person with."""
        sets: dict[int, set[int]] = {}
        for a, b in self.known(pairs):
            sets.setdefault(a, set()).add(b)
            sets.setdefault(b, set()).add(a)
        return sets

    def add_matched(self, a: int, b: int) -> None:
        self.matched.add((min(a, b), max(a, b)))

    def find(self, i: int) -> int:
        return self._sets.find(i)

    def size(self, i: int) -> int:
        return self._sets.size(i)

    def refused_by_reviewer(self, ra: int, rb: int) -> bool:
        """A reviewer said "no match" for some pair across persons ``ra``, ``rb``."""
        find = self._sets.find
        return any(find(o) == rb for m in self._sets.members(ra) for o in self._cannot.get(m, ()))

    def allowed(self, ra: int, rb: int) -> bool:
        """Persons ``ra`` and ``rb`` (roots) may merge: no verdict or conflict
        across them, and each document in both joins only matched rows."""
        members, find = self._sets.members, self._sets.find
        small, large = (ra, rb) if len(members(ra)) <= len(members(rb)) else (rb, ra)
        for m in members(small):
            for other in (*self._cannot.get(m, ()), *self._differ.get(m, ())):
                if find(other) == large:
                    return False
        for doc, rows in self._docs[small].items():
            theirs = self._docs[large].get(doc)
            if theirs:
                for x in rows:
                    for y in theirs:
                        if (min(x, y), max(x, y)) not in self.matched:
                            return False
        return self._all_compared(members(small), members(large))

    def _all_compared(self, one: Sequence[int], other: Sequence[int]) -> bool:
        """Every full record of ``one`` was compared with every full record of ``other``."""
        full = self._full
        if not full:
            return True
        mine = [x for x in one if x in full]
        if not mine:
            return True
        theirs = [y for y in other if y in full]
        compared, n = self._compared, len(self.ids)
        return all((x * n + y if x < y else y * n + x) in compared for x in mine for y in theirs)

    def merge(self, ra: int, rb: int) -> int:
        """Join persons ``ra`` and ``rb`` (roots); returns the joined root."""
        root = self._sets.union(ra, rb)
        gone = rb if root == ra else ra
        for doc, rows in self._docs.pop(gone).items():
            self._docs[root].setdefault(doc, []).extend(rows)
        return root

    def keep_best(self, weight: float, *records: int) -> None:
        """Remember ``weight`` as the strongest accepted link of each record it beats."""
        for i in records:
            if self.best[i] is None or weight > self.best[i]:
                self.best[i] = weight

    def order(self, a: int, b: int, strength: float) -> tuple:
        """Strongest first; equal strengths (many pairs share a level pattern)
        by the records' ids, so the persons do not depend on the order the
        pairs arrive in: DuckDB's varies from run to run, Spark's is another.
        Rounded, because two engines may sum one weight to different last bits."""
        x, y = self.ids[a], self.ids[b]
        return (-round(strength, 9), min(x, y), max(x, y))

    def clustering(self) -> Clustering:
        """Each record's person, named by its lowest member id."""
        names = {}
        for members in self._sets.groups():
            name = min(self.ids[i] for i in members)
            for i in members:
                names[i] = name
        return Clustering(list(self.ids), [names[i] for i in range(len(self.ids))],
                          self.best, self.blocked, self.conflicts)


def apply_must_links(partition: Partition, must_link: Iterable[tuple[str, str]]) -> None:
    """Reviewers' "match" verdicts hold, over the model's conflicts and the
    one-document rule; one that contradicts a "no match" is reported instead."""
    index = partition.index
    for a, b in must_link:
        if a not in index or b not in index:
            continue
        ra, rb = partition.find(index[a]), partition.find(index[b])
        if ra == rb:
            continue
        if partition.refused_by_reviewer(ra, rb):
            partition.conflicts.append((a, b))
            continue
        partition.merge(ra, rb)
        partition.add_matched(index[a], index[b])


def link_strong_pairs(partition: Partition, strong: Sequence[Edge]) -> None:
    """Greedy agglomeration of the strong pairs, strongest first, each merge
    only where the partition allows it."""
    edges = sorted(partition.known(strong), key=lambda e: partition.order(*e))
    for a, b, w in edges:
        ra, rb = partition.find(a), partition.find(b)
        if ra != rb:
            if not partition.allowed(ra, rb):
                partition.blocked += 1
                continue
            partition.merge(ra, rb)
        partition.keep_best(w, a, b)


def link_clear_candidates(partition: Partition, doubtful: Sequence[ScoredEdge],
                          policy: ClusterPolicy, thin: Collection[str] = ()) -> None:
    """Doubtful pairs (below the match threshold) join two persons only when
    each side has no other candidate at or above the rival threshold.

    A candidate of both sides is no rival: three records that are each
    other's candidates (a thin news record, its list's re-entry and a
    rights group's record of one victim) are one group, and the pair joins
    (the third then joins on its own pass). A candidate of one side only
    ("Mohammed Hasan" against two cousins of that name, who are not each
    other's) stays a rival."""
    pairs = partition.known(doubtful)
    # a thin record's pair is doubtful on its own evidence whoever it names:
    # given and family name, a governorate and a report date are all it has.
    # That no one else on any list fits it, even weakly, is the evidence (the
    # density of its namesakes), so such a pair joins from a lower probability
    # than a pair of full records, and any candidate from that probability on
    # is a rival for it
    thin_index = {partition.index[r] for r in thin if r in partition.index}
    low = min(policy.rival_threshold, policy.thin_candidate_threshold)
    near: dict[int, list[tuple[int, float]]] = {}
    mutual: set[tuple[int, int]] = set()
    for a, b, _, p in pairs:
        if p >= low:
            near.setdefault(a, []).append((b, p))
            near.setdefault(b, []).append((a, p))
            mutual.add((min(a, b), max(a, b)))

    def is_thin(a: int, b: int) -> bool:
        return a in thin_index or b in thin_index

    def rivals(x: int, y: int, rx: int, ry: int, cut: float, pxy: float) -> bool:
        """Another candidate ``o`` of ``x`` (not a candidate of ``y`` too) rivals y:
        one of another person, or one x already joined that fits x better than y
        does (then y is a weaker alternative to x's person, not a member of it)."""
        for o, p in near.get(x, ()):
            if o == y or p < cut or (min(o, y), max(o, y)) in mutual:
                continue
            root = partition.find(o)
            if root == ry or (root == rx and p <= pxy):
                continue
            return True
        return False

    def eligible(a: int, b: int, p: float) -> bool:
        if is_thin(a, b):
            return p >= min(policy.clear_candidate_threshold, policy.thin_candidate_threshold)
        return p >= policy.clear_candidate_threshold

    pairs = sorted((e for e in pairs if eligible(e[0], e[1], e[3])),
                   key=lambda e: partition.order(e[0], e[1], e[3]))
    # a merge can remove the rival of another pair (two of its candidates were
    # one person), so passes repeat until nothing changes
    changed = True
    while changed:
        changed = False
        for a, b, w, p in pairs:
            ra, rb = partition.find(a), partition.find(b)
            cut = low if is_thin(a, b) else policy.rival_threshold
            cut = max(cut, policy.rival_ratio * p)
            if ra == rb or rivals(a, b, ra, rb, cut, p) or rivals(b, a, rb, ra, cut, p):
                continue
            # the pair itself is the evidence (each the other's only candidate),
            # so two rows of one list may join on it: a source that entered one
            # victim twice, spelled afresh, gives no third record to chain through
            key = (min(a, b), max(a, b))
            had = key in partition.matched
            partition.matched.add(key)
            if not partition.allowed(ra, rb):
                if not had:
                    partition.matched.discard(key)
                continue
            partition.merge(ra, rb)
            changed = True
            partition.keep_best(w, a, b)


def attach_bodies(partition: Partition, bodies: Collection[str],
                  body_pairs: Sequence[ScoredEdge], policy: ClusterPolicy) -> None:
    """Each unidentified body joins the one person it fits best, when that
    fit reaches the threshold and no other person is even a rival; two bodies
    are never merged on their own, and one a reviewer placed stays there."""
    body_index = {partition.index[b] for b in bodies if b in partition.index}
    candidates: dict[int, list[tuple[int, float, float]]] = {}
    for a, b, w, p in partition.known(body_pairs):
        if (a in body_index) == (b in body_index):
            continue  # two bodies are never merged on their own
        body, other = (a, b) if a in body_index else (b, a)
        candidates.setdefault(body, []).append((other, w, p))
    for body, found in sorted(candidates.items()):
        if partition.size(body) > 1:
            continue  # a reviewer already placed it
        by_person: dict[int, tuple[float, float]] = {}
        for other, w, p in found:
            root = partition.find(other)
            if root not in by_person or p > by_person[root][1]:
                by_person[root] = (w, p)
        ranked = sorted(by_person.items(), key=lambda kv: -kv[1][1])
        root, (w, p) = ranked[0]
        rival = ranked[1][1][1] if len(ranked) > 1 else 0.0
        # a rival, as for a doubtful pair (link_clear_candidates), is another
        # person at least ``rival_ratio`` as likely: a victim of the body's day and
        # village whose age is not given scores about 0.15 whatever body it meets,
        # and at the bare threshold that neighbour kept bodies unattached that fit
        # one victim at 0.7 (demo lists, 6,000 records: 28 true pairs, F1 0.946 ->
        # 0.947; hard 5,000 seed 5, all records: 0.902 -> 0.909)
        if p < policy.unidentified_threshold or rival >= max(policy.rival_threshold,
                                                             policy.rival_ratio * p):
            continue
        rb = partition.find(body)
        if not partition.allowed(root, rb):
            partition.blocked += 1
            continue
        partition.merge(root, rb)
        partition.keep_best(w, body)


def link_window_namesakes(partition: Partition,
                          groups: Sequence[tuple[str, Sequence[str]]],
                          kept: Iterable[tuple[str, str]] = (),
                          apart: Iterable[tuple[str, str]] = ()) -> None:
    """A thin record dated by report joins the one person its window
    namesakes make (:func:`tally.link.namesakes.window_namesakes`: the
    records of its name and governorate whose death lies in its report
    window), however weakly the pair scored: its name, governorate and a
    4-day window are all it has, and one person there is that evidence.
    Nothing happens where they are two persons or more, where one of them is
    already the thin record's own, or where a constraint refuses the merge.

    Where the thin record and a window record of the person disagree
    (``apart``: ages apart or sexes differ, :func:`window_disagreements`),
    the person must hold a window record whose pair with the thin record was
    kept (``kept``): every window pair was scored (:class:`Evidence`), and
    one below the keep floor on a disagreement is the model's evidence of
    two people. A pair below the floor with nothing against it (a news
    record giving only its name and date) is there for the name's
    commonness alone, which the window answers: in-sample, such joins were
    right 1,452 times to 108 wrong on kestrel 50,000 records (the guard on
    every window pair lost F1 0.801 -> 0.766), while on hard 200,000 (seed
    5) they were the morgue's thin records, 87 wrong to 1 right (64 of them
    more than 5 years apart in age, 9 of the other sex): the guard took hard
    200k's false pairs 5,288 -> 5,137 and moved kestrel, heron and ledger 50k
    by -0.0001 to +0.0002 F1; benchmarks/RESULTS.md, "LT5 — the window pass
    and scored-below-floor pairs (wave 9)"."""
    index = partition.index
    known = [(index[t], [index[o] for o in others if o in index])
             for t, others in groups if t in index]
    weighed: dict[int, list[int]] = {}
    for t, o in apart:
        if t in index and o in index:
            weighed.setdefault(index[t], []).append(index[o])
    window = {(t, o) for t, others in known if weighed.get(t) for o in others}
    scored: dict[int, list[int]] = {}
    if window:
        for a, b in kept:
            if a in index and b in index:
                i, j = index[a], index[b]
                for key in ((i, j), (j, i)):
                    if key in window:
                        scored.setdefault(key[0], []).append(key[1])
    changed = True
    while changed:  # a merge can make two window persons one
        changed = False
        for t, others in known:
            rt = partition.find(t)
            persons = {partition.find(o) for o in others}
            if len(persons) != 1 or rt in persons:
                continue
            (rp,) = persons
            if (any(partition.find(o) == rp for o in weighed.get(t, ()))
                    and not any(partition.find(o) == rp for o in scored.get(t, ()))):
                continue
            if not partition.allowed(rt, rp):
                continue
            partition.merge(rt, rp)
            changed = True


#: years between two records' age ranges from which they are two people to
#: the window pass (:func:`window_disagreements`); ages are reported with
#: errors of a few years. In-sample, one-person window joins whose pair was
#: not kept, ranges more than 5 years apart: hard 200,000 64 wrong / 0 right,
#: heron 50,000 6 / 1, ledger 50,000 5 / 9; at 0 (ranges not meeting) heron
#: 8 / 9, ledger 6 / 12 (F1 heron -0.0002, ledger -0.0002 against +0.0001,
#: -0.0001 at 5; hard +0.0005 either way)
AGES_APART = 5


def window_disagreements(features: pa.Table,
                         groups: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[str, str]]:
    """(thin record, window namesake) pairs of ``groups`` whose age ranges lie
    more than :data:`AGES_APART` years apart or whose sexes differ, from the
    link input ``features`` (without ``age_low``, ``age_high`` and ``sex``: none)."""
    if not groups or not {"age_low", "age_high", "sex"} <= set(features.column_names):
        return []
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = {t for t, _ in groups} | {o for _, others in groups for o in others}
    ids = features.column("unique_id")
    # only the window's records reach Python (not every row of the link input)
    near = features.select(["unique_id", "age_low", "age_high", "sex"]).filter(
        pc.is_in(ids, value_set=pa.array(list(wanted), type=ids.type)))
    rows = {rid: (lo, hi, sx) for rid, lo, hi, sx in zip(
        *(near.column(c).to_pylist() for c in ("unique_id", "age_low", "age_high", "sex")))}
    out = []
    for t, others in groups:
        tl, th, ts = rows.get(t, (None, None, None))
        for o in others:
            ol, oh, osx = rows.get(o, (None, None, None))
            aged = None not in (tl, th, ol, oh) and max(tl - oh, ol - th) > AGES_APART
            if aged or (ts is not None and osx is not None and ts != osx):
                out.append((t, o))
    return out


def cluster_records(ids: Sequence[str], documents: Sequence[str], evidence: Evidence,
                    policy: ClusterPolicy = ClusterPolicy()) -> Clustering:
    """Persons of ``ids`` (from ``documents``) from ``evidence``, pass by pass."""
    compared = ([(a, b) for a, b, _ in evidence.strong] + [(a, b) for a, b, *_ in evidence.doubtful]
                + [(a, b) for a, b, *_ in evidence.body_pairs]) if evidence.full else ()
    partition = Partition(ids, documents, matched=[(a, b) for a, b, _ in evidence.strong],
                          cannot_link=evidence.cannot_link, distinct=evidence.distinct,
                          full=evidence.full, compared=compared)
    apply_must_links(partition, evidence.must_link)
    link_strong_pairs(partition, evidence.strong)
    link_clear_candidates(partition, evidence.doubtful, policy, evidence.thin)
    for a, b in partition.known(evidence.window_reports):
        partition.add_matched(a, b)
    kept = chain(((a, b) for a, b, _ in evidence.strong), ((a, b) for a, b, *_ in evidence.doubtful))
    link_window_namesakes(partition, evidence.window_namesakes, kept, evidence.window_apart)
    link_window_likeliest(partition, evidence.window_namesakes, evidence.strong, evidence.doubtful,
                          evidence.window_dates)
    if policy.attach_unidentified:
        attach_bodies(partition, evidence.bodies, evidence.body_pairs, policy)
    return partition.clustering()


def cluster_pairs(features: pa.Table, scored, settings: LinkSettings,
                   verdicts: Mapping[tuple[str, str], str]) -> Clustering:
    """Persons from a link input and its scored pairs (``ScoredPairs``), as
    ``tally link`` makes them on any engine: reviewers' verdicts bind, the
    model's conflicts keep records apart, and records without a list are
    each a list of their own."""
    ids = features.column("unique_id").to_pylist()
    bodies = {rid for rid, u in zip(ids, features.column("unidentified").to_pylist()) if u}
    thin, full = set(), set()
    for rid, u, f, g in zip(ids, features.column("unidentified").to_pylist(),
                            features.column("father_key").to_pylist(),
                            features.column("grandfather_key").to_pylist()):
        if not u:
            (thin if f is None and g is None else full).add(rid)
    lists = [x if x is not None else f"\x00{i}" for i, x in
             enumerate(features.column("list_id").to_pylist())]
    pairs = scored.pairs
    conflicts = scored.conflicts
    policy = ClusterPolicy.from_settings(settings)
    groups = (window_namesakes(features, settings.memory_limit)
              if settings.thin_window_namesakes else ())
    prior = (scored.model or {}).get("probability_two_random_records_match")
    if prior and 0 < prior < 1:  # thin records' pairs link by evidence (LinkSettings)
        policy = replace(policy, thin_candidate_threshold=settings.thin_threshold(prior))
    evidence = Evidence.from_scored(
        zip(pairs.column("unique_id_l").to_pylist(), pairs.column("unique_id_r").to_pylist(),
            pairs.column("match_weight").to_pylist(),
            pairs.column("match_probability").to_pylist()),
        bodies, policy,
        distinct=[] if conflicts is None else list(zip(
            conflicts.column("unique_id_l").to_pylist(),
            conflicts.column("unique_id_r").to_pylist())),
        must_link=[k for k, v in verdicts.items() if v == "match"],
        cannot_link=[k for k, v in verdicts.items() if v == "no-match"], thin=thin, full=full,
        window_namesakes=groups,
        window_reports=(same_list_reports(features, settings.memory_limit)
                        if settings.thin_window_namesakes else ()),
        window_dates=report_days(features) if groups else None,  # no window, nothing to date
        window_apart=window_disagreements(features, groups))
    return cluster_records(ids, lists, evidence, policy)
