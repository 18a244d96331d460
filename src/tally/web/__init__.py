"""The team workspace: a thin web shell over the core library (issue 18).

    from tally.web import create_app
    app = create_app("syria-coast")        # FastAPI; `tally serve` runs it with uvicorn

Layout (one job per module; W2's review pages, jobs and API add their own):

    app.py            create_app: the project, routers, static files, error pages
    security.py       signed session cookie, CSRF check, roles → permissions
    i18n.py           the Arabic and English message catalogue, language choice
    templating.py     the Jinja2 environment (autoescape on) and render()
    queries.py        the few read queries the pages need that no stage exposes
    writes.py         every page's write: the user's name, the one writer lock
    routes_auth.py    sign in / out, language
    routes_pages.py   dashboard, sources, documents, quarantined rows
    routes_upload.py  upload a list, map its columns, preview, dry run, ingest
    routes_records.py records search, person page, record entry, gazetteer lookup
    routes_users.py   accounts, for admins
    templates/, static/ (htmx vendored, no CDN)

Handlers parse the form, call one core function inside ``writing(request, session)``
(the audit chain names the web user; one writer at a time) and render; no SQL
lives in a handler.
"""

from tally.web.app import create_app

__all__ = ["create_app"]
