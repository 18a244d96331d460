"""The report as one self-contained HTML file: styles inline, charts as inline
SVG, no script, no font or image fetched from anywhere.

Every number comes from :mod:`tally.report.queries`; this module only lays
them out. A section whose data is absent (no link run, no estimate, no
incidents) is left out or says what to run.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from tally.estimate.project import linkage_moves_estimate
from tally.estimate.results import quotable, why_not_quoted
from tally.normalize.places import load_gazetteer, place_by_id
from tally.report import boundaries, charts, queries
from tally.report.safe import escape, user_text

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Naskh Arabic",
Arial,sans-serif;margin:0 auto;max-width:980px;padding:16px 24px;color:#1a1a1a;line-height:1.45}
h1{font-size:1.7em;margin-bottom:0}h2{border-bottom:2px solid #0072B2;padding-bottom:4px;margin-top:2em}
.sub{color:#555}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid #ccd;border-radius:6px;padding:10px 14px;min-width:190px}
.card .big{font-size:1.9em;font-weight:700}.card.not-quoted{max-width:460px}.card .what{color:#444;font-size:.9em}
table{border-collapse:collapse;margin:8px 0;font-size:.92em}
td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
[dir=rtl]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Geeza Pro",Tahoma,sans-serif}
svg{display:block;margin:8px 0}svg .lbl{font-size:12px;fill:#222}svg .num{font-size:11px;fill:#444}
svg .grid{stroke:#ddd}svg .land{fill:#f3f1ea;stroke:#b9b4a6;stroke-width:.6}
svg .buffer{fill:#eceae3;stroke-dasharray:2 2}svg .border{fill:none;stroke:#555;stroke-width:1.2}
svg .maplbl{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg .caption{font-style:italic}
svg .sym{fill:#D55E00;fill-opacity:.55;stroke:#7a3500}svg .leg{fill:none;stroke:#666}
svg .on{fill:#222}svg .off{fill:#ddd}svg .link{stroke:#222;stroke-width:2}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:8px 24px}
.note{color:#555;font-size:.9em}pre{background:#f6f6f6;padding:8px;overflow-x:auto;font-size:.8em}
@media print{body{max-width:none}h2{break-after:avoid}svg,table{break-inside:avoid}}
@page{size:A4;margin:15mm}
"""


def _n(v: float | int | None) -> str:
    return "—" if v is None else f"{v:,.0f}"


def _ar(text: str | None) -> str:
    return f'<span dir="rtl" lang="ar">{escape(text or "")}</span>'


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th{" class=n" if i in numeric else ""}>{escape(h)}</th>'
                   for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{c}</td>'
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def collect_facts(con) -> dict[str, Any]:
    """Everything the report shows, as plain data (tests compare it with the store)."""
    queries.prepare_persons(con)
    head = queries.headline(con)
    by_community = queries.breakdown(con, "community")
    known = sum(r["n"] for r in by_community if r["value"] != queries.UNKNOWN)
    stack_by = "community" if known >= head["persons"] / 2 and head["persons"] else "status"
    labels = queries.source_labels(con)
    estimates = queries.latest_estimates(con)
    for r in estimates:  # a witness is not named by the lists an estimate used either
        r["lists"] = [labels.get(s, s) for s in r["lists"]]
    claims = queries.claims(con)
    for r in (claims or {}).get("largest", []):
        r["source_id"] = labels.get(r["source_id"], r["source_id"])
    return {
        "headline": head,
        "estimates": estimates,
        "weekly": queries.weekly(con, stack_by),
        "governorates": queries.by_place(con, "governorate"),
        "districts": queries.by_place(con, "district"),
        "breakdowns": {c: queries.breakdown(con, c) for c, _ in queries.BREAKDOWNS},
        "sources": queries.sources(con),
        "overlaps": queries.overlaps(con),
        "link_run": queries.latest_link_run(con),
        "stale_runs": queries.stale_runs(con),
        "records_digest": queries.records_digest(con),
        "incidents": queries.incidents(con),
        "incident_perpetrators": queries.incident_perpetrators(con),
        "claims": claims,
    }


def _total_estimate(facts) -> dict | None:
    for r in facts["estimates"]:
        if r["stratum"] == {}:
            return r
    return None


def _headline(facts, project_name: str) -> str:
    h = facts["headline"]
    unit = "documented unique victims" if h["linked"] else "records (not yet linked: run `tally link`)"
    cards = [f'<div class="card" id="documented"><div class="big" data-value="{h["persons"]}">'
             f'{_n(h["persons"])}</div><div class="what">{unit}, from {_n(h["records"])} records'
             f'</div></div>']
    est = _total_estimate(facts)
    if est and quotable(est):
        cards.append(
            f'<div class="card" id="estimated"><div class="big" data-value="{est["n_hat"]:.0f}">'
            f'{_n(est["n_hat"])}</div><div class="what">estimated total dead, 95% interval '
            f'<span data-lower="{est["lower"]:.0f}" data-upper="{est["upper"]:.0f}">'
            f'{_n(est["lower"])}–{_n(est["upper"])}</span> ({escape(est["method"])}'
            f'{", " + escape(est["model"]) if est["model"] else ""})</div></div>')
    elif est:  # the same judgement as `tally estimate`: never a headline it says not to quote
        cards.append(
            f'<div class="card not-quoted" id="estimated"><div class="big">{_n(h["persons"])}'
            f'</div><div class="what">documented victims: no estimate of the total is quoted, '
            f'{escape(why_not_quoted(est))} (see Estimates)</div></div>')
    period = (f'{h["first_date"]} to {h["last_date"]}' if h["first_date"] else "dates unknown")
    cards.append(f'<div class="card" id="period"><div class="big" style="font-size:1.2em">'
                 f'{escape(period)}</div><div class="what">period of the documented deaths'
                 f'</div></div>')
    return (f'<h1>Documented deaths — {user_text(project_name)}</h1>'
            f'<p class="sub">A report by Tally from the project\'s store. Every number below '
            f'names how it was made (see Methodology).</p><div class="cards">{"".join(cards)}</div>'
            f'<p class="note">{_n(h["unidentified"])} of the documented victims are '
            f'unidentified bodies.</p>{_stale(facts)}')


def _stale(facts) -> str:
    """A run made before the data changed, named where the report uses it."""
    parts = []
    for r in facts.get("stale_runs", []):
        message = re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(r["message"]))
        parts.append(f'<p class="note stale" data-run="{escape(r["run_id"])}">'
                     f'<strong>Out of date:</strong> {message}</p>')
    return "".join(parts)


def _timeline(facts) -> str:
    w = facts["weekly"]
    weeks = sorted({r["week"] for r in w["rows"]})
    if not weeks:
        return ""
    from datetime import timedelta

    full = [weeks[0] + timedelta(weeks=i) for i in range((weeks[-1] - weeks[0]).days // 7 + 1)]
    groups = sorted({r["grp"] for r in w["rows"]}, key=lambda g: (g == queries.UNKNOWN, g))
    counts = {(r["week"], r["grp"]): r["n"] for r in w["rows"]}
    return (f'<section id="timeline"><h2>Timeline</h2><p>Documented victims per week of death '
            f'(weeks start on Monday), by {escape(w["by"])}. '
            f'{_n(w["not_weekly"])} victims whose date is not known to the week are not shown.'
            f'</p>{charts.stacked_weeks(full, groups, counts)}</section>')


@lru_cache(maxsize=1)
def _district_centres() -> dict[str, tuple[float, float]]:
    """District p-code -> the mean of its sub-districts' centre towns (gazetteer points):
    a rough middle of the district, inland of a coastal district's port town."""
    acc: dict[str, list[tuple[float, float]]] = {}
    for p in load_gazetteer():
        if p.admin_level == 3 and p.district_id and p.lat is not None:
            acc.setdefault(p.district_id, []).append((p.lon, p.lat))
    return {d: (sum(x for x, _ in v) / len(v), sum(y for _, y in v) / len(v))
            for d, v in acc.items()}


def _place_points(rows, level: str, label_top: int = 0) -> tuple[list[dict], int]:
    """Where each unit's symbol goes: a governorate at a point well inside its boundary
    (Lattakia's and Tartous' symbols are on land, not on their coastal cities); a district
    at the middle of its sub-districts' centre towns; either moved just inside the outline
    when the border runs through it."""
    points, unplaced = [], 0
    for i, r in enumerate(rows):
        place = place_by_id(r["place_id"]) if r["place_id"] else None
        if place is None or place.lat is None:
            unplaced += r["n"]
            continue
        at = (boundaries.governorate_point(place.iso3166_2) if level == "governorate"
              else _district_centres().get(place.id))
        lon, lat = at or boundaries.onto_land(place.lon, place.lat)
        points.append({"lon": lon, "lat": lat, "n": r["n"], "name_en": place.name_en,
                       "name_ar": place.name_ar, "id": place.id, "label": i < label_top})
    return points, unplaced


def _map(facts) -> str:
    gov, unplaced = _place_points(facts["governorates"], "governorate", label_top=14)
    dist, _ = _place_points(facts["districts"], "district", label_top=12)
    if not gov:
        return ""
    rows = [[_place_cell(p), _ar(p["name_ar"]), _n(p["n"])] for p in gov]
    drows = [[_place_cell(p), _ar(p["name_ar"]), _n(p["n"])] for p in dist[:15]]
    return (f'<section id="map"><h2>Where</h2><p>Documented victims by governorate and by '
            f'district. Circle areas are proportional to the counts (the legend gives the '
            f'scale); a governorate\'s circle is placed well inside its boundary, a district\'s '
            f'at the middle of its sub-districts\' centre towns (gazetteer coordinates); a '
            f'circle that would reach into the sea is moved inland just enough. Names of the '
            f'largest are written on the map where they fit; the tables list them all. '
            f'{_n(unplaced)} victims have no known governorate.</p><div class="grid2"><div>'
            f'<h3>Governorates</h3>{charts.syria_map(gov, name="map-governorate", max_radius=22)}'
            f'</div><div><h3>Districts</h3>'
            f'{charts.syria_map(dist, name="map-district", max_radius=18)}</div></div>'
            f'<p class="note" id="map-source">{escape(boundaries.CREDIT)} Natural Earth draws '
            f'Syria as it is administered (its default view): the part of the Golan held by '
            f'Israel lies outside the outline, and places there are drawn where they are.</p>'
            f'<div class="grid2"><div>{_table(["governorate", "", "victims"], rows, {2})}'
            f'</div><div>{_table(["district (15 largest)", "", "victims"], drows, {2})}'
            f'</div></div></section>')


def _breakdowns(facts) -> str:
    parts = ['<section id="breakdowns"><h2>Who</h2><p>Documented victims by attribute, each '
             'victim counted once with the value most of its records give.</p><div class="grid2">']
    for column, title in queries.BREAKDOWNS:
        rows = facts["breakdowns"][column]
        if all(r["value"] == queries.UNKNOWN for r in rows):
            parts.append(f'<div id="by-{column}"><h3>{escape(title)}</h3><p class="note">not '
                         f'recorded for any victim</p></div>')
            continue
        chart = charts.bar_chart([(r["value"], r["n"], r["share"]) for r in rows],
                                 name=f"by-{column}")
        parts.append(f'<div id="by-{column}"><h3>{escape(title)}</h3>{chart}</div>')
    parts.append('</div><p class="note">Alleged perpetrators are as the victim lists name them, '
                 'each spelling read as the actor it names in the shipped actor table ("SDF" and '
                 '"قسد" are one actor; a name the table does not know is shown as written). '
                 'Attribution strength comes with incidents and claims (see below, when the '
                 'project has them).</p></section>')
    return "".join(parts)


def _sources(facts) -> str:
    rows = [[user_text(s["source_id"]), user_text(s["name"]), escape(s["kind"]), escape(s["reliability"]),
             _n(s["records"]), _n(s["persons"]), _n(s["unique_persons"])] for s in facts["sources"]]
    names = [s["source_id"] for s in facts["sources"]]
    combos = [(r["sources"], r["n"]) for r in facts["overlaps"]]
    return (f'<section id="sources"><h2>Sources</h2><p>Records received from each source, the '
            f'victims it documents, and those only it documents (its unique contribution). '
            f'Reliability is the Admiralty grade given to the source (A reliable … F cannot be '
            f'judged).</p>'
            f'{_table(["source", "name", "kind", "grade", "records", "victims", "only here"], rows, {4, 5, 6})}'
            f'<h3>Overlaps between sources</h3><p>Victims by the exact combination of sources '
            f'that document them (the {len(combos)} largest combinations).</p>'
            f'{charts.upset(names, combos)}</section>')


def _place_name(place_id: str | None) -> str:
    """What a page calls a place: the gazetteer's English name (the p-code stays in the
    data exports and in ``data-pcode``); an id the gazetteer does not know, as it is."""
    place = place_by_id(place_id) if place_id else None
    return place.name_en if place is not None else (place_id or "")


def _place_cell(p: dict) -> str:
    return f'<span data-pcode="{escape(p["id"])}">{escape(p["name_en"])}</span>'


def _stratum_value(key: str, value: str) -> str:
    """A stratum's value as a page shows it: places named; joined strata read 'a+b'."""
    if key in ("governorate", "district"):
        return "+".join(_place_name(v) for v in str(value).split("+"))
    return str(value)


_STRATUM_IN_NOTE = re.compile(r"\b(governorate|district)=([^;,\s]+)")


def _named_note(note: str) -> str:
    """A pooling note ("pooled strata: governorate=SY14") with places named."""
    return _STRATUM_IN_NOTE.sub(lambda m: f"{m[1]}={_stratum_value(m[1], m[2])}", note)


def _stratum_label(stratum: dict) -> str:
    return "all" if not stratum else ", ".join(
        _stratum_value(k, v) for k, v in sorted(stratum.items()))


def _group_label(strata: list[str]) -> str:
    return "whole population" if not strata else "by " + " × ".join(strata)


def _estimate_row(r: dict) -> list[str]:
    """One stratum's table row: its numbers only when `tally estimate` would quote them."""
    diagnostics = "; ".join([_named_note(n) for n in r["notes"]] + r["warnings"]) or (
        r["refused"] or "")
    if quotable(r):
        number = _n(r["n_hat"])
        interval = f'{_n(r["lower"])}–{_n(r["upper"])}' if r["lower"] is not None else "—"
    else:
        number, interval = "not quoted", "—"
        if r["n_hat"] is not None:
            diagnostics = (f'values of a fit not to quote: {_n(r["n_hat"])} '
                           f'({_n(r["lower"])}–{_n(r["upper"])}); ' + diagnostics)
    return [escape(_group_label(r["strata"])), escape(_stratum_label(r["stratum"])),
            _n(r["n_observed"]), number, interval, escape(r["method"]),
            escape(r["model"] or ""), "yes" if quotable(r) else "no", escape(diagnostics)]


def _estimates(facts) -> str:
    est = facts["estimates"]
    if not est:
        return ('<section id="estimates"><h2>Estimates</h2><p class="note">No estimate has been '
                'made: run <code>tally estimate</code>.</p></section>')
    plot_rows = [{"label": _stratum_label(r["stratum"]), "group": _group_label(r["strata"]),
                  "key": json.dumps(r["stratum"], sort_keys=True, ensure_ascii=False), **r,
                  "quotable": quotable(r)} for r in est]
    rows = [_estimate_row(r) for r in est]
    first = est[0]
    runs = {}
    for r in est:
        runs.setdefault(r["estimate_run"], r)
    run_text = "; ".join(f'{escape(_group_label(r["strata"]))}: run {escape(run)} on link run '
                         f'{escape(r["link_run"])}' for run, r in runs.items())
    strata_note = ""
    if any(r["strata"] for r in est):
        strata_note = (' Each stratified estimate is made from that stratum\'s own capture '
                       'histories; a stratum too small to estimate alone is joined with its '
                       'nearest neighbour (shown as one row, "A+B"), so the '
                       'strata\'s estimates need not add up to the '
                       'whole population\'s. Each panel has its own scale.')
    return (f'<section id="estimates"><h2>Estimates</h2><p>Multiple systems estimation from the '
            f'overlaps of {len(first["lists"])} lists ({escape(", ".join(first["lists"]))}); '
            f'{run_text}. The square is what is documented, the dot the estimated total with '
            f'its 95% interval; a stratum whose fit <code>tally estimate</code> marks as not to be quoted '
            f'shows only what is documented ("not quoted"). Capture histories are those of identified victims: the whole '
            f'population\'s estimate rests on {_n(first["n_observed"])} of the '
            f'{_n(facts["headline"]["persons"])} documented victims (unidentified bodies, '
            f'who cannot be matched across lists, are left out).{strata_note}'
            f'</p>{charts.forest(plot_rows)}'
            f'{_table(["estimate", "stratum", "documented", "estimated", "95% interval", "method", "model", "quotable", "diagnostics"], rows, {2, 3})}'
            f'{_run_summaries(est)}</section>')


def _interval(lower, upper) -> str:
    return f'{_n(lower)}–{"no upper end" if upper is None else _n(upper)}'


def _run_summaries(est: list[dict]) -> str:
    """Beside the rows, what each run said of the whole: the strata's total next to the
    unstratified estimate (and why they differ), and the interval that carries linkage's
    own doubt next to the one from the stored clustering alone — the same figures
    `tally estimate` prints, each quoted only where the CLI would quote it."""
    parts, seen = [], set()
    for r in est:
        if r["estimate_run"] in seen:
            continue
        seen.add(r["estimate_run"])
        d = r.get("run_details") or {}
        lk, total = d.get("linkage_uncertainty"), d.get("strata_total")
        scope = d.get("scope") or {}
        for w in scope.get("warnings") or []:
            parts.append(f'<p class="note scope-warning">{escape(_group_label(r["strata"]))}: '
                         f'{escape(w)}.</p>')
        if scope.get("excluded"):
            ex = scope["excluded"]
            parts.append(f'<p class="note" id="excluded-status">{escape(_group_label(r["strata"]))}: '
                         f'{_n(ex["persons"])} persons whose records give only the status '
                         f'{escape(", ".join(ex["statuses"]))} were left out at the recorder\'s '
                         'request.</p>')
        if d.get("left_out"):
            gone = d["left_out"]
            parts.append(f'<p class="note" id="left-out">{escape(_group_label(r["strata"]))}: '
                         f'estimated without list {escape(str(gone["list"]))} at the recorder\'s '
                         f'request ({_n(gone["people_only_on_it"])} people only it held left the '
                         'tables).</p>')
        if lk and r["stratum"] == {}:
            if lk.get("n_hat") is None:
                parts.append(f'<p class="note" id="linkage-uncertainty">Linkage uncertainty was '
                             f'not estimated: {escape(str(lk.get("refused", "")))}</p>')
            elif quotable(r):
                single = lk.get("single") or {}
                parts.append(
                    f'<p id="linkage-uncertainty"><strong>With linkage uncertainty:</strong> '
                    f'{_n(lk["n_hat"])} (95% interval {_interval(lk["lower"], lk["upper"])}), '
                    f'from the estimate repeated over {lk["clusterings"]} clusterings drawn from '
                    f'the linker\'s pair probabilities ({_n(lk["persons_range"][0])} to '
                    f'{_n(lk["persons_range"][1])} persons); from the stored clustering alone '
                    f'{_n(single.get("n_hat"))} ({_interval(single.get("lower"), single.get("upper"))}). '
                    f'Linkage\'s doubt makes the interval {lk["widening"]:.2f} times as wide. '
                    + escape(" ".join(lk.get("notes") or []))
                    + escape(" " + (linkage_moves_estimate(r["n_hat"], r["lower"], r["upper"], lk)
                                    or "")).rstrip() + '</p>')
            else:
                parts.append('<p class="note" id="linkage-uncertainty">With linkage uncertainty: '
                             'not quoted, as the estimate it widens is not.</p>')
        if total:
            whole = total.get("unstratified") or {}
            label = escape(_group_label(r["strata"]))
            if total.get("reliable"):
                head = (f'{_n(total["n_hat"])} (95% interval '
                        f'{_interval(total["lower"], total["upper"])})')
            else:
                head = (f'not quoted (values {_n(total["n_hat"])}, '
                        f'{_interval(total["lower"], total["upper"])})')
            if whole.get("n_hat") is not None:
                beside = (f'the unstratified estimate is {_n(whole["n_hat"])} '
                          f'({_interval(whole.get("lower"), whole.get("upper"))}, '
                          f'{escape(whole.get("model") or "")})'
                          + ('' if whole.get("reliable") else ', not to be quoted'))
            else:
                beside = ('the unstratified estimate was refused: '
                          + escape(str(whole.get("refused", ""))))
            pooled = d.get("pooled") or []
            pooled_text = (f' {len(pooled)} rows hold strata too small to estimate alone, joined '
                           f'with their nearest neighbours: {escape("; ".join(pooled[:8]))}'
                           + (', …' if len(pooled) > 8 else '') + '.') if pooled else ''
            parts.append(
                f'<p class="strata-total"><strong>Total over strata ({label}, '
                f'{total["strata"]} strata, {_n(total["n_observed"])} documented):</strong> '
                f'{head}; {beside}. ' + escape(" ".join(total.get("notes") or []))
                + f'.{pooled_text}</p>')
    return "".join(parts)


def _incidents(facts) -> str:
    inc, claims = facts["incidents"], facts["claims"]
    if inc is None and claims is None:
        return ""
    parts = ['<section id="incidents"><h2>Incidents and claims</h2>']
    if inc:
        rows = []
        for r in inc:
            perps = "; ".join(f"{p} ({g.replace('_', ' ')}, {o} origin{'s' * (o != 1)})"
                              for p, g, o in r["perpetrators"])
            rows.append([escape(str(r["date_start"] or "")) + (
                         f' – {escape(str(r["date_end"]))}' if r["date_end"] != r["date_start"] else ""),
                         escape(_place_name(r["place_id"])),
                         _n(r["killed_low"]), _n(r["killed_best"]), _n(r["killed_high"]),
                         _n(r["documented"]), _n(r["claims"]), user_text(perps)])
        parts.append('<h3>Largest incidents</h3>' + _table(
            ["date", "place", "low", "best", "high", "documented victims", "claims",
             "alleged perpetrators (attribution)"], rows, {2, 3, 4, 5, 6}))
    if facts.get("incident_perpetrators"):
        prow = [[user_text(r["perpetrator"]), escape(r["grade"].replace("_", " ")),
                 _n(r["incidents"]), _n(r["documented"])] for r in facts["incident_perpetrators"]]
        parts.append(
            '<h3 id="incident-perpetrators">Alleged perpetrators of incidents, by attribution '
            'strength</h3><p class="note">Every named actor is graded by the same rules: '
            'acknowledged (it claimed the act), corroborated (two or more independent origins '
            'name it), contested (denied, or independent origins name someone else), single '
            'source. Spellings of one actor in either language count as one (the shipped actor '
            'table); a victim of an incident with two alleged perpetrators counts under both.'
            '</p>' + _table(["alleged perpetrator", "attribution", "incidents",
                             "documented victims"], prow, {2, 3}))
    if claims:
        parts.append(
            f'<p>{_n(claims["claims"])} casualty claims read from {_n(claims["documents"])} '
            f'articles; {_n(claims["reviewed"])} reviewed, the others are the extractor\'s '
            f'proposals. A claim is what a text says, with its words quoted: it is not a '
            f'count of documented victims.</p>')
        rows = [[escape(r["date_start"] or r["published"] or ""),
                 f'<span{_dir(r["place"])}>{escape(r["place"] or "")}</span>' + (
                     f' <span class="note" data-pcode="{escape(r["place_id"])}">(gazetteer: '
                     f'{escape(_place_name(r["place_id"]))})</span>' if r["place_id"] else ""),
                 _n(r["killed_low"]), _n(r["killed_best"]), _n(r["killed_high"]),
                 user_text(r["perpetrator"] or ""), escape(r["attribution"] or ""),
                 user_text(r["cited_source"] or r["source_id"]),
                 f'<q{_dir(r["evidence_text"])}>{escape(_clip(r["evidence_text"], 160))}</q>',
                 escape(r["review_status"])] for r in claims["largest"]]
        parts.append('<h3>Largest claims of deaths</h3>' + _table(
            ["date", "place", "low", "best", "high", "alleged perpetrator", "attribution",
             "cited source", "evidence", "review"], rows, {2, 3, 4}))
        prow = [[user_text(r["perpetrator"]), escape(r["attribution"]), _n(r["claims"]),
                 _n(r["killed_best"])] for r in claims["by_perpetrator"]]
        parts.append('<h3>Alleged perpetrators and attribution strength</h3>' + _table(
            ["alleged perpetrator", "attribution", "claims", "deaths claimed (best)"], prow,
            {2, 3}))
    parts.append("</section>")
    return "".join(parts)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _dir(text: str | None) -> str:
    """Arabic text right to left; any other isolated with its direction found from it."""
    return (' dir="rtl" lang="ar"' if text and any("\u0600" <= c <= "\u06ff" for c in text)
            else ' dir="auto"')


def _methodology(facts, settings: dict) -> str:
    from tally import __version__
    from tally.estimate.ensemble import BLIND_SPOT

    link = facts["link_run"]
    est = facts["estimates"][0] if facts["estimates"] else None
    items = [("Data version (records digest)", facts["records_digest"]),
             ("Generated", settings["generated"]), ("Tally version", __version__)]
    if link:
        items += [("Link run", link["run_id"]), ("Link data version", link["data_version"])]
    if est:
        items += [("Estimate run", est["estimate_run"]), ("Estimate data version", est["data_version"])]
    rows = [[escape(k), f"<code>{escape(str(v))}</code>"] for k, v in items]
    blocks = ""
    if link:
        blocks += f'<h3>Linkage settings</h3><pre>{escape(_pretty(link["settings"]))}</pre>'
    if est:
        blocks += f'<h3>Estimation settings</h3><pre>{escape(_pretty(est["settings"]))}</pre>'
    return (f'<section id="methodology"><h2>Methodology</h2><p>Victims are clusters of victim '
            f'records judged to be one person by probabilistic record linkage (Fellegi–Sunter, '
            f'Splink) with reviewers\' verdicts binding; records not yet linked count once each. '
            f'Estimates are multiple systems estimates from the linked persons\' capture '
            f'histories: by default model averaging over decomposable graphical models, '
            f'cross-checked by a heterogeneity model and an interaction-model search, with the '
            f'interval widened where a cross-check that fits the data disagrees, and (with 3 to '
            f'5 lists) its upper end raised to hold a heterogeneity model that fits the data '
            f'and reads more (victims harder to record on every list, which the lists\' '
            f'overlaps cannot rule out); with 4 or 5 lists it also holds the all-two-way '
            f'log-linear model where that fits and no smaller model is clearly better (pairs of '
            f'lists that depend on each other in '
            f'opposite directions, which the graphs cannot represent), and is widened by the '
            f'quasi-likelihood scale where that model\'s Pearson statistic shows the counts vary '
            f'more than victims recorded one by one allow (victims reported a family or an '
            f'incident at a time). '
            f'{escape(BLIND_SPOT[0].upper() + BLIND_SPOT[1:])}: people whom every list is '
            f'unlikely to record (for example the victims of a place no documenter reaches) are '
            f'missing from the estimate as from the lists. Unknown values are shown as '
            f'"unknown", never guessed.</p>'
            f'{_table(["", ""], rows)}{blocks}</section>')


def _pretty(text: str | None) -> str:
    try:
        return json.dumps(json.loads(text or "{}"), indent=2, ensure_ascii=False)
    except ValueError:
        return text or ""


def render_html(facts: dict[str, Any], project_name: str, generated: str | None = None) -> str:
    generated = generated or datetime.now(timezone.utc).isoformat(timespec="seconds")
    body = "".join([
        _headline(facts, project_name), _timeline(facts), _map(facts), _breakdowns(facts),
        _sources(facts), _estimates(facts), _incidents(facts),
        _methodology(facts, {"generated": generated}),
    ])
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="Tally"><title>Tally report — '
            f'{escape(project_name)}</title><style>{_CSS}</style></head><body>{body}'
            f'<footer class="note">Generated {escape(generated)} by Tally.</footer></body></html>')
