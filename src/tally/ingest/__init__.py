"""Ingest: every received file becomes a document; lists become victim records,
articles and web pages proposed claims.

    >>> from tally.ingest import ingest_file
    >>> report = ingest_file(project, "list.csv", "snhr")   # doctest: +SKIP

Modules, one job each: :mod:`.pipeline` (``ingest_file``: which kind of file, and
a list's rows into records), :mod:`.documents` (custody: hash, duplicate, object,
document row, audit event), :mod:`.readers`, :mod:`.mapping`, :mod:`.encodings`,
:mod:`.checks` (lists), :mod:`.articles` and :mod:`.pages` (reading articles and
web pages), :mod:`.claims` (an article's document and its proposed claims).
"""

from tally.ingest.articles import read_articles, read_document
from tally.ingest.claims import article_text
from tally.ingest.documents import IngestReport
from tally.ingest.errors import ArticleError
from tally.ingest.mapping import Mapping, load_mapping
from tally.ingest.pipeline import ingest_file, is_article
from tally.ingest.readers import open_table

__all__ = ["ArticleError", "IngestReport", "Mapping", "article_text", "ingest_file", "is_article",
           "load_mapping", "open_table", "read_articles", "read_document"]
