"""Extract: news text → casualty claims with evidence spans, and their review.

    from tally.extract import extract_claims
    claims = extract_claims("At least 13 people were killed ...", published="2025-03-12")

Pure functions from text to proposed claims; files and web pages are read, and
claims stored with their document, by Ingest (:mod:`tally.ingest.articles`,
:mod:`tally.ingest.claims`). Modules, one job each: :mod:`.numbers` (the
versioned count lexicon), :mod:`.groups` (victim groups), :mod:`.attribution`
(perpetrator, strength, cited source), :mod:`.context` (when, where),
:mod:`.sentences`, :mod:`.claims` (the rules), :mod:`.per_article` (claims of
each article of a file), :mod:`.evaluation` (agreement with hand labels),
:mod:`.review` (people's verdicts on claims: the one module that reads and
writes the store).
"""

from tally.extract.claims import extract_claims, main_claim, total_killed
from tally.extract.numbers import LEXICON_VERSION, find_counts
from tally.extract.per_article import claims_of

__all__ = ["LEXICON_VERSION", "claims_of", "extract_claims", "find_counts", "main_claim", "total_killed"]
