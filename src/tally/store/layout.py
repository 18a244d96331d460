"""The files a project folder holds, and the one rule for writing beside them.

A project folder is ``tally.toml`` (settings), ``tally.duckdb`` (the store, with
DuckDB's ``.wal`` and temporary files beside it) and ``objects/`` (every
received file, addressed by its SHA-256). No output of Tally may land on any
of these: ``tally export ... --out tally.toml`` would replace the project's
settings, ``--out objects/ab/ab12...`` a received evidence file.
:func:`check_output_path` is the check every command writing a file calls.
"""

from __future__ import annotations

import os
from pathlib import Path

from tally.errors import UsageError

CONFIG_NAME = "tally.toml"
DB_NAME = "tally.duckdb"
OBJECTS_NAME = "objects"
HEAD_NAME = "audit.head"  # the audit chain's head (tally.store.head)
KEYS_NAME = "keys.json"  # an encrypted project's key slots (tally.store.keys)


def _is_project(folder: Path) -> bool:
    return (folder / CONFIG_NAME).is_file() or (folder / DB_NAME).is_file()


def _protected(target: Path, root: Path) -> str | None:
    """What of project ``root`` the resolved ``target`` would overwrite, if anything."""
    if target == root:
        return "the project folder itself"
    objects = root / OBJECTS_NAME
    if target == objects or objects in target.parents:
        return "the project's received documents (objects/)"
    if target.parent == root and target.name == CONFIG_NAME:
        return "the project's settings (tally.toml)"
    if target.parent == root and target.name == HEAD_NAME:
        return "the audit chain's anchor (audit.head)"
    if target.parent == root and target.name == KEYS_NAME:
        return "the project's key slots (keys.json): without them nothing can be decrypted"
    if target.parent == root and target.name.startswith(DB_NAME):
        return f"the project's store ({target.name})"
    return None


def check_output_path(out: str | os.PathLike, project_root: str | os.PathLike | None = None) -> Path:
    """Refuse (:class:`UsageError`) an output file that would land on a project's
    settings, store or received documents; return the path unchanged otherwise.

    The path is resolved first (symbolic links followed, ``..`` removed), so a
    link or a roundabout path to ``tally.toml`` is refused as well. Every project
    folder above the file counts, and ``project_root`` (the ``-p`` project)
    whether or not it is above it.
    """
    path = Path(out)
    target = path.resolve()
    roots = [p for p in (target, *target.parents) if _is_project(p)]
    if project_root is not None:
        roots.append(Path(project_root).resolve())
    for root in roots:
        what = _protected(target, root)
        if what:
            raise UsageError(f"refusing to write {path}: it is {what} in {root}; "
                             "choose a file outside the project's store and objects")
    return path
