"""`tally keys`: who can open an encrypted project (key slots; see tally.store.keys);
`tally forget`: crypto-shredding a document (tally.store.forget)."""

from __future__ import annotations

from pathlib import Path

import typer

from tally.cli._shared import open_project, out, safe

keys_app = typer.Typer(help="Key slots of an encrypted project: the passphrases that open it."
                            "\n\nExample:\n\n    tally keys list", no_args_is_help=True)


@keys_app.command("list")
def keys_list(ctx: typer.Context) -> None:
    """List the key slots (numbers, labels and dates; never a key).

    Example:

        tally keys list
    """
    from tally.store.keys import list_slots

    from tally.store.keys import rotation_unfinished

    root = open_project(ctx).root
    for slot in list_slots(root):
        out.print(f"slot {slot.id}: {safe(slot.label)} (added {slot.created_at})")
    if rotation_unfinished(root):
        out.print("a key rotation is unfinished: run `tally keys rotate` to finish it")


@keys_app.command("add")
def keys_add(
    ctx: typer.Context,
    new_passphrase_file: Path = typer.Option(
        ..., "--new-passphrase-file", dir_okay=False,
        help="The new holder's passphrase, on the first line of this file."),
    label: str = typer.Option(..., "--label", help="Whose slot this is (a role, not a witness)."),
) -> None:
    """Let one more passphrase open the project (needs a current one: --passphrase-file).

    Example:

        tally --passphrase-file mine.txt keys add --new-passphrase-file theirs.txt --label analyst
    """
    from tally.store.audit import append_event
    from tally.store.keys import add_slot, read_passphrase
    from tally.store.transaction import transaction

    project = open_project(ctx)
    slot = add_slot(project.root, project.data_key(), read_passphrase(new_passphrase_file), label)
    with project.connect() as con, transaction(con):
        append_event(con, "keys.added", f"slot {slot.id}", {"label": label})
    out.print(f"Added key slot {slot.id} ({safe(label)})")


@keys_app.command("remove")
def keys_remove(
    ctx: typer.Context,
    slot_id: int = typer.Argument(..., metavar="SLOT", help="The slot's number (tally keys list)."),
) -> None:
    """Stop a passphrase from opening the project (needs a current one: --passphrase-file).

    Example:

        tally --passphrase-file mine.txt keys remove 2
    """
    from tally.store.audit import append_event
    from tally.store.keys import remove_slot
    from tally.store.transaction import transaction

    project = open_project(ctx)
    project.data_key()  # only a key holder may remove a slot
    slot = remove_slot(project.root, slot_id)
    with project.connect() as con, transaction(con):
        append_event(con, "keys.removed", f"slot {slot.id}", {"label": slot.label})
    out.print(f"Removed key slot {slot.id} ({safe(slot.label)})")


@keys_app.command("rotate")
def keys_rotate(
    ctx: typer.Context,
    documents: bool = typer.Option(
        False, "--documents",
        help="Also give every document a new key: documents and sealed values encrypted "
             "again, old document keys destroyed (slower: reads and rewrites everything)."),
) -> None:
    """Make a new data key: every document key is re-wrapped by it, and keys.json keeps
    only your slot (other holders are added again with `tally keys add`) and a new
    recovery key, shown once. A copy of keys.json taken before, with an old passphrase
    or recovery key, no longer opens documents received after, nor this folder's key
    files; with --documents, not even with old key files copied before. Killed at any
    point, the project opens; run it again to finish.

    Example:

        tally --passphrase-file mine.txt keys rotate

        tally --passphrase-file mine.txt keys rotate --documents
    """
    from tally.store.keys import read_passphrase
    from tally.store.rotation import rotate_data_key

    project = open_project(ctx)
    passphrase = read_passphrase(ctx.find_root().obj.get("passphrase_file"))
    report = rotate_data_key(project, passphrase)
    out.print(f"Rotated the data key{' (an interrupted rotation finished)' if report.resumed else ''}"
              f": {report.document_keys} document keys re-wrapped")
    for slot in report.dropped:
        out.print(f"dropped key slot {slot.id} ({safe(slot.label)}): add its holder again "
                  "with `tally keys add`")
    if documents:
        from tally.ingest.forgetting import rekey_documents

        out.print(f"Re-keyed {rekey_documents(project)} documents: documents and sealed values "
                  "encrypted again under new keys, the old document keys destroyed")
    out.print("New recovery key (shown once; the old one no longer opens the project):")
    out.print(f"  {report.recovery_key}")


def forget(
    ctx: typer.Context,
    document: str = typer.Option(None, "--document", metavar="SHA",
                                 help="Forget a whole document: its SHA-256 (12 digits or more)."),
    witness: str = typer.Option(None, "--witness", metavar="RECORD",
                                help="Forget the witness of this record (their name and contact, "
                                     "in every record of its list naming them, and their cells "
                                     "in the stored list)."),
    everywhere: bool = typer.Option(False, "--everywhere",
                                    help="With --witness: in every list of the project that "
                                         "names the same witness (same name or contact)."),
    finish: bool = typer.Option(False, "--finish",
                                help="Complete what an interrupted `tally forget --witness` left."),
) -> None:
    """Forget at a person's request, by destroying a key (an encrypted project only).
    --document: the document's key is destroyed, so it and the sensitive values of its
    records can never be read again. --witness: the witness's identity is removed from
    the records and from the stored list, everything else of that list is sealed again
    under a new key and the old key destroyed. The audit log records who and when, not what.

    Example:

        tally --passphrase-file mine.txt forget --document 3f2a9c1b7d4e

        tally --passphrase-file mine.txt forget --witness 3f2a9c1b7d4e5a6b-17
    """
    from tally.errors import UsageError

    if sum(bool(x) for x in (document, witness, finish)) != 1:
        raise UsageError("give one of --document SHA, --witness RECORD or --finish")
    project = open_project(ctx)
    if document:
        from tally.store.forget import forget_document

        forget_document(project, document)
        out.print("Forgotten: the document's key is destroyed; its records' non-sensitive values "
                  "(victims' names, places, dates) stay counted")
        return
    from tally.ingest.forgetting import finish_pending, forget_witness

    if finish:
        project.data_key()
        with project.connect() as con:
            done = finish_pending(project, con)
        out.print(f"Finished {done} interrupted forgetting(s)")
        return
    records, lists = forget_witness(project, witness, everywhere=everywhere)
    out.print(f"Forgotten: the witness's name and contact are gone from {records} record(s) in "
              f"{lists} list(s) and from the stored lists (their other values were sealed again "
              "under new keys; the old keys are destroyed)")


def register(app: typer.Typer) -> None:
    from tally.cli import encrypt_commands

    app.add_typer(keys_app, name="keys")
    app.command("forget")(forget)
    encrypt_commands.register(app)  # tally encrypt: registered with the key commands
