"""One custody for every kind of file: ingest_file takes lists, articles, web pages and
files of articles, and each becomes one document row with one document.ingested event."""

from __future__ import annotations

import json

import pytest

from tally.errors import UsageError
from tally.ingest import ArticleError, IngestReport, ingest_file
from tally.store.audit import verify_audit

TEXT = "Dozens of Alawite civilians were killed in Baniyas on Sunday, according to local activists.\n"
PAGE = ("<html><head><meta charset='utf-8'><title>Baniyas</title></head><body><article><p>" + TEXT
        + "</p></article></body></html>")
COMMON = {"source", "original_name", "size_bytes", "media_type", "parser", "encoding"}


@pytest.fixture
def files(tmp_path):
    (tmp_path / "list.csv").write_text("name,date_of_death\nAhmad Ali,2025-03-09\n", encoding="utf-8")
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "x1", "text": TEXT, "published": "2025-03-12", "outlet": "Wire"}) + "\n",
        encoding="utf-8")
    return tmp_path


def test_every_kind_of_file_is_one_report_one_document_and_one_event(project, files):
    reports = [ingest_file(project, files / "list.csv", "snhr"),
               ingest_file(project, files / "article.txt", "snhr", published="2025-03-12"),
               ingest_file(project, files / "page.html", "snhr", published="2025-03-12"),
               ingest_file(project, files / "feed.jsonl", "snhr", articles=True)]
    assert all(isinstance(r, IngestReport) for r in reports)
    assert [(r.kind, r.status, r.records, r.claims) for r in reports] == [
        ("list", "ingested", 1, 0), ("article", "ingested", 0, 1), ("page", "ingested", 0, 1),
        ("articles", "ingested", 0, 1)]
    with project.connect() as con:
        docs = con.execute("SELECT original_name, media_type, status, record_count FROM document "
                           "ORDER BY original_name").fetchall()
        events = con.execute("SELECT subject, details FROM audit_event WHERE action = 'document.ingested'"
                             ).fetchall()
        assert verify_audit(con, project.objects).ok
    assert docs == [("article.txt", "text/plain", "ingested", 0), ("feed.jsonl", "application/x-ndjson",
                     "ingested", 0), ("list.csv", "text/csv", "ingested", 1), ("page.html", "text/html",
                     "ingested", 0)]
    assert sorted(s for s, _ in events) == sorted(r.sha256 for r in reports)
    for _, details in events:
        assert COMMON <= set(json.loads(details) if isinstance(details, str) else details)


def test_the_same_bytes_are_a_duplicate_whichever_way_they_come_back(project, files):
    first = ingest_file(project, files / "feed.jsonl", "snhr", articles=True)
    again = ingest_file(project, files / "feed.jsonl", "snhr", articles=True)
    assert (again.status, again.kind, again.sha256) == ("duplicate", "articles", first.sha256)
    assert again.duplicate_of["original_name"] == "feed.jsonl"
    # the same bytes offered as a list are the same document, not a second one
    as_list = ingest_file(project, files / "feed.jsonl", "snhr")
    assert (as_list.status, as_list.kind) == ("duplicate", "list")
    with project.connect() as con:
        assert con.execute("SELECT count(*) FROM document").fetchall() == [(1,)]


def test_list_options_are_refused_for_articles_and_nothing_is_stored(project, files):
    with pytest.raises(UsageError, match="--dry-run and --mapping apply to lists"):
        ingest_file(project, files / "page.html", "snhr", published="2025-03-12", dry_run=True)
    with pytest.raises(ArticleError, match="line 1"):
        (files / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
        ingest_file(project, files / "bad.jsonl", "snhr", articles=True)
    with project.connect() as con:
        assert con.execute("SELECT count(*) FROM document").fetchall() == [(0,)]
    assert not any(p.is_file() for p in project.objects.root.rglob("*"))
