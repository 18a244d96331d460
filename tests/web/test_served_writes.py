"""A served project's writes skip the schema check after the first (the server
migrated the store and holds it: nobody else can change its schema meanwhile); a
project opened by a command checks at every write, as before."""

from __future__ import annotations

import tally.project
from tally.project import Project
from tally.sources import add_source


def _counting(monkeypatch) -> list:
    calls: list = []
    real = tally.project.apply_migrations

    def counted(con, *args, **kwargs):
        calls.append(1)
        return real(con, *args, **kwargs)

    monkeypatch.setattr(tally.project, "apply_migrations", counted)
    return calls


def test_served_writes_check_the_schema_once(tmp_path, monkeypatch):
    from tally.web import create_app

    app = create_app(Project.init(tmp_path / "proj").root)
    project = app.state.project
    calls = _counting(monkeypatch)
    for i in range(3):
        add_source(project, f"s{i}", name=f"Source {i}", kind="other", reliability="C")
    assert len(calls) <= 1
    with project.connect(read_only=True) as con:
        assert con.execute("SELECT count(*) FROM source").fetchall()[0][0] == 3


def test_a_command_checks_the_schema_at_every_write(tmp_path, monkeypatch):
    project = Project.init(tmp_path / "proj")
    calls = _counting(monkeypatch)
    for i in range(2):
        add_source(project, f"s{i}", name=f"Source {i}", kind="other", reliability="C")
    assert len(calls) == 2
