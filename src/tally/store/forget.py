"""Forgetting a document by destroying its key (crypto-shredding).

In an encrypted project every received document, and the sealed sensitive
values of the records read from it, hang from the document's own key
(:meth:`tally.store.objects.ObjectStore.document_key`). When a witness asks to
be forgotten, :func:`forget_document` destroys that key: the object file and
every sealed value stay where they are, as ciphertext nobody can open any more
(copies in backups included, as long as they hold no copy of the key file).
The records' non-sensitive values (a victim's name, place and date) stay:
the victim is still counted.

Custody stays verifiable without saying what was forgotten: the document row is
marked ``forgotten`` and a ``document.forgotten`` audit event records who and
when, with no subject and no details naming the document; ``tally audit verify``
accepts an unreadable document only when it is marked forgotten and the number
of documents marked so is the number of such events.

Order (crash-safe): the mark and the event commit first, then the key files are
overwritten and removed. A process killed between the two leaves a document
marked forgotten whose key still exists: running ``tally forget`` again (or
:func:`finish_forgetting`) removes it; nothing is lost either way.
"""

from __future__ import annotations

import os

from tally.errors import ProjectError
from tally.store.audit import append_event
from tally.store.transaction import transaction

FORGOTTEN = "forgotten"
ACTION = "document.forgotten"


def _find(con, prefix: str) -> str:
    prefix = prefix.strip().lower()
    if len(prefix) < 12:
        raise ProjectError("give at least 12 digits of the document's SHA-256")
    found = [r[0] for r in con.execute(
        "SELECT sha256 FROM document WHERE sha256 LIKE ? || '%'", [prefix]).fetchall()]
    if not found:
        raise ProjectError(f"no document {prefix[:16]} in this project")
    if len(found) > 1:
        raise ProjectError(f"{prefix} names {len(found)} documents: give more digits")
    return found[0]


def forget_document(project, sha_prefix: str) -> str:
    """Destroy the key of the document whose SHA-256 starts with ``sha_prefix``;
    return its full SHA-256. Only an encrypted project can forget."""
    if not project.encrypted:
        raise ProjectError("only an encrypted project (tally init --encrypt) can forget a "
                           "document: in a plain one its bytes are readable wherever copied")
    project.data_key()  # only a key holder may forget
    with project.connect() as con:
        sha = _find(con, sha_prefix)
        status, text_sha = con.execute(
            "SELECT d.status, t.text_sha256 FROM document d "
            "LEFT JOIN document_text t ON t.document_sha256 = d.sha256 WHERE d.sha256 = ?",
            [sha]).fetchall()[0]
        if status != FORGOTTEN:
            with transaction(con):
                con.execute("UPDATE document SET status = ? WHERE sha256 = ?", [FORGOTTEN, sha])
                append_event(con, ACTION, None, {})
    finish_forgetting(project, [sha] + ([text_sha] if text_sha else []))
    return sha


def finish_forgetting(project, shas: list[str]) -> None:
    """Overwrite and remove the key files of ``shas`` (idempotent)."""
    for sha in shas:
        path = project.objects.key_path_for(sha)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue
        os.chmod(path, 0o600)
        with open(path, "r+b") as handle:  # best effort: a flash disk may keep old blocks
            handle.write(os.urandom(size))
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
