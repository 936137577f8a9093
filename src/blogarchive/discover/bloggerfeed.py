"""Blogger's feeds API in JSON (``/feeds/posts/default?alt=json``), paged with start-index and max-results.

Blogger serves at most 100 entries a page; ``openSearch$totalResults`` tells
how many posts there are, so the whole list takes total/100 requests. Each
entry gives the permalink, title, published and updated times, labels and
author names.
"""

from __future__ import annotations

import json

from ..extract.dates import normalize_date
from ..extract.names import split_names
from ..record import Hints, Listing, Source
from ..urls import try_normalize

PAGE_SIZE = 100


def feed_url(root: str, start: int) -> str:
    return f"{root.rstrip('/')}/feeds/posts/default?alt=json&start-index={start}&max-results={PAGE_SIZE}"


class BloggerFeedError(ValueError):
    pass


def read_json_feed(body: bytes, url: str, root: str, start: int) -> Listing:
    try:
        feed = json.loads(body)["feed"]
    except (ValueError, KeyError, TypeError):
        raise BloggerFeedError(f"{url}: not a Blogger JSON feed") from None
    listing = Listing()
    for entry in feed.get("entry") or []:
        link = next((l.get("href") for l in entry.get("link", []) if l.get("rel") == "alternate"), None)
        link = try_normalize(link or "", url)
        if not link:
            continue
        authors = [n for a in entry.get("author", []) for n in split_names(_t(a.get("name")) or "")
                   if n.lower() not in ("unknown", "anonymous")]
        hints = Hints(
            title=_t(entry.get("title")),
            published=normalize_date(_t(entry.get("published"))),
            modified=normalize_date(_t(entry.get("updated"))),
            categories=[c.get("term") for c in entry.get("category", []) if c.get("term")],
            authors=authors, source="feed",
        )
        listing.add(link, hints, _t(entry.get("updated")) or "")
    try:
        listing.total = int(_t(feed.get("openSearch$totalResults")) or 0)
    except ValueError:
        listing.total = None
    if start == 1 and listing.total:
        for next_start in range(1 + PAGE_SIZE, listing.total + 1, PAGE_SIZE):
            listing.sources.append(Source(feed_url(root, next_start), "api"))
    return listing


def _t(value) -> str | None:
    return value.get("$t") if isinstance(value, dict) else None
