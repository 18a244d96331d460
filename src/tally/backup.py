"""Encrypted backups of a whole project, and restoring one into a new folder.

A backup is one file: a short header, then the project as a tar stream cut
into chunks of 1 MiB, each sealed with AES-256-GCM (:mod:`tally.store.crypto`)
under a key derived from a passphrase with Argon2id (its salt and costs in the
header) — or, with ``recipients``, under a random key encrypted in the header
to age X25519 public keys (:mod:`tally.store.recipients`: the age format,
so only the holder of a matching identity file restores it, and whoever makes
the backup needs no secret). Each chunk's associated data is the header's SHA-256, the chunk's
number and whether it is the last one, so a changed byte anywhere, chunks
swapped, dropped or cut from the end, or a changed header, all fail to
authenticate. Backup and restore stream chunk by chunk: memory stays bounded
whatever the size of the project. Nothing is ever in the clear in the archive,
not even the file names inside it.

What is in it: ``tally.duckdb`` after a ``CHECKPOINT`` (taken while the
backup's connection holds the store, so no other process writes meanwhile),
every file of ``objects/`` (as stored: in an encrypted project still sealed by
the document keys, with their ``.key`` files), ``keys.json``, ``audit.head``
and, last, ``tally.toml``. A ``project.backed_up`` audit event is appended
first, so the backup records that it was made (and the chain it carries ends
with that event).

Restore writes into a hidden folder beside the target and renames it into
place only after the last chunk authenticated: a wrong passphrase, a tampered
or truncated archive, or a killed process leaves no folder under the target's
name (a killed restore leaves a hidden ``.NAME.restoring-*`` folder without
``tally.toml``, which no command takes for a project). The restored project
then records a ``project.restored`` event.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import struct
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Iterator

from tally.errors import ProjectError, StoreError
from tally.store import crypto
from tally.store.layout import CONFIG_NAME, DB_NAME, HEAD_NAME, KEYS_NAME, OBJECTS_NAME
from tally.store.atomic import atomic_writer, fsync_dir

MAGIC = b"TALLY-BACKUP-AES256GCM-1\n"
CHUNK = 1 << 20
_LEN = struct.Struct(">I")
_CHECK = b"tally backup passphrase check"
#: the top-level files a backup holds, besides objects/ (tally.toml last: a
#: restore cut short has no settings, so it is never taken for a project)
_BEFORE = (DB_NAME, KEYS_NAME, HEAD_NAME)


class BackupError(StoreError):
    """An archive that cannot be restored: wrong passphrase, changed, truncated."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    files: int
    bytes_in: int  # bytes of project files
    bytes_out: int  # bytes of the archive
    encrypted_project: bool


# --- the sealed chunk stream -------------------------------------------------

def _header(salt: bytes) -> dict:
    return {"format": 1, "cipher": "AES-256-GCM", "kdf": "argon2id", **crypto.ARGON2,
            "salt": base64.b64encode(salt).decode("ascii"), "chunk": CHUNK}


def _recipient_header(recipients) -> tuple[dict, bytes]:
    """A header whose archive key is a random key encrypted to ``recipients``
    (an age file inside the header); returns the header and the archive key."""
    from tally.store.recipients import encrypt_bytes

    secret = crypto.new_key()
    return ({"format": 1, "cipher": "AES-256-GCM", "kdf": "age-x25519",
             "wrapped": base64.b64encode(encrypt_bytes(secret, recipients)).decode("ascii"),
             "chunk": CHUNK}, crypto.subkey(secret, "backup archive"))


#: Argon2id costs a restore accepts from a header (a changed header must not make
#: a restore take hours or all the machine's memory before it fails)
_MAX_COSTS = {"time_cost": 64, "memory_cost": 4 << 20, "parallelism": 64}


def _archive_key(passphrase: bytes | None, header: dict, identity=None) -> bytes:
    if header.get("kdf") == "age-x25519":
        return _recipient_key(header, identity)
    if passphrase is None:
        raise ProjectError("this archive is encrypted to a passphrase: give it with "
                           "--passphrase-file FILE or TALLY_PASSPHRASE_FILE=FILE")
    for name, most in _MAX_COSTS.items():
        if not 1 <= int(header[name]) <= most:
            raise BackupError(f"the archive's header was changed ({name} {header[name]})")
    kek = crypto.passphrase_key(passphrase, base64.b64decode(header["salt"]),
                                int(header["time_cost"]), int(header["memory_cost"]),
                                int(header["parallelism"]))
    return crypto.subkey(kek, "backup archive")


def _recipient_key(header: dict, identity) -> bytes:
    from tally.store.recipients import NotForThisKey, decrypt_bytes

    if identity is None:
        raise ProjectError("this archive is encrypted to a public key: give the matching "
                           "identity file with --identity FILE")
    wrapped = base64.b64decode(header["wrapped"])
    if len(wrapped) > 4096:
        raise BackupError("the archive's header was changed")
    try:
        secret = decrypt_bytes(wrapped, identity)
    except NotForThisKey:
        raise BackupError("this identity does not open the archive (it was made for another "
                          "recipient, or its header was changed): nothing was written") from None
    if len(secret) != crypto.KEY_BYTES:
        raise BackupError("the archive's header was changed")
    return crypto.subkey(secret, "backup archive")


def _aad(header_hash: bytes, index: int, final: bool) -> bytes:
    return b"tally backup|" + header_hash + struct.pack(">QB", index, 1 if final else 0)


class _SealingWriter(io.RawIOBase):
    """A write-only file: what is written is sealed in chunks onto ``out``."""

    def __init__(self, out: BinaryIO, key: bytes, header_hash: bytes) -> None:
        self._out, self._key, self._hash = out, key, header_hash
        self._buffer = bytearray()
        self._index = 0
        self.plain_bytes = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        self.plain_bytes += len(data)
        while len(self._buffer) > CHUNK:  # keep one back: the last chunk is marked final
            self._emit(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _emit(self, plain: bytes, final: bool) -> None:
        sealed = crypto.seal(self._key, plain, _aad(self._hash, self._index, final))
        self._out.write(_LEN.pack(len(sealed)) + sealed)
        self._index += 1

    def finish(self) -> None:
        self._emit(bytes(self._buffer), final=True)
        self._buffer.clear()


class _OpeningReader(io.RawIOBase):
    """A read-only file: the plaintext of the sealed chunks read from ``src``;
    :class:`BackupError` at the first chunk that does not authenticate."""

    def __init__(self, src: BinaryIO, key: bytes, header_hash: bytes) -> None:
        self._src, self._key, self._hash = src, key, header_hash
        self._buffer = memoryview(b"")
        self._index = 0
        self._done = False

    def readable(self) -> bool:
        return True

    def _next(self) -> None:
        head = self._src.read(_LEN.size)
        if len(head) < _LEN.size:
            raise BackupError("the archive is truncated: it ends before its last chunk")
        (size,) = _LEN.unpack(head)
        if size > CHUNK + crypto.NONCE_BYTES + crypto.TAG_BYTES:
            raise BackupError(f"the archive was changed: chunk {self._index} has an impossible size")
        blob = self._src.read(size)
        for final in (False, True):
            try:
                plain = crypto.unseal(self._key, blob, _aad(self._hash, self._index, final))
            except crypto.Tampered:
                continue
            self._buffer, self._done = memoryview(plain), final
            self._index += 1
            if final and self._src.read(1):
                raise BackupError("the archive was changed: bytes follow its last chunk")
            return
        raise BackupError(f"the archive was changed or truncated: chunk {self._index} "
                          "does not authenticate")

    def readinto(self, target) -> int:
        while not self._buffer:
            if self._done:
                return 0
            self._next()
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]  # a view: no copy of the rest of the chunk
        return n


# --- backup ------------------------------------------------------------------

def _project_files(root: Path) -> Iterator[str]:
    """Relative names of the files a backup holds, in archive order."""
    for name in _BEFORE:
        if (root / name).is_file():
            yield name
    objects = root / OBJECTS_NAME
    for folder, dirs, files in os.walk(objects):
        dirs.sort()
        for name in sorted(files):
            if name.startswith("."):  # an interrupted write's temporary file
                continue
            yield (Path(folder) / name).relative_to(root).as_posix()
    yield CONFIG_NAME


def backup_project(project, out: str | os.PathLike, passphrase: bytes | None,
                   recipients=None) -> BackupReport:
    """Write an encrypted archive of ``project`` to ``out`` (through a temporary
    file beside it, renamed at the end: a killed backup leaves no archive),
    encrypted to ``passphrase`` or, given ``recipients`` (age ``age1...`` public
    keys or files of them), to those keys. An encrypted project is unlocked
    first (its own passphrase: only a key holder backs it up)."""
    from tally.store.audit import append_event
    from tally.store.head import advance_head
    from tally.store.keys import check_passphrase
    from tally.store.layout import check_output_path
    from tally.store.transaction import transaction

    if recipients:
        fields, key = _recipient_header(recipients)
    else:
        check_passphrase(passphrase or b"")
        fields, key = _header(os.urandom(16)), None
    out = check_output_path(out, project.root)
    if out.exists():
        raise ProjectError(f"{out} exists: choose a new file for the backup")
    project.unlock()  # an encrypted project: only a key holder backs it up
    root = project.root
    header = json.dumps(fields, sort_keys=True).encode("utf-8")
    preamble = MAGIC + _LEN.pack(len(header)) + header
    header_hash = hashlib.sha256(preamble).digest()
    key = key or _archive_key(passphrase, fields)
    out.parent.mkdir(parents=True, exist_ok=True)
    files = 0
    with atomic_writer(out) as raw:  # a killed backup leaves no archive
        with project.connect() as con:
            with transaction(con):
                append_event(con, "project.backed_up", None,
                             {"archive": out.name, "encrypted_project": project.encrypted,
                              **({"to": "recipient key"} if recipients else {})})
            con.execute("CHECKPOINT")
            advance_head(con, root)
            raw.write(preamble)
            sealer = _SealingWriter(raw, key, header_hash)
            stream = io.BufferedWriter(sealer, buffer_size=CHUNK)
            with tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                for name in _project_files(root):
                    info = tar.gettarinfo(str(root / name), arcname=name)
                    info.uid = info.gid = 0
                    info.uname = info.gname = ""
                    with open(root / name, "rb") as handle:
                        tar.addfile(info, handle)
                    files += 1
            stream.flush()
            sealer.finish()
    return BackupReport(out, files, sealer.plain_bytes, out.stat().st_size, project.encrypted)


# --- restore -----------------------------------------------------------------

def _open_archive(src: BinaryIO, passphrase: bytes | None, identity=None) -> _OpeningReader:
    if src.read(len(MAGIC)) != MAGIC:
        raise BackupError("not a Tally backup (or its first bytes were changed)")
    head = src.read(_LEN.size)
    if len(head) < _LEN.size:
        raise BackupError("the archive is truncated")
    (size,) = _LEN.unpack(head)
    if size > 4096:
        raise BackupError("the archive's header was changed")
    header_bytes = src.read(size)
    try:
        header = json.loads(header_bytes)
        key = _archive_key(passphrase, header, identity)
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"the archive's header was changed ({exc})") from None
    reader = _OpeningReader(src, key, hashlib.sha256(MAGIC + head + header_bytes).digest())
    try:
        reader._next()
    except BackupError:
        what = "identity" if header.get("kdf") == "age-x25519" else "passphrase"
        raise BackupError(f"wrong {what}, or the archive's start was changed: its first "
                          "chunk does not open (nothing was written)") from None
    return reader


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"the archive names a file outside the project: {name!r}")
    top = path.parts[0]
    if not (top in (*_BEFORE, CONFIG_NAME) and len(path.parts) == 1 or top == OBJECTS_NAME):
        raise BackupError(f"the archive holds a file a project does not have: {name!r}")
    return path


def restore_project(archive: str | os.PathLike, target: str | os.PathLike,
                    passphrase: bytes | None, identity: str | os.PathLike | None = None) -> Path:
    """Rebuild the project of ``archive`` in ``target`` (absent or empty); nothing is
    left under ``target``'s name unless the whole archive authenticated. An archive
    made to a recipient opens with ``identity`` (an age identity file)."""
    archive, target = Path(archive), Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ProjectError(f"{target} exists and is not an empty folder: restore into a new one")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(archive, "rb") as src:
        reader = _open_archive(src, passphrase, identity)  # a wrong passphrase stops here: nothing made
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.restoring-", dir=target.parent))
        try:
            _extract(io.BufferedReader(reader, buffer_size=CHUNK), work)
            if not (work / CONFIG_NAME).is_file() or not (work / DB_NAME).is_file():
                raise BackupError("the archive holds no whole project")
            _record_restore(work, archive.name)
            fsync_dir(work)
            os.replace(work, target)  # an empty target folder is replaced whole
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    fsync_dir(target.parent)
    return target


def _extract(stream: BinaryIO, work: Path) -> None:
    """Write the tar stream's files under ``work`` (owner-only; objects read-only)."""
    try:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                name = _safe_name(member.name)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BackupError(f"the archive holds something not a file: {member.name!r}")
                dest = work.joinpath(*name.parts)
                dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    shutil.copyfileobj(tar.extractfile(member), handle, CHUNK)
                    handle.flush()
                    os.fsync(handle.fileno())
                if name.parts[0] == OBJECTS_NAME:
                    os.chmod(dest, 0o400)
    except tarfile.TarError as exc:
        raise BackupError(f"the archive's contents are damaged ({exc})") from None
    os.chmod(work, 0o700)


def _record_restore(work: Path, archive_name: str) -> None:
    """Append ``project.restored`` to the restored chain (its head moves with it)."""
    from tally.project import Project
    from tally.store.audit import append_event
    from tally.store.transaction import transaction

    project = Project.open(work)
    with project.connect() as con, transaction(con):
        append_event(con, "project.restored", None, {"archive": archive_name})

