"""Extraction over whole corpora: the development set's evidence spans, and
simulated articles scored against their true claims."""

from __future__ import annotations

import csv

import pytest

from tally.extract import extract_claims
from tally.ingest.articles import extract_file
from tally.simulate.score import load_true_claims, score_claims
from tests.conftest import SHARED_DATA

DEV = SHARED_DATA / "extraction-dev" / "pitf_2016_2017.csv"
SPAN_KEYS = [("count_start", "count_end"), ("place_start", "place_end"),
             ("date_text_start", "date_text_end"), ("perpetrator_start", "perpetrator_end"),
             ("cited_source_start", "cited_source_end")]


@pytest.mark.skipif(not DEV.exists(), reason="development data ../shared/data/extraction-dev not present")
def test_every_evidence_slice_equals_its_quote_over_the_development_set():
    with DEV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 1000
    n = 0
    for r in rows:
        text = r["Description"]
        for c in extract_claims(text, None):
            n += 1
            assert text[c["evidence_start"]:c["evidence_end"]] == c["evidence_text"]
            for a, b in SPAN_KEYS:
                if c[a] is not None:
                    assert c["evidence_start"] <= c[a] < c[b] <= len(text)
            if c["perpetrator"] is not None and c["perpetrator_start"] is not None:
                assert text[c["perpetrator_start"]:c["perpetrator_end"]] == c["perpetrator"]
    assert n > 1000


NEWS = DEV.parents[1] / "news" / "FA-KES-Dataset.csv"


@pytest.mark.skipif(not NEWS.exists(), reason="news articles ../shared/data/news not present")
def test_every_evidence_slice_equals_its_quote_over_the_news_articles():
    with NEWS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    n = 0
    for r in rows:
        text = r["article_content"]
        for c in extract_claims(text, None):
            n += 1
            assert text[c["evidence_start"]:c["evidence_end"]] == c["evidence_text"]
            if c["count_start"] is not None:
                assert c["evidence_start"] <= c["count_start"] < c["count_end"] <= c["evidence_end"]
    assert n > 1000


@pytest.fixture(scope="module")
def simulated(simulation):
    return simulation  # the session's seed-11 simulation (tests/conftest.py), read only


def test_simulated_articles_score(simulated):
    extracted = [c for _, claims in extract_file(simulated / "articles.jsonl") for c in claims]
    score = score_claims(extracted, load_true_claims(simulated))
    assert score.true_claims > 20
    assert score.recall >= 0.95
    assert score.precision >= 0.95
    assert score.count_exact >= 0.9
    assert score.attribution_exact >= 0.95
