"""Extract: news text → casualty claims with evidence spans.

    from tally.extract import extract_claims
    claims = extract_claims("At least 13 people were killed ...", published="2025-03-12")

Modules, one job each: :mod:`.numbers` (the versioned count lexicon),
:mod:`.groups` (victim groups), :mod:`.attribution` (perpetrator, strength, cited
source), :mod:`.context` (when, where), :mod:`.sentences`, :mod:`.claims` (the
rules), :mod:`.articles` (reading article files), :mod:`.store` (articles and
claims into a project), :mod:`.evaluation` (agreement with hand labels).
"""

from tally.extract.articles import extract_file, read_articles
from tally.extract.claims import extract_claims, main_claim, total_killed
from tally.extract.errors import ExtractError
from tally.extract.numbers import LEXICON_VERSION, find_counts
from tally.extract.store import ingest_article

__all__ = ["LEXICON_VERSION", "ExtractError", "extract_claims", "extract_file", "find_counts",
           "ingest_article", "main_claim", "read_articles", "total_killed"]
