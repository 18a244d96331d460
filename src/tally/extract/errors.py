"""The error extraction raises on bad input."""

from __future__ import annotations

from tally.errors import TallyError


class ExtractError(TallyError):
    """An article or articles file that cannot be read: names the file and line."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        self.file, self.line, self.problem = file, line, message
        where = ", ".join(x for x in (file, f"line {line}" if line is not None else None) if x)
        super().__init__(f"{where}: {message}" if where else message)
