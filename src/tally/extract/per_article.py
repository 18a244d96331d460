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

from tally.extract.claims import extract_claims, main_claim
from tally.extract.language import language_of, language_warning


class ArticleText(Protocol):
    """One article as read: its id (None for a single-article file), text, publication date
    and the outlet a JSON line names (None when it names none)."""

    id: str | None
    text: str
    published: dt.date | None
    outlet: str | None


def claims_of(articles: Iterable[ArticleText]) -> Iterator[tuple[str | None, list[dict]]]:
    """``(article id, claims)`` for each article; a JSON line's claims also carry
    ``article_id`` and, where the line names one, ``outlet``. Every claim carries
    ``language`` (the article's), and the one :func:`main_count` takes ``main: true``."""
    for art in articles:
        claims = extract_claims(art.text, art.published)
        main = main_claim(claims)
        lang = language_of(art.text)
        for c in claims:
            c["language"] = lang
            c["main"] = c is main
            if art.id is not None:
                c["article_id"] = art.id
            if art.outlet is not None:
                c["outlet"] = art.outlet
        yield art.id, claims


def main_count(claims: list[dict]) -> dict | None:
    """The article's main death count: which claim states it (``claim``, its index in
    ``claims``), its reading (low, best, high, the number as written) and whether it is a
    period toll (``cumulative``: only when the article states no event's count); None
    when the article states no death count."""
    main = main_claim(claims)
    if main is None:
        return None
    return {"claim": next(i for i, c in enumerate(claims) if c is main),
            "killed_low": main["killed_low"], "killed_best": main["killed_best"],
            "killed_high": main["killed_high"], "stated": main["count_stated"],
            "qualifier": main["qualifier"], "cumulative": bool(main.get("cumulative")),
            "evidence_start": main["evidence_start"], "evidence_end": main["evidence_end"]}


def article_summary(text: str, claims: list[dict]) -> dict:
    """What ``tally extract`` reports of one article: its language, main count and claims,
    and a warning when its language is one Tally does not read."""
    return {"language": language_of(text), "main_count": main_count(claims),
            "warning": language_warning(text, len(claims)), "claims": claims}
