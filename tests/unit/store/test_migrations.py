"""Numbered migrations: a project made with an older schema opens with a newer Tally."""

import duckdb
import pytest

from tally.errors import StoreError
from tally.project import Project
from tally.store.migrations import apply_migrations, available_migrations, schema_version


def test_new_project_has_every_migration_recorded(tmp_path):
    project = Project.init(tmp_path / "p")
    with project.connect() as con:
        rows = con.execute("SELECT version, name FROM schema_migration ORDER BY 1").fetchall()
    assert rows == [(m.version, m.name) for m in available_migrations()]
    assert rows[0] == (1, "foundation")


def test_project_at_an_older_version_is_upgraded_on_open(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    assert apply_migrations(con, target=1) == [1]
    con.execute("INSERT INTO source VALUES ('a', 'A', 'other', 'F', NULL, NULL, 'then')")
    con.close()
    con = duckdb.connect(str(db))
    ran = apply_migrations(con)
    assert ran == [m.version for m in available_migrations() if m.version > 1]
    assert schema_version(con) == available_migrations()[-1].version
    assert con.execute("SELECT id FROM source").fetchall() == [("a",)]  # data kept
    con.close()


def test_edited_migration_is_refused_not_rerun(tmp_path):
    con = duckdb.connect(str(tmp_path / "db.duckdb"))
    apply_migrations(con)
    con.execute("UPDATE schema_migration SET checksum = 'x' WHERE version = 1")
    with pytest.raises(StoreError, match="differs from the one applied"):
        apply_migrations(con)
