"""Harden, the report: what a first real user and an attacker found in report.html.

Each test builds the smallest project that shows the problem (two small lists)
and reads the report as a person would: the headline card, the table cells,
the text of the charts.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from tally.display import BIDI_CONTROLS
from tally.estimate.project import estimate_project
from tally.ingest import ingest_file
from tally.link.run import link_project
from tally.project import Project
from tally.report import render_report
from tally.sources import add_source

HEADER = "record_id,name,sex,age,date_of_death,governorate,district,perpetrator_claimed\n"
# two small lists, 3 people on both: the log-linear fit sits on its boundary
LIST_A = HEADER + """\
a1,Ahmad Ali Hasan,male,30,2025-03-07,Latakia,Jableh,government forces
a2,Omar Khalid Saleh,male,41,2025-03-07,Latakia,Jableh,government forces
a3,Sami Yousef Darwish,male,25,2025-03-08,Tartus,Baniyas,government forces
a4,Huda Nabil Kassem,female,33,2025-03-08,Tartus,Baniyas,government forces
a5,Rami Fadi Haddad,male,19,2025-03-09,Latakia,Jableh,government forces
"""
# a list whose alleged perpetrator is stored reversed behind a right-to-left override:
# shown raw, a browser paints "government forcies" for what reads "seicrof tnemnrevog"
RLO, PDF = "\u202e", "\u202c"
LIST_B = HEADER + f"""\
b1,Ahmad Ali Hasan,male,30,2025-03-07,Latakia,Jableh,{RLO}seicrof tnemnrevog{PDF}
b2,Omar Khalid Saleh,male,41,2025-03-07,Latakia,Jableh,{RLO}seicrof tnemnrevog{PDF}
b3,Sami Yousef Darwish,male,25,2025-03-08,Tartus,Baniyas,{RLO}seicrof tnemnrevog{PDF}
b4,Layla Samir Aziz,female,52,2025-03-09,Latakia,Jableh,{RLO}seicrof tnemnrevog{PDF}
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Project, str]:
    """Two lists of 5 and 4 names, 3 shared; linked, estimated, reported."""
    tmp = tmp_path_factory.mktemp("small")
    project = Project.init(tmp / "proj")
    add_source(project, "s1", name="List one", kind="rights_group_list", reliability="B",
               language="en")
    add_source(project, "s2", name=f"List {RLO}owt{PDF}", kind="rights_group_list",
               reliability="B", language="en")
    for name, text, source in (("a.csv", LIST_A, "s1"), ("b.csv", LIST_B, "s2")):
        (tmp / name).write_text(text, encoding="utf-8")
        ingest_file(project, tmp / name, source)
    link_project(project)
    estimate_project(project)
    estimate_project(project, strata=["governorate"])  # both strata pooled: their p-codes in a note
    with project.connect() as con:  # an incident in Jableh district, as `tally incidents` stores it
        con.execute("""INSERT INTO incident (incident_id, date_start, date_end, place_id,
            victim_group, killed_low, killed_best, killed_high, documented, claims, records,
            district_id, governorate_id, run_id) VALUES ('inc-1', DATE '2025-03-07',
            DATE '2025-03-07', 'SY0602', 'civilians', 2, 3, 4, 2, 0, 2, 'SY0602', 'SY06', 'run')""")
    out = render_report(project, tmp / "report.html")
    return project, out.read_text(encoding="utf-8")


def _card(html: str, card_id: str) -> str:
    m = re.search(rf'<div class="card[^"]*" id="{card_id}">(.*?)</div></div>', html, re.S)
    assert m, f"no {card_id} card"
    return unescape(re.sub(r"<[^>]+>", " ", m.group(1)))


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_headline_never_quotes_an_estimate_marked_do_not_quote(small):
    """The CLI says "not reported / do not quote" (a boundary fit); the report's first
    card said "7 estimated total dead, 95% interval 6–11"."""
    project, html = small
    with project.connect(read_only=True) as con:
        reliable, n_hat = con.execute(
            "SELECT reliable, n_hat FROM estimate WHERE stratum = '{}'").fetchall()[0]
    assert reliable is False and n_hat is not None  # the reproduction holds
    card = _card(html, "estimated")
    assert "estimated total dead" not in card
    assert f"{n_hat:,.0f}" not in card.split("documented")[0] or "not quoted" in card
    assert "data-value" not in re.search(r'id="estimated">(.*?)</div></div>', html, re.S).group(1)
    assert "no estimate of the total is quoted" in card.lower()
    assert "boundary fit" in card  # why, in the estimator's words
    assert "6 documented" in " ".join(card.split())  # and the documented count instead


def test_forest_and_table_mark_strata_not_to_quote(small):
    _, html = small
    forest = re.search(r'<svg data-chart="forest".*?</svg>', html, re.S).group(0)
    row = re.search(r'<g class="forest-row"[^>]*>', forest).group(0)
    assert 'data-quotable="false"' in row
    assert "data-n-hat" not in row  # no dot drawn where it must not be quoted
    assert "not quoted" in _text(forest)
    table = re.search(r'<section id="estimates">.*?</section>', html, re.S).group(0)
    cells = [_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)]
    assert "not quoted" in cells


def test_bidi_controls_are_made_visible_in_the_report(small):
    """U+202E in a list made the report show "government forcies" for what is stored
    reversed; every bidi control is shown as its escape instead of acting."""
    _, html = small
    assert not [c for c in BIDI_CONTROLS if c in html]
    assert r"\u202eseicrof tnemnrevog\u202c" in _text(html)
    assert r"List \u202eowt\u202c" in _text(html)
    # and text someone else wrote keeps its own direction beside the page's English
    assert r"<bdi>List \u202eowt\u202c</bdi>" in html


def test_places_are_named_not_given_as_p_codes(small):
    """Incidents, strata and pooling notes showed p-codes (SY0602, governorate=SY10);
    a page names the place as the gazetteer does (the p-code stays in data exports)."""
    _, html = small
    shown = _text(re.sub(r'<(section id="methodology"|pre).*?</(section|pre)>', "", html, flags=re.S))
    assert not re.findall(r"\bSY\d{2,8}\b", shown)
    incidents = _text(re.search(r'<section id="incidents">.*?</section>', html, re.S).group(0))
    assert "Jablah" in incidents
    estimates = _text(re.search(r'<section id="estimates">.*?</section>', html, re.S).group(0))
    assert "governorate=Lattakia" in estimates and "governorate=Tartous" in estimates


def _svg(html: str, name: str) -> str:
    return re.search(rf'<svg data-chart="{name}".*?</svg>', html, re.S).group(0)


def test_coastal_governorates_symbols_are_on_land(small):
    """Lattakia's and Tartous' circles sat on their coastal cities, half in the sea, on an
    outline drawn from memory; now on a real boundary, at points inside the governorate."""
    from tally.report import boundaries

    _, html = small
    svg = _svg(html, "map-governorate")
    centres = {unescape(t).split(" / ")[0]: (float(lon), float(lat)) for lon, lat, t in re.findall(
        r'<circle [^>]*data-lon="([^"]+)" data-lat="([^"]+)"[^>]*><title>([^<]*)</title>', svg)}
    assert set(centres) == {"Lattakia", "Tartous"}
    units = {u["iso3166_2"]: u for u in boundaries.governorates()}
    for name, iso in (("Lattakia", "SY-LA"), ("Tartous", "SY-TA")):
        lon, lat = centres[name]
        assert boundaries.on_land(lon, lat), name
        assert any(boundaries._inside(lon, lat, r) for r in units[iso]["rings"]), name
        # and far enough from the sea that a symbol of a few km does not reach it
        assert boundaries.on_land(lon - 0.1, lat), name
    assert "approximate" not in _text(html).lower() and "simplified outline" not in html
    assert "Natural Earth" in _text(re.search(r'id="map-source".*?</p>', html, re.S).group(0))


def test_the_boundary_is_syria_with_its_14_governorates():
    from tally.report import boundaries

    isos = {u["iso3166_2"] for u in boundaries.governorates()} - {None}
    assert len(isos) == 14
    west, south, east, north = boundaries.bounds()
    assert 35.5 < west < 36 and 42 < east < 42.6 and 32.2 < south < 32.5 and 37.2 < north < 37.5
    for place, lon, lat in (("Damascus", 36.2765, 33.5138), ("Aleppo", 37.1343, 36.2021),
                            ("Deir ez-Zor", 40.14, 35.336), ("Latakia city", 35.7915, 35.5317)):
        assert boundaries.on_land(lon, lat), place
    for sea_or_abroad, lon, lat in (("sea off Latakia", 35.6, 35.5), ("Beirut", 35.5, 33.89),
                                    ("Amman", 35.93, 31.95), ("Baghdad", 44.36, 33.31)):
        assert not boundaries.on_land(lon, lat), sea_or_abroad


def test_district_map_names_its_places_and_the_legend_says_what_it_measures(small):
    _, html = small
    for name in ("map-governorate", "map-district"):
        svg = _svg(html, name)
        labels = [unescape(t) for t in re.findall(r'class="lbl maplbl">([^<]*)<', svg)]
        assert labels, name
        legend = _text(re.search(r'<g class="legend">.*?</g>', svg, re.S).group(0))
        assert "circle area" in legend and "documented victims" in legend
        values = [int(v.replace(",", "")) for v in re.findall(r"\b[\d,]+\b", legend)]
        assert values and all(str(v)[0] in "125" and set(str(v)[1:]) <= {"0"} for v in values)
    assert {"Jablah", "Banyas"} <= set(re.findall(r'class="lbl maplbl">([^<]*)<',
                                                  _svg(html, "map-district")))


def _circles_in_the_sea(svg: str) -> list[str]:
    """Names of circles with part of their edge (16 points at 0.9 r) off land."""
    import math

    from tally.report import boundaries

    cos = math.cos(math.radians(34.8))  # the map's projection: degrees of latitude per pixel
    wet = []
    for lon, lat, rdeg, title in re.findall(
            r'<circle [^>]*data-lon="([^"]+)" data-lat="([^"]+)" data-r-deg="([^"]+)"[^>]*>'
            r'<title>([^<]*)</title>', svg):
        lon, lat, rdeg = float(lon), float(lat), float(rdeg)
        if any(not boundaries.on_land(lon + 0.9 * rdeg * math.cos(a / 8 * math.pi),
                                      lat + 0.9 * rdeg * cos * math.sin(a / 8 * math.pi))
               for a in range(16)):
            wet.append(unescape(title))
    return wet


def test_coastal_symbols_do_not_spill_into_the_sea(small):
    """Lattakia's and Tartous' circles, and their districts' (Jablah, Banyas, on their
    ports), reached into the sea; they are moved inland just enough to stand on land."""
    _, html = small
    for name in ("map-governorate", "map-district"):
        svg = _svg(html, name)
        assert svg.count('class="sym"') >= 2
        assert _circles_in_the_sea(svg) == [], name
