"""Scores on the labelled paragraph sets written for Tally (``tests/data/extract_ar``,
``tests/data/extract_en_hard``; how they were made: their README).

    from tally.extract.devsets import load_set, score_set
    print(score_set(load_set("tests/data/extract_ar/paragraphs.jsonl"), split="heldout"))

Per paragraph the extractor's reading is the article's main count
(:func:`~tally.extract.claims.main_claim`, the same claim ``tally extract`` reports as
``main_count``). Figures:

- main count exact: among paragraphs that report killings, the main claim's count
  agrees with the label (its best, else the number as written; a label without a best
  value, "between 40 and 60" or "dozens", agrees on low and high);
- precision: among those where a main count was found, the share that is exact;
- nothing: among those, the share where no main count was found;
- distractors taken: among paragraphs that report no killing ("no one was killed",
  "thousands could die", an anniversary), the share given a main count;
- claim recall: among every labelled count (the main count, a period toll, the
  injured, the abducted), the share some claim states (same kind and number);
- cumulative flagged: among labelled period tolls, the share of claims stating them
  that carry ``cumulative``; governorate: the main claim's place lies in the label's.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from tally.extract.claims import extract_claims, main_claim
from tally.normalize.places import place_by_id


def load_set(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _number(c: dict) -> int | None:
    for k in ("count_best", "count_stated", "count_low"):
        if c.get(k) is not None:
            return c[k]
    return None


def _agrees(lab: dict, claim: dict | None) -> bool:
    if claim is None:
        return False
    if lab["killed_best"] is not None:
        return _number(claim) == lab["killed_best"]
    if lab["killed_low"] is not None and lab["killed_high"] is None:  # "more than 20"
        return claim["count_low"] == lab["killed_low"]
    return (claim["count_low"], claim["count_high"]) == (lab["killed_low"], lab["killed_high"])


def _states(claims: list[dict], what: tuple[str, ...], n: int) -> list[dict]:
    return [c for c in claims if c["what"] in what and n in (c["count_best"], c["count_stated"], c["count_low"])]


@dataclass
class SetScore:
    paragraphs: int
    main_exact: float
    precision: float
    nothing: float
    distractors_taken: float
    claim_recall: float
    cumulative_flagged: float
    governorate: float
    seconds: float
    rows: list[dict]

    def summary(self) -> str:
        return (f"{self.paragraphs} paragraphs: main count exact {self.main_exact:.3f}, precision "
                f"{self.precision:.3f}, nothing {self.nothing:.3f}, distractors taken "
                f"{self.distractors_taken:.3f}, claim recall {self.claim_recall:.3f}, cumulative flagged "
                f"{self.cumulative_flagged:.3f}, governorate {self.governorate:.3f}")


def score_set(rows: list[dict], split: str | None = None) -> SetScore:
    """Scores of the extractor on ``rows`` (only ``split`` when given: dev / heldout)."""
    import time

    rows = [r for r in rows if split is None or r["split"] == split]
    out = []
    t0 = time.perf_counter()
    for r in rows:
        claims = extract_claims(r["text"], dt.date.fromisoformat(r["published"]))
        out.append((r, claims, main_claim(claims)))
    secs = time.perf_counter() - t0
    events = [(r, cl, m) for r, cl, m in out if not r["label"]["distractor"]
              and (r["label"]["killed_low"] is not None or r["label"]["killed_high"] is not None)]
    exact = [(r, m) for r, _, m in events if _agrees(r["label"], m)]
    found = [m for _, _, m in events if m is not None]
    distract = [m for r, _, m in out if r["label"]["distractor"]]
    wanted = hit = 0
    cum_total = cum_flag = 0
    gov_total = gov_hit = 0
    rows_out = []
    for r, claims, m in out:
        lab = r["label"]
        ok = {}
        if lab["killed_low"] is not None or lab["killed_high"] is not None:
            wanted += 1
            ok["main"] = _agrees(lab, m) or any(_agrees(lab, c) for c in claims
                                                if c["what"] in ("killed", "executed"))
            hit += ok["main"]
        for key, what in (("cumulative_count", ("killed", "executed")), ("injured", ("injured",)),
                          ("abducted", ("abducted",))):
            n = lab.get(key)
            if n is None or (key == "cumulative_count" and n == lab["killed_best"]):
                continue
            wanted += 1
            stating = _states(claims, what, n)
            ok[key] = bool(stating)
            hit += ok[key]
            if key == "cumulative_count" and stating:
                cum_total += 1
                cum_flag += any(c.get("cumulative") for c in stating)
        if lab.get("cumulative") and m is not None:
            cum_total += 1
            cum_flag += bool(m.get("cumulative"))
        if lab.get("governorate") and not lab["distractor"]:
            gov_total += 1
            first = m or next((c for c in claims if c["scope"] == "total"), None)
            p = place_by_id(first["place_id"]) if first and first.get("place_id") else None
            gp = place_by_id(p.governorate_id) if p else None
            ok["governorate"] = bool(gp and gp.name_en == lab["governorate"])
            gov_hit += ok["governorate"]
        rows_out.append({"id": r["id"], "label": lab, "main": m, "ok": ok})
    n = len(events)
    return SetScore(len(rows), len(exact) / n if n else 0.0, len(exact) / len(found) if found else 1.0,
                    1 - len(found) / n if n else 0.0,
                    sum(m is not None for m in distract) / len(distract) if distract else 0.0,
                    hit / wanted if wanted else 0.0, cum_flag / cum_total if cum_total else 0.0,
                    gov_hit / gov_total if gov_total else 0.0, secs, rows_out)
