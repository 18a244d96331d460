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

from tally.report.safe import escape

#: Colours that stay distinguishable for common colour-vision deficiencies (Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999", "#000000")

#: A simplified outline of Syria's borders (lon, lat), approximate to a few km;
#: enough to place symbols, not a statement about any boundary.
SYRIA_OUTLINE: tuple[tuple[float, float], ...] = (
    (35.92, 35.93), (36.16, 35.82), (36.38, 36.01), (36.69, 36.24), (36.56, 36.50),
    (36.66, 36.83), (37.05, 36.62), (37.45, 36.64), (38.03, 36.84), (38.22, 36.91),
    (38.73, 36.70), (39.23, 36.66), (40.09, 36.93), (40.93, 37.12), (41.53, 37.08),
    (42.18, 37.29), (42.36, 37.11), (41.84, 36.60), (41.40, 36.52), (41.29, 36.36),
    (41.23, 35.84), (41.38, 35.63), (41.20, 34.77), (40.94, 34.42), (38.79, 33.38),
    (36.84, 32.31), (36.41, 32.38), (35.79, 32.74), (35.64, 32.69), (35.82, 33.29),
    (35.94, 33.64), (36.26, 33.85), (36.62, 34.20), (36.44, 34.50), (36.36, 34.64),
    (35.97, 34.64), (35.88, 34.91), (35.94, 35.18), (35.92, 35.37), (35.77, 35.52),
    (35.78, 35.83), (35.92, 35.93),
)

_LON0, _LON1, _LAT0, _LAT1 = 35.4, 42.6, 32.1, 37.5
_COS = math.cos(math.radians(35.0))


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
    """Equirectangular projection at 35°N onto the map's frame."""
    sx = width / ((_LON1 - _LON0) * _COS)
    sy = height / (_LAT1 - _LAT0)
    s = min(sx, sy)
    return (lon - _LON0) * _COS * s, (_LAT1 - lat) * s


def syria_map(points: list[dict], name: str = "map", width: int = 640, height: int = 520,
              max_radius: float = 40.0) -> str:
    """Proportional circles (area ∝ count) at each unit's gazetteer coordinates.

    ``points``: dicts with ``lon``, ``lat``, ``n``, ``name_en``, ``name_ar``.
    """
    parts = [_svg_open(name, width, height, "map of Syria: documented deaths by place")]
    pad = max_radius * 0.6

    def xy(lon: float, lat: float) -> tuple[float, float]:
        x, y = project_lonlat(lon, lat, width - 2 * pad, height - 2 * pad)
        return x + pad, y + pad

    outline = " ".join("{:.1f},{:.1f}".format(*xy(lo, la)) for lo, la in SYRIA_OUTLINE)
    parts.append(f'<polygon points="{outline}" class="land"/>')
    top = max((p["n"] for p in points), default=0) or 1
    for p in sorted(points, key=lambda p: -p["n"]):  # small circles drawn over large ones
        x, y = xy(p["lon"], p["lat"])
        r = max(max_radius * math.sqrt(p["n"] / top), 2.0)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" class="sym">'
                     f'<title>{escape(p["name_en"])} / {escape(p["name_ar"])}: '
                     f'{_fmt(p["n"])}</title></circle>')
        if p.get("label"):
            parts.append(f'<text x="{x:.1f}" y="{y + r + 11:.1f}" text-anchor="middle" '
                         f'class="lbl">{escape(p["name_en"])}</text>')
    # legend: three reference circles
    for i, frac in enumerate((1.0, 0.25, 0.04)):
        r = max_radius * math.sqrt(frac)
        cy = height - 10 - r
        parts.append(f'<circle cx="{width - 60}" cy="{cy:.1f}" r="{r:.1f}" class="leg"/>'
                     f'<text x="{width - 60}" y="{cy - r - 2:.1f}" text-anchor="middle" '
                     f'class="num">{_fmt(top * frac)}</text>' if i == 0 else
                     f'<circle cx="{width - 60}" cy="{cy:.1f}" r="{r:.1f}" class="leg"/>')
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
                             f'class="num">not quoted: {"refused" if r.get("refused") else "unreliable fit"}</text>')
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
