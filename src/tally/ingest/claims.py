"""Articles into a project: the document kept as received, its claims proposed.

    from tally.ingest import ingest_file
    report = ingest_file(project, "article.html", "sana", published="2025-03-12")

The file is read and checked whole first (:mod:`.articles`), and Extract
proposes each article's claims (:func:`tally.extract.claims_of`). Then, as for
every received file (:mod:`.documents`), the bytes are stored (content-addressed)
and one transaction writes one ``claim`` row per claim (``review_status``
``proposed``), the ``document`` row and the audit event. A web page's main text,
which its claims' offsets index, is stored beside it as an object of its own
(``document_text``: the text's hash, the page's encoding and how the text was
made), and the audit event names it. A JSON line's outlet (``source``/``outlet``)
is kept with each of its claims. Each article's language (``ar``, ``en``, or ``und``: one
Tally does not read) is recorded in the event (``languages``, ``unread``), also for an
article that gives no claims, so that "no claims" can be told from "not read". A file already stored is reported as a duplicate
and left alone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from tally.extract import LEXICON_VERSION, claims_of
from tally.extract.language import language_of
from tally.ingest.articles import ReadDocument, decode_text, read_document
from tally.ingest.documents import IngestReport, Received, identify, store_document
from tally.project import Project
from tally.store.audit import utc_now

_COLUMNS = ("what", "count_low", "count_best", "count_high", "killed_low", "killed_best", "killed_high",
            "incident_count_low", "incident_count_high", "qualifier", "scope", "victim_group", "community",
            "status", "place", "place_id", "date_start", "date_end", "date_precision", "perpetrator",
            "attribution", "cited_source", "evidence_text", "evidence_start", "evidence_end", "outlet")

#: the kind of file a read article document is, by its media type
KINDS = {"application/x-ndjson": "articles", "text/html": "page", "text/plain": "article"}


def ingest_article(project: Project, path: str | os.PathLike, source_id: str,
                    published: dt.date | str | None = None) -> IngestReport:
    """Store an article (``.txt``, ``.html``) or a JSON-lines file of articles, and its claims."""
    path = Path(path)
    doc = read_document(path, published)           # reads and checks everything before writing
    found = list(claims_of(doc.articles))
    languages = [[a.id, language_of(a.text)] for a in doc.articles]
    pub = None if doc.media_type == "application/x-ndjson" or published is None else str(published)
    parser = f"extract/{LEXICON_VERSION}" + (f"+{doc.method}" if doc.method else "")
    kind = KINDS[doc.media_type]
    with project.connect() as con:
        sha, duplicate = identify(con, path, source_id)
        if duplicate:
            return IngestReport(str(path), sha, source_id, "duplicate", kind=kind, duplicate_of=duplicate)
        report = IngestReport(str(path), sha, source_id, "ingested", kind=kind, articles=len(found),
                              media_type=doc.media_type, parser=parser, encoding=doc.encoding)
        now = utc_now()

        def write(con) -> Received:   # after the document's bytes are stored
            if doc.derived:
                text = doc.articles[0].text
                report.text_sha256 = project.objects.put_bytes(text.encode("utf-8"))
                report.text_chars = len(text)
            report.claims = _write_claims(con, sha, source_id, pub, report.text_sha256, found, now)
            if doc.derived:
                _write_text(con, sha, report, doc, now)
            return Received(doc.media_type, parser, doc.encoding, details={
                "published": pub, "text_sha256": report.text_sha256, "text_method": doc.method,
                "articles": len(found), "claims": report.claims, "records": 0, "records_digest": None,
                "languages": languages, "unread": sum(lang == "und" for _, lang in languages),
            })

        store_document(project, con, path, sha, source_id, write, received_at=now)
    return report


def _write_claims(con, sha: str, source_id: str, pub: str | None, text_sha256: str | None,
                  found: list[tuple[str | None, list[dict]]], now: str) -> int:
    n = 0
    for art_id, claims in found:
        for c in claims:
            n += 1
            con.execute(
                f"INSERT INTO claim (claim_id, document_sha256, source_id, article_id, published, "
                f"text_sha256, {', '.join(_COLUMNS)}, proposal, lexicon_version, extracted_at) VALUES "
                f"({', '.join('?' * (len(_COLUMNS) + 9))})",
                [f"{sha[:16]}-{n}", sha, source_id, art_id, pub, text_sha256,
                 *[c.get(k) for k in _COLUMNS], json.dumps(c, ensure_ascii=False),
                 c["lexicon_version"], now],
            )
    return n


def _write_text(con, sha: str, report: IngestReport, doc: ReadDocument, now: str) -> None:
    """The derived main text of a web page, beside its document."""
    con.execute(
        "INSERT INTO document_text VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [sha, report.text_sha256, doc.media_type, doc.encoding, doc.encoding_source, doc.method,
         report.text_chars, doc.title, now])


def article_text(project: Project, document_sha256: str) -> str:
    """The text a document's claims index: a web page's derived main text, else the
    document's own text (a JSON-lines file's articles are its lines' ``text``)."""
    with project.connect(read_only=True) as con:
        row = con.execute("SELECT text_sha256 FROM document_text WHERE document_sha256 = ?",
                          [document_sha256]).fetchall()
    if row:
        return project.objects.read_bytes(row[0][0]).decode("utf-8")
    return decode_text(project.objects.read_bytes(document_sha256))[0]
