"""Forgetting one witness inside a list (``tally forget --witness RECORD``).

A list's document holds every row, so its key cannot simply be destroyed (that
forgets everyone: ``tally forget --document``). Destroying a key is still the
only way to make a value unreadable for good — old ciphertexts survive in
DuckDB's free blocks, its WAL, file-system blocks and backups — so forgetting
one witness *re-keys the document*: everything sealed under the document's key
is sealed again under a new key, without the witness, and the old key is
destroyed. Whatever copy of an old ciphertext survives anywhere (free blocks,
the old object file's blocks) then opens with no key that exists.

What is removed: the witness's identity fields (``witness_name``,
``witness_contact``) and the raw values of the list's columns that held them,
in the chosen record and in every record of the same document naming the same
witness (same name or same contact); and those cells from the stored document
itself. Consent and the victims' own values stay.

The document's bytes: Tally keeps the received file under its SHA-256 for
custody. Without the witness's cells it is no longer those bytes, so the
project keeps the received bytes minus those cells (a text list: the cells
emptied on the rows' lines), its SHA-256 in ``document.held_sha256`` — or no
bytes at all (``'-'``) when the cells cannot be removed cleanly (a spreadsheet,
a cell spanning lines, the name occurring elsewhere in the file). The custody
claim that survives: the ``document.ingested`` event still says which bytes
(SHA-256) were received and when, and the records read from them are vouched
for by the chain; the project can no longer show those bytes, only the
redacted ones or none, and a ``witness.forgotten`` event says who removed a
witness and when — not which witness, record or document.

Crash-safe, like :mod:`tally.store.rotation`: the new key and the redacted
object are written beside the current ones (``*.key.next``, ``*.next``); one
transaction re-seals the records and quarantined rows, records the held hash
and the records' new digests and appends the event — the commit point; then
the replacement is moved into place and the old key overwritten. Values open
with either key meanwhile; ``tally forget --finish`` (or the same command
again) completes or discards a replacement left by a killed run.
"""

from __future__ import annotations

import csv
import hashlib
import io

import pyarrow as pa

from tally.errors import ProjectError
from tally.ingest.sealing import pack, unpack
from tally.store import crypto
from tally.store.audit import append_event, records_digest_sql
from tally.store.crashpoints import crash_point
from tally.store.objects import NEXT_SUFFIX, NO_BYTES, OBJECT_MAGIC
from tally.store.transaction import transaction

ACTION = "witness.forgotten"
WITNESS_FIELDS = ("witness_name", "witness_contact")
_DELIMITERS = (",", ";", "\t", "|")


def forget_witness(project, record_id: str, everywhere: bool = False) -> tuple[int, int]:
    """Forget the witness of ``record_id`` in every record of its document naming the
    same witness (same name or contact) — and, ``everywhere``, of every other document
    too (each re-keyed on its own). Returns (records, documents) that held them."""
    if not project.encrypted:
        raise ProjectError("only an encrypted project can forget a witness: in a plain one "
                           "their name is readable wherever the folder was copied "
                           "(`tally encrypt` first)")
    project.data_key()
    with project.connect() as con:
        found = con.execute("SELECT document_sha256, sealed FROM victim_record "
                            "WHERE record_id = ?", [record_id]).fetchall()
        if not found:
            raise ProjectError(f"no record {record_id} in this project")
        sha = found[0][0]
        finish_pending(project, con, [sha])
        target = _open(project.objects.document_keys(sha), record_id, found[0][1])
        names = {_same(target.get("witness_name"))} - {""}
        contacts = {_same(target.get("witness_contact"))} - {""}
        if not names and not contacts:
            raise ProjectError(f"record {record_id} names no witness (or they were forgotten "
                               "already): nothing to forget")
        records, documents = _forget(project, con, sha, names, contacts), 1
        if everywhere:
            others = [r[0] for r in con.execute(
                "SELECT sha256 FROM document WHERE sha256 <> ? AND status <> 'forgotten' "
                "AND sha256 IN (SELECT document_sha256 FROM victim_record "
                "WHERE sealed IS NOT NULL) ORDER BY sha256", [sha]).fetchall()]
            for other in others:
                finish_pending(project, con, [other])
                found_here = _forget(project, con, other, names, contacts)
                records += found_here
                documents += bool(found_here)
        return records, documents


def finish_pending(project, con, shas: list[str] | None = None) -> int:
    """Complete (committed) or discard (not committed) the replacements killed runs
    left; return how many were completed."""
    objects = project.objects
    if shas is None:
        shas = sorted({p.parent.name + p.name.split(".")[0]
                       for p in objects.root.glob(f"*/*{NEXT_SUFFIX}")})
    done = 0
    for sha in shas:
        if not objects.has_next(sha):
            continue
        held = con.execute("SELECT held_sha256 FROM document WHERE sha256 = ?",
                           [sha]).fetchall()
        if held and _committed(project, con, sha, held[0][0]):
            objects.install_next(sha, held[0][0])
            done += 1
        else:
            objects.discard_next(sha)
    return done


def _next_key(project, sha: str) -> bytes | None:
    keys = project.objects.document_keys(sha)
    current = None
    try:
        current = project.objects.document_key(sha)
    except crypto.Tampered:
        pass
    others = [k for k in keys if k != current]
    return others[0] if others else None


def _committed(project, con, sha: str, held: str | None) -> bool:
    """Whether the transaction that re-sealed ``sha`` committed: its replacement
    object already in place, or its values opening with the replacement key, say
    so; with no sealed value at all, whether the held hash is the replacement's."""
    key = _next_key(project, sha)
    if key is None:
        return False  # no replacement key readable: nothing was sealed with it
    try:
        blob = project.objects.path_for(sha).read_bytes()
        crypto.unseal(key, blob[len(OBJECT_MAGIC):], sha.encode("ascii"))
        return True  # moving the replacement into place had begun: only after the commit
    except (FileNotFoundError, crypto.Tampered):
        pass
    row = con.execute("SELECT record_id, sealed FROM victim_record WHERE document_sha256 = ? "
                      "AND sealed IS NOT NULL LIMIT 1", [sha]).fetchall()
    if not row:
        # no sealed value depends on either key: the held hash the store records says
        # which bytes to keep ('-': none, so the replacement key is as good as the old)
        if held == NO_BYTES:
            return True
        if held is None or not project.objects.next_path(sha).exists():
            return False
        try:
            blob = project.objects.next_path(sha).read_bytes()
            data = crypto.unseal(key, blob[len(OBJECT_MAGIC):], sha.encode("ascii"))
        except crypto.Tampered:
            return False
        return hashlib.sha256(data).hexdigest() == held
    try:
        crypto.unseal_text(key, row[0][1], row[0][0])
        return True
    except crypto.Tampered:
        return False


def _forget(project, con, sha: str, names: set[str], contacts: set[str]) -> int:
    """Forget the witness (by name or contact) in document ``sha``; the records that
    named them (0: the document is left as it is)."""
    objects = project.objects
    old_keys = objects.document_keys(sha)
    rows = con.execute("SELECT record_id, sealed, line_number FROM victim_record "
                       "WHERE document_sha256 = ? ORDER BY row_number", [sha]).fetchall()
    boxes = {rid: _open(old_keys, rid, sealed) for rid, sealed, _ in rows}
    values: set[str] = set()
    lines: list[int | None] = []
    for rid, _sealed, line in rows:
        box = boxes[rid]
        if (_same(box.get("witness_name")) in names
                or _same(box.get("witness_contact")) in contacts):
            values |= {str(box[f]) for f in WITNESS_FIELDS if box.get(f)}
            for name in [k for k in box if k in WITNESS_FIELDS]:
                del box[name]
            for name in [k for k in box if k.startswith("raw:")]:  # the cells that held them
                if name[4:] in WITNESS_FIELDS or str(box[name]) in values:
                    del box[name]
            lines.append(line)
    if not lines:
        return 0
    before = con.execute("SELECT held_sha256 FROM document WHERE sha256 = ?", [sha]).fetchall()
    no_bytes = bool(before) and before[0][0] == NO_BYTES  # dropped by an earlier forgetting
    redacted = None if no_bytes else _redact(objects.read_bytes(sha), lines, values)
    held = NO_BYTES if redacted is None else hashlib.sha256(redacted).hexdigest()

    new_key = crypto.new_key()
    objects.write_next(sha, new_key, redacted)
    crash_point("forget-witness:next-written")
    with transaction(con):
        _reseal(con, sha, old_keys, new_key, boxes, held)
        append_event(con, ACTION, None, {"records_digests": _all_digests(con)})
    crash_point("forget-witness:committed")
    objects.install_next(sha, held)
    return len(lines)


def _reseal(con, sha: str, old_keys: list[bytes], new_key: bytes, boxes: dict,
            held: str | None) -> None:
    """Inside the caller's transaction: the document's records (``boxes``: record id ->
    values) and quarantined rows sealed under ``new_key``; its held hash and digest."""
    cipher = crypto.Cipher(new_key)
    ids = list(boxes)
    resealed = cipher.seal_texts(
        [pack(boxes[rid]) if boxes[rid] else None for rid in ids], ids)
    quarantined = con.execute("SELECT row_number, sealed FROM quarantine WHERE document_sha256 = ? "
                              "AND sealed IS NOT NULL", [sha]).fetchall()
    aad = [f"{sha}|{row}|raw" for row, _ in quarantined]
    requarantined = [(row, cipher.seal_text(_open_text(old_keys, text, a), a))
                     for (row, text), a in zip(quarantined, aad)]
    _update(con, "victim_record", "record_id", list(zip(ids, resealed)), pa.string())
    _update(con, "quarantine", "row_number", requarantined, pa.int64(), sha)
    digest = dict(con.execute(records_digest_sql(f"WHERE document_sha256 = '{sha}'")
                              ).fetchall()).get(sha)
    con.execute("UPDATE document SET held_sha256 = ?, records_digest = ? WHERE sha256 = ?",
                [held, digest, sha])


REKEYED = "documents.rekeyed"


def rekey_documents(project) -> int:
    """Give every document a new key: its object and its records' sealed values
    encrypted again under it, the old key destroyed (``tally keys rotate --documents``).
    One transaction re-seals every record (the commit point); before it the new keys
    and objects wait beside the old (``*.next``), after it they are moved into place.
    Returns how many documents were re-keyed."""
    objects = project.objects
    with project.connect() as con:
        finish_pending(project, con)
        docs = con.execute("SELECT sha256, held_sha256 FROM document WHERE status <> 'forgotten' "
                           "ORDER BY sha256").fetchall()
        texts = dict(con.execute("SELECT document_sha256, text_sha256 FROM document_text"
                                 ).fetchall())
        plan = []
        for sha, held in docs:
            if not objects.key_path_for(sha).exists():
                continue
            data = None if held == NO_BYTES else objects.read_bytes(sha)
            new_key = crypto.new_key()
            objects.write_next(sha, new_key, data)
            plan.append((sha, held, new_key))
        crash_point("rekey:next-written")
        with transaction(con):
            for sha, held, new_key in plan:
                old_keys = objects.document_keys(sha)[:1]
                rows = con.execute("SELECT record_id, sealed FROM victim_record "
                                   "WHERE document_sha256 = ?", [sha]).fetchall()
                boxes = {rid: _open(old_keys, rid, sealed) for rid, sealed in rows}
                _reseal(con, sha, old_keys, new_key, boxes, held)
            append_event(con, REKEYED, None, {"records_digests": _all_digests(con),
                                              "documents": len(plan)})
        crash_point("rekey:committed")
        for sha, held, _key in plan:
            objects.install_next(sha, held)
        for sha in texts.values():  # a web page's derived text: its own key, no records
            if objects.key_path_for(sha).exists():
                data = objects.read_bytes(sha)
                objects.write_next(sha, crypto.new_key(), data)
                objects.install_next(sha, None)
    return len(plan)


def _same(value) -> str:
    return " ".join(str(value).split()).casefold() if value else ""


def _open(keys: list[bytes], record_id: str, sealed: str | None) -> dict:
    return unpack(_open_text(keys, sealed, record_id)) if sealed else {}


def _open_text(keys: list[bytes], token: str, aad: str) -> str:
    for key in keys[:-1]:
        try:
            return crypto.unseal_text(key, token, aad)
        except crypto.Tampered:
            continue
    return crypto.unseal_text(keys[-1], token, aad)


def _update(con, table: str, key: str, values: list[tuple], key_type, sha: str | None = None) -> None:
    if not values:
        return
    batch = pa.table({"k": pa.array([v[0] for v in values], key_type),
                      "sealed": pa.array([v[1] for v in values], pa.string())})
    con.register("_tally_resealed", batch)
    try:
        where = f" AND {table}.document_sha256 = ?" if sha else ""
        con.execute(f"UPDATE {table} SET sealed = r.sealed FROM _tally_resealed r "
                    f"WHERE {table}.{key} = r.k{where}", [sha] if sha else [])
    finally:
        con.unregister("_tally_resealed")


def _all_digests(con) -> dict:
    counts = dict(con.execute(
        "SELECT document_sha256, count(*) FROM victim_record GROUP BY 1").fetchall())
    return {sha: [counts[sha], digest] for sha, digest in
            sorted(con.execute(records_digest_sql()).fetchall())}


def _redact(data: bytes, lines: list[int | None], values: set[str]) -> bytes | None:
    """``data`` with the cells equal to ``values`` emptied on ``lines`` (1-based), or
    None when that cannot be done cleanly (not UTF-8 text, a line unknown, a value
    still found anywhere after)."""
    if not values or any(line is None for line in lines):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    kept = text.splitlines(keepends=True)
    for line in set(lines):
        if not 1 <= line <= len(kept):
            return None
        body = kept[line - 1].rstrip("\r\n")
        ending = kept[line - 1][len(body):]
        delimiter = max(_DELIMITERS, key=body.count)
        cells = next(csv.reader([body], delimiter=delimiter), [])
        changed = [("" if cell.strip() in values else cell) for cell in cells]
        if changed == cells:
            return None
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="").writerow(changed)
        kept[line - 1] = out.getvalue() + ending
    result = "".join(kept)
    if any(value and value in result for value in values):
        return None  # named elsewhere in the file too: hold no bytes rather than leak
    return result.encode("utf-8")
