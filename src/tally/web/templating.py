"""The Jinja2 environment: autoescape on for every template, nothing a user wrote
ever marked safe. User text goes inside ``<bdi>`` (or ``dir="auto"`` on inputs),
so an Arabic name in an English page, or a name with a right-to-left override
character, cannot reorder the text around it."""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, FileSystemLoader
from starlette.requests import Request
from starlette.responses import HTMLResponse

from tally.web.i18n import RTL, translate
from tally.web.messages import log_line, message

_ENV = Environment(
    loader=FileSystemLoader(str(resources.files("tally.web") / "templates")),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    """Render ``template`` in the request's language with the signed-in user (if any)
    and the CSRF token every form carries."""
    lang = request.state.lang
    session = getattr(request.state, "session", None)
    for key in ("error", "message"):  # the core's English, in the page's language
        if isinstance(context.get(key), str):
            context[key] = message(lang, context[key])
    html = _ENV.get_template(template).render(
        request=request,
        lang=lang,
        dir="rtl" if lang in RTL else "ltr",
        t=lambda text: translate(lang, text),
        tm=lambda text: message(lang, text),
        tlog=lambda line: log_line(lang, line),
        session=session,
        user=session.user if session else None,
        csrf_token=request.state.csrf_token,
        can=request.state.can,
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
