"""The public surface of tally.extract, and robustness on junk input."""

from __future__ import annotations

import random

import tally.extract as extract
from tally.extract import extract_claims


def test_all_names_are_importable():
    for name in extract.__all__:
        assert getattr(extract, name) is not None, name


def test_extraction_never_raises_on_junk_and_spans_hold():
    rng = random.Random(7)
    words = ("killed", "were", "at least", "dozens of", "12", "1,200", "٣٤", "people", "civilians", "and",
             "wounded", "in", "Homs", "on", "3 March", "March", "may", "said", "by", "gunmen", "the", "a",
             "including", ".", ",", "\n", "toll", "rose to", "bodies of", "was", "shot dead", "-", ":",
             "year-old", "since", "last week", "Druze", "Alawite", "accused", "denied", "of", "to", "'")
    for _ in range(1500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        for c in extract_claims(text, "2025-03-12" if rng.random() < 0.7 else None):
            assert text[c["evidence_start"]:c["evidence_end"]] == c["evidence_text"]
            assert c["what"] in ("killed", "executed", "injured", "abducted", "incidents")
