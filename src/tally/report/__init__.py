"""The report: one self-contained HTML file with charts and a map.

    >>> from tally.report import render_report
    >>> render_report(project, "report.html")          # doctest: +SKIP
"""

__all__ = ["render_report"]


def __getattr__(name: str):
    # lazily: tally.report.exports (the CLI's --format choices) must stay cheap to import
    if name == "render_report":
        from tally.report.render import render_report

        return render_report
    raise AttributeError(f"module 'tally.report' has no attribute {name!r}")
