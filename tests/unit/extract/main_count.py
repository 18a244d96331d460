"""The main count an English paragraph's claims give, as the English tests read it."""

import datetime as dt

from tally.extract import extract_claims, main_claim

PUB = dt.date(2024, 6, 14)


def main_count(text):
    """The main claim's best count (else its stated one); None without a claim."""
    m = main_claim(extract_claims(text, PUB))
    if m is None:
        return None
    return m["count_best"] if m["count_best"] is not None else m["count_stated"]
