"""The report: one self-contained HTML file with charts and a map.

    >>> from tally.report import render_report
    >>> render_report(project, "report.html")          # doctest: +SKIP
"""

from tally.report.render import render_report

__all__ = ["render_report"]
