"""Ingest: received files become documents, and lists become victim records.

    >>> from tally.ingest import ingest_file
    >>> report = ingest_file(project, "list.csv", "snhr")   # doctest: +SKIP
"""

from tally.ingest.mapping import Mapping, load_mapping
from tally.ingest.pipeline import IngestReport, ingest_file
from tally.ingest.readers import open_table

__all__ = ["IngestReport", "Mapping", "ingest_file", "load_mapping", "open_table"]
