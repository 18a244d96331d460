"""The exceptions Tally raises on purpose.

    TallyError                 base: the CLI prints it and exits with status 1
    ├── ProjectError           not a project, unknown source, bad settings
    ├── IngestError            a file refused: carries file, row, column
    ├── StoreError             the store or its audit chain is damaged
    ├── EstimationError        a model that cannot give an honest number
    └── UsageError             an option's value out of range, or arguments that
                               make no sense together (`--threshold 2`)

Every message names what the user must look at (file, row, column, source id)
and never contains witness identities or contact details.
"""

from __future__ import annotations


class TallyError(Exception):
    """Base of every error Tally raises deliberately."""


class ProjectError(TallyError):
    """The project folder, its settings or a referenced entity is wrong."""


class StoreError(TallyError):
    """The store is damaged or a write could not be completed."""


class EstimationError(TallyError):
    """An estimate was refused: unidentifiable, divergent, or bad input table."""


class UsageError(TallyError):
    """An argument out of its range, or arguments that cannot be satisfied together.

    Raised where the value is first understood (the core, or the command that
    builds the core's settings from options), with a message naming the option
    and the range; never left to surface as a bare ValueError traceback.
    """


class IngestError(TallyError):
    """A file that cannot be ingested at all. Nothing from it is stored.

    ``file``, ``row`` and ``column`` locate the problem where they are known;
    ``row`` counts data rows from 1 (the header is row 0).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.problem = message
        where = []
        if file is not None:
            where.append(str(file))
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{': '.join([', '.join(where), message]) if where else message}")
