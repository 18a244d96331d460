"""Articles into a project: the document kept as received, its claims proposed.

    from tally.extract.store import ingest_article
    report = ingest_article(project, "article.html", "sana", published="2025-03-12")

One transaction stores the bytes (content-addressed), the ``document`` row, one
``claim`` row per claim (``review_status`` ``proposed``) and the audit event. A
web page's main text, which its claims' offsets index, is stored beside it as an
object of its own (``document_text``: the text's hash, the page's encoding and
how the text was made), and the audit event names it. A JSON line's outlet
(``source``/``outlet``) is kept with each of its claims. A file already stored is
reported as a duplicate and left alone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from tally.extract.articles import claims_of, read_document
from tally.extract.numbers import LEXICON_VERSION
from tally.project import Project
from tally.sources import get_source
from tally.store.audit import append_event, current_actor, utc_now
from tally.store.objects import sha256_file
from tally.store.transaction import transaction

_COLUMNS = ("what", "count_low", "count_best", "count_high", "killed_low", "killed_best", "killed_high",
            "incident_count_low", "incident_count_high", "qualifier", "scope", "victim_group", "community",
            "status", "place", "place_id", "date_start", "date_end", "date_precision", "perpetrator",
            "attribution", "cited_source", "evidence_text", "evidence_start", "evidence_end", "outlet")


@dataclass
class ArticleReport:
    path: str
    sha256: str
    source_id: str
    status: str  # ingested | duplicate
    articles: int = 0
    claims: int = 0
    media_type: str | None = None
    encoding: str | None = None
    text_sha256: str | None = None   # a web page's derived main text
    text_chars: int | None = None


def ingest_article(project: Project, path: str | os.PathLike, source_id: str,
                   published: dt.date | str | None = None) -> ArticleReport:
    """Store an article (``.txt``, ``.html``) or a JSON-lines file of articles and its claims."""
    path = Path(path)
    doc = read_document(path, published)           # reads and checks everything before writing
    found = list(claims_of(doc))
    sha = sha256_file(path)
    pub = None if doc.media_type == "application/x-ndjson" or published is None else str(published)
    parser = f"extract/{LEXICON_VERSION}" + (f"+{doc.method}" if doc.method else "")
    with project.connect() as con:
        get_source(con, source_id)
        if con.execute("SELECT 1 FROM document WHERE sha256 = ?", [sha]).fetchall():
            return ArticleReport(str(path), sha, source_id, "duplicate")
        project.objects.put(path, sha)
        report = ArticleReport(str(path), sha, source_id, "ingested", articles=len(found),
                               media_type=doc.media_type, encoding=doc.encoding)
        if doc.derived:
            text = doc.articles[0].text
            report.text_sha256 = project.objects.put_bytes(text.encode("utf-8"))
            report.text_chars = len(text)
        now = utc_now()
        with transaction(con):
            n = 0
            for art_id, claims in found:
                for c in claims:
                    n += 1
                    con.execute(
                        f"INSERT INTO claim (claim_id, document_sha256, source_id, article_id, published, "
                        f"text_sha256, {', '.join(_COLUMNS)}, proposal, lexicon_version, extracted_at) VALUES "
                        f"({', '.join('?' * (len(_COLUMNS) + 9))})",
                        [f"{sha[:16]}-{n}", sha, source_id, art_id, pub, report.text_sha256,
                         *[c.get(k) for k in _COLUMNS], json.dumps(c, ensure_ascii=False),
                         c["lexicon_version"], now],
                    )
            report.claims = n
            con.execute(
                "INSERT INTO document (sha256, source_id, original_name, media_type, size_bytes, "
                "received_at, received_by, parser, encoding, status, record_count, quarantine_count) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ingested', 0, 0)",
                [sha, source_id, path.name, doc.media_type, path.stat().st_size, now, current_actor(), parser,
                 doc.encoding],
            )
            if doc.derived:
                con.execute(
                    "INSERT INTO document_text VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sha, report.text_sha256, doc.media_type, doc.encoding, doc.encoding_source, doc.method,
                     report.text_chars, doc.title, now])
            append_event(con, "document.ingested", sha, {
                "source": source_id, "original_name": path.name, "size_bytes": path.stat().st_size,
                "media_type": doc.media_type, "encoding": doc.encoding, "parser": parser, "published": pub,
                "text_sha256": report.text_sha256, "text_method": doc.method,
                "articles": len(found), "claims": n, "records": 0, "records_digest": None,
            })
    return report


def article_text(project: Project, document_sha256: str) -> str:
    """The text a document's claims index: a web page's derived main text, else the
    document's own text (a JSON-lines file's articles are its lines' ``text``)."""
    with project.connect(read_only=True) as con:
        row = con.execute("SELECT text_sha256 FROM document_text WHERE document_sha256 = ?",
                          [document_sha256]).fetchall()
    if row:
        return project.objects.read_bytes(row[0][0]).decode("utf-8")
    from tally.extract.articles import decode_text

    return decode_text(project.objects.read_bytes(document_sha256))[0]
