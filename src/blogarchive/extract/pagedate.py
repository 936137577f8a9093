"""The published date of a page, from the page's own markup and htmldate's reading of it.

The page's machine-readable dates (:mod:`~blogarchive.extract.published`: JSON-LD,
``<meta>``, microdata and date markup) are kept with their time and UTC offset.
htmldate (the date library under trafilatura) reads the whole page, URL and
visible date lines included, and answers with a day. It is asked:

- when the page's markup gives no date: its day is the date;
- when the markup gives a time in UTC (``Z``, ``+00:00``) or with no offset, and
  htmldate's day is the day before or after: the post was published on htmldate's
  day in the blog's own time zone (a post of 9 pm in New York is the next day in
  UTC), and that day is the date.

htmldate is asked for the original publication date, never the last change.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from htmldate import find_date

from blogarchive.extract.dates import url_date, utc_or_naive
from blogarchive.extract.tree import Element

log = logging.getLogger(__name__)


def page_published(markup: str | None, source: str | None, tree: Element | None,
                   url: str | None) -> tuple[str | None, str | None]:
    """The published date and its source: the markup's date, reconciled with htmldate's day
    when the markup has none or gives a time in UTC or without an offset (htmldate is not
    asked otherwise)."""
    if markup and not utc_or_naive(markup):
        return markup, source
    return reconcile(markup, source, htmldate_day(tree, url))


def htmldate_day(tree: Element | None, url: str | None) -> str | None:
    """htmldate's publication day (``YYYY-MM-DD``) for the page, or None (``tree`` is not changed).

    A URL that names the post's month (``/2011/12/slug/``) bounds the search to that month:
    a copyright year or a sidebar's date elsewhere on the page is never the post's."""
    if tree is None:
        return None
    bounds = _month_bounds(url_date(url)[1]) if url else {}
    try:
        return find_date(tree, url=url or None, original_date=True, extensive_search=True,
                         outputformat="%Y-%m-%d", **bounds)
    except Exception as exc:      # a page htmldate cannot read keeps the date its markup gave
        log.debug("%s: htmldate failed (%s: %s)", url, type(exc).__name__, exc)
        return None


def reconcile(markup: str | None, source: str | None, day: str | None) -> tuple[str | None, str | None]:
    """The published date and its source from the markup's date and htmldate's ``day``."""
    if not markup:
        return (day, "htmldate") if day else (None, None)
    if not day or markup[:10] == day or not utc_or_naive(markup):
        return markup, source
    try:
        apart = abs((date.fromisoformat(markup[:10]) - date.fromisoformat(day)).days)
    except ValueError:
        return markup, source
    return (day, "htmldate") if apart == 1 else (markup, source)


def _month_bounds(month: str | None) -> dict[str, datetime]:
    """htmldate's ``min_date``/``max_date`` for a ``YYYY-MM`` month (none without one)."""
    if not month:
        return {}
    first = datetime.strptime(month, "%Y-%m")
    following = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
    return {"min_date": first, "max_date": following - timedelta(seconds=1)}
