"""Charts as inline SVG, written by hand: no library, no script, no network.

Each function takes plain numbers and returns one ``<svg>`` element as text,
with a ``data-chart`` attribute naming it and a ``<title>`` on every mark
(the browser shows it as a tooltip).

    >>> svg = bar_chart([("male", 80, 0.8), ("female", 20, 0.2)], "sex")
    >>> svg.startswith("<svg")
    True
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from tally.report import boundaries
from tally.report.safe import escape

#: Colours that stay distinguishable for common colour-vision deficiencies (Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999", "#000000")

def _fmt(n: float) -> str:
    return f"{n:,.0f}"


def _svg_open(name: str, width: float, height: float, label: str) -> str:
    return (f'<svg data-chart="{escape(name)}" '
            f'role="img" aria-label="{escape(label)}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="100%" style="max-width:{width:.0f}px">')


def bar_chart(rows: list[tuple[str, int, float]], name: str, width: int = 560) -> str:
    """Horizontal bars: label, count, share of the total."""
    bar_h, gap, left, right = 20, 6, 210, 120
    height = len(rows) * (bar_h + gap) + gap
    top = max((n for _, n, _ in rows), default=0) or 1
    parts = [_svg_open(name, width, height, f"{name}: counts and shares")]
    for i, (label, n, share) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = (width - left - right) * n / top
        # in right-to-left text "start" is the right end, next to the bar
        anchor = ('start" direction="rtl" unicode-bidi="embed' if _is_arabic(label) else "end")
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="{anchor}" class="lbl">'
            f'{escape(_clip(label, 30))}</text>'
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[0]}">'
            f'<title>{escape(label)}: {_fmt(n)} ({share:.1%})</title></rect>'
            f'<text x="{left + w + 6:.1f}" y="{y + 15}" class="num">{_fmt(n)} · {share:.1%}</text>')
    parts.append("</svg>")
    return "".join(parts)


def nice_ticks(top: float, target: int = 5) -> list[float]:
    """Axis ticks from 0 past ``top`` at a step of 1, 2 or 5 × 10^k, about ``target``
    intervals: 29 → 0, 5 … 30 and 718 → 0, 200 … 800 (not 7, 14, 22, 29)."""
    step = _nice_step(max(top, 1) / target)
    count = max(math.ceil(top / step - 1e-9), 1)
    return [step * k for k in range(count + 1)]


def date_ticks(first: date, last: date) -> list[date]:
    """Dates to label on a time axis from ``first`` to ``last``: every Monday for a span
    of up to 8 weeks, else the first of every month, quarter or year (about 4-12 labels)."""
    if last < first:
        return []
    days = (last - first).days
    if days <= 56:
        start = first + timedelta(days=(7 - first.weekday()) % 7)
        return [start + timedelta(weeks=k) for k in range((last - start).days // 7 + 1)]
    months = (last.year - first.year) * 12 + last.month - first.month
    every = next(m for m in (1, 2, 3, 6, 12, 24, 60) if months / m <= 12)
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        d = date(y, m, 1)
        if first <= d and (m - 1) % every == 0 and (every < 12 or y % (every // 12) == 0):
            out.append(d)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def stacked_weeks(weeks: list[date], groups: list[str], counts: dict[tuple[date, str], int],
                  name: str = "timeline", width: int = 900, height: int = 260) -> str:
    """Columns per week, stacked by group, with a legend, nice count ticks and date ticks
    (Mondays for a short span, month starts for a longer one)."""
    left, bottom, top_pad = 50, 40, 30
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    totals = [sum(counts.get((w, g), 0) for g in groups) for w in weeks]
    ticks = nice_ticks(max(totals, default=0) or 1)
    top = ticks[-1]
    col = plot_w / max(len(weeks), 1)
    parts = [_svg_open(name, width, height, "documented deaths per week")]
    for v in ticks:  # horizontal grid
        y = top_pad + plot_h - plot_h * v / top
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="num">'
                     f'{_fmt(v)}</text>')
    for i, w in enumerate(weeks):
        x = left + i * col
        y = top_pad + plot_h
        for j, g in enumerate(groups):
            n = counts.get((w, g), 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(f'<rect x="{x + 0.5:.1f}" y="{y:.1f}" width="{max(col - 1, 0.5):.1f}" '
                         f'height="{h:.1f}" fill="{PALETTE[j % len(PALETTE)]}"><title>week of '
                         f'{w.isoformat()}, {escape(g)}: {_fmt(n)}</title></rect>')
    if weeks:
        last = weeks[-1] + timedelta(days=6)
        days = (last - weeks[0]).days
        for k, d in enumerate(date_ticks(weeks[0], last)):
            x = left + plot_w * (d - weeks[0]).days / (len(weeks) * 7)
            label = (d.strftime("%-d %b") if days <= 56 else
                     d.strftime("%b %Y" if k == 0 or d.month == 1 else "%b"))
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top_pad + plot_h}" '
                         f'y2="{top_pad + plot_h + 4}" class="grid" stroke="#888"/>'
                         f'<text x="{x:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" '
                         f'class="num tick">{label}</text>')
    x = left
    for j, g in enumerate(groups):
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{PALETTE[j % len(PALETTE)]}"/>'
                     f'<text x="{x + 16}" y="16" class="lbl">{escape(g)}</text>')
        x += 24 + 8 * len(g)
    parts.append("</svg>")
    return "".join(parts)


def project_lonlat(lon: float, lat: float, width: float, height: float) -> tuple[float, float]:
    """Equirectangular projection at Syria's middle latitude onto a ``width`` x ``height``
    frame that holds the whole outline (:mod:`tally.report.boundaries`)."""
    west, south, east, north = boundaries.bounds()
    cos = math.cos(math.radians((south + north) / 2))
    s = min(width / ((east - west) * cos), height / (north - south))
    return (lon - west) * cos * s, (north - lat) * s


def _km_per_px(width: float, height: float) -> float:
    west, south, east, north = boundaries.bounds()
    x0, _ = project_lonlat(west, north, width, height)
    x1, _ = project_lonlat(east, north, width, height)
    cos = math.cos(math.radians((south + north) / 2))
    return (east - west) * 111.32 * cos / (x1 - x0)


def _legend_values(top: float) -> list[float]:
    """Up to three round values for the size legend: the largest 1, 2 or 5 x 10^k not
    above ``top``, then about a quarter and a twentieth of it."""
    if top < 1:
        return []
    big = max(v for v in (m * 10 ** k for k in range(0, 9) for m in (1, 2, 5)) if v <= top)
    out = [big]
    for frac in (0.25, 0.05):
        v = max((w for w in (m * 10 ** k for k in range(0, 9) for m in (1, 2, 5))
                 if w <= big * frac), default=None)
        if v is not None and v < out[-1]:
            out.append(v)
    return out


def _path(rings, xy) -> str:
    return " ".join("M" + " L".join("{:.1f},{:.1f}".format(*xy(lo, la)) for lo, la in r) + "Z"
                    for r in rings)


def _free(box: tuple[float, float, float, float], taken: list) -> bool:
    x0, y0, x1, y1 = box
    return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in taken)


def settle_on_land(lon: float, lat: float, r_px: float,
                   deg: tuple[float, float]) -> tuple[float, float]:
    """Where a circle of ``r_px`` pixels centred at (lon, lat) goes: there, when its edge
    is on land; else moved inland, away from the part of its edge in the sea, by as few
    pixels as it takes (at most its radius), so that a coastal place's symbol does not
    spill into the sea. A point outside the outline is left where it is."""
    if not boundaries.on_land(lon, lat):
        return lon, lat
    angles = [2 * math.pi * k / 16 for k in range(16)]

    def wet(cx: float, cy: float) -> list[float]:
        return [a for a in angles if not boundaries.on_land(
            cx + 0.9 * r_px * math.cos(a) * deg[0], cy - 0.9 * r_px * math.sin(a) * deg[1])]

    off = wet(lon, lat)
    if not off:
        return lon, lat
    ux, uy = -sum(math.cos(a) for a in off), -sum(math.sin(a) for a in off)
    norm = math.hypot(ux, uy)
    if norm < 1e-9:
        return lon, lat
    ux, uy = ux / norm, uy / norm
    best = (len(off), lon, lat)
    for step in range(1, int(r_px) + 1):
        cx, cy = lon + step * ux * deg[0], lat - step * uy * deg[1]
        if not boundaries.on_land(cx, cy):
            break
        n = len(wet(cx, cy))
        if n < best[0]:
            best = (n, cx, cy)
        if n == 0:
            break
    return best[1], best[2]


def syria_map(points: list[dict], name: str = "map", width: int = 640, height: int = 520,
              max_radius: float = 40.0, caption: str = "documented victims") -> str:
    """Proportional circles (area ∝ count) on Syria's governorates and outline.

    ``points``: dicts with ``lon``, ``lat``, ``n``, ``name_en``, ``name_ar``, and
    ``label`` (True: name it on the map; labels that would overlap one already placed
    are left out, the table beside the map lists every unit). Boundaries are Natural
    Earth 1:10m (:mod:`tally.report.boundaries`); a scale bar, and a size legend with
    round values and its caption, go in the corners Syria leaves empty.
    """
    parts = [_svg_open(name, width, height, "map of Syria: documented deaths by place")]
    pad = 8
    padx = max(pad, 0.8 * max_radius)  # room for a coastal circle west of the coast

    def xy(lon: float, lat: float) -> tuple[float, float]:
        x, y = project_lonlat(lon, lat, width - 2 * padx, height - 2 * pad)
        return x + padx, y + pad

    for unit in boundaries.governorates():
        title = escape(unit["name"]) if unit["iso3166_2"] else "UN buffer zone (UNDOF)"
        parts.append(f'<path d="{_path(unit["rings"], xy)}" class="land'
                     f'{"" if unit["iso3166_2"] else " buffer"}"><title>{title}</title></path>')
    parts.append(f'<path d="{_path(boundaries.country_rings(), xy)}" class="border"/>')
    top = max((p["n"] for p in points), default=0) or 1
    taken: list[tuple[float, float, float, float]] = []
    placed = []
    x0, y0 = xy(36.0, 35.0)
    x1, y1 = xy(37.0, 34.0)
    deg = (1 / (x1 - x0), 1 / (y1 - y0))  # degrees per pixel, east and south
    for p in sorted(points, key=lambda p: -p["n"]):  # small circles drawn over large ones
        r = max(max_radius * math.sqrt(p["n"] / top), 2.0)
        lon, lat = settle_on_land(p["lon"], p["lat"], r, deg)
        x, y = xy(lon, lat)
        placed.append((p, x, y, r))
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" class="sym" '
                     f'data-lon="{lon:.4f}" data-lat="{lat:.4f}" data-r-deg="{r * deg[0]:.4f}">'
                     f'<title>{escape(p["name_en"])} / {escape(p["name_ar"])}: '
                     f'{_fmt(p["n"])}</title></circle>')
    # legend (bottom right, south-east of Syria's outline) and scale bar (top left)
    values = _legend_values(top)
    lx, base = width - 56 - max_radius, height - 14
    legend_top = base - 2 * max_radius * math.sqrt(values[0] / top) if values else base
    taken.append((lx - max_radius - 50, legend_top - 40, width, height))
    parts.append(f'<g class="legend"><text x="{lx + 10}" y="{legend_top - 26:.1f}" '
                 f'text-anchor="middle" class="num caption">circle area:</text>'
                 f'<text x="{lx + 10}" y="{legend_top - 12:.1f}" text-anchor="middle" '
                 f'class="num caption">{escape(caption)}</text>')
    for v in values:
        r = max_radius * math.sqrt(v / top)
        parts.append(f'<circle cx="{lx}" cy="{base - r:.1f}" r="{r:.1f}" class="leg"/>'
                     f'<line x1="{lx}" x2="{lx + max_radius + 6:.1f}" y1="{base - 2 * r:.1f}" '
                     f'y2="{base - 2 * r:.1f}" class="leg"/><text x="{lx + max_radius + 8:.1f}" '
                     f'y="{base - 2 * r + 4:.1f}" class="num">{_fmt(v)}</text>')
    parts.append("</g>")
    km = 100
    bar = km / _km_per_px(width - 2 * padx, height - 2 * pad)
    taken.append((0, 0, 20 + bar + 40, 44))
    parts.append(f'<g class="scale"><line x1="16" x2="{16 + bar:.1f}" y1="30" y2="30" '
                 f'stroke="#444" stroke-width="2"/><line x1="16" x2="16" y1="25" y2="35" '
                 f'stroke="#444"/><line x1="{16 + bar:.1f}" x2="{16 + bar:.1f}" y1="25" y2="35" '
                 f'stroke="#444"/><text x="16" y="20" class="num">{km} km</text></g>')
    circles = [(x - r, y - r, x + r, y + r) for _, x, y, r in placed]
    for p, x, y, r in placed:  # labels: largest first, each where it covers no other label
        if not p.get("label"):  # (and, where it can, no other circle)
            continue
        text = _clip(p["name_en"], 22)
        w, h = 6.8 * len(text), 12
        spots = [(x + r + 3, y - h / 2, "start"), (x - r - 3 - w, y - h / 2, "end"),
                 (x - w / 2, y + r + 1, "middle"), (x - w / 2, y - r - h - 1, "middle")]
        own = (x - r, y - r, x + r, y + r)
        others = [c for c in circles if c != own]
        fits = [s for s in spots if 0 <= s[0] and s[0] + w <= width and 0 <= s[1]
                and s[1] + h <= height and _free((s[0], s[1], s[0] + w, s[1] + h), taken)]
        clear = [s for s in fits if _free((s[0], s[1], s[0] + w, s[1] + h), others)]
        for bx, by, anchor in (clear or fits)[:1]:
            taken.append((bx, by, bx + w, by + h))
            tx = {"start": bx, "end": bx + w, "middle": bx + w / 2}[anchor]
            parts.append(f'<text x="{tx:.1f}" y="{by + h - 2:.1f}" text-anchor="{anchor}" '
                         f'class="lbl maplbl">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def upset(set_names: list[str], combos: list[tuple[list[str], int]], name: str = "overlaps",
          width: int = 760) -> str:
    """UpSet-style: one bar per exact combination of sources, dots below saying which."""
    left, bar_area, row_h = 150, 160, 20
    height = bar_area + 30 + row_h * len(set_names) + 10
    col = (width - left - 10) / max(len(combos), 1)
    top = max((n for _, n in combos), default=0) or 1
    parts = [_svg_open(name, width, height, "persons by combination of sources")]
    for i, s in enumerate(set_names):
        y = bar_area + 30 + i * row_h
        parts.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" class="lbl">'
                     f'{escape(s)}</text>')
    for j, (members, n) in enumerate(combos):
        cx = left + col * (j + 0.5)
        h = (bar_area - 20) * n / top
        parts.append(f'<rect x="{cx - col * 0.35:.1f}" y="{bar_area - h:.1f}" '
                     f'width="{col * 0.7:.1f}" height="{h:.1f}" fill="{PALETTE[0]}">'
                     f'<title>{escape(" + ".join(members))} only: {_fmt(n)}</title></rect>'
                     f'<text x="{cx:.1f}" y="{bar_area - h - 4:.1f}" text-anchor="middle" '
                     f'class="num">{_fmt(n)}</text>')
        ys = []
        for i, s in enumerate(set_names):
            y = bar_area + 30 + i * row_h
            on = s in members
            if on:
                ys.append(y)
            parts.append(f'<circle cx="{cx:.1f}" cy="{y}" r="5" class="{"on" if on else "off"}"/>')
        if len(ys) > 1:
            parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{min(ys)}" y2="{max(ys)}" '
                         f'class="link"/>')
    parts.append("</svg>")
    return "".join(parts)


def forest(rows: list[dict], name: str = "forest", width: int = 760) -> str:
    """Per stratum: documented (square) and estimated total (dot) with its interval (line).

    Rows with a ``group`` (a stratification: "all", "by governorate") are drawn as
    panels in the order given, each on its own scale, so that strata of a few
    hundred are not squeezed beside a total of thousands. Each row is a ``<g>``
    carrying its numbers as ``data-`` attributes.
    """
    left, right, row_h, head_h, axis_h = 200, 20, 28, 26, 24
    plot_w = width - left - right
    panels: list[tuple[str, list[dict]]] = []
    for r in rows:
        g = r.get("group", "")
        if not panels or panels[-1][0] != g:
            panels.append((g, []))
        panels[-1][1].append(r)
    height = 24 + sum(head_h * bool(g) + row_h * len(rs) + axis_h for g, rs in panels)
    parts = [_svg_open(name, width, height, "documented and estimated totals per stratum"),
             f'<rect x="{left}" y="6" width="10" height="10" fill="{PALETTE[1]}"/>'
             f'<text x="{left + 14}" y="15" class="lbl">documented</text>'
             f'<circle cx="{left + 115}" cy="11" r="5" fill="{PALETTE[0]}"/>'
             f'<text x="{left + 124}" y="15" class="lbl">estimated, 95% interval</text>']
    y0 = 24
    for group, prs in panels:
        step = _nice_step(max([(r.get("upper") or r.get("n_hat") if _quotable(r) else None)
                               or r["n_observed"] for r in prs] or [1]) * 1.02 / 4)
        ticks = [step * k for k in range(5)]
        hi = ticks[-1]

        def x(v: float, hi: float = hi) -> float:
            return left + plot_w * v / hi

        if group:
            parts.append(f'<text x="4" y="{y0 + 17}" class="lbl" font-weight="bold">'
                         f'{escape(group)}</text>')
            y0 += head_h
        bottom = y0 + row_h * len(prs)
        for v in ticks:
            parts.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{y0}" y2="{bottom}" '
                         f'class="grid"/><text x="{x(v):.1f}" y="{bottom + 14}" '
                         f'text-anchor="middle" class="num">{_fmt(v)}</text>')
        for i, r in enumerate(prs):
            y = y0 + i * row_h + row_h / 2
            quote = _quotable(r)
            attrs = " ".join(f'data-{k}="{escape(str(r[f]))}"' for k, f in (
                ("observed", "n_observed"), ("n-hat", "n_hat"), ("lower", "lower"),
                ("upper", "upper")) if r.get(f) is not None and (quote or f == "n_observed"))
            parts.append(f'<g class="forest-row" data-stratum="{escape(r.get("key", r["label"]))}" '
                         f'data-quotable="{str(quote).lower()}" '
                         f'{attrs}><text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" '
                         f'class="lbl">{escape(_clip(r["label"], 30))}</text>')
            if not quote:  # marked, and no dot or interval that could be read as a number
                parts.append(f'<text x="{x(r["n_observed"]) + 10:.1f}" y="{y + 4:.1f}" '
                             f'class="num">not quoted: '
                             f'{"refused" if r.get("refused") else "unreliable fit"}</text>')
            elif r.get("lower") is not None and r.get("upper") is not None:
                parts.append(f'<line x1="{x(r["lower"]):.1f}" x2="{x(r["upper"]):.1f}" '
                             f'y1="{y:.1f}" y2="{y:.1f}" stroke="{PALETTE[0]}" stroke-width="2">'
                             f'<title>{_fmt(r["lower"])}–{_fmt(r["upper"])}</title></line>')
            if quote and r.get("n_hat") is not None:
                parts.append(f'<circle cx="{x(r["n_hat"]):.1f}" cy="{y:.1f}" r="5" '
                             f'fill="{PALETTE[0]}"><title>estimated {_fmt(r["n_hat"])}</title>'
                             f'</circle>')
            parts.append(f'<rect x="{x(r["n_observed"]) - 5:.1f}" y="{y - 5:.1f}" width="10" '
                         f'height="10" fill="{PALETTE[1]}"><title>documented '
                         f'{_fmt(r["n_observed"])}</title></rect></g>')
        y0 = bottom + axis_h
    parts.append("</svg>")
    return "".join(parts)


def _quotable(row: dict) -> bool:
    """A forest row's ``quotable`` (set from :func:`tally.estimate.results.quotable`);
    rows without it are plain numbers to draw."""
    return bool(row.get("quotable", True)) and row.get("n_hat") is not None


def _nice_step(raw: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at least ``raw``, and at least 1 (counts are whole):
    axis ticks people can read."""
    if raw <= 1:
        return 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw - 1e-9)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)
