"""Upload a list: pick its source and file, map its columns to the interchange
fields (with value maps such as ذكر → male), preview the first rows as they
will be stored, dry-run with the quarantine report, then ingest. The mapping is
saved for the source's next file (``mappings/SOURCE.toml`` in the project, a
mapping file the CLI's ``--mapping`` reads too).

Every step calls tally.ingest: the readers for the columns, mapping.load_mapping
for the checks (the form becomes a mapping file), ingest.preview for the rows,
ingest_file for the dry run and the ingest itself.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from tally.errors import TallyError
from tally.ingest import ingest_file
from tally.ingest.mapping import load_mapping
from tally.ingest.preview import preview_list, read_columns
from tally.model import RECORD_FIELDS
from tally.sources import list_sources
from tally.web import security
from tally.web.security import require
from tally.web.templating import render
from tally.web.writes import writing

router = APIRouter(dependencies=[Depends(security.check_csrf)])

UPLOADS = "uploads"
RECEIVED = "received"  # an upload's own file, apart from upload.json and mapping.toml
MAPPINGS = "mappings"
MAX_BYTES = 200 * 1024 * 1024
#: an upload never ingested (the mapping screen left) is removed after this long
ABANDONED_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
#: fields a list's column can fill on the mapping screen (record_id: the source's own id)
FIELDS = tuple(f for f in RECORD_FIELDS if f != "source")
VALUE_MAPPED = ("sex", "status")
ENCODINGS = ("", "utf-8", "windows-1256", "utf-16", "iso-8859-6", "cp1252")
DATE_ORDERS = ("", "dmy", "mdy", "ymd")
_NAME_PARTS = ("given_name", "father_name", "grandfather_name", "family_name")


def _safe_filename(name: str | None) -> str:
    """The uploaded file's own name (kept as the document's original name), without
    any folder part or characters a file system refuses."""
    base = Path((name or "").replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f\x7f/]", "", base).strip(" .")
    return base[:200] or "upload.csv"


def _upload_dir(request: Request, token: str, session) -> Path | None:
    """The folder of this upload, when it exists and is the signed-in user's own
    (an admin may finish anyone's); None otherwise."""
    if not _TOKEN.match(token):
        return None
    folder = uploads_root(request.app) / token
    try:
        owner = _upload(folder)["by"]
    except (OSError, ValueError, KeyError):
        return None
    if owner != session.user.name and session.user.role != "admin":
        return None
    return folder


def uploads_root(app) -> Path:
    """Where uploads wait for their mapping: ``uploads/`` in a plain project; in an
    encrypted one a private folder in memory (``/dev/shm``, else the system's
    temporary folder), made once per server and removed when it stops — a received
    list holds every witness in the clear, and the project folder must hold nothing
    sensitive in the clear (issue 19: a laptop seized with the server running)."""
    project = app.state.project
    if not getattr(project, "encrypted", False):
        return project.root / UPLOADS
    root = getattr(app.state, "sealed_uploads", None)
    if root is None:
        shm = Path("/dev/shm")
        base = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
        root = Path(tempfile.mkdtemp(prefix="tally-uploads-", dir=base))  # 0700
        atexit.register(shutil.rmtree, root, True)
        app.state.sealed_uploads = root
    return root


def _received(folder: Path, info: dict) -> Path:
    """The uploaded file, in its own sub-folder: its name is the uploader's, so it
    must never be able to be ``upload.json`` or ``mapping.toml`` beside it (the list
    would be overwritten by the bookkeeping, or the bookkeeping by the list)."""
    return folder / RECEIVED / info["file"]


def _for_uploader(message: str, folder: Path, *roots: Path) -> str:
    """The core's message about an upload without the server's folders in it: the
    readers name the file by its full path (right for the CLI's operator), which told
    the uploader where the server keeps the project and its uploads. The file is
    named by its own name; any other server folder is left out."""
    text = str(message)
    for prefix in (folder / RECEIVED, folder, *roots):
        text = text.replace(str(prefix) + os.sep, "").replace(str(prefix), "…")
    return text


def _gone(request: Request):
    return render(request, "error.html", 404, title="404",
                  message="no such upload: it was ingested, removed, or is someone else's")


def _upload(folder: Path) -> dict:
    return json.loads((folder / "upload.json").read_text(encoding="utf-8"))


@router.get("/upload")
def upload_form(request: Request, session=require("upload")):
    return render(request, "upload.html", sources=list_sources(request.app.state.project),
                  error=None)


KINDS = ("list", "article", "articles")


@router.post("/upload")
async def upload(request: Request, session=require("upload"), source_id: str = Form(""),
                 kind: str = Form("list"), published: str = Form(""),
                 file: UploadFile = File(...)):
    """A list goes on to the mapping screen; an article (text or web page, with the
    date it was published) or a JSON-lines file of articles is ingested at once:
    its claims go to the claims review."""
    project = request.app.state.project
    if source_id not in {s.id for s in list_sources(project)}:
        return render(request, "upload.html", 400, sources=list_sources(project),
                      error=f"unknown source {source_id!r}")
    _remove_abandoned(uploads_root(request.app))
    token = secrets.token_urlsafe(24)
    folder = uploads_root(request.app) / token
    folder.mkdir(parents=True, mode=0o700)
    (folder / RECEIVED).mkdir(mode=0o700)
    target = _received(folder, {"file": _safe_filename(file.filename)})
    size = 0
    with open(target, "wb") as out:
        while chunk := await file.read(1 << 20):
            size += len(chunk)
            if size > MAX_BYTES:
                out.close()
                shutil.rmtree(folder)
                return render(request, "upload.html", 413, sources=list_sources(project),
                              error=f"the file is larger than {MAX_BYTES // 2**20} MB")
            out.write(chunk)
    if kind in ("article", "articles"):
        def ingest_now():
            with writing(request, session):
                return ingest_file(project, target, source_id,
                                   published=published.strip() or None,
                                   articles=kind == "articles")

        try:
            report = await run_in_threadpool(ingest_now)
        except TallyError as exc:
            return render(request, "upload.html", 400, sources=list_sources(project),
                          error=_for_uploader(str(exc), folder, uploads_root(request.app),
                                              project.root))
        finally:
            shutil.rmtree(folder)
        return render(request, "ingested.html", report=report,
                      info={"source": source_id, "file": target.name})
    (folder / "upload.json").write_text(json.dumps(
        {"source": source_id, "file": target.name, "by": session.user.name}), encoding="utf-8")
    return RedirectResponse(f"/upload/{token}", status_code=303)


def _remove_abandoned(uploads: Path) -> None:
    """Uploads whose mapping screen was left a day ago: not evidence (never ingested;
    the person still has the file), and they hold victims' names."""
    if not uploads.is_dir():
        return
    cutoff = time.time() - ABANDONED_SECONDS
    for folder in uploads.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder)
        except OSError:
            pass  # another request is using it, or it is gone already


def _saved_mapping(root: Path, source: str):
    path = root / MAPPINGS / f"{source}.toml"
    try:
        return load_mapping(path) if path.is_file() else None
    except TallyError:
        return None


def _initial_choice(columns: list[str], saved) -> dict:
    """The form's first state: the source's saved mapping where its columns are in
    this file, else columns named like interchange fields."""
    choice: dict = {"fields": {}, "values": {f: "" for f in VALUE_MAPPED},
                    "encoding": "", "date_order": ""}
    if saved is not None:
        for name, spec in saved.fields.items():
            if isinstance(spec, str) and spec in columns:
                choice["fields"][name] = spec
        for name, table in saved.values.items():
            choice["values"][name] = "\n".join(f"{k} = {v}" for k, v in table.items())
        choice["encoding"] = saved.options.get("encoding", "")
        choice["date_order"] = saved.options.get("date_order", "")
    else:
        by_key = {re.sub(r"[\s\-]+", "_", c.strip().lower()): c for c in columns}
        choice["fields"] = {f: by_key[f] for f in FIELDS if f in by_key}
    return choice


def _choice_from_form(form, columns: list[str]) -> dict:
    fields = {}
    for name in FIELDS:
        column = form.get(f"field_{name}") or ""
        if column and column in columns:
            fields[name] = column
    return {"fields": fields,
            "values": {f: str(form.get(f"values_{f}") or "") for f in VALUE_MAPPED},
            "encoding": str(form.get("encoding") or ""),
            "date_order": str(form.get("date_order") or "")}


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string is a JSON string


def mapping_text(choice: dict, filename: str) -> str:
    """The mapping file the form describes (checked by load_mapping like any other)."""
    lines = [f"# Mapping made in the workspace for {filename}", "[options]"]
    if choice["encoding"]:
        lines.append(f"encoding = {_toml_string(choice['encoding'])}")
    if choice["date_order"]:
        lines.append(f"date_order = {_toml_string(choice['date_order'])}")
    lines.append("\n[fields]")
    fields = dict(choice["fields"])
    parts = [fields[p] for p in _NAME_PARTS if p in fields]
    for name, column in fields.items():
        lines.append(f"{name} = {_toml_string(column)}")
    if "name" not in fields and parts:  # the full name joined from its parts
        lines.append(f"name = {{ join = [{', '.join(map(_toml_string, parts))}], sep = \" \" }}")
    for name in VALUE_MAPPED:
        pairs = []
        for line in choice["values"].get(name, "").splitlines():
            if "=" in line:
                written, value = (s.strip() for s in line.split("=", 1))
                if written and value:
                    pairs.append(f"{_toml_string(written)} = {_toml_string(value)}")
        if pairs and name in fields:
            lines.append(f"\n[values.{name}]")
            lines += pairs
    return "\n".join(lines) + "\n"


def _mapping_page(request: Request, token: str, folder: Path, choice: dict | None = None, *,
                  preview=None, dry_run=None, error: str | None = None, status_code: int = 200):
    info = _upload(folder)
    project = request.app.state.project
    try:
        columns, sample, encoding = read_columns(
            _received(folder, info), encoding=(choice or {}).get("encoding") or None)
    except TallyError as exc:
        return render(request, "error.html", 400, title="400",
                      message=_for_uploader(str(exc), folder, uploads_root(request.app),
                                            project.root))
    if choice is None:
        choice = _initial_choice(columns, _saved_mapping(project.root, info["source"]))
    return render(request, "mapping.html", status_code, token=token, info=info, columns=columns,
                  sample=sample, encoding=encoding, fields=FIELDS, choice=choice,
                  value_mapped=VALUE_MAPPED, encodings=ENCODINGS, date_orders=DATE_ORDERS,
                  preview=preview, dry_run=dry_run, error=error)


@router.get("/upload/{token}")
def mapping_screen(request: Request, token: str, session=require("upload")):
    folder = _upload_dir(request, token, session)
    return _mapping_page(request, token, folder) if folder else _gone(request)


def _mapping_from_form(request: Request, folder: Path, form) -> tuple[dict, Path]:
    info = _upload(folder)
    columns, _sample, _enc = read_columns(_received(folder, info),
                                          encoding=str(form.get("encoding") or "") or None)
    choice = _choice_from_form(form, columns)
    path = folder / "mapping.toml"
    path.write_text(mapping_text(choice, info["file"]), encoding="utf-8")
    return choice, path


@router.post("/upload/{token}/preview")
async def preview(request: Request, token: str, session=require("upload")):
    folder = _upload_dir(request, token, session)
    if folder is None:
        return _gone(request)
    form = await request.form()
    return await run_in_threadpool(_preview, request, session, token, folder, form)


def _preview(request: Request, session, token: str, folder: Path, form):
    info = _upload(folder)
    choice = None
    try:
        choice, path = _mapping_from_form(request, folder, form)
        mapping = load_mapping(path)
        shown = preview_list(_received(folder, info), mapping, rows=10)
        # a dry run writes in a transaction it rolls back: still a writer meanwhile
        with writing(request, session):
            dry = ingest_file(request.app.state.project, _received(folder, info),
                              info["source"], mapping=mapping, dry_run=True)
    except TallyError as exc:
        return _mapping_page(request, token, folder, choice, status_code=400,
                             error=_for_uploader(str(exc), folder, uploads_root(request.app),
                                                 request.app.state.project.root))
    return _mapping_page(request, token, folder, choice, preview=shown, dry_run=dry)


@router.post("/upload/{token}/ingest")
async def ingest(request: Request, token: str, session=require("upload")):
    folder = _upload_dir(request, token, session)
    if folder is None:
        return _gone(request)
    form = await request.form()
    return await run_in_threadpool(_ingest, request, session, token, folder, form)


def _ingest(request: Request, session, token: str, folder: Path, form):
    info = _upload(folder)
    project = request.app.state.project
    choice = None
    try:
        choice, path = _mapping_from_form(request, folder, form)
        mapping = load_mapping(path)
        with writing(request, session):
            report = ingest_file(project, _received(folder, info), info["source"],
                                 mapping=mapping)
    except TallyError as exc:
        return _mapping_page(request, token, folder, choice, status_code=400,
                             error=_for_uploader(str(exc), folder, uploads_root(request.app),
                                                 request.app.state.project.root))
    saved = project.root / MAPPINGS
    saved.mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(path, saved / f"{info['source']}.toml")
    shutil.rmtree(folder)
    return render(request, "ingested.html", report=report, info=info)
