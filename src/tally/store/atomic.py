"""Writing a file so that it is either wholly there or not at all: the one way
Tally replaces a file (backups, files encrypted to a recipient, stored objects).

    with atomic_writer(out) as handle:      # streamed: a backup of many GiB
        handle.write(...)
    atomic_write_bytes(path, data)          # or in one piece
    atomic_write_text(path, text)

The bytes go to a temporary file beside the target (the same folder, so the rename
cannot cross file systems), which is flushed and fsynced, optionally checked, given
its permissions (0600 by default: owner-only, whatever the umask) and renamed over
the target; the folder is then fsynced, so a crash after the rename cannot bring the
old file back. A process killed part way, or an exception inside the ``with``,
leaves the target as it was and no temporary file behind. It lives in the store
(the lowest layer that writes files) so the store and everything above may use it.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink in ``path`` durable: the folder's entry is data too, and
    a crash after ``os.replace`` can otherwise bring the old file back."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_writer(target: str | os.PathLike, *, mode: int = 0o600, prefix: str | None = None,
                  check: Callable[[str], None] | None = None) -> Iterator[BinaryIO]:
    """A binary file to write that replaces ``target`` only when the ``with`` ends
    without an exception. ``check(temporary_path)`` may refuse the written bytes (by
    raising) before they replace anything; ``prefix`` names the temporary file
    (default ``.TARGETNAME.``: hidden, and recognisably the target's)."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=prefix or f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if check is not None:
            check(tmp)
        os.chmod(tmp, mode)
        if target.exists() and not os.access(target, os.W_OK):
            os.chmod(target, 0o600)  # a read-only file in place (an object): some file
            # systems (SMB, a Windows share) refuse to rename over one
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def atomic_write_bytes(target: str | os.PathLike, data: bytes, *, mode: int = 0o600) -> Path:
    """``data`` as the whole of ``target``, atomically (see :func:`atomic_writer`)."""
    with atomic_writer(target, mode=mode) as out:
        out.write(data)
    return Path(target)


def atomic_write_text(target: str | os.PathLike, text: str, *, mode: int = 0o600,
                      encoding: str = "utf-8") -> Path:
    """``text`` as the whole of ``target``, atomically (see :func:`atomic_writer`)."""
    return atomic_write_bytes(target, text.encode(encoding), mode=mode)
