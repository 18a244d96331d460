"""Text from lists, articles and settings, made safe to put in the report.

One escape for every string the report shows: HTML-escaped, and with control
characters and Unicode bidi controls shown as their escapes (``\\u202e``,
:func:`tally.display.visible_controls`, the same the terminal uses), so that a
name stored reversed behind a right-to-left override is not painted as
something it is not. :func:`user_text` also isolates the text's direction
(``<bdi>``), so an Arabic name in an English sentence or table keeps its own
order and does not reorder what stands beside it.
"""

from __future__ import annotations

from html import escape as _html_escape

from tally.display import visible_controls


def escape(text: object, quote: bool = True) -> str:
    """``text`` for HTML or SVG: escaped, controls and bidi controls made visible."""
    return _html_escape(visible_controls(str(text)), quote)


def user_text(text: object | None) -> str:
    """Text someone else wrote (a name, a source, an actor), escaped and isolated."""
    return f"<bdi>{escape(text if text is not None else '')}</bdi>"
