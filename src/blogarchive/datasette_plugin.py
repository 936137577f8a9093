"""Datasette plugin: show archived HTML safely and compactly (datasette.md §5).

Configured in metadata.yml under the plugin name ``blogarchive-render``:

- ``html_columns``: cells are re-sanitised with the crawl-time allow-list and shown as HTML,
  so a row written without sanitising still cannot run script.
- ``snippet_columns``: cells are HTML-escaped, then only the exact ``<mark>`` and ``</mark>``
  markers from FTS ``highlight()``/``snippet()`` become tags again.
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
from urllib.parse import unquote, urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

from .extract.sanitize import clean_html
from .extract.text import html_to_text

PLUGIN_NAME = "blogarchive-render"
EXCERPT_LENGTH = 250
# parse at most this much of a huge cell for its excerpt
EXCERPT_SOURCE_LIMIT = 50_000

_request_path: ContextVar[str | None] = ContextVar("blogarchive_request_path", default=None)


def render_snippet(value: str) -> Markup:
    """Escape ``value``, then restore only exact ``<mark>``/``</mark>`` markers."""
    escaped = str(escape(value))
    return Markup(escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))


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


def with_json_columns(datasette, path: str, query: bytes) -> bytes:
    """The query string of a ``.json`` request under a database, with ``_json=`` for each of the
    database's ``json_columns`` (unless the request names its own ``_json``)."""
    if not path.endswith(".json") or b"_json=" in query:
        return query
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
                extended = with_json_columns(datasette, path, query)
                if extended != query:
                    scope = dict(scope, query_string=extended)
            token = _request_path.set(path)
            try:
                await app(scope, receive, send)
            finally:
                _request_path.reset(token)

        return record_path

    return wrap


@hookimpl
def render_cell(value, column, table, database, datasette):
    if not isinstance(value, str):
        return None
    config = datasette.plugin_config(PLUGIN_NAME, database=database, table=table) or {}
    html_columns = config.get("html_columns") or ()
    if column in (config.get("excerpt_columns") or ()) and not is_row_page(datasette, database, table):
        length = int(config.get("excerpt_length") or EXCERPT_LENGTH)
        return render_excerpt(value, length, html=column in html_columns or column.endswith("_html"))
    if column in html_columns:
        # an empty result would make Datasette fall back to showing the raw value, escaped
        return Markup(clean_html(value) or "&nbsp;")
    if column in (config.get("snippet_columns") or ()):
        return render_snippet(value)
    return None
