"""The workspace application: one project, served by one process.

:func:`create_app` opens the project (this process becomes its store's one
writer: ``Project.owns_store``), reads or makes the workspace key that signs the
cookies (``workspace.key`` in the project folder, owner-only, so a restart keeps
sessions), and wires the routers. Every request learns who is asking (session
cookie), in which language, and which form token it must send back.
"""

from __future__ import annotations

import os
import secrets
import threading
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import duckdb
from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from tally.project import Project
from tally.store.accounts import find_session
from tally.store.digests import hold_store
from tally.web import security
from tally.web.i18n import pick_language, translate
from tally.web.jobs import interrupt_unfinished
from tally.web.templating import render

KEY_NAME = "workspace.key"

#: Sent with every response: no framing, no outside scripts or styles, no referrer.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def workspace_key(root: Path) -> str:
    path = root / KEY_NAME
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key)
        return key


def warm(app: FastAPI) -> None:
    """Read what the first requests would otherwise wait for, in the background when
    the server starts: the name tables that key a searched name (about 2 s), the
    records index (about 2 s at 100,000 records) and the review queue's head (about
    1 s). A failure here only means the first request pays it."""
    from tally.normalize import name_keys
    from tally.web.pair_queue import pair_queue
    from tally.web.queries import RecordSearch, search_records

    project = app.state.project
    try:
        name_keys("محمد Mohammed")
        search_records(project, RecordSearch(per_page=1), identities=False)
        pair_queue(app).page(project, 1)
    except Exception:  # noqa: BLE001 - warming is an optimisation, never an error
        pass


def create_app(project: str | os.PathLike | Project, *, secure_cookies: bool = False) -> FastAPI:
    """The workspace for ``project`` (a folder, or a Project opened with its passphrase
    when encrypted); ``secure_cookies`` when a TLS proxy stands in front (cookies then
    go over HTTPS only)."""
    if not isinstance(project, Project):
        project = Project.open(project)
    project.unlock()  # an encrypted project's passphrase is checked before serving
    with project.connect():  # refuses a project another server serves; brings the schema
        pass                 # up to date (accounts) before serving
    interrupt_unfinished(project)  # jobs the last server left running: said, not lost
    project.owns_store = True
    hold_store(project.db_path)  # decision digests kept between audit events (O(1) a verdict)

    # one connection held for the app's life keeps DuckDB's database open (each
    # request's connection is then cheap, not a re-open) and its file lock held
    keeper = duckdb.connect(str(project.db_path))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        threading.Thread(target=warm, args=(app,), name="tally-warm", daemon=True).start()
        try:
            yield
        finally:
            keeper.close()

    app = FastAPI(title="Tally workspace", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.state.project = project
    app.state.keeper = keeper
    app.state.secret = workspace_key(project.root)
    app.state.secure_cookies = secure_cookies
    app.mount("/static", StaticFiles(directory=str(resources.files("tally.web") / "static")),
              name="static")

    @app.middleware("http")
    async def who_and_how(request: Request, call_next):
        sid = security.read_signed(request, security.SESSION_COOKIE, "session")
        session = await run_in_threadpool(find_session, project, sid) if sid else None
        request.state.session = session
        anon = security.read_signed(request, security.ANON_COOKIE, security.ANON_COOKIE)
        fresh_anon = None
        if session is None and anon is None:
            anon = fresh_anon = security.new_form_token()
        request.state.csrf_token = session.csrf_token if session else anon
        request.state.lang = pick_language(
            request.cookies.get(security.LANG_COOKIE), session.user.language if session else None,
            request.headers.get("accept-language"))
        role = session.user.role if session else None
        request.state.can = lambda permission: security.allowed(role, permission)
        response = await call_next(request)
        if fresh_anon:
            security.set_cookie(request, response, security.ANON_COOKIE, fresh_anon)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(security.SignInRequired)
    async def sign_in_first(request: Request, exc):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(security.Forbidden)
    async def forbidden(request: Request, exc: security.Forbidden):
        lang = request.state.lang
        message = ("the form's token is missing or wrong: reload the page and try again"
                   if exc.why == "csrf" else translate(lang, "You may not do this with your role."))
        return render(request, "error.html", 403, title=translate(lang, "Forbidden"),
                      message=message)

    from tally.web import (routes_access, routes_auth, routes_exports, routes_jobs,
                           routes_pages, routes_records, routes_review, routes_tokens,
                           routes_upload, routes_users)

    #: every router with pages and forms (the tests walk their routes: a router nested
    #: in another is not in its ``routes`` with this FastAPI, so each is listed here)
    app.state.routers = [m.router for m in (routes_auth, routes_pages, routes_upload,
                                            routes_records, routes_review, routes_jobs,
                                            routes_users, routes_tokens, routes_access,
                                            routes_exports)]
    for router in app.state.routers:
        app.include_router(router)
    from tally.web import api

    api.install(app)  # JSON endpoints under /api, token auth, /openapi.json
    return app
