"""``tally encrypt``: turn an existing plain project into an encrypted one, crash-safe.

A plain project's folder holds witnesses' values in the clear in its objects,
in ``tally.duckdb``, possibly in its WAL and — what updating in place would
never remove — in DuckDB's *free blocks*: a value written once (an ingest
killed mid-transaction, a row rewritten since) may survive in a block the
database no longer uses, readable by anyone who scans the file. So this
module never updates the plain store in place. It builds the encrypted
project beside it, in a hidden folder ``.NAME.encrypting-*``:

1. a new data key, wrapped by the passphrase and a recovery key (``keys.json``);
2. a new ``tally.duckdb`` made by the migrations, every table copied from the old
   one (attached read-only, which also keeps other Tally processes from writing
   meanwhile); the records' sensitive values and the raw values of the lists'
   sensitive columns sealed in memory, per record, exactly as an encrypted
   ingest seals them (:mod:`tally.ingest.sealing`), before they reach the new
   file; quarantined rows' raw values sealed whole — so the new file never held
   a sensitive value in the clear, not even in a free block;
3. every object sealed under its own document key;
4. a ``project.encrypted`` audit event carrying the documents' new record
   digests (``tally audit verify`` checks the records against them from then
   on), the head in ``audit.head``, and ``tally.toml`` marked encrypted;

then swaps the two folders in one atomic ``renameat2(RENAME_EXCHANGE)`` — the
commit point — and overwrites and removes the old plain files, now in the
hidden folder. A ``kill -9`` before the swap leaves the plain project as it was
(and a partial build holding nothing in the clear); after it, the encrypted
project, and possibly the old plain folder beside it: running ``tally
encrypt`` again removes any leftover folder either way (and says so).
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from tally.errors import ProjectError
from tally.ingest.sealing import SEALED_COLUMNS, national_id_hash, pack
from tally.model import SENSITIVE_FIELDS
from tally.store import crypto, keys
from tally.store.audit import append_event, records_digest_sql
from tally.store.crashpoints import crash_point
from tally.store.head import advance_head
from tally.store.objects import fsync_dir
from tally.store.layout import CONFIG_NAME, DB_NAME, HEAD_NAME, KEYS_NAME, OBJECTS_NAME
from tally.store.migrations import apply_migrations
from tally.store.objects import ObjectStore

ACTION = "project.encrypted"
_BATCH = 50_000
_SKIP = {DB_NAME, f"{DB_NAME}.wal", f"{DB_NAME}.tmp", OBJECTS_NAME, CONFIG_NAME, HEAD_NAME,
         KEYS_NAME, "serve.json"}
_SECTION = """
[protect]
# Documents and sensitive values are encrypted at rest (tally encrypt); the data key
# is kept wrapped in keys.json (tally keys list). Without keys.json nothing can be read.
encrypted = true
"""


@dataclass(frozen=True)
class EncryptReport:
    recovery_key: str | None  # shown once; None when the project was encrypted already
    records: int
    objects: int
    leftovers_removed: int
    copied_as_is: list[str]  # other files of the folder, copied unencrypted


def leftovers(root: Path) -> list[Path]:
    """Hidden folders an interrupted ``tally encrypt`` of ``root`` left beside it."""
    return sorted(root.parent.glob(f".{root.name}.encrypting-*"))


def encrypt_project(root: str | os.PathLike, passphrase: bytes) -> EncryptReport:
    """Encrypt the plain project at ``root`` under a new data key wrapped by
    ``passphrase``; finish an interrupted run's clean-up when it is encrypted already."""
    from tally.project import Project

    root = Path(root).resolve()
    project = Project.open(root)
    if not project.encrypted:
        keys.check_passphrase(passphrase)
    removed = 0
    # holding the store (no other Tally process in it, another `tally encrypt` included):
    # migrated, everything in the main file, then what an interrupted run left removed
    with project.connect() as con:
        con.execute("CHECKPOINT")
        for folder in leftovers(root):
            shred_tree(folder)
            removed += 1
    if project.encrypted:
        return EncryptReport(None, 0, 0, removed, [])
    build = Path(tempfile.mkdtemp(prefix=f".{root.name}.encrypting-", dir=root.parent))
    os.chmod(build, 0o700)
    umask = os.umask(0o077)
    try:
        data_key, recovery = keys.create_keys(build, passphrase)
        crash_point("encrypt:keys")
        report = _build(project, build, data_key, recovery)
        fsync_dir(build)
        crash_point("encrypt:built")
        _exchange(build, root)  # the commit point
        crash_point("encrypt:swapped")
    except BaseException:
        if (build / CONFIG_NAME).is_file() and _is_encrypted_config(root):
            raise  # swapped: what is in build is the old plain folder; a re-run shreds it
        shutil.rmtree(build, ignore_errors=True)
        raise
    finally:
        os.umask(umask)
    shred_tree(build)  # the old plain project, now beside the encrypted one
    fsync_dir(root.parent)
    return EncryptReport(report.recovery_key, report.records, report.objects, removed,
                         report.copied_as_is)


def _is_encrypted_config(root: Path) -> bool:
    return (root / KEYS_NAME).is_file()


def _build(project, build: Path, data_key: bytes, recovery: str) -> EncryptReport:
    store = ObjectStore(build / OBJECTS_NAME, lambda: data_key)
    (build / OBJECTS_NAME).mkdir(mode=0o700, exist_ok=True)
    id_key = keys.id_hash_key(build, data_key)
    con = duckdb.connect(str(build / DB_NAME))
    try:
        limit = str(project.config.get("store", {}).get("memory_limit") or "")
        if limit.replace(".", "").rstrip("KMGTiBb").isdigit():
            con.execute(f"SET memory_limit = '{limit}'")
        con.execute("SET preserve_insertion_order = false")
        apply_migrations(con)  # the schema, made the way every project's is
        # read-only: other processes may read the plain project meanwhile, none may write it
        quoted = str(project.db_path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS old (READ_ONLY)")
        records = _copy_tables(con, store, id_key, data_key)
        crash_point("encrypt:tables")
        count = _seal_objects(project.objects, store)
        crash_point("encrypt:objects")
        _record(con)
        con.execute("DETACH old")
        con.execute("CHECKPOINT")
        advance_head(con, build)
    finally:
        con.close()
    config = (project.root / CONFIG_NAME).read_text(encoding="utf-8").rstrip("\n") + "\n" + _SECTION
    _write_new(build / CONFIG_NAME, config.encode("utf-8"))
    copied = _copy_others(project.root, build)
    return EncryptReport(recovery, records, count, 0, copied)


def _columns(con, catalog: str, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = ? "
        "AND table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
        [catalog, table]).fetchall()]


def _copy_tables(con, store: ObjectStore, id_key: bytes, data_key: bytes) -> int:
    """Every table of ``old`` into the new store; records and quarantined rows sealed."""
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = "
        "current_database() AND table_schema = 'main' AND table_type = 'BASE TABLE'"
    ).fetchall()]
    records = 0
    current = con.execute("SELECT current_database()").fetchall()[0][0]
    con.execute("BEGIN")
    for table in tables:
        new_cols = _columns(con, current, table)
        old_cols = set(_columns(con, "old", table))
        cols = [c for c in new_cols if c in old_cols]
        if not cols:
            continue
        con.execute(f'DELETE FROM main."{table}"')  # what the migrations seeded: the old rows
        if table == "victim_record":
            records = _copy_records(con, cols, store, id_key)
        elif table == "quarantine":
            _copy_quarantine(con, cols, store)
        elif table == "app_user" and "totp_secret" in cols:
            _copy_users(con, cols, data_key)
        else:
            listed = ", ".join(f'"{c}"' for c in cols)
            con.execute(f'INSERT INTO main."{table}" ({listed}) SELECT {listed} FROM old.main."{table}"')
    con.execute("COMMIT")
    return records


def _ciphers(store: ObjectStore):
    found: dict[str, crypto.Cipher] = {}

    def cipher(sha: str) -> crypto.Cipher:
        if sha not in found:
            found[sha] = crypto.Cipher(store.document_key(sha, create=True))
        return found[sha]
    return cipher


def _sensitive_columns(con) -> dict[str, set[str]]:
    """Per document, the list's columns whose raw values are sealed: those its ingest
    recorded as sensitive, and any named like a sensitive field (interchange lists)."""
    found = {}
    for sha, text in con.execute("SELECT sha256, sensitive_columns FROM old.main.document"
                                 ).fetchall():
        found[sha] = set(json.loads(text)) if text else set()
    return found


def _copy_records(con, cols: list[str], store: ObjectStore, id_key: bytes) -> int:
    cipher = _ciphers(store)
    sensitive = _sensitive_columns(con)
    fields = [c for c in SEALED_COLUMNS if c in cols]
    listed = ", ".join(f'"{c}"' for c in cols)
    source = con.cursor()  # streams the old rows while `con` writes the new ones
    reader = source.sql(f"SELECT {listed} FROM old.main.victim_record").to_arrow_reader(_BATCH)
    total = 0
    for batch in reader:
        table = pa.Table.from_batches([batch])
        data = {c: table.column(c).to_pylist() for c in ("record_id", "document_sha256", "raw",
                                                           *fields)}
        sealed, raws = [], []
        for i, record_id in enumerate(data["record_id"]):
            sha = data["document_sha256"][i]
            box = {f: data[f][i] for f in fields if data[f][i] is not None}
            raw_text = data["raw"][i]
            if raw_text:
                raw = json.loads(raw_text)
                for column in raw:
                    if (column in sensitive.get(sha, ()) or column in SENSITIVE_FIELDS) \
                            and raw[column] is not None:
                        box["raw:" + column] = raw[column]
                        raw[column] = None
                raw_text = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
            raws.append(raw_text)
            sealed.append(cipher(sha).seal_text(pack(box), record_id) if box else None)
        table = table.set_column(table.schema.get_field_index("raw"), "raw",
                                 pa.array(raws, pa.string()))
        for f in fields:
            blank = ([national_id_hash(id_key, v) if v is not None else None
                      for v in data[f]] if f == "national_id" else [None] * len(raws))
            table = table.set_column(table.schema.get_field_index(f), f, pa.array(blank, pa.string()))
        if "sealed" in cols:
            table = table.set_column(table.schema.get_field_index("sealed"), "sealed",
                                     pa.array(sealed, pa.string()))
        con.register("_tally_sealed_records", table)
        con.execute(f"INSERT INTO main.victim_record ({listed}) SELECT {listed} "
                    "FROM _tally_sealed_records")
        con.unregister("_tally_sealed_records")
        total += len(raws)
    source.close()
    return total


def _copy_quarantine(con, cols: list[str], store: ObjectStore) -> None:
    cipher = _ciphers(store)
    listed = ", ".join(f'"{c}"' for c in cols)
    table = con.sql(f"SELECT {listed} FROM old.main.quarantine").to_arrow_table()
    shas = table.column("document_sha256").to_pylist()
    rows = table.column("row_number").to_pylist()
    texts = table.column("raw_text").to_pylist()
    raws = [None if v is None else str(v) for v in table.column("raw").to_pylist()] \
        if "raw" in cols else [None] * len(shas)
    old_sealed = table.column("sealed").to_pylist() if "sealed" in cols else [None] * len(shas)
    sealed = []
    for i, sha in enumerate(shas):
        text = texts[i] if texts[i] is not None else raws[i]
        sealed.append(old_sealed[i] if text is None else
                      cipher(sha).seal_text(text, f"{sha}|{rows[i]}|raw"))
    nulls = pa.nulls(len(shas), pa.string())
    table = table.set_column(table.schema.get_field_index("raw_text"), "raw_text", nulls)
    if "raw" in cols:
        table = table.set_column(table.schema.get_field_index("raw"), "raw",
                                 pa.nulls(len(shas), table.schema.field("raw").type))
    table = table.set_column(table.schema.get_field_index("sealed"), "sealed",
                             pa.array(sealed, pa.string()))
    con.register("_tally_sealed_quarantine", table)
    con.execute(f"INSERT INTO main.quarantine ({listed}) SELECT {listed} "
                "FROM _tally_sealed_quarantine")
    con.unregister("_tally_sealed_quarantine")


def _copy_users(con, cols: list[str], data_key: bytes) -> None:
    """Workspace users, their TOTP secrets sealed as :mod:`tally.store.accounts` seals
    them in an encrypted project (a subkey of the data key, bound to the user's name)."""
    table = con.sql(f"SELECT {', '.join(repr_col(c) for c in cols)} FROM old.main.app_user"
                    ).to_arrow_table()
    key = crypto.subkey(data_key, "totp")
    names = table.column("name").to_pylist()
    sealed = [None if s is None else crypto.seal_text(key, s, f"totp:{n}")
              for n, s in zip(names, table.column("totp_secret").to_pylist())]
    table = table.set_column(table.schema.get_field_index("totp_secret"), "totp_secret",
                             pa.array(sealed, pa.string()))
    listed = ", ".join(repr_col(c) for c in cols)
    con.register("_tally_sealed_users", table)
    con.execute(f"INSERT INTO main.app_user ({listed}) SELECT {listed} FROM _tally_sealed_users")
    con.unregister("_tally_sealed_users")


def repr_col(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _seal_objects(plain: ObjectStore, store: ObjectStore) -> int:
    count = 0
    if not plain.root.is_dir():
        return 0
    for folder in sorted(p for p in plain.root.iterdir() if p.is_dir()):
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue  # a killed write's temporary file
            data = path.read_bytes()
            if store.put_bytes(data) != folder.name + path.name:
                raise ProjectError(f"object {folder.name + path.name[:10]} is damaged (its bytes "
                                   "do not hash to its name): see `tally audit verify`; nothing "
                                   "was encrypted")
            count += 1
    return count


def _record(con) -> None:
    """Each document's new record digest into its row and the ``project.encrypted``
    event (covering every document's rows: the quarantined ones are sealed too)."""
    digests = dict(con.execute(records_digest_sql()).fetchall())
    counts = dict(con.execute(
        "SELECT document_sha256, count(*) FROM victim_record GROUP BY 1").fetchall())
    con.execute("BEGIN")
    for sha, digest in digests.items():
        con.execute("UPDATE document SET records_digest = ? WHERE sha256 = ?", [digest, sha])
    append_event(con, ACTION, None, {
        "records_digests": {sha: [counts[sha], digest] for sha, digest in sorted(digests.items())}},
        documents=True)
    con.execute("COMMIT")


def _copy_others(root: Path, build: Path) -> list[str]:
    """Files of the project folder Tally did not make, copied as they are (not encrypted)."""
    copied = []
    for path in sorted(root.iterdir()):
        if path.name in _SKIP or path.name.startswith("."):
            continue
        if path.is_dir():
            shutil.copytree(path, build / path.name, symlinks=True)
        else:
            shutil.copy2(path, build / path.name, follow_symlinks=False)
        copied.append(path.name)
    return copied


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _exchange(a: Path, b: Path) -> None:
    """Swap the folders ``a`` and ``b`` in one step (Linux ``renameat2`` with
    ``RENAME_EXCHANGE``); where the system cannot, two renames (a crash between
    them leaves the project under ``.NAME.encrypting-*``: said in the error)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        if renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:  # AT_FDCWD, EXCHANGE
            fsync_dir(b.parent)
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(code, f"cannot swap {b} with its encrypted build: {os.strerror(code)}")
    aside = a.with_name(a.name + "-plain")  # found by leftovers() too
    os.rename(b, aside)
    os.rename(a, b)  # killed between the two: the project is in `aside`, still whole
    os.rename(aside, a)
    fsync_dir(b.parent)


def shred_tree(folder: Path) -> None:
    """Overwrite every file under ``folder`` with zeros, then remove it (best effort:
    a flash disk or a copy-on-write file system may keep the old blocks)."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            try:
                os.chmod(path, 0o600)
                size = path.stat().st_size
                with open(path, "r+b") as handle:
                    zeros = bytes(min(size, 1 << 20))
                    left = size
                    while left > 0:
                        left -= handle.write(zeros[:min(left, len(zeros))])
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError:
                pass
    for path in folder.rglob("*"):
        if path.is_dir():
            os.chmod(path, 0o700)
    shutil.rmtree(folder, ignore_errors=True)



