"""`tally demo`: runs end to end and everything it prints is true."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def _num(text: str) -> int:
    return int(text.replace(",", ""))


def test_demo_summary_is_true(cli, tmp_path: Path):
    out = tmp_path / "demo"
    result = cli("demo", out)
    assert result.code == 0, result.err
    text = result.out
    truth = out / "simulation" / "truth"
    with open(truth / "persons.csv", encoding="utf-8", newline="") as f:
        persons = list(csv.DictReader(f))
    with open(truth / "records.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with open(truth / "incidents.csv", encoding="utf-8", newline="") as f:
        incidents = sum(1 for _ in csv.DictReader(f))
    articles = len(list((out / "simulation" / "articles").glob("*.txt")))

    m = re.search(r"1\. Simulated a conflict \(seed \d+\): ([\d,]+) victims killed in ([\d,]+) "
                  r"incidents.*?with ([\d,]+) records and ([\d,]+) news articles", text, re.S)
    assert m, text
    assert (_num(m[1]), _num(m[2]), _num(m[3]), _num(m[4])) == (
        len(persons), incidents, len(records), articles)

    per_source = Counter(r["source"] for r in records)
    ingested = re.findall(r"3\. Ingested \S+ for (\S+): ([\d,]+) records, ([\d,]+) quarantined", text)
    assert {s: _num(n) for s, n, _ in ingested} == dict(per_source)
    assert all(q == "0" for _, _, q in ingested)

    m = re.search(r"4\. Store: 5 sources, 5 documents, ([\d,]+) records, 0 quarantined", text)
    assert m and _num(m[1]) == len(records)
    assert "6. Audit chain: verified" in text

    documented = len({r["person_id"] for r in records})
    m = re.search(r"7\. Truth: the ([\d,]+) records describe ([\d,]+) distinct victims; "
                  r"([\d,]+) of the ([\d,]+) dead are on no list", text)
    assert m, text
    assert (_num(m[1]), _num(m[2]), _num(m[3]), _num(m[4])) == (
        len(records), documented, len(persons) - documented, len(persons))
    assert (out / "records.csv").is_file()
