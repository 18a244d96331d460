"""Charts: well-formed SVG with escaped labels, marks where the numbers say."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from tally.report import charts


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_bar_chart_escapes_labels_and_scales_bars():
    svg = charts.bar_chart([("<b>&", 30, 0.75), ("قوات", 10, 0.25)], "by-x")
    root = parse(svg)
    widths = [float(r.get("width")) for r in root.iter("rect")]
    assert abs(widths[0] - 3 * widths[1]) < 0.2
    assert "&lt;b&gt;&amp;" in svg and 'direction="rtl"' in svg
    assert root.get("data-chart") == "by-x"


def test_stacked_weeks_heights_add_up():
    weeks = [date(2025, 3, 3), date(2025, 3, 10)]
    counts = {(weeks[0], "civilian"): 6, (weeks[0], "combatant"): 2, (weeks[1], "civilian"): 4}
    root = parse(charts.stacked_weeks(weeks, ["civilian", "combatant"], counts))
    bars = [r for r in root.iter("rect") if r.find("title") is not None]
    heights = {r.find("title").text: float(r.get("height")) for r in bars}
    assert len(bars) == 3
    assert abs(heights["week of 2025-03-03, civilian: 6"] - 3 * heights[
        "week of 2025-03-03, combatant: 2"]) < 0.2


def test_projection_puts_syria_inside_the_frame():
    from tally.report import boundaries

    for ring in boundaries.country_rings():
        for lon, lat in ring:
            x, y = charts.project_lonlat(lon, lat, 640, 520)
            assert -1e-6 <= x <= 640 + 1e-6 and -1e-6 <= y <= 520 + 1e-6
    # Damascus is south-west of Aleppo, Latakia west of both
    dam = charts.project_lonlat(36.29, 33.51, 640, 520)
    alp = charts.project_lonlat(37.16, 36.20, 640, 520)
    lat = charts.project_lonlat(35.78, 35.52, 640, 520)
    assert dam[1] > alp[1] and dam[0] < alp[0] and lat[0] < dam[0]


def test_map_circle_area_is_proportional():
    pts = [{"lon": 36.3, "lat": 33.5, "n": 400, "name_en": "A", "name_ar": "أ"},
           {"lon": 37.2, "lat": 36.2, "n": 100, "name_en": "B", "name_ar": "ب"}]
    root = parse(charts.syria_map(pts))
    r = {c.find("title").text.split(":")[0]: float(c.get("r"))
         for c in root.iter("circle") if c.find("title") is not None}
    assert abs(r["A / أ"] / r["B / ب"] - 2.0) < 0.01


def test_upset_and_forest_are_well_formed():
    up = parse(charts.upset(["a", "b"], [(["a"], 5), (["a", "b"], 2)]))
    assert len([c for c in up.iter("circle") if c.get("class") == "on"]) == 3
    fo = charts.forest([{"label": "all", "n_observed": 10, "n_hat": 15.0, "lower": 12.0,
                         "upper": 20.0}, {"label": "x", "n_observed": 5, "n_hat": None,
                                          "lower": None, "upper": None}])
    root = parse(fo)
    assert len(list(root.iter("line"))) >= 6
    assert not re.search(r"https?://", fo)


def test_forest_draws_each_stratification_on_its_own_scale():
    rows = [{"label": "all", "group": "whole population", "key": "{}", "n_observed": 2000,
             "n_hat": 2500.0, "lower": 2300.0, "upper": 2800.0},
            {"label": "A", "group": "by governorate", "key": "a", "n_observed": 100, "n_hat": 150.0,
             "lower": 120.0, "upper": 190.0},
            {"label": "B", "group": "by governorate", "key": "b", "n_observed": 60, "n_hat": None,
             "lower": None, "upper": None}]
    root = parse(charts.forest(rows))
    ns = "{http://www.w3.org/2000/svg}"
    groups = [g for g in root.iter() if g.tag in ("g", ns + "g") and g.get("class") == "forest-row"]
    assert [(g.get("data-stratum"), g.get("data-observed"), g.get("data-n-hat")) for g in groups] == [
        ("{}", "2000", "2500.0"), ("a", "100", "150.0"), ("b", "60", None)]
    texts = [t.text for t in root.iter() if t.tag in ("text", ns + "text")]
    assert "whole population" in texts and "by governorate" in texts
    # the strata's panel has its own axis: its largest tick is near 190, not 2,800
    assert "200" in texts and "3,000" in texts


def _is_nice(v: float) -> bool:
    """0, or 1, 2 or 5 times a power of ten times a whole number of such steps."""
    return v == 0 or any(abs(v / (m * 10 ** k) - round(v / (m * 10 ** k))) < 1e-9
                         for m in (1, 2, 5) for k in range(0, 7) if m * 10 ** k <= v)


def test_nice_ticks_fall_on_round_numbers():
    """The timeline's counts were ticked at 7/14/22/29 and 180/359/538/718."""
    assert charts.nice_ticks(29) == [0, 10, 20, 30]
    assert charts.nice_ticks(718) == [0, 200, 400, 600, 800]
    assert charts.nice_ticks(3) == [0, 1, 2, 3]  # counts are whole: no 0.5 ticks
    for top in (1, 7, 29, 99, 101, 718, 4321, 123456):
        ticks = charts.nice_ticks(top)
        step = ticks[1] - ticks[0]
        assert ticks[0] == 0 and ticks[-1] >= top and ticks[-2] < top
        assert 2 <= len(ticks) <= 7
        assert round(step / 10 ** math.floor(math.log10(step)), 9) in (1, 2, 5)
        assert all(_is_nice(t) for t in ticks)


def test_date_ticks_are_mondays_or_month_starts():
    weeks = charts.date_ticks(date(2025, 3, 3), date(2025, 4, 13))
    assert weeks[0] == date(2025, 3, 3) and all(d.weekday() == 0 for d in weeks)
    months = charts.date_ticks(date(2024, 12, 30), date(2025, 9, 7))
    assert months == [date(2025, m, 1) for m in range(1, 10)]
    years = charts.date_ticks(date(2012, 1, 2), date(2018, 9, 7))
    assert all(d.month == 1 and d.day == 1 for d in years) and len(years) == 6


def test_timeline_axis_labels_are_nice():
    weeks = [date(2025, 3, 3) + timedelta(weeks=i) for i in range(12)]
    counts = {(w, "civilian"): 20 + i for i, w in enumerate(weeks)}  # highest week: 31
    svg = charts.stacked_weeks(weeks, ["civilian"], counts)
    root = parse(svg)
    labels = [t.text for t in root.iter("text") if t.get("text-anchor") == "end"]
    assert labels == ["0", "10", "20", "30", "40"]
    dates = [t.text for t in root.iter("text") if "tick" in (t.get("class") or "")]
    assert dates == ["Apr 2025", "May"]  # month starts, not 'the week whose day is <= 7'
