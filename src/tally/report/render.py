"""`render_report`: read the store once, write the HTML file."""

from __future__ import annotations

import os
from pathlib import Path

from tally.project import Project
from tally.report.html import collect_facts, render_html


def render_report(project: Project, out: str | os.PathLike = "report.html") -> Path:
    """Write the project's report to ``out`` (one self-contained HTML file); return its path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with project.connect(read_only=True) as con:
        facts = collect_facts(con)
    text = render_html(facts, project.config["project"]["name"])
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return out
