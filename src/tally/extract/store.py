"""Articles into a project: the document kept as received, its claims proposed.

    from tally.extract.store import ingest_article
    report = ingest_article(project, "article.txt", "sana", published="2025-03-12")

One transaction stores the bytes (content-addressed), the ``document`` row, one
``claim`` row per claim (``review_status`` ``proposed``) and the audit event. A
file already stored is reported as a duplicate and left alone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from tally.extract.articles import extract_file
from tally.extract.numbers import LEXICON_VERSION
from tally.project import Project
from tally.sources import get_source
from tally.store.audit import append_event, current_actor, utc_now
from tally.store.objects import sha256_file
from tally.store.transaction import transaction

_COLUMNS = ("what", "count_low", "count_best", "count_high", "killed_low", "killed_best", "killed_high",
            "incident_count_low", "incident_count_high", "qualifier", "scope", "victim_group", "community",
            "status", "place", "place_id", "date_start", "date_end", "date_precision", "perpetrator",
            "attribution", "cited_source", "evidence_text", "evidence_start", "evidence_end")


@dataclass
class ArticleReport:
    path: str
    sha256: str
    source_id: str
    status: str  # ingested | duplicate
    articles: int = 0
    claims: int = 0


def ingest_article(project: Project, path: str | os.PathLike, source_id: str,
                   published: dt.date | str | None = None) -> ArticleReport:
    """Store an article (``.txt``) or a JSON-lines file of articles and its claims."""
    path = Path(path)
    found = list(extract_file(path, published))  # reads and checks everything before writing
    sha = sha256_file(path)
    jsonl = path.suffix.lower() in (".jsonl", ".ndjson")
    pub = None if jsonl or published is None else str(published)
    with project.connect() as con:
        get_source(con, source_id)
        if con.execute("SELECT 1 FROM document WHERE sha256 = ?", [sha]).fetchall():
            return ArticleReport(str(path), sha, source_id, "duplicate")
        project.objects.put(path, sha)
        now = utc_now()
        report = ArticleReport(str(path), sha, source_id, "ingested", articles=len(found))
        with transaction(con):
            n = 0
            for art_id, claims in found:
                for c in claims:
                    n += 1
                    con.execute(
                        f"INSERT INTO claim (claim_id, document_sha256, source_id, article_id, published, "
                        f"{', '.join(_COLUMNS)}, proposal, lexicon_version, extracted_at) VALUES "
                        f"({', '.join('?' * (len(_COLUMNS) + 8))})",
                        [f"{sha[:16]}-{n}", sha, source_id, art_id, pub,
                         *[c.get(k) for k in _COLUMNS], json.dumps(c, ensure_ascii=False),
                         c["lexicon_version"], now],
                    )
            report.claims = n
            con.execute(
                "INSERT INTO document (sha256, source_id, original_name, media_type, size_bytes, "
                "received_at, received_by, parser, status, record_count, quarantine_count) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ingested', 0, 0)",
                [sha, source_id, path.name, "application/x-ndjson" if jsonl else "text/plain",
                 path.stat().st_size, now, current_actor(), f"extract/{LEXICON_VERSION}"],
            )
            append_event(con, "document.ingested", sha, {
                "source": source_id, "original_name": path.name, "size_bytes": path.stat().st_size,
                "media_type": "application/x-ndjson" if jsonl else "text/plain",
                "parser": f"extract/{LEXICON_VERSION}", "published": pub,
                "articles": len(found), "claims": n, "records": 0, "records_digest": None,
            })
    return report
