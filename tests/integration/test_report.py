"""The report of the demo project: its numbers equal the store's, it is self-contained."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tally.estimate.results import quotable
from tally.project import Project

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def demo(demo_run) -> tuple[Project, Path]:
    assert demo_run.code == 0, demo_run.errors
    return demo_run.project, demo_run.report


def _mode(values):
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return min(v for v, k in counts.items() if k == top)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.tags = [], Counter()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for k, v in attrs:
            if k in ("src", "href", "xlink:href", "action", "data") and v:
                self.refs.append(v)


def test_report_is_self_contained(demo):
    _, path = demo
    html = path.read_text(encoding="utf-8")
    p = _Links()
    p.feed(html)
    assert not [r for r in p.refs if not r.startswith("#")]
    assert not re.search(r"https?://", html)
    assert "@import" not in html and "@font-face" not in html and "url(" not in html
    assert p.tags["script"] == 0 and p.tags["link"] == 0 and p.tags["img"] == 0
    for chart in ("timeline", "map-governorate", "map-district", "by-sex", "by-age_group",
                  "by-status", "by-perpetrator", "overlaps", "forest"):
        assert f'data-chart="{chart}"' in html, chart
    assert 'dir="rtl" lang="ar"' in html
    import xml.etree.ElementTree as ET

    svgs = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(svgs) >= 9
    for svg in svgs:  # every chart is well-formed markup
        ET.fromstring(svg)


def test_report_numbers_equal_the_store(demo):
    project, path = demo
    html = path.read_text(encoding="utf-8")
    with project.connect(read_only=True) as con:
        persons = con.execute("SELECT count(DISTINCT person_id) FROM person_record").fetchall()[0][0]
        records = con.execute("SELECT count(*) FROM victim_record").fetchall()[0][0]
        n_hat, lower, upper = con.execute(
            "SELECT n_hat, lower, upper FROM estimate WHERE stratum = '{}' "
            "ORDER BY made_at DESC LIMIT 1").fetchall()[0]
        per_source = dict(con.execute(
            "SELECT source_id, count(*) FROM victim_record GROUP BY 1").fetchall())
        rows = con.execute("""
            SELECT p.person_id, v.source_id, n.governorate_id, n.sex
            FROM person_record p JOIN victim_record v USING (record_id)
            JOIN record_norm n USING (record_id)""").fetchall()
        ages = con.execute("""
            SELECT p.person_id, (n.age_low + n.age_high) / 2, n.status
            FROM person_record p JOIN record_norm n USING (record_id)""").fetchall()
    assert f'<div class="big" data-value="{persons}">{persons:,}</div>' in html
    assert f"from {records:,} records" in html
    assert f'data-value="{n_hat:.0f}">{n_hat:,.0f}<' in html
    assert f'data-lower="{lower:.0f}" data-upper="{upper:.0f}"' in html

    by_person = defaultdict(list)
    for pid, src, gov, sex in rows:
        by_person[pid].append((src, gov, sex))
    gov = Counter(_mode([g for _, g, _ in recs]) for recs in by_person.values())
    sex = Counter(_mode([s for _, _, s in recs]) or "unknown" for recs in by_person.values())
    only = Counter(next(iter({s for s, _, _ in recs})) for recs in by_person.values()
                   if len({s for s, _, _ in recs}) == 1)

    mids, statuses = defaultdict(list), defaultdict(list)
    for pid, mid, st in ages:
        statuses[pid].append(st)
        if mid is not None:
            mids[pid].append(mid)
    groups = Counter()
    for pid in by_person:
        if not mids[pid]:
            groups["unknown"] += 1
            continue
        age = sum(mids[pid]) / len(mids[pid])
        groups[next(label for label, lo, hi in [("0-4", 0, 5), ("5-17", 5, 18), ("18-29", 18, 30),
                                                ("30-44", 30, 45), ("45-59", 45, 60),
                                                ("60+", 60, 1000)] if age < hi)] += 1
    status = Counter(_mode(statuses[pid]) or "unknown" for pid in by_person)
    for part, counts in (("age_group", groups), ("status", status)):
        block = html[html.index(f'<div id="by-{part}">'):]
        block = block[:block.index("</svg>")]
        for value, n in counts.items():
            assert f"<title>{value}: {n:,} (" in block, (part, value)

    section = html[html.index('<section id="map">'):html.index('<section id="breakdowns">')]
    for pcode, n in gov.items():
        if pcode:
            # named, with the p-code kept as data (the page shows names, not codes)
            assert re.search(rf'<td><span data-pcode="{pcode}">[^<]+</span></td><td>.*?</td>'
                             rf'<td class=n>{n:,}</td>', section), pcode
    for value, n in sex.items():
        assert re.search(rf"<title>{value}: {n:,} \(", html), value
    sources = html[html.index('<section id="sources">'):html.index('<section id="estimates">')]
    for src, n in per_source.items():
        assert re.search(rf"<td><bdi>{re.escape(src)}</bdi></td>.*?<td class=n>{n:,}</td>"
                         rf"<td class=n>[\d,]+</td><td class=n>{only[src]:,}</td>", sources), src
    timeline = html[html.index('<section id="timeline">'):html.index('<section id="map">')]
    shown = sum(int(n.replace(",", "")) for n in re.findall(r"<title>week of [^:]+: ([\d,]+)<", timeline))
    hidden = int(re.search(r"([\d,]+) victims whose date is not known", timeline)[1].replace(",", ""))
    assert shown + hidden == persons


def test_report_command_writes_the_file(cli, demo, tmp_path):
    project, _ = demo
    out = tmp_path / "r.html"
    result = cli("-p", project.root, "report", "--out", out)
    assert result.code == 0, result.err
    assert out.is_file() and str(out) in result.out


def test_public_export_of_the_demo_has_no_sensitive_field(cli, demo, tmp_path):
    import csv

    from tally.report.public import PUBLIC_COLUMNS, SENSITIVE_FIELDS

    project, _ = demo
    out = tmp_path / "public.csv"
    result = cli("-p", project.root, "export", "persons", "--public", "--hxl", "--out", out)
    assert result.code == 0, result.err
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, tags, body = rows[0], rows[1], rows[2:]
    with project.connect(read_only=True) as con:
        persons = con.execute("SELECT count(DISTINCT person_id) FROM person_record").fetchall()[0][0]
        secret = {v for (v,) in con.execute("""
            SELECT notes FROM victim_record UNION SELECT source_record_id FROM victim_record
            UNION SELECT record_id FROM victim_record UNION SELECT person_id FROM person_record
            UNION SELECT sha256 FROM document UNION SELECT original_name FROM document
            UNION SELECT received_by FROM document UNION SELECT name FROM victim_record
            UNION SELECT CAST(raw AS VARCHAR) FROM victim_record""").fetchall() if v}
        columns = {c for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns").fetchall()}
    assert len(body) == persons
    assert tags == [PUBLIC_COLUMNS[c] for c in header]
    for i, column in enumerate(header):  # every column, every cell
        assert column in PUBLIC_COLUMNS and column not in SENSITIVE_FIELDS, column
        leaked = {r[i] for r in body} & secret
        assert not leaked, (column, sorted(leaked)[:3])
    # the store does hold sensitive fields: the check above is not vacuous
    assert {"notes", "raw", "source_record_id"} <= columns
    assert any(v.startswith("مشفى") for v in secret)


def test_estimates_export_has_every_estimate(cli, demo, tmp_path):
    import csv

    project, _ = demo
    out = tmp_path / "estimates.csv"
    result = cli("-p", project.root, "export", "estimates", "--out", out)
    assert result.code == 0, result.err
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with project.connect(read_only=True) as con:
        stored = con.execute("SELECT estimate_run, n_observed, n_hat FROM estimate "
                             "ORDER BY made_at, estimate_run, stratum").fetchall()
    assert [(r["estimate_run"], int(r["n_observed"]), float(r["n_hat"])) for r in rows] == [
        (run, n, pytest.approx(nh)) for run, n, nh in stored]


def test_forest_plot_has_one_row_per_stored_estimate_of_the_latest_runs(demo):
    import json
    from html import unescape

    project, path = demo
    html = path.read_text(encoding="utf-8")
    svg = re.search(r'<svg data-chart="forest".*?</svg>', html, re.S)[0]
    rows = [dict(re.findall(r'data-([\w-]+)="([^"]*)"', g))
            for g in re.findall(r'<g class="forest-row" ([^>]*)>', svg)]
    with project.connect(read_only=True) as con:
        runs = con.execute("""
            SELECT estimate_run, any_value(settings) FROM estimate GROUP BY 1
            ORDER BY max(made_at) DESC""").fetchall()
        latest = {}
        for run, settings in runs:
            latest.setdefault(tuple(json.loads(settings)["strata"]), run)
        assert set(latest) == {(), ("governorate",)}  # the demo estimates both ways
        stored = con.execute(f"""
            SELECT stratum, n_observed, n_hat, lower, upper, reliable, refused FROM estimate
            WHERE estimate_run IN ({", ".join("?" * len(latest))})""",
                             list(latest.values())).fetchall()
    assert len(stored) >= 10  # several governorate strata, not one whole-population row
    shown = {unescape(r["stratum"]): r for r in rows}
    assert len(rows) == len(stored) == len(shown)
    for stratum, n_obs, n_hat, lower, upper, reliable, refused in stored:
        key = json.dumps(json.loads(stratum), sort_keys=True, ensure_ascii=False)
        r = shown[key]
        assert int(r["observed"]) == n_obs, key
        assert r["quotable"] == str(quotable(
            {"n_hat": n_hat, "reliable": reliable, "refused": refused})).lower()
        if r["quotable"] == "true":  # a fit `tally estimate` says not to quote has no dot
            assert float(r["n-hat"]) == pytest.approx(n_hat) and float(r["lower"]) == pytest.approx(lower)
            assert float(r["upper"]) == pytest.approx(upper)
        else:
            assert "n-hat" not in r
    # the governorate strata are labelled with their names, not their p-codes
    assert ">Lattakia<" in svg and "SY06" not in re.sub(r'data-stratum="[^"]*"', "", svg)
    assert "by governorate" in svg


def test_public_export_of_the_demo_is_k_anonymous_and_says_how(cli, demo, tmp_path):
    import csv
    import json
    from collections import Counter

    project, _ = demo
    out = tmp_path / "public.csv"
    result = cli("-p", project.root, "export", "persons", "--public", "--out", out)
    assert result.code == 0, result.err
    assert "suppressed" in result.out
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    meta = json.loads((tmp_path / "public.csv.json").read_text())
    g = meta["generalisation"]
    k = g["k"]
    assert k == 5 and all(r["name"] == "" for r in rows)
    quasi = ("generalisation", "sex", "age_group", "date_start", "date_end", "governorate_pcode",
             "district_pcode", "locality_pcode", "community")
    cells = Counter(tuple(r[c] for c in quasi) for r in rows if r["generalisation"] != "suppressed")
    assert min(cells.values()) >= k
    levels = Counter(r["generalisation"] for r in rows)
    assert levels["suppressed"] == g["suppressed"]
    assert [levels["none" if i == 0 else lv["level"]] for i, lv in enumerate(g["levels"])] == [
        lv["rows"] for lv in g["levels"]]
    # most victims keep their governorate; few are suppressed
    assert g["share_suppressed"] < 0.03
    assert sum(1 for r in rows if r["governorate_pcode"]) / len(rows) > 0.85


def test_demo_writes_the_public_dataset_as_xlsx(demo):
    from python_calamine import CalamineWorkbook

    from tally.report.public import PUBLIC_COLUMNS

    project, path = demo
    sheet = CalamineWorkbook.from_path(str(path.parent / "public.xlsx")).get_sheet_by_index(0).to_python()
    with project.connect(read_only=True) as con:
        persons = con.execute("SELECT count(DISTINCT person_id) FROM person_record").fetchall()[0][0]
    assert sheet[1] == [PUBLIC_COLUMNS[c] for c in sheet[0]] and len(sheet) == persons + 2


def test_incident_perpetrators_in_the_report_equal_the_store(demo):
    from collections import Counter

    from tally.normalize import normalize_actor

    project, path = demo
    html = path.read_text(encoding="utf-8")
    with project.connect(read_only=True) as con:
        stored = con.execute("""
            SELECT p.perpetrator, p.grade, p.incident_id, i.documented
            FROM incident_perpetrator p JOIN incident i USING (incident_id)""").fetchall()
    assert stored, "the demo builds incidents"
    incidents, documented = Counter(), Counter()
    for perp, grade, _inc, docs in stored:
        actor = normalize_actor(perp)
        assert actor.id is not None, perp  # every perpetrator of the simulation is in the table
        incidents[(actor.label, grade)] += 1
        documented[(actor.label, grade)] += docs
    section = html[html.index('id="incident-perpetrators"'):]
    section = section[:section.index("</table>")]
    shown = re.findall(r"<tr><td><bdi>([^<]+)</bdi></td><td>([^<]+)</td><td class=n>([\d,]+)</td>"
                       r"<td class=n>([\d,]+)</td></tr>", section)
    from html import unescape

    assert {(unescape(p), g.replace(" ", "_")): (int(n.replace(",", "")), int(d.replace(",", "")))
            for p, g, n, d in shown} == {k: (incidents[k], documented[k]) for k in incidents}
    # one actor is one row per grade, whatever spellings the lists used
    assert len({p for p, *_ in shown}) == len({k[0] for k in incidents})
