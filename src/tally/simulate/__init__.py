"""Simulate a conflict with ground truth: victims, lists, articles, truth files.

    from tally.simulate import simulate_conflict
    result = simulate_conflict("sim/", seed=1, size=5000)   # ~5,000 list records

Everything is drawn from generators seeded with ``seed`` (one per component,
so that changing one source's errors leaves the population unchanged) and
written in a fixed order: the same seed gives byte-identical files. Output is
streamed, so memory stays bounded for ``size=1_000_000``.

Layout of ``outdir``::

    simulation.json        seed, size, counts, the sources (id, name, kind,
                           grade, language, list file, mapping) and their
                           configured error rates
    lists/                 the five lists, each in its own format
    mappings/              one mapping file per list (tally ingest --mapping)
    articles/              news articles, one .txt each (UTF-8)
    articles.jsonl         the same articles as {id, text, published, outlet}
    truth/                 see :mod:`tally.simulate.truth`
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tally.errors import UsageError
from tally.simulate import config
from tally.simulate.articles import write_article, write_wave_summary
from tally.simulate.capture import capture_person, incident_effects
from tally.simulate.population import PopulationGenerator
from tally.simulate.tables import FALLBACK_PLACES, load_places
from tally.simulate.truth import TruthWriter
from tally.simulate.writers import WRITERS

__all__ = ["SimulationResult", "load_manifest", "simulate_conflict"]


@dataclass
class SimulationResult:
    outdir: str
    seed: int
    size: int
    profile: str = "standard"
    records: int = 0
    records_by_source: dict[str, int] = field(default_factory=dict)
    persons: int = 0
    documented: int = 0
    incidents: int = 0
    articles: int = 0
    claims: int = 0
    seconds: float = 0.0
    #: With ``out_of_scope``: the list that also names people outside the estimate's
    #: population, how many such records it holds, and how it wrote their status.
    out_of_scope: dict = field(default_factory=dict)


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"tally-simulate:{seed}:{part}")


def simulate_conflict(
    outdir: str | Path,
    *,
    seed: int = 1,
    size: int = 5000,
    profile: str = "standard",
    progress: Callable[[int], None] | None = None,
    out_of_scope: float = 0.0,
    out_of_scope_list: str = "rg-en",
) -> SimulationResult:
    """Write a simulated conflict of about ``size`` list records to ``outdir``.

    A previous simulation in ``outdir`` is replaced; a folder that is not
    empty and holds no simulation is refused (:class:`UsageError`). ``profile`` scales every error rate (see
    :data:`tally.simulate.config.PROFILES`); ``"independent"`` is the held-out profile,
    a generator of its own (:mod:`tally.simulate.independent`); ``"field"`` is a second
    held-out profile, designed apart from both (:mod:`tally.simulate.field`); ``"audit"`` a third,
    designed apart from all three and never tuned on (:mod:`tally.simulate.audit`); ``"ledger"`` a
    fourth, written from published facts about Syrian casualty lists and apart from the
    other four and the linker (:mod:`tally.simulate.ledger`); ``"mosaic"`` a fifth, held out
    in wave 6 (:mod:`tally.simulate.mosaic`); ``"kestrel"`` a sixth, held out in wave 7
    (:mod:`tally.simulate.kestrel`); ``"heron"`` a seventh, held out and run once in wave 8
    (:mod:`tally.simulate.heron`); ``"osprey"`` an eighth, held out in wave 9
    (:mod:`tally.simulate.osprey`). ``progress`` is called with the number of records written
    so far (every few thousand).

    ``out_of_scope`` (0 to 0.5; in-sample profiles only) makes ``out_of_scope_list`` (a list
    that writes a status: rg-ar, rg-en or monitor) also name people outside the estimate's
    population, as that share of its records: fighters announced by their groups (status
    written as that list writes a combatant, half of them), deaths never confirmed (written
    "Missing" or "Not confirmed", or the Arabic words, 30%) and some with no status at all
    (20%). Nobody else names them and they are not in the truth's persons (their records
    are in ``truth/records.csv`` under person ids starting ``X``), so every estimate that
    counts them reads too high — what ``tally estimate``'s scope check is for. They do not
    count towards ``size``, so the victims and who captured them are the same with the
    option on or off; off, the simulation is unchanged byte for byte.
    """
    t0 = time.perf_counter()
    if out_of_scope and profile in config.OWN_GENERATORS:
        raise UsageError(f"out_of_scope applies to the in-sample profiles "
                         f"({', '.join(config.PROFILES)}), not {profile}")
    if not 0 <= out_of_scope <= 0.5:
        raise UsageError(f"out_of_scope must lie between 0 and 0.5, got {out_of_scope}")
    if out_of_scope and out_of_scope_list not in OUT_OF_SCOPE_LISTS:
        raise UsageError(f"out_of_scope_list must be one of {', '.join(OUT_OF_SCOPE_LISTS)} "
                         f"(the lists that write a status), got {out_of_scope_list!r}")
    if profile in config.OWN_GENERATORS:
        return _independent(outdir, seed, size, progress, profile)
    try:
        sources = config.sources_for(profile)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    outdir = Path(outdir)
    if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / "simulation.json").is_file():
        raise UsageError(f"{outdir} is not empty and holds no simulation: choose a new folder")
    outdir.mkdir(parents=True, exist_ok=True)
    for sub in ("lists", "mappings", "articles", "truth"):
        shutil.rmtree(outdir / sub, ignore_errors=True)
    result = SimulationResult(str(outdir), seed, size, profile)
    ids = tuple(s.id for s in sources)
    writers = {s.id: WRITERS[s.id](outdir, s, _rng(seed, f"source:{s.id}")) for s in sources}
    truth = TruthWriter(outdir, ids)
    gen = PopulationGenerator(_rng(seed, "population"))
    rng_cap = _rng(seed, "capture")
    rng_dup = _rng(seed, "duplicates")
    rng_art = _rng(seed, "articles")
    (outdir / "articles").mkdir(parents=True, exist_ok=True)
    articles_index = open(outdir / "articles.jsonl", "w", encoding="utf-8", newline="\n")
    dup_rate = sources[ids.index("local")].errors.get("duplicate", 0.0)
    dup_q = dup_rate / (1 - dup_rate)
    pending: deque = deque()  # (due incident number, person) for local duplicates
    waves: dict[tuple[str, str], list] = {}  # (phase, governorate) -> [killed, incidents, start, end]
    records = 0
    next_progress = 5000
    extra = None
    if out_of_scope:
        extra = _OutOfScope(out_of_scope_list, out_of_scope, _rng(seed, "out-of-scope"))

    def emit(article) -> None:
        (outdir / "articles" / f"{article.article_id}.txt").write_text(article.text, encoding="utf-8")
        articles_index.write(json.dumps(
            {"id": article.article_id, "text": article.text,
             "published": article.published.isoformat(), "outlet": article.outlet},
            ensure_ascii=False) + "\n")
        for claim in article.claims:
            truth.claim(claim)
            result.claims += 1
        result.articles += 1

    def write_duplicate(person) -> int:
        rid, errors = writers["local"].write(person, duplicate=True)
        truth.record(rid, "local", person, errors)
        return 1

    while records < size:
        incident = gen.next_incident()
        result.incidents += 1
        documented = 0
        effects = incident_effects(rng_cap, sources)
        for person in incident.victims:
            captured = capture_person(person, rng_cap, sources, effects)
            n = 0
            for sid in ids:
                if captured[sid]:
                    rid, errors = writers[sid].write(person)
                    truth.record(rid, sid, person, errors)
                    n += 1
            if captured["local"] and rng_dup.random() < dup_q:
                pending.append((result.incidents + rng_dup.randint(0, 30), person))
                n += 1
            truth.person(person, captured, n)
            records += n
            result.persons += 1
            if n:
                documented += 1
        result.documented += documented
        truth.incident(incident, documented)
        if extra is not None:  # not counted in ``size``: the same victims with or without
            extra.write(writers[extra.list], truth)
        while pending and pending[0][0] <= result.incidents:
            write_duplicate(pending.popleft()[1])
        n_killed = len(incident.victims)
        p_article = min(config.ARTICLE_MAX, config.ARTICLE_BASE + config.ARTICLE_PER_VICTIM * n_killed)
        if rng_art.random() < p_article:
            emit(write_article(rng_art, f"A{result.articles + 1:06d}", incident))
        if incident.phase != "background":
            w = waves.setdefault((incident.phase, incident.place.governorate),
                                 [0, 0, incident.date, incident.date])
            w[0] += n_killed
            w[1] += 1
            w[2] = min(w[2], incident.date)
            w[3] = max(w[3], incident.date)
        if progress is not None and records >= next_progress:
            progress(records)
            next_progress = records + 5000
    while pending:
        write_duplicate(pending.popleft()[1])
    for (phase, gov), (killed, n_inc, start, end) in sorted(waves.items()):
        if n_inc >= 3:
            emit(write_wave_summary(rng_art, f"A{result.articles + 1:06d}", phase, gov,
                                    killed, n_inc, start, end))
    articles_index.close()
    for sid, w in writers.items():
        w.close()
        result.records_by_source[sid] = w.count
        (outdir / sources[ids.index(sid)].mapping).parent.mkdir(parents=True, exist_ok=True)
        (outdir / sources[ids.index(sid)].mapping).write_text(w.mapping(), encoding="utf-8")
    truth.close()
    if extra is not None:
        result.out_of_scope = extra.summary()
    result.records = sum(result.records_by_source.values())
    _write_manifest(outdir, result, sources)
    if progress is not None:
        progress(result.records)
    result.seconds = time.perf_counter() - t0
    return result


#: Lists whose writers write a status, so can name a fighter or an unconfirmed death as such.
OUT_OF_SCOPE_LISTS = ("rg-ar", "rg-en", "monitor")
#: How the people outside the scope are written: (status, share).
OUT_OF_SCOPE_MIX = (("combatant", 0.5), ("missing", 0.15), ("unconfirmed", 0.15), ("", 0.2))


class _OutOfScope:
    """People one list names who are outside the estimate's population: drawn from a
    population generator of their own (own random stream), renamed ``X…`` so no truth
    person or incident shares their ids, written to that one list only, after each
    incident, until they are ``share`` of the list's records."""

    def __init__(self, list_id: str, share: float, rng: random.Random) -> None:
        self.list, self.share, self.rng = list_id, share, rng
        self.gen = PopulationGenerator(rng)
        self.written: Counter = Counter()
        self.queue: deque = deque()

    def write(self, writer, truth) -> int:
        n = 0
        while sum(self.written.values()) < self.share * writer.count:
            if not self.queue:
                self.queue.extend(self.gen.next_incident().victims)
            person = self.queue.popleft()
            person.person_id, person.incident_id = "X" + person.person_id, "X" + person.incident_id
            u, status = self.rng.random(), ""
            for status, w in OUT_OF_SCOPE_MIX:
                if u < w:
                    break
                u -= w
            person.status = status
            rid, errors = writer.write(person)
            truth.record(rid, self.list, person, errors)
            self.written[status or "(none)"] += 1
            n += 1
        return n

    def summary(self) -> dict:
        return {"list": self.list, "share": self.share, "records": sum(self.written.values()),
                "by_status": dict(sorted(self.written.items()))}


def _independent(outdir, seed: int, size: int, progress, profile: str = "independent") -> SimulationResult:
    """A profile with a generator of its own: :mod:`tally.simulate.independent`, the
    second held-out profile :mod:`tally.simulate.field` (designed apart from both), the
    third, :mod:`tally.simulate.audit` (designed apart from all three), the fourth,
    :mod:`tally.simulate.ledger`, the fifth, :mod:`tally.simulate.mosaic`, or the sixth,
    :mod:`tally.simulate.kestrel` (held out in wave 7), or the seventh,
    :mod:`tally.simulate.heron` (held out in wave 8), or the eighth,
    :mod:`tally.simulate.osprey` (held out in wave 9)."""
    from tally.simulate.audit import simulate_audit
    from tally.simulate.field import simulate_field
    from tally.simulate.heron import simulate_heron
    from tally.simulate.independent import simulate_independent
    from tally.simulate.kestrel import simulate_kestrel
    from tally.simulate.ledger import simulate_ledger
    from tally.simulate.mosaic import simulate_mosaic
    from tally.simulate.osprey import simulate_osprey

    outdir = Path(outdir)
    if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / "simulation.json").is_file():
        raise UsageError(f"{outdir} is not empty and holds no simulation: choose a new folder")
    for sub in ("lists", "mappings", "articles", "truth"):
        shutil.rmtree(outdir / sub, ignore_errors=True)
    outdir.mkdir(parents=True, exist_ok=True)
    result = SimulationResult(str(outdir), seed, size, profile)
    run = {"field": simulate_field, "audit": simulate_audit,
           "ledger": simulate_ledger, "mosaic": simulate_mosaic,
           "kestrel": simulate_kestrel, "heron": simulate_heron,
           "osprey": simulate_osprey}.get(profile, simulate_independent)
    return run(outdir, seed, size, result, progress)


def _write_manifest(outdir: Path, result: SimulationResult, sources) -> None:
    manifest = {
        "seed": result.seed,
        "size": result.size,
        "profile": result.profile,
        "period": [config.START.isoformat(), config.END.isoformat()],
        "counts": {
            "records": result.records, "records_by_source": result.records_by_source,
            "persons": result.persons, "documented_persons": result.documented,
            "incidents": result.incidents, "articles": result.articles, "claims": result.claims,
        },
        "sources": [
            {"id": s.id, "name": s.name, "kind": s.kind, "reliability": s.reliability,
             "language": s.language, "file": s.file, "mapping": s.mapping,
             "capture_easy_hard": list(s.capture), "depends_on": s.depends_on,
             "dependence_odds": s.dependence_odds, "errors": s.errors}
            for s in sources
        ],
        "easy_share": config.EASY_SHARE,
        "incident_effect_sd": config.INCIDENT_EFFECT_SD,
        **({"out_of_scope": result.out_of_scope} if result.out_of_scope else {}),
        "places": "builtin fallback list" if load_places() is FALLBACK_PLACES else "gazetteer",
        "articles": {"dir": "articles", "index": "articles.jsonl", "claims": "truth/claims.json"},
        "truth": {
            "records": "truth/records.csv", "persons": "truth/persons.csv",
            "incidents": "truth/incidents.csv",
            "strata_governorate_month": "truth/strata_governorate_month.csv",
            "strata_community": "truth/strata_community.csv",
            "capture_histories": "truth/capture_histories.csv",
        },
    }
    (outdir / "simulation.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (outdir / "README.md").write_text(_readme(result, sources), encoding="utf-8")


_FORMATS = {
    "rg-ar": "CSV, Windows-1256, ';', CRLF; name parts in columns (الاسم, اسم الأب, اسم الجد, "
             "الكنية = family), ISO dates, village + district + governorate in Arabic",
    "rg-en": "XLSX (sheet Victims); full name in Latin script (given [father] family), typed "
             "Excel dates or month-only text YYYY-MM, district only (no village), ages as "
             "numbers or ten-year ranges",
    "local": "CSV, UTF-8 with BOM; full name in Arabic or Latin script, order not fixed, "
             "kunya (Abu X / أبو X) for the given name, typos, repeats of one victim; "
             "dates d/m/yyyy; village + governorate",
    "morgue": "UTF-16 tab-separated text; full name or the placeholder مجهول الهوية "
              "(unidentified: sex, approximate age range, place, date only); date is the "
              "date the body was received",
    "monitor": "JSON lines; Arabic full name (given [father] family), birth year instead "
               "of age, English governorate, Arabic village or null",
}


def _readme(result: SimulationResult, sources) -> str:
    lines = [
        "# Simulated conflict (Tally)",
        "",
        f"Seed {result.seed}, size {result.size:,}, error profile {result.profile}: {result.persons:,} victims in "
        f"{result.incidents:,} incidents (December 2024 - October 2025), "
        f"{result.documented:,} of them on at least one list; {result.records:,} list records; "
        f"{result.articles:,} news articles. Every name is drawn at random from a table of "
        "common names: no record describes a real person.",
        "",
        "| source | records | file | mapping | format | errors (configured rate) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for s in sources:
        errors = ", ".join(f"{k} {v:g}" for k, v in s.errors.items())
        lines.append(f"| {s.id} | {result.records_by_source.get(s.id, 0):,} | {s.file} | "
                     f"{s.mapping} | {_FORMATS[s.id]} | {errors} |")
    lines += [
        "",
        "Rates are per record, except hamza / ta_marbuta / alef_maqsura / abd_spacing / "
        "translit_variant (per name part that can carry them) and kunya (per record of a "
        "victim who has a kunya). Which variations each record carries is in the `errors` "
        "column of `truth/records.csv`.",
        "",
        "Ingest: `tally -p PROJECT source add ID ...` then "
        "`tally -p PROJECT ingest lists/FILE --source ID --mapping mappings/ID.toml`.",
        "",
        "Truth (`truth/`): `records.csv` (record_id -> person_id, incident_id, errors), "
        "`persons.csv` (every victim, documented or not, with true names, attributes, latent "
        "class and 0/1 per list), `incidents.csv`, `strata_governorate_month.csv` and "
        "`strata_community.csv` (true and documented N), `capture_histories.csv` (the "
        "capture-history table of the true persons by governorate and month), `claims.json` "
        "(what each article in `articles/` claims, with evidence offsets and the true toll).",
        "",
        "Record ids (AR-, EN-, LC-, MG-, MN-) are unique across the lists. Score a "
        "clustering with `tally score SIMDIR --clusters CLUSTERS.csv`.",
        "",
    ]
    return "\n".join(lines)


def load_manifest(simdir: str | Path) -> dict:
    return json.loads((Path(simdir) / "simulation.json").read_text(encoding="utf-8"))

