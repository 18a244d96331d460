"""Claims article by article: what a file of several articles (or one) proposes.

    from tally.extract import claims_of
    for article_id, claims in claims_of(articles):   # as read by tally.ingest.articles
        ...

Extraction takes text, never files: reading article files and web pages is
Ingest's (:mod:`tally.ingest.articles`), which hands over each article's id,
text, publication date and outlet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Protocol

from tally.extract.claims import extract_claims


class ArticleText(Protocol):
    """One article as read: its id (None for a single-article file), text, publication date
    and the outlet a JSON line names (None when it names none)."""

    id: str | None
    text: str
    published: dt.date | None
    outlet: str | None


def claims_of(articles: Iterable[ArticleText]) -> Iterator[tuple[str | None, list[dict]]]:
    """``(article id, claims)`` for each article; a JSON line's claims also carry
    ``article_id`` and, where the line names one, ``outlet``."""
    for art in articles:
        claims = extract_claims(art.text, art.published)
        for c in claims:
            if art.id is not None:
                c["article_id"] = art.id
            if art.outlet is not None:
                c["outlet"] = art.outlet
        yield art.id, claims
