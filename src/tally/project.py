"""A Tally project folder: ``tally.toml``, ``tally.duckdb`` and ``objects/``.

    >>> project = Project.init("syria-coast")            # doctest: +SKIP
    >>> with project.connect() as con: ...               # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import duckdb

from tally.errors import ProjectError
from tally.store.audit import append_event, utc_now
from tally.store.head import advance_head
from tally.store.keys import KEYS_NAME
from tally.store.layout import CONFIG_NAME, DB_NAME, OBJECTS_NAME
from tally.store.migrations import apply_migrations
from tally.store.objects import ObjectStore
from tally.store.transaction import transaction


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


#: Written by `tally serve` while it serves the project: its address and process id.
SERVE_NAME = "serve.json"


_ENCRYPTED_SECTION = """
[protect]
# Documents and sensitive values are encrypted at rest; the data key is kept
# wrapped in keys.json (tally keys list). Without keys.json nothing can be read.
encrypted = true
"""


class Project:
    """An open project folder. Use :meth:`init` to create, :meth:`open` to open."""

    #: Set by the workspace on the project it serves: this process is the store's one
    #: writer, so a read-only open shares its read-write database (DuckDB refuses two
    #: configurations of one file in one process) and the serve.json check is skipped.
    owns_store: bool = False
    #: the schema was brought up to date by this object while it owned the store
    _migrated: bool = False

    def __init__(self, root: Path, config: dict[str, Any],
                 passphrase: bytes | None = None) -> None:
        self.root = root
        self.config = config
        self._passphrase = passphrase
        self._data_key: bytes | None = None
        #: shown once by ``tally init --encrypt``; never stored in the clear
        self.recovery_key: str | None = None
        self.objects = ObjectStore(root / OBJECTS_NAME,
                                   self.data_key if self.encrypted else None)

    @property
    def encrypted(self) -> bool:
        """Whether the project was made with ``tally init --encrypt`` (it has key slots)."""
        from tally.store.keys import is_encrypted

        return bool(self.config.get("protect", {}).get("encrypted")) or is_encrypted(self.root)

    def data_key(self) -> bytes:
        """The project's data key, unlocked on first use from the passphrase given
        to :meth:`open` or the file ``TALLY_PASSPHRASE_FILE`` names; a clear
        :class:`ProjectError` when there is none or it opens no key slot."""
        from tally.store.keys import PASSPHRASE_ENV, read_passphrase, unlock

        if self._data_key is None:
            passphrase = self._passphrase if self._passphrase is not None else read_passphrase()
            if passphrase is None:
                raise ProjectError(
                    f"{self.name} is encrypted: give its passphrase with --passphrase-file FILE "
                    f"or {PASSPHRASE_ENV}=FILE")
            self._data_key = unlock(self.root, passphrase)
        return self._data_key

    def unlock(self) -> None:
        """Check the passphrase now (before any change), if the project is encrypted."""
        if self.encrypted:
            self.data_key()

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @classmethod
    def init(cls, root: str | os.PathLike, name: str | None = None, *,
             encrypt: bool = False, passphrase: bytes | None = None) -> "Project":
        """Create a new project in ``root`` (which may exist but must be empty of Tally files).

        ``encrypt``: documents and sensitive values are encrypted at rest under a new
        data key, kept wrapped by ``passphrase`` and by a recovery key
        (``project.recovery_key``, to show once)."""
        from tally.store.keys import create_keys

        root = Path(root)
        if encrypt and passphrase is None:
            raise ProjectError("an encrypted project needs a passphrase (--passphrase-file FILE "
                               "or TALLY_PASSPHRASE_FILE=FILE)")
        if (root / CONFIG_NAME).exists() or (root / DB_NAME).exists():
            raise ProjectError(f"{root} is already a Tally project")
        if root.exists() and not root.is_dir():
            raise ProjectError(f"{root} exists and is not a folder")
        root.mkdir(parents=True, exist_ok=True)
        (root / OBJECTS_NAME).mkdir(mode=0o700, exist_ok=True)
        data_key = recovery = None
        if encrypt:  # first: a project without its keys must not look like a plain one
            os.chmod(root, 0o700)
            data_key, recovery = create_keys(root, passphrase)
        text = _CONFIG_TEMPLATE.format(name=name or root.resolve().name, created=utc_now())
        if encrypt:
            text += _ENCRYPTED_SECTION
        fd = os.open(root / CONFIG_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        project = cls(root, tomllib.loads(text), passphrase)
        project._data_key = data_key
        project.recovery_key = recovery
        project.restrict()
        with project.connect() as con, transaction(con):
            append_event(con, "project.created", project.config["project"]["name"],
                         {"encrypted": True} if encrypt else {})
        return project

    @classmethod
    def open(cls, root: str | os.PathLike, passphrase: bytes | None = None) -> "Project":
        """Open an existing project, refusing clearly if ``root`` is not one.

        An encrypted project asks for its key only when first needed (``passphrase``,
        else the file ``TALLY_PASSPHRASE_FILE`` names)."""
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
        return cls(root, config, passphrase)

    @property
    def name(self) -> str:
        return str(self.config.get("project", {}).get("name") or self.root.name)

    def restrict(self) -> None:
        """Make the project owner-only whatever the umask: it holds witnesses'
        names and contact details. The folder (and ``objects/``) 0700, so
        nothing in it, the DuckDB WAL and temporary files included, can be
        reached by anyone else; the settings, database and WAL 0600 as well.
        A project made by an older Tally is tightened the next time it is opened."""
        for path, wanted in ((self.root, 0o700), (self.root / OBJECTS_NAME, 0o700),
                             (self.root / CONFIG_NAME, 0o600), (self.db_path, 0o600),
                             (self.root / f"{DB_NAME}.wal", 0o600),
                             (self.root / KEYS_NAME, 0o600)):
            try:
                if path.stat().st_mode & 0o777 != wanted:
                    os.chmod(path, wanted)
            except FileNotFoundError:
                pass
            except PermissionError:
                pass  # another user's file: nothing this process may change

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the store with the schema brought up to date.

        Refuses with one clear line when another process holds the store
        (DuckDB allows one writing process per database file)."""
        shared_read = read_only and self.owns_store
        if shared_read:
            read_only = False
        elif not self.owns_store:
            served = served_by(self.root)
            if served:
                raise ProjectError(f"{self.name} is served by the workspace at {served}: "
                                   "use it there, or stop the server first")
        # files DuckDB makes while open (the database, its WAL, spill files)
        # are owner-only whatever the umask; restored when the connection closes
        umask = os.umask(0o077)
        try:
            con = duckdb.connect(str(self.db_path), read_only=read_only)
        except duckdb.IOException as exc:
            os.umask(umask)
            raise _held_error(self.name, exc) from None
        except BaseException:
            os.umask(umask)
            raise
        if shared_read:  # the server's own database: already migrated, nothing to anchor
            try:
                yield con
            finally:
                con.close()
                os.umask(umask)
            return
        try:
            if not read_only:
                self.restrict()
            limit = self.config.get("store", {}).get("memory_limit")
            if limit:
                con.execute(f"SET memory_limit = '{_safe_size(limit)}'")
            con.execute("SET preserve_insertion_order = true")
            if not read_only and not (self.owns_store and self._migrated):
                _cover_older_events(con, apply_migrations(con))
                # a served store is migrated once: nobody else can write it meanwhile,
                # and the check cost ~10 ms of every web write
                self._migrated = self.owns_store
            yield con
        except BaseException:
            if not read_only:
                try:  # what was committed before the error is anchored too
                    self._anchor(con)
                except Exception:
                    pass  # the error that got us here is the one to report
            raise
        else:
            if not read_only:
                self._anchor(con)
        finally:
            con.close()
            os.umask(umask)

    def _anchor(self, con: duckdb.DuckDBPyConnection) -> None:
        """Record the chain's head in ``audit.head`` (see :mod:`tally.store.head`)."""
        _rollback_open(con)  # what close would discard must not be anchored
        advance_head(con, self.root)


_PID = re.compile(r"\(PID (\d+)\)")


def served_by(root: Path) -> str | None:
    """``http://HOST:PORT (PID n)`` of the live `tally serve` of this project folder,
    other than this process; None when none (a stale serve.json is ignored)."""
    try:
        info = json.loads((Path(root) / SERVE_NAME).read_text(encoding="utf-8"))
        pid = int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # a server that died without cleaning up
    except PermissionError:
        pass  # alive, another user's
    return f"{info.get('url', '?')} (PID {pid})"


def _held_error(name: str, exc: duckdb.IOException) -> Exception:
    """A ProjectError naming the project and the process that holds its lock;
    other I/O errors (a full disk, a damaged file) pass through unchanged."""
    text = str(exc)
    if "lock" not in text.lower():
        return exc
    pid = _PID.search(text)
    holder = f" (PID {pid.group(1)})" if pid else ""
    return ProjectError(f"{name} is open in another Tally process{holder}: "
                        "wait for it to finish, or stop it")


def _rollback_open(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.TransactionException:
        pass  # none open: the usual case


def _cover_older_events(con: duckdb.DuckDBPyConnection, ran: list[int]) -> None:
    """On the upgrade that makes events carry digests (migration 011), record
    the digests of the project as it stands, so later changes are caught."""
    if 11 not in ran or not con.execute("SELECT count(*) FROM audit_event").fetchall()[0][0]:
        return
    with transaction(con):
        append_event(con, "audit.covered", None,
                     {"reason": "events before this one carry no digests of the human inputs "
                                "or of documents' rows; these are the digests as upgraded"},
                     documents=True)


def _safe_size(text: str) -> str:
    cleaned = str(text).strip()
    if not cleaned.replace(".", "").rstrip("KMGTiBb").isdigit():
        raise ProjectError(f"store.memory_limit {text!r} is not a size like '3GB'")
    return cleaned
