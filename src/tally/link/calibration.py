"""Calibrated match probabilities: of the pairs stored at 0.7, seven in ten are one person.

The model's probability is a Fellegi–Sunter posterior under its own
assumptions (fields independent given match status, EM's m and u); on
simulated lists it is under-confident below 0.5 on one profile and
over-confident on another (benchmarks/RESULTS.md, "Reliability"). Estimate II
draws clusterings from the stored probabilities
(:mod:`tally.estimate.linkage_uncertainty`), so they must mean what they say.

A :class:`Calibration` is a monotone map from the model's probability to a
calibrated one, fitted by isotonic regression (pool adjacent violators) and
read between its knots by linear interpolation: monotone, so within one rival
class it never reorders pairs, and free of any assumed shape.

* The model's probability does not know that a record has another candidate
  in the same list that the model believes as much (a *rival*,
  :func:`rival_classes`). At 50,000 records far more pairs have one, and a
  map by size alone, right on average, was over-confident on lists nobody had
  tuned on (mosaic 50k: pairs put at 0.7-0.8 were half true). On every
  development profile and at both sizes, pairs with a rival are
  over-confident and pairs with none under-confident. So named pairs get one
  map per rival class (:data:`RIVAL_CLASSES`), isotonic, fitted on every
  profile and both sizes at once, the same at every size: the class carries
  what the size did (leave-one-profile-out error, worst profile: 5k 0.101 ->
  0.057, 50k 0.080 -> 0.047; benchmarks/RESULTS.md, "Link II, wave 7"; refitted
  in wave 8 on eight profiles: worst 5k 0.054, 50k 0.042). It is not enough
  everywhere: on heron at 50k, left out of the fit, pairs put at 0.7-0.8 are
  64% true ("Link II, wave 8: calibration refit").
* Within one rival class the profiles still disagreed, mostly by how many
  namesakes their pairs have: at one model probability a pair whose given
  name, family name and governorate two or three records give is nearly
  always one person, one whose name dozens give about half the time, and a
  pair whose names differ less often than either. So each rival class is
  split by the pair's namesake band (:data:`NAMESAKE_BANDS`, read from the
  link input's ``name_count``): one isotonic map per rival class and band
  where the profiles have :data:`MIN_CLASS_PAIRS` such pairs, else the rival
  class's (:func:`pair_classes`). Leave-one-profile-out error, mean (worst):
  5k 0.036 (0.056) -> 0.031 (0.047), 50k 0.026 (0.043) -> 0.021 (0.046);
  heron left out at 50k, pairs at 0.7-0.8: 64% -> 69% true, still short
  (benchmarks/RESULTS.md, "LC4 — calibration by namesakes ... (wave 9)").
  The map by size below is kept for callers without the classes.
* The shipped maps (``tally/data/link_calibration.json``) are fitted on the
  stored pairs of simulated projects of the development profiles, each
  weighted equally, by ``python benchmarks/fit_calibration.py`` (run it again
  whenever scoring changes). The simulators disagree: at one model
  probability the share of named pairs that are one person is higher than
  the model says on some and lower on others (benchmarks/RESULTS.md, "Link
  II, wave 6"), so an isotonic map pooled over them, checked on the profile
  left out, was no better than the model's own probability. The named
  pairs' map is therefore *hedged* (:func:`fit_hedged`): it moves a
  probability only within the range the profiles' own maps span, and half
  way to that range's middle; the form and the half were chosen by the
  leave-one-profile-out error, not the in-sample one. Pairs with a body
  get a hedged map too, moved only as far as the nearest profile's answer
  (:data:`BODY_HEDGE`).
* A project's verdicts train the model (:mod:`tally.link.learning`) and, by
  default, leave the map (:data:`REFIT_FROM_VERDICTS`: a map refitted on the
  verdicts the model had learned from corrected the same error twice, and
  calibrated the undecided pairs worse than the shipped map alone). Asked to
  (``refit=True``), they refit it once there are enough of them
  (:data:`MIN_VERDICTS_TO_REFIT`, both answers at least
  :data:`MIN_EACH_ANSWER`): an isotonic fit on the reviewed pairs, with the
  shipped map as pseudo-pairs (:data:`SHIPPED_WEIGHT` each on a grid), so
  the map outside the reviewed band stays the shipped one. Reviewed pairs
  are not a random sample: the queue picks them by their probability and
  by the persons they would change. Within one probability the verdicts are
  an unbiased estimate only if what the queue also looked at (the size of
  the persons) says nothing more about the truth, which is not checked. The
  verdicts also train the model (:mod:`tally.link.learning`), so a decided
  pair's probability in a later run has been fitted to its own verdict; the
  refit therefore reads each verdict at the probability its pair had in the
  run whose queue showed it, before any model learned from it
  (:func:`shown_probabilities`; each run keeps them in its model JSON as
  ``tally_calibration_points``). The run's notes say which map was used.

Pairs with an unidentified body have a map of their own (:class:`PairCalibration`).

``record_pair.match_probability`` stores the calibrated probability and
``record_pair.model_probability`` the model's (migration 020); clustering
uses the model's, so calibration never changes the persons.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import numpy as np

from tally.errors import TallyError

#: whether a project's verdicts refit the shipped map. Off: the verdicts train
#: the model (tally.link.learning), and a map refitted on the same verdicts,
#: applied to the learned model's probabilities, corrected the same error twice
#: (undecided pairs' mean gap after 100 / 200 / 500 verdicts, 5k: ledger 0.027 /
#: 0.042 / 0.144 refitted against 0.017 / 0.018 / 0.079 with the shipped maps
#: alone; audit 0.035 / 0.042 / 0.143 against 0.031 / 0.022 / 0.059)
REFIT_FROM_VERDICTS = False
#: verdicts on pairs of the run needed before they refit the shipped map
MIN_VERDICTS_TO_REFIT = 100
#: of those, at least this many of each answer
MIN_EACH_ANSWER = 20
#: the shipped map's weight, in pairs, at each of its grid points in a refit
SHIPPED_WEIGHT = 5.0
#: calibrated probabilities stay this far from 0 and 1: no simulated bin
#: shows certainty, and a draw must be able to go either way
EDGE = 1e-3
#: how far a hedged map moves from the nearest profile's answer towards the
#: middle of the profiles' range (0: only as far as the nearest profile says,
#: 1: to the middle); chosen by the leave-one-profile-out error
HEDGE = 0.5
#: the same for pairs with an unidentified body: only as far as the nearest
#: profile says (fewer profiles have bodies, and a pooled map flattened a
#: body's pairs to one probability at 50,000 records, worse out of profile
#: than the model's own there)
BODY_HEDGE = 0.0
#: a profile joins a hedged map with at least this many pairs: a few dozen
#: pairs make a map whose steps are noise, and would widen the range
MIN_PROFILE_PAIRS = 100
#: a hedged map moves a probability only where this many profiles have pairs
#: there: one profile's answer is what the leave-one-out check could not trust
MIN_PROFILES = 2
#: the model probabilities a hedged map is read at (its knots)
HEDGE_GRID = tuple(i / 100 for i in range(101))
#: a pair's rival: another stored pair at one of its two records, joining it to
#: a record of the same list as the pair's other record, that the model would
#: link (model probability at least this, the match threshold). A person is
#: rarely entered twice in one list, so a second candidate there that the
#: model also believes means at most one of them is right: on every development
#: profile, at both sizes, pairs with a rival are over-confident and pairs with
#: none under-confident, and rivals grow with the lists (benchmarks/RESULTS.md,
#: "Link II, wave 7")
RIVAL_FLOOR = 0.5
#: a weak rival: the same, at least this probable (the review band's floor)
WEAK_RIVAL_FLOOR = 0.15
#: a named pair's class (:func:`rival_classes`): 0 no rival, 1 weak rivals only,
#: 2 one rival, 3 two or more; plus 4 when both records are in one list (a
#: list's own duplicates are rarer than a candidate there: over-confident on
#: every profile). Each class has its own map, the same at every size.
RIVAL_CLASSES = 8
#: the namesake bands (:func:`namesake_bands`): how many records of the
#: project give the pair's given name, family name and governorate, when both
#: records do (the upper edges; a last band above). Within one rival class the
#: profiles disagreed (wave 8: heron and mosaic over-confident at 50,000
#: records, independent under-confident) mostly by how many namesakes their
#: pairs have: pairs put at 0.5-0.95 were 92-99% true with 2-3 such records,
#: 42-84% with over 30 and 18-68% where the names or the governorate differ, on
#: every profile (benchmarks/RESULTS.md, "LC4 — calibration by namesakes ... (wave 9)")
NAMESAKE_BANDS = (0, 3, 10, 30)
#: a (rival class, namesake band) gets a map of its own only with this many
#: pairs among the profiles it is fitted on (else its rival class's map)
MIN_CLASS_PAIRS = 200
#: the shipped file's format: 1 (no key) one map or maps by size; 2 adds the
#: form of the maps and their out-of-profile check, which older code ignores;
#: 3 adds maps of named pairs by rival class (``rivals``, one per class); 4
#: adds maps by rival class and namesake band (``namesakes``)
FORMAT_VERSION = 4


@dataclass(frozen=True)
class Calibration:
    """A monotone map from the model's probability to a calibrated one."""

    x: tuple[float, ...]  # model probabilities, increasing
    y: tuple[float, ...]  # calibrated probabilities, non-decreasing
    source: str  # what it was fitted on, in words

    def apply(self, p: Sequence[float] | np.ndarray) -> np.ndarray:
        """Calibrated probabilities of the model's probabilities ``p``."""
        p = np.asarray(p, dtype=float)
        if not self.x:
            return p.copy()
        out = np.interp(p, self.x, self.y)
        return np.clip(out, EDGE, 1 - EDGE)

    def to_dict(self) -> dict:
        return {"x": list(self.x), "y": list(self.y), "source": self.source}

    @classmethod
    def from_dict(cls, data: dict) -> Calibration:
        x, y = tuple(float(v) for v in data["x"]), tuple(float(v) for v in data["y"])
        if len(x) != len(y) or any(b < a for a, b in zip(x, x[1:])) or any(
                b < a for a, b in zip(y, y[1:])):
            raise ValueError("a calibration map needs increasing x and non-decreasing y")
        return cls(x, y, str(data.get("source", "")))


IDENTITY = Calibration((0.0, 1.0), (0.0, 1.0), "none (the model's probability)")


def fit_isotonic(p: Iterable[float], truth: Iterable[float],
                 weights: Iterable[float] | None = None, source: str = "") -> Calibration:
    """Isotonic regression of ``truth`` (1 one person, 0 two) on ``p``, by pool
    adjacent violators; each pooled block becomes a knot at its weighted mean
    probability and share true."""
    p = np.asarray(list(p), dtype=float)
    t = np.asarray(list(truth), dtype=float)
    w = np.ones_like(p) if weights is None else np.asarray(list(weights), dtype=float)
    if p.size == 0:
        return IDENTITY
    order = np.argsort(p, kind="stable")
    p, t, w = p[order], t[order], w[order]
    blocks: list[list[float]] = []  # [sum w, sum w*t, sum w*p]
    for pi, ti, wi in zip(p, t, w):
        blocks.append([wi, wi * ti, wi * pi])
        while len(blocks) > 1 and (blocks[-2][1] / blocks[-2][0]
                                   >= blocks[-1][1] / blocks[-1][0]):
            last = blocks.pop()
            for k in range(3):
                blocks[-1][k] += last[k]
    x = [b[2] / b[0] for b in blocks]
    y = [b[1] / b[0] for b in blocks]
    # pooled blocks can share a mean probability only if their shares are
    # equal (else they would not be separate); keep x strictly increasing
    xs, ys = [], []
    for xi, yi in zip(x, y):
        if xs and xi <= xs[-1]:
            ys[-1] = max(ys[-1], yi)
            continue
        xs.append(xi)
        ys.append(yi)
    return Calibration(tuple(xs), tuple(ys), source)


def fit_hedged(groups: Sequence[tuple[Sequence[float], Sequence[float]]],
               hedge: float = HEDGE, source: str = "") -> Calibration:
    """A map that trusts the simulated profiles only as far as they agree.

    ``groups`` holds each profile's pairs (the model's probability, and 1 where
    the two records are one person). Each profile gets its own isotonic map,
    which speaks only between its lowest and highest pair. At each model
    probability p where at least :data:`MIN_PROFILES` maps speak, they span a
    range [lo, hi]: p is first moved into that range (kept where the profiles
    disagree about which way the model errs, moved to the nearest profile's
    answer where they all say it errs one way), then ``hedge`` of the way
    towards the range's middle. Where fewer speak, p is kept. The result is
    made monotone by pooling adjacent violators, so it never reorders pairs."""
    grid = np.asarray(HEDGE_GRID)
    ys, speaks = [], []
    for p, t in groups:
        p = np.asarray(p, dtype=float)
        if p.size < MIN_PROFILE_PAIRS:
            continue
        ys.append(fit_isotonic(p, t).apply(grid))
        speaks.append((grid >= p.min() - 0.005) & (grid <= p.max() + 0.005))
    if not ys:
        return IDENTITY
    ys, speaks = np.array(ys), np.array(speaks)
    enough = speaks.sum(axis=0) >= MIN_PROFILES
    lo = np.where(speaks, ys, np.inf).min(axis=0)
    hi = np.where(speaks, ys, -np.inf).max(axis=0)
    lo, hi = np.where(enough, lo, grid), np.where(enough, hi, grid)
    near = np.clip(grid, lo, hi)
    y = near + float(hedge) * ((lo + hi) / 2 - near)
    return fit_isotonic(grid, y, source=source)


@dataclass(frozen=True)
class PairCalibration:
    """One map for pairs of two named records, one for pairs with an unidentified
    body: a body is a candidate of every victim of its day and village, so at one
    model probability far fewer of its pairs are true (on the hard profile, 29%
    of all pairs at 0.3–0.4, most of them a body's; 69% on a profile with none)."""

    named: Calibration
    body: Calibration
    source: str
    #: named pairs' maps by class (:func:`pair_classes`): the first
    #: :data:`RIVAL_CLASSES` by rival class alone (format 3), then one per rival
    #: class and namesake band (format 4); empty in maps of format 1 and 2,
    #: where ``named`` serves every named pair
    by_class: tuple[Calibration, ...] = ()

    def apply(self, p: Sequence[float] | np.ndarray,
              body: Sequence[bool] | np.ndarray | None = None,
              classes: Sequence[int] | np.ndarray | None = None) -> np.ndarray:
        """Calibrated probabilities of the model's ``p``; ``body`` marks pairs with
        an unidentified body, ``classes`` each pair's class (:func:`pair_classes`;
        without it, or with maps of an older format, named pairs get the one
        ``named`` map; with maps by rival class alone, the rival class's)."""
        p = np.asarray(p, dtype=float)
        out = self.named.apply(p)
        if classes is not None and self.by_class:
            classes = np.asarray(classes, dtype=int)
            if len(self.by_class) == RIVAL_CLASSES:
                classes = classes % RIVAL_CLASSES
            for k, m in enumerate(self.by_class):
                out[classes == k] = m.apply(p[classes == k])
        if body is not None:
            body = np.asarray(body, dtype=bool)
            out[body] = self.body.apply(p[body])
        return out

    def to_dict(self) -> dict:
        out = {"source": self.source, "named": self.named.to_dict(), "body": self.body.to_dict()}
        if self.by_class:
            out["rivals"] = [m.to_dict() for m in self.by_class[:RIVAL_CLASSES]]
        if len(self.by_class) > RIVAL_CLASSES:
            out["namesakes"] = [m.to_dict() for m in self.by_class[RIVAL_CLASSES:]]
        return out

    @classmethod
    def from_dict(cls, data: dict) -> PairCalibration:
        by_class = tuple(Calibration.from_dict(m) for m in data.get("rivals", ()))
        if by_class and len(by_class) != RIVAL_CLASSES:
            raise ValueError(f"{len(by_class)} maps by rival class, this Tally has "
                             f"{RIVAL_CLASSES} classes")
        banded = tuple(Calibration.from_dict(m) for m in data.get("namesakes", ()))
        bands = RIVAL_CLASSES * (len(NAMESAKE_BANDS) + 1)
        if banded and (not by_class or len(banded) != bands):
            raise ValueError(f"{len(banded)} maps by rival class and namesake band, this Tally "
                             f"has {bands}")
        by_class += banded
        return cls(Calibration.from_dict(data["named"]), Calibration.from_dict(data["body"]),
                   str(data.get("source", "")), by_class)


NO_CALIBRATION = PairCalibration(IDENTITY, IDENTITY, IDENTITY.source)


def _codes(*columns) -> list[np.ndarray]:
    """The columns' values as integer codes of one shared dictionary (Arrow's
    hash encoding: millions of record ids in a second)."""
    import pyarrow as pa

    chunks = []
    for c in columns:
        c = c if isinstance(c, (pa.Array, pa.ChunkedArray)) else pa.array(list(c), pa.string())
        chunks.extend(c.chunks if isinstance(c, pa.ChunkedArray) else [c])
    codes = pa.chunked_array(chunks, pa.string()).dictionary_encode().combine_chunks().indices
    codes = codes.to_numpy(zero_copy_only=False).astype(np.int64)
    out, at = [], 0
    for c in columns:
        out.append(codes[at:at + len(c)])
        at += len(c)
    return out


def rival_counts(left, right, list_l, list_r, p,
                 floors: Sequence[float] = (RIVAL_FLOOR,)) -> list[np.ndarray]:
    """Each pair's rivals at each of ``floors`` (:data:`RIVAL_FLOOR`): at each of
    its two records, the other pairs there, with the model's probability at
    least the floor, whose other record is in the same list as this pair's
    other record; the larger count of the two ends. ``left``/``right`` are the
    pairs' record ids, ``list_l``/``list_r`` their records' lists, ``p`` the
    model's probability. The last item is whether the pair is inside one list."""
    p = np.asarray(p, dtype=float)
    n = p.size
    if n == 0:
        return [np.zeros(0, dtype=int) for _ in floors] + [np.zeros(0, dtype=bool)]
    ends_l, ends_r = _codes(left, right)
    lists_l, lists_r = _codes(list_l, list_r)
    width = int(max(lists_l.max(), lists_r.max())) + 1
    # each pair seen from each end: (this record, the other record's list)
    _, at = np.unique(np.concatenate([ends_l * width + lists_r, ends_r * width + lists_l]),
                      return_inverse=True)
    del ends_l, ends_r
    out = []
    for floor in floors:
        strong = np.concatenate([p, p]) >= floor
        others = np.bincount(at, weights=strong, minlength=int(at.max()) + 1)[at] - strong
        out.append(np.maximum(others[:n], others[n:]).astype(int))
    return out + [lists_l == lists_r]


def rival_classes(left, right, list_l, list_r, p) -> np.ndarray:
    """Each pair's rival class (:data:`RIVAL_CLASSES`): 0 no rival at
    :data:`WEAK_RIVAL_FLOOR`, 1 weak rivals only, 2 one rival at
    :data:`RIVAL_FLOOR`, 3 more; plus 4 when both records are in one list."""
    strong, weak, within = rival_counts(left, right, list_l, list_r, p,
                                        (RIVAL_FLOOR, WEAK_RIVAL_FLOOR))
    band = np.where(strong > 0, np.minimum(strong, 2) + 1, (weak > 0).astype(int))
    return band + 4 * within


def namesake_bands(namesakes) -> np.ndarray:
    """Each pair's namesake band, 1 to ``len(NAMESAKE_BANDS) + 1``
    (:data:`NAMESAKE_BANDS`), from how many records of the project give its
    records' given name, family name and governorate where both records give
    the same (0 where they differ or one is missing: band 1)."""
    n = np.asarray(namesakes, dtype=float)
    return np.searchsorted(np.asarray(NAMESAKE_BANDS, float), n, side="left") + 1


def pair_classes(rivals, bands=None) -> np.ndarray:
    """A named pair's calibration class: its rival class (:func:`rival_classes`)
    plus :data:`RIVAL_CLASSES` times its namesake band (:func:`namesake_bands`;
    band 0, the rival class alone, where the band is not known)."""
    rivals = np.asarray(rivals, dtype=int)
    return rivals if bands is None else rivals + RIVAL_CLASSES * np.asarray(bands, dtype=int)


def pair_rivals(pairs, features) -> np.ndarray:
    """:func:`pair_classes` of a link run's pairs (``record_id_l``,
    ``record_id_r``, the model's ``match_probability``): each record's list read
    from the link input (``unique_id``, ``source_id``), and where it has them,
    its namesakes (``name_gov``, ``name_count``: tally.link.features)."""
    import pyarrow.compute as pc

    ids, lists = features.column("unique_id"), features.column("source_id")
    left, right = pairs.column("record_id_l"), pairs.column("record_id_r")
    at_l, at_r = pc.index_in(left, value_set=ids), pc.index_in(right, value_set=ids)
    list_l, list_r = pc.take(lists, at_l), pc.take(lists, at_r)
    rivals = rival_classes(left, right, pc.fill_null(list_l, ""), pc.fill_null(list_r, ""),
                           pairs.column("match_probability").to_numpy())
    if "name_gov" not in features.column_names or "name_count" not in features.column_names:
        return rivals
    key, count = features.column("name_gov"), features.column("name_count")
    same = pc.fill_null(pc.equal(pc.take(key, at_l), pc.take(key, at_r)), False)
    most = pc.max_element_wise(pc.take(count, at_l), pc.take(count, at_r))
    shared = pc.if_else(same, pc.fill_null(most, 0), 0)
    return pair_classes(rivals, namesake_bands(shared.to_numpy(zero_copy_only=False)))


def _blend(a: Calibration, b: Calibration, w: float, source: str) -> Calibration:
    """``(1 - w)·a + w·b``, exactly (both are linear between their knots), monotone."""
    x = np.union1d(np.asarray(a.x, float), np.asarray(b.x, float))
    if not x.size:
        return a
    y = (1 - w) * a.apply(x) + w * b.apply(x)
    return Calibration(tuple(map(float, x)), tuple(map(float, np.maximum.accumulate(y))), source)


@dataclass(frozen=True)
class ShippedCalibration:
    """Maps fitted at several project sizes. The share of stored pairs that are
    one person at a given model probability depends on the size: the more
    records, the more namesakes reach the stored range (on held-out field lists,
    pairs at 0.5-0.8 are 70-80% true at 5,000 records and 22-27% at 50,000).
    A project gets the maps of its size, interpolated in log(records) between
    the nearest fitted sizes, and the nearest one's outside them."""

    sizes: tuple[tuple[int, PairCalibration], ...]
    source: str
    #: how the maps were fitted and what the leave-one-profile-out check said
    #: of them, in words (format 2; empty for an older file)
    check: str = ""

    def for_records(self, records: int) -> PairCalibration:
        if not self.sizes:
            return NO_CALIBRATION
        sizes = sorted(self.sizes, key=lambda s: s[0])
        if records <= sizes[0][0] or len(sizes) == 1:
            return sizes[0][1]
        for (n1, c1), (n2, c2) in zip(sizes, sizes[1:]):
            if n1 <= records <= n2:
                w = (math.log(records) - math.log(n1)) / (math.log(n2) - math.log(n1))
                source = f"{self.source}; between the maps at {n1:,} and {n2:,} records"
                by_class = (tuple(_blend(a, b, w, source) for a, b in zip(c1.by_class, c2.by_class))
                            if len(c1.by_class) == len(c2.by_class) else ())
                return PairCalibration(_blend(c1.named, c2.named, w, source),
                                       _blend(c1.body, c2.body, w, source), source, by_class)
        return sizes[-1][1]

    def to_dict(self) -> dict:
        return {"version": FORMAT_VERSION, "source": self.source, "check": self.check,
                "sizes": [{"records": n, **c.to_dict()} for n, c in self.sizes]}

    @classmethod
    def from_dict(cls, data: dict) -> ShippedCalibration:
        """Maps from the shipped file's JSON: format 3, 2 (no maps by rival count:
        named pairs get one map), or 1 (no ``version``: one map for every size, or
        maps by size). A newer format, or maps that are not monotone, raise
        :class:`tally.errors.TallyError` naming the file."""
        version = data.get("version", 1)
        if not isinstance(version, int) or not 1 <= version <= FORMAT_VERSION:
            raise TallyError(
                f"link_calibration.json is in format {version!r}, this Tally reads formats 1 to "
                f"{FORMAT_VERSION}: refit it with benchmarks/fit_calibration.py or upgrade Tally")
        try:
            if "sizes" not in data:  # one map for every size
                sizes = ((0, PairCalibration.from_dict(data)),)
            else:
                sizes = tuple((int(d["records"]), PairCalibration.from_dict(d))
                              for d in data["sizes"])
        except (KeyError, TypeError, ValueError) as exc:
            raise TallyError(f"link_calibration.json is not a calibration map: {exc}") from exc
        return cls(sizes, str(data.get("source", "")), str(data.get("check", "")))


@lru_cache(maxsize=1)
def shipped_maps() -> ShippedCalibration:
    """The maps fitted on simulated tuning projects (``benchmarks/fit_calibration.py``)."""
    ref = resources.files("tally.data").joinpath("link_calibration.json")
    try:
        return ShippedCalibration.from_dict(json.loads(ref.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return ShippedCalibration((), NO_CALIBRATION.source)


def shipped(records: int = 5000) -> PairCalibration:
    """The shipped maps for a project of ``records`` records."""
    return shipped_maps().for_records(records)


def refit_from_verdicts(base: PairCalibration, p: Sequence[float], matches: Sequence[bool],
                        refit: bool = REFIT_FROM_VERDICTS) -> tuple[PairCalibration, str]:
    """``base``'s map of named pairs refitted on a project's verdicts (the model's
    probability of each decided pair of two named records when it was shown, and
    whether it was called a match), when ``refit`` and there are enough; else
    ``base``. Returns the maps and a note saying which were used.

    Off by default (:data:`REFIT_FROM_VERDICTS`): the verdicts also train the
    model, so a map refitted on them corrects the same error a second time."""
    n, yes = len(p), int(sum(bool(m) for m in matches))
    if not refit:
        return base, (f"probabilities calibrated by the shipped map ({base.source}); the "
                      f"{n} verdicts on named pairs train the model, not the map (a map "
                      "refitted on them corrected the same error twice)")
    if n < MIN_VERDICTS_TO_REFIT or min(yes, n - yes) < MIN_EACH_ANSWER:
        return base, (f"probabilities calibrated by the shipped map ({base.source}); {n} "
                      f"verdicts on named pairs shown in a review queue "
                      f"({MIN_VERDICTS_TO_REFIT}, with {MIN_EACH_ANSWER} of each answer, "
                      "refit it)")
    grid = np.linspace(0.005, 0.995, 100)
    prior = base.named.apply(grid)
    named = fit_isotonic(
        np.concatenate([np.asarray(p, float), grid]),
        np.concatenate([np.asarray(matches, float), prior]),
        np.concatenate([np.ones(n), np.full(grid.size, SHIPPED_WEIGHT)]),
        source=f"refitted on {n} verdicts")
    refit = PairCalibration(named, base.body, f"{base.source}; named pairs refitted on {n} "
                            "verdicts")
    return refit, (f"probabilities calibrated by a map refitted on {n} reviewers' verdicts "
                   f"({yes} match) over the shipped map ({base.source}); reviewed pairs were "
                   "chosen by the queue, not at random")


@dataclass(frozen=True)
class Bin:
    """One row of a reliability table."""

    low: float
    high: float
    count: int
    mean_predicted: float
    share_true: float


def reliability(p: Sequence[float], truth: Sequence[bool], bins: int = 10) -> list[Bin]:
    """Pairs by probability bin (0-0.1, ..., 0.9-1): how many, their mean
    probability, and the share truly one person. Calibrated: the last two agree."""
    p = np.asarray(p, dtype=float)
    t = np.asarray(truth, dtype=float)
    k = np.minimum((p * bins).astype(int), bins - 1)
    out = []
    for i in range(bins):
        sel = k == i
        n = int(sel.sum())
        out.append(Bin(i / bins, (i + 1) / bins, n, float(p[sel].mean()) if n else float("nan"),
                       float(t[sel].mean()) if n else float("nan")))
    return out


def calibration_error(rows: list[Bin]) -> float:
    """Expected calibration error of a reliability table: the pairs' mean
    distance between their bin's mean probability and its share true (0 for no
    pairs). The one figure the benchmarks compare maps by."""
    n = sum(b.count for b in rows)
    return sum(b.count * abs(b.mean_predicted - b.share_true) for b in rows if b.count) / max(n, 1)


def format_reliability(rows: list[Bin]) -> str:
    """A reliability table as Markdown rows: bin | count | mean predicted | share true."""
    return "\n".join(f"| {b.low:.1f}–{b.high:.1f} | {b.count:,} | "
                     + (f"{b.mean_predicted:.2f} | {b.share_true:.2f} |" if b.count else "– | – |")
                     for b in rows)


def shown_probabilities(con) -> dict[tuple[str, str], float]:
    """Each verdict's pair and the model probability it had when a reviewer was
    shown it: pairs decided against the latest run, at that run's probability
    (``record_pair.model_probability``), and those the latest run kept from
    earlier runs (its model's ``tally_calibration_points``). Read before a new
    run replaces the pairs; a pair keeps the first probability it was shown at."""
    run = con.execute(
        "SELECT run_id, model FROM link_run ORDER BY started_at DESC LIMIT 1").fetchall()
    if not run:
        return {}
    run_id, model = run[0]
    try:
        kept = {(a, b): float(p) for a, b, p in
                json.loads(model or "{}").get("tally_calibration_points", [])}
    except (ValueError, TypeError):  # a model JSON from before the points were kept
        kept = {}
    rows = con.execute(
        """SELECT d.record_id_l, d.record_id_r, coalesce(p.model_probability, p.match_probability)
           FROM review_decision d JOIN record_pair p ON p.run_id = d.run_id
                AND least(p.record_id_l, p.record_id_r) = d.record_id_l
                AND greatest(p.record_id_l, p.record_id_r) = d.record_id_r
           WHERE d.run_id = ?""", [run_id]).fetchall()
    for a, b, p in rows:
        kept.setdefault((a, b), float(p))
    return kept
