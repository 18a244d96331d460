"""Carry linkage's own doubt into the estimate's interval.

One clustering is one guess at who is who. A pair the linker scored 0.6 is the same
person six times in ten, and whether it is decides whether a victim is counted once on
two lists (an overlap, which lowers the estimate) or twice (two people, one list each,
which raises it). So the estimate is repeated over clusterings drawn from the linker's
pairwise probabilities and the posteriors are pooled (the approach of Sadinle 2018 and
of HRDAG's practice, in its simplest defensible form):

- every scored pair of the latest link run (probability 0.15 and up) links in a draw
  with its probability; a reviewer's match always links, a no-match never does;
- draws are joined strongest first under the clustering's own rule that two rows of one
  list join only on their own evidence (a drawn pair between them), so chains cannot
  sweep a list's rows together;
- each drawn clustering gives a capture-history table (persons made only of
  unidentified bodies left out, as in every estimate) and the method's posterior draws
  (or its interval read as a split normal, for log-linear fits); the draws are pooled.

The pooled interval is wider than the single clustering's by what linkage does not
know. It draws from the stored ``match_probability``, which the linker calibrates
(:mod:`tally.link.calibration`: a shipped map fitted on five simulated profiles and hedged
where they disagree; a project's verdicts retrain the model, not the map), and assumes pairs independent given the
scores, which overstates doubt within a tight family cluster and understates it where the
linker never scored a true pair at all (a missed candidate). It carries the *spread* of
linkage's doubt, not its *bias*: where the linker misses many true pairs, every drawn
clustering splits people too, and the pooled interval sits as far above the truth as the
single one (benchmarks/RESULTS.md, "Estimate II, wave 3").

    >>> out = estimate_with_linkage_uncertainty(project, method="dga")   # doctest: +SKIP
    >>> out.n_hat, out.lower, out.upper, out.widening                     # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tally.disjoint_set import DisjointSet
from tally.errors import EstimationError, ProjectError
from tally.estimate.api import make_estimator
from tally.estimate.results import MSEResult
from tally.estimate.tables import CaptureTable
from tally.estimate.totals import posterior_draws

DRAWS_PER_CLUSTERING = 2000


@dataclass
class LinkageUncertainty:
    """The estimate pooled over drawn clusterings, beside the single clustering's."""

    n_hat: float
    lower: float
    upper: float
    clusterings: int
    method: str
    single: dict  # the stored clustering's n_hat, lower, upper
    persons: tuple[int, int] = (0, 0)  # fewest and most persons over the draws
    notes: list[str] = field(default_factory=list)

    @property
    def widening(self) -> float:
        """Pooled interval width over the single clustering's."""
        width = self.single["upper"] - self.single["lower"]
        return (self.upper - self.lower) / width if width > 0 else float("inf")

    def to_dict(self) -> dict:
        return {"n_hat": self.n_hat, "lower": self.lower, "upper": self.upper,
                "clusterings": self.clusterings, "method": self.method, "single": self.single,
                "persons_range": list(self.persons), "widening": self.widening,
                "notes": self.notes}


def _load(con, leave_out: str | None = None):
    recs = con.execute(
        """SELECT v.record_id, v.source_id, v.document_sha256, coalesce(n.unidentified, false)
           FROM victim_record v LEFT JOIN record_norm n USING (record_id)
           WHERE v.source_id IS DISTINCT FROM ?
           ORDER BY v.record_id""", [leave_out]).fetchall()
    run = con.execute("SELECT run_id FROM link_run ORDER BY started_at DESC LIMIT 1").fetchall()
    if not run:
        raise ProjectError("no linkage yet: run `tally link` first")
    pairs = con.execute(
        "SELECT record_id_l, record_id_r, match_probability FROM record_pair WHERE run_id = ?",
        [run[0][0]]).fetchall()
    verdicts = con.execute(
        """SELECT record_id_l, record_id_r, arg_max(verdict, decision_id)
           FROM review_decision GROUP BY 1, 2""").fetchall()
    return recs, pairs, verdicts


def _tables(recs, pairs, verdicts, rng, n_draws):
    index = {r[0]: i for i, r in enumerate(recs)}
    lists = sorted({r[1] for r in recs})
    col = {s: j for j, s in enumerate(lists)}
    src = np.array([col[r[1]] for r in recs])
    doc = [r[2] for r in recs]
    unident = np.array([bool(r[3]) for r in recs])
    verdict = {}
    for a, b, v in verdicts:
        if a in index and b in index:
            verdict[frozenset((index[a], index[b]))] = v
    edges = []
    for a, b, p in pairs:
        if a in index and b in index:
            i, j = index[a], index[b]
            v = verdict.get(frozenset((i, j)))
            p = 1.0 if v == "match" else 0.0 if v == "no-match" else float(p)
            edges.append((p, i, j))
    for key, v in verdict.items():  # a reviewer's match the run did not score
        if v == "match" and len(key) == 2:
            i, j = sorted(key)
            edges.append((1.0, i, j))
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    probs = np.array([e[0] for e in edges])
    weights = 1 << np.arange(len(lists) - 1, -1, -1)
    out = []
    for _ in range(n_draws):
        keep = rng.random(len(edges)) < probs
        ds = DisjointSet(len(recs))
        docs: dict[int, dict[str, list[int]]] = {i: {doc[i]: [i]} for i in range(len(recs))}
        drawn = {(min(i, j), max(i, j)) for (p, i, j), k in zip(edges, keep) if k}
        for (p, i, j), k in zip(edges, keep):
            if not k:
                continue
            ri, rj = ds.find(i), ds.find(j)
            if ri == rj:
                continue
            a, b = docs[ri], docs[rj]
            if any((min(x, y), max(x, y)) not in drawn
                   for d, xs in a.items() if d in b for x in xs for y in b[d]):
                continue  # two rows of one list join only on their own drawn evidence
            root = ds.union(ri, rj)
            merged, other = (a, b) if root == ri else (b, a)
            for d, xs in other.items():
                merged.setdefault(d, []).extend(xs)
            docs[root] = merged
            docs.pop(rj if root == ri else ri, None)
        labels = np.array(ds.labels())
        _, person = np.unique(labels, return_inverse=True)
        n_persons = person.max() + 1
        member = np.zeros((n_persons, len(lists)), dtype=bool)
        member[person, src] = True
        named = np.zeros(n_persons, dtype=bool)
        np.logical_or.at(named, person, ~unident)
        codes = member[named].astype(np.int64) @ weights
        counts = np.bincount(codes, minlength=2 ** len(lists))[1:]
        out.append((CaptureTable(tuple(lists), counts), int(named.sum())))
    return out


def estimate_with_linkage_uncertainty(
    project, *, method: str = "dga", clusterings: int = 20, seed: int = 20250306,
    single: tuple[CaptureTable, MSEResult] | None = None, leave_out: str | None = None,
    skip_records: set = frozenset(), **settings
) -> LinkageUncertainty:
    """Pool ``method``'s posterior over ``clusterings`` drawn clusterings.

    ``single`` is the stored linkage's table and its fit, when the caller has made
    them already (``estimate_project`` has): they are not made twice. ``leave_out``
    names a list whose records every clustering leaves out (``tally estimate
    --leave-out``); ``skip_records`` records left out too (``--exclude-status``'s)."""
    with project.connect(read_only=True) as con:
        recs, pairs, verdicts = _load(con, leave_out)
        if skip_records:
            recs = [r for r in recs if r[0] not in skip_records]
        stored = None if single else con.execute(
            """SELECT p.person_id, list(DISTINCT v.source_id), bool_and(coalesce(n.unidentified, false))
               FROM person_record p JOIN victim_record v USING (record_id)
               LEFT JOIN record_norm n USING (record_id)
               WHERE v.source_id IS DISTINCT FROM ? GROUP BY 1""", [leave_out]).fetchall()
    lists = sorted({r[1] for r in recs})
    if len(lists) < 2:
        raise EstimationError(f"estimation needs records from several sources; found {lists}")
    estimator = make_estimator(method, **settings)
    if single:
        single_table, single_fit = single
    else:
        weights = {s: 1 << (len(lists) - 1 - j) for j, s in enumerate(lists)}
        codes = [sum(weights[s] for s in srcs) for _, srcs, only_bodies in stored if not only_bodies]
        single_table = CaptureTable(tuple(lists), np.bincount(codes, minlength=2 ** len(lists))[1:])
        single_fit = estimator.fit(single_table)
    rng = np.random.default_rng(seed)
    pooled, sizes, refused = [], [], 0
    for table, persons in _tables(recs, pairs, verdicts, rng, clusterings):
        sizes.append(persons)
        try:
            res = estimator.fit(table)
        except EstimationError:
            refused += 1
            continue
        pooled.append(posterior_draws(table, res, rng, DRAWS_PER_CLUSTERING))
    if not pooled:
        raise EstimationError("no drawn clustering could be estimated")
    draws = np.concatenate(pooled)
    alpha = single_fit.alpha
    lo, med, hi = (float(q) for q in np.quantile(draws, [alpha / 2, 0.5, 1 - alpha / 2]))
    out = LinkageUncertainty(
        med, lo, hi, len(pooled), method,
        {"n_hat": single_fit.n_hat, "lower": single_fit.lower, "upper": single_fit.upper,
         "persons": int(single_table.n)},
        (min(sizes), max(sizes)),
    )
    out.notes.append(
        f"{len(pooled)} clusterings drawn from the linker's pair probabilities "
        f"({min(sizes):,}-{max(sizes):,} identified persons against {single_table.n:,} in the "
        "stored linkage); the interval pools their posteriors")
    if refused:
        out.notes.append(f"{refused} drawn clusterings could not be estimated and were left out")
    return out
