"""Which rules and tables produced a normalized value.

Store :func:`normalizer_version` beside normalized fields: it changes when the
rules (``RULES_VERSION``, bumped by hand when code changes outputs) or any
shipped table (name table, Wikidata spellings, gazetteer) changes, so a
project can tell that its normalized fields are stale and recompute them.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

__all__ = ["RULES_VERSION", "normalizer_version"]

#: Bump when a change to the code changes any normalized output.
RULES_VERSION = "13"

_TABLES = (
    ("names", "names.csv"),
    ("names", "wikidata_variants.csv"),
    ("names", "diminutives.csv"),
    ("gazetteer", "gazetteer.csv"),
)


@lru_cache(maxsize=1)
def normalizer_version() -> str:
    """``tally-normalize/<rules>+<first 12 hex of SHA-256 over the shipped tables>``.

    >>> normalizer_version().startswith("tally-normalize/")
    True
    """
    h = hashlib.sha256()
    for folder, name in _TABLES:
        h.update(resources.files("tally.data").joinpath(folder, name).read_bytes())
    return f"tally-normalize/{RULES_VERSION}+{h.hexdigest()[:12]}"
