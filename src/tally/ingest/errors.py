"""The error article and web-page reading raises: names the file and the line.

An article file that cannot be read is a file refused at ingest, so this is an
:class:`~tally.errors.IngestError`; it counts lines (of a JSON-lines file), not
data rows, and its message says ``line N``.
"""

from __future__ import annotations

from tally.errors import IngestError


class ArticleError(IngestError):
    """An article, web page or articles file that cannot be read: names the file and line."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message, file=file)
        self.line = line
        where = ", ".join(x for x in (file, f"line {line}" if line is not None else None) if x)
        self.args = (f"{where}: {message}" if where else message,)
