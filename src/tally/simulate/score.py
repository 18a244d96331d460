"""Score a stage's output against a simulation's truth.

Linkage is scored as a clustering of records: pairwise precision, recall
and F1 (over all pairs of records put in one cluster) and B-cubed precision,
recall and F1 (per record, averaged), optionally restricted to pairs that
cross two groups of records (e.g. Arabic-script and Latin-script lists).
Estimates are scored against the true N of their stratum, and extracted
claims against the claims each article really makes.

    truth = load_record_truth("sim/")              # record_id -> person_id
    print(score_clusters(truth, {"AR-1": "c1", "EN-7": "c1"}).summary())

Records missing from the predicted clustering count as singletons; records
not in the truth are ignored.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Hashable, Iterable, Mapping

from tally.errors import UsageError


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


@dataclass(frozen=True)
class ClusterScore:
    """Pairwise and B-cubed agreement of a clustering with the truth."""

    records: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    precision: float
    recall: float
    f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    true_clusters: int
    predicted_clusters: int

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        return (f"pairwise P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}; "
                f"B-cubed P={self.bcubed_precision:.3f} R={self.bcubed_recall:.3f} "
                f"F1={self.bcubed_f1:.3f}; {self.predicted_clusters:,} clusters for "
                f"{self.true_clusters:,} true entities ({self.records:,} records)")


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_clusters(truth: Mapping[Hashable, Hashable],
                   predicted: Mapping[Hashable, Hashable]) -> ClusterScore:
    """Compare ``predicted`` (record → cluster) with ``truth`` (record → entity)."""
    cells: Counter = Counter()
    true_sizes: Counter = Counter()
    pred_sizes: Counter = Counter()
    for record, entity in truth.items():
        cluster = predicted.get(record)
        if cluster is None:
            cluster = ("__singleton__", record)
        else:
            cluster = ("c", cluster)
        cells[(entity, cluster)] += 1
        true_sizes[entity] += 1
        pred_sizes[cluster] += 1
    n = sum(true_sizes.values())
    correct = sum(_pairs(c) for c in cells.values())
    true_pairs = sum(_pairs(c) for c in true_sizes.values())
    pred_pairs = sum(_pairs(c) for c in pred_sizes.values())
    precision = correct / pred_pairs if pred_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    if n:
        bp = sum(c * c / pred_sizes[cl] for (_, cl), c in cells.items()) / n
        br = sum(c * c / true_sizes[e] for (e, _), c in cells.items()) / n
    else:
        bp = br = 1.0
    return ClusterScore(
        records=n, true_pairs=true_pairs, predicted_pairs=pred_pairs, correct_pairs=correct,
        precision=precision, recall=recall, f1=_f1(precision, recall),
        bcubed_precision=bp, bcubed_recall=br, bcubed_f1=_f1(bp, br),
        true_clusters=len(true_sizes), predicted_clusters=len(pred_sizes),
    )


def recall_between(truth: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable],
                   group: Mapping[Hashable, Hashable], a: Hashable, b: Hashable) -> tuple[float, int]:
    """Recall over the true pairs with one record in group ``a`` and one in ``b``.

    Returns (recall, number of such true pairs); recall is 1.0 when there are none.
    Use it for cross-script recall: group = record → "arabic" / "latin".
    """
    by_entity: dict = defaultdict(Counter)  # entity -> (group, cluster) -> n
    for record, entity in truth.items():
        g = group.get(record)
        if g not in (a, b):
            continue
        cluster = predicted.get(record, ("__singleton__", record))
        by_entity[entity][(g, cluster)] += 1
    total = hit = 0
    for cells in by_entity.values():
        na = sum(n for (g, _), n in cells.items() if g == a)
        nb = sum(n for (g, _), n in cells.items() if g == b)
        if a == b:
            total += _pairs(na)
            hit += sum(_pairs(n) for (g, _), n in cells.items() if g == a)
            continue
        total += na * nb
        for (g, cl), n in cells.items():
            if g == a:
                hit += n * cells.get((b, cl), 0)
    return (hit / total if total else 1.0), total


def precision_within_source(truth: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable],
                            source: Mapping[Hashable, Hashable]) -> tuple[float, int]:
    """Precision over predicted pairs whose two records come from one source."""
    cells: dict = defaultdict(Counter)  # (cluster, source) -> entity -> n
    for record, entity in truth.items():
        cluster = predicted.get(record)
        if cluster is None:
            continue
        cells[(cluster, source.get(record))][entity] += 1
    pairs = correct = 0
    for ents in cells.values():
        pairs += _pairs(sum(ents.values()))
        correct += sum(_pairs(n) for n in ents.values())
    return (correct / pairs if pairs else 1.0), pairs


# -- truth files -------------------------------------------------------------

def check_simulation(simdir: str | Path) -> Path:
    """``simdir`` as a Path, refused unless it holds a simulation's truth files."""
    truth = Path(simdir) / "truth" / "records.csv"
    if not truth.is_file():
        raise UsageError(f"{simdir} is not a folder written by `tally simulate` (no {truth})")
    return Path(simdir)


def load_record_truth(simdir: str | Path) -> dict[str, str]:
    """record_id → person_id for every list record of a simulation."""
    check_simulation(simdir)
    with open(Path(simdir) / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        return {row["record_id"]: row["person_id"] for row in csv.DictReader(f)}


def load_record_sources(simdir: str | Path) -> dict[str, str]:
    with open(Path(simdir) / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        return {row["record_id"]: row["source"] for row in csv.DictReader(f)}


def load_record_scripts(simdir: str | Path) -> dict[str, str]:
    """record_id → "latin" or "arabic": the script its name is written in.

    A profile whose truth names the script in its own column is read from it; the older
    profiles say it through the English list's source id or a ``latin_script`` error."""
    with open(Path(simdir) / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        return {row["record_id"]: row["script"] if row.get("script") in ("latin", "arabic")
                else "latin" if row["source"] == "rg-en" or "latin_script" in row["errors"]
                else "arabic" for row in csv.DictReader(f)}


def load_clusters_csv(path: str | Path) -> dict[str, str]:
    """A clusters CSV (DESIGN.md: record_id, cluster_id[, match_weight])."""
    if not Path(path).is_file():
        raise UsageError(f"{path}: no such file")
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"record_id", "cluster_id"} - set(reader.fieldnames or ())
        if missing:
            raise UsageError(f"{path}: a clusters CSV needs the columns record_id and cluster_id "
                             f"(missing: {', '.join(sorted(missing))})")
        return {row["record_id"]: row["cluster_id"] for row in reader}


def load_extracted_claims(path: str | Path) -> list[dict]:
    """Claims as `tally extract --json` writes them (a JSON array), to score."""
    try:
        claims = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a JSON array of claims ({exc})") from None
    if not isinstance(claims, list) or not all(isinstance(c, dict) for c in claims):
        raise UsageError(f"{path}: not a JSON array of claims")
    return claims


def load_true_strata(simdir: str | Path, by: str = "governorate_month") -> dict[tuple, dict[str, int]]:
    """True and documented N per stratum: ``by`` is governorate_month or community."""
    name = {"governorate_month": "strata_governorate_month.csv",
            "community": "strata_community.csv"}[by]
    out: dict[tuple, dict[str, int]] = {}
    with open(Path(simdir) / "truth" / name, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            key = (row["governorate"], row["month"]) if by == "governorate_month" else (row["community"],)
            out[key] = {"n_true": int(row["n_true"]), "n_documented": int(row["n_documented"])}
    return out


def true_total(simdir: str | Path) -> int:
    return sum(v["n_true"] for v in load_true_strata(simdir, "community").values())


# -- estimates ---------------------------------------------------------------

@dataclass(frozen=True)
class EstimateScore:
    stratum: tuple
    n_true: int
    n_hat: float
    lower: float | None
    upper: float | None
    relative_error: float
    covered: bool | None


def score_estimates(estimates: Iterable[tuple[tuple, float, float | None, float | None]],
                    truth: Mapping[tuple, int]) -> list[EstimateScore]:
    """Each (stratum, n_hat, lower, upper) against the true N of the stratum."""
    out = []
    for stratum, n_hat, lower, upper in estimates:
        n = truth[stratum]
        covered = None if lower is None or upper is None else bool(lower <= n <= upper)
        out.append(EstimateScore(stratum, n, n_hat, lower, upper,
                                 (n_hat - n) / n if n else float("inf"), covered))
    return out


# -- claims ------------------------------------------------------------------

def load_true_claims(simdir: str | Path) -> list[dict]:
    check_simulation(simdir)
    return json.loads((Path(simdir) / "truth" / "claims.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ClaimScore:
    true_claims: int
    extracted: int
    matched: int
    precision: float
    recall: float
    count_exact: float  # share of matched claims with killed_low/best/high all right
    attribution_exact: float  # share of matched claims with perpetrator and attribution right


def score_claims(extracted: Iterable[Mapping], truth: Iterable[Mapping]) -> ClaimScore:
    """Match extracted claims to true ones by article and overlapping evidence span.

    Each extracted claim needs ``article_id`` (the article's id) and the evidence
    offsets; a true claim matches at most one extracted claim.
    """
    by_article: dict = defaultdict(list)
    for t in truth:
        by_article[t["article_id"]].append(t)
    used: set[int] = set()
    extracted = list(extracted)
    matched = counts = attrib = 0
    for e in extracted:
        for t in by_article.get(e.get("article_id"), []):
            if id(t) in used:
                continue
            if e["evidence_start"] < t["evidence_end"] and t["evidence_start"] < e["evidence_end"]:
                used.add(id(t))
                matched += 1
                counts += all(e.get(k) == t[k] for k in ("killed_low", "killed_best", "killed_high"))
                attrib += e.get("perpetrator") == t["perpetrator"] and e.get("attribution") == t["attribution"]
                break
    n_true = sum(len(v) for v in by_article.values())
    return ClaimScore(
        true_claims=n_true, extracted=len(extracted), matched=matched,
        precision=matched / len(extracted) if extracted else 1.0,
        recall=matched / n_true if n_true else 1.0,
        count_exact=counts / matched if matched else 0.0,
        attribution_exact=attrib / matched if matched else 0.0,
    )


# -- incidents ---------------------------------------------------------------

@dataclass(frozen=True)
class IncidentScore:
    grouping: ClusterScore   # claims and records grouped as the truth groups them
    with_claims: int         # built incidents holding a claim about one true incident
    bracketed: int           # ... whose killed low-high holds that incident's true toll

    def summary(self) -> str:
        g = self.grouping
        return (f"grouping of {g.records:,} claims and records: pairwise precision {g.precision:.3f}, "
                f"recall {g.recall:.3f}, B-cubed F1 {g.bcubed_f1:.3f}; the true toll lies within killed "
                f"low-high in {self.bracketed} of {self.with_claims} incidents with claims")


def score_incidents(simdir: str | Path, project) -> IncidentScore:
    """A project's stored incidents (``tally incidents``) against the simulation's.

    Members scored: records (by their list's own id) and claims of articles about
    one true incident; members left in no incident count as singletons.
    """
    simdir = Path(simdir)
    with open(simdir / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        truth = {("record", r["record_id"]): r["incident_id"] for r in csv.DictReader(f)}
    with open(simdir / "truth" / "incidents.csv", encoding="utf-8", newline="") as f:
        killed = {r["incident_id"]: int(r["killed"]) for r in csv.DictReader(f)}
    for c in load_true_claims(simdir):
        if len(c["incident_ids"]) == 1:
            truth[("article", c["article_id"])] = c["incident_ids"][0]
    with project.connect(read_only=True) as con:
        rows = con.execute(
            """SELECT m.incident_id, m.member_kind, v.source_record_id, c.article_id,
                      i.killed_low, i.killed_high
               FROM incident_member m JOIN incident i USING (incident_id)
               LEFT JOIN victim_record v ON m.member_kind = 'record' AND v.record_id = m.member_id
               LEFT JOIN claim c ON m.member_kind = 'claim' AND c.claim_id = m.member_id""").fetchall()
    predicted: dict = {}
    claimed: dict[str, Counter] = defaultdict(Counter)
    ranges: dict[str, tuple] = {}
    for inc, kind, record, article, low, high in rows:
        key = ("record", record) if kind == "record" else ("article", article)
        predicted[key] = inc
        if kind == "claim" and key in truth:
            claimed[inc][truth[key]] += 1
            ranges[inc] = (low, high)
    bracketed = 0
    for inc, votes in claimed.items():
        true_toll = killed.get(votes.most_common(1)[0][0])
        low, high = ranges[inc]
        bracketed += true_toll is not None and low is not None and high is not None and low <= true_toll <= high
    return IncidentScore(score_clusters(truth, predicted), len(claimed), bracketed)


# -- a project's persons -----------------------------------------------------

def project_clusters(project) -> dict[str, str]:
    """source record id → person id, from a linked project's ``person_record``.

    Simulated record ids are unique across the five lists, so the source's own
    id (``source_record_id``) identifies a record of the truth files.
    """
    with project.connect(read_only=True) as con:
        rows = con.execute(
            "SELECT v.source_record_id, p.person_id FROM person_record p "
            "JOIN victim_record v ON v.record_id = p.record_id").fetchall()
    return {r: c for r, c in rows if r is not None}


@dataclass(frozen=True)
class LinkageScore:
    overall: ClusterScore
    cross_script_recall: float
    cross_script_pairs: int
    within_source_precision: float
    within_source_pairs: int

    def summary(self) -> str:
        return (f"{self.overall.summary()}; Arabic-Latin recall {self.cross_script_recall:.3f} "
                f"({self.cross_script_pairs:,} true pairs); within-list precision "
                f"{self.within_source_precision:.3f} ({self.within_source_pairs:,} pairs)")


def score_linkage(simdir: str | Path, predicted: Mapping[str, str]) -> LinkageScore:
    """Everything the demo and the linkage benchmark report about a clustering."""
    truth = load_record_truth(simdir)
    overall = score_clusters(truth, predicted)
    cross, n_cross = recall_between(truth, predicted, load_record_scripts(simdir), "arabic", "latin")
    within, n_within = precision_within_source(truth, predicted, load_record_sources(simdir))
    return LinkageScore(overall, cross, n_cross, within, n_within)
