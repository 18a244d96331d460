"""A Tally project folder: ``tally.toml``, ``tally.duckdb`` and ``objects/``.

    >>> project = Project.init("syria-coast")            # doctest: +SKIP
    >>> with project.connect() as con: ...               # doctest: +SKIP
"""

from __future__ import annotations

import os
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import duckdb

from tally.errors import ProjectError
from tally.store.audit import append_event, utc_now
from tally.store.migrations import apply_migrations
from tally.store.objects import ObjectStore
from tally.store.transaction import transaction

CONFIG_NAME = "tally.toml"
DB_NAME = "tally.duckdb"
OBJECTS_NAME = "objects"

_CONFIG_TEMPLATE = """\
# Tally project settings. Edit with care: every run records the settings it used.
[project]
name = {name!r}
created_at = {created!r}
format = 1

[store]
# DuckDB memory limit for bulk work (ingest, linkage).
memory_limit = "3GB"
"""


class Project:
    """An open project folder. Use :meth:`init` to create, :meth:`open` to open."""

    def __init__(self, root: Path, config: dict[str, Any]) -> None:
        self.root = root
        self.config = config
        self.objects = ObjectStore(root / OBJECTS_NAME)

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @classmethod
    def init(cls, root: str | os.PathLike, name: str | None = None) -> "Project":
        """Create a new project in ``root`` (which may exist but must be empty of Tally files)."""
        root = Path(root)
        if (root / CONFIG_NAME).exists() or (root / DB_NAME).exists():
            raise ProjectError(f"{root} is already a Tally project")
        if root.exists() and not root.is_dir():
            raise ProjectError(f"{root} exists and is not a folder")
        root.mkdir(parents=True, exist_ok=True)
        (root / OBJECTS_NAME).mkdir(exist_ok=True)
        text = _CONFIG_TEMPLATE.format(name=name or root.resolve().name, created=utc_now())
        (root / CONFIG_NAME).write_text(text, encoding="utf-8")
        project = cls(root, tomllib.loads(text))
        with project.connect() as con, transaction(con):
            append_event(con, "project.created", project.config["project"]["name"], {})
        return project

    @classmethod
    def open(cls, root: str | os.PathLike) -> "Project":
        """Open an existing project, refusing clearly if ``root`` is not one."""
        root = Path(root)
        config_path = root / CONFIG_NAME
        if not config_path.is_file() or not (root / DB_NAME).is_file():
            raise ProjectError(
                f"{root} is not a Tally project (no {CONFIG_NAME} and {DB_NAME}); "
                f"create one with `tally init {root}` or pass -p DIR"
            )
        try:
            config = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ProjectError(f"{config_path}: cannot read settings: {exc}") from exc
        return cls(root, config)

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the store with the schema brought up to date."""
        con = duckdb.connect(str(self.db_path), read_only=read_only)
        try:
            limit = self.config.get("store", {}).get("memory_limit")
            if limit:
                con.execute(f"SET memory_limit = '{_safe_size(limit)}'")
            con.execute("SET preserve_insertion_order = true")
            if not read_only:
                apply_migrations(con)
            yield con
        finally:
            con.close()


def _safe_size(text: str) -> str:
    cleaned = str(text).strip()
    if not cleaned.replace(".", "").rstrip("KMGTiBb").isdigit():
        raise ProjectError(f"store.memory_limit {text!r} is not a size like '3GB'")
    return cleaned
