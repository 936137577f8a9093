"""Datasette plugin: show archived HTML safely and compactly (datasette.md §5).

Configured in metadata.yml under the plugin name ``blogarchive-render``:

- ``html_columns``: cells are re-sanitised with the crawl-time allow-list and shown as HTML,
  so a row written without sanitising still cannot run script.
- ``snippet_columns``: cells are HTML-escaped, then only the exact ``<mark>`` and ``</mark>``
  markers from FTS ``highlight()``/``snippet()`` become tags again, and, on a page asked with a
  ``q`` (a search), the words that start like the search's words are marked: the search queries
  return plain text, so their JSON and CSV carry no markup.
- ``post_links`` (database level, canned queries and SQL): these columns of a result row that
  has an ``id`` link to that post's page in the archive (the ``url`` column is the live blog).
- every ``.csv`` link downloads a file (``_dl=1``) instead of opening as text.
- ``json_columns`` (database level): JSON arrays stored as text (``authors``, ``categories``,
  ``tags``); the JSON a table, row or query page gives has them as real arrays (Datasette's
  ``_json=`` parameter, added for them unless the request names its own).
- ``excerpt_columns`` (with optional ``excerpt_length``, default 250): on table and query
  pages these cells show only the start of their plain text, escaped, ending in "…"; on a row
  page (``/<db>/<table>/<pk>``) they are left to ``html_columns`` or Datasette's own rendering,
  so the full post is shown there. Cells in ``html_columns`` or named ``*_html`` are read as HTML
  (their text, not their markup, is excerpted).

Datasette passes ``table=None`` for canned queries and arbitrary SQL, where database-level
config applies to any column of that name. Every rendering is safe for any value.

Datasette 0.65's ``render_cell`` hook gets no ``request`` (that came in 1.0), so an
``asgi_wrapper`` records the request path in a context variable for ``render_cell`` to read.
"""

from __future__ import annotations

from contextvars import ContextVar
import re
from urllib.parse import parse_qsl, unquote, urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

from .datasette_images import body_html
from .extract.text import html_to_text

PLUGIN_NAME = "blogarchive-render"
EXCERPT_LENGTH = 250
# parse at most this much of a huge cell for its excerpt
EXCERPT_SOURCE_LIMIT = 50_000

_request_path: ContextVar[str | None] = ContextVar("blogarchive_request_path", default=None)
_request_search: ContextVar[str] = ContextVar("blogarchive_request_search", default="")
# what a search word must share with a word of the text to be marked: FTS5's porter stemmer
# matches "running" with "run", so a word's first letters stand for it
_STEM_CHARS = 4


def render_snippet(value: str, search: str = "") -> Markup:
    """Escape ``value``, then restore only exact ``<mark>``/``</mark>`` markers, and mark the
    words that start like the words of ``search``."""
    escaped = str(escape(value))
    marked = escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
    pattern = search_pattern(search)
    if pattern is None or "<mark>" in marked:
        return Markup(marked)
    return Markup(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", marked))


_OPERATORS = frozenset({"and", "or", "not", "near"})


def search_pattern(search: str) -> re.Pattern | None:
    """A pattern for the words of escaped text that start like one of the words of ``search``
    (FTS5 operators and column names left out); None without words."""
    words = [w for w in re.findall(r"\w+", search.casefold()) if w not in _OPERATORS and w not in ("title", "body_text")]
    stems = sorted({re.escape(w[:max(_STEM_CHARS, len(w) - 3)] if len(w) > _STEM_CHARS else w) for w in words},
                   key=len, reverse=True)
    if not stems:
        return None
    # words only outside tags and entities: "&amp;" or a tag's name is never marked
    return re.compile(rf"(?<![\w&#])(?:{'|'.join(stems)})\w*(?![^<]*>)", re.IGNORECASE)


def excerpt_text(value: str, length: int = EXCERPT_LENGTH, html: bool = False) -> str:
    """The first ``length`` characters of the text of ``value`` (HTML when ``html``), whitespace
    collapsed, cut at a word boundary when one is near, with "…" when anything was left off."""
    source = value[:EXCERPT_SOURCE_LIMIT]
    text = " ".join((html_to_text(source) if html else source).split())
    if len(text) <= length and len(value) <= EXCERPT_SOURCE_LIMIT:
        return text
    cut = text[:length]
    space = cut.rfind(" ")
    if space >= length * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"


def render_excerpt(value: str, length: int = EXCERPT_LENGTH, html: bool = False) -> Markup | None:
    text = excerpt_text(value, length, html)
    if not text:
        return Markup("&nbsp;")  # text-free HTML (only an image, say): an empty cell, not markup
    return Markup(f'<span class="blogarchive-excerpt">{escape(text)}</span>')


def is_row_page(datasette, database: str | None, table: str | None) -> bool:
    """Whether the current request is for a row page of ``table`` (``/<db>/<table>/<pk>``)."""
    path = _request_path.get()
    if not path or not table or not database:
        return False
    try:
        table_url = datasette.urls.table(database, table)
    except KeyError:  # unknown database
        return False
    return path.startswith(table_url + "/")


def as_download(path: str, query: bytes) -> bytes:
    """The query string of a ``.csv`` request, with ``_dl=1`` unless it names its own: Datasette
    then answers ``text/csv`` as an attachment named after the table or query (a file that
    opens in a spreadsheet) rather than ``text/plain`` shown in the browser."""
    if not path.endswith(".csv") or b"_dl=" in query:
        return query
    return query + (b"&" if query else b"") + b"_dl=1"


def with_json_columns(datasette, path: str, query: bytes) -> bytes:
    """The query string of a ``.json`` request under a database, with ``_json=`` for each of the
    database's ``json_columns`` (unless the request names its own ``_json``)."""
    if not path.endswith(".json") or b"_json=" in query:
        return query
    prefix = (datasette.setting("base_url") or "/").rstrip("/")   # served under a proxy's path prefix
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix):]
    database = unquote(path.lstrip("/").split("/", 1)[0]).removesuffix(".json")
    if database not in datasette.databases:
        return query
    columns = (datasette.plugin_config(PLUGIN_NAME, database=database) or {}).get("json_columns") or ()
    extra = urlencode([("_json", column) for column in columns]).encode()
    return query + (b"&" if query and extra else b"") + extra


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def record_path(scope, receive, send):
            path = None
            if scope.get("type") == "http":
                raw_path = scope.get("raw_path")
                # the router matches on raw_path too ("foo/bar" v.s. "foo%2Fbar")
                path = raw_path.decode("ascii", "replace") if raw_path else scope.get("path")
                path = (path or "").partition("?")[0]
                query = scope.get("query_string") or b""
                search = dict(parse_qsl(query.decode("utf-8", "replace"))).get("q", "")
                extended = as_download(path, with_json_columns(datasette, path, query))
                if extended != query:
                    scope = dict(scope, query_string=extended)
            token = _request_path.set(path)
            search_token = _request_search.set(search if scope.get("type") == "http" else "")
            try:
                await app(scope, receive, send)
            finally:
                _request_path.reset(token)
                _request_search.reset(search_token)

        return record_path

    return wrap


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, str):
        return None
    config = datasette.plugin_config(PLUGIN_NAME, database=database, table=table) or {}
    if table is None and column in (config.get("post_links") or ()) and _row_id(row) is not None:
        href = datasette.urls.row(database, "posts", str(_row_id(row)))
        shown = render_snippet(value, _request_search.get()) if column in (config.get("snippet_columns") or ()) \
            else escape(value)
        return Markup(f'<a href="{escape(href)}">{shown}</a>')
    html_columns = config.get("html_columns") or ()
    if column in (config.get("excerpt_columns") or ()) and not is_row_page(datasette, database, table):
        length = int(config.get("excerpt_length") or EXCERPT_LENGTH)
        return render_excerpt(value, length, html=column in html_columns or column.endswith("_html"))
    if column in html_columns:
        # an empty result would make Datasette fall back to showing the raw value, escaped
        return body_html(value, database, datasette)   # awaited by Datasette: the archive's images only
    if column in (config.get("snippet_columns") or ()):
        return render_snippet(value, _request_search.get())
    return None


def _row_id(row) -> int | None:
    """The ``id`` of a query's result row (an int), when it has one."""
    try:
        value = row["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, int) else None
