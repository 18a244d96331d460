"""The text of a news web page: its encoding, its main text, nothing else.

    from tally.ingest.pages import read_html
    page = read_html(Path("article.html").read_bytes())
    page.text, page.encoding, page.encoding_source      # 'Title\n\nFirst paragraph…', 'cp1256', 'declared'

**Encoding**, in the order a browser takes it: a byte-order mark; else the charset
the page declares in its first 4 KiB (``<meta charset>`` or ``<meta http-equiv
content="…; charset=…">``, read as WHATWG does: ``iso-8859-1`` is Windows-1252);
else strict UTF-8; else Ingest's detector (Windows-1256, ISO-8859-6, Windows-1252
by how Arabic the text looks). A declared charset the bytes do not decode in is
passed over for detection, and the page records which way it was read.

**Main text**: the title, headings, paragraphs and list items (and loose text in
block containers), one block per paragraph, blocks separated by a blank line so
that no sentence runs from one into the next. Left out: scripts, styles and other
non-text elements; ``nav``, ``header`` (but an article's own), ``footer``, ``aside``, ``form`` and elements
whose role or class names navigation, menus, sharing, related links, comments,
cookies or advertising; blocks that are mostly links (lists of other stories).
When the page marks its content with ``<article>`` or ``<main>``, only that
content is kept (with the title).

Standard library only (:mod:`html.parser`): pages reach Tally as saved files, and
the rules above are all it needs.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from tally.errors import IngestError
from tally.ingest.encodings import detect_encoding
from tally.ingest.errors import ArticleError

#: the method recorded for text derived by this module (change it when the rules change)
METHOD = "html-main-text-1"

_SKIP = frozenset("script style noscript template svg math iframe object embed canvas nav header footer "
                  "aside form button select option textarea menu figure figcaption video audio".split())
_BLOCKS = frozenset("title h1 h2 h3 h4 h5 h6 p li dt dd blockquote pre td th caption address "
                    "div section article main body center".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_ROLES = frozenset("navigation banner contentinfo complementary search menu menubar dialog alert".split())
_BOILER = ("nav", "menu", "footer", "sidebar", "share", "sharing", "social", "related", "comment",
           "comments", "cookie", "cookies", "advert", "advertisement", "ad", "ads", "promo", "breadcrumb",
           "breadcrumbs", "newsletter", "subscribe", "widget", "popup", "modal", "masthead", "toolbar")
_BOILER_RE = re.compile(r"^(?:" + "|".join(_BOILER) + r")(?:[-_].*)?$|^.*[-_](?:" + "|".join(_BOILER) + r")$")
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
#: WHATWG encoding labels that Python names differently
_WHATWG = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
           "ascii": "cp1252", "iso-8859-6": "iso8859-6", "windows-1256": "cp1256",
           "windows-1252": "cp1252", "x-user-defined": "cp1252", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8"}


@dataclass(frozen=True)
class HtmlText:
    text: str             # the main text, blocks separated by blank lines
    title: str | None
    encoding: str         # Python codec name the page was decoded with
    encoding_source: str  # bom | declared | detected


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KiB, as a Python codec name (None: none or unknown)."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").strip().lower()
    name = _WHATWG.get(label, label)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, filename: str = "") -> tuple[str, str, str]:
    """``(markup, encoding, how)``: a page's bytes as text; ``how`` is bom, declared or detected."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec), codec, "bom"
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared, "declared"
        except UnicodeDecodeError:
            pass  # the page is not in the charset it names: detect instead
    try:
        return data.decode("utf-8"), "utf-8", "detected"
    except UnicodeDecodeError:
        pass
    try:
        codec = detect_encoding(data, filename)
        return data.decode(codec), codec, "detected"
    except IngestError as exc:
        raise ArticleError(f"cannot tell the page's text encoding: {exc.problem}", file=filename or None) from None
    except UnicodeDecodeError:
        raise ArticleError("cannot tell the page's text encoding", file=filename or None) from None


class _Blocks(HTMLParser):
    """Collects text blocks with how much of each sits inside links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []   # (tag, opened a skipped region)
        self.skip = 0                              # depth of skipped regions we are in
        self.main = 0                              # depth of <article>/<main>
        self.link = 0
        self.blocks: list[tuple[str, str, int, bool]] = []  # (tag, text, link chars, inside main)
        self.saw_main = False
        self.title: str | None = None
        self._parts: list[str] = []
        self._link_chars = 0
        self._block_tag = "body"

    # -- helpers
    def _flush(self) -> None:
        # source line breaks are spaces; <br><br> separates paragraphs, one <br> is a space
        raw = re.sub(r"\s+", " ", "".join(self._parts))
        for para in re.split(r"(?: ?\x00){2,}", raw):
            text = re.sub(r"\s+", " ", para.replace("\x00", " ")).strip()
            if not text:
                continue
            if self._block_tag == "title":
                self.title = self.title or text
            else:
                self.blocks.append((self._block_tag, text, self._link_chars, self.main > 0))
        self._parts, self._link_chars = [], 0

    @staticmethod
    def _boilerplate(tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in _SKIP:
            return True
        if (attrs.get("role") or "").lower() in _ROLES or "hidden" in attrs or \
                (attrs.get("aria-hidden") or "").lower() == "true":
            return True
        names = " ".join(filter(None, (attrs.get("class"), attrs.get("id")))).lower().split()
        return any(_BOILER_RE.match(n) for n in names)

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k.lower(): v for k, v in attrs}
        if tag in _VOID:
            if tag == "br" and not self.skip:
                self._parts.append("\x00")
            return
        # an article's own <header> holds its headline and byline: kept; the page's is not
        skipped = tag != "title" and self._boilerplate(tag, a) and not (tag == "header" and self.main)
        if tag in _BLOCKS and not self.skip:
            self._flush()
            self._block_tag = tag
        self.stack.append((tag, skipped))
        if skipped:
            self.skip += 1
        if tag in ("article", "main") and not self.skip:
            self.main += 1
            self.saw_main = True
        if tag == "a":
            self.link += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            t, skipped = self.stack.pop()
            if t in _BLOCKS and not self.skip:
                self._flush()
                self._block_tag = self.stack[-1][0] if self.stack and self.stack[-1][0] in _BLOCKS else "body"
            if skipped:
                self.skip -= 1
            if t in ("article", "main") and not self.skip and self.main:
                self.main -= 1
            if t == "a" and self.link:
                self.link -= 1
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self._parts.append(data.replace("\x00", " "))
        if self.link:
            self._link_chars += len(data.strip())

    def close(self) -> None:
        super().close()
        self._flush()


def html_text(markup: str) -> tuple[str, str | None]:
    """``(text, title)``: the main text of a page's markup (see the module docstring)."""
    p = _Blocks()
    p.feed(markup)
    p.close()
    blocks = [(tag, text, links, in_main) for tag, text, links, in_main in p.blocks
              if not (links and links >= 0.5 * len(text))]          # lists of other stories
    if p.saw_main and any(m for *_, m in blocks):
        blocks = [b for b in blocks if b[3]]
    parts: list[str] = []
    if p.title:
        parts.append(p.title)
    for tag, text, _, _ in blocks:
        if parts and (text == parts[-1] or tag == "h1" and p.title and _repeats(p.title, text)):
            continue  # an <h1> repeating the <title> ("Headline | Outlet")
        parts.append(text)
    return "\n\n".join(parts) + ("\n" if parts else ""), p.title


def _repeats(title: str, heading: str) -> bool:
    """Whether a page title is the heading with the site's name around it."""
    return title.startswith(heading) and (len(title) == len(heading) or title[len(heading)] in " |-–—:·")


def read_html(data: bytes, filename: str = "") -> HtmlText:
    """A page's main text from its bytes as received."""
    markup, encoding, how = decode_html(data, filename)
    text, title = html_text(markup)
    return HtmlText(text, title, encoding, how)
