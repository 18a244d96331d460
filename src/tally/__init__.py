"""Tally: keep every report of a killing as received, link victims, count and
estimate the dead, and publish without exposing witnesses.

The public API is small; stages live in sub-packages (``tally.ingest``,
``tally.normalize``, ``tally.link``, ``tally.estimate`` ...).

    >>> from tally import Project
    >>> project = Project.init("my-project")           # doctest: +SKIP
"""

from tally.errors import (
    EstimationError,
    IngestError,
    ProjectError,
    TallyError,
    UsageError,
)

__version__ = "0.1.0"

__all__ = [
    "EstimationError",
    "IngestError",
    "Project",
    "ProjectError",
    "TallyError",
    "UsageError",
    "__version__",
]


def __getattr__(name: str):
    # Lazy so that `import tally` stays cheap for stand-alone tools (mse, normalize).
    if name == "Project":
        from tally.project import Project

        return Project
    raise AttributeError(name)
