"""Datasette plugin: show archived HTML safely (datasette.md §5).

Configured in metadata.yml under the plugin name ``blogarchive-render``:

- ``html_columns``: cells are re-sanitised with the crawl-time allow-list and shown as HTML,
  so a row written without sanitising still cannot run script.
- ``snippet_columns``: cells are HTML-escaped, then only the exact ``<mark>`` and ``</mark>``
  markers from FTS ``highlight()``/``snippet()`` become tags again.

Datasette passes ``table=None`` for canned queries and arbitrary SQL, where database-level
config applies to any column of that name. Both renderings are safe for any value.
"""

from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape

from .sanitize import clean_html

PLUGIN_NAME = "blogarchive-render"


def render_snippet(value: str) -> Markup:
    """Escape ``value``, then restore only exact ``<mark>``/``</mark>`` markers."""
    escaped = str(escape(value))
    return Markup(escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))


@hookimpl
def render_cell(value, column, table, database, datasette):
    if not isinstance(value, str):
        return None
    config = datasette.plugin_config(PLUGIN_NAME, database=database, table=table) or {}
    if column in (config.get("html_columns") or ()):
        # an empty result would make Datasette fall back to showing the raw value, escaped
        return Markup(clean_html(value) or "&nbsp;")
    if column in (config.get("snippet_columns") or ()):
        return render_snippet(value)
    return None
